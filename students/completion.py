"""Completion: whether an enrolment meets its programme's pass rules, and what is still missing.

- Hours earned are the estimated minutes of the lessons the student marked done plus the
  minutes of the live sessions they attended (present or late).
- Attendance is the share of the edition's past live sessions at which the student was present
  or late. A session counts once it has ended, if it ended after the student joined (admitted,
  or enrolled when no decision date is recorded) and if attendance was taken for anyone at all;
  a session without a record for the student counts as missed. An excused absence is neither
  attended nor missed: it leaves the count.
- The final grade and the module grades come from students/grades.py, counting missing work as
  zero: every answer reads "if the edition ended today". Editions without any graded work have
  no grade rules.

Everything for many enrolments of one edition is read with a constant number of queries.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_UP, Decimal

from django.db.models import Exists, OuterRef, Sum, TextChoices
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from courses.models import LiveSession, Module
from diploma.models import Edition, Programme
from students.grades import EnrolmentGrades, grades_for_edition
from students.models import Attendance, Enrolment, LessonProgress

ATTENDED = (Attendance.Status.PRESENT, Attendance.Status.LATE)
# "Close" means every rule still missing is within these margins.
CLOSE_GRADE_SHARE = Decimal("0.1")  # final and module grades: a tenth of the scale below the pass
CLOSE_ATTENDANCE_POINTS = 10  # percentage points below the minimum attendance
CLOSE_HOURS_SHARE = Decimal("0.9")  # nine tenths of the required hours


class Standing(TextChoices):
    QUALIFIES = "qualifies", gettext_lazy("Qualifies")
    CLOSE = "close", gettext_lazy("Close")
    AT_RISK = "at_risk", gettext_lazy("At risk")


class RuleKey(TextChoices):
    GRADE = "grade", gettext_lazy("Final grade")
    ATTENDANCE = "attendance", gettext_lazy("Attendance")
    MODULES = "modules", gettext_lazy("Required modules")
    HOURS = "hours", gettext_lazy("Hours")


@dataclass(frozen=True)
class RuleCheck:
    key: str
    met: bool
    close: bool
    required: str
    actual: str
    missing: str = ""

    @property
    def label(self) -> str:
        return RuleKey(self.key).label


@dataclass
class Completion:
    enrolment: Enrolment
    programme: Programme
    grades: EnrolmentGrades
    lesson_minutes: int = 0
    session_minutes: int = 0
    sessions_attended: int = 0
    sessions_counted: int = 0
    sessions_excused: int = 0
    rules: list[RuleCheck] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return self.lesson_minutes + self.session_minutes

    @property
    def hours(self) -> Decimal:
        """Hours earned to a tenth, rounded down so that a page never overstates them."""
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_DOWN)

    @property
    def attendance(self) -> Decimal | None:
        """Percentage of the counted sessions attended; None before any session counts."""
        if not self.sessions_counted:
            return None
        return Decimal(self.sessions_attended * 100) / self.sessions_counted

    @property
    def has_grades(self) -> bool:
        return any(module.items for module in self.grades.modules)

    @property
    def final_grade(self) -> Decimal | None:
        return self.grades.final_grade() if self.has_grades else None

    @property
    def failed_modules(self) -> list[Module]:
        return self.grades.failed_required_modules()

    @property
    def grades_released(self) -> bool:
        """Whether every graded item may be shown to the student."""
        return all(item.released for module in self.grades.modules for item in module.items)

    @property
    def qualifies(self) -> bool:
        return all(rule.met for rule in self.rules)

    @property
    def unmet(self) -> list[RuleCheck]:
        return [rule for rule in self.rules if not rule.met]

    @property
    def standing(self) -> Standing:
        if self.qualifies:
            return Standing.QUALIFIES
        if all(rule.close for rule in self.unmet):
            return Standing.CLOSE
        return Standing.AT_RISK

    @property
    def certificate_hours(self) -> int:
        """The hours a certificate states: the programme's, or those earned when it sets none."""
        return self.programme.required_hours or self.minutes // 60

    def rule(self, key: str) -> RuleCheck | None:
        return next((rule for rule in self.rules if rule.key == key), None)


def _number(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')).normalize():f}"


def _grade_margin(programme: Programme) -> Decimal:
    return CLOSE_GRADE_SHARE * programme.max_grade


def _grade_rule(completion: Completion) -> RuleCheck:
    programme = completion.programme
    grade = completion.final_grade or Decimal("0")
    scale = programme.max_grade
    met = grade >= programme.pass_grade
    missing = _("%(points)s more points on the final grade") % {
        "points": _number(programme.pass_grade - grade)
    }
    return RuleCheck(
        key=RuleKey.GRADE,
        met=met,
        close=grade >= programme.pass_grade - _grade_margin(programme),
        required=_("at least %(grade)s of %(scale)s")
        % {"grade": _number(programme.pass_grade), "scale": scale},
        actual=_("%(grade)s of %(scale)s") % {"grade": _number(grade), "scale": scale},
        missing="" if met else missing,
    )


def _attendance_rule(completion: Completion) -> RuleCheck:
    minimum = completion.programme.min_attendance
    required = _("at least %(share)d%%") % {"share": minimum}
    share = completion.attendance
    if share is None:
        return RuleCheck(
            key=RuleKey.ATTENDANCE, met=True, close=True, required=required,
            actual=_("no live session has counted yet"),
        )  # fmt: skip
    met = share >= minimum
    actual = _("%(share)s%% (%(attended)d of %(counted)d sessions)") % {
        "share": _number(share.quantize(Decimal("0.1"))),
        "attended": completion.sessions_attended,
        "counted": completion.sessions_counted,
    }
    missing = _("%(points)s percentage points below the minimum") % {
        "points": _number((minimum - share).quantize(Decimal("0.1")))
    }
    return RuleCheck(
        key=RuleKey.ATTENDANCE,
        met=met,
        close=share >= minimum - CLOSE_ATTENDANCE_POINTS,
        required=required,
        actual=actual,
        missing="" if met else missing,
    )


def _modules_rule(completion: Completion) -> RuleCheck:
    failed = completion.failed_modules
    programme = completion.programme
    if not failed:
        return RuleCheck(
            key=RuleKey.MODULES, met=True, close=True,
            required=_("every required module passed"), actual=_("all passed"),
        )  # fmt: skip
    lowest = min(completion.grades.module_grade(m, final=True) or Decimal(0) for m in failed)
    return RuleCheck(
        key=RuleKey.MODULES,
        met=False,
        close=lowest >= programme.pass_grade - _grade_margin(programme),
        required=_("every required module passed"),
        actual=ngettext("%(count)d not passed", "%(count)d not passed", len(failed))
        % {"count": len(failed)},
        missing=_("Not passed yet: %(modules)s")
        % {"modules": ", ".join(module.title for module in failed)},
    )


def _hours_rule(completion: Completion) -> RuleCheck:
    required = completion.programme.required_hours
    met = completion.minutes >= required * 60
    short = (Decimal(required * 60 - completion.minutes) / 60).quantize(
        Decimal("0.1"), rounding=ROUND_UP
    )
    return RuleCheck(
        key=RuleKey.HOURS,
        met=met,
        close=completion.minutes >= CLOSE_HOURS_SHARE * required * 60,
        required=_("at least %(hours)d hours") % {"hours": required},
        actual=_("%(hours)s hours") % {"hours": _number(completion.hours)},
        missing="" if met else _("%(hours)s more hours") % {"hours": _number(short)},
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


def _joined_at(enrolment: Enrolment) -> dt.datetime:
    return enrolment.decided_at or enrolment.created_at


def completion_for(
    edition: Edition, enrolments: Iterable[Enrolment], *, now: dt.datetime | None = None
) -> dict[int, Completion]:
    """The completion of many enrolments of one edition, by enrolment id.

    Eight queries whatever the numbers: five for the grades, one for the lessons done, one
    for the edition's sessions and one for the attendance records.
    """
    now = now or timezone.now()
    enrolments = list(enrolments)
    if not enrolments:
        return {}
    programme = edition.programme
    grades = grades_for_edition(edition, enrolments)
    ids = [enrolment.pk for enrolment in enrolments]

    lesson_minutes = dict(
        LessonProgress.objects.filter(enrolment_id__in=ids, lesson__module__edition=edition)
        .order_by()
        .values_list("enrolment_id")
        .annotate(minutes=Sum("lesson__minutes"))
    )
    sessions = {
        session.pk: session
        for session in LiveSession.objects.filter(module__edition=edition)
        .annotate(taken=Exists(Attendance.objects.filter(session=OuterRef("pk"))))
        .only("pk", "starts_at", "ends_at")
    }
    records: dict[int, dict[int, str]] = defaultdict(dict)
    for enrolment_id, session_id, status in Attendance.objects.filter(
        enrolment_id__in=ids, session__module__edition=edition
    ).values_list("enrolment_id", "session_id", "status"):
        records[enrolment_id][session_id] = status

    result = {}
    for enrolment in enrolments:
        enrolment.edition = edition
        completion = Completion(
            enrolment=enrolment,
            programme=programme,
            grades=grades[enrolment.pk],
            lesson_minutes=lesson_minutes.get(enrolment.pk) or 0,
        )
        mine = records.get(enrolment.pk, {})
        joined = _joined_at(enrolment)
        for session in sessions.values():
            status = mine.get(session.pk)
            if status in ATTENDED:
                completion.session_minutes += session.minutes
            if not session.taken or session.ends_at > now or session.ends_at <= joined:
                continue
            if status == Attendance.Status.EXCUSED:
                completion.sessions_excused += 1
                continue
            completion.sessions_counted += 1
            completion.sessions_attended += status in ATTENDED
        completion.rules = _rules(completion)
        result[enrolment.pk] = completion
    return result


def completion_of(enrolment: Enrolment, *, now: dt.datetime | None = None) -> Completion:
    """The completion of one enrolment; select its edition and programme to save two queries."""
    return completion_for(enrolment.edition, [enrolment], now=now)[enrolment.pk]
