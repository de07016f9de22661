"""The history of the grades of a quiz attempt: every score given on submission or by hand, who
gave it, when, the old and new points and why; a changed grade needs a reason."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Question
from students import attempts
from students.models import AttemptAnswer, QuizAttempt
from tests import factories as f
from tests.students.test_attempts import make_quiz, right_answers
from tests.students.test_dashboard import count_queries

Kind = Question.Kind


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are checked in English, whatever the catalogue translates by now."""
    settings.LANGUAGE_CODE = "en"


def url(world, name: str, *args) -> str:
    return reverse(f"assess:{name}", args=[world.edition.slug, world.module.slug, *args])


def submitted_attempt(world, enrolment=None, kinds=(Kind.SINGLE, Kind.ESSAY), slug="essay-quiz"):
    """A submitted attempt with every answer right; its essays wait for a grade."""
    quiz = make_quiz(world.module, slug=slug, kinds=kinds)
    quiz.module = world.module
    attempt = attempts.start_attempt(enrolment=enrolment or world.ana_enrolment, quiz=quiz)
    attempts.submit_attempt(attempt=attempt, answers=right_answers(quiz))
    attempt.refresh_from_db()
    attempt.quiz = quiz
    return attempt


def essay_of(attempt: QuizAttempt) -> AttemptAnswer:
    return AttemptAnswer.objects.get(attempt=attempt, question__kind=Kind.ESSAY)


def grade(world, attempt, points: str, reason: str = "", feedback: str = "") -> QuizAttempt:
    essay = essay_of(attempt)
    return attempts.grade_by_hand(
        attempt=attempt,
        grades={essay.question_id: (Decimal(points), feedback)},
        by=world.ivan,
        reason=reason,
    )


# Recording


def test_the_scores_given_on_submission_are_recorded_as_the_platforms(client, world):
    quiz = make_quiz(world.module, kinds=[Kind.SINGLE, Kind.ESSAY])
    quiz.module = world.module
    attempt = attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    single, essay = quiz.questions.order_by("order")
    client.force_login(world.ana)

    client.post(
        reverse("learn:attempt-detail", args=[world.edition.slug, world.module.slug, quiz.slug, 1]),
        {f"q{single.pk}": "1", f"q{essay.pk}": "Migration shapes development.", "action": "submit"},
    )

    scored = AttemptAnswer.history.get(question=single)
    assert (scored.score, scored.history_user, scored.history_change_reason) == (
        Decimal("2.00"),
        None,
        attempts.SCORED,
    )
    assert not AttemptAnswer.history.filter(question=essay).exists()  # waits for a grade
    total = QuizAttempt.history.filter(id=attempt.pk).latest()
    assert (total.score, total.status, total.history_user) == (Decimal("2.00"), "submitted", None)
    assert total.history_change_reason == attempts.SCORED


def test_a_first_grade_records_who_when_and_the_new_points_without_a_reason(world):
    attempt = submitted_attempt(world)
    before = timezone.now()

    grade(world, attempt, "1.5", feedback="Cite the census.")

    record = essay_of(attempt).history.latest()
    assert (record.score, record.feedback) == (Decimal("1.50"), "Cite the census.")
    assert (record.history_user, record.history_change_reason) == (world.ivan, attempts.GRADED)
    assert record.history_date >= before
    total = attempt.history.latest()
    assert (total.score, total.status, total.history_user) == (
        Decimal("3.50"),
        QuizAttempt.Status.GRADED,
        world.ivan,
    )
    assert total.prev_record.score == Decimal("2.00")


def test_changing_points_needs_a_reason_and_keeps_it(world):
    attempt = submitted_attempt(world)
    grade(world, attempt, "1.5")

    with pytest.raises(attempts.GradeRefused):
        grade(world, attempt, "2")
    assert essay_of(attempt).score == Decimal("1.50")

    grade(world, attempt, "2", reason="  Second reading after an appeal  ")

    record = essay_of(attempt).history.latest()
    assert (record.prev_record.score, record.score) == (Decimal("1.50"), Decimal("2.00"))
    assert record.history_change_reason == "Second reading after an appeal"
    total = attempt.history.latest()
    assert (total.prev_record.score, total.score) == (Decimal("3.50"), Decimal("4.00"))
    assert total.history_change_reason == "Second reading after an appeal"


def test_feedback_alone_changes_without_a_reason(world):
    attempt = submitted_attempt(world)
    grade(world, attempt, "1.5", feedback="Good.")

    grade(world, attempt, "1.50", feedback="Good; cite the 2017 census.")

    assert essay_of(attempt).feedback == "Good; cite the 2017 census."
    assert essay_of(attempt).history.count() == 2
    assert attempt.history.count() == 3  # started, scored, graded: the total did not move


def test_saving_the_same_grade_again_records_nothing(world):
    attempt = submitted_attempt(world)
    grade(world, attempt, "1.5", feedback="Good.")

    grade(world, attempt, "1.5", feedback="Good.")

    assert essay_of(attempt).history.count() == 1
    assert attempt.history.count() == 3


# The grading page


def test_the_first_grade_is_given_without_a_reason_field(client, world):
    attempt = submitted_attempt(world)
    essay = essay_of(attempt)
    client.force_login(world.gus)
    grade_url = url(world, "attempt-grade", attempt.quiz.slug, attempt.pk)

    assert "reason" not in client.get(grade_url).context["form"].fields
    response = client.post(grade_url, {f"points-{essay.question_id}": "1.5"})

    assert response.status_code == 302
    assert essay.history.latest().history_user == world.gus


def test_changing_a_grade_asks_why_and_keeps_what_was_typed(client, world):
    attempt = submitted_attempt(world)
    essay = essay_of(attempt)
    grade(world, attempt, "1.5")
    client.force_login(world.ivan)
    grade_url = url(world, "attempt-grade", attempt.quiz.slug, attempt.pk)
    data = {f"points-{essay.question_id}": "2", f"feedback-{essay.question_id}": "Well argued."}

    response = client.post(grade_url, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Say why you change the grade: it is kept in its history." in html
    assert "Well argued." in html
    assert 'name="reason"' in html
    essay.refresh_from_db()
    assert essay.score == Decimal("1.50")

    response = client.post(grade_url, {**data, "reason": "Appeal by the student"})

    assert response.status_code == 302
    essay.refresh_from_db()
    assert (essay.score, essay.feedback) == (Decimal("2.00"), "Well argued.")
    record = essay.history.latest()
    assert (record.history_user, record.history_change_reason) == (
        world.ivan,
        "Appeal by the student",
    )


def test_the_grading_page_links_to_the_history_for_those_who_may_see_it(client, world):
    attempt = submitted_attempt(world)
    grade_url = url(world, "attempt-grade", attempt.quiz.slug, attempt.pk)
    history_url = url(world, "attempt-history", attempt.quiz.slug, attempt.pk)

    client.force_login(world.ivan)
    assert history_url not in client.get(grade_url).content.decode()
    client.force_login(world.cora)
    assert history_url in client.get(grade_url).content.decode()


# The history page


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("ana", 403),
        ("carla", 403),
        ("olga", 403),
        ("gus", 403),
        ("ivan", 403),
        ("pablo", 403),
        ("cora", 200),
        ("root", 200),
    ],
)
def test_the_history_is_for_coordinators_and_admins(client, world, persona, status):
    attempt = submitted_attempt(world)
    client.force_login(getattr(world, persona))

    response = client.get(url(world, "attempt-history", attempt.quiz.slug, attempt.pk))

    assert response.status_code == status


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The history of grades is for coordinators and administrators."),
        ("es", "El historial de notas es para coordinadores y administradores."),
    ],
)
def test_the_refusal_says_why_in_the_readers_language(client, world, language, message):
    attempt = submitted_attempt(world)
    client.force_login(world.ivan)
    client.cookies["django_language"] = language

    response = client.get(url(world, "attempt-history", attempt.quiz.slug, attempt.pk))

    assert response.status_code == 403
    assert response.context["exception"] == message


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    attempt = submitted_attempt(world)

    response = client.get(url(world, "attempt-history", attempt.quiz.slug, attempt.pk))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_history_needs_get(client, world):
    attempt = submitted_attempt(world)
    client.force_login(world.cora)

    response = client.post(url(world, "attempt-history", attempt.quiz.slug, attempt.pk))

    assert response.status_code == 405


def test_an_attempt_of_another_quiz_is_not_found(client, world):
    attempt = submitted_attempt(world)
    other = make_quiz(world.module, slug="other-quiz")
    client.force_login(world.cora)

    response = client.get(url(world, "attempt-history", other.slug, attempt.pk))

    assert response.status_code == 404


def test_it_shows_every_change_newest_first(client, world):
    attempt = submitted_attempt(world)
    grade(world, attempt, "1.5")
    grade(world, attempt, "0.5", reason="Copied passages")
    client.force_login(world.cora)

    response = client.get(url(world, "attempt-history", attempt.quiz.slug, attempt.pk))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Copied passages" in html
    assert "Scored on submission" in html
    assert "the platform" in html
    changes = response.context["changes"]
    # essay and total twice (graded, regraded), then the single choice and the total scored
    assert len(changes) == 6
    assert html.count("data-history=") == 6
    newest = next(c for c in changes[:2] if not c.get("is_total"))
    assert (newest["old_points"], newest["record"].score) == (Decimal("1.50"), Decimal("0.50"))
    assert newest["number"] == 2
    assert newest["record"].history_user == world.ivan
    assert changes[-1]["record"].history_user is None
    dates = [change["record"].history_date for change in changes]
    assert dates == sorted(dates, reverse=True)


def test_the_history_page_costs_the_same_queries_for_one_or_many_changes(
    client, world, django_assert_num_queries
):
    small = submitted_attempt(world, kinds=[Kind.ESSAY], slug="small")
    client.force_login(world.cora)
    queries = count_queries(client, url(world, "attempt-history", small.quiz.slug, small.pk))
    big = submitted_attempt(world, kinds=[Kind.SINGLE, Kind.ESSAY] * 15, slug="big")
    essays = AttemptAnswer.objects.filter(attempt=big, question__kind=Kind.ESSAY)
    for points, reason in (("1", ""), ("2", "Appeal"), ("1.5", "Moderation")):
        attempts.grade_by_hand(
            attempt=big,
            grades={essay.question_id: (Decimal(points), "") for essay in essays},
            by=world.ivan,
            reason=reason,
        )
    for index in range(5):
        enrolment = f.EnrolmentFactory(edition=world.edition, user__username=f"learner-{index}")
        submitted_attempt(world, enrolment=enrolment, kinds=[Kind.ESSAY], slug=f"q-{index}")

    with django_assert_num_queries(queries):
        response = client.get(url(world, "attempt-history", big.quiz.slug, big.pk))

    assert len(response.context["changes"]) == 15 + 15 * 3 + 4


def test_admins_see_the_history_of_an_answer_and_an_attempt(client, world):
    attempt = submitted_attempt(world)
    grade(world, attempt, "1.5")
    grade(world, attempt, "0.5", reason="Copied passages")
    essay = essay_of(attempt)
    client.force_login(world.root)

    answer_page = client.get(reverse("admin:students_attemptanswer_history", args=[essay.pk]))
    attempt_page = client.get(reverse("admin:students_quizattempt_history", args=[attempt.pk]))

    assert answer_page.status_code == attempt_page.status_code == 200
    assert "Copied passages" in answer_page.content.decode()
    assert "Copied passages" in attempt_page.content.decode()
