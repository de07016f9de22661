"""Public verification of certificates: a form, a page, JSON and an Open Badges 2.0 assertion.

Each shows what the certificate states and nothing more: no e-mail address, no other
certificate of the same person, no reason for a revocation. Lookups are limited per IP address.
"""

import hashlib
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_ratelimit.core import is_ratelimited

from diploma.models import Programme
from students.certificates import is_well_formed, normalise_code, verification_url
from students.models import Certificate

DEFAULT_RATE = "30/m"
OPEN_BADGES = "https://w3id.org/openbadges/v2"
RECIPIENT_PROFILE = "https://openbadgespec.org/extensions/recipientProfile/context.json"


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Certificate code"),
        max_length=40,
        help_text=gettext_lazy(
            "The 16 letters and digits printed under the QR code, for example ABCD-EFGH-JKLM-NPQR."
            " Dashes, spaces and capitals do not matter."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not is_well_formed(code):
            raise forms.ValidationError(
                _(
                    "A certificate code has 16 letters and digits (without 0, 1, I or O), "
                    "for example ABCD-EFGH-JKLM-NPQR."
                )
            )
        return code


def _rate() -> str:
    return getattr(settings, "CERTIFICATE_LOOKUP_RATE", DEFAULT_RATE)


def _limited(request: HttpRequest) -> bool:
    return is_ratelimited(request, group="verify", key="ip", rate=_rate(), increment=True)


def _canonical(code: str) -> str | None:
    """The code as stored, or None when it cannot be a code at all."""
    canonical = normalise_code(code)
    return canonical if is_well_formed(canonical) else None


def _find(code: str | None, *related: str) -> Certificate | None:
    if code is None:
        return None
    return (
        Certificate.objects.select_related("enrolment__edition__programme__host", *related)
        .filter(code=code)
        .first()
    )


def public_facts(certificate: Certificate) -> dict:
    """What the certificate states, for the page and the JSON: nothing else.

    Its state is the current one and the day it began (issued, revoked or reinstated on); the
    earlier decisions and every reason stay in the office.
    """
    edition = certificate.enrolment.edition
    programme = edition.programme
    revoked, reinstated = certificate.is_revoked, certificate.is_reinstated
    facts = {
        "code": certificate.display_code,
        "status": "revoked" if revoked else "valid",
        "status_since": timezone.localdate(certificate.state_since),
        "revoked_on": timezone.localdate(certificate.revoked_at) if revoked else None,
        "reinstated_on": timezone.localdate(certificate.reinstated_at) if reinstated else None,
        "name": certificate.full_name,
        "programme": programme.title,
        "issuer": programme.host.name,
        "edition": edition.name,
        "starts_on": edition.starts_on,
        "ends_on": edition.ends_on,
        "hours": certificate.hours,
        "issued_on": timezone.localdate(certificate.issued_at),
        "url": verification_url(certificate),
    }
    if programme.show_grade_on_certificate and certificate.final_grade is not None:
        facts["final_grade"] = f"{certificate.final_grade}"
        facts["grading_scale"] = f"0-{programme.max_grade}"
    return facts


def _too_many(request: HttpRequest, *, as_json: bool = False) -> HttpResponse:
    if as_json:
        response = JsonResponse({"error": "too_many_requests"}, status=429)
    else:
        response = render(request, "verify/too_many.html", {"rate": _rate()}, status=429)
    response["Retry-After"] = "60"
    return response


def _open(response: HttpResponse) -> HttpResponse:
    """Let pages elsewhere (badge displayers, HR systems) read the JSON."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def form(request: HttpRequest) -> HttpResponse:
    verify = VerifyForm(request.GET or None)
    if verify.is_bound and verify.is_valid():
        return redirect("verify:certificate", code=verify.cleaned_data["code"])
    return render(request, "verify/form.html", {"form": verify})


@require_GET
@never_cache
def certificate(request: HttpRequest, code: str) -> HttpResponse:
    canonical = _canonical(code)
    if canonical and canonical != code:
        return redirect("verify:certificate", code=canonical, permanent=True)
    if _limited(request):
        return _too_many(request)
    found = _find(canonical)
    if found is None:
        context = {"code": code, "form": VerifyForm(initial={"code": code})}
        return render(request, "verify/not_found.html", context, status=404)
    return render(request, "verify/certificate.html", {"facts": public_facts(found)})


def _json_dates(facts: dict) -> dict:
    return {
        key: value.isoformat() if hasattr(value, "isoformat") else value
        for key, value in facts.items()
    }


@require_GET
@never_cache
def certificate_json(request: HttpRequest, code: str) -> HttpResponse:
    canonical = _canonical(code)
    if canonical and canonical != code:
        return redirect("verify:certificate-json", code=canonical, permanent=True)
    if _limited(request):
        return _open(_too_many(request, as_json=True))
    found = _find(canonical)
    if found is None:
        return _open(JsonResponse({"error": "not_found"}, status=404))
    return _open(JsonResponse(_json_dates(public_facts(found))))


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _recipient(certificate: Certificate) -> dict:
    """The holder, as Open Badges 2.0 wants: a salted hash of their e-mail address."""
    salt = salted_hmac("students.verify.badge", certificate.code).hexdigest()[:16]
    email = certificate.enrolment.user.email.strip().lower()
    kind, identity = ("email", email) if email else ("url", verification_url(certificate))
    digest = hashlib.sha256((identity + salt).encode()).hexdigest()
    return {"type": kind, "hashed": True, "salt": salt, "identity": f"sha256${digest}"}


def _badge_json(data: dict, status: int = 200) -> HttpResponse:
    response = JsonResponse(data, status=status, content_type="application/ld+json")
    return _open(response)


@require_GET
@never_cache
def badge(request: HttpRequest, code: str) -> HttpResponse:
    """The hosted Open Badges 2.0 assertion of a certificate; 410 Gone once revoked."""
    canonical = _canonical(code)
    if canonical and canonical != code:
        return redirect("verify:badge", code=canonical, permanent=True)
    if _limited(request):
        return _open(_too_many(request, as_json=True))
    found = _find(canonical, "enrolment__user")
    if found is None:
        return _open(JsonResponse({"error": "not_found"}, status=404))
    assertion_id = _absolute(reverse("verify:badge", kwargs={"code": found.code}))
    if found.is_revoked:
        gone = {"@context": OPEN_BADGES, "id": assertion_id, "type": "Assertion", "revoked": True}
        return _badge_json(gone, status=410)
    programme = found.enrolment.edition.programme
    return _badge_json(
        {
            "@context": OPEN_BADGES,
            "type": "Assertion",
            "id": assertion_id,
            "recipient": _recipient(found),
            "badge": _absolute(reverse("verify:badge-class", kwargs={"slug": programme.slug})),
            "verification": {"type": "hosted"},
            "issuedOn": found.issued_at.isoformat(),
            "evidence": verification_url(found),
            "extensions:recipientProfile": {
                "@context": RECIPIENT_PROFILE,
                "type": ["Extension", "extensions:RecipientProfile"],
                "name": found.full_name,
            },
        }
    )


def _programme(slug: str) -> Programme:
    """A published programme, or one whose certificates still need their badge."""
    programmes = Programme.objects.filter(
        Q(is_published=True) | Q(editions__enrolments__certificate__isnull=False)
    ).select_related("host")
    found = programmes.filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def _criteria(programme: Programme) -> str:
    rules = [
        _("earn at least %(hours)d hours in lessons and live sessions")
        % {"hours": programme.required_hours},
        _("attend at least %(share)d%% of the live sessions") % {"share": programme.min_attendance},
        _("reach a final grade of at least %(grade)s out of %(scale)s")
        % {"grade": formats.number_format(programme.pass_grade), "scale": programme.max_grade},
    ]
    if programme.require_all_required_modules:
        rules.append(_("pass every required module"))
    return _("To earn this diploma a student must %(rules)s.") % {"rules": "; ".join(rules)}


@require_GET
def badge_class(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    with translation.override(programme.language):
        criteria = _criteria(programme)
    return _badge_json(
        {
            "@context": OPEN_BADGES,
            "type": "BadgeClass",
            "id": _absolute(reverse("verify:badge-class", kwargs={"slug": programme.slug})),
            "name": programme.title,
            "description": programme.summary,
            "image": _absolute(static("img/logo.svg")),
            "criteria": {"id": _absolute(programme.get_absolute_url()), "narrative": criteria},
            "issuer": _absolute(reverse("verify:issuer", kwargs={"slug": programme.slug})),
        }
    )


@require_GET
def issuer(request: HttpRequest, slug: str) -> HttpResponse:
    """The host institution as the badge's issuer; its assertions are hosted on this site."""
    host = _programme(slug).host
    site = urlsplit(settings.SITE_URL)
    return _badge_json(
        {
            "@context": OPEN_BADGES,
            "type": "Issuer",
            "id": _absolute(reverse("verify:issuer", kwargs={"slug": slug})),
            "name": host.name,
            "url": host.website or settings.SITE_URL,
            "verification": {"type": "hosted", "allowedOrigins": [site.netloc]},
        }
    )
