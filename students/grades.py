"""Grades: items (quizzes, assignments) make module grades; weighted modules make the final grade.

Every score is first a share between 0 and 1, then shown on the programme's scale (0-20 or 0-100).

Which items count, at a given moment:
- an item with a result counts with it;
- an item without a result counts as zero once its deadline has passed (a quiz's closing time,
  an assignment's due date) or once the edition has ended: the late policy may still let the
  student hand it in, and then it counts with its (penalised) result;
- any other item is still to come and is left out, as is work handed in and not graded yet.

A grade is "not released" while students may not see any of its items, "provisional" while some
item of it may still change it (say which), and "final" when none can. Everything for many
enrolments is read with a constant number of queries.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Max, Q, QuerySet, TextChoices
from django.utils.translation import gettext_lazy as _

from courses.models import Assignment, Module, Quiz
from diploma.models import Edition, Programme
from students.models import Enrolment, QuizAttempt, Submission

ZERO = Decimal("0")
ONE = Decimal("1")
CENT = Decimal("0.01")


class GradeState(TextChoices):
    NOT_RELEASED = "not_released", _("Not released")
    PROVISIONAL = "provisional", _("Provisional")
    FINAL = "final", _("Final")


class ItemStatus(TextChoices):
    GRADED = "graded", _("Graded")
    AWAITING = "awaiting", _("Handed in, not graded yet")
    MISSED = "missed", _("Not handed in by the deadline: counts as zero")
    TO_COME = "to_come", _("Still to come")


def submission_share(submission: Submission, assignment: Assignment) -> Decimal | None:
    if submission.points is None:
        return None
    raw = min(submission.points, assignment.max_points) / assignment.max_points
    return raw * assignment.late_share(submission.days_late)


def to_scale(share: Decimal, programme: Programme) -> Decimal:
    return (share * programme.max_grade).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Term:
    """One weighted part of a grade: an item of a module, or a module of the final grade."""

    label: str
    weight: Decimal
    value: Decimal | None  # on the programme's scale; None: no result (left out)


@dataclass(frozen=True)
class Formula:
    """Which items, with which weights, produced a grade: (w1 * v1 + w2 * v2) / (w1 + w2)."""

    terms: list[Term]
    result: Decimal | None
    max_grade: int

    @property
    def counted(self) -> list[Term]:
        return [term for term in self.terms if term.value is not None]

    @property
    def total_weight(self) -> Decimal:
        return sum((term.weight for term in self.counted), ZERO)

    def __str__(self) -> str:
        if self.result is None:
            return "-"
        parts = " + ".join(f"{_plain(t.weight)} \u00d7 {t.value}" for t in self.counted)
        return f"({parts}) / {_plain(self.total_weight)} = {self.result}"


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


@dataclass
class ItemGrade:
    kind: str  # "quiz" or "assignment"
    item: Quiz | Assignment
    weight: Decimal
    share: Decimal | None  # None: no result yet
    released: bool
    awaiting: bool = False  # handed in and not graded yet

    @property
    def deadline(self) -> dt.datetime | None:
        return self.item.closes_at if self.kind == "quiz" else self.item.due_at

    def status(self, *, now: dt.datetime, ended: bool) -> ItemStatus:
        if self.share is not None:
            return ItemStatus.GRADED
        if self.awaiting:
            return ItemStatus.AWAITING
        if ended or (self.deadline is not None and self.deadline <= now):
            return ItemStatus.MISSED
        return ItemStatus.TO_COME

    def counted_share(self, *, now: dt.datetime, ended: bool) -> Decimal | None:
        """The share this item adds to its module's grade now; None when it is left out."""
        status = self.status(now=now, ended=ended)
        if status == ItemStatus.GRADED:
            return self.share
        return ZERO if status == ItemStatus.MISSED else None


@dataclass(frozen=True)
class GradeSummary:
    """A grade as one reader may see it, see ModuleGrade.summary and EnrolmentGrades.summary."""

    state: str
    value: Decimal | None  # on the programme's scale; None before anything counts
    max_grade: int
    waiting: tuple[str, ...] = ()
    """What may still change the grade: items to come, awaiting a grade or not released."""
    missed: tuple[str, ...] = ()
    """Items counted as zero because they were not handed in by their deadline."""

    @property
    def is_final(self) -> bool:
        return self.state == GradeState.FINAL

    @property
    def is_released(self) -> bool:
        return self.state != GradeState.NOT_RELEASED

    def get_state_display(self) -> str:
        return GradeState(self.state).label


@dataclass
class ModuleGrade:
    module: Module
    items: list[ItemGrade] = field(default_factory=list)

    def formula(
        self, programme: Programme, *, now: dt.datetime, ended: bool, released_only: bool = False
    ) -> Formula:
        """The module grade now with its items; the items left out have no value (see the
        module's docstring). `released_only` for what its students may see."""
        terms = []
        for item in self.items:
            share = None
            if item.released or not released_only:
                share = item.counted_share(now=now, ended=ended)
            value = None if share is None else to_scale(share, programme)
            terms.append(Term(item.item.title, item.weight, value))
        formula = Formula(terms, None, programme.max_grade)
        if formula.counted and formula.total_weight:
            share = sum(
                (item.weight * item.counted_share(now=now, ended=ended)
                 for item, term in zip(self.items, terms, strict=True)
                 if term.value is not None),
                ZERO,
            ) / formula.total_weight  # fmt: skip
            formula = Formula(terms, to_scale(share, programme), programme.max_grade)
        return formula

    def summary(
        self, programme: Programme, *, now: dt.datetime, ended: bool, released_only: bool
    ) -> GradeSummary | None:
        """The module's grade now, with its state; None when the module has no graded work."""
        if not self.items:
            return None
        if released_only and not any(item.released for item in self.items):
            return GradeSummary(GradeState.NOT_RELEASED, None, programme.max_grade)
        formula = self.formula(programme, now=now, ended=ended, released_only=released_only)
        waiting = tuple(
            item.item.title
            for item, term in zip(self.items, formula.terms, strict=True)
            if term.value is None
        )
        missed = tuple(
            item.item.title
            for item, term in zip(self.items, formula.terms, strict=True)
            if term.value is not None and item.status(now=now, ended=ended) == ItemStatus.MISSED
        )
        state = GradeState.PROVISIONAL if waiting else GradeState.FINAL
        return GradeSummary(state, formula.result, programme.max_grade, waiting, missed)

    def verdict(self, programme: Programme) -> Decimal | None:
        """The grade at the end: every item without a result counts as zero."""
        return self.formula(
            programme, now=dt.datetime.max.replace(tzinfo=dt.UTC), ended=True
        ).result


@dataclass
class EnrolmentGrades:
    enrolment: Enrolment
    programme: Programme
    modules: list[ModuleGrade]

    def final_formula(
        self, *, now: dt.datetime, ended: bool, released_only: bool = False
    ) -> Formula:
        """The final grade now: modules weighted by Module.weight, each with its grade now;
        modules without any counted item are left out."""
        terms = []
        for grade in self.modules:
            if not grade.items:
                continue
            module_formula = grade.formula(
                self.programme, now=now, ended=ended, released_only=released_only
            )
            terms.append(Term(grade.module.title, grade.module.weight, module_formula.result))
        formula = Formula(terms, None, self.programme.max_grade)
        if formula.counted and formula.total_weight:
            total = sum((term.weight * term.value for term in formula.counted), ZERO)
            result = (total / formula.total_weight).quantize(CENT, rounding=ROUND_HALF_UP)
            formula = Formula(terms, result, self.programme.max_grade)
        return formula

    def summary(self, *, now: dt.datetime, ended: bool, released_only: bool) -> GradeSummary | None:
        """The final grade now, with its state; None when the edition has no graded work."""
        parts = [
            (grade.module, summary)
            for grade in self.modules
            if (
                summary := grade.summary(
                    self.programme, now=now, ended=ended, released_only=released_only
                )
            )
            is not None
        ]
        if not parts:
            return None
        if not any(summary.is_released for _module, summary in parts):
            return GradeSummary(GradeState.NOT_RELEASED, None, self.programme.max_grade)
        formula = self.final_formula(now=now, ended=ended, released_only=released_only)
        waiting = tuple(
            f"{module.title}: {title}" if summary.is_released else str(module.title)
            for module, summary in parts
            for title in (summary.waiting if summary.is_released else [module.title])
        )
        missed = tuple(f"{m.title}: {title}" for m, summary in parts for title in summary.missed)
        state = GradeState.PROVISIONAL if waiting else GradeState.FINAL
        return GradeSummary(state, formula.result, self.programme.max_grade, waiting, missed)

    def of_module(self, module: Module) -> ModuleGrade | None:
        return next((grade for grade in self.modules if grade.module.pk == module.pk), None)

    def failed_required_modules(self) -> list[Module]:
        """Required modules whose grade at the end is below the programme's pass grade."""
        failed = []
        for grade in self.modules:
            if not grade.module.is_required or not grade.items:
                continue
            value = grade.verdict(self.programme)
            if value is None or value < self.programme.pass_grade:
                failed.append(grade.module)
        return failed


@dataclass(frozen=True)
class PublishedItems:
    """The published quizzes and assignments that make the grades of some modules."""

    quizzes: list[Quiz]
    assignments: list[Assignment]


def published_items(modules: Iterable[Module] | QuerySet[Module]) -> PublishedItems:
    """Published quizzes and assignments of the modules, in course order: two queries."""
    return PublishedItems(
        quizzes=list(Quiz.objects.filter(module__in=modules, is_published=True)),
        assignments=list(Assignment.objects.filter(module__in=modules, is_published=True)),
    )


def grades_for_edition(
    edition: Edition,
    enrolments: Iterable[Enrolment],
    *,
    modules: Iterable[Module] | None = None,
    items: PublishedItems | None = None,
) -> dict[int, EnrolmentGrades]:
    """Grades of many enrolments of one edition. Runs five queries, whatever the numbers;
    one less when the edition's `modules` are given (all of them, or the only ones wanted,
    in course order), two less when their published `items` are given."""
    enrolments = list(enrolments)
    programme = edition.programme
    if modules is None:
        modules = Module.objects.filter(edition=edition).order_by("order", "id")
    modules = list(modules)
    if items is None:
        items = published_items(Module.objects.filter(edition=edition))
    quizzes, assignments = items.quizzes, items.assignments
    ids = [e.pk for e in enrolments]

    best_attempt: dict[tuple[int, int], Decimal] = {}
    awaiting_attempt: set[tuple[int, int]] = set()
    if quizzes and ids:
        graded = Q(status=QuizAttempt.Status.GRADED, max_score__gt=0)
        rows = (
            QuizAttempt.objects.filter(
                enrolment_id__in=ids,
                quiz__in=quizzes,
                status__in=[QuizAttempt.Status.GRADED, QuizAttempt.Status.SUBMITTED],
            )
            .order_by()  # the default ordering would join enrolments, editions, programmes
            .values("enrolment_id", "quiz_id", "max_score")
            .annotate(
                best=Max("score", filter=graded),
                waiting=Count("pk", filter=Q(status=QuizAttempt.Status.SUBMITTED)),
            )
        )
        for row in rows:
            key = (row["enrolment_id"], row["quiz_id"])
            if row["waiting"]:
                awaiting_attempt.add(key)
            if row["best"] is not None:
                share = min(ONE, row["best"] / row["max_score"])
                best_attempt[key] = max(share, best_attempt.get(key, ZERO))

    submitted: dict[tuple[int, int], Submission] = {}
    if assignments and ids:
        for submission in (
            Submission.objects.filter(enrolment_id__in=ids, assignment__in=assignments)
            .order_by()
            .only("enrolment_id", "assignment_id", "points", "days_late")
        ):
            submitted[(submission.enrolment_id, submission.assignment_id)] = submission

    quizzes_by_module = defaultdict(list)
    for quiz in quizzes:
        quizzes_by_module[quiz.module_id].append(quiz)
    assignments_by_module = defaultdict(list)
    for assignment in assignments:
        assignments_by_module[assignment.module_id].append(assignment)

    result = {}
    for enrolment in enrolments:
        module_grades = []
        for module in modules:
            grade = ModuleGrade(module=module)
            for quiz in quizzes_by_module[module.pk]:
                grade.items.append(
                    ItemGrade(
                        kind="quiz",
                        item=quiz,
                        weight=quiz.weight,
                        share=best_attempt.get((enrolment.pk, quiz.pk)),
                        released=module.grades_released,
                        awaiting=(enrolment.pk, quiz.pk) in awaiting_attempt,
                    )
                )
            for assignment in assignments_by_module[module.pk]:
                submission = submitted.get((enrolment.pk, assignment.pk))
                grade.items.append(
                    ItemGrade(
                        kind="assignment",
                        item=assignment,
                        weight=assignment.weight,
                        share=submission_share(submission, assignment) if submission else None,
                        released=module.grades_released and assignment.grades_released,
                        awaiting=submission is not None and submission.points is None,
                    )
                )
            module_grades.append(grade)
        result[enrolment.pk] = EnrolmentGrades(enrolment, programme, module_grades)
    return result


def grades_of(enrolment: Enrolment) -> EnrolmentGrades:
    """Grades of one enrolment (four queries plus the edition's programme if not loaded)."""
    edition = enrolment.edition
    return grades_for_edition(edition, [enrolment])[enrolment.pk]
