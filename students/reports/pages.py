"""What the partner area and the office share to show a report: the charts and tables of a
page, the period filter and the exports. Each area's views check who may read what first."""

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from courses.models import Module
from diploma.models import Edition
from students.reports import charts, exports
from students.reports.cache import REPORT_SECONDS
from students.reports.figures import Report
from students.reports.suppression import rule_text

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def within_period(request: HttpRequest, editions) -> tuple[list[Edition], dict]:
    """The editions that start within the years asked (?since=2024&until=2026), oldest first;
    the filter kept in the URL so that a report can be bookmarked."""
    years = {}
    for name in ("since", "until"):
        value = request.GET.get(name, "")
        years[name] = int(value) if value.isdigit() and 1900 < int(value) < 3000 else None
    editions = editions.order_by("starts_on", "pk")
    if years["since"]:
        editions = editions.filter(starts_on__gte=dt.date(years["since"], 1, 1))
    if years["until"]:
        editions = editions.filter(starts_on__lte=dt.date(years["until"], 12, 31))
    return list(editions), years


def module_asked(request: HttpRequest, edition: Edition) -> tuple[Module | None, list[Module]]:
    """The module picked in `?module=<slug>` (None for the whole edition, or for a slug the
    edition does not have) and the edition's modules to pick from. One query."""
    modules = list(Module.objects.filter(edition=edition).order_by("order", "id"))
    slug = request.GET.get("module", "")
    return next((m for m in modules if m.slug == slug), None), modules


def _charts(report: Report) -> dict:
    funnel = charts.bars(
        _("From application to certificate"),
        _("People at each step, from the applications submitted to the certificates issued."),
        [label for _key, label, _cell in report.funnel],
        [cell for _key, _label, cell in report.funnel],
    )
    by_group = [
        charts.bars(
            _("Enrolled by %(group)s") % {"group": table.title.lower()},
            _("How many people kept their seat, by %(group)s as declared when applying.")
            % {"group": table.title.lower()},
            table.column_labels,
            table.cells[2][:-1],
        )
        for table in report.by_dimension
    ]
    trend = None
    if report.trend is not None and report.trend.cells:
        trend = charts.bars(
            _("Enrolled by edition"),
            _("How many people kept their seat in each edition, oldest first."),
            report.trend.row_labels,
            [row[1] for row in report.trend.cells],
        )
    return {"funnel_chart": funnel, "group_charts": by_group, "trend_chart": trend}


def show(request: HttpRequest, report: Report, template: str, **context) -> HttpResponse:
    return render(
        request,
        template,
        {
            "report": report,
            "rule": rule_text(over_editions=report.edition is None),
            "formats": list(FORMATS),
            "refresh_minutes": REPORT_SECONDS // 60,
            "query": f"?{request.GET.urlencode()}" if request.GET else "",
            **_charts(report),
            **context,
        },
    )


def export(report: Report, file_format: str) -> HttpResponse:
    if file_format not in FORMATS:
        raise Http404
    if file_format == "csv":
        content = exports.to_csv(report).encode("utf-8-sig")
    elif file_format == "xlsx":
        content = exports.to_xlsx(report)
    else:
        content = exports.to_pdf(report)
    name = slugify(report.title) or "report"
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
