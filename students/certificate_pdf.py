"""The certificate as a PDF: an A4 landscape diploma rendered by WeasyPrint from a template.

It is written in the programme's language with each sentence repeated, smaller, in the other
language of the platform. Each sentence is composed entirely in its own language (words, dates
and numbers), whatever the language of the request that asks for it: the file is the same for
everyone who downloads it. PDFs are rendered when first downloaded and kept in the default
storage under a name derived from the certificate's facts, so a changed certificate never
serves an old file.
"""

from decimal import Decimal

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from diploma.background import background_task
from diploma.models import Programme, ProgrammePartner
from students.certificates import pdf_folder, printable_name, verification_url
from students.models import Certificate

LAYOUT = "3"  # change to render every certificate again after editing the template


def languages_of(certificate: Certificate) -> tuple[str, str]:
    """The programme's language, first on the diploma, and the other language of the site."""
    codes = [code for code, _name in settings.LANGUAGES]
    main = certificate.enrolment.edition.programme.language
    main = main if main in codes else codes[0]
    others = [code for code in codes if code != main]
    return main, (others[0] if others else main)


def _number(value: int | Decimal) -> str:
    """A number as the active language writes it (16,50 in Spanish, 16.50 in English)."""
    return formats.number_format(value, use_l10n=True)


def _facts_sentence(certificate: Certificate, programme: Programme, show_grade: bool) -> str:
    edition = certificate.enrolment.edition
    sentence = _(
        "edition %(edition)s, from %(start)s to %(end)s, with a total of %(hours)s hours"
    ) % {
        "edition": edition.name,
        "start": formats.date_format(edition.starts_on, "DATE_FORMAT"),
        "end": formats.date_format(edition.ends_on, "DATE_FORMAT"),
        "hours": _number(certificate.hours),
    }
    if show_grade:
        sentence += ", " + _("and a final grade of %(grade)s out of %(scale)s") % {
            "grade": _number(certificate.final_grade),
            "scale": _number(programme.max_grade),
        }
    return sentence + "."


def sentences(certificate: Certificate, language: str, *, show_grade: bool) -> dict[str, str]:
    """Every sentence of the diploma in one language, dates and numbers included."""
    programme = certificate.enrolment.edition.programme
    with translation.override(language):
        issued_on = formats.date_format(timezone.localdate(certificate.issued_at), "DATE_FORMAT")
        return {
            "title": pgettext("title of a certificate", "Diploma"),
            "partnership": _("in partnership with"),
            "certifies": _("%(host)s certifies that") % {"host": programme.host.short_name},
            "completed": _("has successfully completed the postgraduate diploma"),
            "facts": _facts_sentence(certificate, programme, show_grade),
            "code": _("Verification code"),
            "check": _("Check this certificate at"),
            "issued": _("Issued on %(date)s") % {"date": issued_on},
        }


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
    show_grade = programme.show_grade_on_certificate and certificate.final_grade is not None
    context = {
        "certificate": certificate,
        # Certificates issued before names were cleaned on issue may still carry controls.
        "full_name": printable_name(certificate.full_name),
        "edition": edition,
        "programme": programme,
        "host": programme.host,
        "partners": list(dict.fromkeys(partners)),
        "signatories": programme.signatory_lines(),
        "verification_url": url,
        "qr": qr_data_uri(url),
        "main": main,
        "other": other,
        "text": sentences(certificate, main, show_grade=show_grade),
        "translation": (
            sentences(certificate, other, show_grade=show_grade) if other != main else None
        ),
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
            certificate.hours, certificate.final_grade,
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


@background_task
def prepare_pdfs(certificate_ids: list[int]) -> int:
    """Render and store the PDFs of newly issued certificates, so that each download is
    served from storage at once; the number rendered."""
    certificates = Certificate.objects.filter(pk__in=certificate_ids).select_related(
        "enrolment__edition__programme__host"
    )
    for certificate in certificates:
        pdf_of(certificate)
    return len(certificates)
