"""The partner area at /partners/: aggregate reports of the programmes the partner's
institution is linked to, in any role. Nothing here names a person (see students/reports/)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from diploma.access import partner_institution
from diploma.models import Edition, Institution, Programme
from students.reports import pages
from students.reports.cache import edition_report, programme_report


def _institution(request: HttpRequest) -> Institution:
    institution = partner_institution(request.user)
    if institution is None:
        raise PermissionDenied
    return institution


def _programme(request: HttpRequest, slug: str) -> Programme:
    """A programme of the partner's institution; 404 for any other."""
    programmes = Programme.objects.supported_by(_institution(request))
    return get_object_or_404(Programme.objects.filter(pk__in=programmes.values("pk")), slug=slug)


def _edition(request: HttpRequest, slug: str) -> Edition:
    programmes = Programme.objects.supported_by(_institution(request))
    return get_object_or_404(
        Edition.objects.select_related("programme").filter(programme__in=programmes.values("pk")),
        slug=slug,
    )


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    institution = _institution(request)
    programmes = (
        Programme.objects.filter(pk__in=Programme.objects.supported_by(institution).values("pk"))
        .prefetch_related("editions")
        .order_by("title")
    )
    roles = {p.programme_id: p.get_role_display() for p in institution.partnerships.all()}
    return render(
        request,
        "students/partners/home.html",
        {"institution": institution, "programmes": programmes, "roles": roles},
    )


@require_GET
@login_required
def programme(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    editions, years = pages.within_period(request, programme.editions.all())
    report = programme_report(programme, editions)
    return pages.show(request, report, "students/partners/programme.html", years=years)


@require_GET
@login_required
def programme_export(request: HttpRequest, slug: str, file_format: str) -> HttpResponse:
    programme = _programme(request, slug)
    editions, _years = pages.within_period(request, programme.editions.all())
    return pages.export(programme_report(programme, editions), file_format)


@require_GET
@login_required
def edition(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _edition(request, slug)
    module, modules = pages.module_asked(request, edition)
    report = edition_report(edition, with_comments=False, module=module)
    return pages.show(request, report, "students/partners/edition.html", modules=modules)


@require_GET
@login_required
def edition_export(request: HttpRequest, slug: str, file_format: str) -> HttpResponse:
    edition = _edition(request, slug)
    module, _modules = pages.module_asked(request, edition)
    return pages.export(edition_report(edition, module=module), file_format)
