"""Reports in the office: the same reports partners read, for the programmes and editions a
coordinator runs (staff: all), with the survey comments, never with a name; and the survey
statements of a programme, which coordinators write in both languages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import modelformset_factory
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from diploma.access import coordinated_editions, get_edition_for_coordinator
from diploma.models import Programme
from students.models import SurveyStatement
from students.reports import pages, records
from students.reports.cache import edition_report, programme_report


def _programme(request: HttpRequest, slug: str) -> tuple[Programme, object]:
    """The programme and the editions of it the user runs; 403 without any, 404 for others."""
    editions = coordinated_editions(request.user)
    if not editions.exists():
        raise PermissionDenied
    programme = get_object_or_404(
        Programme.objects.filter(pk__in=editions.values("programme_id")), slug=slug
    )
    return programme, editions.filter(programme=programme)


@require_GET
@login_required
def reports(request: HttpRequest) -> HttpResponse:
    editions = coordinated_editions(request.user)
    if not editions.exists():
        raise PermissionDenied
    programmes = Programme.objects.filter(pk__in=editions.values("programme_id")).order_by("title")
    editions = editions.select_related("programme").order_by("programme__title", "-starts_on")
    return render(
        request, "office/reports/home.html", {"programmes": programmes, "editions": editions}
    )


@require_GET
@login_required
def programme(request: HttpRequest, slug: str) -> HttpResponse:
    programme, editions = _programme(request, slug)
    editions, years = pages.within_period(request, editions)
    report = programme_report(programme, editions)
    return pages.show(request, report, "office/reports/programme.html", years=years)


@require_GET
@login_required
def programme_export(request: HttpRequest, slug: str, file_format: str) -> HttpResponse:
    programme, editions = _programme(request, slug)
    editions, _years = pages.within_period(request, editions)
    return pages.export(programme_report(programme, editions), file_format)


@require_GET
@login_required
def edition(request: HttpRequest, edition: str) -> HttpResponse:
    edition = get_edition_for_coordinator(request, edition)
    module, modules = pages.module_asked(request, edition)
    report = edition_report(edition, with_comments=True, module=module)
    return pages.show(
        request, report, "office/reports/edition.html", show_comments=True, modules=modules
    )


@require_POST
@login_required
def edition_refresh(request: HttpRequest, edition: str) -> HttpResponse:
    """Compute the edition's figures again now, rather than within REPORT_SECONDS."""
    edition = get_edition_for_coordinator(request, edition)
    if records.queue_refresh(edition):
        messages.success(request, _("The figures are being computed again: they show in a moment."))
    else:
        messages.info(request, _("The figures are already being computed again."))
    url = reverse("office:report-edition", args=[edition.slug])
    module = request.POST.get("module", "")
    return redirect(f"{url}?{urlencode({'module': module})}" if module else url)


@require_GET
@login_required
def edition_export(request: HttpRequest, edition: str, file_format: str) -> HttpResponse:
    edition = get_edition_for_coordinator(request, edition)
    module, _modules = pages.module_asked(request, edition)
    return pages.export(edition_report(edition, module=module), file_format)


StatementFormSet = modelformset_factory(
    SurveyStatement,
    fields=["scope", "kind", "text_es", "text_en", "order", "is_active"],
    extra=2,
    can_delete=False,
)


@require_http_methods(["GET", "POST"])
@login_required
def survey_statements(request: HttpRequest, slug: str) -> HttpResponse:
    programme, _editions = _programme(request, slug)
    statements = SurveyStatement.objects.filter(programme=programme)
    formset = StatementFormSet(request.POST or None, queryset=statements)
    if request.method == "POST" and formset.is_valid():
        for statement in formset.save(commit=False):
            statement.programme = programme
            statement.save()
        messages.success(request, _("The survey statements were saved."))
        return redirect("office:survey-statements", slug=programme.slug)
    return render(
        request, "office/reports/survey_statements.html",
        {"programme": programme, "formset": formset},
    )  # fmt: skip
