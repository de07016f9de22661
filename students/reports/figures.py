"""The figures of a report on an edition, and on a programme over its editions.

Every figure of a person comes from students/completion.py (hours, attendance, grade, verdict),
so a report says what the completion screens say; here they are only counted and averaged, by
the groups people declared when they applied (Enrolment.declared_*). Nothing that leaves this
module names a person or holds a row per person: the tables are counts with their suppression
(students/reports/suppression.py) already applied.

An edition's report runs a constant number of queries whatever its size (see edition_report).
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, Max, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from courses.models import Module, Quiz
from diploma.models import Edition, Programme, Sector
from students.completion import Completion, completion_for
from students.models import (
    Certificate,
    Enrolment,
    EnrolmentTransition,
    LessonProgress,
    QuizAttempt,
    StudentProfile,
    SurveyAnswer,
    SurveyStatement,
)
from students.reports.suppression import Cell, is_small, mean, share, suppress

Status = Enrolment.Status

STAGES = (
    ("submitted", _("Applications submitted")),
    ("admitted", _("Admitted")),
    ("enrolled", _("Enrolled")),
    ("active", _("Took part")),
    ("completed", pgettext_lazy("report funnel", "Completed")),
    ("certified", _("Certified")),
    ("dropped", _("Withdrawn or not completed")),
)
STAGE_HELP = {
    "submitted": _("Applications sent to the coordinators."),
    "admitted": _("Applicants offered a seat, including those who withdrew later."),
    "enrolled": _("Admitted people who kept their seat."),
    "active": _("Enrolled people who did a lesson or attended a live session."),
    "completed": _("Enrolled people who met the programme's requirements."),
    "certified": _("Holders of a valid certificate."),
    "dropped": _("Admitted people who withdrew or did not meet the requirements."),
}
NOT_STATED = ""
AGE_GROUPS = (
    ("under_25", _("Under 25")),
    ("25_34", _("25 to 34")),
    ("35_44", _("35 to 44")),
    ("45_54", _("45 to 54")),
    ("55_over", _("55 and over")),
)
DIMENSIONS = (
    ("gender", _("Gender")),
    ("country", _("Country")),
    ("sector", _("Sector")),
    ("age", _("Age group")),
)
CROSSED = (("gender", "sector"), ("gender", "country"))
ENROLLED_ROW = 2  # the stage whose groups are the margins of the crossed tables
STAGE_TOTAL = "total"  # margins (STAGE_TOTAL, stage): a stage's total, as the funnel shows it


def age_group(birth_year: int | None, at_year: int) -> str:
    if birth_year is None:
        return NOT_STATED
    age = at_year - birth_year
    for limit, key in ((25, "under_25"), (35, "25_34"), (45, "35_44"), (55, "45_54")):
        if age < limit:
            return key
    return "55_over"


def group_label(dimension: str, key: str) -> str:
    if key == NOT_STATED:
        return str(_("Not stated"))
    if dimension == "gender":
        return str(StudentProfile.Gender(key).label)
    if dimension == "sector":
        return str(Sector(key).label)
    if dimension == "country":
        return str(countries.name(key) or key)
    return str(dict(AGE_GROUPS)[key])


def _group_order(dimension: str, present: set[str]) -> list[str]:
    """Every gender (a zero says something too); the other groups that occur."""
    if dimension == "gender":
        keys = [key for key, _label in StudentProfile.Gender.choices]
        return [*keys, NOT_STATED]
    if dimension == "sector":
        keys = [key for key, _label in Sector.choices if key in present]
    elif dimension == "age":
        keys = [key for key, _label in AGE_GROUPS if key in present]
    else:
        keys = sorted((key for key in present if key), key=lambda key: group_label("country", key))
    return [*keys, NOT_STATED] if NOT_STATED in present else keys


@dataclass
class _Person:
    """What the report counts of one application: groups and figures, never who."""

    groups: dict[str, str]
    stages: set[str]
    minutes: int = 0
    attendance: int | None = None
    grade: Decimal | None = None


@dataclass
class Table:
    """A table of counts after suppression, by rows and columns, with the totals it shows."""

    title: str
    row_labels: list[str]
    column_labels: list[str]
    cells: list[list[Cell]]
    column_total_label: str = ""
    row_total_label: str = ""
    rates: list[tuple[str, list[Decimal | None]]] = field(default_factory=list)
    """Extra rows of percentages or averages (label, one per column including the total)."""
    extra_columns: list[tuple[str, list]] = field(default_factory=list)
    """Extra columns of rates or sums (label, one per row)."""


@dataclass
class ModuleLine:
    title: str
    slug: str
    enrolled: Cell
    completed: Cell
    passed: Cell
    completion_rate: Decimal | None
    pass_rate: Decimal | None


@dataclass
class LearningGain:
    module: str
    table: Table
    """Rows: took both tests, mean pre-test, mean post-test, mean gain, improved (%)."""


@dataclass
class SurveyLine:
    statement: str
    answers: Cell
    mean: Decimal | None
    agree: Decimal | None
    """Share who answered 4 or 5."""


@dataclass
class Survey:
    title: str
    lines: list[SurveyLine]
    comments: list[str]
    """Free text, for coordinators only: shuffled by sorting, never with a name."""


@dataclass
class ModuleFocus:
    """One module of an edition, by gender: who finished its lessons and passed it, and how
    its survey was rated."""

    title: str
    slug: str
    completion: Table
    survey: Table | None


@dataclass
class Report:
    programme: Programme
    edition: Edition | None
    editions: list[Edition]
    partners: list[str]
    period: tuple[dt.date, dt.date] | None
    funnel: list[tuple[str, str, Cell]]
    """(key, label, count) per stage."""
    completion_rate: Decimal | None
    average_attendance: Decimal | None
    average_grade: Decimal | None
    max_grade: int
    certificates: Cell
    person_hours: Decimal
    by_dimension: list[Table]
    crossed: list[Table]
    modules: list[ModuleLine] = field(default_factory=list)
    learning: list[LearningGain] = field(default_factory=list)
    surveys: list[Survey] = field(default_factory=list)
    trend: Table | None = None
    focus: ModuleFocus | None = None
    as_of: dt.datetime = field(default_factory=timezone.now)
    """When the figures were computed."""

    @property
    def title(self) -> str:
        if self.focus is not None:
            return f"{self.programme.title} · {self.edition.name} · {self.focus.title}"
        if self.edition is not None:
            return f"{self.programme.title} · {self.edition.name}"
        return self.programme.title


def _applications(editions: list[Edition]):
    admitted = EnrolmentTransition.objects.filter(
        enrolment=OuterRef("pk"), to_status=Status.ADMITTED
    )
    certified = Certificate.objects.valid().filter(enrolment=OuterRef("pk"))
    return (
        Enrolment.objects.filter(edition__in=editions)
        .filter(Q(submitted_at__isnull=False) | ~Q(status=Status.DRAFT))
        .annotate(ever_admitted=Exists(admitted), certified=Exists(certified))
        .order_by("pk")
    )


def _stages(enrolment: Enrolment, completion: Completion | None) -> set[str]:
    stages = {"submitted"}
    admitted = enrolment.ever_admitted or enrolment.is_active
    if admitted:
        stages.add("admitted")
    if enrolment.is_active:
        stages.add("enrolled")
    if completion is not None:
        if completion.hours.minutes or completion.attendance.attended:
            stages.add("active")
        ended_and_met = completion.ended and completion.qualifies
        done = enrolment.status == Status.COMPLETED or (
            enrolment.status == Status.ADMITTED and ended_and_met
        )
        if done:
            stages.add("completed")
        elif completion.ended or enrolment.status == Status.NOT_COMPLETED:
            stages.add("dropped")
    if enrolment.certified:
        stages.add("certified")
    if admitted and enrolment.status == Status.WITHDRAWN:
        stages.add("dropped")
    return stages


def _people(
    edition: Edition, applications: list[Enrolment], now: dt.datetime
) -> tuple[list[_Person], dict[int, Completion]]:
    """Nine queries for the completion of the enrolled, whatever their number."""
    completions = completion_for(edition, [e for e in applications if e.is_active], now=now)
    people = []
    for enrolment in applications:
        completion = completions.get(enrolment.pk)
        person = _Person(
            groups={
                "gender": enrolment.declared_gender,
                "country": str(enrolment.declared_country or ""),
                "sector": enrolment.declared_sector,
                "age": age_group(enrolment.declared_birth_year, edition.starts_on.year),
            },
            stages=_stages(enrolment, completion),
        )
        if completion is not None:
            person.minutes = completion.hours.minutes
            person.attendance = completion.attendance.percent
            summary = (
                completion.verdict_grade
                if completion.ended
                else completion.grade(released_only=True)
            )
            person.grade = summary.value if summary is not None else None
        people.append(person)
    return people, completions


def _one_way(
    people: list[_Person], dimension: str, title: str, hidden_margins: set[tuple]
) -> Table:
    """People at each stage by one dimension. The enrolled row holds the margins of the crossed
    tables and the total column the funnel's: those hidden elsewhere stay hidden here."""
    keys = _group_order(dimension, {person.groups[dimension] for person in people})
    counts = [
        [sum(1 for p in people if stage in p.stages and p.groups[dimension] == key) for key in keys]
        for stage, _label in STAGES
    ]
    also_hide = frozenset(
        {(ENROLLED_ROW, i) for d, i in hidden_margins if d == dimension}
        | {(row, len(keys)) for d, row in hidden_margins if d == STAGE_TOTAL}
    )
    cells = (
        suppress(counts, column_totals=False, also_hide=also_hide)
        if keys
        else [[Cell(sum(r))] for r in counts]
    )
    enrolled, completed = cells[2], cells[4]
    rates = [
        share(completed[i], enrolled[i].value) if not enrolled[i].hidden else None
        for i in range(len(keys) + 1)
    ]
    attendance = [
        mean(
            [p.attendance for p in people if p.attendance is not None and p.groups[dimension] == k]
        )
        for k in keys
    ] + [mean([p.attendance for p in people if p.attendance is not None])]
    table = Table(
        title=str(title),
        row_labels=[str(label) for _key, label in STAGES],
        column_labels=[group_label(dimension, key) for key in keys],
        cells=cells,
        row_total_label=str(_("Total")),
        rates=[
            (str(_("Completion rate (%)")), rates),
            (str(_("Average attendance (%)")), attendance),
        ],
    )
    return table


def _crossed(people: list[_Person], rows: str, columns: str, hidden_margins: set[tuple]) -> Table:
    """Enrolled people by two dimensions; the margins hidden in other tables stay hidden."""
    enrolled = [p for p in people if "enrolled" in p.stages]
    row_keys = _group_order(rows, {p.groups[rows] for p in people})
    column_keys = _group_order(columns, {p.groups[columns] for p in people})
    counts = Counter((p.groups[rows], p.groups[columns]) for p in enrolled)
    matrix = [[counts[(r, c)] for c in column_keys] for r in row_keys]
    also_hide = frozenset(
        {(r, len(column_keys)) for d, r in hidden_margins if d == rows}
        | {(len(row_keys), c) for d, c in hidden_margins if d == columns}
        | ({(len(row_keys), len(column_keys))} if (STAGE_TOTAL, ENROLLED_ROW) in hidden_margins
           else set())
    )  # fmt: skip
    title = _("Enrolled by %(rows)s and %(columns)s") % {
        "rows": str(dict(DIMENSIONS)[rows]).lower(),
        "columns": str(dict(DIMENSIONS)[columns]).lower(),
    }
    return Table(
        title=str(title),
        row_labels=[group_label(rows, key) for key in row_keys] + [str(_("Total"))],
        column_labels=[group_label(columns, key) for key in column_keys],
        cells=suppress(matrix, also_hide=also_hide),
        row_total_label=str(_("Total")),
    )


def _modules(edition: Edition, completions: dict[int, Completion]) -> list[ModuleLine]:
    """By module: how many enrolled finished its lessons and passed it. Two queries."""
    modules = list(
        Module.objects.filter(edition=edition)
        .annotate(
            published_lessons=Count("lessons", filter=Q(lessons__is_published=True), distinct=True)
        )
        .order_by("order", "id")
    )
    done = Counter()
    rows = (
        LessonProgress.objects.filter(
            enrolment_id__in=list(completions), lesson__module__edition=edition,
            lesson__is_published=True,
        )
        .values("enrolment_id", "lesson__module_id")
        .annotate(done=Count("pk"))
        .order_by()
    )  # fmt: skip
    lessons = {module.pk: module.published_lessons for module in modules}
    for row in rows:
        if (
            lessons.get(row["lesson__module_id"])
            and row["done"] >= lessons[row["lesson__module_id"]]
        ):
            done[row["lesson__module_id"]] += 1
    passed, graded = Counter(), Counter()
    programme = edition.programme
    for completion in completions.values():
        for grade in completion.grades.modules:
            if not grade.items:
                continue
            graded[grade.module.pk] += 1
            value = grade.verdict(programme) if completion.ended else None
            if value is not None and value >= programme.pass_grade:
                passed[grade.module.pk] += 1
    enrolled = len(completions)
    lines = []
    for module in modules:
        completed = Cell(done[module.pk], 0 < done[module.pk] < 5)
        passing = Cell(passed[module.pk], 0 < passed[module.pk] < 5)
        lines.append(
            ModuleLine(
                title=module.title,
                slug=module.slug,
                enrolled=Cell(enrolled, 0 < enrolled < 5),
                completed=completed,
                passed=passing,
                completion_rate=share(completed, enrolled) if module.published_lessons else None,
                pass_rate=share(passing, graded[module.pk]) if graded[module.pk] else None,
            )
        )
    return lines


def _learning(
    edition: Edition, people_by_enrolment: dict[int, _Person], modules=None
) -> list[LearningGain]:
    """Pre-test and post-test of each module (of `modules` when given): the best graded score
    of each, as a percentage. One query."""
    attempts = (
        QuizAttempt.objects.all()
        if modules is None
        else QuizAttempt.objects.filter(quiz__module__in=modules)
    )
    rows = (
        attempts.filter(
            quiz__module__edition=edition,
            quiz__purpose__in=[Quiz.Purpose.PRE_TEST, Quiz.Purpose.POST_TEST],
            status=QuizAttempt.Status.GRADED,
            max_score__gt=0,
            enrolment_id__in=list(people_by_enrolment),
        )
        .values("enrolment_id", "quiz__module_id", "quiz__module__title", "quiz__module__order",
                "quiz__purpose")
        .annotate(best=Max(F("score") * 100 / F("max_score")))
        .order_by("quiz__module__order", "quiz__module_id")
    )  # fmt: skip
    scores: dict[tuple[int, str], dict[int, dict[str, Decimal]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for row in rows:
        key = (row["quiz__module_id"], row["quiz__module__title"])
        scores[key][row["enrolment_id"]][row["quiz__purpose"]] = Decimal(row["best"])
    result = []
    genders = _group_order("gender", set())
    for (_module_id, title), by_enrolment in scores.items():
        pairs = [
            (people_by_enrolment[e].groups["gender"], s["pre_test"], s["post_test"])
            for e, s in by_enrolment.items()
            if "pre_test" in s and "post_test" in s
        ]
        counts = suppress([[sum(1 for g, *_ in pairs if g == key) for key in genders]],
                          column_totals=False)[0]  # fmt: skip
        columns = [*genders, None]

        def of(key, pairs=pairs):
            return [p for p in pairs if key is None or p[0] == key]

        def averaged(values, cell):
            return None if cell.hidden else mean(values)

        pre = [averaged([p[1] for p in of(k)], counts[i]) for i, k in enumerate(columns)]
        post = [averaged([p[2] for p in of(k)], counts[i]) for i, k in enumerate(columns)]
        gain = [averaged([p[2] - p[1] for p in of(k)], counts[i]) for i, k in enumerate(columns)]
        improved = [
            None if counts[i].hidden else share(sum(1 for p in of(k) if p[2] > p[1]), len(of(k)))
            for i, k in enumerate(columns)
        ]
        table = Table(
            title=str(title),
            row_labels=[str(_("Took both tests"))],
            column_labels=[group_label("gender", key) for key in genders],
            cells=[counts],
            row_total_label=str(_("Total")),
            rates=[
                (str(_("Mean pre-test score (%)")), pre),
                (str(_("Mean post-test score (%)")), post),
                (str(_("Mean gain (points)")), gain),
                (str(_("Improved (%)")), improved),
            ],
        )
        result.append(LearningGain(module=str(title), table=table))
    return result


def _surveys(
    edition: Edition, *, with_comments: bool, module: Module | None = None
) -> list[Survey]:
    """Scale answers counted in the database (of one module's survey when given); comments
    only when asked. Two or three queries."""
    statements = {
        s.pk: s for s in SurveyStatement.objects.filter(programme_id=edition.programme_id)
    }
    given = SurveyAnswer.objects.filter(response__enrolment__edition=edition)
    if module is not None:
        given = given.filter(response__module=module)
    rows = (
        given.filter(score__isnull=False)
        .values("statement_id", "response__module_id", "response__module__title",
                "response__module__order")
        .annotate(
            answers=Count("pk"),
            total=Count("pk", filter=Q(score__gte=1)),
            agree=Count("pk", filter=Q(score__gte=4)),
            points=Sum("score"),
        )
        .order_by("response__module__order", "response__module_id", "statement_id")
    )  # fmt: skip
    surveys: dict[int | None, Survey] = {}
    for row in rows:
        module_id = row["response__module_id"]
        survey = surveys.setdefault(
            module_id,
            Survey(
                title=row["response__module__title"] or str(_("The edition as a whole")),
                lines=[],
                comments=[],
            ),
        )
        answers = row["answers"]
        statement = statements.get(row["statement_id"])
        survey.lines.append(
            SurveyLine(
                statement=statement.text if statement else "",
                answers=Cell(answers, 0 < answers < 5),
                mean=(
                    (Decimal(row["points"]) / answers).quantize(Decimal("0.1"))
                    if answers >= 5
                    else None
                ),
                agree=share(row["agree"], answers),
            )
        )
    if with_comments:
        texts = (
            given.exclude(text="")
            .values_list("response__module_id", "text")
            .order_by("response__module_id", "text")
        )
        for module_id, text in texts:
            if module_id in surveys:
                surveys[module_id].comments.append(text)
            else:
                surveys[module_id] = Survey(
                    title=str(_("The edition as a whole")), lines=[], comments=[text]
                )
    return list(surveys.values())


def _by_gender(title: str, row_labels: list[str], counts: list[list[int]], rates) -> Table:
    genders = _group_order("gender", set())
    return Table(
        title=title,
        row_labels=row_labels,
        column_labels=[group_label("gender", key) for key in genders],
        cells=suppress(counts, column_totals=False),
        row_total_label=str(_("Total")),
        rates=rates,
    )


def _module_focus(
    edition: Edition, module: Module, completions: dict[int, Completion], people: dict[int, _Person]
) -> ModuleFocus:
    """One module by gender: four queries (its lessons, who finished them, its survey)."""
    genders = _group_order("gender", set())
    lessons = module.lessons.filter(is_published=True).count()
    finished = set()
    if lessons:
        finished = set(
            LessonProgress.objects.filter(
                enrolment_id__in=list(completions), lesson__module=module,
                lesson__is_published=True,
            )
            .values("enrolment_id")
            .annotate(done=Count("pk"))
            .filter(done__gte=lessons)
            .values_list("enrolment_id", flat=True)
        )  # fmt: skip
    passed, graded = set(), set()
    for enrolment_id, completion in completions.items():
        for grade in completion.grades.modules:
            if grade.module.pk != module.pk or not grade.items:
                continue
            graded.add(enrolment_id)
            value = grade.verdict(edition.programme) if completion.ended else None
            if value is not None and value >= edition.programme.pass_grade:
                passed.add(enrolment_id)

    def by_gender(ids) -> list[int]:
        return [sum(1 for e in ids if people[e].groups["gender"] == key) for key in genders]

    cells_counts = [by_gender(completions), by_gender(finished), by_gender(passed)]
    cells = suppress(cells_counts, column_totals=False)
    graded_by = [*by_gender(graded), len(graded)]
    completion = _by_gender(
        str(_("Enrolled, finished the lessons and passed, by gender")),
        [str(_("Enrolled")), str(_("Finished the lessons")), str(_("Passed"))],
        cells_counts,
        [
            (str(_("Completion rate (%)")),
             [share(cells[1][i], cells[0][i].value, rest=cells[0][i]) if lessons else None
              for i in range(len(genders) + 1)]),
            (str(_("Pass rate (%)")),
             [share(cells[2][i], graded_by[i]) if graded_by[i] else None
              for i in range(len(genders) + 1)]),
        ],
    )  # fmt: skip
    return ModuleFocus(
        title=module.title,
        slug=module.slug,
        completion=completion,
        survey=_module_survey_by_gender(module, people),
    )


def _module_survey_by_gender(module: Module, people: dict[int, _Person]) -> Table | None:
    """The mean of each statement of the module's survey by gender, for groups of at least 5
    who answered. Two queries; the answers never leave this function one by one."""
    rows = list(
        SurveyAnswer.objects.filter(
            response__module=module, response__enrolment_id__in=list(people), score__isnull=False
        )
        .order_by("statement__order", "statement_id")
        .values_list("statement_id", "response__enrolment_id", "score")
    )
    if not rows:
        return None
    genders = _group_order("gender", set())
    statements = {s.pk: s for s in SurveyStatement.objects.filter(pk__in={row[0] for row in rows})}
    scores: dict[int, list[tuple[str, int]]] = defaultdict(list)
    answered: dict[int, str] = {}
    for statement_id, enrolment_id, score in rows:
        gender = people[enrolment_id].groups["gender"]
        scores[statement_id].append((gender, score))
        answered[enrolment_id] = gender
    counts = [[sum(1 for g in answered.values() if g == key) for key in genders]]
    cells = suppress(counts, column_totals=False)
    columns = [*genders, None]
    rates = [
        (
            str(statements[statement_id].text),
            [
                None if cells[0][i].hidden
                else mean([v for g, v in given if key is None or g == key])
                for i, key in enumerate(columns)
            ],
        )
        for statement_id, given in scores.items()
    ]  # fmt: skip
    return _by_gender(str(_("Survey of the module: mean (1 to 5) by gender")),
                      [str(_("Answered"))], counts, rates)  # fmt: skip


def _partners(programme: Programme) -> list[str]:
    return [
        f"{p.institution.short_name} ({p.get_role_display()})"
        for p in programme.partnerships.select_related("institution")
    ]


def _margins_hidden(by_dimension: list[Table], crossed: list[Table]) -> set[tuple]:
    """The figures shown in more than one table that some table hides: (dimension, group) for
    the enrolled of a group, (STAGE_TOTAL, stage) for the total of a stage."""
    found = set()
    for (dimension, _title), table in zip(DIMENSIONS, by_dimension, strict=True):
        *groups, _total = table.cells[ENROLLED_ROW]
        found |= {(dimension, i) for i, cell in enumerate(groups) if cell.hidden}
        found |= {(STAGE_TOTAL, row) for row, cells in enumerate(table.cells) if cells[-1].hidden}
    for (rows, columns), table in zip(CROSSED, crossed, strict=True):
        *body, margin = table.cells
        found |= {(rows, r) for r, cells in enumerate(body) if cells[-1].hidden}
        found |= {(columns, c) for c, cell in enumerate(margin[:-1]) if cell.hidden}
        if margin[-1].hidden:
            found.add((STAGE_TOTAL, ENROLLED_ROW))
    return found


def _tables(people: list[_Person]) -> tuple[list[Table], list[Table], set[tuple]]:
    """The one-way and crossed tables, suppressed together: a figure that two tables share (a
    group's enrolled, a stage's total) is hidden in both or shown in both, or one table would
    give away what the other hides. Hiding more never shows anything, so this ends."""
    hidden: set[tuple] = set()
    while True:
        by_dimension = [
            _one_way(people, dimension, title, hidden) for dimension, title in DIMENSIONS
        ]
        crossed = [_crossed(people, rows, columns, hidden) for rows, columns in CROSSED]
        found = _margins_hidden(by_dimension, crossed)
        if found <= hidden:
            return by_dimension, crossed, hidden
        hidden |= found


def _summarise(people: list[_Person]) -> dict:
    """The headline figures and the disaggregated tables of some people."""
    by_dimension, crossed, hidden = _tables(people)
    funnel_counts = [sum(1 for p in people if stage in p.stages) for stage, _label in STAGES]
    funnel = [
        (key, str(label), Cell(count, is_small(count), (STAGE_TOTAL, i) in hidden and count >= 5))
        for i, ((key, label), count) in enumerate(zip(STAGES, funnel_counts, strict=True))
    ]
    enrolled = [p for p in people if "enrolled" in p.stages]
    return {
        "funnel": funnel,
        "completion_rate": share(funnel[4][2], len(enrolled), rest=funnel[ENROLLED_ROW][2]),
        "average_attendance": mean([p.attendance for p in enrolled if p.attendance is not None]),
        "average_grade": mean([p.grade for p in enrolled if p.grade is not None]),
        "certificates": funnel[5][2],
        "person_hours": (Decimal(sum(p.minutes for p in enrolled)) / 60).quantize(Decimal("1")),
        "by_dimension": by_dimension,
        "crossed": crossed,
    }


def edition_report(
    edition: Edition,
    *,
    with_comments: bool = False,
    module: Module | None = None,
    now: dt.datetime | None = None,
) -> Report:
    """An edition's report. About twenty queries, the same for 10 or 10,000 people: the
    applications (one), their completion (nine), modules (two), pre/post tests (one), surveys
    (two, three with comments) and the partners (one)."""
    now = now or timezone.now()
    programme = edition.programme
    applications = list(_applications([edition]))
    people, completions = _people(edition, applications, now)
    by_enrolment = {e.pk: p for e, p in zip(applications, people, strict=True)}
    return Report(
        programme=programme,
        edition=edition,
        editions=[edition],
        partners=_partners(programme),
        period=(edition.starts_on, edition.ends_on),
        max_grade=programme.max_grade,
        modules=[
            line
            for line in _modules(edition, completions)
            if module is None or line.slug == module.slug
        ],
        learning=_learning(edition, by_enrolment, [module] if module else None),
        surveys=_surveys(edition, with_comments=with_comments, module=module),
        focus=(_module_focus(edition, module, completions, by_enrolment) if module else None),
        **_summarise(people),
    )


TREND_ROWS = ("submitted", "enrolled", "completed", "certified", "dropped")


def trend_cells(counts: list[list[int]]) -> list[list[Cell]]:
    """The per-edition counts of a programme's trend. Each column adds up to a stage of the
    programme's funnel, shown beside it, so the column is suppressed with that total: a
    hidden edition cannot be worked out by subtracting the others from the funnel."""
    if not counts:
        return []
    return suppress(counts, row_totals=False, column_totals=True)[:-1]


def programme_report(
    programme: Programme, editions: list[Edition], *, now: dt.datetime | None = None
) -> Report:
    """A programme's report over the given editions (oldest first): the figures of all of them
    together and a trend, one line per edition. The completion of each edition is read with
    its own nine queries, so the queries grow with the editions, never with the people."""
    now = now or timezone.now()
    editions = sorted(editions, key=lambda e: (e.starts_on, e.pk))
    applications = list(_applications(editions))
    everyone, trend_counts, trend_hours = [], [], []
    for edition in editions:
        mine = [e for e in applications if e.edition_id == edition.pk]
        people, _completions = _people(edition, mine, now)
        everyone.extend(people)
        counts = [sum(1 for p in people if key in p.stages) for key in TREND_ROWS]
        trend_counts.append(counts)
        trend_hours.append(
            (Decimal(sum(p.minutes for p in people if "enrolled" in p.stages)) / 60).quantize(
                Decimal("1")
            )
        )
    labels = dict(STAGES)
    cells = trend_cells(trend_counts)
    # A rate is not shown where its count is hidden, even as a secondary suppression.
    trend_rates = [
        share(row[2], counts[1], rest=row[1])
        for row, counts in zip(cells, trend_counts, strict=True)
    ]
    trend = Table(
        title=str(_("Editions over time")),
        row_labels=[edition.name for edition in editions],
        column_labels=[str(labels[key]) for key in TREND_ROWS],
        cells=cells,
        extra_columns=[
            (str(_("Completion rate (%)")), trend_rates),
            (str(_("Person-hours")), trend_hours),
        ],
    )
    period = (editions[0].starts_on, editions[-1].ends_on) if editions else None
    return Report(
        programme=programme,
        edition=None,
        editions=editions,
        partners=_partners(programme),
        period=period,
        max_grade=programme.max_grade,
        trend=trend,
        **_summarise(everyone),
    )
