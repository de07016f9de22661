import datetime as dt
import threading
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import connection
from django.db.models import Case, Count, Exists, Min, OuterRef, Prefetch, Q, When
from django.db.models.functions import Greatest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks_db.models import DBTaskResult, get_date_max

from courses.models import Instructor, Module, ModuleInstructor
from diploma.models import Edition, Institution, Programme, ProgrammePartner
from diploma.refusals import note_refusal_reason
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
    """Whether this app server can serve requests, as a JSON report for the load balancer.

    503 only when this server cannot serve: its database or its cache does not answer. A task
    queue whose oldest waiting task is older than settings.TASK_QUEUE_MAX_AGE is reported as
    "stuck" with that age, but the answer stays 200: the worker is shared by every app server,
    so failing the probe would take them all out of the load balancer for a fault none of them
    has. Two queries when the database answers, plus the cache's round trip.
    """
    report = {"database": _database_state(), "cache": _cache_state()}
    if report["database"] == "ok":
        report.update(_task_queue_state())
    ready = report["database"] == "ok" and report["cache"] == "ok"
    return JsonResponse(report, status=200 if ready else 503)


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return "unavailable"
    return "ok"


# One key per process and thread, so probes of several servers never read each other's value.
_PROBE_KEY = f"readyz:{uuid.uuid4().hex}"


def _cache_state() -> str:
    key, token = f"{_PROBE_KEY}:{threading.get_ident()}", uuid.uuid4().hex
    try:
        cache = caches["default"]
        cache.set(key, token, 30)
        return "ok" if cache.get(key) == token else "unavailable"
    except Exception:
        return "unavailable"


def _task_queue_state() -> dict:
    """The age in seconds of the oldest task waiting to run, and "stuck" past the limit."""
    try:
        waiting_since = DBTaskResult.objects.ready().aggregate(
            oldest=Min(
                Case(
                    When(run_after=get_date_max(), then="enqueued_at"),
                    default=Greatest("run_after", "enqueued_at"),
                )
            )
        )["oldest"]
    except Exception:
        return {"tasks": "unknown"}
    if waiting_since is None:
        return {"tasks": "ok", "oldest_task_seconds": 0}
    age = max(timezone.now() - waiting_since, dt.timedelta(0))
    stuck = age > settings.TASK_QUEUE_MAX_AGE
    return {"tasks": "stuck" if stuck else "ok", "oldest_task_seconds": int(age.total_seconds())}


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's own CSRF page uses inline styles, which our Content-Security-Policy blocks."""
    note_refusal_reason(request, reason)
    return render(request, "403_csrf.html", status=403)
