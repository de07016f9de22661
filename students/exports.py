"""Spreadsheets of applications, built row by row so that a large edition stays cheap."""

import csv
import tempfile
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries
from openpyxl import Workbook

from students.models import Enrolment, StudentProfile

# A cell that starts with one of these is a formula to a spreadsheet program.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def headers() -> list[str]:
    return [
        _("Last name"),
        _("First name"),
        _("E-mail"),
        _("Country"),
        _("City"),
        _("Organisation"),
        _("Sector"),
        _("Position"),
        _("Gender"),
        _("Status"),
        _("Waitlist position"),
        _("Submitted at"),
        _("Decided at"),
        _("Average score"),
        _("Reviews"),
    ]


def safe_cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def rows(applications: QuerySet[Enrolment]) -> Iterator[list[object]]:
    """One row per application, read in chunks; expects `average_score` and `review_count`."""
    for application in applications.iterator(chunk_size=500):
        user = application.user
        profile = getattr(user, "profile", None) or StudentProfile()
        average = application.average_score
        yield [
            safe_cell(value)
            for value in (
                user.last_name,
                user.first_name,
                user.email,
                countries.name(profile.country.code) if profile.country else "",
                profile.city,
                profile.organisation,
                profile.get_sector_display(),
                profile.position,
                profile.get_gender_display(),
                application.get_status_display(),
                application.waitlist_position or "",
                _local(application.submitted_at),
                _local(application.decided_at),
                round(float(average), 2) if average is not None else "",
                application.review_count,
            )
        ]


def table(applications: QuerySet[Enrolment]) -> Iterator[list[object]]:
    yield headers()
    yield from rows(applications)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(table: Iterable[list[object]], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    # A byte-order mark, so that spreadsheet programs read the file as UTF-8.
    lines = (writer.writerow(row) for row in table)
    response = StreamingHttpResponse(
        _prefixed("\ufeff", lines), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


def _prefixed(first: str, rest: Iterable[str]) -> Iterator[str]:
    yield first
    yield from rest


def xlsx_response(table: Iterable[list[object]], filename: str, title: str) -> FileResponse:
    """A write-only workbook, spooled to a temporary file and streamed from there."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in table:
        sheet.append(row)
    # Closed by the response once sent.
    spool = tempfile.TemporaryFile()  # noqa: SIM115
    workbook.save(spool)
    spool.seek(0)
    response = FileResponse(
        spool,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Cache-Control"] = "private, no-store"
    return response
