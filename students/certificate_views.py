"""The student's certificates, what they still need to earn one, and the PDF download."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from diploma.access import coordinated_editions
from students.certificate_pdf import pdf_of
from students.certificates import normalise_code
from students.completion import Completion, RuleCheck, RuleKey, completion_of
from students.grades import to_scale
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
    graded: bool
    released: bool
    grade: Decimal | None
    passed: bool | None


def _module_rows(completion: Completion) -> list[ModuleRow]:
    rows = []
    programme = completion.programme
    for module_grade in completion.grades.modules:
        module = module_grade.module
        released = all(item.released for item in module_grade.items)
        share = module_grade.final_share
        grade = to_scale(share, programme) if share is not None and released else None
        rows.append(
            ModuleRow(
                title=module.title,
                is_required=module.is_required,
                hours=module.hours,
                graded=bool(module_grade.items),
                released=released,
                grade=grade,
                passed=None if grade is None else grade >= programme.pass_grade,
            )
        )
    return rows


def _visible_rules(completion: Completion) -> tuple[list[RuleCheck], bool]:
    """The rules a student may see, and whether some wait for grades to be released."""
    if completion.grades_released:
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
    rules, pending = _visible_rules(completion)
    certificate = getattr(enrolment, "certificate", None)
    context = {
        "enrolment": enrolment,
        "edition": enrolment.edition,
        "programme": enrolment.edition.programme,
        "completion": completion,
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
