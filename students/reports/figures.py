"""The figures of a report on an edition (a programme's report adds up its editions' in
students/reports/programme.py).

Every figure of a person comes from students/completion.py (hours, attendance, grade, verdict)
through the report records (students/reports/records.py), so a report says what the completion
screens say; the records are added up in the database (students/reports/counting.py), by the
groups people declared when they applied, and here they become tables. Nothing that leaves this
module names a person or holds a row per person: the tables are counts with their suppression
(students/reports/suppression.py) already applied. The groups and their tables are in
students/reports/groups.py, the pre/post tests, surveys and a module's focus in
students/reports/outcomes.py.

A report runs the same queries whatever the number of people or editions (see edition_report).
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courses.models import Module
from diploma.models import Edition, Programme
from students.models import ModuleReportRecord, ReportRecord
from students.reports import records
from students.reports.counting import (
    CROSSED,
    EMPTY,
    STAGE_KEYS,
    Groups,
    add_up,
    fold_countries,
)
from students.reports.groups import DIMENSIONS, Table, group_label, group_order
from students.reports.outcomes import (
    LearningGain,
    ModuleFocus,
    Survey,
    learning_gains,
    module_focus,
    survey_results,
)
from students.reports.suppression import Cell, is_small, share, suppress

STAGES = tuple(
    zip(
        STAGE_KEYS,
        (
            _("Applications submitted"),
            pgettext_lazy("report funnel", "Admitted"),
            pgettext_lazy("report funnel", "Enrolled"),
            _("Took part"),
            pgettext_lazy("report funnel", "Completed"),
            _("Certified"),
            _("Withdrawn or not completed"),
        ),
        strict=True,
    )
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
    completion_pending: bool
    """No edition of the report has ended: nobody could have completed it yet."""
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


def _one_way(
    groups: Groups, dimension: str, title: str, hidden_margins: set[tuple], ended: bool
) -> Table:
    """People at each stage by one dimension. The enrolled row holds the margins of the crossed
    tables and the total column the funnel's: those hidden elsewhere stay hidden here."""
    found = groups.by[dimension]
    keys = group_order(dimension, set(found))
    columns = [found.get(key, EMPTY) for key in keys]
    counts = [[column.stages.get(stage, 0) for column in columns] for stage in STAGE_KEYS]
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
        share(completed[i], enrolled[i].value) if ended and not enrolled[i].hidden else None
        for i in range(len(keys) + 1)
    ]
    attendance = [column.average_attendance for column in [*columns, groups.total]]
    return stage_table(title, dimension, keys, cells, rates, attendance)


def stage_table(title, dimension: str, keys: list[str], cells, rates, attendance) -> Table:
    """People at each stage by the groups of one dimension, with the rates of each group."""
    return Table(
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


def _crossed(groups: Groups, rows: str, columns: str, hidden_margins: set[tuple]) -> Table:
    """Enrolled people by two dimensions; the margins hidden in other tables stay hidden."""
    row_keys = group_order(rows, set(groups.by[rows]))
    column_keys = group_order(columns, set(groups.by[columns]))
    counts = groups.crossed[(rows, columns)]
    matrix = [[counts.get((r, c), 0) for c in column_keys] for r in row_keys]
    also_hide = frozenset(
        {(r, len(column_keys)) for d, r in hidden_margins if d == rows}
        | {(len(row_keys), c) for d, c in hidden_margins if d == columns}
        | ({(len(row_keys), len(column_keys))} if (STAGE_TOTAL, ENROLLED_ROW) in hidden_margins
           else set())
    )  # fmt: skip
    return crossed_table(
        rows, columns, row_keys, column_keys, suppress(matrix, also_hide=also_hide)
    )


def crossed_table(rows: str, columns: str, row_keys: list[str], column_keys: list[str], cells):
    """Enrolled people by the groups of two dimensions, with the totals of each."""
    title = _("Enrolled by %(rows)s and %(columns)s") % {
        "rows": str(dict(DIMENSIONS)[rows]).lower(),
        "columns": str(dict(DIMENSIONS)[columns]).lower(),
    }
    return Table(
        title=str(title),
        row_labels=[group_label(rows, key) for key in row_keys] + [str(_("Total"))],
        column_labels=[group_label(columns, key) for key in column_keys],
        cells=cells,
        row_total_label=str(_("Total")),
    )


def _modules(edition: Edition, enrolled: int) -> list[ModuleLine]:
    """By module: how many enrolled finished its lessons and passed it. Two queries."""
    modules = (
        Module.objects.filter(edition=edition)
        .annotate(
            published_lessons=Count("lessons", filter=Q(lessons__is_published=True), distinct=True)
        )
        .order_by("order", "id")
    )
    counted = {
        row["module_id"]: row
        for row in ModuleReportRecord.objects.filter(record__edition=edition)
        .values("module_id")
        .annotate(
            finished=Count("pk", filter=Q(finished=True)),
            graded=Count("pk", filter=Q(graded=True)),
            passed=Count("pk", filter=Q(passed=True)),
        )
        .order_by()
    }
    lines = []
    for module in modules:
        row = counted.get(module.pk, {"finished": 0, "graded": 0, "passed": 0})
        completed = Cell(row["finished"], is_small(row["finished"]))
        passing = Cell(row["passed"], is_small(row["passed"]))
        lines.append(
            ModuleLine(
                title=module.title,
                slug=module.slug,
                enrolled=Cell(enrolled, is_small(enrolled)),
                completed=completed,
                passed=passing,
                completion_rate=share(completed, enrolled) if module.published_lessons else None,
                pass_rate=share(passing, row["graded"]) if row["graded"] else None,
            )
        )
    return lines


def partners(programme: Programme) -> list[str]:
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


def _tables(groups: Groups, ended: bool) -> tuple[list[Table], list[Table], set[tuple]]:
    """The one-way and crossed tables, suppressed together: a figure that two tables share (a
    group's enrolled, a stage's total) is hidden in both or shown in both, or one table would
    give away what the other hides. Hiding more never shows anything, so this ends."""
    hidden: set[tuple] = set()
    while True:
        by_dimension = [
            _one_way(groups, dimension, title, hidden, ended) for dimension, title in DIMENSIONS
        ]
        crossed = [_crossed(groups, rows, columns, hidden) for rows, columns in CROSSED]
        found = _margins_hidden(by_dimension, crossed)
        if found <= hidden:
            return by_dimension, crossed, hidden
        hidden |= found


def summarise(groups: Groups, *, ended: bool = True) -> dict:
    """The headline figures and the disaggregated tables of some people; completion rates once
    their edition has `ended` (during it, nobody has completed yet)."""
    by_dimension, crossed, hidden = _tables(groups, ended)
    total = groups.total
    funnel = [
        (key, str(label), Cell(count, is_small(count), (STAGE_TOTAL, i) in hidden and count >= 5))
        for i, (key, label) in enumerate(STAGES)
        for count in [total.stages.get(key, 0)]
    ]
    enrolled = total.stages.get("enrolled", 0)
    return {
        "funnel": funnel,
        "completion_rate": (
            share(funnel[4][2], enrolled, rest=funnel[ENROLLED_ROW][2]) if ended else None
        ),
        "completion_pending": not ended,
        "average_attendance": total.average_attendance,
        "average_grade": total.average_grade,
        "certificates": funnel[5][2],
        "person_hours": total.person_hours,
        "by_dimension": by_dimension,
        "crossed": crossed,
    }


def _columns(groups: Groups, summary: dict) -> dict[str, tuple[list[str], frozenset[int]]]:
    """Per dimension, the groups of the report's table and the columns of its enrolled (with
    their total) that it hides."""
    return {
        dimension: (
            group_order(dimension, set(groups.by[dimension])),
            frozenset(i for i, cell in enumerate(table.cells[ENROLLED_ROW]) if cell.hidden),
        )
        for (dimension, _title), table in zip(DIMENSIONS, summary["by_dimension"], strict=True)
    }


def edition_report(
    edition: Edition,
    *,
    with_comments: bool = False,
    module: Module | None = None,
    now: dt.datetime | None = None,
) -> Report:
    """An edition's report, added up in the database from its records: the same queries for
    10 or 10,000 people (see the test of its queries)."""
    now = now or timezone.now()
    programme = edition.programme
    records.ensure([edition], now=now)
    groups = fold_countries(add_up(ReportRecord.objects.filter(edition=edition)))
    summary = summarise(groups, ended=edition.has_ended(now))
    enrolled = groups.total.stages.get("enrolled", 0)
    return Report(
        programme=programme,
        edition=edition,
        editions=[edition],
        partners=partners(programme),
        period=(edition.starts_on, edition.ends_on),
        max_grade=programme.max_grade,
        modules=[
            line
            for line in _modules(edition, enrolled)
            if module is None or line.slug == module.slug
        ],
        learning=learning_gains(edition, [module] if module else None),
        surveys=survey_results(edition, with_comments=with_comments, module=module),
        focus=(
            module_focus(edition, module, _columns(groups, summary), groups.column)
            if module
            else None
        ),
        as_of=groups.computed_at or now,
        **summary,
    )
