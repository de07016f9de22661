"""The applicant's own pages: their applications, the status and history, withdrawal, files."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from diploma.models import Edition
from students import admissions
from students.models import ApplicationDocument, Enrolment, EnrolmentTransition
from tests import factories as f

Status = Enrolment.Status
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def attach(enrolment: Enrolment, kind: str = "cv", name: str = "cv-ana.pdf") -> ApplicationDocument:
    document = ApplicationDocument(
        enrolment=enrolment, kind=kind, original_name=name, size=len(PDF)
    )
    document.file.save("stored.pdf", ContentFile(PDF), save=True)
    return document


def status_url(edition: Edition) -> str:
    return reverse("apply:status", args=[edition.slug])


def withdraw_url(edition: Edition) -> str:
    return reverse("apply:withdraw", args=[edition.slug])


def document_url(document: ApplicationDocument) -> str:
    return reverse("apply:document", args=[document.enrolment.edition.slug, document.pk])


@pytest.fixture
def submitted(world) -> Enrolment:
    """Ana's application to the open edition, submitted and then waitlisted by cora."""
    enrolment = f.EnrolmentFactory(user=world.ana, edition=world.open_edition, status=Status.DRAFT)
    admissions.submit(enrolment=enrolment, by=world.ana)
    admissions.waitlist(enrolment=enrolment, by=world.cora, note="Strong profile; no seat yet.")
    return enrolment


@pytest.mark.parametrize(
    "url",
    [
        reverse("apply:list"),
        reverse("apply:status", args=["mig-2027-i"]),
        reverse("apply:withdraw", args=["mig-2027-i"]),
        reverse("apply:document", args=["mig-2027-i", 1]),
    ],
)
def test_it_sends_a_visitor_to_the_login_page(client, world, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_it_lists_the_applications_of_the_user_only(client, world, submitted):
    client.force_login(world.ana)

    response = client.get(reverse("apply:list"))

    assert response.status_code == 200
    assert set(response.context["applications"]) == {world.ana_enrolment, submitted}
    assert world.carla_enrolment not in response.context["applications"]


def test_it_shows_the_status_and_the_history(client, world, submitted):
    client.force_login(world.ana)

    response = client.get(status_url(world.open_edition))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert 'data-status="waitlisted"' in html
    assert "Strong profile; no seat yet." in html
    assert [t.to_status for t in response.context["transitions"]] == [
        Status.SUBMITTED,
        Status.WAITLISTED,
    ]
    assert "Cora" in html
    assert response.context["can_withdraw"]


def test_it_hides_an_application_from_everyone_else(client, world, submitted):
    for outsider in (world.carla, world.bruno, world.cora, world.ivan):
        client.force_login(outsider)
        assert client.get(status_url(world.open_edition)).status_code == 404


def test_it_lets_the_owner_download_their_document(client, world, submitted):
    document = attach(submitted)
    client.force_login(world.ana)

    response = client.get(document_url(document))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="cv-ana.pdf"' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]


def test_it_refuses_another_applicants_document_by_direct_url(client, world, submitted):
    document = attach(submitted)
    carla_document = attach(world.carla_enrolment, name="cv-carla.pdf")

    for outsider in (world.carla, world.bruno, world.ivan, world.pablo):
        client.force_login(outsider)
        assert client.get(document_url(document)).status_code == 404
    client.force_login(world.ana)
    guessed = reverse("apply:document", args=[world.open_edition.slug, carla_document.pk])
    assert client.get(guessed).status_code == 404
    assert client.get(document_url(carla_document)).status_code == 404


def test_it_asks_to_confirm_a_withdrawal(client, world, submitted):
    client.force_login(world.ana)

    response = client.get(withdraw_url(world.open_edition))

    assert response.status_code == 200
    assert f'action="{withdraw_url(world.open_edition)}"' in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.WAITLISTED


def test_it_withdraws_an_application(client, world, submitted):
    client.force_login(world.ana)

    response = client.post(withdraw_url(world.open_edition), {"note": "I changed jobs."})

    assert response.status_code == 302
    assert response["Location"] == status_url(world.open_edition)
    submitted.refresh_from_db()
    assert submitted.status == Status.WITHDRAWN
    transition = submitted.transitions.get(to_status=Status.WITHDRAWN)
    assert (transition.by, transition.note) == (world.ana, "I changed jobs.")


def test_it_refuses_to_withdraw_twice(client, world, submitted):
    client.force_login(world.ana)
    client.post(withdraw_url(world.open_edition))

    response = client.post(withdraw_url(world.open_edition), follow=True)

    assert response.redirect_chain[-1][0] == status_url(world.open_edition)
    assert "cannot be withdrawn" in response.content.decode()
    assert submitted.transitions.filter(to_status=Status.WITHDRAWN).count() == 1


def test_it_refuses_to_withdraw_someone_elses_application(client, world, submitted):
    client.force_login(world.carla)

    response = client.post(withdraw_url(world.open_edition))

    assert response.status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == Status.WAITLISTED


@pytest.mark.parametrize("method", ["put", "delete"])
def test_it_refuses_other_methods(client, world, submitted, method):
    client.force_login(world.ana)

    response = getattr(client, method)(withdraw_url(world.open_edition))

    assert response.status_code == 405
    assert client.post(status_url(world.open_edition)).status_code == 405


def test_it_gives_the_freed_seat_to_the_waiting_list_when_a_student_withdraws(
    client, world, django_capture_on_commit_callbacks, mailoutbox
):
    edition = world.open_edition
    edition.capacity = 1
    edition.save(update_fields=["capacity"])
    holder = f.EnrolmentFactory(user=world.bruno, edition=edition, status=Status.ADMITTED)
    waiting = f.EnrolmentFactory(
        user=world.carla, edition=edition, status=Status.WAITLISTED, waitlist_position=1
    )
    client.force_login(world.bruno)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(withdraw_url(edition))

    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == Status.WITHDRAWN
    assert waiting.status == Status.ADMITTED
    promotion = EnrolmentTransition.objects.get(enrolment=waiting)
    assert promotion.by is None
    assert [message.to for message in mailoutbox] == [[world.carla.email]]
