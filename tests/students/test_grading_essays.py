"""Grading the essays of quiz attempts one after another: save and grade the next one."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from courses.models import Question
from students import attempts
from students.models import QuizAttempt
from tests import factories as f
from tests.students.test_attempts import right_answers


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are checked in English, whatever the catalogue translates by now."""
    settings.LANGUAGE_CODE = "en"


def url(world, name: str, *args) -> str:
    return reverse(f"assess:{name}", args=[world.edition.slug, world.module.slug, *args])


@pytest.fixture
def quiz(world):
    quiz = f.QuizFactory(module=world.module, kinds=[Question.Kind.SINGLE, Question.Kind.ESSAY])
    quiz.module = world.module
    return quiz


def _submitted(quiz, enrolment, *, minutes_ago: int) -> QuizAttempt:
    """An attempt whose essay waits for a grade, submitted `minutes_ago`."""
    now = timezone.now() - dt.timedelta(minutes=minutes_ago)
    attempt = attempts.start_attempt(enrolment=enrolment, quiz=quiz, now=now)
    attempts.submit_attempt(attempt=attempt, answers=right_answers(quiz), now=now)
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.SUBMITTED
    return attempt


def _grade(quiz, points: str = "1.5", **extra) -> dict:
    essay = quiz.questions.get(kind=Question.Kind.ESSAY)
    return {f"points-{essay.pk}": points, f"feedback-{essay.pk}": "Cite the census.", **extra}


def test_it_saves_and_moves_on_to_the_next_attempt_waiting_for_its_essays(client, world, quiz):
    older = _submitted(quiz, world.ana_enrolment, minutes_ago=30)
    newer = _submitted(quiz, world.bruno_enrolment, minutes_ago=10)
    client.force_login(world.ivan)

    response = client.post(url(world, "attempt-grade", quiz.slug, newer.pk), _grade(quiz, next=1))

    assert response.status_code == 302
    assert response.url == url(world, "attempt-grade", quiz.slug, older.pk)
    newer.refresh_from_db()
    assert (newer.status, newer.score) == (QuizAttempt.Status.GRADED, Decimal("3.50"))
    older.refresh_from_db()
    assert older.status == QuizAttempt.Status.SUBMITTED


def test_it_skips_attempts_already_graded_and_those_of_other_quizzes(client, world, quiz):
    graded = _submitted(quiz, world.bruno_enrolment, minutes_ago=20)
    essay = quiz.questions.get(kind=Question.Kind.ESSAY)
    attempts.grade_by_hand(attempt=graded, grades={essay.pk: (Decimal("2"), "")}, by=world.ivan)
    other = f.QuizFactory(module=world.module, kinds=[Question.Kind.ESSAY])
    other.module = world.module
    _submitted(other, world.bruno_enrolment, minutes_ago=5)
    attempt = _submitted(quiz, world.ana_enrolment, minutes_ago=10)
    client.force_login(world.gus)

    response = client.post(url(world, "attempt-grade", quiz.slug, attempt.pk), _grade(quiz, next=1))

    assert response.url == url(world, "quiz-attempts", quiz.slug)
    assert "No other attempt of this quiz waits for its essays to be graded." in [
        str(message) for message in get_messages(response.wsgi_request)
    ]
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.GRADED


def test_the_plain_save_goes_back_to_the_attempts(client, world, quiz):
    attempt = _submitted(quiz, world.ana_enrolment, minutes_ago=10)
    _submitted(quiz, world.bruno_enrolment, minutes_ago=20)
    client.force_login(world.ivan)

    response = client.post(url(world, "attempt-grade", quiz.slug, attempt.pk), _grade(quiz))

    assert response.url == url(world, "quiz-attempts", quiz.slug)


def test_a_refused_grade_stays_on_the_attempt(client, world, quiz):
    attempt = _submitted(quiz, world.ana_enrolment, minutes_ago=10)
    _submitted(quiz, world.bruno_enrolment, minutes_ago=20)
    client.force_login(world.ivan)

    response = client.post(
        url(world, "attempt-grade", quiz.slug, attempt.pk), _grade(quiz, points="9", next=1)
    )

    assert response.status_code == 200
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.SUBMITTED


def test_the_page_offers_both_buttons(client, world, quiz):
    attempt = _submitted(quiz, world.ana_enrolment, minutes_ago=10)
    client.force_login(world.ivan)

    page = client.get(url(world, "attempt-grade", quiz.slug, attempt.pk)).content.decode()

    assert "Save the grades" in page
    assert 'name="next"' in page and "Save and grade the next one" in page


def test_another_modules_instructor_cannot_grade_and_move_on(client, world, quiz):
    attempt = _submitted(quiz, world.ana_enrolment, minutes_ago=10)
    client.force_login(world.olga)

    response = client.post(url(world, "attempt-grade", quiz.slug, attempt.pk), _grade(quiz, next=1))

    assert response.status_code == 403
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.SUBMITTED


def test_anonymous_visitors_are_sent_to_log_in(client, world, quiz):
    attempt = _submitted(quiz, world.ana_enrolment, minutes_ago=10)

    response = client.post(url(world, "attempt-grade", quiz.slug, attempt.pk), _grade(quiz, next=1))

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_other_methods_are_refused(client, world, quiz):
    attempt = _submitted(quiz, world.ana_enrolment, minutes_ago=10)
    client.force_login(world.ivan)

    response = client.put(url(world, "attempt-grade", quiz.slug, attempt.pk))

    assert response.status_code == 405
