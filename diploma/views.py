from django.db import connection
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from courses.models import Instructor, Module, ModuleInstructor
from diploma.models import Edition, Programme, ProgrammePartner
from students.models import Enrolment


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    editions = Edition.objects.public().order_by("starts_on")
    programmes = (
        Programme.objects.published()
        .select_related("host")
        .prefetch_related(Prefetch("editions", queryset=editions, to_attr="public_editions"))
    )
    return render(request, "diploma/home.html", {"programmes": programmes})


@require_GET
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.published().select_related("host"), slug=slug)
    editions = list(
        programme.editions.public()
        .annotate(
            seats_taken=Count(
                "enrolments", filter=Q(enrolments__status__in=Enrolment.SEAT_STATUSES)
            )
        )
        .order_by("-starts_on")
    )
    current = next((e for e in editions if e.status == Edition.Status.OPEN), None) or (
        editions[0] if editions else None
    )
    modules = []
    if current:
        modules = list(
            Module.objects.filter(edition=current).prefetch_related(
                Prefetch(
                    "teaching",
                    queryset=ModuleInstructor.objects.select_related("instructor__user"),
                )
            )
        )
    instructors = {t.instructor for m in modules for t in m.teaching.all()}
    partners = ProgrammePartner.objects.filter(programme=programme).select_related("institution")
    context = {
        "programme": programme,
        "editions": editions,
        "current_edition": current,
        "modules": modules,
        "instructors": sorted(instructors, key=lambda i: i.display_name),
        "partners_by_role": _group_partners(partners),
    }
    return render(request, "diploma/programme_detail.html", context)


def _group_partners(partners) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for partner in partners:
        groups.setdefault(partner.get_role_display(), []).append(partner.institution)
    return list(groups.items())


@require_GET
def instructor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    instructor = get_object_or_404(
        Instructor.objects.filter(is_public=True).select_related("user", "institution"), slug=slug
    )
    teaching = (
        ModuleInstructor.objects.filter(instructor=instructor)
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
