"""A report as CSV, XLSX or PDF: the same tables as the page, with the same cells hidden. Free
text from surveys never goes into a file."""

import csv
import io
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from students.reports.figures import Report, Table
from students.reports.suppression import NOT_SHOWN, Cell, rule_text

Value = str | int | Decimal


def _value(value) -> Value:
    if isinstance(value, Cell):
        return value.shown if value.shown is not None else str(value)
    if value is None:
        return NOT_SHOWN
    return value


def _table(table: Table) -> tuple[str, list[str], list[list[Value]]]:
    header = ["", *table.column_labels]
    if table.row_total_label:
        header.append(table.row_total_label)
    header += [label for label, _values in table.extra_columns]
    rows = []
    for i, cells in enumerate(table.cells):
        label = table.row_labels[i] if i < len(table.row_labels) else _("Total")
        extra = [_value(values[i]) for _label, values in table.extra_columns]
        rows.append([label, *(_value(cell) for cell in cells), *extra])
    for label, values in table.rates:
        rows.append([label, *(_value(value) for value in values)])
    return table.title, header, rows


def sections(report: Report) -> list[tuple[str, list[str], list[list[Value]]]]:
    """Every table of the report, as (title, header, rows)."""
    period = (
        f"{date_format(report.period[0])} – {date_format(report.period[1])}"  # noqa: RUF001
        if report.period
        else ""
    )
    about = [
        [_("Programme"), report.programme.title],
        [_("Edition"), report.edition.name if report.edition else _("All editions")],
        [_("Period"), period],
        [_("Partners"), "; ".join(report.partners)],
        [_("Privacy"), rule_text(over_editions=report.edition is None)],
    ]
    headline = [
        [_("Completion rate (%)"),
         _("once the edition ends") if report.completion_pending
         else _value(report.completion_rate)],
        [_("Average attendance (%)"), _value(report.average_attendance)],
        [_("Average final grade (of %(scale)s)") % {"scale": report.max_grade},
         _value(report.average_grade)],
        [_("Certificates issued"), _value(report.certificates)],
        [_("Person-hours of training"), report.person_hours],
    ]  # fmt: skip
    result = [
        (_("About this report"), ["", ""], about),
        (_("Summary"), ["", ""], headline),
        (_("From application to certificate"), ["", _("People")],
         [[label, _value(cell)] for _key, label, cell in report.funnel]),
    ]  # fmt: skip
    if report.trend is not None:
        result.append(_table(report.trend))
    result += [_table(table) for table in report.by_dimension]
    result += [_table(table) for table in report.crossed]
    if report.focus is not None:
        result += [_table(table) for table in report.focus.tables]
        if report.focus.survey is not None:
            result.append(_table(report.focus.survey))
    if report.modules:
        result.append(
            (
                _("By module"),
                ["", pgettext("report funnel", "Enrolled"), _("Finished the lessons"), _("Passed"),
                 _("Completion rate (%)"), _("Pass rate (%)")],
                [[m.title, _value(m.enrolled), _value(m.completed), _value(m.passed),
                  _value(m.completion_rate), _value(m.pass_rate)] for m in report.modules],
            )
        )  # fmt: skip
    for gain in report.learning:
        title, header, rows = _table(gain.table)
        result.append((_("Did they learn? %(module)s") % {"module": title}, header, rows))
    for survey in report.surveys:
        result.append(
            (
                _("Were they satisfied? %(survey)s") % {"survey": survey.title},
                ["", _("Answers"), _("Mean (1 to 5)"), _("Agree (%)")],
                [[line.statement, _value(line.answers), _value(line.mean), _value(line.agree)]
                 for line in survey.lines],
            )
        )  # fmt: skip
    return result


def to_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for title, header, rows in sections(report):
        writer.writerow([title])
        writer.writerow(header)
        writer.writerows([[_text(v) for v in row] for row in rows])
        writer.writerow([])
    return out.getvalue()


def _text(value: Value) -> str:
    return number_format(value) if isinstance(value, Decimal) else str(value)


def to_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Report")[:31]
    bold = Font(bold=True)
    for title, header, rows in sections(report):
        sheet.append([title])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        sheet.append(header)
        for row in rows:
            sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
        sheet.append([])
    sheet.column_dimensions["A"].width = 48
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_pdf(report: Report) -> bytes:
    """The report in the reader's language (the active one)."""
    from weasyprint import HTML

    html = render_to_string(
        "students/partners/report_pdf.html",
        {
            "report": report,
            "sections": sections(report),
            "rule": rule_text(over_editions=report.edition is None),
        },
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
