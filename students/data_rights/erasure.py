"""The erasure of an account: asked for by the person, decided by a coordinator, and the names
kept on certificates forgotten once the records may go."""

import datetime as dt
import logging
from functools import partial

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.fields.files import FieldFile
from django.template.loader import render_to_string
from django.utils import timezone, translation

from diploma.access import coordinated_editions
from diploma.background import background_task, queue_email
from diploma.content_versions import progress_changed
from students.certificates import forget_pdfs
from students.data_rights import language_of, records_retention_years
from students.models import (
    ApplicationDocument,
    CalendarFeed,
    Certificate,
    DataExport,
    Enrolment,
    ErasureRequest,
    ReminderSent,
    StudentProfile,
    Submission,
)

logger = logging.getLogger(__name__)

ERASED_EMAIL_DOMAIN = "erased.invalid"  # RFC 2606: never delivered


class ErasureError(Exception):
    """A decision that cannot be taken; the message says why."""


def pending_request_of(user) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(user=user, status=ErasureRequest.Status.PENDING).first()


def request_erasure(*, user: AbstractBaseUser, reason: str) -> tuple[ErasureRequest, bool]:
    """The person's pending request, or a new one; and whether it is new."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        pending = pending_request_of(user)
        if pending is not None:
            return pending, False
        return ErasureRequest.objects.create(user=user, reason=reason.strip()), True


def decidable_requests(user) -> QuerySet[ErasureRequest]:
    """The requests `user` may decide: all for staff; for coordinators, those of people who
    applied to an edition they coordinate."""
    if not user.is_authenticated:
        return ErasureRequest.objects.none()
    if user.is_staff:
        return ErasureRequest.objects.all()
    applied = Enrolment.objects.filter(
        user=OuterRef("user"), edition__in=coordinated_editions(user)
    )
    return ErasureRequest.objects.filter(Exists(applied))


def _decide(request: ErasureRequest, *, by, note: str, status: str) -> ErasureRequest:
    locked = ErasureRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != ErasureRequest.Status.PENDING:
        raise ErasureError("already decided")
    if locked.user_id == by.pk:
        raise ErasureError("own request")
    locked.status = status
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.note = note.strip()
    locked.save(update_fields=["status", "decided_at", "decided_by", "note"])
    return locked


def decline(*, request: ErasureRequest, by: AbstractBaseUser, note: str) -> ErasureRequest:
    """Refuse the request, with the reason in `note`; the person is told by e-mail."""
    with transaction.atomic():
        decided = _decide(request, by=by, note=note, status=ErasureRequest.Status.DECLINED)
        _tell_the_person(decided)
    return decided


def erase(*, request: ErasureRequest, by: AbstractBaseUser, note: str) -> ErasureRequest:
    """Decide the request and erase its account at once; the person is told by e-mail, at the
    address that is about to go."""
    with transaction.atomic():
        decided = _decide(request, by=by, note=note, status=ErasureRequest.Status.ERASED)
        _tell_the_person(decided)
        erase_account(decided.user)
    return decided


def _tell_the_person(decided: ErasureRequest) -> None:
    user = decided.user
    if not user.email or not user.is_active:
        return
    with translation.override(language_of(user)):
        context = {"user": user, "request": decided, "site_url": settings.SITE_URL}
        subject = render_to_string("students/privacy/email_erasure_subject.txt", context)
        body = render_to_string("students/privacy/email_erasure.txt", context)
    transaction.on_commit(partial(queue_email, subject, body, [user.email]), robust=True)


def pseudonym(user) -> str:
    return f"erased-{user.pk}"


def erase_account(user) -> None:
    """Empty the account of what identifies the person; keep what the institution must keep.

    Files are deleted once the transaction commits, so that a rolled-back erasure loses
    nothing.
    """
    files: list[FieldFile] = []
    enrolment_ids = list(Enrolment.objects.filter(user=user).values_list("pk", flat=True))
    old_username = user.get_username()

    for document in ApplicationDocument.objects.filter(enrolment_id__in=enrolment_ids):
        files.append(document.file)
        document.delete()
    Enrolment.objects.filter(pk__in=enrolment_ids).update(statement="")
    for submission in Submission.objects.filter(enrolment_id__in=enrolment_ids):
        files += [submission.file, submission.returned_file]
        submission.text = ""
        submission.file = ""
        submission.returned_file = ""
        submission.save(update_fields=["text", "file", "returned_file"])
    for export in DataExport.objects.filter(user=user):
        files.append(export.file)
        export.delete()
    CalendarFeed.objects.filter(user=user).delete()
    ReminderSent.objects.filter(user=user).delete()
    StudentProfile.objects.filter(user=user).update(
        country="", city="", organisation="", sector="", position="", gender="",
        year_of_birth=None, time_zone="", remind_sessions=False, remind_deadlines=False,
        discussion_emails="none", updated_at=timezone.now(),
    )  # fmt: skip

    user.username = pseudonym(user)
    user.first_name = ""
    user.last_name = ""
    user.email = f"{pseudonym(user)}@{ERASED_EMAIL_DOMAIN}"
    user.is_active = False
    user.set_unusable_password()
    user.save()

    _forget_in_admin_log(user, enrolment_ids)
    _forget_login_records(old_username)
    _forget_expired_names(Certificate.objects.filter(enrolment_id__in=enrolment_ids))
    progress_changed(enrolment_ids)
    transaction.on_commit(partial(_delete_files, [f for f in files if f]))


def _delete_files(files: list[FieldFile]) -> None:
    for field_file in files:
        field_file.storage.delete(field_file.name)


def _forget_in_admin_log(user, enrolment_ids: list[int]) -> None:
    """The admin's history names objects as they were: rename those that named the person."""
    user_type = ContentType.objects.get_for_model(user)
    LogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
        object_repr=pseudonym(user)
    )
    for model, ids in (
        (Enrolment, enrolment_ids),
        (StudentProfile, StudentProfile.objects.filter(user=user).values_list("pk", flat=True)),
    ):
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in ids],
        ).update(object_repr=pseudonym(user))


def _forget_login_records(username: str) -> None:
    """Failed and successful logins recorded against the old username."""
    if not apps.is_installed("axes"):
        return
    for name in ("AccessAttempt", "AccessLog", "AccessFailureLog"):
        try:
            model = apps.get_model("axes", name)
        except LookupError:
            continue
        model.objects.filter(username=username).delete()


def retention_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    """Certificates issued before this moment are past the records' retention."""
    now = now or timezone.now()
    years = records_retention_years()
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


def _forget_expired_names(certificates: QuerySet[Certificate]) -> int:
    """Replace the name on certificates past retention by their holder's pseudonym; their
    stored PDFs go."""
    forgotten = 0
    for certificate in certificates.filter(issued_at__lt=retention_cutoff()).select_related(
        "enrolment__user"
    ):
        name = pseudonym(certificate.enrolment.user)
        if certificate.full_name == name:
            continue
        certificate.full_name = name
        certificate.save(update_fields=["full_name"])
        transaction.on_commit(partial(forget_pdfs, certificate))
        forgotten += 1
    return forgotten


@background_task
def forget_names_past_retention() -> int:
    """The names on the certificates of erased accounts, once their retention has passed."""
    with transaction.atomic():
        return _forget_expired_names(
            Certificate.objects.filter(
                enrolment__user__erasure_requests__status=ErasureRequest.Status.ERASED
            ).distinct()
        )
