from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses.markdown import render_markdown
from courses.models import Lesson, Module, Resource
from diploma.models import Edition
from students.access import get_lesson_for_reader, get_module_for_reader, previewable_editions
from students.downloads import private_download
from students.learning.caching import seconds_until_next
from students.learning.dashboard import Dashboard, dashboard_of, enrolments_and_applications
from students.learning.module_pages import (
    lesson_resources,
    module_assessments,
    module_attendance,
    module_news,
    module_outline,
)
from students.models import Enrolment
from students.progress import Progress, complete_lesson

OFFLINE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    enrolments, applications = enrolments_and_applications(request.user, now=now)
    if not enrolments:
        return _dashboard_without_enrolments(request, applications)
    shown = dashboard_of(enrolments, now=now)
    context = {
        "cards": _cards(enrolments, shown),
        "announcements": shown.announcements,
        "applications": applications,
        "fragment_key": shown.fragment_key,
        "editions_key": shown.editions_key,
        "fragment_seconds": shown.fragment_seconds,
        "agenda_key": shown.agenda_key,
        "agenda_seconds": shown.agenda_seconds,
    }
    return render(request, "students/learn/dashboard.html", context)


def _cards(enrolments: list[Enrolment], shown: Dashboard) -> list[dict]:
    by_edition: dict[int, list[Module]] = {}
    for module in shown.modules:
        by_edition.setdefault(module.edition_id, []).append(module)
    return [
        {
            "enrolment": enrolment,
            "edition": enrolment.edition,
            "progress": shown.progress[enrolment.pk],
            "figures": shown.figures[enrolment.pk],
            "next_lesson": shown.next_lessons.get(enrolment.pk),
            "next_session": shown.next_sessions.get(enrolment.edition_id),
            "modules": [
                (
                    module,
                    shown.progress[enrolment.pk].modules.get(module.pk),
                    shown.figures[enrolment.pk].modules.get(module.pk),
                )
                for module in by_edition.get(enrolment.edition_id, [])
            ],
        }
        for enrolment in enrolments
    ]


def _dashboard_without_enrolments(
    request: HttpRequest, applications: list[Enrolment]
) -> HttpResponse:
    previewable = (
        previewable_editions(request.user)
        .exclude(status=Edition.Status.CLOSED)
        .select_related("programme")
        .prefetch_related(
            Prefetch("modules", queryset=Module.objects.defer("summary").order_by("order", "id"))
        )
        .order_by("-starts_on", "pk")
    )
    context = {"previewable": previewable, "applications": applications}
    return render(request, "students/learn/dashboard.html", context)


@login_required
@require_GET
def module_detail(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module, enrolment = get_module_for_reader(request, edition, module)
    now = timezone.now()
    outline = module_outline(module, enrolment, now=now)
    readable = [lesson for lesson in outline.lessons if lesson.released]
    news = module_news(module, now=now)
    attendance_key = module_attendance(module, news.sessions, enrolment, now=now)
    context = {
        "module": module,
        "edition": module.edition,
        "enrolment": enrolment,
        "outline": outline,
        "module_url": outline.module_url,
        "lessons": outline.lessons,
        "lessons_readable": len(readable),
        "module_progress": Progress(sum(lesson.is_done for lesson in readable), len(readable)),
        "news": news,
        "assessments": module_assessments(module, enrolment, now=now),
        "sessions": news.sessions,
        "sessions_key": f"{news.fragment_key}:{attendance_key}",
        # Until the next session starts or ends: past sessions are marked and show recordings.
        "sessions_seconds": seconds_until_next(
            now,
            news.fragment_seconds,
            *(m for s in news.sessions for m in (s.starts_at, s.ends_at)),
        ),
        "announcements": news.announcements,
        "is_released": module.is_released(now),
        "now": now,
    }
    return render(request, "students/learn/module_detail.html", context)


@login_required
@require_GET
def lesson_detail(request: HttpRequest, edition: str, module: str, lesson: str) -> HttpResponse:
    lesson, enrolment = get_lesson_for_reader(request, edition, module, lesson)
    now = timezone.now()
    outline = module_outline(lesson.module, enrolment, now=now)
    readable = [other for other in outline.lessons if other.released]
    key = (lesson.order, lesson.pk)
    context = {
        "lesson": lesson,
        "module": lesson.module,
        "edition": lesson.module.edition,
        "enrolment": enrolment,
        "body_html": _body_html(lesson),
        "resources": lesson_resources(lesson, now=now),
        "module_url": outline.module_url,
        "outline": readable,
        "outline_key": outline.fragment_key,
        "outline_seconds": outline.fragment_seconds,
        "previous": next((o for o in reversed(readable) if (o.order, o.pk) < key), None),
        "next": next((o for o in readable if (o.order, o.pk) > key), None),
        "is_done": any(other.pk == lesson.pk and other.is_done for other in outline.lessons),
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
        lesson.module = module
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


def _body_html(lesson: Lesson) -> str:
    """The stored sanitised HTML, or a fresh rendering; its h1 become h2 under the page's title."""
    html = lesson.body_html or render_markdown(lesson.body)
    return html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")


def _offline_css() -> str:
    path = finders.find("css/print.css")
    with open(path, encoding="utf-8") as css:
        return css.read()


@login_required
@require_GET
def resource_file(
    request: HttpRequest, edition: str, module: str, lesson: str, resource: int
) -> HttpResponse:
    """A lesson's file, for whoever may read the lesson; the proxy sends the bytes when
    MEDIA_ACCEL_REDIRECT names where it serves the media folder from."""
    lesson, _enrolment = get_lesson_for_reader(request, edition, module, lesson)
    resource = get_object_or_404(lesson.resources.filter(kind=Resource.Kind.FILE), pk=resource)
    return private_download(resource.file, resource.download_name)
