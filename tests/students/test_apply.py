"""Applying to an edition: the form, drafts, submission and every refusal."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from diploma.models import Edition, EditionQuota
from students.models import ApplicationDocument, Enrolment, EnrolmentTransition, StudentProfile
from tests import factories as f

Status = Enrolment.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
STATEMENT = "I coordinate consular assistance to Peruvians abroad and want to study remittances."


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def pdf(name: str = "cv.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def start_url(edition: Edition) -> str:
    return reverse("apply:start", args=[edition.slug])


def newcomer(username: str = "lucia", **profile) -> object:
    """A user with a complete profile (or the given one) who has not applied anywhere."""
    user = f.UserFactory(username=username, first_name="Lucía", last_name="Quispe")
    f.StudentProfileFactory(user=user, **profile)
    return user


def application_data(action: str = "submit", **changes) -> dict:
    data = {"statement": STATEMENT, "document_cv": pdf(), "action": action}
    data.update(changes)
    return data


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_it_sends_a_visitor_to_the_login_page(client, world):
    url = start_url(world.open_edition)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_refuses_other_methods(client, world, method):
    client.force_login(newcomer())

    response = getattr(client, method)(start_url(world.open_edition))

    assert response.status_code == 405


def test_it_does_not_show_a_draft_edition(client, world):
    draft = f.OpenEditionFactory(programme=world.programme, status=Edition.Status.DRAFT)
    client.force_login(newcomer())

    assert client.get(start_url(draft)).status_code == 404


def test_it_shows_the_form_with_the_documents_the_edition_asks_for(client, world):
    world.open_edition.required_documents = "cv,support_letter"
    world.open_edition.save(update_fields=["required_documents"])
    client.force_login(newcomer())

    response = client.get(start_url(world.open_edition))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert 'name="document_cv"' in html
    assert 'name="document_support_letter"' in html
    assert 'enctype="multipart/form-data"' in html
    assert response.context["profile_form"] is None


def test_it_asks_a_user_without_a_complete_profile_for_it_in_the_same_form(client, world):
    user = f.UserFactory(username="nadia")
    client.force_login(user)

    response = client.get(start_url(world.open_edition))

    assert response.context["profile_form"] is not None
    assert 'name="profile-country"' in response.content.decode()


def test_it_saves_a_draft_without_submitting_it(client, world):
    user = newcomer()
    client.force_login(user)

    response = client.post(start_url(world.open_edition), application_data(action="draft"))

    assert response.status_code == 302
    assert response["Location"] == start_url(world.open_edition)
    enrolment = Enrolment.objects.get(user=user, edition=world.open_edition)
    assert enrolment.status == Status.DRAFT
    assert enrolment.statement == STATEMENT
    assert not enrolment.transitions.exists()
    document = enrolment.documents.get()
    assert document.kind == ApplicationDocument.Kind.CV
    assert document.original_name == "cv.pdf"
    assert document.size == len(PDF)
    # Stored under a random name, not the name the applicant gave it.
    assert document.file.name.rsplit("/", 1)[1] != "cv.pdf"
    assert document.file.read() == PDF


def test_it_continues_a_draft_and_keeps_its_documents(client, world):
    user = newcomer()
    client.force_login(user)
    client.post(start_url(world.open_edition), application_data(action="draft"))

    page = client.get(start_url(world.open_edition))
    response = client.post(
        start_url(world.open_edition), {"statement": "A longer statement.", "action": "submit"}
    )

    assert page.context["form"]["statement"].value() == STATEMENT
    assert "cv.pdf" in page.content.decode()
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(user=user)
    assert enrolment.status == Status.SUBMITTED
    assert enrolment.statement == "A longer statement."
    assert enrolment.documents.count() == 1


def test_it_replaces_a_document_of_the_same_kind(client, world, django_capture_on_commit_callbacks):
    user = newcomer()
    client.force_login(user)
    client.post(start_url(world.open_edition), application_data(action="draft"))
    first = ApplicationDocument.objects.get()
    storage, old_name = first.file.storage, first.file.name

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            start_url(world.open_edition),
            application_data(action="draft", document_cv=pdf("new-cv.pdf")),
        )

    document = ApplicationDocument.objects.get()
    assert document.original_name == "new-cv.pdf"
    assert document.pk != first.pk
    assert storage.exists(document.file.name)
    assert not storage.exists(old_name)


def test_it_submits_an_application_and_records_the_transition(client, world):
    user = newcomer()
    client.force_login(user)

    response = client.post(start_url(world.open_edition), application_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("apply:status", args=[world.open_edition.slug])
    enrolment = Enrolment.objects.get(user=user, edition=world.open_edition)
    enrolment.refresh_from_db()
    assert enrolment.status == Status.SUBMITTED
    assert enrolment.submitted_at is not None
    transition = EnrolmentTransition.objects.get(enrolment=enrolment)
    assert (transition.from_status, transition.to_status, transition.by) == (
        Status.DRAFT,
        Status.SUBMITTED,
        user,
    )


def test_it_completes_the_profile_on_the_way(client, world):
    user = f.UserFactory(username="nadia")
    client.force_login(user)
    data = application_data(
        **{
            "profile-country": "BO",
            "profile-city": "La Paz",
            "profile-organisation": "Dirección General de Migración",
            "profile-sector": "public",
            "profile-position": "Analista",
            "profile-gender": "",
            "profile-preferred_language": "es",
        }
    )

    response = client.post(start_url(world.open_edition), data)

    assert response.status_code == 302
    profile = StudentProfile.objects.get(user=user)
    assert profile.country == "BO"
    assert profile.organisation == "Dirección General de Migración"
    assert Enrolment.objects.get(user=user).status == Status.SUBMITTED


def test_it_keeps_a_draft_and_what_was_typed_when_the_profile_is_incomplete(client, world):
    user = f.UserFactory(username="nadia")
    client.force_login(user)
    data = application_data(
        **{"profile-country": "BO", "profile-organisation": "", "profile-sector": "public"}
    )

    response = client.post(start_url(world.open_edition), data)

    assert response.status_code == 200
    profile_form = response.context["profile_form"]
    assert "organisation" in profile_form.errors
    assert profile_form["country"].value() == "BO"
    assert response.context["form"]["statement"].value() == STATEMENT
    enrolment = Enrolment.objects.get(user=user)
    assert enrolment.status == Status.DRAFT
    assert enrolment.documents.count() == 1
    assert any("Complete your profile" in text for text in messages_of(response))


def test_it_refuses_to_submit_without_a_statement_or_the_documents(client, world):
    user = newcomer()
    client.force_login(user)

    response = client.post(
        start_url(world.open_edition), {"statement": "", "action": "submit"}, follow=True
    )

    enrolment = Enrolment.objects.get(user=user)
    assert enrolment.status == Status.DRAFT
    text = " ".join(messages_of(response))
    assert "motivation statement" in text
    assert "Curriculum vitae" in text


def test_it_refuses_to_submit_when_the_saved_profile_lost_a_field(client, world):
    user = newcomer(position="")
    client.force_login(user)
    client.post(start_url(world.open_edition), application_data(action="draft"))

    response = client.post(
        start_url(world.open_edition), {"statement": STATEMENT, "action": "submit"}
    )

    assert response.status_code == 200
    assert "position" in response.context["profile_form"].errors
    assert Enrolment.objects.get(user=user).status == Status.DRAFT


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("cv.exe", b"MZ\x90\x00", "file_type"),
        ("cv.html", b"<html></html>", "file_type"),
        ("cv.pdf", b"<script>alert(1)</script>", "file_content"),
        ("cv.pdf", b"", "empty"),
    ],
)
def test_it_refuses_a_wrong_document_type_and_keeps_the_statement(
    client, world, name, content, code
):
    user = newcomer()
    client.force_login(user)

    response = client.post(
        start_url(world.open_edition),
        application_data(document_cv=SimpleUploadedFile(name, content)),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["document_cv"]
    assert [error.code for error in errors] == [code]
    assert response.context["form"]["statement"].value() == STATEMENT
    assert STATEMENT in response.content.decode()
    assert not Enrolment.objects.filter(user=user).exists()


def test_it_refuses_a_file_that_is_too_large(client, world, settings):
    settings.UPLOAD_MAX_MB = 1
    user = newcomer()
    client.force_login(user)
    big = pdf(content=PDF + b"0" * (1024 * 1024))

    response = client.post(start_url(world.open_edition), application_data(document_cv=big))

    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["document_cv"]
    assert errors[0].code == "file_size"
    assert "1 MB" in errors[0].message
    assert not Enrolment.objects.filter(user=user).exists()


def test_it_refuses_an_edition_whose_window_has_not_opened(client, world):
    edition = f.OpenEditionFactory(
        programme=world.programme,
        applications_open_at=timezone.now() + dt.timedelta(days=3),
        applications_close_at=timezone.now() + dt.timedelta(days=30),
    )
    client.force_login(newcomer())

    page = client.get(start_url(edition))
    response = client.post(start_url(edition), application_data())

    assert "open on" in page.context["refusal"]
    assert not page.context["show_form"]
    assert response.status_code == 200
    assert "open on" in response.context["refusal"]
    assert response.context["form"]["statement"].value() == STATEMENT
    assert not Enrolment.objects.filter(edition=edition).exists()


def test_it_refuses_an_edition_whose_window_has_closed(client, world):
    edition = f.OpenEditionFactory(
        programme=world.programme,
        applications_open_at=timezone.now() - dt.timedelta(days=30),
        applications_close_at=timezone.now() - dt.timedelta(days=1),
    )
    client.force_login(newcomer())

    response = client.post(start_url(edition), application_data())

    assert response.status_code == 200
    assert "closed on" in response.context["refusal"]
    assert STATEMENT in response.content.decode()
    assert not Enrolment.objects.filter(edition=edition).exists()


def test_it_keeps_the_draft_when_the_window_closes_before_submission(client, world):
    user = newcomer()
    client.force_login(user)
    client.post(start_url(world.open_edition), application_data(action="draft"))
    Edition.objects.filter(pk=world.open_edition.pk).update(
        applications_close_at=timezone.now() - dt.timedelta(minutes=1)
    )

    response = client.post(start_url(world.open_edition), application_data())

    assert response.status_code == 200
    assert "closed on" in response.context["refusal"]
    enrolment = Enrolment.objects.get(user=user)
    assert enrolment.status == Status.DRAFT
    assert enrolment.documents.count() == 1


def test_it_sends_someone_who_already_applied_to_their_application(client, world):
    user = newcomer()
    f.EnrolmentFactory(user=user, edition=world.open_edition, status=Status.SUBMITTED)
    client.force_login(user)

    response = client.get(start_url(world.open_edition))

    assert response.status_code == 302
    assert response["Location"] == reverse("apply:status", args=[world.open_edition.slug])
    assert "already applied" in messages_of(response)[0]


def test_it_refuses_a_second_application_and_links_to_the_first(client, world):
    user = newcomer()
    first = f.EnrolmentFactory(
        user=user, edition=world.open_edition, status=Status.WAITLISTED, statement="First."
    )
    client.force_login(user)

    response = client.post(start_url(world.open_edition), application_data())

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["already"] == first
    assert reverse("apply:status", args=[world.open_edition.slug]) in html
    assert STATEMENT in html
    first.refresh_from_db()
    assert (first.status, first.statement) == (Status.WAITLISTED, "First.")


def test_it_still_takes_applications_to_a_full_edition_for_its_waitlist(client, world):
    edition = f.OpenEditionFactory(programme=world.programme, capacity=1)
    f.EnrolmentFactory(edition=edition, status=Status.ADMITTED)
    user = newcomer()
    client.force_login(user)

    page = client.get(start_url(edition))
    response = client.post(start_url(edition), application_data())

    assert page.context["seats_left"] == 0
    assert "waiting list" in page.content.decode()
    assert response.status_code == 302
    assert Enrolment.objects.get(user=user, edition=edition).status == Status.SUBMITTED


def test_it_tells_an_applicant_that_the_quota_of_their_country_is_full(client, world):
    EditionQuota.objects.create(
        edition=world.open_edition, dimension="country", value="PE", seats=1
    )
    holder = f.StudentProfileFactory(country="PE").user
    f.EnrolmentFactory(user=holder, edition=world.open_edition, status=Status.ADMITTED)
    peruvian = newcomer("lucia", country="PE")
    chilean = newcomer("camila", country="CL")

    client.force_login(peruvian)
    peruvian_page = client.get(start_url(world.open_edition))
    client.force_login(chilean)
    chilean_page = client.get(start_url(world.open_edition))

    assert [usage.quota.value for usage in peruvian_page.context["full_quotas"]] == ["PE"]
    assert "(Peru) are all taken" in peruvian_page.content.decode()
    assert chilean_page.context["full_quotas"] == []


def test_an_uploaded_file_name_is_shown_as_text_not_markup(client, world):
    client.force_login(newcomer())
    name = "<svg onload=alert(1)>.pdf"
    client.post(start_url(world.open_edition), application_data("draft", document_cv=pdf(name)))

    html = client.get(start_url(world.open_edition)).content.decode()

    assert "<svg onload" not in html
    assert "&lt;svg onload=alert(1)&gt;.pdf" in html


def test_a_long_file_name_is_cut_and_keeps_its_extension(client, world):
    client.force_login(newcomer())
    name = "a" * 300 + ".pdf"
    client.post(start_url(world.open_edition), application_data("draft", document_cv=pdf(name)))

    assert ApplicationDocument.objects.get().original_name == "a" * 196 + ".pdf"
