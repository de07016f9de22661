"""Scheduling live sessions in the teaching workspace; attendance lives in students.teach."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses.access import get_module_for_instructor, get_session
from courses.forms import LiveSessionForm
from courses.models import LiveSession, Module


def _sessions_url(module: Module) -> str:
    url = reverse("teach:module", kwargs={"edition": module.edition.slug, "module": module.slug})
    return f"{url}#sessions"


def _session_form(request: HttpRequest, module: Module, session: LiveSession) -> HttpResponse:
    form = LiveSessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The session “%(topic)s” is saved.") % {"topic": session})
        return redirect(_sessions_url(module))
    context = {"module": module, "edition": module.edition, "form": form, "session": session}
    status = 400 if request.method == "POST" else 200
    return render(request, "courses/teach/session_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    return _session_form(request, module, LiveSession(module=module))


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, edition: str, module: str, session: int) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    return _session_form(request, module, get_session(module, session))
