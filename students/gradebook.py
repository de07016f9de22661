"""The roster and gradebook of a module: its students with their numbers, built in Python.

Each kind of column comes from one aggregate query for all the students at once (lesson
completion from students.progress, attendance here, quiz and assignment grades from
students.grades), so the pages cost a fixed number of queries whatever the size of the class.
Exports read the students in chunks and stream.

Grades are on the programme's scale (0-20 or 0-100). A quiz counts its best graded attempt,
an assignment its points after the late penalty; the module grade weighs every published item
and counts an item without a result as zero, as the students see it once released.

Attendance share: of the sessions of the module that have started and whose attendance was
taken (at least one record), those the student was enrolled for; a missing record counts as
absent, "excused" leaves the session out, "present" and "late" count as attended.
"""

import csv
import datetime as dt
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from courses.models import LiveSession, Module
from students import attendance
from students.grades import PublishedItems, grades_for_edition, published_items, to_scale
from students.models import Enrolment
from students.progress import modules_with_totals, progress_for

EXPORT_CHUNK = 1000


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    is_grade: bool = False  # a grade on the programme's scale; otherwise a percentage


COLUMNS = (
    Column("lessons", _("Lessons completed (%)")),
    Column("attendance", _("Attendance (%)")),
)
MODULE_GRADE = Column("module", _("Module grade"), is_grade=True)
NO_ITEMS = PublishedItems(quizzes=[], assignments=[])  # the roster: progress only


def items_of(module: Module) -> PublishedItems:
    """The module's published quizzes and assignments, the gradebook's item columns."""
    return published_items([module])


def columns_of(items: PublishedItems) -> tuple[Column, ...]:
    """Progress columns, one column per quiz and assignment, then the module grade."""
    quizzes = (
        Column(f"quiz-{quiz.pk}", _("%(title)s (quiz)") % {"title": quiz.title}, is_grade=True)
        for quiz in items.quizzes
    )
    assignments = (
        Column(
            f"assignment-{assignment.pk}",
            _("%(title)s (assignment)") % {"title": assignment.title},
            is_grade=True,
        )
        for assignment in items.assignments
    )
    grades = (*quizzes, *assignments)
    return (*COLUMNS, *grades, MODULE_GRADE) if grades else COLUMNS


@dataclass
class Row:
    enrolment_id: int
    name: str
    username: str
    sort_name: tuple[str, str, str]
    last_activity_at: dt.datetime | None = None
    lessons_done: int = 0
    lessons_total: int = 0
    attended: int = 0
    expected: int = 0
    excused: int = 0
    cells: dict[str, int | Decimal | None] = field(default_factory=dict)

    @property
    def lessons_percent(self) -> int | None:
        if not self.lessons_total:
            return None
        return min(100, self.lessons_done * 100 // self.lessons_total)

    @property
    def attendance_percent(self) -> int | None:
        if not self.expected:
            return None
        return self.attended * 100 // self.expected


def students_of(module: Module) -> QuerySet[Enrolment]:
    """The active enrolments of the module's edition, by name."""
    return (
        Enrolment.objects.active()
        .filter(edition_id=module.edition_id)
        .select_related("user")
        .only(
            "id",
            "edition_id",
            "decided_at",
            "created_at",
            "last_activity_at",
            "user__username",
            "user__first_name",
            "user__last_name",
            "user__email",
        )
        .order_by("user__last_name", "user__first_name", "user__username", "id")
    )


def taken_sessions(module: Module, *, now: dt.datetime | None = None) -> list[LiveSession]:
    """Sessions of the module that have ended, with `taken` (see attendance.tally): one query."""
    ended = module.sessions.filter(ends_at__lte=now or timezone.now()).order_by("starts_at")
    return attendance.sessions_with_taken(ended)


def _module_with_total(module: Module, now: dt.datetime) -> Module:
    for candidate in modules_with_totals([module.edition_id], now=now):
        if candidate.pk == module.pk:
            candidate.edition = module.edition
            return candidate
    return module


def _fill(
    rows: list[Row],
    enrolments: Sequence[Enrolment],
    module: Module,
    sessions: Sequence[LiveSession],
    items: PublishedItems,
    now: dt.datetime,
) -> None:
    """Lessons, attendance and grades of one chunk of students: four queries at most."""
    for enrolment in enrolments:
        enrolment.edition = module.edition
    progress = progress_for(enrolments, modules=[module], now=now)
    for row in rows:
        of_module = progress[row.enrolment_id].modules.get(module.pk)
        if of_module is not None:
            row.lessons_done, row.lessons_total = of_module.lessons_done, of_module.lessons_total

    tallies = attendance.tally(enrolments, sessions, now=now)
    for row in rows:
        tally = tallies[row.enrolment_id]
        row.attended, row.expected, row.excused = tally.attended, tally.counted, tally.excused
        row.cells = {"lessons": row.lessons_percent, "attendance": row.attendance_percent}
    if items.quizzes or items.assignments:
        _fill_grades(rows, enrolments, module, items, now)


def _fill_grades(
    rows: list[Row],
    enrolments: Sequence[Enrolment],
    module: Module,
    items: PublishedItems,
    now: dt.datetime,
) -> None:
    programme, ended = module.edition.programme, module.edition.has_ended(now)
    grades = grades_for_edition(module.edition, enrolments, modules=[module], items=items)
    for row in rows:
        of_module = grades[row.enrolment_id].of_module(module)
        for item in of_module.items:
            value = None if item.share is None else to_scale(item.share, programme)
            row.cells[f"{item.kind}-{item.item.pk}"] = value
        summary = of_module.summary(programme, now=now, ended=ended, released_only=False)
        row.cells[MODULE_GRADE.key] = summary.value if summary else None


def _row(enrolment: Enrolment) -> Row:
    user = enrolment.user
    return Row(
        enrolment_id=enrolment.pk,
        name=user.get_full_name() or user.username,
        username=user.username,
        sort_name=(user.last_name.lower(), user.first_name.lower(), user.username.lower()),
        last_activity_at=enrolment.last_activity_at,
    )


def rows_of(
    module: Module,
    enrolments: Sequence[Enrolment],
    items: PublishedItems = NO_ITEMS,
    *,
    now: dt.datetime | None = None,
) -> list[Row]:
    """Rows of these enrolments (from students_of), with the grades of `items` (from items_of)
    if given: four queries for any number of them, six with grades."""
    now = now or timezone.now()
    rows = [_row(enrolment) for enrolment in enrolments]
    if rows:
        sessions = taken_sessions(module, now=now)
        _fill(rows, enrolments, _module_with_total(module, now), sessions, items, now)
    return rows


def build_rows(
    module: Module, items: PublishedItems = NO_ITEMS, *, now: dt.datetime | None = None
) -> list[Row]:
    """Every student of the module with their numbers: five queries for any class size, seven
    with grades."""
    return rows_of(module, list(students_of(module)), items, now=now)


def iter_rows(
    module: Module,
    items: PublishedItems,
    *,
    now: dt.datetime | None = None,
    chunk_size: int = EXPORT_CHUNK,
) -> Iterator[Row]:
    """The same rows as build_rows, computed `chunk_size` students at a time."""
    now = now or timezone.now()
    module = _module_with_total(module, now)
    sessions = taken_sessions(module, now=now)
    chunk: list[Enrolment] = []
    for enrolment in students_of(module).iterator(chunk_size=chunk_size):
        chunk.append(enrolment)
        if len(chunk) == chunk_size:
            yield from _chunk_rows(chunk, module, sessions, items, now)
            chunk = []
    if chunk:
        yield from _chunk_rows(chunk, module, sessions, items, now)


def _chunk_rows(
    chunk: list[Enrolment],
    module: Module,
    sessions: Sequence[LiveSession],
    items: PublishedItems,
    now: dt.datetime,
) -> list[Row]:
    rows = [_row(enrolment) for enrolment in chunk]
    _fill(rows, chunk, module, sessions, items, now)
    return rows


def sort_rows(rows: list[Row], sort: str, columns: Sequence[Column]) -> tuple[list[Row], str]:
    """Rows sorted by `sort` ("name", "lessons", "-attendance", ...): empty cells go last."""
    key = sort.removeprefix("-")
    if key != "name" and key not in {column.key for column in columns}:
        return rows, "name"
    descending = sort.startswith("-")
    if key == "name":
        return sorted(rows, key=lambda row: row.sort_name, reverse=descending), sort
    present = [row for row in rows if row.cells.get(key) is not None]
    missing = [row for row in rows if row.cells.get(key) is None]
    present.sort(key=lambda row: (row.cells[key], row.sort_name), reverse=descending)
    return present + missing, sort


def table(rows: Iterable[Row], columns: Sequence[Column]) -> Iterator[list]:
    """Header and rows of an export: the student, then one number per column."""
    yield [str(_("Student")), str(_("Username")), *(str(column.label) for column in columns)]
    for row in rows:
        yield [row.name, row.username, *(row.cells.get(column.key) for column in columns)]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_text(value):
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Row], columns: Sequence[Column]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that spreadsheet programs read the accents right
    for line in table(rows, columns):
        yield writer.writerow(["" if cell is None else _safe_text(cell) for cell in line])


def xlsx_file(rows: Iterable[Row], columns: Sequence[Column], *, title: str) -> IO[bytes]:
    """An .xlsx workbook written row by row to a temporary file, ready to be read."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Gradebook")
    for line in table(rows, columns):
        sheet.append([_xlsx_cell(sheet, value) for value in line])
    output = tempfile.TemporaryFile()  # noqa: SIM115 (the response reads and closes it)
    workbook.save(output)
    output.seek(0)
    return output


def _xlsx_cell(sheet, value):
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # never a formula, whatever the text starts with
    return cell
