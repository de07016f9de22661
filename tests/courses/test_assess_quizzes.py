"""Authoring quizzes in the instructor's workspace: settings, questions of every type, order."""

from decimal import Decimal

import pytest
from django.urls import reverse

from courses.models import Choice, Question, Quiz
from students import attempts
from students.models import QuizAttempt
from tests import factories as f
from tests.students.test_attempts import right_answers


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are checked in English, whatever the catalogue translates by now."""
    settings.LANGUAGE_CODE = "en"


Kind = Question.Kind


def url(world, name: str, *args) -> str:
    return reverse(f"assess:{name}", args=[world.edition.slug, world.module.slug, *args])


QUIZ_DATA = {
    "title": "Migration policy: first check",
    "instructions": "Answer **alone**.",
    "time_limit_minutes": "20",
    "attempts_allowed": "2",
    "questions_per_page": "0",
    "pass_mark": "60",
    "weight": "1",
    "feedback_timing": "after_submit",
    "is_published": "on",
}


def test_the_overview_lists_quizzes_and_assignments(client, world):
    f.QuizFactory(module=world.module, slug="first", kinds=[Kind.SINGLE])
    client.force_login(world.ivan)

    response = client.get(url(world, "overview"))

    assert response.status_code == 200
    assert url(world, "quiz-edit", "first") in response.content.decode()
    assert response.content.decode().count("<h1") == 1


def test_it_creates_a_quiz_with_a_unique_slug(client, world):
    client.force_login(world.ivan)

    first = client.post(url(world, "quiz-create"), QUIZ_DATA)
    second = client.post(url(world, "quiz-create"), QUIZ_DATA)

    assert first.status_code == second.status_code == 302
    assert list(Quiz.objects.order_by("pk").values_list("slug", flat=True)) == [
        "migration-policy-first-check",
        "migration-policy-first-check-2",
    ]
    quiz = Quiz.objects.first()
    assert (quiz.module, quiz.time_limit_minutes, quiz.is_published) == (world.module, 20, True)


def test_a_quiz_never_takes_a_reserved_slug(client, world):
    client.force_login(world.ivan)

    client.post(url(world, "quiz-create"), {**QUIZ_DATA, "title": "New"})

    assert Quiz.objects.get().slug == "new-2"


def test_it_keeps_what_was_typed_when_the_dates_are_wrong(client, world):
    client.force_login(world.ivan)
    data = {
        **QUIZ_DATA,
        "opens_at": "2026-05-02T10:00",
        "closes_at_0": "2026-05-01",
        "closes_at_1": "10:00",
    }

    response = client.post(url(world, "quiz-create"), data)

    assert response.status_code == 200
    assert "Migration policy: first check" in response.content.decode()
    assert not Quiz.objects.exists()


def test_feedback_after_closing_needs_a_closing_date(client, world):
    client.force_login(world.ivan)

    response = client.post(
        url(world, "quiz-create"), {**QUIZ_DATA, "feedback_timing": "after_close"}
    )

    assert response.status_code == 200
    assert not Quiz.objects.exists()


@pytest.fixture
def quiz(world):
    return f.QuizFactory(module=world.module)


def test_it_adds_a_single_choice_question_with_feedback(client, world, quiz):
    client.force_login(world.gus)
    data = {
        "text": "Where is IOM based?", "points": "2", "general_feedback": "Since 1951.",
        "choices-TOTAL_FORMS": "3", "choices-INITIAL_FORMS": "0",
        "choices-0-text": "Geneva", "choices-0-fraction": "100", "choices-0-feedback": "Yes.",
        "choices-1-text": "Lima", "choices-1-fraction": "0", "choices-1-feedback": "No.",
        "choices-2-text": "", "choices-2-fraction": "0",
    }  # fmt: skip

    response = client.post(url(world, "question-create", quiz.slug) + "?kind=single", data)

    assert response.status_code == 302
    question = quiz.questions.get()
    assert (question.kind, question.points, question.order) == (Kind.SINGLE, Decimal("2"), 1)
    assert list(question.choices.values_list("text", "fraction", "is_correct", "feedback")) == [
        ("Geneva", Decimal("100"), True, "Yes."),
        ("Lima", Decimal("0"), False, "No."),
    ]


def test_multiple_choice_credits_must_add_up_to_100(client, world, quiz):
    client.force_login(world.ivan)
    data = {
        "text": "Remittance channels?", "points": "1",
        "choices-TOTAL_FORMS": "2", "choices-INITIAL_FORMS": "0",
        "choices-0-text": "Banks", "choices-0-fraction": "50",
        "choices-1-text": "Operators", "choices-1-fraction": "30",
    }  # fmt: skip

    response = client.post(url(world, "question-create", quiz.slug) + "?kind=multiple", data)

    assert response.status_code == 200
    assert "100" in response.content.decode()
    assert "Banks" in response.content.decode()
    assert not quiz.questions.exists()


def test_it_adds_true_false_numeric_short_and_essay_questions(client, world, quiz):
    client.force_login(world.ivan)
    create = url(world, "question-create", quiz.slug)
    forms = {
        "true_false": {"text": "IOM joined the UN in 2016.", "points": "1", "truth": "true",
                       "feedback_true": "Right.", "feedback_false": "It did, in 2016."},
        "numeric": {"text": "Founding year of IOM?", "points": "1", "numeric_answer": "1951",
                    "tolerance": "0"},
        "short": {"text": "Spell out OIM.", "points": "1",
                  "choices-TOTAL_FORMS": "1", "choices-INITIAL_FORMS": "0",
                  "choices-0-text": "Organización Internacional para las Migraciones",
                  "choices-0-fraction": "100"},
        "essay": {"text": "Discuss.", "points": "5"},
    }  # fmt: skip
    for kind, data in forms.items():
        assert client.post(f"{create}?kind={kind}", data).status_code == 302, kind

    assert list(quiz.questions.values_list("kind", flat=True)) == list(forms)
    true_false = quiz.questions.get(kind=Kind.TRUE_FALSE)
    assert list(true_false.choices.values_list("text", "fraction", "feedback")) == [
        ("True", Decimal("100"), "Right."),
        ("False", Decimal("0"), "It did, in 2016."),
    ]
    assert quiz.questions.get(kind=Kind.NUMERIC).numeric_answer == 1951


def test_a_numeric_question_needs_its_answer(client, world, quiz):
    client.force_login(world.ivan)

    response = client.post(
        url(world, "question-create", quiz.slug) + "?kind=numeric", {"text": "?", "points": "1"}
    )

    assert response.status_code == 200
    assert not quiz.questions.exists()


def test_without_a_kind_it_asks_for_one(client, world, quiz):
    client.force_login(world.ivan)

    response = client.get(url(world, "question-create", quiz.slug))

    assert response.status_code == 200
    assert "?kind=essay" in response.content.decode()


def test_editing_removes_an_emptied_choice(client, world):
    quiz = f.QuizFactory(module=world.module, kinds=[Kind.SINGLE])
    question = quiz.questions.get()
    geneva, lima, new_york = question.choices.order_by("order")
    client.force_login(world.ivan)
    data = {
        "text": "Where?", "points": "3",
        "choices-TOTAL_FORMS": "3", "choices-INITIAL_FORMS": "0",
        "choices-0-id": geneva.pk, "choices-0-text": "Geneva", "choices-0-fraction": "100",
        "choices-1-id": lima.pk, "choices-1-text": "Lima", "choices-1-fraction": "0",
        "choices-2-id": new_york.pk, "choices-2-text": "", "choices-2-fraction": "0",
    }  # fmt: skip

    response = client.post(url(world, "question-edit", quiz.slug, question.pk), data)

    assert response.status_code == 302
    assert list(question.choices.values_list("pk", flat=True)) == [geneva.pk, lima.pk]


def test_a_picked_choice_is_never_removed(client, world):
    quiz = f.QuizFactory(module=world.module, kinds=[Kind.SINGLE])
    quiz.module = world.module
    question = quiz.questions.get()
    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    attempts.submit_attempt(attempt=attempt, answers=right_answers(quiz))
    geneva = question.choices.get(text="Geneva")
    client.force_login(world.ivan)
    data = {
        "text": "Where?", "points": "2", "choices-TOTAL_FORMS": "2", "choices-INITIAL_FORMS": "0",
        "choices-0-text": "Bern", "choices-0-fraction": "100",
        "choices-1-text": "Lima", "choices-1-fraction": "0",
    }  # fmt: skip

    response = client.post(url(world, "question-edit", quiz.slug, question.pk), data, follow=True)

    assert "cannot be removed" in response.content.decode()
    assert Choice.objects.filter(pk=geneva.pk).exists()
    question.refresh_from_db()
    assert question.text.startswith("Question 1")


def test_it_reorders_and_deletes_unanswered_questions(client, world):
    quiz = f.QuizFactory(module=world.module, kinds=[Kind.SINGLE, Kind.ESSAY, Kind.NUMERIC])
    first, second, third = quiz.questions.order_by("order")
    client.force_login(world.ivan)

    client.post(url(world, "question-move", quiz.slug, third.pk), {"direction": "up"})
    client.post(url(world, "question-delete", quiz.slug, first.pk))

    assert list(quiz.questions.order_by("order").values_list("pk", flat=True)) == [
        third.pk,
        second.pk,
    ]


def test_an_answered_question_or_attempted_quiz_is_not_deleted(client, world):
    quiz = f.QuizFactory(module=world.module, kinds=[Kind.SINGLE])
    quiz.module = world.module
    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    attempts.submit_attempt(attempt=attempt, answers=right_answers(quiz))
    question = quiz.questions.get()
    client.force_login(world.ivan)

    client.post(url(world, "question-delete", quiz.slug, question.pk))
    client.post(url(world, "quiz-delete", quiz.slug))

    assert Question.objects.filter(pk=question.pk).exists()
    assert Quiz.objects.filter(pk=quiz.pk).exists()


def test_an_unused_quiz_is_deleted(client, world):
    quiz = f.QuizFactory(module=world.module, kinds=[Kind.SINGLE, Kind.SHORT])
    client.force_login(world.ivan)

    response = client.post(url(world, "quiz-delete", quiz.slug))

    assert response.status_code == 302
    assert not Quiz.objects.exists() and not Choice.objects.exists()


def test_another_modules_instructor_cannot_author(client, world, quiz):
    client.force_login(world.olga)

    response = client.post(url(world, "quiz-edit", quiz.slug), {**QUIZ_DATA, "title": "Mine"})

    assert response.status_code == 403
    quiz.refresh_from_db()
    assert quiz.title != "Mine"


def test_essays_are_graded_by_hand(client, world):
    quiz = f.QuizFactory(module=world.module, kinds=[Kind.SINGLE, Kind.ESSAY])
    quiz.module = world.module
    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    attempts.submit_attempt(attempt=attempt, answers=right_answers(quiz))
    essay = quiz.questions.get(kind=Kind.ESSAY)
    client.force_login(world.ivan)
    grade_url = url(world, "attempt-grade", quiz.slug, attempt.pk)

    listing = client.get(url(world, "quiz-attempts", quiz.slug)).content.decode()
    assert grade_url in listing
    response = client.post(
        grade_url, {f"points-{essay.pk}": "1.5", f"feedback-{essay.pk}": "Cite the census."}
    )

    assert response.status_code == 302
    attempt.refresh_from_db()
    assert (attempt.status, attempt.score) == (QuizAttempt.Status.GRADED, Decimal("3.50"))


def test_the_attempts_page_costs_the_same_queries_for_one_or_thirty(
    client, world, django_assert_num_queries
):
    from tests.students.test_dashboard import count_queries

    quiz = f.QuizFactory(module=world.module, kinds=[Kind.SINGLE])
    quiz.module = world.module
    attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    client.force_login(world.ivan)
    small = count_queries(client, url(world, "quiz-attempts", quiz.slug))
    for index in range(30):
        enrolment = f.EnrolmentFactory(edition=world.edition, user__username=f"learner-{index}")
        attempts.start_attempt(enrolment=enrolment, quiz=quiz)

    with django_assert_num_queries(small):
        client.get(url(world, "quiz-attempts", quiz.slug))
