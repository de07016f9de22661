"""A student's record: hours, attendance, grade state, standing during the edition and the
verdict at its end, against hand-built cases at each boundary."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from courses.models import Assignment, LiveSession
from diploma.models import Edition
from students.completion import Hours, RuleKey, Standing, completion_for, completion_of
from students.grades import GradeState
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


def _assignment(module, slug: str, *, due_at=NOW) -> Assignment:
    return Assignment.objects.create(
        module=module, title=slug, slug=slug, instructions="Write.", due_at=due_at,
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
    module, due now; programme: 11/20 to pass, 80 % attendance, 3 hours, required modules
    passed. The edition is still running."""
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
    LessonProgress.objects.create(enrolment=world.ana_enrolment, lesson=world.lesson)
    _grade(world.ana_enrolment, world.essay, "16")
    _grade(world.ana_enrolment, world.other_essay, "16")
    return world


def _end(world) -> None:
    Edition.objects.filter(pk=world.edition.pk).update(status=Edition.Status.CLOSED)
    world.ana_enrolment.edition.refresh_from_db()
    world.bruno_enrolment.edition.refresh_from_db()


def _check(world):
    return completion_of(world.ana_enrolment, now=NOW)


def test_a_student_who_meets_every_rule_meets_the_requirements_at_the_end(course):
    _end(course)
    result = _check(course)
    assert result.qualifies
    assert result.standing == Standing.MEETS
    assert [rule.key for rule in result.rules] == [
        RuleKey.GRADE, RuleKey.ATTENDANCE, RuleKey.MODULES, RuleKey.HOURS
    ]  # fmt: skip
    assert result.verdict_grade.value == Decimal("16.00")
    assert result.attendance.share == Decimal(100)


def test_hours_are_lessons_done_plus_sessions_attended_with_their_breakdown(course):
    hours = _check(course).hours
    assert hours == Hours(lesson_minutes=course.lesson.minutes, session_minutes=5 * 60)
    assert hours.sessions == Decimal("5.0")
    assert hours.total >= hours.sessions


def test_hours_round_down_so_that_a_page_never_overstates_them():
    assert Hours(lesson_minutes=59, session_minutes=0).total == Decimal("0.9")
    assert Hours(lesson_minutes=5, session_minutes=0).total == Decimal("0.0")


def test_a_grade_exactly_at_the_pass_grade_passes(course):
    _grade(course.ana_enrolment, course.essay, "11")
    _grade(course.ana_enrolment, course.other_essay, "11")
    result = _check(course)
    assert result.verdict_grade.value == Decimal("11.00")
    assert result.rule(RuleKey.GRADE).met
    assert result.qualifies


def test_a_grade_just_below_the_pass_grade_fails_and_says_by_how_much(course):
    _grade(course.ana_enrolment, course.essay, "10.99")
    _grade(course.ana_enrolment, course.other_essay, "10.99")
    _end(course)
    with translation.override("es"):
        result = _check(course)
    rule = result.rule(RuleKey.GRADE)
    assert not rule.met and not result.qualifies
    assert "0,01" in rule.missing
    assert result.standing == Standing.DOES_NOT_MEET


def test_missing_work_counts_as_zero_once_its_deadline_has_passed(course):
    Submission.objects.filter(assignment=course.other_essay).delete()
    result = _check(course)
    grade = result.grade(released_only=False)
    assert grade.value == Decimal("8.00")
    assert grade.missed == (f"{course.other_module.title}: other-essay",)
    assert grade.state == GradeState.FINAL
    assert not result.rule(RuleKey.GRADE).met


def test_missing_work_before_its_deadline_is_not_a_zero(course):
    _assignment(course.other_module, "later", due_at=NOW + dt.timedelta(days=7))
    result = _check(course)
    grade = result.grade(released_only=False)
    assert grade.value == Decimal("16.00")
    assert grade.state == GradeState.PROVISIONAL
    assert grade.waiting == (f"{course.other_module.title}: later",)
    # The verdict at the end counts it as zero: (16 + 8) / 2 on the other module.
    assert result.verdict_grade.value == Decimal("12.00")


def test_students_see_a_grade_only_once_released(course):
    result = _check(course)
    assert result.grade(released_only=True).state == GradeState.NOT_RELEASED
    course.module.grades_released = True
    course.module.save()
    Assignment.objects.update(grades_released=True)
    grade = _check(course).grade(released_only=True)
    assert grade.state == GradeState.PROVISIONAL
    assert grade.value == Decimal("16.00")
    assert grade.waiting == (course.other_module.title,)


def test_attendance_exactly_at_the_minimum_passes(course):
    _attend(course.ana_enrolment, course.sessions[0], Attendance.Status.ABSENT)
    result = _check(course)
    assert result.attendance.share == Decimal(80)
    assert result.rule(RuleKey.ATTENDANCE).met
    assert result.qualifies


def test_attendance_below_the_minimum_fails_and_no_record_counts_as_missed(course):
    _attend(course.ana_enrolment, course.sessions[0], Attendance.Status.ABSENT)
    course.ana_enrolment.attendance.filter(session=course.sessions[1]).delete()
    _attend(course.bruno_enrolment, course.sessions[1])
    with translation.override("en"):
        result = _check(course)
    assert result.attendance.share == Decimal(60)
    rule = result.rule(RuleKey.ATTENDANCE)
    assert not rule.met
    assert "20" in rule.missing


def test_late_counts_as_attended_and_excused_leaves_the_count(course):
    _attend(course.ana_enrolment, course.sessions[0], Attendance.Status.LATE)
    _attend(course.ana_enrolment, course.sessions[1], Attendance.Status.EXCUSED)
    _attend(course.ana_enrolment, course.sessions[2], Attendance.Status.ABSENT)
    tally = _check(course).attendance
    assert (tally.attended, tally.counted, tally.excused) == (3, 4, 1)
    assert tally.share == Decimal(75)


def test_only_sessions_held_since_joining_with_attendance_taken_count(course):
    before = _session(course.module, days_ago=90)
    untaken = _session(course.module, days_ago=5)
    upcoming = LiveSession.objects.create(
        module=course.module, topic="Next", starts_at=NOW + dt.timedelta(days=2),
        ends_at=NOW + dt.timedelta(days=2, hours=1),
    )  # fmt: skip
    _attend(course.bruno_enrolment, before)
    _attend(course.bruno_enrolment, upcoming)
    tally = _check(course).attendance
    assert tally.counted == 5
    to_come = LiveSession.objects.filter(module__edition=course.edition, ends_at__gt=NOW)
    assert tally.still_to_come == to_come.count() and upcoming in to_come
    assert untaken.pk and tally.share == Decimal(100)


def test_a_failed_required_module_fails_even_with_a_passing_final_grade(course):
    _grade(course.ana_enrolment, course.essay, "20")
    _grade(course.ana_enrolment, course.other_essay, "4")
    result = _check(course)
    assert result.verdict_grade.value == Decimal("12.00")
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
    result = _check(course)
    assert result.hours.minutes == 5 * 60 + 59
    rule = result.rule(RuleKey.HOURS)
    assert not rule.met and rule.missing

    lesson.minutes = 60
    lesson.save()
    assert _check(course).rule(RuleKey.HOURS).met


def test_attended_sessions_count_their_minutes_towards_the_hours(course):
    course.programme.required_hours = 6
    course.programme.save()
    course.ana_enrolment.attendance.filter(session=course.sessions[0]).update(
        status=Attendance.Status.ABSENT
    )
    result = _check(course)
    assert result.hours.session_minutes == 4 * 60
    assert not result.rule(RuleKey.HOURS).met


def test_during_the_edition_a_student_up_to_date_is_on_track(course):
    result = _check(course)
    assert not result.ended
    assert result.standing == Standing.ON_TRACK
    assert result.reasons == []


def test_a_released_lesson_not_done_puts_a_student_behind(course):
    LessonProgress.objects.filter(enrolment=course.ana_enrolment).delete()
    result = _check(course)
    assert result.standing == Standing.BEHIND
    assert [reason.standing for reason in result.reasons] == [Standing.BEHIND]


def test_attendance_that_can_still_recover_is_behind_and_that_cannot_is_at_risk(course):
    _attend(course.ana_enrolment, course.sessions[0], Attendance.Status.ABSENT)
    _attend(course.ana_enrolment, course.sessions[1], Attendance.Status.ABSENT)
    for days in range(1, 6):  # five sessions still to come: 8 of 10 is still possible
        LiveSession.objects.create(
            module=course.module, topic=f"Later {days}", starts_at=NOW + dt.timedelta(days=days),
            ends_at=NOW + dt.timedelta(days=days, hours=1),
        )  # fmt: skip
    assert _check(course).standing == Standing.BEHIND
    LiveSession.objects.filter(starts_at__gt=NOW).delete()
    assert _check(course).standing == Standing.AT_RISK


def test_a_released_grade_below_the_pass_with_nothing_left_to_hand_in_is_at_risk(course):
    _grade(course.ana_enrolment, course.essay, "4")
    _grade(course.ana_enrolment, course.other_essay, "4")
    # Not released yet: the standing never tells a grade early.
    assert _check(course).standing == Standing.ON_TRACK
    Assignment.objects.update(grades_released=True)
    course.module.grades_released = course.other_module.grades_released = True
    course.module.save()
    course.other_module.save()
    assert _check(course).standing == Standing.AT_RISK


def test_a_student_far_from_every_rule_does_not_meet_them_at_the_end(course):
    _end(course)
    result = completion_of(course.bruno_enrolment, now=NOW)
    assert result.standing == Standing.DOES_NOT_MEET
    assert {rule.key for rule in result.unmet} == {
        RuleKey.GRADE, RuleKey.ATTENDANCE, RuleKey.MODULES, RuleKey.HOURS
    }  # fmt: skip


def test_an_edition_without_graded_work_has_no_grade_rules(world):
    result = completion_of(world.ana_enrolment)
    assert RuleKey.GRADE not in [rule.key for rule in result.rules]
    assert RuleKey.MODULES not in [rule.key for rule in result.rules]
    assert result.grade(released_only=False) is None


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
