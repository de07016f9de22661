"""A module's settings in the teaching workspace; lessons and sessions live in lessons.py and
sessions.py beside this file. Only lead instructors, coordinators and staff change settings.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from courses.access import get_module_for_instructor
from courses.forms import ModuleSettingsForm


@login_required
@require_http_methods(["GET", "POST"])
def module_settings(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module, lead_only=True)
    form = ModuleSettingsForm(request.POST or None, instance=module)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The module's settings are saved."))
        return redirect("teach:module", edition=module.edition.slug, module=module.slug)
    context = {"module": module, "edition": module.edition, "form": form}
    return render(request, "courses/teach/module_settings.html", context)
