"""The student's certificates, what they still need to earn one, and the PDF download."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from diploma.access import coordinated_editions
from students.certificate_pdf import pdf_of
from students.certificates import normalise_code
from students.completion import Completion, RuleKey, completion_of
from students.grades import GradeSummary
from students.models import Certificate, Enrolment

GRADE_RULES = (RuleKey.GRADE, RuleKey.MODULES)


@login_required
@require_GET
def my_certificates(request: HttpRequest) -> HttpResponse:
    certificates = list(
        Certificate.objects.filter(enrolment__user=request.user)
        .select_related("enrolment__edition__programme")
        .order_by("-issued_at")
    )
    earned = {c.enrolment_id for c in certificates if not c.is_revoked}
    enrolments = [
        enrolment
        for enrolment in Enrolment.objects.active()
        .filter(user=request.user)
        .select_related("edition__programme")
        .order_by("-edition__starts_on", "pk")
        if enrolment.pk not in earned
    ]
    context = {"certificates": certificates, "enrolments": enrolments}
    return render(request, "students/certificates/list.html", context)


@dataclass
class ModuleRow:
    title: str
    is_required: bool
    hours: int
    grade: GradeSummary | None
    """As the student may see it; None when the module has no graded work."""
    passed: bool | None


def _module_rows(completion: Completion) -> list[ModuleRow]:
    programme = completion.programme
    rows = []
    for module_grade in completion.grades.modules:
        module = module_grade.module
        grade = module_grade.summary(
            programme, now=completion.now, ended=completion.ended, released_only=True
        )
        passed = None
        if grade is not None and grade.is_final and grade.value is not None:
            passed = grade.value >= programme.pass_grade
        rows.append(ModuleRow(module.title, module.is_required, module.hours, grade, passed))
    return rows


def _visible_rules(completion: Completion, grade: GradeSummary | None) -> tuple[list, bool]:
    """The rules a student may see, and whether some wait for grades to be released: the
    grade rules show once every graded item is released."""
    if grade is None or all(item.released for m in completion.grades.modules for item in m.items):
        return completion.rules, False
    shown = [rule for rule in completion.rules if rule.key not in GRADE_RULES]
    return shown, len(shown) < len(completion.rules)


@login_required
@require_GET
def requirements(request: HttpRequest, edition: str) -> HttpResponse:
    """What the student still needs for the certificate of one of their editions."""
    enrolment = get_object_or_404(
        Enrolment.objects.active().select_related("edition__programme", "certificate"),
        user=request.user,
        edition__slug=edition,
    )
    completion = completion_of(enrolment)
    grade = completion.grade(released_only=True)
    rules, pending = _visible_rules(completion, grade)
    certificate = getattr(enrolment, "certificate", None)
    context = {
        "enrolment": enrolment,
        "edition": enrolment.edition,
        "programme": enrolment.edition.programme,
        "completion": completion,
        "grade": grade,
        "rules": rules,
        "pending_grades": pending,
        "visible_met": all(rule.met for rule in rules),
        "modules": _module_rows(completion),
        "certificate": certificate,
    }
    return render(request, "students/certificates/requirements.html", context)


def _get_certificate_for_download(request: HttpRequest, code: str) -> Certificate:
    """A valid certificate that the user holds, coordinates the edition of, or (staff) any.

    Anyone else gets a 404, so that the page does not tell whether the code exists.
    """
    certificate = (
        Certificate.objects.valid()
        .select_related("enrolment__edition__programme__host")
        .filter(code=normalise_code(code))
        .first()
    )
    if certificate is None:
        raise Http404
    user = request.user
    if user.is_staff or certificate.enrolment.user_id == user.pk:
        return certificate
    if not coordinated_editions(user).filter(pk=certificate.enrolment.edition_id).exists():
        raise Http404
    return certificate


@login_required
@require_GET
def pdf(request: HttpRequest, code: str) -> HttpResponse:
    certificate = _get_certificate_for_download(request, code)
    response = HttpResponse(pdf_of(certificate), content_type="application/pdf")
    filename = f"certificate-{certificate.display_code}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=0"
    return response
