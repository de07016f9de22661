"""Writing assignments and their rubrics in the teaching workspace.

Grading the submissions lives in students.grading.assignments.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from courses.access import get_assignment, get_module_for_instructor
from courses.assess import authoring
from courses.assess.forms import AssignmentForm, CriterionForm, LevelFormSet
from courses.models import Assignment, Module, RubricCriterion


def _context(module: Module, **extra) -> dict:
    return {"module": module, "edition": module.edition, **extra}


@login_required
@require_http_methods(["GET", "POST"])
def assignment_create(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    form = AssignmentForm(request.POST or None, time_zone=module.edition.time_zone)
    if request.method == "POST" and form.is_valid():
        assignment = form.save(commit=False)
        assignment.module = module
        assignment.slug = authoring.unique_slug(
            module.assignments.all(), assignment.title, fallback="assignment"
        )
        assignment.save()
        messages.success(request, _("The assignment is created."))
        return redirect("assess:assignment-edit", **assignment.url_kwargs())
    return render(request, "courses/assess/assignment_form.html", _context(module, form=form))


@login_required
@require_http_methods(["GET", "POST"])
def assignment_edit(
    request: HttpRequest, edition: str, module: str, assignment: str
) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    assignment = get_assignment(module, assignment)
    form = AssignmentForm(
        request.POST or None, time_zone=module.edition.time_zone, instance=assignment
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The assignment is saved."))
        return redirect("assess:assignment-edit", **assignment.url_kwargs())
    context = _context(module, form=form, assignment=assignment, criteria=assignment.rubric())
    return render(request, "courses/assess/assignment_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def rubric(request: HttpRequest, edition: str, module: str, assignment: str) -> HttpResponse:
    """The rubric's criteria, and a form to add one with its levels."""
    module = get_module_for_instructor(request, edition, module)
    assignment = get_assignment(module, assignment)
    return _criterion_form(request, assignment, RubricCriterion(assignment=assignment))


@login_required
@require_http_methods(["GET", "POST"])
def criterion_edit(
    request: HttpRequest, edition: str, module: str, assignment: str, criterion: int
) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    assignment = get_assignment(module, assignment)
    criterion = get_object_or_404(assignment.criteria.all(), pk=criterion)
    return _criterion_form(request, assignment, criterion)


def _criterion_form(
    request: HttpRequest, assignment: Assignment, criterion: RubricCriterion
) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = CriterionForm(data, instance=criterion)
    levels = LevelFormSet(data, instance=criterion, prefix="levels")
    if data is not None and form.is_valid() and levels.is_valid():
        try:
            with transaction.atomic():
                if criterion.pk is None:
                    criterion.order = assignment.criteria.count() + 1
                form.save()
                levels.instance = criterion
                levels.save()
                if not criterion.levels.exists():
                    raise ValueError
        except ProtectedError:
            messages.error(request, _("A level that graded work uses cannot be removed."))
        except ValueError:
            messages.error(request, _("Give the criterion at least one level."))
        else:
            messages.success(request, _("The rubric is saved."))
            return redirect("assess:rubric", **assignment.url_kwargs())
    context = _context(
        assignment.module,
        assignment=assignment,
        criterion=criterion,
        form=form,
        levels=levels,
        criteria=assignment.rubric(),
    )
    return render(request, "courses/assess/rubric.html", context)


@login_required
@require_POST
def criterion_delete(
    request: HttpRequest, edition: str, module: str, assignment: str, criterion: int
) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    assignment = get_assignment(module, assignment)
    criterion = get_object_or_404(assignment.criteria.all(), pk=criterion)
    try:
        authoring.delete_criterion(criterion=criterion)
    except authoring.AuthoringError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The criterion is removed."))
    return redirect("assess:rubric", **assignment.url_kwargs())
