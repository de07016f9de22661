"""A copy of everything held about a person: asked for on the profile page, prepared in the
background, e-mailed as a link that expires and opens only for its owner."""

import datetime as dt
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from courses.models import DiscussionPost, DiscussionThread
from students import data_rights
from students.data_rights import copies
from students.data_rights.archive import EXPORT_FILES
from students.models import (
    ApplicationDocument,
    CertificateEvent,
    DataExport,
    GroupMessage,
)
from tests import factories as f

EXPORT = reverse("accounts:data-export")
PROFILE = reverse("accounts:profile")


def _download_url(export: DataExport) -> str:
    return reverse("accounts:data-export-download", kwargs={"token": export.token})


@pytest.fixture
def ana_records(world):
    """ana's records of every kind, with files."""
    enrolment = world.ana_enrolment
    ApplicationDocument.objects.create(
        enrolment=enrolment, kind="cv", original_name="cv-ana.pdf", size=9,
        file=SimpleUploadedFile("cv-ana.pdf", b"%PDF-cv-1"),
    )  # fmt: skip
    f.LessonProgressFactory(enrolment=enrolment, lesson=world.lesson)
    f.AttendanceFactory(enrolment=enrolment, session=world.session)
    attempt = f.QuizAttemptFactory(enrolment=enrolment, quiz__module=world.module)
    f.AttemptAnswerFactory(attempt=attempt, text="Circular migration", score=Decimal("2"))
    f.SubmissionFactory(
        enrolment=enrolment, assignment__module=world.module, text="My essay on remittances",
        file=SimpleUploadedFile("essay.pdf", b"%PDF-essay"),
    )  # fmt: skip
    certificate = f.CertificateFactory(enrolment=f.EnrolmentFactory(
        user=world.ana, edition=world.other_edition, status="completed",
    ))  # fmt: skip
    thread = DiscussionThread.objects.create(module=world.module, author=world.bruno, title="Q")
    DiscussionPost.objects.create(thread=thread, author=world.ana, body="Post by ana")
    message = GroupMessage.objects.create(
        edition=world.edition, author=world.cora, group="All", subject="Welcome",
        body="Welcome to the edition",
    )  # fmt: skip
    message.recipients.add(world.ana)
    return {"certificate": certificate}


def _ask(client, user, capture) -> DataExport:
    client.force_login(user)
    with capture(execute=True):
        response = client.post(EXPORT)
    assert response.status_code == 302
    return DataExport.objects.filter(user=user).latest("requested_at")


def _open_zip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_it_exports_every_kind_of_record_and_the_files(
    client, world, ana_records, django_capture_on_commit_callbacks
):
    export = _ask(client, world.ana, django_capture_on_commit_callbacks)
    assert export.status == DataExport.Status.READY
    assert export.expires_at - export.ready_at == dt.timedelta(days=data_rights.EXPORT_DAYS)

    response = client.get(_download_url(export))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    archive = _open_zip(response)
    names = set(archive.namelist())
    assert {"README.txt", *EXPORT_FILES} <= names
    data = {name: json.loads(archive.read(name)) for name in EXPORT_FILES}
    assert data["profile.json"]["username"] == "ana"
    assert data["profile.json"]["organisation"] == "Ministerio de Relaciones Exteriores"
    application = data["applications.json"][0]
    assert application["statement"].startswith("I work on consular protection")
    document_path = application["documents"][0]["file"]
    assert archive.read(document_path) == b"%PDF-cv-1"
    assert data["lesson_progress.json"][0]["lesson"] == "Who migrates"
    assert data["attendance.json"][0]["session"] == "Opening seminar"
    assert data["quiz_attempts.json"][0]["answers"][0]["text"] == "Circular migration"
    submission = data["submissions.json"][0]
    assert submission["text"] == "My essay on remittances"
    assert archive.read(submission["file"]) == b"%PDF-essay"
    assert {row["edition"] for row in data["grades.json"]} == {"2026-II", "2026"}
    certificate = data["certificates.json"][0]
    assert certificate["code"] == ana_records["certificate"].display_code
    assert certificate["decisions"][0]["decision"] == CertificateEvent.Kind.ISSUE.label
    assert data["writings.json"]["discussion_posts"][0]["body"] == "Post by ana"
    assert data["messages_received.json"][0]["subject"] == "Welcome"


def test_the_readme_is_in_the_persons_language(client, world, django_capture_on_commit_callbacks):
    world.ana.profile.preferred_language = "en"
    world.ana.profile.save()
    export = _ask(client, world.ana, django_capture_on_commit_callbacks)

    readme = _open_zip(client.get(_download_url(export))).read("README.txt").decode()

    assert "A copy of your data" in readme
    assert "grades.json" in readme


def test_it_hides_scores_not_released_to_the_student(
    client, world, ana_records, django_capture_on_commit_callbacks
):
    world.module.grades_released = False
    world.module.save()
    export = _ask(client, world.ana, django_capture_on_commit_callbacks)

    archive = _open_zip(client.get(_download_url(export)))

    attempt = json.loads(archive.read("quiz_attempts.json"))[0]
    assert attempt["score"] is None and attempt["answers"][0]["score"] is None


def test_it_emails_the_link_in_the_persons_language(
    client, world, django_capture_on_commit_callbacks
):
    world.ana.profile.preferred_language = "en"  # the site's language is Spanish
    world.ana.profile.save()
    export = _ask(client, world.ana, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.ana.email]
    assert message.subject == "Your copy of your data is ready"
    assert _download_url(export) in message.body


def test_a_second_request_while_one_is_prepared_starts_no_other(client, world):
    client.force_login(world.ana)
    client.post(EXPORT)  # the task waits for the commit, which never comes in this test
    response = client.post(EXPORT, follow=True)

    assert DataExport.objects.filter(user=world.ana).count() == 1
    assert DataExport.objects.get(user=world.ana).status == DataExport.Status.PREPARING
    assert [message.level_tag for message in response.context["messages"]][-1] == "info"


def test_the_profile_lists_the_exports_with_their_state(
    client, world, django_capture_on_commit_callbacks
):
    ready = _ask(client, world.ana, django_capture_on_commit_callbacks)
    DataExport.objects.create(
        user=world.ana, status=DataExport.Status.READY,
        expires_at=timezone.now() - dt.timedelta(days=1),
    )  # fmt: skip

    page = client.get(PROFILE).content.decode()

    assert _download_url(ready) in page
    assert 'data-state="expired"' in page


def test_the_link_is_refused_to_another_user(client, world, django_capture_on_commit_callbacks):
    export = _ask(client, world.ana, django_capture_on_commit_callbacks)
    for someone in (world.bruno, world.cora, world.root):
        client.force_login(someone)
        assert client.get(_download_url(export)).status_code == 404
    client.logout()
    assert "/login/" in client.get(_download_url(export))["Location"]


def test_the_link_expires(client, world, django_capture_on_commit_callbacks):
    export = _ask(client, world.ana, django_capture_on_commit_callbacks)
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now())

    response = client.get(_download_url(export))

    assert response.status_code == 410
    assert "students/privacy/export_gone.html" in [t.name for t in response.templates]


def test_the_cleanup_deletes_expired_files_only(client, world, django_capture_on_commit_callbacks):
    expired = _ask(client, world.ana, django_capture_on_commit_callbacks)
    fresh = _ask(client, world.bruno, django_capture_on_commit_callbacks)
    DataExport.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    storage, name = expired.file.storage, expired.file.name

    assert copies.delete_expired_exports.call() == 1

    expired.refresh_from_db()
    assert not expired.file and not storage.exists(name)
    fresh.refresh_from_db()
    assert fresh.file and storage.exists(fresh.file.name)


def test_a_copy_lost_by_a_worker_counts_as_failed_and_may_be_asked_again(client, world):
    lost = DataExport.objects.create(user=world.ana)
    DataExport.objects.filter(pk=lost.pk).update(requested_at=timezone.now() - copies.STALE_AFTER)

    copies.delete_expired_exports.call()
    _export, created = copies.request_export(user=world.ana)

    lost.refresh_from_db()
    assert lost.status == DataExport.Status.FAILED
    assert created


def test_the_export_file_is_not_under_a_public_address(
    client, world, django_capture_on_commit_callbacks
):
    export = _ask(client, world.ana, django_capture_on_commit_callbacks)
    client.logout()

    assert client.get(f"/media/{export.file.name}").status_code == 404


def test_asking_for_a_copy_is_post_only(client, world):
    client.force_login(world.ana)
    assert client.get(EXPORT).status_code == 405
