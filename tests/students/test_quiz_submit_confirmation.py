"""Submitting an attempt with questions unanswered asks first, without JavaScript; a complete
attempt, or one whose time is up, is submitted at once."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from courses.models import Question
from students.models import AttemptAnswer, QuizAttempt
from tests.students.test_attempts import make_quiz
from tests.students.test_quiz_pages import ALL_KINDS, quiz_url, right_form, start
from tests.students.test_quiz_paging import attempt_url, on_page, page_form

Kind = Question.Kind


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def quiz(world):
    """Six questions, two a page: three pages."""
    return make_quiz(world.module, kinds=ALL_KINDS, questions_per_page=2, time_limit_minutes=30)


def test_it_asks_before_submitting_with_questions_unanswered(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = attempt_url(world, quiz, attempt)

    response = client.post(url, page_form(attempt, quiz, 1, action="submit"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "4 questions have no answer:" in html
    assert "Submit anyway?" in html
    for number, page in [(3, 2), (4, 2), (5, 3), (6, 3)]:
        assert f'<a href="{url}?page={page}">Question {number} (page {page})</a>' in html
    assert 'name="confirm" value="1"' in html
    assert f'href="{url}?page=1">Go back</a>' in html
    assert html.count("<h1") == 1
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.IN_PROGRESS
    assert attempt.submitted_at is None and attempt.score is None
    # The page's answers are saved while it asks.
    saved = set(AttemptAnswer.objects.filter(attempt=attempt).values_list("question", flat=True))
    assert saved == set(on_page(attempt, 1))


def test_the_confirmation_submits_with_the_saved_answers(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = attempt_url(world, quiz, attempt)
    client.post(url, page_form(attempt, quiz, 1, action="submit"))

    response = client.post(url, {"action": "submit", "confirm": "1"})

    assert response.status_code == 302 and response.url == url
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.GRADED
    assert attempt.submitted_at is not None
    assert AttemptAnswer.objects.filter(attempt=attempt).count() == 2  # page 1, kept
    assert "Your attempt is submitted." in client.get(url).content.decode()


def test_a_complete_attempt_is_submitted_at_once(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = attempt_url(world, quiz, attempt)

    response = client.post(url, {**right_form(attempt, quiz), "action": "submit"})

    assert response.status_code == 302 and response.url == url
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.SUBMITTED  # the essay waits for the instructor
    assert attempt.submitted_at is not None


def test_answers_saved_on_other_pages_count_as_answered(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = attempt_url(world, quiz, attempt)
    client.post(url, page_form(attempt, quiz, 1, goto="2"))
    client.post(url, page_form(attempt, quiz, 2, goto="3"))
    form = page_form(attempt, quiz, 3, action="submit")
    form[f"q{on_page(attempt, 3)[0]}"] = ""  # one question left blank on the last page

    response = client.post(url, form)

    html = response.content.decode()
    assert "1 question has no answer:" in html
    assert "Question 5 (page 3)" in html and "Question 1 " not in html
    assert f'href="{url}?page=3">Go back</a>' in html


def test_a_single_page_quiz_lists_questions_without_pages(client, world):
    quiz = make_quiz(world.module, kinds=[Kind.SINGLE, Kind.SHORT])
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = quiz_url(world, quiz, f"attempts/{attempt.number}/")

    response = client.post(url, {"action": "submit"})

    html = response.content.decode()
    assert "2 questions have no answer:" in html
    assert re.search(r">Question 1</a>.*>Question 2</a>", html, re.S)
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.IN_PROGRESS


def test_when_time_is_up_it_submits_without_asking(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = attempt_url(world, quiz, attempt)
    # The countdown submits the page as the deadline passes, within the grace.
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() - dt.timedelta(seconds=2)
    )

    response = client.post(url, page_form(attempt, quiz, 1, action="submit"))

    assert response.status_code == 302 and response.url == url
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.GRADED
    assert AttemptAnswer.objects.filter(attempt=attempt).count() == 2


def test_a_confirmation_after_the_attempt_was_submitted_changes_nothing(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = attempt_url(world, quiz, attempt)
    client.post(url, {**right_form(attempt, quiz), "action": "submit"})
    attempt.refresh_from_db()
    submitted_at = attempt.submitted_at

    response = client.post(url, {"action": "submit", "confirm": "1"}, follow=True)

    attempt.refresh_from_db()
    assert attempt.submitted_at == submitted_at
    assert "already submitted" in response.content.decode()


def test_only_the_student_can_confirm(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    client.force_login(world.bruno)

    response = client.post(attempt_url(world, quiz, attempt), {"action": "submit", "confirm": "1"})

    assert response.status_code == 404
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.IN_PROGRESS
