"""Taking a quiz in the learning space, without JavaScript: start, answer, save, submit, review.

The page of an attempt in progress is built from plain values (question text, choice labels,
what the student answered): choices are identified by their position in this attempt, so the
page carries nothing about which answer is right. The review shows feedback and the right
answers only when the quiz's feedback setting allows it.
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from courses.models import Question, Quiz
from students import attempts
from students.access import get_module_for_reader
from students.attempt_pages import (
    page_number,
    review_items,
    taking_context,
    unanswered,
)
from students.models import Enrolment, QuizAttempt
from students.quiz_forms import AttemptPageForm, field_name


def get_quiz_for_reader(
    request: HttpRequest, edition: str, module: str, quiz: str
) -> tuple[Quiz, Enrolment | None]:
    """The quiz and the reader's enrolment; students get 404 for a quiz not published or in a
    module not released. Three queries."""
    module, enrolment = get_module_for_reader(request, edition, module)
    quizzes = module.quizzes.all()
    if enrolment is not None:
        if not module.is_released():
            raise Http404(_("This module is not released yet."))
        quizzes = quizzes.filter(is_published=True)
    found = get_object_or_404(quizzes, slug=quiz)
    found.module = module
    return found, enrolment


def _kwargs(quiz: Quiz) -> dict:
    return {"edition": quiz.module.edition.slug, "module": quiz.module.slug, "quiz": quiz.slug}


def _quiz_url(quiz: Quiz) -> str:
    return reverse("learn:quiz-detail", kwargs=_kwargs(quiz))


def _attempt_redirect(quiz: Quiz, attempt: QuizAttempt) -> HttpResponse:
    return redirect("learn:attempt-detail", number=attempt.number, **_kwargs(quiz))


@login_required
@require_GET
def quiz_detail(request: HttpRequest, edition: str, module: str, quiz: str) -> HttpResponse:
    quiz, enrolment = get_quiz_for_reader(request, edition, module, quiz)
    now = timezone.now()
    my_attempts = []
    if enrolment is not None:
        attempts.finish_overdue(quiz=quiz, enrolment=enrolment, now=now)
        my_attempts = list(quiz.attempts.filter(enrolment=enrolment).order_by("number"))
    current = next((a for a in my_attempts if a.status == QuizAttempt.Status.IN_PROGRESS), None)
    totals = quiz.questions.aggregate(count=Count("id"), points=Sum("points"))
    refusal = None
    if enrolment is None:
        refusal = _("You are previewing this quiz: only students take it.")
    elif current is None:
        refusal = _start_refusal(quiz, len(my_attempts), totals["count"], now)
    context = {
        "quiz": quiz,
        "module": quiz.module,
        "edition": quiz.module.edition,
        "enrolment": enrolment,
        "attempts": my_attempts,
        "current": current,
        "refusal": refusal,
        "question_count": totals["count"],
        "page_count": attempts.page_count(totals["count"], quiz.questions_per_page),
        "total_points": totals["points"] or 0,
        "show_score": quiz.score_visible(now),
        "is_open": quiz.is_open(now),
        "quiz_url": _quiz_url(quiz),
        "now": now,
    }
    return render(request, "students/quizzes/detail.html", context)


def _start_refusal(quiz: Quiz, used: int, questions: int, now: dt.datetime) -> str | None:
    if quiz.opens_at and now < quiz.opens_at:
        return _("This quiz is not open yet.")
    if quiz.closes_at and now >= quiz.closes_at:
        return _("This quiz is closed.")
    if used >= quiz.attempts_allowed:
        return _("You have used all the attempts this quiz allows.")
    if not questions:
        return _("This quiz has no questions yet.")
    return None


@login_required
@require_POST
def quiz_start(request: HttpRequest, edition: str, module: str, quiz: str) -> HttpResponse:
    quiz, enrolment = get_quiz_for_reader(request, edition, module, quiz)
    if enrolment is None:
        raise PermissionDenied(_("Only the students of the edition take its quizzes."))
    try:
        attempt = attempts.start_attempt(enrolment=enrolment, quiz=quiz)
    except attempts.AttemptRefused as refused:
        messages.error(request, refused.message)
        return redirect(_quiz_url(quiz))
    return _attempt_redirect(quiz, attempt)


@login_required
@require_http_methods(["GET", "POST"])
def attempt_detail(
    request: HttpRequest, edition: str, module: str, quiz: str, number: int
) -> HttpResponse:
    """The student's attempt: the questions while in progress, the review once submitted."""
    quiz, enrolment = get_quiz_for_reader(request, edition, module, quiz)
    if enrolment is None:
        raise PermissionDenied(_("Only students have attempts."))
    attempt = get_object_or_404(QuizAttempt, enrolment=enrolment, quiz=quiz, number=number)
    attempt.quiz = quiz
    now = timezone.now()
    in_progress = attempt.status == QuizAttempt.Status.IN_PROGRESS
    if request.method == "POST":
        if not in_progress:
            messages.info(request, _("This attempt was already submitted; nothing was changed."))
            return _attempt_redirect(quiz, attempt)
        return _answer(request, quiz, attempt, now)
    if in_progress and attempts.is_overdue(attempt, quiz, now):
        attempts.finish_overdue(quiz=quiz, enrolment=enrolment, now=now)
        messages.warning(
            request, _("Time is up: your attempt was submitted with the answers you had saved.")
        )
        return _attempt_redirect(quiz, attempt)
    questions = attempts.attempt_questions(attempt)
    answers = attempts.attempt_answers(attempt)
    if in_progress:
        context = _page_context(quiz, attempt, now)
        context.update(taking_context(attempt, questions, answers, request.GET.get("page")))
        return render(request, "students/quizzes/attempt.html", context)
    context = {
        "quiz": quiz,
        "module": quiz.module,
        "edition": quiz.module.edition,
        "attempt": attempt,
        "quiz_url": _quiz_url(quiz),
    }
    context["show_feedback"] = quiz.feedback_visible(now)
    context["show_score"] = quiz.score_visible(now)
    context["items"] = review_items(attempt, questions, answers, context["show_feedback"])
    return render(request, "students/quizzes/review.html", context)


def _attempt_page_url(quiz: Quiz, attempt: QuizAttempt, page: int) -> str:
    url = reverse("learn:attempt-detail", kwargs={**_kwargs(quiz), "number": attempt.number})
    return f"{url}?page={page}"


def _posted_questions(request: HttpRequest, questions: list[Question]) -> list[Question]:
    """The questions of the posted form: those it lists as shown.

    A page lists its own questions, so saving it leaves the answers of the other pages alone,
    even if the quiz's number of questions per page changed since the page was sent. A form
    that lists none is the whole attempt.
    """
    shown = set(request.POST.getlist("shown"))
    if not shown:
        return questions
    return [question for question in questions if field_name(question) in shown]


def _answer(
    request: HttpRequest, quiz: Quiz, attempt: QuizAttempt, now: dt.datetime
) -> HttpResponse:
    """Save or submit the posted page; Previous, Next and the page list save, then go there.

    An answer that does not pass its checks is not saved: the page comes back with what was
    typed and why. A submit that leaves questions without an answer asks first, unless the
    time is up: then it submits at once, as the deadline would.
    """
    questions = attempts.attempt_questions(attempt)
    submit = request.POST.get("action") == "submit"
    if submit and request.POST.get("confirm"):
        # The confirmation posts no answers: those of the page were saved when it asked.
        result = attempts.submit_attempt(attempt=attempt, now=now)
        return _after_result(request, quiz, attempt, result)
    form = AttemptPageForm(
        request.POST, attempt=attempt, questions=_posted_questions(request, questions)
    )
    valid = form.is_valid()
    answers = form.answers()
    missing = []
    time_up = attempts.is_time_up(attempt, quiz, now)
    if submit and (valid or time_up):
        # Once time is up, the answers that passed are submitted without asking.
        if not time_up:
            missing = unanswered(questions, {**attempts.attempt_answers(attempt), **answers})
        if not missing:
            result = attempts.submit_attempt(attempt=attempt, answers=answers, now=now)
            return _after_result(request, quiz, attempt, result)
    result = attempts.save_answers(attempt=attempt, answers=answers, now=now)
    if result.outcome != attempts.SAVED:
        return _after_result(request, quiz, attempt, result)
    if not valid:
        return _page_with_errors(request, quiz, attempt, questions, form)
    if missing:
        return _confirm_submit(request, quiz, attempt, questions, missing)
    return _after_saving(request, quiz, attempt, len(questions))


def _after_result(
    request: HttpRequest, quiz: Quiz, attempt: QuizAttempt, result: attempts.Result
) -> HttpResponse:
    """The message for a submitted attempt (or one that could not change), then its page."""
    message = {
        attempts.SUBMITTED: (messages.success, _("Your attempt is submitted.")),
        attempts.ALREADY_SUBMITTED: (
            messages.info,
            _("This attempt was already submitted; nothing was changed."),
        ),
        attempts.TIME_UP: (
            messages.warning,
            _(
                "Time was up before these answers arrived: your attempt was submitted with the "
                "answers saved before the deadline."
            ),
        ),
    }[result.outcome]
    message[0](request, message[1])
    return _attempt_redirect(quiz, attempt)


def _page_context(quiz: Quiz, attempt: QuizAttempt, now: dt.datetime) -> dict:
    context = {
        "quiz": quiz,
        "module": quiz.module,
        "edition": quiz.module.edition,
        "attempt": attempt,
        "quiz_url": _quiz_url(quiz),
        "now": now,
        "deadline": attempts.deadline_of(attempt, quiz),
    }
    if context["deadline"]:
        context["deadline_ms"] = int(context["deadline"].timestamp() * 1000)
    return context


def _page_with_errors(
    request: HttpRequest,
    quiz: Quiz,
    attempt: QuizAttempt,
    questions: list[Question],
    form: AttemptPageForm,
) -> HttpResponse:
    """The posted page again, with what was typed and the answers that were refused."""
    answers = {**attempts.attempt_answers(attempt), **form.typed()}
    errors = {question.pk: form.error_of(question) for question in form.questions}
    context = _page_context(quiz, attempt, timezone.now())
    context.update(
        taking_context(attempt, questions, answers, request.POST.get("page"), errors=errors)
    )
    context["refused"] = [item for item in context["items"] if item["error"]]
    return render(request, "students/quizzes/attempt.html", context)


def _confirm_submit(
    request: HttpRequest,
    quiz: Quiz,
    attempt: QuizAttempt,
    questions: list[Question],
    missing: list[Question],
) -> HttpResponse:
    """Which questions have no answer, with links to their pages: submit anyway, or go back."""
    pages = attempts.paginate(questions, quiz.questions_per_page)
    where, number = {}, 0  # question id: (its number, its page)
    for position, page in enumerate(pages, start=1):
        for question in page:
            number += 1
            where[question.pk] = (number, position)
    paged = len(pages) > 1
    context = _page_context(quiz, attempt, timezone.now())
    context["missing"] = [
        {
            "number": where[question.pk][0],
            "page": where[question.pk][1] if paged else None,
            "url": _attempt_page_url(quiz, attempt, where[question.pk][1]),
        }
        for question in missing
    ]
    back = page_number(request.POST.get("page"), len(pages))
    context["back_url"] = _attempt_page_url(quiz, attempt, back)
    return render(request, "students/quizzes/confirm_submit.html", context)


def _after_saving(
    request: HttpRequest, quiz: Quiz, attempt: QuizAttempt, question_count: int
) -> HttpResponse:
    """Back to the page saved, or on to the page asked for (Previous, Next, a page number)."""
    pages = attempts.page_count(question_count, quiz.questions_per_page)
    if pages == 1:
        messages.success(request, _("Your answers are saved. You can come back later."))
        return _attempt_redirect(quiz, attempt)
    saved = page_number(request.POST.get("page"), pages)
    target = page_number(request.POST.get("goto"), pages) if "goto" in request.POST else saved
    messages.success(request, _("Your answers on page %(number)d are saved.") % {"number": saved})
    return redirect(_attempt_page_url(quiz, attempt, target))
