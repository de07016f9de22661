"""Grades: items (quizzes, assignments) make module grades; weighted modules make the final grade.

Every score is first a share between 0 and 1, then shown on the programme's scale (0-20 or 0-100).
A "current" grade averages the items that have a result; a "final" grade counts a missing
result as zero. Everything for many enrolments is read with a constant number of queries.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Max, QuerySet

from courses.models import Assignment, Module, Quiz
from diploma.models import Edition, Programme
from students.models import Enrolment, QuizAttempt, Submission

ZERO = Decimal("0")
ONE = Decimal("1")
CENT = Decimal("0.01")


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


@dataclass
class ModuleGrade:
    module: Module
    items: list[ItemGrade] = field(default_factory=list)

    def _share(self, *, missing_as_zero: bool) -> Decimal | None:
        counted = [i for i in self.items if i.share is not None or missing_as_zero]
        total_weight = sum((i.weight for i in counted), ZERO)
        if not counted or total_weight == 0:
            return None
        return sum((i.weight * (i.share or ZERO) for i in counted), ZERO) / total_weight

    @property
    def current_share(self) -> Decimal | None:
        return self._share(missing_as_zero=False)

    @property
    def final_share(self) -> Decimal | None:
        return self._share(missing_as_zero=True)

    @property
    def is_complete(self) -> bool:
        return all(i.share is not None for i in self.items)

    def formula(self, programme: Programme, *, final: bool = True) -> Formula:
        """The module grade with its items; `final` counts an item without a result as 0."""
        terms = []
        for item in self.items:
            share = item.share if item.share is not None or not final else ZERO
            value = None if share is None else to_scale(share, programme)
            terms.append(Term(item.item.title, item.weight, value))
        share = self.final_share if final else self.current_share
        result = None if share is None else to_scale(share, programme)
        return Formula(terms, result, programme.max_grade)


@dataclass
class EnrolmentGrades:
    enrolment: Enrolment
    programme: Programme
    modules: list[ModuleGrade]

    def module_grade(self, module: Module, *, final: bool = False) -> Decimal | None:
        for grade in self.modules:
            if grade.module.pk == module.pk:
                share = grade.final_share if final else grade.current_share
                return None if share is None else to_scale(share, self.programme)
        return None

    def final_grade(self, *, final: bool = True) -> Decimal | None:
        """Modules weighted by Module.weight; modules without any graded item are left out."""
        weighted = []
        for grade in self.modules:
            share = grade.final_share if final else grade.current_share
            if share is not None:
                weighted.append((grade.module.weight, share))
        total_weight = sum((w for w, _ in weighted), ZERO)
        if not weighted or total_weight == 0:
            return None
        share = sum((w * s for w, s in weighted), ZERO) / total_weight
        return to_scale(share, self.programme)

    def final_formula(self, *, final: bool = True) -> Formula:
        """The final grade with its modules (those without any graded item are left out)."""
        terms = []
        for grade in self.modules:
            share = grade.final_share if final else grade.current_share
            value = None if share is None else to_scale(share, self.programme)
            terms.append(Term(grade.module.title, grade.module.weight, value))
        return Formula(terms, self.final_grade(final=final), self.programme.max_grade)

    def of_module(self, module: Module) -> ModuleGrade | None:
        return next((grade for grade in self.modules if grade.module.pk == module.pk), None)

    def failed_required_modules(self) -> list[Module]:
        """Required modules whose final grade is below the programme's pass grade."""
        failed = []
        for grade in self.modules:
            if not grade.module.is_required or not grade.items:
                continue
            share = grade.final_share
            if share is None or to_scale(share, self.programme) < self.programme.pass_grade:
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
    if quizzes and ids:
        rows = (
            QuizAttempt.objects.filter(
                enrolment_id__in=ids,
                quiz__in=quizzes,
                status=QuizAttempt.Status.GRADED,
                max_score__gt=0,
            )
            .order_by()  # the default ordering would join enrolments, editions, programmes
            .values("enrolment_id", "quiz_id", "max_score")
            .annotate(best=Max("score"))
        )
        for row in rows:
            share = min(ONE, row["best"] / row["max_score"])
            key = (row["enrolment_id"], row["quiz_id"])
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
                    )
                )
            module_grades.append(grade)
        result[enrolment.pk] = EnrolmentGrades(enrolment, programme, module_grades)
    return result


def grades_of(enrolment: Enrolment) -> EnrolmentGrades:
    """Grades of one enrolment (four queries plus the edition's programme if not loaded)."""
    edition = enrolment.edition
    return grades_for_edition(edition, [enrolment])[enrolment.pk]
