"""Taking a quiz through the pages, without JavaScript: start, save, submit, review."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import Choice, Question, Quiz
from students.attempts import GRACE
from students.models import AttemptAnswer, QuizAttempt
from tests.students.test_attempts import add_question, make_quiz


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are checked in English, whatever the catalogue translates by now."""
    settings.LANGUAGE_CODE = "en"


Kind = Question.Kind
ALL_KINDS = [Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE, Kind.NUMERIC, Kind.SHORT, Kind.ESSAY]


@pytest.fixture
def quiz(world):
    return make_quiz(world.module, kinds=ALL_KINDS, time_limit_minutes=30, attempts_allowed=2)


def quiz_url(world, quiz: Quiz, suffix: str = "") -> str:
    args = [world.edition.slug, world.module.slug, quiz.slug]
    return reverse("learn:quiz-detail", args=args) + suffix


def start(client, world, quiz) -> QuizAttempt:
    response = client.post(quiz_url(world, quiz, "start/"))
    assert response.status_code == 302
    attempt = QuizAttempt.objects.get(
        enrolment=world.ana_enrolment, quiz=quiz, status="in_progress"
    )
    assert response.url == quiz_url(world, quiz, f"attempts/{attempt.number}/")
    return attempt


def position_of(attempt: QuizAttempt, question: Question, choice: Choice) -> str:
    """The value the page gives a choice: its position in this attempt's order."""
    from students.attempts import choice_order

    attempt.quiz = question.quiz
    ordered = choice_order(attempt, question, list(question.choices.order_by("order", "id")))
    return str(ordered.index(choice) + 1)


def right_form(attempt: QuizAttempt, quiz: Quiz) -> dict:
    data = {}
    for question in quiz.questions.all():
        name = f"q{question.pk}"
        if question.kind in (Kind.SINGLE, Kind.TRUE_FALSE, Kind.MULTIPLE):
            data[name] = [
                position_of(attempt, question, choice)
                for choice in question.choices.filter(fraction__gt=0)
            ]
        else:
            data[name] = {
                Kind.NUMERIC: "1951",
                Kind.SHORT: "ORGANIZACION internacional para las migraciones",
                Kind.ESSAY: "Remittances pay for schools.",
            }[question.kind]
    return data


def test_it_shows_the_quiz_with_its_rules(client, world, quiz):
    client.force_login(world.ana)

    response = client.get(quiz_url(world, quiz))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert quiz_url(world, quiz, "start/") in html
    assert response.context["question_count"] == 6


def test_students_do_not_see_unpublished_quizzes(client, world, quiz):
    quiz.is_published = False
    quiz.save()
    client.force_login(world.ana)
    assert client.get(quiz_url(world, quiz)).status_code == 404
    client.force_login(world.ivan)
    assert client.get(quiz_url(world, quiz)).status_code == 200


def test_the_page_of_an_open_attempt_holds_no_correctness_data(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)

    html = client.get(quiz_url(world, quiz, f"attempts/{attempt.number}/")).content.decode()

    assert html.count("<h1") == 1
    for word in ("is_correct", "fraction", "correct", "credit", "feedback"):
        assert word not in html.lower(), word
    for choice in Choice.objects.filter(question__quiz=quiz).exclude(feedback=""):
        assert choice.feedback not in html
    assert "IOM was founded in 1951 in Brussels." not in html  # general feedback
    assert "1951" not in html  # the numeric answer
    assert "Organización Internacional para las Migraciones" not in html  # an accepted answer
    for question in quiz.questions.all():
        assert question.text in html
    values = re.findall(r'name="q\d+" id="[^"]+" value="(\d+)"', html)
    assert set(values) <= {"1", "2", "3"}


def test_it_saves_answers_and_shows_them_again(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = quiz_url(world, quiz, f"attempts/{attempt.number}/")

    response = client.post(url, {**right_form(attempt, quiz), "action": "save"})

    assert response.status_code == 302 and response.url == url
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.IN_PROGRESS
    assert AttemptAnswer.objects.filter(attempt=attempt).count() == 6
    html = client.get(url).content.decode()
    assert "Remittances pay for schools." in html
    assert html.count(" checked") == 4  # single, true/false and two of the multiple choice


def test_it_submits_and_shows_the_feedback(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = quiz_url(world, quiz, f"attempts/{attempt.number}/")

    client.post(url, {**right_form(attempt, quiz), "action": "submit"})
    response = client.get(url)

    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.SUBMITTED  # the essay waits for the instructor
    assert attempt.score == Decimal("10.00")
    html = response.content.decode()
    assert "Right: IOM&#x27;s headquarters are in Geneva." in html
    assert "IOM was founded in 1951 in Brussels." in html
    assert "graded by hand" in html


def test_it_hides_feedback_until_the_quiz_closes(client, world, quiz):
    quiz.feedback_timing = Quiz.FeedbackTiming.AFTER_CLOSE
    quiz.closes_at = timezone.now() + dt.timedelta(days=2)
    quiz.save()
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = quiz_url(world, quiz, f"attempts/{attempt.number}/")
    client.post(url, {**right_form(attempt, quiz), "action": "submit"})

    html = client.get(url).content.decode()
    assert "Right: IOM&#x27;s headquarters are in Geneva." not in html
    assert "IOM was founded in 1951" not in html
    assert "data-score" not in html

    Quiz.objects.filter(pk=quiz.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    html = client.get(url).content.decode()
    assert "Right: IOM&#x27;s headquarters are in Geneva." in html


def test_a_quiz_that_never_shows_feedback_shows_only_the_score(client, world):
    quiz = make_quiz(world.module, kinds=[Kind.SINGLE], feedback_timing="never")
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = quiz_url(world, quiz, f"attempts/{attempt.number}/")
    client.post(url, {**right_form(attempt, quiz), "action": "submit"})

    html = client.get(url).content.decode()

    assert "data-score" in html
    assert "Right: IOM&#x27;s headquarters are in Geneva." not in html


def test_a_double_submit_keeps_the_first_score(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = quiz_url(world, quiz, f"attempts/{attempt.number}/")
    client.post(url, {**right_form(attempt, quiz), "action": "submit"})

    response = client.post(url, {"action": "submit"}, follow=True)

    attempt.refresh_from_db()
    assert attempt.score == Decimal("10.00")
    assert "already submitted" in response.content.decode()


def test_a_submit_after_the_time_limit_counts_only_saved_answers(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = quiz_url(world, quiz, f"attempts/{attempt.number}/")
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() - GRACE - dt.timedelta(seconds=1)
    )

    response = client.post(url, {**right_form(attempt, quiz), "action": "submit"}, follow=True)

    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.GRADED
    assert attempt.score == 0
    assert "Time was up" in response.content.decode()


def test_an_abandoned_attempt_is_submitted_when_the_student_comes_back(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() - dt.timedelta(hours=1)
    )

    response = client.get(quiz_url(world, quiz))

    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.GRADED
    assert response.context["current"] is None


def test_it_refuses_attempts_beyond_the_limit(client, world, quiz):
    client.force_login(world.ana)
    for _ in range(2):
        attempt = start(client, world, quiz)
        client.post(
            quiz_url(world, quiz, f"attempts/{attempt.number}/"),
            {"action": "submit", "confirm": "1"},
        )

    response = client.post(quiz_url(world, quiz, "start/"), follow=True)

    assert QuizAttempt.objects.filter(quiz=quiz).count() == 2
    assert "all the attempts" in response.content.decode()
    assert "data-refusal" in response.content.decode()


def test_a_closed_quiz_cannot_be_started(client, world, quiz):
    Quiz.objects.filter(pk=quiz.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    client.force_login(world.ana)

    response = client.post(quiz_url(world, quiz, "start/"), follow=True)

    assert not QuizAttempt.objects.exists()
    assert "closed" in response.content.decode()


def test_another_student_cannot_open_an_attempt(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    client.force_login(world.bruno)

    response = client.get(quiz_url(world, quiz, f"attempts/{attempt.number}/"))

    assert response.status_code == 404


def test_starting_needs_post(client, world, quiz):
    client.force_login(world.ana)
    assert client.get(quiz_url(world, quiz, "start/")).status_code == 405


def test_anonymous_visitors_are_sent_to_log_in(client, world, quiz):
    response = client.get(quiz_url(world, quiz))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _submit_queries(client, world, quiz) -> int:
    attempt = start(client, world, quiz)
    data = {**right_form(attempt, quiz), "action": "submit"}
    with CaptureQueriesContext(connection) as queries:
        client.post(quiz_url(world, quiz, f"attempts/{attempt.number}/"), data)
    return len(queries)


def test_the_quiz_pages_cost_the_same_queries_for_one_or_thirty_questions(client, world):
    client.force_login(world.ana)
    client.get(reverse("learn:dashboard"))  # caches the roles the navigation shows
    small = make_quiz(world.module, slug="small", kinds=[Kind.MULTIPLE])
    large = make_quiz(world.module, slug="large", kinds=ALL_KINDS[:5] * 6)
    counts = {}
    for quiz in (small, large):
        attempt = start(client, world, quiz)
        counts[quiz.slug] = (
            _page_queries(client, quiz_url(world, quiz)),
            _page_queries(client, quiz_url(world, quiz, f"attempts/{attempt.number}/")),
        )
        client.post(
            quiz_url(world, quiz, f"attempts/{attempt.number}/"),
            {"action": "submit", "confirm": "1"},
        )
        counts[quiz.slug] += (
            _page_queries(client, quiz_url(world, quiz, f"attempts/{attempt.number}/")),
        )

    assert counts["small"] == counts["large"]


def test_submitting_costs_the_same_queries_for_one_or_thirty_questions(client, world):
    client.force_login(world.ana)
    small = make_quiz(world.module, slug="small", kinds=[Kind.MULTIPLE])
    large = make_quiz(world.module, slug="large", kinds=ALL_KINDS[:5] * 6)

    assert _submit_queries(client, world, small) == _submit_queries(client, world, large)


def test_the_module_page_lists_quizzes_with_the_students_attempts(client, world, quiz):
    client.force_login(world.ana)
    start(client, world, quiz)
    make_quiz(world.module, slug="draft", is_published=False)

    html = client.get(world.module.get_absolute_url()).content.decode()

    assert quiz_url(world, quiz) in html
    assert "/quizzes/draft/" not in html
    assert "1 of 2" in html


def test_true_false_labels_follow_the_language(client, world):
    quiz = make_quiz(world.module, kinds=[Kind.TRUE_FALSE])
    add_question(quiz, Kind.SINGLE)
    client.force_login(world.ana)
    attempt = start(client, world, quiz)

    html = client.get(
        quiz_url(world, quiz, f"attempts/{attempt.number}/"), HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()

    assert ">Verdadero<" in html or ">True<" in html  # "True" until the catalogue has it
