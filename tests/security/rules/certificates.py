"""Certificates: the student's own area, the office's completion screens, public verification.

The kwargs builders give ana a certificate (issued directly: she need not qualify here) and
clear the per-address limit of verification lookups, which every role's request counts against.
"""

from django.core.cache import cache
from django.utils import timezone

from students.certificates import revoke
from students.models import Certificate
from tests.security.rules import DENY, OK, REDIRECT, Rule, everyone, logged_in


def _certificate(w) -> Certificate:
    cache.clear()
    certificate, _created = Certificate.objects.get_or_create(
        enrolment=w.ana_enrolment,
        defaults={
            "issued_at": timezone.now(), "issued_by": w.cora, "full_name": "Ana Example",
            "hours": 120,
        },
    )  # fmt: skip
    return certificate


def _code(w) -> dict:
    return {"code": _certificate(w).code}


def _revoked_code(w) -> dict:
    certificate = _certificate(w)
    if not certificate.is_revoked:
        revoke(certificate=certificate, by=w.cora, reason="Issued by mistake.")
    return {"code": certificate.code}


def _edition(w) -> dict:
    return {"edition": w.edition.slug}


def _issue_one(w) -> dict:
    return {"edition": w.edition.slug, "enrolment": w.bruno_enrolment.pk}


COORDINATORS = {**logged_in(DENY), "coordinator": OK, "staff": OK}
COORDINATORS_WRITE = {**logged_in(DENY), "coordinator": REDIRECT, "staff": REDIRECT}

RULES = {
    "certificates:list": Rule(expect=logged_in(OK)),
    "certificates:requirements": Rule(kwargs=_edition, expect={**logged_in(DENY), "student": OK}),
    "certificates:pdf": Rule(
        kwargs=_code,
        expect={**logged_in(DENY), "student": OK, "coordinator": OK, "staff": OK},
    ),
    "verify:form": Rule(expect=everyone(OK)),
    "verify:certificate": Rule(kwargs=_code, expect=everyone(OK)),
    "verify:certificate-json": Rule(kwargs=_code, expect=everyone(OK)),
    "verify:badge": Rule(kwargs=_code, expect=everyone(OK)),
    "verify:badge-class": Rule(kwargs=lambda w: {"slug": w.programme.slug}, expect=everyone(OK)),
    "verify:issuer": Rule(kwargs=lambda w: {"slug": w.programme.slug}, expect=everyone(OK)),
    "office:completion": Rule(kwargs=_edition, expect=COORDINATORS),
    "office:certificates-issue": Rule(kwargs=_edition, method="post", expect=COORDINATORS_WRITE),
    "office:certificate-issue": Rule(kwargs=_issue_one, method="post", expect=COORDINATORS_WRITE),
    "office:certificate-detail": Rule(kwargs=_code, expect=COORDINATORS),
    "office:certificate-revoke": Rule(
        kwargs=_code,
        method="post",
        expect=COORDINATORS_WRITE,
        data=lambda w: {"reason": "Issued by mistake."},
    ),
    # GET shows what reinstating would do; the POST is tested in test_certificate_events.py.
    "office:certificate-reinstate": Rule(kwargs=_revoked_code, expect=COORDINATORS),
}
