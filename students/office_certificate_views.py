"""Completion and certificates in the coordinator's office: who qualifies, issuing, revoking,
reinstating, and the record of those decisions."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from diploma.access import coordinated_editions, get_edition_for_coordinator
from students import certificate_pdf, certificates
from students.certificates import CertificateError, normalise_code
from students.completion import AT_THE_END, DURING, Standing, completion_for
from students.forms import ReinstateForm, RevokeForm
from students.models import Certificate, CertificateEvent, Enrolment

COMPLETION_PAGE_SIZE = 50


def _standing_filter(request: HttpRequest) -> str:
    value = request.GET.get("standing", "")
    return value if value in Standing.values else ""


@login_required
@require_GET
def completion(request: HttpRequest, edition: str) -> HttpResponse:
    """Every student of the edition with their standing, a page at a time: a constant number
    of queries. During the edition the standing is judged by what was due by today; after it,
    it is the verdict."""
    edition = get_edition_for_coordinator(request, edition)
    enrolments = list(
        Enrolment.objects.filter(edition=edition, status__in=Enrolment.ACTIVE_STATUSES)
        .select_related("user", "certificate")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    completions = completion_for(edition, enrolments)
    standings = AT_THE_END if edition.has_ended() else DURING
    counts = dict.fromkeys(standings, 0)
    shown = _standing_filter(request)
    issuable, rows = 0, []
    for enrolment in enrolments:
        result = completions[enrolment.pk]
        certificate = getattr(enrolment, "certificate", None)
        counts[result.standing] += 1
        can_issue = result.qualifies and enrolment.status in certificates.ISSUABLE
        issuable += can_issue and certificate is None
        if not shown or result.standing == shown:
            rows.append(
                {
                    "enrolment": enrolment,
                    "name": certificates.full_name_of(enrolment),
                    "completion": result,
                    "grade": result.grade(released_only=True),
                    "certificate": certificate,
                    "can_issue": can_issue and certificate is None,
                }
            )
    page = Paginator(rows, COMPLETION_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "edition": edition,
        "programme": edition.programme,
        "page": page,
        "rows": page.object_list,
        "counts": [(standing, counts[standing]) for standing in standings],
        "total": len(enrolments),
        "issuable": issuable,
        "shown": shown,
        "ended": edition.has_ended(),
    }
    return render(request, "office/certificates/completion.html", context)


def _back_to_completion(edition_slug: str, anchor: str = "") -> HttpResponse:
    url = reverse("office:completion", kwargs={"edition": edition_slug})
    return redirect(f"{url}#{anchor}" if anchor else url)


@login_required
@require_POST
def issue_all(request: HttpRequest, edition: str) -> HttpResponse:
    edition = get_edition_for_coordinator(request, edition)
    result = certificates.issue_many(edition=edition, by=request.user)
    issued = len(result.issued)
    if issued:
        certificate_pdf.prepare_pdfs.enqueue([certificate.pk for certificate in result.issued])
    if issued:
        messages.success(
            request,
            ngettext("%(count)d certificate issued.", "%(count)d certificates issued.", issued)
            % {"count": issued},
        )
    else:
        messages.info(request, _("No new certificate to issue."))
    if result.not_qualifying:
        messages.info(
            request,
            ngettext(
                "%(count)d student does not meet the pass rules yet.",
                "%(count)d students do not meet the pass rules yet.",
                result.not_qualifying,
            )
            % {"count": result.not_qualifying},
        )
    return _back_to_completion(edition.slug)


@login_required
@require_POST
def issue_one(request: HttpRequest, edition: str, enrolment: int) -> HttpResponse:
    edition = get_edition_for_coordinator(request, edition)
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("user", "edition__programme"), edition=edition,
        pk=enrolment,
    )  # fmt: skip
    try:
        certificate = certificates.issue(enrolment=enrolment, by=request.user)
    except CertificateError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Certificate %(code)s issued to %(name)s.")
            % {"code": certificate.display_code, "name": certificate.full_name},
        )
    return _back_to_completion(edition.slug, f"enrolment-{enrolment.pk}")


def _get_certificate_for_coordinator(request: HttpRequest, code: str) -> Certificate:
    editions = coordinated_editions(request.user)
    if not editions.exists():
        raise PermissionDenied
    return get_object_or_404(
        Certificate.objects.select_related(
            "enrolment__user", "enrolment__edition__programme", "issued_by"
        ),
        code=normalise_code(code),
        enrolment__edition__in=editions,
    )


def _events(certificate: Certificate) -> list[CertificateEvent]:
    """The decisions about the certificate, oldest first: one query."""
    return list(certificate.events.select_related("by").order_by("at", "pk"))


def _page(
    request: HttpRequest, template: str, certificate: Certificate, form: forms.Form
) -> HttpResponse:
    context = {
        "certificate": certificate,
        "edition": certificate.enrolment.edition,
        "programme": certificate.enrolment.edition.programme,
        "events": _events(certificate),
        "form": form,
    }
    return render(request, f"office/certificates/{template}.html", context)


@login_required
@require_GET
def certificate_detail(request: HttpRequest, code: str) -> HttpResponse:
    certificate = _get_certificate_for_coordinator(request, code)
    return _page(request, "detail", certificate, RevokeForm())


@login_required
@require_POST
def revoke(request: HttpRequest, code: str) -> HttpResponse:
    certificate = _get_certificate_for_coordinator(request, code)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        return _page(request, "detail", certificate, form)
    try:
        certificates.revoke(
            certificate=certificate, by=request.user, reason=form.cleaned_data["reason"]
        )
    except CertificateError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Certificate %(code)s revoked: its verification page now says so.")
            % {"code": certificate.display_code},
        )
    return redirect("office:certificate-detail", code=certificate.code)


@login_required
@require_http_methods(["GET", "POST"])
def reinstate(request: HttpRequest, code: str) -> HttpResponse:
    """Ask why (GET shows what will happen), then make a revoked certificate valid again."""
    certificate = _get_certificate_for_coordinator(request, code)
    if not certificate.is_revoked:
        messages.info(
            request,
            _("The certificate %(code)s is not revoked: there is nothing to reinstate.")
            % {"code": certificate.display_code},
        )
        return redirect("office:certificate-detail", code=certificate.code)
    form = ReinstateForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            certificates.reinstate(
                certificate=certificate, by=request.user, reason=form.cleaned_data["reason"]
            )
        except CertificateError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Certificate %(code)s reinstated: its verification page says it is valid again.")
                % {"code": certificate.display_code},
            )
        return redirect("office:certificate-detail", code=certificate.code)
    return _page(request, "reinstate", certificate, form)
