"""Grading assignments in the teaching workspace: the queue, a grade with its rubric, the files,
the history of a grade, and releasing the grades.

The queue lists the submissions not graded yet first; its cost is a fixed number of queries
whatever the size of the class.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, Value, When
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.access import get_assignment, get_module_for_instructor
from courses.models import Module
from students import submissions
from students.access import can_read_grade_history, check_grade_history_reader
from students.downloads import private_download, submission_file_name
from students.grading.forms import GradeForm
from students.models import Enrolment, Submission

UNGRADED_FIRST = Case(When(points__isnull=True, then=Value(0)), default=Value(1))


def _context(module: Module, **extra) -> dict:
    return {"module": module, "edition": module.edition, **extra}


@login_required
@require_GET
def assignment_queue(
    request: HttpRequest, edition: str, module: str, assignment: str
) -> HttpResponse:
    """The submissions, not graded first then by submission time: four queries."""
    module = get_module_for_instructor(request, edition, module)
    assignment = get_assignment(module, assignment)
    rows = list(
        assignment.submissions.select_related("enrolment__user", "graded_by")
        .only(
            "submitted_at", "days_late", "points", "graded_at", "file", "text", "assignment_id",
            "enrolment__user__username", "enrolment__user__first_name",
            "enrolment__user__last_name", "graded_by__username", "graded_by__first_name",
            "graded_by__last_name",
        )
        .order_by(UNGRADED_FIRST, "submitted_at", "pk")
    )  # fmt: skip
    for row in rows:
        row.assignment = assignment
        row.final_points = submissions.final_points(row)
    missing = (
        Enrolment.objects.active()
        .filter(edition_id=module.edition_id)
        .exclude(submissions__assignment=assignment)
        .count()
    )
    context = _context(
        module,
        assignment=assignment,
        submissions=rows,
        ungraded=sum(row.points is None for row in rows),
        missing=missing,
        base=reverse("assess:assignment-queue", kwargs=assignment.url_kwargs()),
    )
    return render(request, "courses/assess/queue.html", context)


def _get_submission(module: Module, assignment: str, submission: int) -> Submission:
    assignment = get_assignment(module, assignment)
    found = get_object_or_404(
        assignment.submissions.select_related("enrolment__user", "graded_by"), pk=submission
    )
    found.assignment = assignment
    return found


@login_required
@require_http_methods(["GET", "POST"])
def submission_grade(
    request: HttpRequest, edition: str, module: str, assignment: str, submission: int
) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    submission = _get_submission(module, assignment, submission)
    assignment = submission.assignment
    criteria = assignment.rubric()
    submission.score_list = list(submission.rubric_scores.all())
    form = GradeForm(
        request.POST or None, request.FILES or None, submission=submission, criteria=criteria
    )
    if request.method == "POST" and form.is_valid():
        try:
            submissions.grade(
                submission=submission,
                by=request.user,
                points=form.cleaned_data.get("points"),
                levels=form.levels(),
                feedback=form.cleaned_data["feedback"].strip(),
                returned_file=form.cleaned_data.get("returned_file"),
                reason=form.cleaned_data.get("reason", ""),
            )
        except submissions.SubmissionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The grade is saved."))
            return _after_grading(request, submission)
    context = _context(
        module,
        assignment=assignment,
        submission=submission,
        student=submission.enrolment.user,
        form=form,
        criteria=criteria,
        late_share=assignment.late_share(submission.days_late),
        can_see_history=can_read_grade_history(request.user, module),
    )
    return render(request, "courses/assess/submission_grade.html", context)


def _after_grading(request: HttpRequest, submission: Submission) -> HttpResponse:
    """Back to the queue, or on to the next submission waiting for a grade."""
    assignment = submission.assignment
    if "next" in request.POST:
        waiting = (
            assignment.submissions.filter(points__isnull=True)
            .exclude(pk=submission.pk)
            .order_by("submitted_at", "pk")
            .values_list("pk", flat=True)
            .first()
        )
        if waiting:
            return redirect("assess:submission-grade", **assignment.url_kwargs(submission=waiting))
    return redirect("assess:assignment-queue", **assignment.url_kwargs())


@login_required
@require_GET
def submission_file(
    request: HttpRequest, edition: str, module: str, assignment: str, submission: int
) -> FileResponse:
    module = get_module_for_instructor(request, edition, module)
    submission = _get_submission(module, assignment, submission)
    return private_download(submission.file, submission_file_name(submission, submission.file))


@login_required
@require_GET
def returned_file(
    request: HttpRequest, edition: str, module: str, assignment: str, submission: int
) -> FileResponse:
    module = get_module_for_instructor(request, edition, module)
    submission = _get_submission(module, assignment, submission)
    name = submission_file_name(submission, submission.returned_file, prefix="returned-")
    return private_download(submission.returned_file, name)


@login_required
@require_GET
def submission_history(
    request: HttpRequest, edition: str, module: str, assignment: str, submission: int
) -> HttpResponse:
    """Every version of a submission's grade: who, when, old and new value, why."""
    module = get_module_for_instructor(request, edition, module)
    check_grade_history_reader(request.user, module)
    submission = _get_submission(module, assignment, submission)
    records = list(submission.history.select_related("history_user").order_by("history_date"))
    changes, previous = [], None
    for record in records:
        changes.append(
            {
                "record": record,
                "old_points": previous.points if previous else None,
                "points_changed": previous is None or previous.points != record.points,
                "feedback_changed": previous is not None and previous.feedback != record.feedback,
                "reason": submissions.REASONS.get(record.history_change_reason or "", "")
                or record.history_change_reason,
            }
        )
        previous = record
    changes.reverse()
    context = _context(
        module,
        assignment=submission.assignment,
        submission=submission,
        student=submission.enrolment.user,
        changes=changes,
    )
    return render(request, "courses/assess/submission_history.html", context)


@login_required
@require_POST
def assignment_release(
    request: HttpRequest, edition: str, module: str, assignment: str
) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module, lead_only=True)
    assignment = get_assignment(module, assignment)
    released = request.POST.get("release") == "1"
    submissions.release_assignment(assignment=assignment, released=released)
    if released:
        messages.success(request, _("Grades and feedback are released to the students."))
    else:
        messages.info(request, _("Grades and feedback are hidden from the students again."))
    return redirect("assess:assignment-queue", **assignment.url_kwargs())
