"""Messages to a group of students in the teaching workspace: choose the group, see who is in
it and how the message reads, then send.

Instructors write about the modules they teach (guests included), coordinators about their
editions' modules or to a whole edition.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from courses.access import get_module_for_instructor
from courses.models import Module
from diploma.access import get_edition_for_coordinator
from diploma.models import Edition
from students.forms import GroupMessageForm
from students.group_messages import (
    assignments_in_scope,
    group_choices,
    group_of,
    messages_sent,
    send_group_message,
)

FIELDS = ("group", "subject", "body")


@login_required
@require_http_methods(["GET", "POST"])
def module_messages(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    return _compose(request, module.edition, module)


@login_required
@require_http_methods(["GET", "POST"])
def edition_messages(request: HttpRequest, edition: str) -> HttpResponse:
    edition = get_edition_for_coordinator(request, edition)
    return _compose(request, edition, None)


def _compose(request: HttpRequest, edition: Edition, module: Module | None) -> HttpResponse:
    """A first POST shows the recipients and the message; only a POST with `confirm=1` sends
    it; `edit` goes back to the form with what was typed."""
    assignments = assignments_in_scope(edition, module)
    groups = group_choices(assignments)
    if "edit" in request.POST:
        form = GroupMessageForm(
            initial={key: request.POST.get(key) for key in FIELDS}, groups=groups
        )
    else:
        form = GroupMessageForm(request.POST or None, groups=groups)
    context = {"edition": edition, "module": module, "form": form}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        group = group_of(edition=edition, key=data["group"], assignments=assignments)
        if request.POST.get("confirm") == "1" and group.enrolments:
            send_group_message(
                edition=edition, module=module, author=request.user, group=group,
                subject=data["subject"], body=data["body"],
            )  # fmt: skip
            count = len(group.enrolments)
            messages.success(
                request,
                ngettext(
                    "The message is sent to %(count)d student and is being e-mailed to them.",
                    "The message is sent to %(count)d students and is being e-mailed to them.",
                    count,
                )
                % {"count": count},
            )
            return _back(edition, module)
        context |= {"group": group, "subject": data["subject"], "body": data["body"]}
        return render(request, "students/teach/messages/preview.html", context)
    context["sent"] = list(messages_sent(edition, module)[:50])
    return render(request, "students/teach/messages/compose.html", context)


def _back(edition: Edition, module: Module | None) -> HttpResponse:
    if module is None:
        return redirect("teach:edition-messages", edition=edition.slug)
    return redirect("teach:messages", edition=edition.slug, module=module.slug)
