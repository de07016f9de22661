"""A student's record in an edition: the one place where hours, grade state, attendance,
standing and the final verdict are computed. Every page, export and PDF asks here.

- Hours are the estimated minutes of the lessons the student marked done plus the minutes of
  the live sessions they attended (present or late), see Hours.
- Attendance is counted as students/attendance.py says.
- Grades, with their state (not released, provisional, final), come from students/grades.py.
- During the edition a student is on track, behind or at risk by what was due by today
  (released lessons, sessions held, quizzes closed and assignments due, released grades), with
  the reasons: the same standing for the student and the office.
  Once the edition has ended the standing is the verdict: the student meets the pass rules or
  does not, with work never handed in counted as zero.

Everything for many enrolments of one edition is read with a constant number of queries.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_UP, Decimal

from django.db.models import Count, Q, Sum, TextChoices
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from courses.models import Lesson, LiveSession, Module
from diploma.models import Edition, Programme
from students import attendance
from students.attendance import Tally
from students.grades import EnrolmentGrades, GradeSummary, grades_for_edition
from students.models import Enrolment, LessonProgress

TENTH = Decimal("0.1")


class Standing(TextChoices):
    ON_TRACK = "on_track", gettext_lazy("On track")
    BEHIND = "behind", gettext_lazy("Behind")
    AT_RISK = "at_risk", gettext_lazy("At risk")
    MEETS = "meets", gettext_lazy("Meets the requirements")
    DOES_NOT_MEET = "does_not_meet", gettext_lazy("Does not meet the requirements")


DURING = (Standing.ON_TRACK, Standing.BEHIND, Standing.AT_RISK)
AT_THE_END = (Standing.MEETS, Standing.DOES_NOT_MEET)


class RuleKey(TextChoices):
    GRADE = "grade", gettext_lazy("Final grade")
    ATTENDANCE = "attendance", gettext_lazy("Attendance")
    MODULES = "modules", gettext_lazy("Required modules")
    HOURS = "hours", gettext_lazy("Hours")


def decimal_text(value: Decimal, places: int = 2) -> str:
    """A number in the active language (15,80 in Spanish), for sentences built in Python."""
    return number_format(value, places)


def hours_from_minutes(minutes: int) -> Decimal:
    """Hours to a tenth, rounded down so that a page never overstates them."""
    return (Decimal(minutes) / 60).quantize(TENTH, rounding=ROUND_DOWN)


@dataclass(frozen=True)
class Hours:
    """Hours earned, with their breakdown: lessons done and live sessions attended."""

    lesson_minutes: int = 0
    session_minutes: int = 0

    @property
    def total(self) -> Decimal:
        return hours_from_minutes(self.lesson_minutes + self.session_minutes)

    @property
    def lessons(self) -> Decimal:
        return hours_from_minutes(self.lesson_minutes)

    @property
    def sessions(self) -> Decimal:
        return hours_from_minutes(self.session_minutes)

    @property
    def minutes(self) -> int:
        return self.lesson_minutes + self.session_minutes


@dataclass(frozen=True)
class RuleCheck:
    key: str
    met: bool
    required: str
    actual: str
    missing: str = ""

    @property
    def label(self) -> str:
        return RuleKey(self.key).label


@dataclass(frozen=True)
class Reason:
    """Why a student is behind or at risk during the edition."""

    standing: str
    text: str


@dataclass
class Completion:
    enrolment: Enrolment
    programme: Programme
    grades: EnrolmentGrades
    now: dt.datetime
    ended: bool
    hours: Hours = field(default_factory=Hours)
    attendance: Tally = field(default_factory=Tally)
    lessons_due: int = 0
    """Lessons released and published so far."""
    lessons_due_done: int = 0
    rules: list[RuleCheck] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    changes_at: dt.datetime | None = None
    """The next moment the standing may change by itself: a deadline, a session's end, the
    edition's end."""

    def grade(self, *, released_only: bool) -> GradeSummary | None:
        """The final grade now (see EnrolmentGrades.summary); `released_only` for the student."""
        return self.grades.summary(now=self.now, ended=self.ended, released_only=released_only)

    @property
    def verdict_grade(self) -> GradeSummary | None:
        """The final grade with work not handed in counted as zero, as at the end."""
        return self.grades.summary(now=self.now, ended=True, released_only=False)

    @property
    def has_grades(self) -> bool:
        return any(module.items for module in self.grades.modules)

    @property
    def failed_modules(self) -> list[Module]:
        return self.grades.failed_required_modules()

    @property
    def qualifies(self) -> bool:
        """Whether the student meets every pass rule, with missing work counted as zero."""
        return all(rule.met for rule in self.rules)

    @property
    def unmet(self) -> list[RuleCheck]:
        return [rule for rule in self.rules if not rule.met]

    @property
    def standing(self) -> Standing:
        if self.ended:
            return Standing.MEETS if self.qualifies else Standing.DOES_NOT_MEET
        if any(reason.standing == Standing.AT_RISK for reason in self.reasons):
            return Standing.AT_RISK
        return Standing.BEHIND if self.reasons else Standing.ON_TRACK

    @property
    def certificate_hours(self) -> int:
        """The hours a certificate states: the programme's, or those earned when it sets none."""
        return self.programme.required_hours or self.hours.minutes // 60

    def rule(self, key: str) -> RuleCheck | None:
        return next((rule for rule in self.rules if rule.key == key), None)

    def figures(self) -> "Figures":
        """What the student's own pages show of this record: light enough to cache."""
        return Figures(
            hours=self.hours,
            required_hours=self.programme.required_hours,
            grade=self.grade(released_only=True),
            modules={
                grade.module.pk: summary
                for grade in self.grades.modules
                if (
                    summary := grade.summary(
                        self.programme, now=self.now, ended=self.ended, released_only=True
                    )
                )
                is not None
            },
            standing=self.standing,
            reasons=tuple(self.reasons),
            ended=self.ended,
        )


@dataclass(frozen=True)
class Figures:
    """A student's own view of their record, see Completion.figures."""

    hours: Hours
    required_hours: int
    grade: GradeSummary | None
    modules: dict[int, GradeSummary]
    """By module id, the modules with graded work."""
    standing: Standing
    reasons: tuple[Reason, ...]
    ended: bool


def _grade_rule(completion: Completion) -> RuleCheck:
    programme = completion.programme
    summary = completion.verdict_grade
    grade = summary.value if summary and summary.value is not None else Decimal("0")
    scale = programme.max_grade
    met = grade >= programme.pass_grade
    missing = _("%(points)s more points on the final grade") % {
        "points": decimal_text(programme.pass_grade - grade)
    }
    return RuleCheck(
        key=RuleKey.GRADE,
        met=met,
        required=_("at least %(grade)s of %(scale)s")
        % {"grade": decimal_text(programme.pass_grade), "scale": scale},
        actual=_("%(grade)s of %(scale)s") % {"grade": decimal_text(grade), "scale": scale},
        missing="" if met else missing,
    )


def _attendance_rule(completion: Completion) -> RuleCheck:
    minimum = completion.programme.min_attendance
    required = _("at least %(share)d%%") % {"share": minimum}
    tally = completion.attendance
    if tally.share is None:
        return RuleCheck(
            key=RuleKey.ATTENDANCE, met=True, required=required,
            actual=_("no live session has counted yet"),
        )  # fmt: skip
    met = tally.share >= minimum
    actual = _("%(share)d %% (%(attended)d of %(counted)d sessions)") % {
        "share": tally.percent,
        "attended": tally.attended,
        "counted": tally.counted,
    }
    missing = _("%(points)s percentage points below the minimum") % {
        "points": decimal_text(minimum - tally.share, 1)
    }
    return RuleCheck(
        key=RuleKey.ATTENDANCE, met=met, required=required, actual=actual,
        missing="" if met else missing,
    )  # fmt: skip


def _modules_rule(completion: Completion) -> RuleCheck:
    failed = completion.failed_modules
    if not failed:
        return RuleCheck(
            key=RuleKey.MODULES, met=True,
            required=_("every required module passed"), actual=_("all passed"),
        )  # fmt: skip
    return RuleCheck(
        key=RuleKey.MODULES,
        met=False,
        required=_("every required module passed"),
        actual=ngettext("%(count)d not passed", "%(count)d not passed", len(failed))
        % {"count": len(failed)},
        missing=_("Not passed yet: %(modules)s")
        % {"modules": ", ".join(module.title for module in failed)},
    )


def _hours_rule(completion: Completion) -> RuleCheck:
    required = completion.programme.required_hours
    minutes = completion.hours.minutes
    met = minutes >= required * 60
    short = (Decimal(required * 60 - minutes) / 60).quantize(TENTH, rounding=ROUND_UP)
    return RuleCheck(
        key=RuleKey.HOURS,
        met=met,
        required=_("at least %(hours)d hours") % {"hours": required},
        actual=_("%(hours)s hours") % {"hours": decimal_text(completion.hours.total, 1)},
        missing="" if met else _("%(hours)s more hours") % {"hours": decimal_text(short, 1)},
    )


def _rules(completion: Completion) -> list[RuleCheck]:
    programme = completion.programme
    rules = []
    if completion.has_grades:
        rules.append(_grade_rule(completion))
    if programme.min_attendance:
        rules.append(_attendance_rule(completion))
    if programme.require_all_required_modules and any(
        module.module.is_required and module.items for module in completion.grades.modules
    ):
        rules.append(_modules_rule(completion))
    if programme.required_hours:
        rules.append(_hours_rule(completion))
    return rules


def _reasons(completion: Completion) -> list[Reason]:
    """What puts a student behind or at risk today, from what was due by today."""
    reasons = []
    programme = completion.programme
    undone = completion.lessons_due - completion.lessons_due_done
    if undone > 0:
        reasons.append(
            Reason(
                Standing.BEHIND,
                ngettext(
                    "%(count)d released lesson not done yet",
                    "%(count)d released lessons not done yet",
                    undone,
                )
                % {"count": undone},
            )
        )
    tally, minimum = completion.attendance, programme.min_attendance
    if minimum and tally.share is not None and tally.share < minimum:
        at_risk = tally.best_share is not None and tally.best_share < minimum
        reasons.append(
            Reason(
                Standing.AT_RISK if at_risk else Standing.BEHIND,
                _("attended %(attended)d of %(counted)d sessions held (%(share)d %%)")
                % {
                    "attended": tally.attended,
                    "counted": tally.counted,
                    "share": tally.percent,
                },
            )
        )
    # Judged on the grades students may see, so that the standing never tells a grade early.
    summary = completion.grade(released_only=True)
    if summary is not None and summary.missed:
        reasons.append(
            Reason(
                Standing.BEHIND,
                _("not handed in by the deadline: %(items)s")
                % {"items": ", ".join(summary.missed)},
            )
        )
    if summary is not None and summary.value is not None and summary.value < programme.pass_grade:
        # Work still to come can raise the grade; without any, the grade is what it will be.
        reasons.append(
            Reason(
                Standing.BEHIND if summary.waiting else Standing.AT_RISK,
                _("grade so far %(grade)s of %(scale)s, below the pass grade of %(pass)s")
                % {
                    "grade": decimal_text(summary.value),
                    "scale": programme.max_grade,
                    "pass": decimal_text(programme.pass_grade),
                },
            )
        )
    return reasons


def completion_for(
    edition: Edition, enrolments: Iterable[Enrolment], *, now: dt.datetime | None = None
) -> dict[int, Completion]:
    """The record of many enrolments of one edition, by enrolment id.

    Nine queries whatever the numbers: five for the grades, one for the lessons done, one for
    the lessons due, one for the edition's sessions and one for the attendance records.
    """
    now = now or timezone.now()
    enrolments = list(enrolments)
    if not enrolments:
        return {}
    programme = edition.programme
    ended = edition.has_ended(now)
    grades = grades_for_edition(edition, enrolments)
    ids = [enrolment.pk for enrolment in enrolments]
    due = Lesson.objects.readable(now).filter(module__edition=edition)
    done = {
        row["enrolment_id"]: row
        for row in LessonProgress.objects.filter(
            enrolment_id__in=ids, lesson__module__edition=edition
        )
        .order_by()
        .values("enrolment_id")
        .annotate(
            minutes=Sum("lesson__minutes"),
            due_done=Count("pk", filter=Q(lesson__in=due.values("pk"))),
        )
    }
    lessons_due = due.count()
    sessions = attendance.sessions_with_taken(LiveSession.objects.filter(module__edition=edition))
    tallies = attendance.tally(enrolments, sessions, now=now)

    end_of_edition = timezone.make_aware(
        dt.datetime.combine(edition.ends_on + dt.timedelta(days=1), dt.time())
    )
    deadlines = [
        item.deadline for grade in grades.values() for m in grade.modules for item in m.items
    ]
    changes_at = min(
        (
            moment
            for moment in (*deadlines, *(session.ends_at for session in sessions), end_of_edition)
            if moment is not None and moment > now
        ),
        default=None,
    )
    result = {}
    for enrolment in enrolments:
        enrolment.edition = edition
        mine = done.get(enrolment.pk, {})
        tally = tallies[enrolment.pk]
        completion = Completion(
            enrolment=enrolment,
            programme=programme,
            grades=grades[enrolment.pk],
            now=now,
            ended=ended,
            hours=Hours(mine.get("minutes") or 0, tally.minutes),
            attendance=tally,
            lessons_due=lessons_due,
            lessons_due_done=mine.get("due_done", 0),
            changes_at=changes_at,
        )
        completion.rules = _rules(completion)
        completion.reasons = [] if ended else _reasons(completion)
        result[enrolment.pk] = completion
    return result


def completion_of(enrolment: Enrolment, *, now: dt.datetime | None = None) -> Completion:
    """The record of one enrolment; select its edition and programme to save two queries."""
    return completion_for(enrolment.edition, [enrolment], now=now)[enrolment.pk]
