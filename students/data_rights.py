"""People's rights over their data (Peru's Ley 29733, the GDPR): a copy of everything held about
a person, and the erasure of their account.

A copy is one ZIP prepared in the background: a JSON file per kind of record, the files the
person uploaded, and a README in their language. It is stored with the other private files (never
under a public address), sent as a link that expires after EXPORT_DAYS and opens only for the
person, logged in.

Erasing empties the account instead of deleting it: enrolments, grades, attendance, attempts'
scores and certificates stay, so that every count, average and other person's record is the same
before and after. A certificate keeps the name printed on it while the institution must keep its
records (settings.RECORDS_RETENTION_YEARS after the issue); forget_names_past_retention then
removes it.
"""

import datetime as dt
import io
import json
import logging
import secrets
import zipfile
from functools import partial

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.fields.files import FieldFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import get_valid_filename

from courses.models import Announcement, DiscussionPost, DiscussionThread
from diploma.access import coordinated_editions
from diploma.background import background_task, queue_email
from diploma.content_versions import progress_changed
from students.certificates import forget_pdfs, verification_url
from students.completion import completion_of
from students.models import (
    ApplicationDocument,
    Attendance,
    CalendarFeed,
    Certificate,
    DataExport,
    Enrolment,
    ErasureRequest,
    LessonProgress,
    QuizAttempt,
    ReminderSent,
    StudentProfile,
    Submission,
    SurveyResponse,
)

logger = logging.getLogger(__name__)

EXPORT_DAYS = 7
# A copy still "being prepared" after this long was lost by a worker: it counts as failed, and
# the person may ask again.
STALE_AFTER = dt.timedelta(hours=6)
DEFAULT_RETENTION_YEARS = 10
ERASED_EMAIL_DOMAIN = "erased.invalid"  # RFC 2606: never delivered


def records_retention_years() -> int:
    """How long after its issue the institution keeps a certificate's record, name included."""
    return getattr(settings, "RECORDS_RETENTION_YEARS", DEFAULT_RETENTION_YEARS)


def language_of(user: AbstractBaseUser) -> str:
    profile = StudentProfile.objects.filter(user=user).only("preferred_language").first()
    return profile.preferred_language if profile else settings.LANGUAGE_CODE


# Copies ------------------------------------------------------------------------------------


def is_expired(export: DataExport, now: dt.datetime | None = None) -> bool:
    return export.expires_at is not None and export.expires_at <= (now or timezone.now())


def can_download(export: DataExport, now: dt.datetime | None = None) -> bool:
    return (
        export.status == DataExport.Status.READY
        and bool(export.file)
        and not is_expired(export, now)
    )


def _preparing(user) -> QuerySet[DataExport]:
    return DataExport.objects.filter(
        user=user,
        status=DataExport.Status.PREPARING,
        requested_at__gt=timezone.now() - STALE_AFTER,
    )


def request_export(*, user: AbstractBaseUser) -> tuple[DataExport, bool]:
    """The copy being prepared for `user`, or a new one queued; and whether it is new.

    The user's row is locked so that two requests at once start one copy, not two.
    """
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        existing = _preparing(user).first()
        if existing is not None:
            return existing, False
        export = DataExport.objects.create(user=user)
        transaction.on_commit(partial(prepare_export.enqueue, export.pk), robust=True)
    return export, True


@background_task
def prepare_export(export_id: int) -> None:
    """Build the ZIP, store it privately and e-mail the link; a failure is tried again."""
    export = (
        DataExport.objects.select_related("user")
        .filter(pk=export_id, status=DataExport.Status.PREPARING)
        .first()
    )
    if export is None:
        return
    user = export.user
    language = language_of(user)
    content = build_archive(user, language=language)
    now = timezone.now()
    export.file.save(f"{secrets.token_hex(16)}.zip", ContentFile(content), save=False)
    export.status = DataExport.Status.READY
    export.ready_at = now
    export.expires_at = now + dt.timedelta(days=EXPORT_DAYS)
    export.save(update_fields=["file", "status", "ready_at", "expires_at"])
    if user.email and user.is_active:
        _send_ready_email(export, language)
    logger.info("Data export %s ready", export.pk)


def _send_ready_email(export: DataExport, language: str) -> None:
    with translation.override(language):
        context = {
            "user": export.user,
            "export": export,
            "days": EXPORT_DAYS,
            "url": settings.SITE_URL
            + reverse("accounts:data-export-download", kwargs={"token": export.token}),
            "profile_url": settings.SITE_URL + reverse("accounts:profile"),
        }
        subject = render_to_string("students/privacy/email_export_ready_subject.txt", context)
        body = render_to_string("students/privacy/email_export_ready.txt", context)
    queue_email(subject, body, [export.user.email])


def _forget_file(field_file: FieldFile) -> None:
    if field_file:
        field_file.delete(save=False)


@background_task
def delete_expired_exports() -> int:
    """Delete the files of expired copies (the rows stay, as "expired"), and mark copies lost
    by a worker as failed. The number of files deleted."""
    now = timezone.now()
    deleted = 0
    for export in DataExport.objects.filter(expires_at__lte=now).exclude(file=""):
        _forget_file(export.file)
        export.save(update_fields=["file"])
        deleted += 1
    DataExport.objects.filter(
        status=DataExport.Status.PREPARING, requested_at__lte=now - STALE_AFTER
    ).update(status=DataExport.Status.FAILED)
    return deleted


# What goes in a copy -------------------------------------------------------------------------


def _when(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _file_name(*parts: str) -> str:
    return "/".join(get_valid_filename(part) or "file" for part in parts)


def _extension(field_file: FieldFile) -> str:
    name = field_file.name.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1] if "." in name else "bin"


class _Archive:
    """The files of a copy, as they are gathered."""

    def __init__(self) -> None:
        self.files: list[tuple[str, FieldFile]] = []

    def add(self, field_file: FieldFile, *parts: str) -> str | None:
        """The file's path inside the ZIP, or None when there is no file."""
        if not field_file:
            return None
        path = _file_name(*parts)
        self.files.append((path, field_file))
        return path


def _profile(user) -> dict:
    profile = StudentProfile.objects.filter(user=user).first()
    data = {
        "username": user.get_username(),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "date_joined": _when(user.date_joined),
        "last_login": _when(user.last_login),
        "has_calendar_feed": CalendarFeed.objects.filter(user=user).exists(),
    }
    if profile is not None:
        data.update(
            {
                "country": profile.country.code,
                "country_name": str(profile.country.name),
                "city": profile.city,
                "organisation": profile.organisation,
                "sector": profile.get_sector_display() if profile.sector else "",
                "position": profile.position,
                "gender": profile.get_gender_display() if profile.gender else "",
                "year_of_birth": profile.year_of_birth,
                "preferred_language": profile.preferred_language,
                "time_zone": profile.time_zone,
                "remind_sessions": profile.remind_sessions,
                "remind_deadlines": profile.remind_deadlines,
                "discussion_emails": profile.get_discussion_emails_display(),
                "updated_at": _when(profile.updated_at),
            }
        )
    return data


def _applications(enrolments: list[Enrolment], archive: _Archive) -> list[dict]:
    rows = []
    for enrolment in enrolments:
        edition = enrolment.edition
        rows.append(
            {
                "programme": edition.programme.title,
                "edition": edition.name,
                "status": enrolment.get_status_display(),
                "statement": enrolment.statement,
                "created_at": _when(enrolment.created_at),
                "submitted_at": _when(enrolment.submitted_at),
                "decided_at": _when(enrolment.decided_at),
                "declared_at_submission": {
                    "gender": enrolment.get_declared_gender_display()
                    if enrolment.declared_gender
                    else "",
                    "country": enrolment.declared_country.code,
                    "sector": enrolment.get_declared_sector_display()
                    if enrolment.declared_sector
                    else "",
                    "year_of_birth": enrolment.declared_birth_year,
                },
                "history": [
                    {
                        "from": transition.get_from_status_display(),
                        "to": transition.get_to_status_display(),
                        "at": _when(transition.at),
                        "note": transition.note,
                    }
                    for transition in enrolment.transitions.all()
                ],
                "documents": [
                    {
                        "kind": document.get_kind_display(),
                        "name": document.original_name,
                        "size": document.size,
                        "uploaded_at": _when(document.uploaded_at),
                        "file": archive.add(
                            document.file,
                            "documents",
                            edition.slug,
                            f"{document.pk}-{document.original_name}",
                        ),
                    }
                    for document in enrolment.documents.all()
                ],
            }
        )
    return rows


def _lesson_progress(ids: list[int]) -> list[dict]:
    return [
        {
            "edition": row.enrolment.edition.name,
            "module": row.lesson.module.title,
            "lesson": row.lesson.title,
            "completed_at": _when(row.completed_at),
        }
        for row in LessonProgress.objects.filter(enrolment_id__in=ids)
        .select_related("enrolment__edition", "lesson__module")
        .order_by("completed_at", "pk")
    ]


def _attendance(ids: list[int]) -> list[dict]:
    return [
        {
            "edition": row.enrolment.edition.name,
            "module": row.session.module.title,
            "session": row.session.topic,
            "starts_at": _when(row.session.starts_at),
            "status": row.get_status_display(),
        }
        for row in Attendance.objects.filter(enrolment_id__in=ids)
        .select_related("enrolment__edition", "session__module")
        .order_by("session__starts_at", "pk")
    ]


def _quiz_attempts(ids: list[int]) -> list[dict]:
    """Scores appear once the module's grades are released to students, as on their pages."""
    attempts = (
        QuizAttempt.objects.filter(enrolment_id__in=ids)
        .select_related("enrolment__edition", "quiz__module")
        .prefetch_related("answers__question", "answers__choices")
        .order_by("quiz__module__order", "quiz__title", "number")
    )
    rows = []
    for attempt in attempts:
        released = attempt.quiz.module.grades_released
        rows.append(
            {
                "edition": attempt.enrolment.edition.name,
                "module": attempt.quiz.module.title,
                "quiz": attempt.quiz.title,
                "attempt": attempt.number,
                "status": attempt.get_status_display(),
                "started_at": _when(attempt.started_at),
                "submitted_at": _when(attempt.submitted_at),
                "score_released": released,
                "score": attempt.score if released else None,
                "max_score": attempt.max_score,
                "answers": [
                    {
                        "question": answer.question.text,
                        "chosen": [choice.text for choice in answer.choices.all()],
                        "text": answer.text,
                        "score": answer.score if released else None,
                        "feedback": answer.feedback if released else "",
                    }
                    for answer in attempt.answers.all()
                ],
            }
        )
    return rows


def _submissions(ids: list[int], archive: _Archive) -> list[dict]:
    rows = []
    for submission in (
        Submission.objects.filter(enrolment_id__in=ids)
        .select_related("enrolment__edition", "assignment__module")
        .order_by("submitted_at", "pk")
    ):
        assignment = submission.assignment
        released = assignment.module.grades_released and assignment.grades_released
        folder = ("submissions", submission.enrolment.edition.slug, assignment.module.slug)
        rows.append(
            {
                "edition": submission.enrolment.edition.name,
                "module": assignment.module.title,
                "assignment": assignment.title,
                "submitted_at": _when(submission.submitted_at),
                "days_late": submission.days_late,
                "text": submission.text,
                "file": archive.add(
                    submission.file,
                    *folder,
                    f"{assignment.slug}.{_extension(submission.file)}" if submission.file else "",
                ),
                "grade_released": released,
                "points": submission.points if released else None,
                "max_points": assignment.max_points,
                "feedback": submission.feedback if released else "",
                "returned_file": archive.add(
                    submission.returned_file,
                    *folder,
                    f"{assignment.slug}-returned.{_extension(submission.returned_file)}"
                    if submission.returned_file and released
                    else "",
                )
                if released
                else None,
            }
        )
    return rows


def _summary(summary) -> dict | None:
    if summary is None:
        return None
    return {
        "state": summary.get_state_display(),
        "value": summary.value,
        "out_of": summary.max_grade,
        "still_to_come": list(summary.waiting),
        "counted_as_zero": list(summary.missed),
    }


def _grades(enrolments: list[Enrolment]) -> list[dict]:
    """Hours, attendance, grades and standing as the student's own pages show them."""
    rows = []
    for enrolment in enrolments:
        if not enrolment.is_active:
            continue
        completion = completion_of(enrolment)
        figures = completion.figures()
        modules = {module.pk: module for module in enrolment.edition.modules.all()}
        rows.append(
            {
                "edition": enrolment.edition.name,
                "hours": figures.hours.total,
                "hours_from_lessons": figures.hours.lessons,
                "hours_from_live_sessions": figures.hours.sessions,
                "required_hours": figures.required_hours,
                "attendance_percent": completion.attendance.percent,
                "standing": figures.standing.label,
                "final_grade": _summary(figures.grade),
                "modules": [
                    {"module": modules[pk].title, "grade": _summary(summary)}
                    for pk, summary in figures.modules.items()
                    if pk in modules
                ],
            }
        )
    return rows


def _certificates(ids: list[int]) -> list[dict]:
    return [
        {
            "edition": certificate.enrolment.edition.name,
            "programme": certificate.enrolment.edition.programme.title,
            "code": certificate.display_code,
            "name_on_certificate": certificate.full_name,
            "issued_at": _when(certificate.issued_at),
            "hours": certificate.hours,
            "final_grade": certificate.final_grade,
            "valid": not certificate.is_revoked,
            "verification_url": verification_url(certificate),
            "decisions": [
                {
                    "decision": event.get_kind_display(),
                    "at": _when(event.at),
                    "reason": event.reason,
                }
                for event in certificate.events.all()
            ],
        }
        for certificate in Certificate.objects.filter(enrolment_id__in=ids)
        .select_related("enrolment__edition__programme")
        .prefetch_related("events")
    ]


def _writings(user) -> dict:
    return {
        "announcements": [
            {
                "edition": item.edition.name,
                "module": item.module.title if item.module else "",
                "title": item.title,
                "body": item.body,
                "published_at": _when(item.published_at),
            }
            for item in Announcement.objects.filter(author=user).select_related("edition", "module")
        ],
        "discussion_threads": [
            {"module": thread.module.title, "title": thread.title, "at": _when(thread.created_at)}
            for thread in DiscussionThread.objects.filter(author=user).select_related("module")
        ],
        "discussion_posts": [
            {
                "module": post.thread.module.title,
                "thread": post.thread.title,
                "body": post.body,
                "created_at": _when(post.created_at),
                "hidden_by_a_moderator": post.is_hidden,
            }
            for post in DiscussionPost.objects.filter(author=user).select_related("thread__module")
        ],
    }


def _messages(user) -> list[dict]:
    return [
        {
            "edition": message.edition.name,
            "module": message.module.title if message.module else "",
            "from": message.author.get_full_name() or message.author.get_username(),
            "subject": message.subject,
            "body": message.body,
            "sent_at": _when(message.sent_at),
        }
        for message in user.group_messages.select_related("edition", "module", "author")
    ]


def _surveys(ids: list[int]) -> list[dict]:
    return [
        {
            "edition": response.enrolment.edition.name,
            "module": response.module.title if response.module else "",
            "submitted_at": _when(response.submitted_at),
            "answers": [
                {"statement": answer.statement.text, "score": answer.score, "text": answer.text}
                for answer in response.answers.all()
            ],
        }
        for response in SurveyResponse.objects.filter(enrolment_id__in=ids)
        .select_related("enrolment__edition", "module")
        .prefetch_related("answers__statement")
    ]


# The JSON files of a copy, in the order the README explains them.
EXPORT_FILES = (
    "profile.json",
    "applications.json",
    "lesson_progress.json",
    "attendance.json",
    "quiz_attempts.json",
    "submissions.json",
    "grades.json",
    "certificates.json",
    "writings.json",
    "messages_received.json",
    "surveys.json",
)


def export_data(user, archive: _Archive) -> dict[str, object]:
    """Everything held about `user`, by file name of the copy."""
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .select_related("edition__programme")
        .prefetch_related("transitions", "documents")
        .order_by("created_at", "pk")
    )
    ids = [enrolment.pk for enrolment in enrolments]
    return {
        "profile.json": _profile(user),
        "applications.json": _applications(enrolments, archive),
        "lesson_progress.json": _lesson_progress(ids),
        "attendance.json": _attendance(ids),
        "quiz_attempts.json": _quiz_attempts(ids),
        "submissions.json": _submissions(ids, archive),
        "grades.json": _grades(enrolments),
        "certificates.json": _certificates(ids),
        "writings.json": _writings(user),
        "messages_received.json": _messages(user),
        "surveys.json": _surveys(ids),
    }


def build_archive(user, *, language: str) -> bytes:
    """The ZIP of a copy: the JSON files, README.txt in `language` and the files under folders."""
    archive = _Archive()
    with translation.override(language):
        data = export_data(user, archive)
        readme = render_to_string(
            "students/privacy/export_readme.txt",
            {"user": user, "now": timezone.now(), "days": EXPORT_DAYS},
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("README.txt", readme)
        for name, content in data.items():
            text = json.dumps(content, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
            zipped.writestr(name, text)
        for path, field_file in archive.files:
            try:
                with field_file.open("rb") as source:
                    zipped.writestr(path, source.read())
            except FileNotFoundError:
                logger.warning("A file of data export for user %s is missing", user.pk)
    return buffer.getvalue()


# Erasure -------------------------------------------------------------------------------------


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
