"""A programme's report over some of its editions (those of a period): every figure is the sum
of the editions' figures, shown only where each edition's own report shows its part.

An edition's report hides what would tell a small group. A sum over editions that took in a
hidden part would let a reader work that part out, by subtracting the parts that the other
editions' reports show, and the period filter picks any run of editions to subtract. So a hidden
part hides the sum, and a programme's report tells nothing that its editions' reports do not:
within it no hidden figure can be worked out either, since each edition's report is safe. A
country that an edition counts among its other countries is counted there in the programme too.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from diploma.models import Edition, Programme
from students.models import ReportRecord
from students.reports import records
from students.reports.counting import (
    CROSSED,
    Counted,
    Groups,
    add_up_by_edition,
    fold_countries,
    nobody,
)
from students.reports.figures import (
    ENROLLED_ROW,
    STAGES,
    Report,
    crossed_table,
    partners,
    stage_table,
    summarise,
)
from students.reports.groups import (
    DIMENSIONS,
    OTHER_COUNTRIES,
    Table,
    group_order,
)
from students.reports.suppression import MIN_GROUP, Cell, is_small, share

TREND_ROWS = ("submitted", "enrolled", "completed", "certified", "dropped")


@dataclass
class Part:
    """One edition's figures, and the tables of its own report."""

    edition: Edition
    groups: Groups
    summary: dict
    ended: bool = True
    columns: dict[str, list[str]] = field(init=False)
    """The groups of its table by each dimension, in their order."""

    def __post_init__(self) -> None:
        self.columns = {
            dimension: group_order(dimension, set(self.groups.by[dimension]))
            for dimension, _title in DIMENSIONS
        }


def _sum(cells: list[Cell]) -> Cell:
    """The sum of some editions' cells, hidden when any of them is."""
    value = sum(cell.value for cell in cells)
    hidden = any(cell.hidden for cell in cells)
    return Cell(value, is_small(value), hidden and not is_small(value))


def column_of(parts: list[Part]) -> Callable[[str, str], str]:
    """The group whose column in the programme's tables counts an edition's group: the same,
    but where an edition counts a country among its other countries, the programme counts it
    there too, so that each column of an edition adds to a single column of the programme."""
    folded = frozenset().union(*(part.groups.folded for part in parts))

    def column(dimension: str, key: str) -> str:
        if dimension == "country" and (key in folded or key == OTHER_COUNTRIES):
            return OTHER_COUNTRIES
        return key

    return column


def positions(part: Part, dimension: str, key: str | None, column) -> list[int]:
    """The columns of an edition's table by `dimension` that add to the programme's column
    `key` (None: the total)."""
    keys = part.columns[dimension]
    if key is None:
        return [len(keys)]
    return [i for i, own in enumerate(keys) if column(dimension, own) == key]


def _mean(counted: list[Counted | None], field: str) -> Counted | None:
    """The people of these editions' groups together, for an average: None when an edition's
    own report does not show one of their averages (a group of 1 to 4)."""
    present = [c for c in counted if c is not None]
    if any(0 < getattr(c, f"{field}_n") < MIN_GROUP for c in present):
        return None
    return sum(present, Counted())


def _keys(parts: list[Part], dimension: str, column) -> list[str]:
    present = {column(dimension, key) for part in parts for key in part.groups.by[dimension]}
    return group_order(dimension, present)


def _one_way(parts: list[Part], index: int, dimension: str, title: str, column) -> Table:
    keys = _keys(parts, dimension, column)
    columns = [*keys, None]

    def cells_of(row: int, key: str | None, among: list[Part] = parts) -> Cell:
        return _sum([
            part.summary["by_dimension"][index].cells[row][i]
            for part in among
            for i in positions(part, dimension, key, column)
        ])  # fmt: skip

    def counted_of(part: Part, key: str | None) -> list[Counted | None]:
        if key is None:
            return [part.groups.total]
        found = part.groups.by[dimension]
        return [found.get(own) for own in found if column(dimension, own) == key]

    cells = [[cells_of(row, key) for key in columns] for row in range(len(STAGES))]
    # Completion over the editions that have ended: during one, nobody has completed yet.
    ended = [part for part in parts if part.ended]
    rates = []
    for key in columns:
        enrolled, completed = cells_of(ENROLLED_ROW, key, ended), cells_of(4, key, ended)
        rates.append(share(completed, enrolled.value) if ended and not enrolled.hidden else None)
    attendance = []
    for key in columns:
        together = _mean([c for part in parts for c in counted_of(part, key)], "attendance")
        attendance.append(together.average_attendance if together else None)
    return stage_table(title, dimension, keys, cells, rates, attendance)


def _crossed(parts: list[Part], index: int, rows: str, columns: str, column) -> Table:
    row_keys, column_keys = _keys(parts, rows, column), _keys(parts, columns, column)

    def cell_of(row: str | None, key: str | None) -> Cell:
        return _sum([
            part.summary["crossed"][index].cells[r][c]
            for part in parts
            for r in positions(part, rows, row, column)
            for c in positions(part, columns, key, column)
        ])  # fmt: skip

    cells = [[cell_of(r, c) for c in [*column_keys, None]] for r in [*row_keys, None]]
    return crossed_table(rows, columns, row_keys, column_keys, cells)


def _together(parts: list[Part]) -> dict:
    """The headline figures and the tables of the editions together, as summarise gives them
    for one edition; the completion rates over the editions that have ended."""
    funnel = [
        (key, str(label), _sum([part.summary["funnel"][i][2] for part in parts]))
        for i, (key, label) in enumerate(STAGES)
    ]
    column = column_of(parts)
    attendance = _mean([part.groups.total for part in parts], "attendance")
    grade = _mean([part.groups.total for part in parts], "grade")
    ended = [part for part in parts if part.ended]
    enrolled = _sum([part.summary["funnel"][ENROLLED_ROW][2] for part in ended])
    completed = _sum([part.summary["funnel"][4][2] for part in ended])
    return {
        "funnel": funnel,
        "completion_rate": share(completed, enrolled.value, rest=enrolled) if ended else None,
        "completion_pending": not ended,
        "average_attendance": attendance.average_attendance if attendance else None,
        "average_grade": grade.average_grade if grade else None,
        "certificates": funnel[5][2],
        "person_hours": sum((part.groups.total for part in parts), Counted()).person_hours,
        "by_dimension": [
            _one_way(parts, i, dimension, title, column)
            for i, (dimension, title) in enumerate(DIMENSIONS)
        ],
        "crossed": [
            _crossed(parts, i, rows, columns, column) for i, (rows, columns) in enumerate(CROSSED)
        ],
    }


def _trend(parts: list[Part]) -> Table:
    """One line per edition, as its own report shows its funnel."""
    stages = [key for key, _label in STAGES]
    labels = dict(STAGES)
    return Table(
        title=str(_("Editions over time")),
        row_labels=[part.edition.name for part in parts],
        column_labels=[str(labels[key]) for key in TREND_ROWS],
        cells=[
            [part.summary["funnel"][stages.index(key)][2] for key in TREND_ROWS] for part in parts
        ],
        extra_columns=[
            (str(_("Completion rate (%)")), [part.summary["completion_rate"] for part in parts]),
            (str(_("Person-hours")), [part.summary["person_hours"] for part in parts]),
        ],
    )


def programme_report(
    programme: Programme, editions: list[Edition], *, now: dt.datetime | None = None
) -> Report:
    """A programme's report over the given editions, oldest first: the editions together and a
    trend, one line per edition. The same queries for any number of editions or people."""
    now = now or timezone.now()
    editions = sorted(editions, key=lambda e: (e.starts_on, e.pk))
    records.ensure(editions, now=now)
    by_edition = add_up_by_edition(ReportRecord.objects.filter(edition__in=editions))
    parts = []
    for edition in editions:
        groups = fold_countries(by_edition.get(edition.pk, nobody()))
        ended = edition.has_ended(now)
        parts.append(Part(edition, groups, summarise(groups, ended=ended), ended))
    written = [part.groups.computed_at for part in parts if part.groups.computed_at]
    return Report(
        programme=programme,
        edition=None,
        editions=editions,
        partners=partners(programme),
        period=(editions[0].starts_on, editions[-1].ends_on) if editions else None,
        max_grade=programme.max_grade,
        trend=_trend(parts),
        as_of=min(written, default=now),
        **_together(parts),
    )
