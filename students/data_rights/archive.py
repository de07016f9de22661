"""What goes in a copy: a JSON file per kind of record, the files the person uploaded, and a
README in their language."""

import datetime as dt
import io
import json
import logging
import zipfile

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.fields.files import FieldFile
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import get_valid_filename

from courses.models import Announcement, DiscussionPost, DiscussionThread
from students.certificates import verification_url
from students.completion import completion_of
from students.data_rights import EXPORT_DAYS
from students.models import (
    Attendance,
    CalendarFeed,
    Certificate,
    Enrolment,
    LessonProgress,
    QuizAttempt,
    StudentProfile,
    Submission,
    SurveyResponse,
)

logger = logging.getLogger(__name__)


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
