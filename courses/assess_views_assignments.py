"""Assignments in the instructor's workspace: authoring, rubric, grading queue, grades, history.

The grading queue lists the submissions not graded yet first; its cost is a fixed number of
queries whatever the size of the class.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Case, Prefetch, ProtectedError, Value, When
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses import quizzes
from courses.access import can_read_grade_history, check_grade_history_reader
from courses.assess_forms import AssignmentForm, CriterionForm, GradeForm, LevelFormSet
from courses.models import Assignment, Module, RubricCriterion, RubricLevel
from courses.teach_views import _get_module_for_instructor
from students import submissions
from students.grades import late_share
from students.models import Enrolment, RubricScore, Submission

UNGRADED_FIRST = Case(When(points__isnull=True, then=Value(0)), default=Value(1))


def get_assignment(module: Module, slug: str) -> Assignment:
    assignment = get_object_or_404(module.assignments.all(), slug=slug)
    assignment.module = module
    return assignment


def _kwargs(assignment: Assignment, **extra) -> dict:
    module = assignment.module
    return {"edition": module.edition.slug, "module": module.slug, "assignment": assignment.slug,
            **extra}  # fmt: skip


def _context(module: Module, **extra) -> dict:
    return {"module": module, "edition": module.edition, **extra}


def criteria_of(assignment: Assignment) -> list[RubricCriterion]:
    """The rubric's criteria in order, each with `level_list` (best first): two queries."""
    criteria = assignment.criteria.order_by("order", "id").prefetch_related(
        Prefetch(
            "levels", queryset=RubricLevel.objects.order_by("-points", "id"), to_attr="level_list"
        )
    )
    return list(criteria)


@login_required
@require_http_methods(["GET", "POST"])
def assignment_create(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module = _get_module_for_instructor(request, edition, module)
    form = AssignmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assignment = form.save(commit=False)
        assignment.module = module
        assignment.slug = quizzes.unique_slug(
            module.assignments.all(), assignment.title, fallback="assignment"
        )
        assignment.save()
        messages.success(request, _("The assignment is created."))
        return redirect("assess:assignment-edit", **_kwargs(assignment))
    return render(request, "courses/assess/assignment_form.html", _context(module, form=form))


@login_required
@require_http_methods(["GET", "POST"])
def assignment_edit(
    request: HttpRequest, edition: str, module: str, assignment: str
) -> HttpResponse:
    module = _get_module_for_instructor(request, edition, module)
    assignment = get_assignment(module, assignment)
    form = AssignmentForm(request.POST or None, instance=assignment)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The assignment is saved."))
        return redirect("assess:assignment-edit", **_kwargs(assignment))
    context = _context(module, form=form, assignment=assignment, criteria=criteria_of(assignment))
    return render(request, "courses/assess/assignment_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def rubric(request: HttpRequest, edition: str, module: str, assignment: str) -> HttpResponse:
    """The rubric's criteria, and a form to add one with its levels."""
    module = _get_module_for_instructor(request, edition, module)
    assignment = get_assignment(module, assignment)
    return _criterion_form(request, assignment, RubricCriterion(assignment=assignment))


@login_required
@require_http_methods(["GET", "POST"])
def criterion_edit(
    request: HttpRequest, edition: str, module: str, assignment: str, criterion: int
) -> HttpResponse:
    module = _get_module_for_instructor(request, edition, module)
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
            return redirect("assess:rubric", **_kwargs(assignment))
    context = _context(
        assignment.module,
        assignment=assignment,
        criterion=criterion,
        form=form,
        levels=levels,
        criteria=criteria_of(assignment),
    )
    return render(request, "courses/assess/rubric.html", context)


@login_required
@require_POST
def criterion_delete(
    request: HttpRequest, edition: str, module: str, assignment: str, criterion: int
) -> HttpResponse:
    module = _get_module_for_instructor(request, edition, module)
    assignment = get_assignment(module, assignment)
    criterion = get_object_or_404(assignment.criteria.all(), pk=criterion)
    if RubricScore.objects.filter(criterion=criterion).exists():
        messages.error(request, _("Graded work uses this criterion: it cannot be removed."))
    else:
        criterion.delete()
        messages.success(request, _("The criterion is removed."))
    return redirect("assess:rubric", **_kwargs(assignment))


@login_required
@require_GET
def assignment_queue(
    request: HttpRequest, edition: str, module: str, assignment: str
) -> HttpResponse:
    """The submissions, not graded first then by submission time: four queries."""
    module = _get_module_for_instructor(request, edition, module)
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
        base=reverse("assess:assignment-queue", kwargs=_kwargs(assignment)),
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
    module = _get_module_for_instructor(request, edition, module)
    submission = _get_submission(module, assignment, submission)
    assignment = submission.assignment
    criteria = criteria_of(assignment)
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
        late_share=late_share(days_late=submission.days_late, assignment=assignment),
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
            return redirect("assess:submission-grade", **_kwargs(assignment, submission=waiting))
    return redirect("assess:assignment-queue", **_kwargs(assignment))


def _download(field_file, name: str) -> FileResponse:
    if not field_file:
        raise Http404(_("There is no file."))
    response = FileResponse(field_file.open("rb"), as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    return response


def download_name(submission: Submission, field_file, prefix: str = "") -> str:
    user = submission.enrolment.user
    extension = field_file.name.rsplit(".", 1)[-1] if "." in field_file.name else "bin"
    return f"{prefix}{submission.assignment.slug}-{user.username}.{extension}"


@login_required
@require_GET
def submission_file(
    request: HttpRequest, edition: str, module: str, assignment: str, submission: int
) -> FileResponse:
    module = _get_module_for_instructor(request, edition, module)
    submission = _get_submission(module, assignment, submission)
    return _download(submission.file, download_name(submission, submission.file))


@login_required
@require_GET
def returned_file(
    request: HttpRequest, edition: str, module: str, assignment: str, submission: int
) -> FileResponse:
    module = _get_module_for_instructor(request, edition, module)
    submission = _get_submission(module, assignment, submission)
    name = download_name(submission, submission.returned_file, prefix="returned-")
    return _download(submission.returned_file, name)


REASONS = {
    "submitted": gettext_lazy("Submitted"),
    "resubmitted": gettext_lazy("Resubmitted"),
    "graded": gettext_lazy("Graded"),
    "regraded": gettext_lazy("Grade changed"),
}


@login_required
@require_GET
def submission_history(
    request: HttpRequest, edition: str, module: str, assignment: str, submission: int
) -> HttpResponse:
    """Every version of a submission's grade: who, when, old and new value, why."""
    module = _get_module_for_instructor(request, edition, module)
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
                "reason": REASONS.get(record.history_change_reason or "", "")
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
    module = _get_module_for_instructor(request, edition, module, lead_only=True)
    assignment = get_assignment(module, assignment)
    released = request.POST.get("release") == "1"
    submissions.release_assignment(assignment=assignment, released=released)
    if released:
        messages.success(request, _("Grades and feedback are released to the students."))
    else:
        messages.info(request, _("Grades and feedback are hidden from the students again."))
    return redirect("assess:assignment-queue", **_kwargs(assignment))
