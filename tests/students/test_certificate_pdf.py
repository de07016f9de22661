"""The PDF diploma: what it says, its QR code, and who may download it."""

import base64
import io
from decimal import Decimal

import pytest
import zxingcpp
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from students.certificate_pdf import pdf_of, qr_data_uri, render_pdf
from students.certificates import pdf_folder, revoke, verification_url
from students.models import Certificate


@pytest.fixture
def certificate(world):
    world.programme.signatories = (
        "Dra. Carmen Valdivia Rojas, Directora de la Escuela de Posgrado\n"
        "Dr. Óscar Salazar Díaz, Coordinador del diploma"
    )
    world.programme.save()
    return Certificate.objects.create(
        enrolment=world.ana_enrolment, issued_at=timezone.now(), issued_by=world.cora,
        full_name="Ana Lucía Quispe Mamani", hours=120, final_grade=Decimal("16.50"),
    )  # fmt: skip


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _decode(image: Image.Image) -> list[str]:
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


def test_the_pdf_states_the_name_code_hours_and_programme(certificate, world):
    content = render_pdf(certificate)
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert box.width > box.height, "A4 landscape"
    text = _text(content)
    for expected in (
        "Ana Lucía Quispe Mamani", certificate.display_code, "120", world.programme.title,
        "Pontificia Universidad Católica del Perú".upper(), "Carmen Valdivia Rojas", "16.50",
        world.edition.name, "International Organization for Migration",
    ):  # fmt: skip
        assert expected in text, expected


def test_the_pdf_leaves_out_the_grade_when_the_programme_does_not_print_it(certificate, world):
    world.programme.show_grade_on_certificate = False
    world.programme.save()
    certificate.refresh_from_db()
    assert "16.50" not in _text(render_pdf(certificate))


def test_the_qr_code_in_the_pdf_decodes_to_the_verification_page(certificate):
    url = verification_url(certificate)
    assert url.endswith(reverse("verify:certificate", kwargs={"code": certificate.code}))
    images = PdfReader(io.BytesIO(render_pdf(certificate))).pages[0].images
    assert [_decode(image.image) for image in images] == [[url]]


def test_the_qr_code_itself_decodes_to_the_url(certificate):
    url = verification_url(certificate)
    data = qr_data_uri(url).split(",", 1)[1]
    image = Image.open(io.BytesIO(base64.b64decode(data)))
    assert _decode(image) == [url]


def test_the_pdf_is_rendered_once_and_then_served_from_storage(certificate, settings):
    first = pdf_of(certificate)
    folder = settings.MEDIA_ROOT / pdf_folder(certificate)
    stored = list(folder.iterdir())
    assert len(stored) == 1
    assert certificate.code not in str(stored[0])
    assert pdf_of(certificate) == first
    assert list(folder.iterdir()) == stored


def test_revoking_deletes_the_stored_pdf(
    certificate, world, settings, django_capture_on_commit_callbacks
):
    pdf_of(certificate)
    with django_capture_on_commit_callbacks(execute=True):
        revoke(certificate=certificate, by=world.cora, reason="Issued by mistake.")
    assert list((settings.MEDIA_ROOT / pdf_folder(certificate)).iterdir()) == []


def _download(client, user, certificate):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(reverse("certificates:pdf", kwargs={"code": certificate.code}))


def test_the_owner_downloads_the_pdf(client, certificate, world):
    response = _download(client, world.ana, certificate)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "Ana Lucía Quispe Mamani" in _text(response.content)


def test_coordinators_and_staff_download_it_too(client, certificate, world):
    assert _download(client, world.cora, certificate).status_code == 200
    assert _download(client, world.root, certificate).status_code == 200


def test_another_student_cannot_download_it(client, certificate, world):
    for outsider in (world.bruno, world.carla, world.ivan, world.pablo):
        assert _download(client, outsider, certificate).status_code == 404, outsider


def test_anonymous_visitors_are_sent_to_log_in(client, certificate):
    response = _download(client, None, certificate)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_revoked_certificate_cannot_be_downloaded(client, certificate, world):
    revoke(certificate=certificate, by=world.cora, reason="Issued by mistake.")
    assert _download(client, world.ana, certificate).status_code == 404
    assert _download(client, world.cora, certificate).status_code == 404


def test_the_download_refuses_post(client, certificate, world):
    client.force_login(world.ana)
    url = reverse("certificates:pdf", kwargs={"code": certificate.code})
    assert client.post(url).status_code == 405
