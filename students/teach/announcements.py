"""Announcements to a module's students in the teaching workspace: write, preview, publish;
then correct or delete.

Every instructor and coordinator of the module posts; a published announcement is changed
only by its author, the module's lead instructor, the coordinators and staff.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses.access import get_announcement_to_change, get_module_for_instructor
from courses.forms import AnnouncementEditForm, AnnouncementForm
from courses.markdown import render_markdown
from courses.models import Announcement, Module
from students.announcements import (
    delete_announcement,
    edit_announcement,
    post_announcement,
    recipient_count,
)


def _back_to_list(module: Module) -> HttpResponse:
    return redirect("teach:announcements", edition=module.edition.slug, module=module.slug)


@login_required
@require_http_methods(["GET", "POST"])
def announcements(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    """A first POST shows the announcement as students will read it; only a POST with
    `confirm=1` publishes it and e-mails the students; `edit` goes back to the form."""
    module = get_module_for_instructor(request, edition, module)
    if "edit" in request.POST:
        form = AnnouncementForm(initial={key: request.POST.get(key) for key in ("title", "body")})
    else:
        form = AnnouncementForm(request.POST or None)
    context = {"module": module, "edition": module.edition, "form": form}
    if form.is_bound and form.is_valid():
        title, body = form.cleaned_data["title"], form.cleaned_data["body"]
        if request.POST.get("confirm") == "1":
            post_announcement(module=module, author=request.user, title=title, body=body)
            messages.success(
                request, _("The announcement is published and is being e-mailed to the students.")
            )
            return _back_to_list(module)
        context |= {
            "title": title,
            "body_html": render_markdown(body),
            "recipients": recipient_count(module),
        }
        return render(request, "courses/teach/announcements_preview.html", context)
    published = list(
        Announcement.objects.filter(module=module)
        .select_related("author")
        .order_by("-published_at")[:50]
    )
    for announcement in published:
        announcement.can_change = module.can_manage or announcement.author_id == request.user.pk
    context["announcements"] = published
    return render(request, "courses/teach/announcements.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def announcement_edit(
    request: HttpRequest, edition: str, module: str, announcement: int
) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    announcement = get_announcement_to_change(request, module, announcement)
    form = AnnouncementEditForm(request.POST or None, instance=announcement)
    if request.method == "POST" and form.is_valid():
        edit_announcement(
            announcement=announcement,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
        )
        messages.success(request, _("The announcement is corrected. No e-mail was sent."))
        return _back_to_list(module)
    context = {
        "module": module,
        "edition": module.edition,
        "form": form,
        "announcement": announcement,
        "history": announcement.history.select_related("history_user").order_by(
            "-history_date", "-history_id"
        )[:20],
    }
    return render(request, "courses/teach/announcements_edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def announcement_delete(
    request: HttpRequest, edition: str, module: str, announcement: int
) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    announcement = get_announcement_to_change(request, module, announcement)
    if request.method == "POST":
        delete_announcement(announcement=announcement)
        messages.success(
            request, _("The announcement “%(title)s” is deleted.") % {"title": announcement}
        )
        return _back_to_list(module)
    context = {"module": module, "edition": module.edition, "announcement": announcement}
    return render(request, "courses/teach/announcements_delete.html", context)
