"""The coordinator's office: who teaches each module of an edition, as lead or guest."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses import teaching
from courses.forms import AssignInstructorForm
from courses.models import Module, ModuleInstructor
from diploma.access import (
    coordinated_editions,
    get_edition_for_coordinator,
    require_coordinator,
)
from diploma.models import Edition


@login_required
@require_GET
def instructors(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    editions = (
        coordinated_editions(request.user)
        .select_related("programme")
        .annotate(module_count=Count("modules", distinct=True))
        .order_by("-starts_on", "pk")
    )
    return render(request, "office/instructors/index.html", {"editions": editions})


def _modules(edition: Edition):
    return edition.modules.defer("summary").order_by("order", "id")


def _render_edition(
    request: HttpRequest, edition: Edition, form: AssignInstructorForm, status: int = 200
) -> HttpResponse:
    teaching_rows = ModuleInstructor.objects.select_related("instructor__user").order_by(
        "role", "instructor__user__last_name", "instructor__user__first_name"
    )
    modules = _modules(edition).prefetch_related(
        Prefetch("teaching", queryset=teaching_rows, to_attr="teaching_rows")
    )
    context = {"edition": edition, "modules": modules, "form": form}
    return render(request, "office/instructors/edition.html", context, status=status)


@login_required
@require_GET
def edition_instructors(request: HttpRequest, edition: str) -> HttpResponse:
    edition = get_edition_for_coordinator(request, edition)
    return _render_edition(request, edition, AssignInstructorForm(modules=_modules(edition)))


@login_required
@require_POST
def assign_instructor(request: HttpRequest, edition: str) -> HttpResponse:
    edition = get_edition_for_coordinator(request, edition)
    form = AssignInstructorForm(request.POST, modules=_modules(edition))
    if not form.is_valid():
        return _render_edition(request, edition, form, status=400)
    module: Module = form.cleaned_data["module"]
    instructor = form.cleaned_data["instructor"]
    assignment, created = teaching.assign_instructor(
        module=module, instructor=instructor, role=form.cleaned_data["role"]
    )
    values = {
        "name": form.fields["instructor"].label_from_instance(instructor),
        "role": assignment.get_role_display().lower(),
        "module": module.title,
    }
    if created:
        messages.success(request, _("%(name)s now teaches %(module)s as %(role)s.") % values)
    else:
        messages.success(request, _("%(name)s is %(role)s of %(module)s.") % values)
    return redirect("office:instructors-edition", edition=edition.slug)


@login_required
@require_POST
def remove_instructor(request: HttpRequest, edition: str, assignment: int) -> HttpResponse:
    edition = get_edition_for_coordinator(request, edition)
    found = (
        ModuleInstructor.objects.select_related("module", "instructor__user")
        .filter(module__edition=edition, pk=assignment)
        .first()
    )
    if found is None:
        messages.info(request, _("That instructor was already removed from the module."))
    else:
        teaching.remove_instructor(assignment=found)
        messages.success(
            request,
            _("%(name)s no longer teaches %(module)s.")
            % {"name": found.instructor.display_name, "module": found.module.title},
        )
    return redirect("office:instructors-edition", edition=edition.slug)
