"""Certificate decisions keep their history: issue, revoke and reinstate, who, when and why."""

import datetime as dt
import importlib
import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from diploma.models import Programme
from students.certificate_pdf import pdf_of
from students.certificates import issue, issue_many, reinstate, revoke
from students.models import Certificate, CertificateEvent
from tests import factories as f
from tests.conftest import clear_caches

Kind = CertificateEvent.Kind
SPANISH_MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "setiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


@pytest.fixture(autouse=True)
def _in_english(client):
    """Messages are checked in English; the PDF must not care about the request's language."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    clear_caches()


@pytest.fixture
def open_rules(world):
    """A programme whose rules everyone meets: no hours, no attendance, no graded work."""
    world.programme.required_hours = 0
    world.programme.min_attendance = 0
    world.programme.save()
    return world


@pytest.fixture
def revoked(open_rules):
    certificate = issue(enrolment=open_rules.ana_enrolment, by=open_rules.cora)
    revoke(certificate=certificate, by=open_rules.cora, reason="The final paper was plagiarised.")
    certificate.refresh_from_db()
    return certificate


def _reinstate_url(certificate: Certificate) -> str:
    return reverse("office:certificate-reinstate", kwargs={"code": certificate.code})


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _history(certificate: Certificate) -> list[tuple]:
    return list(
        certificate.events.order_by("at", "pk").values_list("kind", "by__username", "reason")
    )


# The domain functions record every decision.


def test_it_records_who_issued_revoked_and_reinstated_a_certificate_and_why(open_rules):
    world = open_rules
    before = timezone.now()
    certificate = issue(enrolment=world.ana_enrolment, by=world.cora)
    revoke(certificate=certificate, by=world.cora, reason="Plagiarism.")
    reinstate(certificate=certificate, by=world.root, reason="The appeal was upheld.")
    assert _history(certificate) == [
        (Kind.ISSUE, "cora", ""),
        (Kind.REVOKE, "cora", "Plagiarism."),
        (Kind.REINSTATE, "root", "The appeal was upheld."),
    ]
    times = list(certificate.events.order_by("at", "pk").values_list("at", flat=True))
    assert before <= times[0] <= times[1] <= times[2] <= timezone.now()
    certificate.refresh_from_db()
    assert times[0] == certificate.issued_at
    assert (times[1], times[2]) == (certificate.revoked_at, certificate.reinstated_at)


def test_a_second_revocation_keeps_the_first_on_record(revoked, open_rules):
    world = open_rules
    reinstate(certificate=revoked, by=world.cora, reason="Revoked by mistake.")
    revoke(certificate=revoked, by=world.root, reason="Plagiarism confirmed on appeal.")
    revoked.refresh_from_db()
    assert revoked.is_revoked and not revoked.is_reinstated
    assert [kind for kind, _by, _reason in _history(revoked)] == [
        Kind.ISSUE, Kind.REVOKE, Kind.REINSTATE, Kind.REVOKE,
    ]  # fmt: skip
    assert "The final paper was plagiarised." in [reason for *_rest, reason in _history(revoked)]
    assert not Certificate.objects.valid().exists()


def test_issuing_an_edition_in_bulk_records_one_issue_event_each(open_rules):
    result = issue_many(edition=open_rules.edition, by=open_rules.cora)
    assert len(result.issued) == 2
    events = CertificateEvent.objects.filter(kind=Kind.ISSUE, by=open_rules.cora)
    assert sorted(events.values_list("certificate_id", flat=True)) == sorted(
        certificate.pk for certificate in result.issued
    )


def test_the_migration_gives_existing_certificates_their_history(world):
    now = timezone.now()
    # certificates from before the decisions were recorded: no history yet
    valid = f.CertificateFactory(
        enrolment=world.ana_enrolment, issued_at=now - dt.timedelta(days=90),
        issued_by=world.cora, events=False,
    )  # fmt: skip
    revoked = f.CertificateFactory(
        enrolment=world.bruno_enrolment, issued_at=now - dt.timedelta(days=90),
        issued_by=world.cora, revoked_at=now - dt.timedelta(days=10),
        revoked_reason="Issued by mistake.", events=False,
    )  # fmt: skip
    LogEntry.objects.create(
        user=world.root, content_type=ContentType.objects.get_for_model(Certificate),
        object_id=str(revoked.pk), object_repr=str(revoked), action_flag=CHANGE,
        change_message="Revoked: Issued by mistake.",
    )  # fmt: skip
    migration = importlib.import_module("students.migrations.0003_certificate_events")
    migration.record_past_decisions(apps, connection.schema_editor())
    assert _history(valid) == [(Kind.ISSUE, "cora", "")]
    assert _history(revoked) == [
        (Kind.ISSUE, "cora", ""), (Kind.REVOKE, "root", "Issued by mistake."),
    ]  # fmt: skip
    assert revoked.events.get(kind=Kind.REVOKE).at == revoked.revoked_at
    assert valid.events.get().at == valid.issued_at


# The office: the certificate page lists the decisions; reinstating asks why.


def test_the_certificate_page_lists_the_decisions(client, revoked, open_rules):
    client.force_login(open_rules.cora)
    page = client.get(reverse("office:certificate-detail", kwargs={"code": revoked.code}))
    html = page.content.decode()
    assert [event.kind for event in page.context["events"]] == [Kind.ISSUE, Kind.REVOKE]
    assert 'data-event="issue"' in html and 'data-event="revoke"' in html
    assert "The final paper was plagiarised." in html
    assert _reinstate_url(revoked) in html
    completion = client.get(
        reverse("office:completion", kwargs={"edition": revoked.enrolment.edition.slug})
    )
    assert _reinstate_url(revoked) in completion.content.decode()


def test_looking_at_the_reinstate_page_changes_nothing(client, revoked, open_rules):
    client.force_login(open_rules.cora)
    response = client.get(_reinstate_url(revoked))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="reason"' in html and "<label" in html
    assert "The final paper was plagiarised." in html
    assert revoked.full_name in html
    revoked.refresh_from_db()
    assert revoked.is_revoked and revoked.reinstated_at is None
    assert revoked.events.count() == 2


def test_the_coordinator_reinstates_with_a_reason_and_keeps_the_issue_date(
    client, revoked, open_rules
):
    issued_at, revoked_at = revoked.issued_at, revoked.revoked_at
    client.force_login(open_rules.cora)
    response = client.post(_reinstate_url(revoked), {"reason": "  The appeal was upheld.  "})
    detail = reverse("office:certificate-detail", kwargs={"code": revoked.code})
    assert response.status_code == 302 and response["Location"] == detail
    assert any("reinstated" in message for message in _messages(response))
    revoked.refresh_from_db()
    assert not revoked.is_revoked
    assert revoked.issued_at == issued_at and revoked.revoked_at == revoked_at
    assert revoked.revoked_reason == "The final paper was plagiarised."
    assert _history(revoked)[-1] == (Kind.REINSTATE, "cora", "The appeal was upheld.")
    page = client.get(detail)
    assert 'data-state="reinstated"' in page.content.decode()
    again = client.get(_reinstate_url(revoked))
    assert again.status_code == 302 and again["Location"] == detail
    assert revoked.events.count() == 3


def test_reinstating_without_a_reason_is_refused_and_keeps_what_was_typed(
    client, revoked, open_rules
):
    client.force_login(open_rules.cora)
    for blank in ({}, {"reason": "   "}):
        response = client.post(_reinstate_url(revoked), blank)
        assert response.status_code == 200
        assert response.context["form"].errors["reason"] == [
            "Say why the certificate is reinstated."
        ]
        assert "Say why the certificate is reinstated." in response.content.decode()
    too_long = "y" * 1001
    response = client.post(_reinstate_url(revoked), {"reason": too_long})
    assert response.context["form"].errors["reason"]
    assert too_long in response.content.decode()
    revoked.refresh_from_db()
    assert revoked.is_revoked and revoked.events.count() == 2


def test_the_reinstate_page_refuses_other_methods(client, revoked, open_rules):
    client.force_login(open_rules.cora)
    assert client.put(_reinstate_url(revoked)).status_code == 405
    assert client.delete(_reinstate_url(revoked)).status_code == 405


def test_anonymous_visitors_are_sent_to_log_in(client, revoked):
    for response in (client.get(_reinstate_url(revoked)), client.post(_reinstate_url(revoked))):
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_only_the_coordinators_of_the_edition_may_reinstate(client, revoked, open_rules):
    world = open_rules
    url = _reinstate_url(revoked)
    otto = f.UserFactory(username="otto")
    world.other_edition.coordinators.add(otto)
    client.force_login(otto)
    assert client.get(url).status_code == 404
    assert client.post(url, {"reason": "No"}).status_code == 404
    for outsider in (world.ana, world.ivan, world.pablo):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
        assert client.post(url, {"reason": "No"}).status_code == 403
    revoked.refresh_from_db()
    assert revoked.is_revoked and revoked.events.count() == 2


# The public verification page: the current state and its date, never the history.


def _verify(client, certificate: Certificate, name: str = "verify:certificate"):
    return client.get(reverse(name, kwargs={"code": certificate.code}))


def test_verification_shows_the_current_state_and_its_date_only(client, revoked, open_rules):
    page = _verify(client, revoked)
    assert page.context["facts"]["status"] == "revoked"
    assert page.context["facts"]["status_since"] == timezone.localdate(revoked.revoked_at)
    reinstate(certificate=revoked, by=open_rules.cora, reason="The appeal was upheld.")
    revoked.refresh_from_db()
    page = _verify(client, revoked)
    html = page.content.decode()
    facts = page.context["facts"]
    assert facts["status"] == "valid" and facts["revoked_on"] is None
    assert (
        facts["reinstated_on"] == facts["status_since"] == timezone.localdate(revoked.reinstated_at)
    )
    assert facts["issued_on"] == timezone.localdate(revoked.issued_at)
    assert 'data-status="valid"' in html and "reinstated it on" in html
    for private in ("plagiarised", "appeal", "Cora", "cora"):
        assert private not in html, private
    data = _verify(client, revoked, "verify:certificate-json").json()
    assert data["status"] == "valid" and data["reinstated_on"] == facts["status_since"].isoformat()
    assert "plagiarised" not in str(data) and "appeal" not in str(data)
    badge = _verify(client, revoked, "verify:badge")
    assert badge.status_code == 200
    assert badge.json()["issuedOn"] == revoked.issued_at.isoformat()


def test_a_never_revoked_certificate_is_valid_since_its_issue(client, open_rules):
    certificate = issue(enrolment=open_rules.ana_enrolment, by=open_rules.cora)
    facts = _verify(client, certificate).context["facts"]
    assert facts["status"] == "valid" and facts["reinstated_on"] is None
    assert facts["status_since"] == timezone.localdate(certificate.issued_at)


def test_a_reinstated_certificate_can_be_downloaded_again(client, revoked, open_rules):
    client.force_login(open_rules.ana)
    url = reverse("certificates:pdf", kwargs={"code": revoked.code})
    assert client.get(url).status_code == 404
    reinstate(certificate=revoked, by=open_rules.cora, reason="The appeal was upheld.")
    assert client.get(url).status_code == 200


# The bilingual diploma: the programme's language first, each sentence in its own language.


@pytest.fixture
def diploma(world):
    world.edition.starts_on = dt.date(2025, 10, 9)
    world.edition.ends_on = dt.date(2026, 3, 20)
    world.edition.save()
    return f.CertificateFactory(
        enrolment=world.ana_enrolment, issued_by=world.cora, full_name="Ana Lucía Quispe Mamani",
        hours=120, final_grade=Decimal("16.50"),
    )  # fmt: skip


def _lines(content: bytes) -> list[str]:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return [line.strip() for line in text.splitlines() if line.strip()]


def _line_with(lines: list[str], words: str) -> str:
    return next(line for line in lines if words in line)


def _between(lines: list[str], start: str, ends: tuple[str, ...]) -> str:
    """The text from `start` to the first of `ends` after it, whatever the lines wrap."""
    text = " ".join(lines)
    begin = text.index(start)
    end = min((text.find(word, begin) for word in ends if word in text[begin:]), default=None)
    return text[begin:end]


def _download(client, user, certificate, language: str) -> bytes:
    client.force_login(user)
    url = reverse("certificates:pdf", kwargs={"code": certificate.code})
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content


def test_the_diploma_is_in_the_programme_language_first_whoever_downloads_it(
    client, diploma, world, settings
):
    assert world.programme.language == Programme.Language.SPANISH
    content = _download(client, world.ana, diploma, "en")
    lines = _lines(content)
    spanish = _line_with(lines, "certifica que")
    english = _line_with(lines, "certifies that")
    assert lines.index(spanish) < lines.index(english)
    assert spanish.startswith("PUCP") and english.startswith("PUCP")
    facts_es = _between(lines, "edición 2026-II", ("edition 2026-II",))
    facts_en = _between(lines, "edition 2026-II", ("Código", "Emitido el", "Issued on"))
    assert lines.index(_line_with(lines, "con un total de 120 horas")) < lines.index(
        _line_with(lines, "with a total of 120 hours")
    )
    assert "9 de octubre de 2025" in facts_es and "16,50" in facts_es
    assert "Oct. 9, 2025" in facts_en and "March 20, 2026" in facts_en
    assert "16.50" in facts_en
    assert not any(month in facts_en for month in SPANISH_MONTHS), facts_en
    assert not any(month in facts_es for month in ENGLISH_MONTHS), facts_es
    assert "16.50" not in facts_es and "16,50" not in facts_en
    issued_es, issued_en = _line_with(lines, "Emitido el"), _line_with(lines, "Issued on")
    assert not any(month in issued_en for month in SPANISH_MONTHS), issued_en
    assert not any(month in issued_es for month in ENGLISH_MONTHS), issued_es
    assert _download(client, world.cora, diploma, "es") == content
    stored = list((settings.MEDIA_ROOT / "certificates").rglob("*.pdf"))
    assert len(stored) == 1


def test_an_english_programme_puts_english_first(client, diploma, world):
    world.programme.language = Programme.Language.ENGLISH
    world.programme.save()
    lines = _lines(pdf_of(Certificate.objects.get(pk=diploma.pk)))
    assert lines.index(_line_with(lines, "certifies that")) < lines.index(
        _line_with(lines, "certifica que")
    )
    assert lines.index(_line_with(lines, "with a total of")) < lines.index(
        _line_with(lines, "con un total de")
    )


# The admin: the decisions as a read-only inline; reinstating asks why there too.


def _admin_url(name: str, *args) -> str:
    return reverse(f"admin:students_certificate_{name}", args=args)


def test_the_admin_shows_the_decisions_read_only(client, revoked, open_rules):
    client.force_login(open_rules.root)
    response = client.get(_admin_url("change", revoked.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "The final paper was plagiarised." in html
    assert 'name="events-0-reason"' not in html
    assert 'name="revoked_at_0"' not in html and 'name="issued_at_0"' not in html


def test_the_admin_reinstates_after_asking_why(client, revoked, open_rules):
    client.force_login(open_rules.root)
    selected = {"action": "reinstate_selected", "_selected_action": [revoked.pk]}
    asked = client.post(_admin_url("changelist"), selected)
    assert asked.status_code == 200 and 'name="reason"' in asked.content.decode()
    refused = client.post(_admin_url("changelist"), {**selected, "confirm": "1", "reason": " "})
    assert refused.status_code == 200 and refused.context["form"].errors["reason"]
    revoked.refresh_from_db()
    assert revoked.is_revoked
    done = client.post(
        _admin_url("changelist"), {**selected, "confirm": "1", "reason": "Appeal upheld."}
    )
    assert done.status_code == 302
    revoked.refresh_from_db()
    assert not revoked.is_revoked
    assert _history(revoked)[-1] == (Kind.REINSTATE, "root", "Appeal upheld.")
    valid = client.get(_admin_url("changelist"), {"state": "valid"}).context["cl"].result_list
    assert list(valid) == [revoked]
    gone = client.get(_admin_url("changelist"), {"state": "revoked"}).context["cl"].result_list
    assert list(gone) == []
