"""Weighted grades against hand-computed examples, on the vigesimal and the percent scale."""

from decimal import Decimal

import pytest
from django.utils import timezone

from courses.models import Assignment
from students.grades import grades_for_edition, grades_of
from tests import factories as f


@pytest.fixture
def graded(world):
    """Module A (weight 2): a quiz at 8/10 (weight 1) and an essay 15/20, a day late at 10 %/day
    (weight 3). Module B (weight 1): a quiz nobody took."""
    module_a, module_b = world.module, world.other_module
    module_a.weight, module_b.weight = Decimal("2"), Decimal("1")
    module_a.save(update_fields=["weight"])
    module_b.save(update_fields=["weight"])
    quiz = f.QuizFactory(module=module_a, title="Q1", slug="q1")
    f.QuizFactory(module=module_b, title="Q2", slug="q2")
    essay = f.AssignmentFactory(
        module=module_a, title="Policy brief", slug="brief", due_at=timezone.now(),
        weight=Decimal("3"), max_points=Decimal("20"), penalty_per_day=Decimal("10"),
    )  # fmt: skip
    for score in ["5", "8"]:
        f.QuizAttemptFactory(
            enrolment=world.ana_enrolment, quiz=quiz, score=Decimal(score), max_score=Decimal("10")
        )
    f.SubmissionFactory(
        enrolment=world.ana_enrolment, assignment=essay, days_late=1, points=Decimal("15")
    )
    return world


def _module_grade(grades, module, *, ended=False):
    grade = grades.of_module(module).summary(
        grades.programme, now=timezone.now(), ended=ended, released_only=False
    )
    return grade.value


def test_it_weighs_items_into_module_grades(graded):
    grades = grades_of(graded.ana_enrolment)
    # (1 x 0.8 + 3 x 0.75 x 0.9) / 4 = 0.70625 -> 14.125 on 0-20
    assert _module_grade(grades, graded.module) == Decimal("14.13")
    # The quiz of module B has no closing time: until the end it is still to come.
    assert _module_grade(grades, graded.other_module) is None
    assert _module_grade(grades, graded.other_module, ended=True) == Decimal("0.00")


def test_it_weighs_modules_into_the_final_grade_on_both_scales(graded):
    grades = grades_of(graded.ana_enrolment)
    now = timezone.now()
    # (2 x 0.70625 + 1 x 0) / 3 = 0.470833...
    assert grades.summary(now=now, ended=True, released_only=False).value == Decimal("9.42")
    assert grades.summary(now=now, ended=False, released_only=False).value == Decimal("14.13")
    graded.programme.grading_scale = "0-100"
    graded.programme.pass_grade = Decimal("70")
    graded.programme.save()
    graded.ana_enrolment.edition.refresh_from_db()
    grades = grades_of(graded.ana_enrolment)
    # From the module grades as shown, so that anyone can redo the sum: (2 x 70.63 + 0) / 3.
    assert grades.summary(now=now, ended=True, released_only=False).value == Decimal("47.09")


def test_it_lists_failed_required_modules(graded):
    grades = grades_of(graded.ana_enrolment)
    assert grades.failed_required_modules() == [graded.other_module]


def test_a_student_without_results_has_no_current_grade(graded):
    grades = grades_of(graded.bruno_enrolment)
    now = timezone.now()
    # The essay was due now: it counts as zero; the quizzes have no closing time.
    summary = grades.summary(now=now, ended=False, released_only=False)
    assert summary.value == Decimal("0.00")
    assert summary.missed == (f"{graded.module.title}: Policy brief",)
    assert grades.summary(now=now, ended=True, released_only=False).value == Decimal("0.00")


def test_late_penalties_never_go_below_zero(graded):
    essay = Assignment.objects.get(slug="brief")
    assert essay.late_share(0) == Decimal("1")
    assert essay.late_share(3) == Decimal("0.7")
    assert essay.late_share(30) == Decimal("0")
    essay.late_policy = Assignment.LatePolicy.NONE
    assert essay.late_share(30) == Decimal("1")


def test_it_reads_many_enrolments_in_constant_queries(graded, django_assert_num_queries):
    enrolments = [graded.ana_enrolment, graded.bruno_enrolment]
    with django_assert_num_queries(5):
        grades = grades_for_edition(graded.edition, enrolments)
    assert set(grades) == {e.pk for e in enrolments}
