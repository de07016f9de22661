"""E-mails to the coordinators of an edition when an application is submitted."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation

from students import admissions, applications
from students.models import Enrolment
from tests import factories as f

Status = Enrolment.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def applicant(edition, status: str = Status.DRAFT) -> Enrolment:
    user = f.UserFactory(username="lucia", first_name="Lucía", last_name="Quispe")
    f.StudentProfileFactory(user=user, preferred_language="es")
    return f.EnrolmentFactory(user=user, edition=edition, status=status, statement="Why I apply.")


def coordinator(username: str, language: str | None = None):
    """A coordinator; with a language, they also have a profile that prefers it."""
    user = f.UserFactory(username=username, first_name=username.title())
    if language:
        f.StudentProfileFactory(user=user, preferred_language=language)
    return user


def to_coordinators(mailoutbox, *coordinators) -> dict[str, object]:
    """The messages sent to the given coordinators, by username."""
    addresses = {user.email: user.username for user in coordinators}
    return {addresses[m.to[0]]: m for m in mailoutbox if m.to[0] in addresses}


def submission_date(enrolment: Enrolment, language: str) -> str:
    with translation.override(language):
        return formats.date_format(timezone.localtime(enrolment.submitted_at), "DATE_FORMAT")


def test_it_tells_the_coordinators_after_the_submission_commits(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    enrolment = applicant(world.open_edition)

    with django_capture_on_commit_callbacks() as callbacks:
        admissions.submit(enrolment=enrolment, by=enrolment.user)
        assert mailoutbox == []
    for callback in callbacks:
        callback()

    assert list(to_coordinators(mailoutbox, world.cora)) == ["cora"]


def test_it_tells_nobody_when_the_submission_rolls_back(world, mailoutbox):
    enrolment = applicant(world.open_edition)

    with pytest.raises(RuntimeError), transaction.atomic():
        admissions.submit(enrolment=enrolment, by=enrolment.user)
        raise RuntimeError("the request failed later")

    assert mailoutbox == []


def test_it_names_the_applicant_and_the_edition_and_links_to_the_application(
    world, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://diploma.example.org"
    enrolment = applicant(world.open_edition)

    with django_capture_on_commit_callbacks(execute=True):
        admissions.submit(enrolment=enrolment, by=enrolment.user)

    message = to_coordinators(mailoutbox, world.cora)["cora"]
    url = reverse("office:application-detail", args=[world.open_edition.slug, enrolment.pk])
    assert message.to == [world.cora.email]
    assert "Lucía Quispe" in message.subject
    assert str(world.open_edition) in message.subject
    assert "\n" not in message.subject
    assert "Lucía Quispe" in message.body
    assert world.programme.title in message.body
    assert world.open_edition.name in message.body
    assert f"https://diploma.example.org{url}\n" in message.body


def test_it_writes_once_to_each_coordinator_of_the_edition_and_its_programme(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    deputy = coordinator("deputy")
    director = coordinator("director")
    world.open_edition.coordinators.add(deputy)
    world.programme.coordinators.add(director, world.cora)
    enrolment = applicant(world.open_edition)

    with django_capture_on_commit_callbacks(execute=True):
        admissions.submit(enrolment=enrolment, by=enrolment.user)

    recipients = sorted(m.to[0] for m in mailoutbox if m.to != [enrolment.user.email])
    assert recipients == sorted([world.cora.email, deputy.email, director.email])


def test_it_writes_to_each_coordinator_in_their_own_language(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    english = coordinator("english", language="en")
    spanish = coordinator("spanish", language="es")
    world.open_edition.coordinators.add(english, spanish)
    enrolment = applicant(world.open_edition)

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        admissions.submit(enrolment=enrolment, by=enrolment.user)

    messages = to_coordinators(mailoutbox, english, spanish, world.cora)
    assert messages["english"].body.startswith("Hello English,")
    assert submission_date(enrolment, "en") in messages["english"].body
    assert messages["spanish"].body.startswith("Hola, Spanish:")
    assert submission_date(enrolment, "es") in messages["spanish"].body
    # Without a profile, the site's language, whatever language the applicant was reading in.
    assert messages["cora"].body.startswith("Hola, Cora:")
    assert submission_date(enrolment, "es") in messages["cora"].body


def test_it_falls_back_to_the_site_language_for_a_coordinator_without_a_profile(
    world, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.LANGUAGE_CODE = "en"
    enrolment = applicant(world.open_edition)

    with translation.override("es"), django_capture_on_commit_callbacks(execute=True):
        admissions.submit(enrolment=enrolment, by=enrolment.user)

    assert to_coordinators(mailoutbox, world.cora)["cora"].body.startswith("Hello Cora,")


def test_it_does_not_write_about_a_saved_draft(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    user = f.UserFactory(username="lucia")
    f.StudentProfileFactory(user=user)

    with django_capture_on_commit_callbacks(execute=True):
        applications.save_application(
            user=user,
            edition=world.open_edition,
            statement="Why I apply.",
            documents={"cv": SimpleUploadedFile("cv.pdf", PDF, "application/pdf")},
        )

    assert mailoutbox == []


def test_it_does_not_write_to_the_coordinators_of_other_editions(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    elsewhere = coordinator("elsewhere")
    world.edition.coordinators.add(elsewhere)
    world.other_edition.coordinators.add(elsewhere)
    world.other_edition.programme.coordinators.add(elsewhere)
    enrolment = applicant(world.open_edition)

    with django_capture_on_commit_callbacks(execute=True):
        admissions.submit(enrolment=enrolment, by=enrolment.user)

    assert elsewhere.email not in [m.to[0] for m in mailoutbox]
    assert world.cora.email in [m.to[0] for m in mailoutbox]


def test_it_skips_coordinators_without_an_address_or_an_active_account(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    silent = coordinator("silent")
    silent.email = ""
    silent.save(update_fields=["email"])
    gone = coordinator("gone")
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    world.open_edition.coordinators.add(silent, gone)
    enrolment = applicant(world.open_edition)

    with django_capture_on_commit_callbacks(execute=True):
        admissions.submit(enrolment=enrolment, by=enrolment.user)

    assert sorted(m.to[0] for m in mailoutbox) == sorted([enrolment.user.email, world.cora.email])


def test_it_writes_when_the_applicant_submits_through_the_form(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    enrolment = applicant(world.open_edition)
    client.force_login(enrolment.user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("apply:start", args=[world.open_edition.slug]),
            {
                "statement": "Why I apply.",
                "document_cv": SimpleUploadedFile("cv.pdf", PDF, "application/pdf"),
                "action": "submit",
            },
        )

    enrolment.refresh_from_db()
    assert enrolment.status == Status.SUBMITTED
    assert list(to_coordinators(mailoutbox, world.cora)) == ["cora"]
