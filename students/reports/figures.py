"""The figures of a report on an edition, and on a programme over its editions.

Every figure of a person comes from students/completion.py (hours, attendance, grade, verdict),
so a report says what the completion screens say; here they are only counted and averaged, by
the groups people declared when they applied (Enrolment.declared_*). Nothing that leaves this
module names a person or holds a row per person: the tables are counts with their suppression
(students/reports/suppression.py) already applied. The groups and their tables are in
students/reports/groups.py, the pre/post tests, surveys and a module's focus in
students/reports/outcomes.py.

An edition's report runs a constant number of queries whatever its size (see edition_report).
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courses.models import Module
from diploma.models import Edition, Programme
from students.completion import Completion, completion_for
from students.models import (
    Certificate,
    Enrolment,
    EnrolmentTransition,
    LessonProgress,
)
from students.reports.groups import (
    DIMENSIONS,
    Person,
    Table,
    age_group,
    group_label,
    group_order,
)
from students.reports.outcomes import (
    LearningGain,
    ModuleFocus,
    Survey,
    learning_gains,
    module_focus,
    survey_results,
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
CROSSED = (("gender", "sector"), ("gender", "country"))
ENROLLED_ROW = 2  # the stage whose groups are the margins of the crossed tables
STAGE_TOTAL = "total"  # margins (STAGE_TOTAL, stage): a stage's total, as the funnel shows it


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
) -> tuple[list[Person], dict[int, Completion]]:
    """Nine queries for the completion of the enrolled, whatever their number."""
    completions = completion_for(edition, [e for e in applications if e.is_active], now=now)
    people = []
    for enrolment in applications:
        completion = completions.get(enrolment.pk)
        person = Person(
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


def _one_way(people: list[Person], dimension: str, title: str, hidden_margins: set[tuple]) -> Table:
    """People at each stage by one dimension. The enrolled row holds the margins of the crossed
    tables and the total column the funnel's: those hidden elsewhere stay hidden here."""
    keys = group_order(dimension, {person.groups[dimension] for person in people})
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


def _crossed(people: list[Person], rows: str, columns: str, hidden_margins: set[tuple]) -> Table:
    """Enrolled people by two dimensions; the margins hidden in other tables stay hidden."""
    enrolled = [p for p in people if "enrolled" in p.stages]
    row_keys = group_order(rows, {p.groups[rows] for p in people})
    column_keys = group_order(columns, {p.groups[columns] for p in people})
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


def _tables(people: list[Person]) -> tuple[list[Table], list[Table], set[tuple]]:
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


def _summarise(people: list[Person]) -> dict:
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
        learning=learning_gains(edition, by_enrolment, [module] if module else None),
        surveys=survey_results(edition, with_comments=with_comments, module=module),
        focus=(module_focus(edition, module, completions, by_enrolment) if module else None),
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
