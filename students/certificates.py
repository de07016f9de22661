"""Issuing, revoking and reinstating certificates.

A certificate is issued only to an enrolment that meets its programme's pass rules (see
students/completion.py); issuing marks the enrolment completed. Its code and what it states
(issue date, name, hours, grade) are fixed once: issuing again returns the same certificate, and
reinstating a revoked one changes only whether it is valid. Each decision is a CertificateEvent
(who, when, why). PDFs are not made here: students/certificate_pdf.py renders one when it is
downloaded.
"""

import string
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from diploma.models import Edition
from students import admissions
from students.completion import Completion, completion_for, completion_of
from students.models import Certificate, CertificateEvent, Enrolment, new_certificate_code

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16
ISSUABLE = (Enrolment.Status.ADMITTED, Enrolment.Status.COMPLETED)
_IGNORED = str.maketrans("", "", "-" + string.whitespace)


class CertificateError(Exception):
    """An issue or a revocation that the rules refuse; `message` is meant for a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def normalise_code(text: str) -> str:
    """A code as typed from paper (any case, with dashes or spaces) as it is stored."""
    return text.translate(_IGNORED).upper()


def is_well_formed(code: str) -> bool:
    return len(code) == CODE_LENGTH and all(char in CODE_ALPHABET for char in code)


def verification_url(certificate: Certificate) -> str:
    """The public address printed on the certificate and encoded in its QR code."""
    return settings.SITE_URL + reverse("verify:certificate", kwargs={"code": certificate.code})


def pdf_folder(certificate: Certificate) -> str:
    """Where the certificate's rendered PDFs are kept: a name that the code does not reveal."""
    digest = salted_hmac("students.certificates.pdf", certificate.code).hexdigest()[:32]
    return f"certificates/{digest}"


def forget_pdfs(certificate: Certificate) -> None:
    folder = pdf_folder(certificate)
    if not default_storage.exists(folder):
        return
    for name in default_storage.listdir(folder)[1]:
        default_storage.delete(f"{folder}/{name}")


# Bidirectional embeddings, overrides, isolates and marks: on a printed line they can reorder
# what is shown, so that the name read on paper differs from the one verified online.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_NO_BIDI = str.maketrans("", "", BIDI_CONTROLS)


def printable_name(text: str) -> str:
    """A name as a certificate prints it: without bidirectional controls, spaces collapsed."""
    return " ".join(text.translate(_NO_BIDI).split())


def full_name_of(enrolment: Enrolment) -> str:
    user = enrolment.user
    return printable_name(user.get_full_name()) or printable_name(user.get_username())


def _facts(completion: Completion) -> dict:
    return {
        "full_name": full_name_of(completion.enrolment),
        "hours": completion.certificate_hours,
        "final_grade": completion.verdict_grade.value if completion.has_grades else None,
    }


def _missing(completion: Completion) -> str:
    return "; ".join(f"{rule.label}: {rule.missing}" for rule in completion.unmet)


def _log(
    by: AbstractBaseUser | None, certificates: list[Certificate], flag: int, message: str
) -> None:
    """An entry in the admin's history of each certificate: who issued or revoked it, and why."""
    if by is not None and certificates:
        LogEntry.objects.log_actions(
            user_id=by.pk, queryset=certificates, action_flag=flag, change_message=message
        )


def _lock(enrolment: Enrolment) -> None:
    """Serialise issuing in the enrolment's edition and reload the enrolment's status."""
    Edition.objects.select_for_update(of=("self",)).filter(pk=enrolment.edition_id).first()
    enrolment.refresh_from_db(fields=["status", "decided_at"])


def _complete(enrolment: Enrolment, by: AbstractBaseUser | None) -> None:
    if enrolment.status == Enrolment.Status.ADMITTED:
        admissions.mark_completed(enrolment=enrolment, by=by, note=_("Certificate issued."))


def issue(*, enrolment: Enrolment, by: AbstractBaseUser | None) -> Certificate:
    """Issue the enrolment's certificate, or return the one it already holds.

    Refused unless the enrolment meets the pass rules now, and for a revoked certificate:
    reinstating one is a decision with its own reason (see `reinstate`).
    """
    with transaction.atomic():
        _lock(enrolment)
        certificate = Certificate.objects.filter(enrolment=enrolment).first()
        if certificate is not None and certificate.is_revoked:
            raise CertificateError(
                _("The certificate %(code)s was revoked: reinstate it from its page, saying why.")
                % {"code": certificate.display_code}
            )
        if certificate is not None:
            return certificate
        if enrolment.status not in ISSUABLE:
            raise CertificateError(
                _("An enrolment that is %(status)s cannot receive a certificate.")
                % {"status": Enrolment.Status(enrolment.status).label.lower()}
            )
        completion = completion_of(enrolment)
        if not completion.qualifies:
            raise CertificateError(
                _("%(name)s does not meet the pass rules yet. %(missing)s")
                % {"name": full_name_of(enrolment), "missing": _missing(completion)}
            )
        _complete(enrolment, by)
        now = timezone.now()
        certificate = Certificate.objects.create(
            enrolment=enrolment, issued_at=now, issued_by=by, **_facts(completion)
        )
        CertificateEvent.objects.create(
            certificate=certificate, kind=CertificateEvent.Kind.ISSUE, by=by, at=now
        )
        _log(by, [certificate], ADDITION, _("Issued."))
    return certificate


@dataclass
class IssueResult:
    issued: list[Certificate] = field(default_factory=list)
    already_held: int = 0
    not_qualifying: int = 0


def _fresh_codes(count: int) -> list[str]:
    """`count` new codes that no certificate uses yet (a clash of 80-bit codes is a freak)."""
    codes: set[str] = set()
    while len(codes) < count:
        drawn = {new_certificate_code() for _ in range(count - len(codes))} - codes
        taken = set(Certificate.objects.filter(code__in=drawn).values_list("code", flat=True))
        codes |= drawn - taken
    return list(codes)


def issue_many(*, edition: Edition, by: AbstractBaseUser | None) -> IssueResult:
    """Issue certificates to every qualifying enrolment of the edition without one.

    Revoked certificates stay revoked: reinstating one is a decision taken one by one. The pass
    rules are read for the whole edition at once; the certificates are inserted in bulk.
    """
    result = IssueResult()
    with transaction.atomic():
        Edition.objects.select_for_update(of=("self",)).filter(pk=edition.pk).first()
        enrolments = list(
            Enrolment.objects.filter(edition=edition, status__in=ISSUABLE)
            .select_related("user", "certificate")
            .order_by("user__last_name", "user__first_name", "pk")
        )
        candidates = []
        for enrolment in enrolments:
            if hasattr(enrolment, "certificate"):
                result.already_held += 1
            else:
                candidates.append(enrolment)
        completions = completion_for(edition, candidates)
        qualifying = [e for e in candidates if completions[e.pk].qualifies]
        result.not_qualifying = len(candidates) - len(qualifying)
        now = timezone.now()
        certificates = []
        for enrolment, code in zip(qualifying, _fresh_codes(len(qualifying)), strict=True):
            _complete(enrolment, by)
            certificates.append(
                Certificate(
                    enrolment=enrolment, code=code, issued_at=now, issued_by=by,
                    **_facts(completions[enrolment.pk]),
                )
            )  # fmt: skip
        result.issued = Certificate.objects.bulk_create(certificates)
        CertificateEvent.objects.bulk_create(
            CertificateEvent(
                certificate=certificate, kind=CertificateEvent.Kind.ISSUE, by=by, at=now
            )
            for certificate in result.issued
        )
        _log(by, result.issued, ADDITION, _("Issued with the edition's other certificates."))
    return result


def _reason(reason: str, message: str) -> str:
    reason = reason.strip()
    if not reason:
        raise CertificateError(message)
    return reason


def revoke(*, certificate: Certificate, by: AbstractBaseUser | None, reason: str) -> Certificate:
    """Revoke a certificate: its verification page says so from now on.

    The reason is kept for coordinators and administrators; it is never shown publicly. The
    stored PDFs are deleted once the revocation is committed.
    """
    reason = _reason(reason, _("Say why the certificate is revoked."))
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.is_revoked:
            raise CertificateError(
                _("The certificate %(code)s is already revoked.")
                % {"code": certificate.display_code}
            )
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = reason
        certificate.save(update_fields=["revoked_at", "revoked_reason"])
        CertificateEvent.objects.create(
            certificate=certificate, kind=CertificateEvent.Kind.REVOKE, by=by,
            at=certificate.revoked_at, reason=reason,
        )  # fmt: skip
        _log(by, [certificate], CHANGE, _("Revoked: %(reason)s") % {"reason": reason})
        transaction.on_commit(lambda: forget_pdfs(certificate), robust=True)
    return certificate


def reinstate(*, certificate: Certificate, by: AbstractBaseUser | None, reason: str) -> Certificate:
    """Make a revoked certificate valid again, with the same code and the same facts.

    The issue date, the revocation and its reason stay on record; the verification page says
    from which day the certificate is valid again.
    """
    reason = _reason(reason, _("Say why the certificate is reinstated."))
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if not certificate.is_revoked:
            raise CertificateError(
                _("The certificate %(code)s is not revoked: there is nothing to reinstate.")
                % {"code": certificate.display_code}
            )
        certificate.reinstated_at = timezone.now()
        certificate.save(update_fields=["reinstated_at"])
        CertificateEvent.objects.create(
            certificate=certificate, kind=CertificateEvent.Kind.REINSTATE, by=by,
            at=certificate.reinstated_at, reason=reason,
        )  # fmt: skip
        _log(by, [certificate], CHANGE, _("Reinstated: %(reason)s") % {"reason": reason})
    return certificate
