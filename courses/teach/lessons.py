"""Lessons of a module in the instructor's workspace: write, preview, order, publish, files."""

import copy
import difflib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from courses import teaching
from courses.access import get_lesson, get_module_for_instructor
from courses.forms import (
    LessonForm,
    NewLessonForm,
    PreviewForm,
    ResourceFileForm,
    ResourceLinkForm,
)
from courses.markdown import render_markdown
from courses.models import Lesson, Module, Resource


def preview_html(body: str) -> str:
    """The body as students will see it (same sanitiser), its h1 shown as h2 under the page's."""
    html = render_markdown(body)
    return html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")


def _module_url(module: Module, anchor: str = "") -> str:
    url = reverse("teach:module", kwargs={"edition": module.edition.slug, "module": module.slug})
    return f"{url}#{anchor}" if anchor else url


def _edit_url(lesson: Lesson) -> str:
    module = lesson.module
    return reverse(
        "teach:lesson-edit",
        kwargs={"edition": module.edition.slug, "module": module.slug, "lesson": lesson.slug},
    )


@login_required
@require_http_methods(["GET", "POST"])
def lesson_create(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    form = NewLessonForm(request.POST or None)
    preview = None
    if request.method == "POST" and "preview" in request.POST:
        preview = preview_html(request.POST.get("body", ""))
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lesson = teaching.create_lesson(
            module=module,
            title=data["title"],
            body=data["body"],
            minutes=data["minutes"],
            release_at=data["release_at"],
            is_published=data["is_published"],
        )
        messages.success(request, _("The lesson “%(title)s” is created.") % {"title": lesson})
        return redirect(_edit_url(lesson))
    context = {"module": module, "edition": module.edition, "form": form, "preview": preview}
    return render(request, "courses/teach/lesson_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def lesson_edit(request: HttpRequest, edition: str, module: str, lesson: str) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    lesson = get_lesson(module, lesson)
    if request.method == "GET":
        form = LessonForm(instance=lesson, initial={"version": lesson.version})
        return _render_edit(request, lesson, form)
    form = LessonForm(request.POST, instance=copy.copy(lesson))
    if "preview" in request.POST:
        return _render_edit(request, lesson, form, preview=preview_html(request.POST["body"]))
    if not form.is_valid():
        return _render_edit(request, lesson, form)
    data = form.cleaned_data
    try:
        teaching.save_lesson(
            lesson=lesson,
            version=data["version"] or 0,
            title=data["title"],
            body=data["body"],
            minutes=data["minutes"],
            release_at=data["release_at"],
        )
    except teaching.StaleLesson as stale:
        return _render_conflict(request, lesson, stale.current)
    messages.success(request, _("The lesson is saved."))
    return redirect(_edit_url(lesson))


def _render_edit(
    request: HttpRequest,
    lesson: Lesson,
    form: LessonForm,
    *,
    preview: str | None = None,
    conflict: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    module = lesson.module
    context = {
        "module": module,
        "edition": module.edition,
        "lesson": lesson,
        "form": form,
        "preview": preview,
        "conflict": conflict,
        "resource_count": lesson.resources.count(),
        "student_url": lesson.get_absolute_url(),
    }
    return render(request, "courses/teach/lesson_form.html", context, status=status)


def _render_conflict(request: HttpRequest, lesson: Lesson, current: Lesson) -> HttpResponse:
    """Keep what the editor typed, show what was saved meanwhile, and let them save again.

    The form carries the stored version from now on: saving again is a deliberate choice to
    replace the other version with the text in the form.
    """
    data = request.POST.copy()
    data["version"] = current.version
    typed = request.POST.get("body", "")
    diff = difflib.unified_diff(
        current.body.splitlines(),
        typed.splitlines(),
        fromfile=_("Saved by someone else"),
        tofile=_("Your text"),
        lineterm="",
    )
    conflict = {
        "current": current,
        "diff": [(line[:1], line) for line in diff],
        "title_changed": current.title != request.POST.get("title", ""),
    }
    current.module = lesson.module
    form = LessonForm(data, instance=current)
    form.is_valid()
    return _render_edit(request, current, form, conflict=conflict, status=409)


@login_required
@require_POST
def markdown_preview(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    """The sanitised HTML of a Markdown text: the live preview of the lesson editor."""
    get_module_for_instructor(request, edition, module)
    form = PreviewForm(request.POST)
    body = form.cleaned_data["body"] if form.is_valid() else ""
    return render(request, "courses/teach/includes/_preview.html", {"preview": preview_html(body)})


@login_required
@require_POST
def lesson_move(request: HttpRequest, edition: str, module: str, lesson: str) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    lesson = get_lesson(module, lesson)
    offset = -1 if request.POST.get("direction") == "up" else 1
    if teaching.move_lesson(lesson=lesson, offset=offset):
        messages.success(
            request,
            _("“%(title)s” moved to position %(order)s.")
            % {"title": lesson.title, "order": lesson.order},
        )
    else:
        messages.info(request, _("“%(title)s” cannot move further.") % {"title": lesson.title})
    return redirect(_module_url(module, f"lesson-{lesson.pk}"))


@login_required
@require_POST
def lesson_publish(request: HttpRequest, edition: str, module: str, lesson: str) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    lesson = get_lesson(module, lesson)
    published = request.POST.get("publish") == "1"
    teaching.set_published(lesson=lesson, published=published)
    if published:
        messages.success(request, _("“%(title)s” is published.") % {"title": lesson.title})
    else:
        messages.success(
            request,
            _("“%(title)s” is unpublished: students no longer see it.") % {"title": lesson.title},
        )
    if request.POST.get("next") == "edit":
        return redirect(_edit_url(lesson))
    return redirect(_module_url(module, f"lesson-{lesson.pk}"))


@login_required
@require_http_methods(["GET", "POST"])
def lesson_delete(request: HttpRequest, edition: str, module: str, lesson: str) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    lesson = get_lesson(module, lesson)
    completions = lesson.progress.count()
    if request.method == "POST":
        try:
            teaching.delete_lesson(lesson=lesson)
        except teaching.LessonHasProgress:
            messages.error(
                request,
                _("“%(title)s” has student progress and cannot be deleted; unpublish it instead.")
                % {"title": lesson.title},
            )
            return redirect(request.path)
        messages.success(request, _("“%(title)s” is deleted.") % {"title": lesson.title})
        return redirect(_module_url(module))
    context = {
        "module": module,
        "edition": module.edition,
        "lesson": lesson,
        "completions": completions,
    }
    return render(request, "courses/teach/lesson_delete.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def lesson_resources(request: HttpRequest, edition: str, module: str, lesson: str) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    lesson = get_lesson(module, lesson)
    file_form, link_form = ResourceFileForm(prefix="file"), ResourceLinkForm(prefix="link")
    if request.method == "POST":
        if request.POST.get("kind") == Resource.Kind.FILE:
            file_form = ResourceFileForm(request.POST, request.FILES, prefix="file")
            form = file_form
        else:
            link_form = ResourceLinkForm(request.POST, prefix="link")
            form = link_form
        if form.is_valid():
            resource = teaching.add_resource(
                lesson=lesson,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data.get("file"),
                url=form.cleaned_data.get("url", ""),
            )
            messages.success(request, _("“%(title)s” is attached.") % {"title": resource.title})
            return redirect(request.path)
    context = {
        "module": module,
        "edition": module.edition,
        "lesson": lesson,
        "resources": _with_lesson(lesson.resources.order_by("order", "id"), lesson),
        "file_form": file_form,
        "link_form": link_form,
        "status": 400 if request.method == "POST" else 200,
    }
    return render(request, "courses/teach/lesson_resources.html", context, status=context["status"])


@login_required
@require_POST
def resource_delete(
    request: HttpRequest, edition: str, module: str, lesson: str, resource: int
) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    lesson = get_lesson(module, lesson)
    found = lesson.resources.filter(pk=resource).first()
    if found is None:
        messages.info(request, _("That resource was already removed."))
    else:
        teaching.delete_resource(resource=found)
        messages.success(request, _("“%(title)s” is removed.") % {"title": found.title})
    return redirect(
        "teach:lesson-resources", edition=edition, module=module.slug, lesson=lesson.slug
    )


def _with_lesson(resources, lesson: Lesson) -> list[Resource]:
    resources = list(resources)
    for resource in resources:
        resource.lesson = lesson
    return resources
