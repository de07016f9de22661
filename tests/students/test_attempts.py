"""Quiz attempts: starting, saving, submitting once, time limits, attempt limits, essays."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import Choice, Question, Quiz
from students import attempts
from students.attempts import GRACE, Answer, AttemptRefused
from students.grades import grades_of
from students.models import AttemptAnswer, QuizAttempt
from tests import factories as f
from tests.concurrency import at_once


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are checked in English, whatever the catalogue translates by now."""
    settings.LANGUAGE_CODE = "en"


Kind = Question.Kind


# Other quiz tests import these two; new tests use tests.factories directly.
add_question = f.add_question


def make_quiz(module, *, slug: str = "policy-quiz", kinds=(Kind.SINGLE,), **fields) -> Quiz:
    """A published quiz of `module` with one question of each of `kinds`, 2 points each."""
    return f.QuizFactory(module=module, slug=slug, kinds=kinds, **fields)


def right_answers(quiz: Quiz) -> dict[int, Answer]:
    answers = {}
    for question in quiz.questions.prefetch_related("choices"):
        picked = [c.pk for c in question.choices.all() if c.fraction > 0]
        text = {Kind.NUMERIC: "1951", Kind.SHORT: "organizacion internacional para las migraciones",
                Kind.ESSAY: "Migration shapes development."}.get(question.kind, "")  # fmt: skip
        answers[question.pk] = Answer(picked=picked, text=text)
    return answers


@pytest.fixture
def quiz(world):
    kinds = [Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE, Kind.NUMERIC, Kind.SHORT]
    quiz = f.QuizFactory(module=world.module, kinds=kinds)
    quiz.module = world.module
    return quiz


def test_it_starts_an_attempt_with_the_questions_and_a_deadline(world, quiz):
    quiz.time_limit_minutes = 20
    before = timezone.now()

    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz, now=before)

    assert attempt.number == 1
    assert attempt.status == QuizAttempt.Status.IN_PROGRESS
    assert attempt.question_order == list(quiz.questions.values_list("pk", flat=True))
    assert attempt.deadline_at == before + dt.timedelta(minutes=20)


def test_the_quiz_closing_time_caps_the_deadline(world, quiz):
    now = timezone.now()
    quiz.time_limit_minutes = 60
    quiz.closes_at = now + dt.timedelta(minutes=10)

    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz, now=now)

    assert attempt.deadline_at == quiz.closes_at


def test_starting_again_resumes_the_attempt_in_progress(world, quiz):
    first = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    again = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)

    assert again.pk == first.pk
    assert QuizAttempt.objects.count() == 1


def test_it_refuses_attempts_beyond_the_allowed_number(world, quiz):
    quiz.attempts_allowed = 2
    quiz.save()
    for _ in range(2):
        attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
        attempts.submit_attempt(attempt=attempt)

    with pytest.raises(AttemptRefused, match="all the attempts"):
        attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    assert list(QuizAttempt.objects.values_list("number", flat=True)) == [1, 2]


@pytest.mark.parametrize(
    "opens, closes, message",
    [(1, None, "not open yet"), (None, -1, "closed")],
)
def test_it_refuses_to_start_outside_the_quiz_dates(world, quiz, opens, closes, message):
    now = timezone.now()
    quiz.opens_at = now + dt.timedelta(hours=opens) if opens else None
    quiz.closes_at = now + dt.timedelta(hours=closes) if closes else None

    with pytest.raises(AttemptRefused, match=message):
        attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz, now=now)


def test_it_refuses_unpublished_quizzes_and_students_of_other_editions(world, quiz):
    with pytest.raises(AttemptRefused):
        attempts.start_attempt(enrolment=world.carla_enrolment, quiz=quiz)
    quiz.is_published = False
    with pytest.raises(AttemptRefused):
        attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    assert not QuizAttempt.objects.exists()


def test_it_saves_answers_and_scores_them_on_submit(world, quiz):
    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)

    saved = attempts.save_answers(attempt=attempt, answers=right_answers(quiz))
    result = attempts.submit_attempt(attempt=attempt)

    assert saved.outcome == attempts.SAVED
    assert result.outcome == attempts.SUBMITTED
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.GRADED
    assert attempt.score == attempt.max_score == Decimal("10.00")
    assert attempt.submitted_at is not None


def test_saving_again_replaces_the_previous_answers(world, quiz):
    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    single = quiz.questions.get(kind=Kind.SINGLE)
    geneva, lima = single.choices.order_by("order")[:2]
    attempts.save_answers(attempt=attempt, answers={single.pk: Answer(picked=[lima.pk])})

    attempts.save_answers(attempt=attempt, answers={single.pk: Answer(picked=[geneva.pk])})
    attempts.submit_attempt(attempt=attempt)

    answer = AttemptAnswer.objects.get(attempt=attempt, question=single)
    assert list(answer.choices.all()) == [geneva]
    assert answer.score == Decimal("2.00")


def test_it_ignores_choices_of_other_questions(world, quiz):
    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    single = quiz.questions.get(kind=Kind.SINGLE)
    stranger = Choice.objects.filter(question__kind=Kind.MULTIPLE).first()

    attempts.submit_attempt(attempt=attempt, answers={single.pk: Answer(picked=[stranger.pk])})

    assert not AttemptAnswer.objects.get(question=single).choices.exists()


def test_saving_some_questions_leaves_the_others_as_they_were(world, quiz):
    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    attempts.save_answers(attempt=attempt, answers=right_answers(quiz))
    single = quiz.questions.get(kind=Kind.SINGLE)
    numeric = quiz.questions.get(kind=Kind.NUMERIC)

    result = attempts.save_answers(
        attempt=attempt, answers={single.pk: Answer(), numeric.pk: Answer(text="1950")}
    )

    assert result.outcome == attempts.SAVED
    stored = attempts.attempt_answers(attempt)
    assert not attempts.is_answered(stored[single.pk])  # an empty Answer clears
    assert stored[numeric.pk].text == "1950"
    others = [pk for pk in attempt.question_order if pk not in (single.pk, numeric.pk)]
    assert all(attempts.is_answered(stored[pk]) for pk in others)
    attempts.submit_attempt(attempt=attempt, answers={})
    attempt.refresh_from_db()
    assert attempt.score == Decimal("6.00")  # multiple, true/false and short still count


def test_submitting_one_page_scores_it_with_the_answers_saved_on_the_others(world, quiz):
    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    everything = right_answers(quiz)
    first, rest = attempt.question_order[:2], attempt.question_order[2:]
    attempts.save_answers(attempt=attempt, answers={pk: everything[pk] for pk in first})

    attempts.submit_attempt(attempt=attempt, answers={pk: everything[pk] for pk in rest})

    attempt.refresh_from_db()
    assert attempt.score == attempt.max_score == Decimal("10.00")


@pytest.mark.parametrize(
    "count, per_page, sizes",
    [(5, 0, [5]), (5, 2, [2, 2, 1]), (4, 2, [2, 2]), (3, 10, [3]), (0, 3, [0])],
)
def test_it_cuts_the_questions_into_pages(count, per_page, sizes):
    pages = attempts.paginate(list(range(count)), per_page)

    assert [len(page) for page in pages] == sizes
    assert [item for page in pages for item in page] == list(range(count))
    assert attempts.page_count(count, per_page) == len(sizes)


def test_a_second_submit_changes_nothing(world, quiz):
    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    first = attempts.submit_attempt(attempt=attempt, answers=right_answers(quiz))

    second = attempts.submit_attempt(attempt=attempt, answers={})

    assert second.outcome == attempts.ALREADY_SUBMITTED
    assert second.attempt.score == first.attempt.score == Decimal("10.00")
    assert second.attempt.submitted_at == first.attempt.submitted_at
    saved = attempts.save_answers(attempt=attempt, answers={})
    assert saved.outcome == attempts.ALREADY_SUBMITTED


def test_answers_within_the_grace_period_count(world, quiz):
    quiz.time_limit_minutes = 5
    start = timezone.now()
    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz, now=start)
    late = attempt.deadline_at + GRACE - dt.timedelta(seconds=1)

    result = attempts.submit_attempt(attempt=attempt, answers=right_answers(quiz), now=late)

    assert result.outcome == attempts.SUBMITTED
    assert result.attempt.score == Decimal("10.00")


def test_answers_after_the_time_limit_are_not_counted(world, quiz):
    quiz.time_limit_minutes = 5
    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    single = quiz.questions.get(kind=Kind.SINGLE)
    geneva = single.choices.get(text="Geneva")
    attempts.save_answers(attempt=attempt, answers={single.pk: Answer(picked=[geneva.pk])})
    too_late = attempt.deadline_at + GRACE + dt.timedelta(seconds=1)

    result = attempts.submit_attempt(attempt=attempt, answers=right_answers(quiz), now=too_late)

    assert result.outcome == attempts.TIME_UP
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.GRADED
    assert attempt.score == Decimal("2.00")  # only the answer saved in time
    assert attempt.submitted_at == attempt.deadline_at
    again = attempts.submit_attempt(attempt=attempt, answers=right_answers(quiz), now=too_late)
    assert again.outcome == attempts.ALREADY_SUBMITTED


def test_saving_after_the_time_limit_submits_the_attempt(world, quiz):
    quiz.time_limit_minutes = 5
    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    too_late = attempt.deadline_at + GRACE + dt.timedelta(seconds=1)

    result = attempts.save_answers(attempt=attempt, answers=right_answers(quiz), now=too_late)

    assert result.outcome == attempts.TIME_UP
    assert QuizAttempt.objects.get().score == 0


def test_a_quiz_closed_after_the_start_ends_the_attempt(world, quiz):
    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    quiz.closes_at = timezone.now() - dt.timedelta(minutes=1)
    quiz.save()

    result = attempts.submit_attempt(attempt=attempt, answers=right_answers(quiz))

    assert result.outcome == attempts.TIME_UP
    assert result.attempt.score == 0


def test_starting_after_an_abandoned_attempt_submits_it_first(world, quiz):
    quiz.time_limit_minutes = 5
    quiz.attempts_allowed = 2
    start = timezone.now() - dt.timedelta(hours=1)
    first = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz, now=start)
    first.deadline_at = start + dt.timedelta(minutes=5)
    first.save(update_fields=["deadline_at"])

    second = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)

    first.refresh_from_db()
    assert first.status == QuizAttempt.Status.GRADED
    assert second.number == 2


def test_it_finishes_overdue_attempts(world, quiz):
    quiz.time_limit_minutes = 5
    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    attempts.start_attempt(enrolment=world.bruno_enrolment, quiz=quiz)
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        deadline_at=timezone.now() - dt.timedelta(minutes=1)
    )

    assert attempts.finish_overdue(quiz=quiz) == 1
    assert attempts.finish_overdue(quiz=quiz) == 0
    assert list(QuizAttempt.objects.order_by("pk").values_list("status", flat=True)) == [
        "graded",
        "in_progress",
    ]


def _module_grade(world):
    grades = grades_of(world.ana_enrolment)
    return grades.of_module(world.module).summary(
        world.programme, now=timezone.now(), ended=False, released_only=False
    )


def test_essays_wait_for_the_instructor(world):
    quiz = f.QuizFactory(module=world.module, kinds=[Kind.SINGLE, Kind.ESSAY])
    quiz.module = world.module
    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    result = attempts.submit_attempt(attempt=attempt, answers=right_answers(quiz))
    assert result.attempt.status == QuizAttempt.Status.SUBMITTED
    waiting = _module_grade(world)
    assert waiting.value is None and waiting.waiting == (quiz.title,)
    essay = quiz.questions.get(kind=Kind.ESSAY)

    graded = attempts.grade_by_hand(
        attempt=attempt, grades={essay.pk: (Decimal("1.5"), "Cite the census.")}, by=world.ivan
    )

    assert graded.status == QuizAttempt.Status.GRADED
    assert graded.score == Decimal("3.50")
    assert AttemptAnswer.objects.get(question=essay).feedback == "Cite the census."
    # 3.5 / 4 of the module's only item, on the 0-20 scale
    assert _module_grade(world).value == Decimal("17.50")


def test_a_blank_essay_needs_no_grading(world):
    quiz = f.QuizFactory(module=world.module, kinds=[Kind.ESSAY])
    quiz.module = world.module
    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)

    result = attempts.submit_attempt(attempt=attempt, answers={})

    assert result.attempt.status == QuizAttempt.Status.GRADED
    assert result.attempt.score == 0


def test_hand_grades_stay_within_the_points(world):
    quiz = f.QuizFactory(module=world.module, kinds=[Kind.ESSAY])
    quiz.module = world.module
    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    attempts.submit_attempt(attempt=attempt, answers=right_answers(quiz))
    essay = quiz.questions.get()

    with pytest.raises(ValueError):
        attempts.grade_by_hand(attempt=attempt, grades={essay.pk: (Decimal("3"), "")}, by=None)


def test_shuffling_is_a_permutation_fixed_for_the_attempt(world):
    quiz = f.QuizFactory(
        module=world.module, kinds=[Kind.SINGLE] * 12, shuffle_questions=True, shuffle_choices=True
    )
    quiz.module = world.module
    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    attempt.quiz = quiz

    assert sorted(attempt.question_order) == sorted(quiz.questions.values_list("pk", flat=True))
    question = quiz.questions.first()
    options = list(question.choices.all())
    order = attempts.choice_order(attempt, question, options)
    assert sorted(c.pk for c in order) == sorted(c.pk for c in options)
    assert attempts.choice_order(attempt, question, options) == order


def test_submitting_costs_the_same_queries_for_one_or_thirty_questions(world):
    def submit_queries(quiz: Quiz) -> int:
        quiz.module = world.module
        attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
        answers = right_answers(quiz)
        with CaptureQueriesContext(connection) as queries:
            attempts.submit_attempt(attempt=attempt, answers=answers)
        return len(queries)

    small = submit_queries(f.QuizFactory(module=world.module, slug="one", kinds=[Kind.MULTIPLE]))
    kinds = [Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE, Kind.NUMERIC, Kind.SHORT] * 6
    large = submit_queries(f.QuizFactory(module=world.module, slug="thirty", kinds=kinds))

    assert small == large


@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_grade_the_attempt_once():
    if connection.vendor != "postgresql":
        pytest.skip("row locks (select_for_update) need PostgreSQL; SQLite serialises writes")
    from tests.conftest import build_world

    world = build_world()
    quiz = f.QuizFactory(module=world.module, kinds=[Kind.SINGLE, Kind.MULTIPLE, Kind.NUMERIC])
    quiz.module = world.module
    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    answers = right_answers(quiz)
    copies = [QuizAttempt.objects.select_related("quiz").get(pk=attempt.pk) for _ in range(4)]
    outcomes = [
        result.outcome
        for result in at_once([
            lambda copy=copy: attempts.submit_attempt(attempt=copy, answers=answers)
            for copy in copies
        ])
    ]  # fmt: skip

    assert sorted(outcomes) == [attempts.ALREADY_SUBMITTED] * 3 + [attempts.SUBMITTED]
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.GRADED
    assert attempt.score == Decimal("6.00")
    assert AttemptAnswer.objects.filter(attempt=attempt).count() == 3
    assert QuizAttempt.objects.filter(status=QuizAttempt.Status.GRADED).count() == 1
