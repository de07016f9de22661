from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses.access import get_lesson_for_reader, get_module_for_reader, previewable_editions
from courses.markdown import render_markdown
from courses.models import Lesson, Module, Resource
from diploma.models import Edition
from students.models import Enrolment
from students.progress import (
    Progress,
    complete_lesson,
    module_lessons,
    module_sessions,
    modules_with_totals,
    next_lessons,
    next_sessions,
    progress_for,
    recent_announcements,
)

OFFLINE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    enrolments = list(
        Enrolment.objects.active()
        .filter(user=request.user)
        .select_related("edition__programme")
        .order_by("-edition__starts_on", "pk")
    )
    if not enrolments:
        return _dashboard_without_enrolments(request)
    editions = {enrolment.edition_id: enrolment.edition for enrolment in enrolments}
    modules = modules_with_totals(list(editions), now=now)
    progress = progress_for(enrolments, modules=modules, now=now)
    continue_at = next_lessons(enrolments, progress, modules, now=now)
    sessions = next_sessions(list(editions), now=now)
    by_edition: dict[int, list[Module]] = {}
    for module in modules:
        module.edition = editions[module.edition_id]
        by_edition.setdefault(module.edition_id, []).append(module)
    cards = [
        {
            "enrolment": enrolment,
            "edition": enrolment.edition,
            "progress": progress[enrolment.pk],
            "next_lesson": continue_at.get(enrolment.pk),
            "next_session": sessions.get(enrolment.edition_id),
            "modules": [
                (module, progress[enrolment.pk].modules.get(module.pk))
                for module in by_edition.get(enrolment.edition_id, [])
            ],
        }
        for enrolment in enrolments
    ]
    context = {"cards": cards, "announcements": recent_announcements(list(editions), now=now)}
    return render(request, "students/learn/dashboard.html", context)


def _dashboard_without_enrolments(request: HttpRequest) -> HttpResponse:
    previewable = (
        previewable_editions(request.user)
        .exclude(status=Edition.Status.CLOSED)
        .select_related("programme")
        .prefetch_related(
            Prefetch("modules", queryset=Module.objects.defer("summary").order_by("order", "id"))
        )
        .order_by("-starts_on", "pk")
    )
    return render(request, "students/learn/dashboard.html", {"previewable": previewable})


@login_required
@require_GET
def module_detail(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module, enrolment = get_module_for_reader(request, edition, module)
    now = timezone.now()
    lessons = _with_urls(module, module_lessons(module, enrolment, now=now))
    readable = [lesson for lesson in lessons if lesson.released]
    context = {
        "module": module,
        "edition": module.edition,
        "enrolment": enrolment,
        "lessons": lessons,
        "lessons_readable": len(readable),
        "module_progress": Progress(sum(lesson.is_done for lesson in readable), len(readable)),
        "sessions": module_sessions(module, enrolment),
        "announcements": module.announcements.filter(published_at__lte=now)[:10],
        "is_released": module.is_released(now),
        "now": now,
    }
    return render(request, "students/learn/module_detail.html", context)


@login_required
@require_GET
def lesson_detail(request: HttpRequest, edition: str, module: str, lesson: str) -> HttpResponse:
    lesson, enrolment = get_lesson_for_reader(request, edition, module, lesson)
    now = timezone.now()
    outline = _with_urls(lesson.module, module_lessons(lesson.module, enrolment, now=now))
    readable = [other for other in outline if other.released]
    key = (lesson.order, lesson.pk)
    context = {
        "lesson": lesson,
        "module": lesson.module,
        "edition": lesson.module.edition,
        "enrolment": enrolment,
        "body_html": _body_html(lesson),
        "resources": lesson.resources.order_by("order", "id"),
        "outline": readable,
        "previous": next((o for o in reversed(readable) if (o.order, o.pk) < key), None),
        "next": next((o for o in readable if (o.order, o.pk) > key), None),
        "is_done": any(other.pk == lesson.pk and other.is_done for other in outline),
        "is_released": lesson.is_released(now),
    }
    return render(request, "students/learn/lesson_detail.html", context)


@login_required
@require_POST
def lesson_done(request: HttpRequest, edition: str, module: str, lesson: str) -> HttpResponse:
    lesson, enrolment = get_lesson_for_reader(request, edition, module, lesson)
    if enrolment is None:
        raise PermissionDenied(_("Only students of the edition record their progress."))
    created = complete_lesson(enrolment=enrolment, lesson=lesson)
    if request.htmx:
        context = {"lesson": lesson, "enrolment": enrolment, "is_done": True}
        return render(request, "students/learn/includes/_done_form.html", context)
    if created:
        messages.success(request, _("Lesson marked as done."))
    else:
        messages.info(request, _("You had already marked this lesson as done."))
    return redirect(lesson.get_absolute_url())


@login_required
@require_GET
def module_offline(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module, enrolment = get_module_for_reader(request, edition, module)
    if enrolment is not None and not module.is_released():
        raise Http404(_("This module is not released yet."))
    lessons = list(
        Lesson.objects.readable()
        .filter(module=module)
        .order_by("order", "id")
        .prefetch_related(
            Prefetch(
                "resources",
                queryset=Resource.objects.order_by("order", "id"),
                to_attr="resource_list",
            )
        )
    )
    for lesson in lessons:
        lesson.html = _body_html(lesson)
        for resource in lesson.resource_list:
            resource.absolute_href = request.build_absolute_uri(resource.href)
    context = {
        "module": module,
        "edition": module.edition,
        "lessons": lessons,
        "css": _offline_css(),
        "module_url": request.build_absolute_uri(module.get_absolute_url()),
        "now": timezone.now(),
    }
    response = render(request, "students/learn/module_offline.html", context)
    filename = f"{module.edition.slug}-{module.slug}.html"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Security-Policy"] = OFFLINE_POLICY
    return response


def _with_urls(module: Module, lessons: list[Lesson]) -> list[Lesson]:
    # A lesson's URL extends its module's: one reverse() instead of one per row.
    base = module.get_absolute_url()
    for lesson in lessons:
        lesson.url = f"{base}{lesson.slug}/"
    return lessons


def _body_html(lesson: Lesson) -> str:
    """The stored sanitised HTML, or a fresh rendering; its h1 become h2 under the page's title."""
    html = lesson.body_html or render_markdown(lesson.body)
    return html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")


def _offline_css() -> str:
    path = finders.find("css/print.css")
    with open(path, encoding="utf-8") as css:
        return css.read()
