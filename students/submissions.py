"""Assignment submissions: submit and resubmit until the due date, late policy, grading, release.

Every change of a submission is kept in its history (django-simple-history) with who made it
and why, so a grade can always be traced: a changed grade needs a reason.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.models import Assignment, Module, RubricCriterion, RubricLevel
from diploma.content_versions import progress_changed
from students.models import Enrolment, RubricScore, Submission

DAY = dt.timedelta(days=1)
CENT = Decimal("0.01")


class SubmissionRefused(Exception):
    """A submission or a grade that cannot be accepted; the message is for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def refusal(assignment: Assignment, submission: Submission | None, now: dt.datetime) -> str | None:
    """Why the student cannot (re)submit now, or None if they can."""
    if submission is not None and submission.points is not None:
        return _("Your work has been graded: it can no longer be changed.")
    if submission is not None and now > assignment.due_at:
        return _("The due date has passed: your submission can no longer be changed.")
    if not assignment.takes_submissions(now):
        return _("The cut-off date has passed: this assignment no longer takes submissions.")
    return None


def submit(
    *,
    enrolment: Enrolment,
    assignment: Assignment,
    text: str = "",
    file: UploadedFile | None = None,
    now: dt.datetime | None = None,
) -> Submission:
    """Submit, or replace the submission before the due date. Raises SubmissionRefused."""
    now = now or timezone.now()
    if not enrolment.is_active or assignment.module.edition_id != enrolment.edition_id:
        raise SubmissionRefused(_("Only the students of this edition submit its assignments."))
    if not assignment.is_published:
        raise SubmissionRefused(_("This assignment is not published."))
    text = text.strip() if assignment.allow_text else ""
    file = file if assignment.allow_file else None
    with transaction.atomic():
        # One submission per student: the enrolment's row lock serialises two quick clicks.
        Enrolment.objects.select_for_update().filter(pk=enrolment.pk).exists()
        submission = Submission.objects.filter(enrolment=enrolment, assignment=assignment).first()
        reason = refusal(assignment, submission, now)
        if reason:
            raise SubmissionRefused(reason)
        if not text and not file and not (submission and submission.file):
            raise SubmissionRefused(_("Write your answer or attach a file before submitting."))
        resubmitted = submission is not None
        submission = submission or Submission(enrolment=enrolment, assignment=assignment)
        old_file = submission.file.name if file and submission.file else ""
        submission.text = text
        if file:
            submission.file = file
        submission.submitted_at = now
        submission.days_late = assignment.days_late(now)
        submission._history_user = enrolment.user
        submission._change_reason = "resubmitted" if resubmitted else "submitted"
        submission.save()
        progress_changed([enrolment.pk])
        if old_file:
            storage = submission.file.storage
            transaction.on_commit(lambda: storage.delete(old_file))
    return submission


def final_points(submission: Submission) -> Decimal | None:
    """The points after the late penalty; `submission.assignment` must be loaded."""
    if submission.points is None:
        return None
    share = submission.assignment.late_share(submission.days_late)
    return (submission.points * share).quantize(CENT, rounding=ROUND_HALF_UP)


def rubric_points(
    assignment: Assignment, criteria: Sequence[RubricCriterion], chosen: Sequence[RubricLevel]
) -> Decimal:
    """The points of the chosen levels, on the assignment's scale.

    When the best levels of all criteria add up to the assignment's maximum points (the usual
    case) this is their plain sum; otherwise the sum is scaled to the maximum.
    """
    total = sum((level.points for level in chosen), Decimal("0"))
    best = sum(
        (max((level.points for level in c.level_list), default=Decimal("0")) for c in criteria),
        Decimal("0"),
    )
    if best == 0:
        return Decimal("0")
    if best == assignment.max_points:
        return total
    return (total * assignment.max_points / best).quantize(CENT, rounding=ROUND_HALF_UP)


def grade(
    *,
    submission: Submission,
    by,
    points: Decimal | None = None,
    levels: Mapping[int, RubricLevel] | None = None,
    feedback: str = "",
    returned_file: UploadedFile | None = None,
    reason: str = "",
    now: dt.datetime | None = None,
) -> Submission:
    """Grade with points, or with one level per rubric criterion (by criterion id).

    Changing an existing grade needs a `reason`, kept in the submission's history.
    Raises SubmissionRefused for missing levels, points out of range or a missing reason.
    """
    now = now or timezone.now()
    assignment = submission.assignment
    criteria = list(assignment.criteria.prefetch_related("levels"))
    for criterion in criteria:
        criterion.level_list = list(criterion.levels.all())
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        chosen: list[RubricLevel] = []
        if criteria:
            levels = levels or {}
            for criterion in criteria:
                level = levels.get(criterion.pk)
                if level is None or level.criterion_id != criterion.pk:
                    raise SubmissionRefused(
                        _("Choose a level for “%(criterion)s”.") % {"criterion": criterion.title}
                    )
                chosen.append(level)
            points = rubric_points(assignment, criteria, chosen)
        if points is None or not Decimal("0") <= points <= assignment.max_points:
            raise SubmissionRefused(
                _("The points must lie between 0 and %(max)s.") % {"max": assignment.max_points}
            )
        changed = locked.points is not None and locked.points != points
        if changed and not reason.strip():
            raise SubmissionRefused(_("Say why you change the grade: it is kept in its history."))
        locked.points = points
        locked.feedback = feedback
        if returned_file:
            locked.returned_file = returned_file
        locked.graded_by = by
        locked.graded_at = now
        locked._history_user = by
        locked._change_reason = reason.strip() or ("regraded" if changed else "graded")
        locked.save()
        progress_changed([locked.enrolment_id])
        RubricScore.objects.filter(submission=locked).delete()
        RubricScore.objects.bulk_create(
            RubricScore(submission=locked, criterion_id=level.criterion_id, level=level)
            for level in chosen
        )
    locked.assignment = assignment
    return locked


def release_assignment(*, assignment: Assignment, released: bool) -> None:
    assignment.grades_released = released
    assignment.save(update_fields=["grades_released"])  # renews the edition's content version


def release_module(*, module: Module, released: bool) -> None:
    module.grades_released = released
    module.save(update_fields=["grades_released"])


# How the history names the changes the platform records itself; a grader's reason is kept as typed.
REASONS = {
    "submitted": gettext_lazy("Submitted"),
    "resubmitted": gettext_lazy("Resubmitted"),
    "graded": gettext_lazy("Graded"),
    "regraded": gettext_lazy("Grade changed"),
}
