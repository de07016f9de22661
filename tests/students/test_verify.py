"""Public verification: exactly what the certificate states, for anyone, at a limited pace."""

import datetime as dt
import hashlib
from decimal import Decimal
from types import SimpleNamespace

import django_ratelimit.core
import pytest
from django.urls import reverse
from django.utils import timezone

from students.certificates import revoke
from tests import factories as f
from tests.conftest import clear_caches


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def certificate(world):
    return f.CertificateFactory(
        enrolment=world.ana_enrolment, issued_at=timezone.now() - dt.timedelta(days=3),
        issued_by=world.cora, full_name="Ana Lucía Quispe Mamani", hours=120,
        final_grade=Decimal("16.50"),
    )  # fmt: skip


def _page(client, code: str):
    return client.get(reverse("verify:certificate", kwargs={"code": code}))


def test_the_form_sends_a_code_typed_in_lower_case_with_dashes_to_its_page(client, certificate):
    typed = certificate.display_code.lower()
    response = client.get(reverse("verify:form"), {"code": f"  {typed} "})
    assert response.status_code == 302
    assert response["Location"] == reverse("verify:certificate", kwargs={"code": certificate.code})
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Ana Lucía Quispe Mamani" in page.content.decode()


def test_the_form_explains_a_code_that_cannot_exist_and_keeps_it(client):
    response = client.get(reverse("verify:form"), {"code": "hello-0000"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert 'value="hello-0000"' in response.content.decode()


def test_the_form_page_shows_a_form(client):
    response = client.get(reverse("verify:form"))
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()


def test_a_code_with_dashes_or_lower_case_in_the_address_redirects_to_the_canonical_page(
    client, certificate
):
    response = _page(client, certificate.display_code.lower())
    assert response.status_code == 301
    assert response["Location"] == reverse("verify:certificate", kwargs={"code": certificate.code})


def test_the_page_states_what_the_certificate_states(client, certificate, world):
    response = _page(client, certificate.code)
    html = response.content.decode()
    facts = response.context["facts"]
    assert response.status_code == 200
    assert facts["status"] == "valid"
    assert facts["name"] == "Ana Lucía Quispe Mamani"
    assert facts["programme"] == world.programme.title
    assert facts["edition"] == world.edition.name
    assert facts["hours"] == 120
    assert facts["final_grade"] == "16.50"
    assert facts["issued_on"] == timezone.localdate(certificate.issued_at)
    for text in ("Ana Lucía Quispe Mamani", world.programme.title, "16.50", "120"):
        assert text in html
    assert 'data-status="valid"' in html
    assert "noindex" in html
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_the_page_leaks_nothing_else(client, certificate, world):
    other = f.CertificateFactory(
        enrolment__user=world.ana, enrolment__edition=world.other_edition, issued_by=None,
        full_name="Ana Lucía Quispe Mamani", hours=80,
    )  # fmt: skip
    world.ana.email = "ana.quispe@rree.gob.pe"
    world.ana.save()
    html = _page(client, certificate.code).content.decode()
    for private in (
        "ana.quispe@rree.gob.pe", "@example.org", other.code, other.display_code,
        world.other_edition.programme.title, world.ana.username, world.module.title,
        world.ana.profile.organisation, world.ana.profile.position,
    ):  # fmt: skip
        assert private not in html, private
    assert set(_page(client, certificate.code).context["facts"]) == {
        "code", "status", "status_since", "revoked_on", "reinstated_on", "name", "programme",
        "issuer", "edition", "starts_on", "ends_on", "hours", "issued_on", "url", "final_grade",
        "grading_scale",
    }  # fmt: skip


def test_the_grade_appears_only_when_the_programme_prints_it(client, certificate, world):
    world.programme.show_grade_on_certificate = False
    world.programme.save()
    response = _page(client, certificate.code)
    assert "final_grade" not in response.context["facts"]
    assert "16.50" not in response.content.decode()
    data = client.get(reverse("verify:certificate-json", kwargs={"code": certificate.code})).json()
    assert "final_grade" not in data


def test_a_revoked_certificate_says_revoked_with_its_date_and_not_the_reason(
    client, certificate, world
):
    revoke(certificate=certificate, by=world.cora, reason="Plagiarism in the final paper")
    certificate.refresh_from_db()
    response = _page(client, certificate.code)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["facts"]["status"] == "revoked"
    assert response.context["facts"]["revoked_on"] == timezone.localdate(certificate.revoked_at)
    assert 'data-status="revoked"' in html
    assert "Plagiarism" not in html
    data = client.get(reverse("verify:certificate-json", kwargs={"code": certificate.code})).json()
    assert data["status"] == "revoked" and data["revoked_on"]
    assert "Plagiarism" not in str(data)


def test_an_unknown_code_gets_a_clear_not_found_page(client, certificate):
    unknown = "ABCDEFGHJKLMNPQR" if certificate.code != "ABCDEFGHJKLMNPQR" else "ZZZZZZZZZZZZZZZZ"
    response = _page(client, unknown)
    assert response.status_code == 404
    assert response.templates[0].name == "verify/not_found.html"
    assert unknown in response.content.decode()
    garbage = _page(client, "not-a-code")
    assert garbage.status_code == 404
    assert garbage.templates[0].name == "verify/not_found.html"


def test_the_json_states_the_same_facts(client, certificate, world):
    response = client.get(reverse("verify:certificate-json", kwargs={"code": certificate.code}))
    data = response.json()
    assert response["Access-Control-Allow-Origin"] == "*"
    assert data == {
        "code": certificate.display_code,
        "status": "valid",
        "status_since": timezone.localdate(certificate.issued_at).isoformat(),
        "revoked_on": None,
        "reinstated_on": None,
        "name": "Ana Lucía Quispe Mamani",
        "programme": world.programme.title,
        "issuer": world.programme.host.name,
        "edition": world.edition.name,
        "starts_on": world.edition.starts_on.isoformat(),
        "ends_on": world.edition.ends_on.isoformat(),
        "hours": 120,
        "issued_on": timezone.localdate(certificate.issued_at).isoformat(),
        "final_grade": "16.50",
        "grading_scale": "0-20",
        "url": "http://127.0.0.1:8000" + reverse("verify:certificate", args=[certificate.code]),
    }
    missing = client.get(reverse("verify:certificate-json", kwargs={"code": "Z" * 16}))
    assert missing.status_code == 404 and missing.json() == {"error": "not_found"}


def test_the_open_badge_assertion_links_its_badge_class_and_issuer(client, certificate, world):
    world.ana.email = "Ana@Example.org"
    world.ana.save()
    response = client.get(reverse("verify:badge", kwargs={"code": certificate.code}))
    assertion = response.json()
    assert response["Content-Type"].startswith("application/ld+json")
    assert assertion["@context"] == "https://w3id.org/openbadges/v2"
    assert assertion["type"] == "Assertion"
    assert assertion["id"].endswith(reverse("verify:badge", args=[certificate.code]))
    assert assertion["verification"] == {"type": "hosted"}
    recipient = assertion["recipient"]
    expected = hashlib.sha256(("ana@example.org" + recipient["salt"]).encode()).hexdigest()
    assert recipient == {
        "type": "email", "hashed": True, "salt": recipient["salt"],
        "identity": f"sha256${expected}",
    }  # fmt: skip
    assert "ana@example.org" not in response.content.decode().lower()

    badge_class = client.get(assertion["badge"].removeprefix("http://127.0.0.1:8000")).json()
    assert badge_class["type"] == "BadgeClass"
    assert badge_class["id"] == assertion["badge"]
    assert badge_class["name"] == world.programme.title
    assert badge_class["image"] and badge_class["criteria"]["narrative"]
    issuer = client.get(badge_class["issuer"].removeprefix("http://127.0.0.1:8000")).json()
    assert issuer["type"] == "Issuer"
    assert issuer["id"] == badge_class["issuer"]
    assert issuer["name"] == world.programme.host.name
    assert issuer["verification"]["allowedOrigins"] == ["127.0.0.1:8000"]


def test_a_revoked_badge_is_gone(client, certificate, world):
    revoke(certificate=certificate, by=world.cora, reason="Issued by mistake.")
    response = client.get(reverse("verify:badge", kwargs={"code": certificate.code}))
    assert response.status_code == 410
    assert response.json()["revoked"] is True
    assert "mistake" not in response.content.decode()


def test_an_unpublished_programme_without_certificates_has_no_badge(client, world):
    world.programme.is_published = False
    world.programme.save()
    url = reverse("verify:badge-class", kwargs={"slug": world.programme.slug})
    assert client.get(url).status_code == 404


def test_lookups_are_limited_per_address(client, certificate, monkeypatch):
    # One window of the limit throughout: a minute could otherwise turn between the lookups.
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: 1.8e9))
    for _attempt in range(30):
        assert _page(client, certificate.code).status_code == 200
    limited = _page(client, certificate.code)
    assert limited.status_code == 429
    assert limited["Retry-After"] == "60"
    assert "Ana Lucía" not in limited.content.decode()
    json_url = reverse("verify:certificate-json", kwargs={"code": certificate.code})
    assert client.get(json_url).status_code == 429
    other_address = client.get(
        reverse("verify:certificate", kwargs={"code": certificate.code}),
        REMOTE_ADDR="192.0.2.7",
    )
    assert other_address.status_code == 200


def test_guessing_codes_hits_the_limit_too(client, db):
    statuses = [_page(client, f"{n:0>16}".replace("0", "A")).status_code for n in range(31)]
    assert statuses[:30] == [404] * 30
    assert statuses[30] == 429


def test_verification_pages_refuse_post(client, certificate):
    assert client.post(reverse("verify:form")).status_code == 405
    assert client.post(reverse("verify:certificate", args=[certificate.code])).status_code == 405
