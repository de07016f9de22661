"""The evaluation surveys a student answers once: at the end of a module and of the edition.
Only the students of the edition answer (see students.surveys for when a survey opens)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from courses.models import Module
from students import surveys
from students.access import get_module_for_reader, readable_editions
from students.models import Enrolment
from students.survey_forms import SurveyForm

ONLY_STUDENTS = gettext_lazy("The survey is for the students of the edition.")


def _enrolment(request: HttpRequest, edition_slug: str) -> Enrolment:
    """The user's active enrolment in the edition; 404 for an edition they cannot read, 403
    for its instructors, coordinators and staff."""
    edition = get_object_or_404(
        readable_editions(request.user).select_related("programme"), slug=edition_slug
    )
    enrolment = Enrolment.objects.active().filter(user=request.user, edition=edition).first()
    if enrolment is None:
        raise PermissionDenied(ONLY_STUDENTS)
    enrolment.edition = edition
    return enrolment


def _survey(
    request: HttpRequest, enrolment: Enrolment, module: Module | None, *, is_open: bool, **context
) -> HttpResponse:
    context |= {"edition": enrolment.edition, "module": module, "is_open": is_open}
    if surveys.has_answered(enrolment, module=module):
        return render(request, "students/surveys/survey.html", context | {"answered": True})
    statements = surveys.statements_for(enrolment.edition, module=module) if is_open else []
    form = SurveyForm(request.POST or None, statements=statements)
    if request.method == "POST" and statements and form.is_valid():
        try:
            surveys.answer(
                enrolment=enrolment, module=module, scores=form.scores(), texts=form.texts()
            )
        except surveys.AlreadyAnswered:
            messages.info(request, _("You had already answered this survey."))
        else:
            messages.success(request, _("Thank you: your answers were saved."))
        return redirect(request.path)
    return render(request, "students/surveys/survey.html", context | {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def module_survey(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module, enrolment = get_module_for_reader(request, edition, module)
    if enrolment is None:
        raise PermissionDenied(ONLY_STUDENTS)
    module = surveys.module_for_survey(module, enrolment, timezone.now())
    return _survey(
        request, enrolment, module,
        is_open=surveys.module_survey_is_open(module),
        back_url=module.get_absolute_url(),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@login_required
def edition_survey(request: HttpRequest, edition: str) -> HttpResponse:
    enrolment = _enrolment(request, edition)
    return _survey(
        request, enrolment, None,
        is_open=surveys.edition_survey_is_open(enrolment.edition),
        opens_on=surveys.edition_survey_opens_on(enrolment.edition),
        back_url=reverse("learn:dashboard"),
    )  # fmt: skip
