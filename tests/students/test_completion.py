"""The pass rules against hand-built cases, at each boundary."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import Assignment, LiveSession
from students.completion import RuleKey, Standing, completion_for, completion_of
from students.models import Attendance, Enrolment, LessonProgress, Submission
from tests import factories as f

NOW = timezone.now()


def _session(module, *, days_ago: int, minutes: int = 60) -> LiveSession:
    starts_at = NOW - dt.timedelta(days=days_ago)
    return LiveSession.objects.create(
        module=module, topic=f"Seminar {days_ago}", starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=minutes),
    )  # fmt: skip


def _attend(enrolment, session, status=Attendance.Status.PRESENT) -> None:
    Attendance.objects.update_or_create(
        enrolment=enrolment, session=session, defaults={"status": status}
    )


def _assignment(module, slug: str) -> Assignment:
    return Assignment.objects.create(
        module=module, title=slug, slug=slug, instructions="Write.", due_at=NOW,
        max_points=Decimal("20"), is_published=True,
    )  # fmt: skip


def _grade(enrolment, assignment, points: str) -> None:
    Submission.objects.update_or_create(
        enrolment=enrolment, assignment=assignment,
        defaults={"submitted_at": NOW, "points": Decimal(points)},
    )  # fmt: skip


@pytest.fixture
def course(world):
    """Ana joined 60 days ago. Five past sessions of an hour, attendance taken; one essay per
    module; programme: 11/20 to pass, 80 % attendance, 3 hours, required modules passed."""
    programme = world.programme
    programme.pass_grade, programme.min_attendance, programme.required_hours = Decimal(11), 80, 3
    programme.require_all_required_modules = True
    programme.save()
    Enrolment.objects.filter(edition=world.edition).update(decided_at=NOW - dt.timedelta(days=60))
    world.ana_enrolment.refresh_from_db()
    world.bruno_enrolment.refresh_from_db()
    world.sessions = [_session(world.module, days_ago=days) for days in (50, 40, 30, 20, 10)]
    world.essay = _assignment(world.module, "essay")
    world.other_essay = _assignment(world.other_module, "other-essay")
    for session in world.sessions:
        _attend(world.ana_enrolment, session)
    _grade(world.ana_enrolment, world.essay, "16")
    _grade(world.ana_enrolment, world.other_essay, "16")
    return world


def _check(world):
    return completion_of(world.ana_enrolment, now=NOW)


def test_it_qualifies_a_student_who_meets_every_rule(course):
    result = _check(course)
    assert result.qualifies
    assert result.standing == Standing.QUALIFIES
    assert [rule.key for rule in result.rules] == [
        RuleKey.GRADE, RuleKey.ATTENDANCE, RuleKey.MODULES, RuleKey.HOURS
    ]  # fmt: skip
    assert result.final_grade == Decimal("16.00")
    assert result.attendance == Decimal(100)
    assert result.hours == Decimal("5.0")


def test_a_grade_exactly_at_the_pass_grade_passes(course):
    _grade(course.ana_enrolment, course.essay, "11")
    _grade(course.ana_enrolment, course.other_essay, "11")
    result = _check(course)
    assert result.final_grade == Decimal("11.00")
    assert result.rule(RuleKey.GRADE).met
    assert result.qualifies


def test_a_grade_just_below_the_pass_grade_fails(course):
    _grade(course.ana_enrolment, course.essay, "10.99")
    _grade(course.ana_enrolment, course.other_essay, "10.99")
    result = _check(course)
    rule = result.rule(RuleKey.GRADE)
    assert result.final_grade == Decimal("10.99")
    assert not rule.met and not result.qualifies
    assert "0.01" in rule.missing
    assert result.standing == Standing.CLOSE


def test_missing_work_counts_as_zero(course):
    Submission.objects.filter(assignment=course.other_essay).delete()
    result = _check(course)
    assert result.final_grade == Decimal("8.00")
    assert not result.rule(RuleKey.GRADE).met


def test_attendance_exactly_at_the_minimum_passes(course):
    _attend(course.ana_enrolment, course.sessions[0], Attendance.Status.ABSENT)
    result = _check(course)
    assert result.attendance == Decimal(80)
    assert result.rule(RuleKey.ATTENDANCE).met
    assert result.qualifies


def test_attendance_below_the_minimum_fails_and_no_record_counts_as_missed(course):
    _attend(course.ana_enrolment, course.sessions[0], Attendance.Status.ABSENT)
    course.ana_enrolment.attendance.filter(session=course.sessions[1]).delete()
    _attend(course.bruno_enrolment, course.sessions[1])
    result = _check(course)
    assert result.attendance == Decimal(60)
    rule = result.rule(RuleKey.ATTENDANCE)
    assert not rule.met
    assert "20" in rule.missing


def test_late_counts_as_attended_and_excused_leaves_the_count(course):
    _attend(course.ana_enrolment, course.sessions[0], Attendance.Status.LATE)
    _attend(course.ana_enrolment, course.sessions[1], Attendance.Status.EXCUSED)
    _attend(course.ana_enrolment, course.sessions[2], Attendance.Status.ABSENT)
    result = _check(course)
    assert (result.sessions_attended, result.sessions_counted) == (3, 4)
    assert result.sessions_excused == 1
    assert result.attendance == Decimal(75)


def test_only_sessions_held_since_joining_with_attendance_taken_count(course):
    before = _session(course.module, days_ago=90)
    untaken = _session(course.module, days_ago=5)
    upcoming = LiveSession.objects.create(
        module=course.module, topic="Next", starts_at=NOW + dt.timedelta(days=2),
        ends_at=NOW + dt.timedelta(days=2, hours=1),
    )  # fmt: skip
    _attend(course.bruno_enrolment, before)
    _attend(course.bruno_enrolment, upcoming)
    result = _check(course)
    assert result.sessions_counted == 5
    assert untaken.pk and result.attendance == Decimal(100)


def test_a_failed_required_module_fails_even_with_a_passing_final_grade(course):
    _grade(course.ana_enrolment, course.essay, "20")
    _grade(course.ana_enrolment, course.other_essay, "4")
    result = _check(course)
    assert result.final_grade == Decimal("12.00")
    assert result.rule(RuleKey.GRADE).met
    rule = result.rule(RuleKey.MODULES)
    assert not rule.met
    assert course.other_module.title in rule.missing
    assert not result.qualifies


def test_a_failed_elective_module_does_not_block(course):
    course.other_module.is_required = False
    course.other_module.save()
    _grade(course.ana_enrolment, course.essay, "20")
    _grade(course.ana_enrolment, course.other_essay, "4")
    assert _check(course).qualifies


def test_hours_exactly_at_the_requirement_pass_and_a_minute_short_fails(course):
    course.programme.required_hours = 6
    course.programme.save()
    course.ana_enrolment.edition.programme.refresh_from_db()
    lesson = course.lesson
    lesson.minutes = 59
    lesson.save()
    LessonProgress.objects.create(enrolment=course.ana_enrolment, lesson=lesson)
    result = _check(course)
    assert result.minutes == 5 * 60 + 59
    rule = result.rule(RuleKey.HOURS)
    assert not rule.met and rule.missing
    assert result.standing == Standing.CLOSE

    lesson.minutes = 60
    lesson.save()
    assert _check(course).rule(RuleKey.HOURS).met


def test_attended_sessions_count_their_minutes_towards_the_hours(course):
    course.programme.required_hours = 5
    course.programme.save()
    course.ana_enrolment.attendance.filter(session=course.sessions[0]).update(
        status=Attendance.Status.ABSENT
    )
    result = _check(course)
    assert result.session_minutes == 4 * 60
    assert not result.rule(RuleKey.HOURS).met


def test_a_student_far_from_every_rule_is_at_risk(course):
    result = completion_of(course.bruno_enrolment, now=NOW)
    assert result.standing == Standing.AT_RISK
    assert {rule.key for rule in result.unmet} == {
        RuleKey.GRADE, RuleKey.ATTENDANCE, RuleKey.MODULES, RuleKey.HOURS
    }  # fmt: skip


def test_an_edition_without_graded_work_has_no_grade_rules(world):
    result = completion_of(world.ana_enrolment)
    assert RuleKey.GRADE not in [rule.key for rule in result.rules]
    assert RuleKey.MODULES not in [rule.key for rule in result.rules]
    assert result.final_grade is None


def test_it_answers_for_many_enrolments_with_a_constant_number_of_queries(course):
    def queries(count: int) -> int:
        enrolments = list(Enrolment.objects.filter(edition=course.edition)[:count])
        with CaptureQueriesContext(connection) as captured:
            completion_for(course.edition, enrolments, now=NOW)
        return len(captured)

    one = queries(1)
    for number in range(30):
        enrolment = f.EnrolmentFactory(edition=course.edition)
        _attend(enrolment, course.sessions[number % 5])
        _grade(enrolment, course.essay, str(number % 20))
        LessonProgress.objects.create(enrolment=enrolment, lesson=course.lesson)
    assert queries(31) == one
