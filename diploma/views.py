from collections.abc import Iterable

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from courses.models import Instructor, Module, ModuleInstructor
from diploma.models import Edition, Institution, Programme, ProgrammePartner
from students.models import Enrolment

# The catalogue is read on every visit and changes a few times a term: it is cached, so a
# visit runs no query, and an edit shows within this time.
HOME_CACHE_SECONDS = 60
_CSRF_PLACEHOLDER = "csrf-token-of-the-visitor"


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The catalogue; visitors get a page rendered once per language and HOME_CACHE_SECONDS.

    The language form needs the visitor's own CSRF token, so the cached copy carries a
    placeholder that each response replaces with it.
    """
    if request.user.is_authenticated or request.GET or get_messages(request):
        return render(request, "diploma/home.html", _home_context())
    key = f"home-page:{get_language()}"
    page = caches["local"].get(key)
    if page is None:
        context = {**_home_context(), "csrf_token": _CSRF_PLACEHOLDER}
        page = render_to_string("diploma/home.html", context, request=request)
        caches["local"].set(key, page, HOME_CACHE_SECONDS)
    return HttpResponse(page.replace(_CSRF_PLACEHOLDER, get_token(request)))


def _home_context() -> dict:
    open_editions = Edition.objects.filter(status=Edition.Status.OPEN).order_by("starts_on")
    programmes = (
        Programme.objects.published()
        .select_related("host")
        .prefetch_related(Prefetch("editions", queryset=open_editions, to_attr="open_editions"))
    )
    return {
        "programmes": programmes,
        "now": timezone.now(),
        "catalogue_seconds": HOME_CACHE_SECONDS,
    }


@require_GET
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.published().select_related("host"), slug=slug)
    editions = list(
        programme.editions.public()
        .annotate(
            seats_taken=Count(
                "enrolments", filter=Q(enrolments__status__in=Enrolment.SEAT_STATUSES)
            ),
            has_modules=Exists(Module.objects.filter(edition=OuterRef("pk"))),
        )
        .order_by("-starts_on")
    )
    for edition in editions:
        edition.seats_left = max(edition.capacity - edition.seats_taken, 0)
    current = _current_edition(editions)
    syllabus = _syllabus_edition(editions, current)
    modules = _modules_with_public_teachers(syllabus) if syllabus else []
    instructors = {t.instructor for m in modules for t in m.teaching.all()}
    partners = (
        ProgrammePartner.objects.filter(programme=programme)
        .select_related("institution")
        .order_by("order", "id")
    )
    context = {
        "programme": programme,
        "live_editions": [e for e in editions if e.status != Edition.Status.CLOSED],
        "past_editions": [e for e in editions if e.status == Edition.Status.CLOSED],
        "current_edition": current,
        "syllabus_edition": syllabus,
        "modules": modules,
        "module_hours": sum(m.hours for m in modules),
        "instructors": sorted(instructors, key=lambda i: i.display_name),
        "partners_by_role": _group_partners(partners),
        "now": timezone.now(),
    }
    return render(request, "diploma/programme_detail.html", context)


def _modules_with_public_teachers(edition: Edition) -> list[Module]:
    """Two queries: the modules, then their instructors who appear on public pages."""
    teaching = (
        ModuleInstructor.objects.filter(instructor__is_public=True)
        .select_related("instructor__user", "instructor__institution")
        .order_by("role", "instructor__user__last_name", "instructor__user__first_name")
    )
    return list(
        Module.objects.filter(edition=edition)
        .order_by("order", "id")
        .prefetch_related(Prefetch("teaching", queryset=teaching))
    )


def _current_edition(editions: list[Edition]) -> Edition | None:
    """The edition a visitor cares about: the open one, else the running one, else the latest."""
    for status in (Edition.Status.OPEN, Edition.Status.RUNNING):
        for edition in editions:
            if edition.status == status:
                return edition
    return editions[0] if editions else None


def _syllabus_edition(editions: list[Edition], current: Edition | None) -> Edition | None:
    """The edition whose modules describe the programme: the current one once it has modules,
    until then the latest one that has."""
    if current and current.has_modules:
        return current
    return next((e for e in editions if e.has_modules), current)


def _group_partners(partners: Iterable[ProgrammePartner]) -> list[tuple[str, list[Institution]]]:
    roles = list(ProgrammePartner.Role)
    groups: dict[str, list[Institution]] = {}
    for partner in sorted(partners, key=lambda p: roles.index(p.role)):
        groups.setdefault(partner.get_role_display(), []).append(partner.institution)
    return list(groups.items())


@require_GET
def instructor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    instructor = get_object_or_404(
        Instructor.objects.filter(is_public=True).select_related("user", "institution"), slug=slug
    )
    teaching = (
        ModuleInstructor.objects.filter(
            instructor=instructor, module__edition__programme__is_published=True
        )
        .exclude(module__edition__status=Edition.Status.DRAFT)
        .select_related("module__edition__programme")
        .order_by("-module__edition__starts_on", "module__order")
    )
    return render(
        request, "diploma/instructor_detail.html", {"instructor": instructor, "teaching": teaching}
    )


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_GET
def readyz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"database": "unavailable"}, status=503)
    return JsonResponse({"database": "ok"})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's own CSRF page uses inline styles, which our Content-Security-Policy blocks."""
    return render(request, "403_csrf.html", status=403)
