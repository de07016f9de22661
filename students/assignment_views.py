"""Assignments in the learning space: instructions, rubric, submission, grade once released."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from courses.models import Assignment
from students import submissions
from students.access import get_module_for_reader
from students.downloads import private_download, submission_file_name
from students.forms import SubmissionForm
from students.models import Enrolment, Submission


def get_assignment_for_reader(
    request: HttpRequest, edition: str, module: str, assignment: str
) -> tuple[Assignment, Enrolment | None]:
    """The assignment and the reader's enrolment; students get 404 for an assignment not
    published or in a module not released. Three queries."""
    module, enrolment = get_module_for_reader(request, edition, module)
    assignments = module.assignments.all()
    if enrolment is not None:
        if not module.is_released():
            raise Http404(_("This module is not released yet."))
        assignments = assignments.filter(is_published=True)
    found = get_object_or_404(assignments, slug=assignment)
    found.module = module
    return found, enrolment


def is_released(assignment: Assignment) -> bool:
    return assignment.grades_released or assignment.module.grades_released


def _own_submission(assignment: Assignment, enrolment: Enrolment | None) -> Submission | None:
    if enrolment is None:
        return None
    submission = Submission.objects.filter(enrolment=enrolment, assignment=assignment).first()
    if submission is not None:
        submission.assignment = assignment
    return submission


@login_required
@require_http_methods(["GET", "POST"])
def assignment_detail(
    request: HttpRequest, edition: str, module: str, assignment: str
) -> HttpResponse:
    assignment, enrolment = get_assignment_for_reader(request, edition, module, assignment)
    if request.method == "POST" and enrolment is None:
        raise PermissionDenied(_("Only the students of the edition submit assignments."))
    now = timezone.now()
    submission = _own_submission(assignment, enrolment)
    refusal = submissions.refusal(assignment, submission, now) if enrolment else None
    form = SubmissionForm(
        request.POST or None, request.FILES or None, assignment=assignment,
        initial={"text": submission.text if submission else ""},
    )  # fmt: skip
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            submissions.submit(
                enrolment=enrolment,
                assignment=assignment,
                text=form.cleaned_data.get("text", ""),
                file=form.cleaned_data.get("file"),
            )
        except submissions.SubmissionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Your work is submitted."))
            return redirect(request.path)
    elif request.method == "POST" and refusal:
        messages.error(request, refusal)
        return redirect(request.path)
    released = submission is not None and submission.points is not None and is_released(assignment)
    context = {
        "assignment": assignment,
        "module": assignment.module,
        "edition": assignment.module.edition,
        "enrolment": enrolment,
        "submission": submission,
        "form": form,
        "refusal": refusal,
        "criteria": assignment.rubric(),
        "released": released,
        "now": now,
        "late_days": assignment.days_late(now),
        "cutoff": assignment.closes_at,
    }
    if released:
        context["chosen_levels"] = set(submission.rubric_scores.values_list("level_id", flat=True))
        context["final_points"] = submissions.final_points(submission)
        context["late_share"] = assignment.late_share(submission.days_late)
    return render(request, "students/assignments/detail.html", context)


@login_required
@require_GET
def submission_file(
    request: HttpRequest, edition: str, module: str, assignment: str
) -> FileResponse:
    """The file the student submitted, for the student only."""
    assignment, enrolment = get_assignment_for_reader(request, edition, module, assignment)
    submission = _own_submission(assignment, enrolment)
    if submission is None:
        raise Http404(_("You have not submitted a file."))
    submission.enrolment = enrolment
    return private_download(submission.file, submission_file_name(submission, submission.file))


@login_required
@require_GET
def returned_file(request: HttpRequest, edition: str, module: str, assignment: str) -> FileResponse:
    """The file the instructor returned with the grade, once grades are released."""
    assignment, enrolment = get_assignment_for_reader(request, edition, module, assignment)
    submission = _own_submission(assignment, enrolment)
    if submission is None or submission.points is None or not is_released(assignment):
        raise Http404(_("No file has been returned to you."))
    submission.enrolment = enrolment
    name = submission_file_name(submission, submission.returned_file, prefix="returned-")
    return private_download(submission.returned_file, name)
