"""Writing quizzes and their questions in the teaching workspace (/teach/<edition>/<module>/).

Assignments and rubrics live in assignments.py, the question bank's import and export in
bank.py; grading students' work lives in students.grading. Every view fetches the module
through courses.access.get_module_for_instructor: its instructors (lead or guest), its
edition's coordinators, and staff.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from courses.access import get_module_for_instructor, get_quiz
from courses.assess import authoring
from courses.assess.forms import QuestionForm, QuizForm, choice_formset
from courses.models import Module, Question, Quiz

Kind = Question.Kind


def _to_overview(module: Module) -> HttpResponse:
    return redirect("assess:overview", edition=module.edition.slug, module=module.slug)


def _to_quiz(quiz: Quiz) -> HttpResponse:
    module = quiz.module
    return redirect(
        "assess:quiz-edit", edition=module.edition.slug, module=module.slug, quiz=quiz.slug
    )


@login_required
@require_http_methods(["GET", "POST"])
def quiz_create(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    form = QuizForm(request.POST or None, time_zone=module.edition.time_zone)
    if request.method == "POST" and form.is_valid():
        quiz = form.save(commit=False)
        quiz.module = module
        quiz.slug = authoring.unique_slug(module.quizzes.all(), quiz.title, fallback="quiz")
        quiz.save()
        messages.success(request, _("The quiz is created: now add its questions."))
        return _to_quiz(quiz)
    context = {"module": module, "edition": module.edition, "form": form}
    return render(request, "courses/assess/quiz_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def quiz_edit(request: HttpRequest, edition: str, module: str, quiz: str) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    quiz = get_quiz(module, quiz)
    form = QuizForm(request.POST or None, time_zone=module.edition.time_zone, instance=quiz)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The quiz's settings are saved."))
        return _to_quiz(quiz)
    questions = list(authoring.quiz_questions(quiz))
    context = {
        "module": module,
        "edition": module.edition,
        "quiz": quiz,
        "form": form,
        "questions": questions,
        "total_points": sum(question.points for question in questions),
        "kinds": Kind.choices,
    }
    return render(request, "courses/assess/quiz_edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def quiz_delete(request: HttpRequest, edition: str, module: str, quiz: str) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    quiz = get_quiz(module, quiz)
    if request.method == "POST":
        try:
            authoring.delete_quiz(quiz=quiz)
        except authoring.AuthoringError as error:
            messages.error(request, error.message)
            return _to_quiz(quiz)
        messages.success(request, _("The quiz “%(title)s” is deleted.") % {"title": quiz.title})
        return _to_overview(module)
    context = {"module": module, "edition": module.edition, "quiz": quiz}
    return render(request, "courses/assess/quiz_delete.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def question_create(request: HttpRequest, edition: str, module: str, quiz: str) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    quiz = get_quiz(module, quiz)
    kind = request.GET.get("kind", "")
    if kind not in Kind.values:
        context = {"module": module, "edition": module.edition, "quiz": quiz, "kinds": Kind.choices}
        return render(request, "courses/assess/question_kind.html", context)
    return _question_form(request, quiz, Question(quiz=quiz, kind=kind))


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(
    request: HttpRequest, edition: str, module: str, quiz: str, question: int
) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    quiz = get_quiz(module, quiz)
    question = get_object_or_404(quiz.questions.all(), pk=question)
    return _question_form(request, quiz, question)


def _question_form(request: HttpRequest, quiz: Quiz, question: Question) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = QuestionForm(data, instance=question, kind=question.kind)
    uses_choices = question.kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.SHORT)
    formset = choice_formset(question.kind, question, data) if uses_choices else None
    if data is not None and form.is_valid() and (formset is None or formset.is_valid()):
        if question.kind == Kind.TRUE_FALSE:
            choices = form.true_false_choices()
        else:
            choices = formset.choices() if formset else []
        try:
            authoring.save_question(question=form.save(commit=False), choices=choices)
        except authoring.AuthoringError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The question is saved."))
            if "add_another" in request.POST:
                module = quiz.module
                url = redirect(
                    "assess:question-create",
                    edition=module.edition.slug, module=module.slug, quiz=quiz.slug,
                )  # fmt: skip
                url["Location"] += f"?kind={question.kind}"
                return url
            return _to_quiz(quiz)
    context = {
        "module": quiz.module,
        "edition": quiz.module.edition,
        "quiz": quiz,
        "question": question,
        "form": form,
        "formset": formset,
        "kind_label": Kind(question.kind).label,
    }
    return render(request, "courses/assess/question_form.html", context)


@login_required
@require_POST
def question_delete(
    request: HttpRequest, edition: str, module: str, quiz: str, question: int
) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    quiz = get_quiz(module, quiz)
    question = get_object_or_404(quiz.questions.all(), pk=question)
    try:
        authoring.delete_question(question=question)
    except authoring.AuthoringError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The question is deleted."))
    return _to_quiz(quiz)


@login_required
@require_POST
def question_move(
    request: HttpRequest, edition: str, module: str, quiz: str, question: int
) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    quiz = get_quiz(module, quiz)
    question = get_object_or_404(quiz.questions.all(), pk=question)
    authoring.move_question(question=question, up=request.POST.get("direction") == "up")
    return _to_quiz(quiz)
