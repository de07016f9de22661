"""The question bank of a quiz: import GIFT, Aiken or Moodle XML after a preview, export to them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from courses.access import get_module_for_instructor, get_quiz
from courses.assess import authoring
from courses.assess.bank_forms import ConfirmImportForm, ImportForm
from courses.assess.moodle_xml import export_moodle_xml
from courses.assess.question_import import export_aiken, export_gift

TEXT = "text/plain; charset=utf-8"
EXPORTS = {
    "gift": (export_gift, "gift", TEXT),
    "aiken": (export_aiken, "txt", TEXT),
    "xml": (export_moodle_xml, "xml", "application/xml; charset=utf-8"),
}


@login_required
@require_http_methods(["GET", "POST"])
def question_import(request: HttpRequest, edition: str, module: str, quiz: str) -> HttpResponse:
    """Upload or paste questions, see them and every problem with its line, then import all."""
    module = get_module_for_instructor(request, edition, module)
    quiz = get_quiz(module, quiz)
    parsed, confirm = None, None
    if request.method == "POST" and "confirm" in request.POST:
        form = ConfirmImportForm(request.POST)
        if form.is_valid():
            parsed = form.cleaned_data["parsed"]
            if parsed.is_importable:
                try:
                    created = authoring.import_questions(
                        quiz=quiz, questions=parsed.questions, points=form.cleaned_data["points"]
                    )
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    messages.success(
                        request,
                        ngettext(
                            "%(count)d question is imported.",
                            "%(count)d questions are imported.",
                            len(created),
                        )
                        % {"count": len(created)},
                    )
                    return redirect(
                        "assess:quiz-edit", edition=module.edition.slug, module=module.slug,
                        quiz=quiz.slug,
                    )  # fmt: skip
        form = ImportForm(initial=form.data)
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            parsed = form.cleaned_data["parsed"]
            confirm = ConfirmImportForm(
                auto_id=False,
                initial={
                    "format": form.cleaned_data["format"],
                    "text": form.cleaned_data["source"],
                    "points": form.cleaned_data["points"],
                },
            )
    else:
        form = ImportForm(initial={"format": "gift"})
    context = {
        "module": module,
        "edition": module.edition,
        "quiz": quiz,
        "form": form,
        "parsed": parsed,
        "confirm": confirm if parsed and parsed.is_importable else None,
    }
    return render(request, "courses/assess/question_import.html", context)


@login_required
@require_GET
def question_export(
    request: HttpRequest, edition: str, module: str, quiz: str, format: str
) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    quiz = get_quiz(module, quiz)
    if format not in EXPORTS:
        raise Http404(_("Unknown format."))
    export, extension, content_type = EXPORTS[format]
    response = HttpResponse(export(list(authoring.quiz_questions(quiz))), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{quiz.slug}.{extension}"'
    return response
