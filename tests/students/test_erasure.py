"""Erasing an account: the person asks, a coordinator of their editions (or staff) decides with
a confirmation; the name and e-mail leave every page while every figure stays the same."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from students.completion import completion_of
from students.data_rights import erasure
from students.models import (
    ApplicationDocument,
    CalendarFeed,
    Certificate,
    DataExport,
    Enrolment,
    ErasureRequest,
    QuizAttempt,
    StudentProfile,
    Submission,
)
from tests import factories as f

ASK = reverse("accounts:erasure-request")
OFFICE_LIST = reverse("office:erasure-requests")
SURNAME = "Quispecondori"
EMAIL = "anastasia.quispecondori@example.org"


def _decide_url(erasure: ErasureRequest) -> str:
    return reverse("office:erasure-decide", kwargs={"pk": erasure.pk})


def _detail_url(erasure: ErasureRequest) -> str:
    return reverse("office:erasure-request", kwargs={"pk": erasure.pk})


@pytest.fixture
def ana(world):
    """ana with a name to look for, a document, graded work with a file, an attempt, a copy of
    her data, a calendar address and a certificate."""
    user = world.ana
    user.first_name, user.last_name, user.email = "Anastasia", SURNAME, EMAIL
    user.save()
    enrolment = world.ana_enrolment
    ApplicationDocument.objects.create(
        enrolment=enrolment, kind="cv", original_name="cv.pdf", size=5,
        file=SimpleUploadedFile("cv.pdf", b"%PDF-"),
    )  # fmt: skip
    f.SubmissionFactory(
        enrolment=enrolment, assignment__module=world.module, graded=True,
        file=SimpleUploadedFile("essay.pdf", b"%PDF-essay"),
    )  # fmt: skip
    f.QuizAttemptFactory(enrolment=enrolment, quiz__module=world.module)
    f.LessonProgressFactory(enrolment=enrolment, lesson=world.lesson)
    f.AttendanceFactory(enrolment=enrolment, session=world.session)
    f.SubmissionFactory(enrolment=world.bruno_enrolment, assignment__module=world.module)
    export = DataExport.objects.create(user=user, status=DataExport.Status.READY)
    export.file.save("copy.zip", SimpleUploadedFile("copy.zip", b"PK"))
    CalendarFeed.objects.create(user=user)
    f.CertificateFactory(enrolment=enrolment)
    return user


def _erase(client, world, user) -> ErasureRequest:
    erasure = ErasureRequest.objects.create(user=user, reason="I changed jobs.")
    client.force_login(world.cora)
    data = {"decision": "erase", "note": "", "confirm": "1"}
    response = client.post(_decide_url(erasure), data, follow=True)
    assert response.redirect_chain == [(OFFICE_LIST, 302)]
    erasure.refresh_from_db()
    return erasure


# Asking -----------------------------------------------------------------------------------


def test_the_page_explains_what_is_erased_and_kept(client, world, settings):
    settings.RECORDS_RETENTION_YEARS = 12
    client.force_login(world.ana)

    page = client.get(ASK).content.decode()

    assert 'name="understood"' in page
    assert "12" in page


def test_asking_needs_the_confirmation_and_keeps_the_reason(client, world):
    client.force_login(world.ana)

    response = client.post(ASK, {"reason": "I changed jobs."})

    assert response.status_code == 200
    assert "I changed jobs." in response.content.decode()
    assert not ErasureRequest.objects.exists()


def test_a_person_asks_once(client, world):
    client.force_login(world.ana)

    assert client.post(ASK, {"reason": "Moving on", "understood": "on"}).status_code == 302
    client.post(ASK, {"reason": "Again", "understood": "on"})

    erasure = ErasureRequest.objects.get()
    assert (erasure.user, erasure.reason, erasure.status) == (world.ana, "Moving on", "pending")
    assert 'name="understood"' not in client.get(ASK).content.decode()


# Who decides ------------------------------------------------------------------------------


def test_coordinators_see_only_requests_of_people_of_their_editions(client, world):
    mine = ErasureRequest.objects.create(user=world.ana)
    other = ErasureRequest.objects.create(user=world.carla)
    client.force_login(world.cora)

    page = client.get(OFFICE_LIST)

    assert list(page.context["requests"]) == [mine]
    assert client.get(_detail_url(other)).status_code == 404
    client.post(_decide_url(other), {"decision": "erase", "confirm": "1"})
    other.refresh_from_db()
    assert other.status == "pending"


def test_staff_see_every_request(client, world):
    ErasureRequest.objects.create(user=world.ana)
    ErasureRequest.objects.create(user=world.carla)
    client.force_login(world.root)

    assert len(client.get(OFFICE_LIST).context["requests"]) == 2


def test_the_office_list_runs_a_constant_number_of_queries(
    client, world, django_assert_max_num_queries
):
    ErasureRequest.objects.create(user=world.ana)
    client.force_login(world.root)
    client.get(OFFICE_LIST)  # warm the session and roles
    with django_assert_max_num_queries(12) as few:
        client.get(OFFICE_LIST)
    ErasureRequest.objects.create(user=world.bruno)
    ErasureRequest.objects.create(user=world.carla)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(OFFICE_LIST)


def test_erasing_asks_for_confirmation_first(client, world, ana):
    erasure = ErasureRequest.objects.create(user=ana)
    client.force_login(world.cora)

    response = client.post(_decide_url(erasure), {"decision": "erase", "note": ""})

    assert response.status_code == 200
    assert 'name="confirm"' in response.content.decode()
    ana.refresh_from_db()
    assert ana.last_name == SURNAME
    erasure.refresh_from_db()
    assert erasure.status == "pending"


def test_declining_needs_a_reason_and_tells_the_person(
    client, world, django_capture_on_commit_callbacks
):
    erasure = ErasureRequest.objects.create(user=world.ana)
    client.force_login(world.cora)

    response = client.post(_decide_url(erasure), {"decision": "decline", "confirm": "1"})
    assert response.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _decide_url(erasure),
            {"decision": "decline", "note": "Your appeal is open.", "confirm": "1"},
        )

    erasure.refresh_from_db()
    assert (erasure.status, erasure.decided_by, erasure.note) == (
        "declined", world.cora, "Your appeal is open.",
    )  # fmt: skip
    assert mail.outbox[-1].to == [world.ana.email]
    assert "Your appeal is open." in mail.outbox[-1].body


def test_the_person_is_told_before_the_address_goes(
    client, world, ana, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _erase(client, world, ana)

    assert mail.outbox[-1].to == [EMAIL]


def test_a_decided_request_is_not_decided_again(client, world, ana):
    erasure = _erase(client, world, ana)
    client.force_login(world.root)

    client.post(_decide_url(erasure), {"decision": "decline", "note": "No", "confirm": "1"})

    erasure.refresh_from_db()
    assert (erasure.status, erasure.decided_by) == ("erased", world.cora)


# What erasing does ------------------------------------------------------------------------


def test_erasing_removes_what_identifies_the_person(
    client, world, ana, django_capture_on_commit_callbacks
):
    document = ApplicationDocument.objects.get(enrolment__user=ana)
    submission = Submission.objects.get(enrolment__user=ana)
    export = DataExport.objects.get(user=ana)
    files = [(document.file.storage, name) for name in (document.file.name, submission.file.name)]
    files.append((export.file.storage, export.file.name))

    with django_capture_on_commit_callbacks(execute=True):
        erasure = _erase(client, world, ana)

    ana.refresh_from_db()
    assert erasure.status == "erased" and erasure.decided_by == world.cora
    assert (ana.username, ana.first_name, ana.last_name) == (f"erased-{ana.pk}", "", "")
    assert ana.email == f"erased-{ana.pk}@erased.invalid"
    assert not ana.is_active and not ana.has_usable_password()
    profile = StudentProfile.objects.get(user=ana)
    assert (profile.organisation, profile.city, profile.position, str(profile.country)) == (
        "", "", "", "",
    )  # fmt: skip
    assert not ApplicationDocument.objects.filter(enrolment__user=ana).exists()
    submission.refresh_from_db()
    assert (submission.text, submission.file.name, submission.points) == ("", "", Decimal("15"))
    assert not DataExport.objects.filter(user=ana).exists()
    assert not CalendarFeed.objects.filter(user=ana).exists()
    assert not any(storage.exists(name) for storage, name in files)
    assert Enrolment.objects.get(pk=world.ana_enrolment.pk).status == "admitted"
    assert QuizAttempt.objects.get(enrolment__user=ana).score == Decimal("8")


def test_the_person_can_no_longer_log_in(client, world, ana):
    _erase(client, world, ana)
    client.logout()

    assert not client.login(username=f"erased-{ana.pk}", password=f.PASSWORD)
    assert not client.login(username="ana", password=f.PASSWORD)


def _pages(world) -> dict[str, list[str]]:
    """Every page an office or teacher reads with the person's name or e-mail."""
    edition, module = (
        world.edition.slug,
        {"edition": world.edition.slug, "module": "migration-policy"},
    )
    return {
        "cora": [
            reverse("office:applications", kwargs={"edition": edition}),
            reverse(
                "office:application-detail",
                kwargs={"edition": edition, "pk": world.ana_enrolment.pk},
            ),
            reverse("office:completion", kwargs={"edition": edition}),
        ],
        "ivan": [
            reverse("teach:roster", kwargs=module),
            reverse("teach:gradebook", kwargs=module),
            reverse("teach:gradebook-csv", kwargs=module),
        ],
        "root": [
            reverse("admin:auth_user_changelist") + f"?q={SURNAME}",
            reverse("admin:students_enrolment_changelist") + f"?q={SURNAME}",
            reverse("admin:auth_user_changelist") + f"?q={EMAIL}",
        ],
    }


def _text(response) -> str:
    if response.get("Content-Type", "").startswith("text/csv"):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _xlsx_text(client, world) -> str:
    client.force_login(world.ivan)
    url = reverse(
        "teach:gradebook-xlsx", kwargs={"edition": world.edition.slug, "module": "migration-policy"}
    )
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(client.get(url).streaming_content)))
    return " ".join(
        str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row
    )


def _read_all(client, world) -> list[str]:
    texts = []
    for persona, urls in _pages(world).items():
        if persona == "root":
            continue  # the admin repeats the search words: see the test of its results
        client.force_login(getattr(world, persona))
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            texts.append(_text(response))
    texts.append(_xlsx_text(client, world))
    return texts


def test_the_name_and_email_leave_every_page(client, world, ana):
    before = _read_all(client, world)
    assert all(SURNAME in text or EMAIL in text for text in before[:6])
    assert SURNAME in before[-1]

    _erase(client, world, ana)

    for text in _read_all(client, world):
        assert SURNAME not in text and EMAIL not in text and "Anastasia" not in text


def test_the_admin_search_no_longer_finds_the_person(client, world, ana):
    _erase(client, world, ana)
    client.force_login(world.root)

    for url in _pages(world)["root"]:
        assert client.get(url).context["cl"].result_count == 0, url


def _office_figures(client, world) -> tuple:
    client.force_login(world.cora)
    home = client.get(reverse("office:home")).context["editions"]
    completion = client.get(reverse("office:completion", kwargs={"edition": world.edition.slug}))
    return (
        [(e.pk, e.submitted, e.waitlisted, e.seats_taken, e.completed) for e in home],
        completion.context["counts"],
        completion.context["total"],
    )


def test_counts_and_completion_figures_stay_the_same(client, world, ana):
    enrolment = Enrolment.objects.select_related("edition__programme").get(
        pk=world.ana_enrolment.pk
    )
    figures_before = completion_of(enrolment).figures()
    office_before = _office_figures(client, world)
    bruno_before = completion_of(world.bruno_enrolment).figures()

    _erase(client, world, ana)

    enrolment = Enrolment.objects.select_related("edition__programme").get(pk=enrolment.pk)
    figures_after = completion_of(enrolment).figures()
    assert (figures_after.hours, figures_after.grade, figures_after.standing) == (
        figures_before.hours, figures_before.grade, figures_before.standing,
    )  # fmt: skip
    assert _office_figures(client, world) == office_before
    assert completion_of(world.bruno_enrolment).figures() == bruno_before


# Certificates and the retention of records -------------------------------------------------


def _verify(client, certificate: Certificate) -> str:
    return client.get(
        reverse("verify:certificate", kwargs={"code": certificate.code})
    ).content.decode()


def test_a_certificate_within_retention_keeps_its_name(client, world, ana):
    certificate = Certificate.objects.get(enrolment__user=ana)

    _erase(client, world, ana)

    certificate.refresh_from_db()
    assert SURNAME in certificate.full_name
    client.logout()
    assert SURNAME in _verify(client, certificate)


def test_a_certificate_past_retention_loses_its_name(client, world, settings):
    settings.RECORDS_RETENTION_YEARS = 10
    user = world.carla
    certificate = f.CertificateFactory(
        enrolment=world.carla_enrolment, full_name="Carla Mamani",
        issued_at=timezone.now() - dt.timedelta(days=365 * 10 + 5),
    )  # fmt: skip

    erasure.erase(request=ErasureRequest.objects.create(user=user), by=world.root, note="")

    certificate.refresh_from_db()
    assert certificate.full_name == f"erased-{user.pk}"
    assert "Carla Mamani" not in _verify(client, certificate)


def test_the_name_goes_once_retention_passes(client, world, ana, settings):
    settings.RECORDS_RETENTION_YEARS = 10
    certificate = Certificate.objects.get(enrolment__user=ana)
    _erase(client, world, ana)
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_at=timezone.now() - dt.timedelta(days=365 * 10 + 5)
    )
    bruno_certificate = f.CertificateFactory(
        enrolment=world.bruno_enrolment, issued_at=timezone.now() - dt.timedelta(days=4000)
    )

    assert erasure.forget_names_past_retention.call() == 1

    certificate.refresh_from_db()
    assert certificate.full_name == f"erased-{ana.pk}"
    bruno_certificate.refresh_from_db()
    assert bruno_certificate.full_name == world.bruno.get_full_name()
