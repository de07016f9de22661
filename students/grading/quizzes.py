"""Grading in the teaching workspace: the assessments overview with what waits to be graded,
quiz attempts, essays graded by hand with their history, and releasing a module's grades.

Submissions of assignments are graded in assignments.py beside this file.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, OuterRef, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.access import get_module_for_instructor, get_quiz
from courses.models import Module, Question
from diploma.queries import count_of
from students import attempts, submissions
from students.access import can_read_grade_history, check_grade_history_reader
from students.grading.forms import EssayGradeForm
from students.models import AttemptAnswer, QuizAttempt, Submission
from students.submissions import release_module

Kind = Question.Kind


@login_required
@require_GET
def overview(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    quiz_list = module.quizzes.annotate(
        question_count=count_of(Question.objects.filter(quiz=OuterRef("pk"))),
        attempt_count=count_of(QuizAttempt.objects.filter(quiz=OuterRef("pk"))),
        to_grade=count_of(
            QuizAttempt.objects.filter(quiz=OuterRef("pk"), status=QuizAttempt.Status.SUBMITTED)
        ),
    ).order_by("opens_at", "id")
    assignment_list = module.assignments.annotate(
        submission_count=count_of(Submission.objects.filter(assignment=OuterRef("pk"))),
        to_grade=count_of(
            Submission.objects.filter(assignment=OuterRef("pk"), points__isnull=True)
        ),
    ).order_by("due_at", "id")
    context = {
        "module": module,
        "edition": module.edition,
        "quizzes": list(quiz_list),
        "assignments": list(assignment_list),
        "now": timezone.now(),
    }
    return render(request, "courses/assess/overview.html", context)


@login_required
@require_POST
def module_release(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module, lead_only=True)
    released = request.POST.get("release") == "1"
    release_module(module=module, released=released)
    if released:
        messages.success(request, _("The module's grades are released: students see them now."))
    else:
        messages.info(request, _("The module's grades are hidden from students again."))
    return redirect("assess:overview", edition=module.edition.slug, module=module.slug)


@login_required
@require_GET
def quiz_attempts(request: HttpRequest, edition: str, module: str, quiz: str) -> HttpResponse:
    """Attempts of the quiz: those waiting for an essay to be graded first."""
    module = get_module_for_instructor(request, edition, module)
    quiz = get_quiz(module, quiz)
    waiting = Case(When(status=QuizAttempt.Status.SUBMITTED, then=Value(0)), default=Value(1))
    attempt_list = list(
        quiz.attempts.select_related("enrolment__user")
        .order_by(waiting, "-submitted_at", "enrolment__user__last_name", "number")
        .only(
            "number", "status", "started_at", "deadline_at", "submitted_at", "score",
            "max_score", "quiz_id", "enrolment__user__username", "enrolment__user__first_name",
            "enrolment__user__last_name",
        )
    )  # fmt: skip
    now = timezone.now()
    for attempt in attempt_list:
        in_progress = attempt.status == QuizAttempt.Status.IN_PROGRESS
        attempt.overdue = in_progress and attempts.is_overdue(attempt, quiz, now)
    context = {
        "module": module,
        "edition": module.edition,
        "quiz": quiz,
        "attempts": attempt_list,
        "overdue": sum(attempt.overdue for attempt in attempt_list),
        "to_grade": sum(a.status == QuizAttempt.Status.SUBMITTED for a in attempt_list),
    }
    return render(request, "courses/assess/quiz_attempts.html", context)


@login_required
@require_POST
def attempts_finish(request: HttpRequest, edition: str, module: str, quiz: str) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    quiz = get_quiz(module, quiz)
    count = attempts.finish_overdue(quiz=quiz)
    messages.success(
        request,
        _("%(count)d attempt past its time limit was submitted with its saved answers.")
        % {"count": count},
    )
    return redirect("assess:quiz-attempts", edition=edition, module=module.slug, quiz=quiz.slug)


def _attempt_items(attempt: QuizAttempt) -> list[dict]:
    """The attempt's questions in its order, each with its answer and its choices marked
    picked or not: three queries."""
    answers = attempts.attempt_answers(attempt)
    items = []
    for question in attempts.attempt_questions(attempt):
        answer = answers.get(question.pk)
        picked = answer.picked if answer else set()
        choices = [(choice, choice.pk in picked) for choice in question.choice_list]
        items.append({"question": question, "answer": answer, "choices": choices})
    return items


def _graded_by_hand(item: dict) -> bool:
    """An essay the student answered: a blank one scored zero on submission."""
    answer = item["answer"]
    return item["question"].kind == Kind.ESSAY and answer is not None and bool(answer.text.strip())


def _get_attempt(module: Module, quiz: str, attempt: int) -> QuizAttempt:
    quiz = get_quiz(module, quiz)
    found = get_object_or_404(quiz.attempts.select_related("enrolment__user"), pk=attempt)
    found.quiz = quiz
    return found


@login_required
@require_http_methods(["GET", "POST"])
def attempt_grade(
    request: HttpRequest, edition: str, module: str, quiz: str, attempt: int
) -> HttpResponse:
    """Grade by hand the essays of one attempt, seeing the whole attempt."""
    module = get_module_for_instructor(request, edition, module)
    attempt = _get_attempt(module, quiz, attempt)
    items = _attempt_items(attempt)
    essays = [item for item in items if _graded_by_hand(item)]
    form = EssayGradeForm(request.POST or None, items=essays)
    if attempt.status == QuizAttempt.Status.IN_PROGRESS:
        messages.info(request, _("This attempt is still in progress."))
    elif request.method == "POST" and form.is_valid():
        reason = form.cleaned_data.get("reason", "")
        try:
            attempts.grade_by_hand(
                attempt=attempt, grades=form.grades(), by=request.user, reason=reason
            )
        except attempts.GradeRefused as refused:
            form.add_error("reason" if "reason" in form.fields else None, refused.message)
        else:
            messages.success(request, _("The attempt is graded."))
            return _after_grading(request, attempt)
    context = {
        "module": module,
        "edition": module.edition,
        "quiz": attempt.quiz,
        "attempt": attempt,
        "student": attempt.enrolment.user,
        "items": items,
        "form": form,
        "has_essays": bool(essays),
        "can_see_history": can_read_grade_history(request.user, module),
    }
    return render(request, "courses/assess/attempt_grade.html", context)


def _after_grading(request: HttpRequest, attempt: QuizAttempt) -> HttpResponse:
    """Back to the attempts, or on to the next attempt of the quiz whose essays wait, in the
    order of the attempts page."""
    quiz = attempt.quiz
    back = ("assess:quiz-attempts", quiz.module.edition.slug, quiz.module.slug, quiz.slug)
    if "next" not in request.POST:
        return redirect(*back)
    waiting = (
        quiz.attempts.filter(status=QuizAttempt.Status.SUBMITTED)
        .exclude(pk=attempt.pk)
        .order_by("-submitted_at", "enrolment__user__last_name", "number", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    if waiting is None:
        messages.info(
            request, _("No other attempt of this quiz waits for its essays to be graded.")
        )
        return redirect(*back)
    return redirect("assess:attempt-grade", *back[1:], waiting)


REASONS = {**submissions.REASONS, attempts.SCORED: gettext_lazy("Scored on submission")}


def _change(record, before, **extra) -> dict:
    reason = record.history_change_reason or ""
    return {
        "record": record,
        "old_points": before.score if before else None,
        "points_changed": before is None or before.score != record.score,
        "reason": REASONS.get(reason, "") or reason,
        "automatic": reason == attempts.SCORED and record.history_user_id is None,
        **extra,
    }


def _state(record) -> tuple:
    """The score and status of an attempt's record; those of an attempt not started yet."""
    return (record.score, record.status) if record else (None, QuizAttempt.Status.IN_PROGRESS)


def _grade_changes(attempt: QuizAttempt) -> list[dict]:
    """Every change of the attempt's answers' grades and of its score, newest first: two
    queries."""
    numbers = {pk: number for number, pk in enumerate(attempt.question_order, start=1)}
    changes, latest = [], {}
    answer_records = (
        AttemptAnswer.history.filter(attempt_id=attempt.pk)
        .select_related("history_user", "question")
        .order_by("history_date", "history_id")
    )
    for record in answer_records:
        before = latest.get(record.id)
        feedback_changed = before is not None and before.feedback != record.feedback
        number = numbers.get(record.question_id)
        changes.append(_change(record, before, number=number, feedback_changed=feedback_changed))
        latest[record.id] = record
    before = None
    attempt_records = (
        QuizAttempt.history.filter(id=attempt.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    for record in attempt_records:
        if _state(record) != _state(before):
            changes.append(_change(record, before, is_total=True))
        before = record
    changes.sort(key=lambda change: change["record"].history_date, reverse=True)
    return changes


@login_required
@require_GET
def attempt_history(
    request: HttpRequest, edition: str, module: str, quiz: str, attempt: int
) -> HttpResponse:
    """Every change of the grades of an attempt: who, when, old and new points, why."""
    module = get_module_for_instructor(request, edition, module)
    check_grade_history_reader(request.user, module)
    attempt = _get_attempt(module, quiz, attempt)
    context = {
        "module": module,
        "edition": module.edition,
        "quiz": attempt.quiz,
        "attempt": attempt,
        "student": attempt.enrolment.user,
        "changes": _grade_changes(attempt),
    }
    return render(request, "courses/assess/attempt_history.html", context)
