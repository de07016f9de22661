"""The certificate as a PDF: an A4 landscape diploma rendered by WeasyPrint from a template.

It is written in the student's preferred language with each sentence repeated, smaller, in the
other language of the platform. PDFs are rendered when first downloaded and kept in the default
storage under a name derived from the certificate's facts, so a changed certificate never
serves an old file.
"""

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.crypto import salted_hmac

from diploma.models import ProgrammePartner
from students.certificates import pdf_folder, verification_url
from students.models import Certificate, StudentProfile

LAYOUT = "1"  # change to render every certificate again after editing the template


def languages_of(certificate: Certificate) -> tuple[str, str]:
    """The main language of the certificate (the student's) and the other one."""
    codes = [code for code, _name in settings.LANGUAGES]
    enrolment = certificate.enrolment
    preferred = (
        StudentProfile.objects.filter(user_id=enrolment.user_id)
        .values_list("preferred_language", flat=True)
        .first()
    )
    main = preferred if preferred in codes else enrolment.edition.programme.language
    main = main if main in codes else codes[0]
    others = [code for code in codes if code != main]
    return main, (others[0] if others else main)


def qr_data_uri(url: str) -> str:
    """A PNG of the QR code (one module is ten pixels), as a data URI for the template."""
    return segno.make(url, error="m").png_data_uri(scale=10, border=4)


def render_html(certificate: Certificate, *, main: str, other: str) -> str:
    edition = certificate.enrolment.edition
    programme = edition.programme
    partners = [
        partnership.institution
        for partnership in ProgrammePartner.objects.filter(programme=programme)
        .exclude(institution_id=programme.host_id)
        .select_related("institution")
        .order_by("order", "id")
    ]
    url = verification_url(certificate)
    context = {
        "certificate": certificate,
        "edition": edition,
        "programme": programme,
        "host": programme.host,
        "partners": list(dict.fromkeys(partners)),
        "signatories": programme.signatory_lines(),
        "show_grade": programme.show_grade_on_certificate and certificate.final_grade is not None,
        "verification_url": url,
        "verify_form_url": settings.SITE_URL + "/verify/",
        "qr": qr_data_uri(url),
        "main": main,
        "other": other if other != main else "",
    }
    with translation.override(main):
        return render_to_string("certificates/pdf.html", context)


def render_pdf(certificate: Certificate, *, main: str = "", other: str = "") -> bytes:
    # Imported on first use: loading WeasyPrint takes about half a second.
    from weasyprint import HTML

    if not main:
        main, other = languages_of(certificate)
    html = render_html(certificate, main=main, other=other)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def _stored_name(certificate: Certificate, main: str) -> str:
    facts = "|".join(
        str(value)
        for value in (
            LAYOUT, main, certificate.issued_at.isoformat(), certificate.full_name,
            certificate.hours, certificate.final_grade, certificate.revoked_at,
        )
    )  # fmt: skip
    digest = salted_hmac("students.certificate_pdf", facts).hexdigest()[:32]
    return f"{pdf_folder(certificate)}/{digest}.pdf"


def pdf_of(certificate: Certificate) -> bytes:
    """The certificate's PDF: read from storage, or rendered and stored the first time."""
    main, other = languages_of(certificate)
    name = _stored_name(certificate, main)
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    content = render_pdf(certificate, main=main, other=other)
    default_storage.save(name, ContentFile(content))
    return content
