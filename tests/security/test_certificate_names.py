"""The name printed on a certificate reads as it is verified online: bidirectional controls
cannot reorder it, and an emoji prints as itself."""

import io
import os
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from students.certificate_pdf import render_pdf
from students.certificates import BIDI_CONTROLS, full_name_of, printable_name
from students.models import Certificate

EMOJI_FONT = "Noto Color Emoji"
# "Ana" then a right-to-left override that would print "Quispe" backwards, and every other
# control the certificate removes.
SPOOFED = "Ana \u202eepsiuQ\u202c " + "".join(BIDI_CONTROLS) + "Mamani"


def _emoji_font_installed() -> bool:
    if not shutil.which("fc-list"):
        return False
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    return EMOJI_FONT in listed


def _require_emoji_font() -> None:
    if _emoji_font_installed():
        return
    reason = f'the "{EMOJI_FONT}" font is not installed (Debian: fonts-noto-color-emoji)'
    if os.environ.get("E2E_REQUIRED") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def _certificate(world, full_name: str) -> Certificate:
    return Certificate.objects.create(
        enrolment=world.ana_enrolment, issued_at=timezone.now(), issued_by=world.cora,
        full_name=full_name, hours=120, final_grade=Decimal("16.50"),
    )  # fmt: skip


def _font_names(resources) -> list[str]:
    names = [
        str(font.get_object().get("/BaseFont", "")) for font in resources.get("/Font", {}).values()
    ]
    for xobject in resources.get("/XObject", {}).values():
        inner = xobject.get_object().get("/Resources")
        if inner is not None:
            names += _font_names(inner.get_object())
    return names


def test_the_name_loses_its_bidirectional_controls_and_keeps_the_rest():
    assert printable_name(SPOOFED) == "Ana epsiuQ Mamani"
    assert printable_name("María José 🌎 Ñáñez\u200d") == "María José 🌎 Ñáñez\u200d"


def test_a_name_issued_from_the_account_is_cleaned(world):
    world.ana.first_name, world.ana.last_name = "\u2067Ana\u2069", "Quispe\u200f"
    world.ana.save()
    assert full_name_of(world.ana_enrolment) == "Ana Quispe"


def test_a_name_of_controls_only_falls_back_to_the_username(world):
    world.ana.first_name, world.ana.last_name = "\u202e", "\u200e"
    world.ana.save()
    assert full_name_of(world.ana_enrolment) == "ana"


def test_the_pdf_prints_no_bidirectional_control(world):
    text = PdfReader(io.BytesIO(render_pdf(_certificate(world, SPOOFED)))).pages[0].extract_text()
    assert "Ana epsiuQ Mamani" in text
    assert not set(BIDI_CONTROLS) & set(text)


def test_an_emoji_in_a_name_prints_with_the_colour_emoji_font(world):
    _require_emoji_font()
    content = render_pdf(_certificate(world, "Ana Lucía 🌎 Quispe"))

    page = PdfReader(io.BytesIO(content)).pages[0]
    assert any("Emoji" in name for name in _font_names(page["/Resources"]))
    assert "Ana Lucía 🌎 Quispe" in page.extract_text()


def test_digits_of_a_name_without_emoji_print_in_the_text_font(world):
    _require_emoji_font()
    content = render_pdf(_certificate(world, "Ana Quispe 2º"))

    page = PdfReader(io.BytesIO(content)).pages[0]
    assert not any("Emoji" in name for name in _font_names(page["/Resources"]))
    assert len(page.images) == 1, "the QR code, and no digit drawn as an emoji"
