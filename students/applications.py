"""An applicant's file: the draft with its documents, sending it, the reviewers' scores.

Decisions on the application (admit, waitlist, reject...) are the state machine of
students/admissions.py.
"""

import secrets
from collections.abc import Mapping
from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from diploma.models import Edition
from diploma.uploads import extension_of, shortened
from students.admissions import (
    AdmissionError,
    AlreadyApplied,
    lock_edition,
    submit,
    window_refusal,
)
from students.models import (
    APPLICATION_IN_PROGRESS,
    ApplicationDocument,
    Enrolment,
    ReviewerScore,
    StudentProfile,
)

Status = Enrolment.Status


def _stored_name(upload: UploadedFile) -> str:
    """An unguessable name in storage: the file's original name is kept on the row."""
    return f"{secrets.token_urlsafe(18)}.{extension_of(upload.name)}"


def _store_documents(
    enrolment: Enrolment, documents: Mapping[str, UploadedFile]
) -> list[ApplicationDocument]:
    """Save the new files and rows; the files they replace are deleted once committed."""
    replaced = list(enrolment.documents.filter(kind__in=list(documents)))
    created = []
    try:
        for kind, upload in documents.items():
            document = ApplicationDocument(
                enrolment=enrolment,
                kind=kind,
                original_name=shortened(upload.name, 200),
                size=upload.size,
            )
            document.file.save(_stored_name(upload), upload, save=False)
            created.append(document)
        for document in replaced:
            document.delete()
        ApplicationDocument.objects.bulk_create(created)
    except Exception:
        for document in created:
            document.file.delete(save=False)
        raise
    for document in replaced:
        transaction.on_commit(partial(document.file.storage.delete, document.file.name))
    return created


def save_application(
    *,
    user: AbstractBaseUser,
    edition: Edition,
    statement: str,
    documents: Mapping[str, UploadedFile],
    profile: StudentProfile | None = None,
) -> Enrolment:
    """Create or update the user's draft application, its documents and, if given, the profile.

    Refused while the edition's window is closed, and once the application has been sent.
    """
    with transaction.atomic():
        if problem := window_refusal(edition):
            raise AdmissionError(problem)
        enrolment, _created = Enrolment.objects.select_for_update().get_or_create(
            user=user, edition=edition, defaults={"status": Status.DRAFT}
        )
        enrolment.edition = edition
        if enrolment.status != Status.DRAFT:
            raise AlreadyApplied(enrolment)
        enrolment.statement = statement
        enrolment.last_activity_at = timezone.now()
        enrolment.save(update_fields=["statement", "last_activity_at", "updated_at"])
        _store_documents(enrolment, documents)
        if profile is not None:
            profile.user = user
            profile.save()
    return enrolment


def document_kinds(edition: Edition) -> list[ApplicationDocument.Kind]:
    """The kinds of document the edition asks for, ignoring unknown names."""
    known = ApplicationDocument.Kind.values
    return [
        ApplicationDocument.Kind(kind)
        for kind in dict.fromkeys(edition.required_document_kinds())
        if kind in known
    ]


def missing_for_submission(enrolment: Enrolment, edition: Edition) -> list[str]:
    """What the applicant must still give before submitting, as sentences. Runs two queries."""
    problems = []
    if not enrolment.statement.strip():
        problems.append(_("Write your motivation statement."))
    uploaded = set(enrolment.documents.values_list("kind", flat=True))
    missing = [str(kind.label) for kind in document_kinds(edition) if kind not in uploaded]
    if missing:
        problems.append(_("Upload these documents: %(kinds)s.") % {"kinds": ", ".join(missing)})
    profile = StudentProfile.objects.filter(user_id=enrolment.user_id).first()
    fields = (profile or StudentProfile()).missing_for_application()
    if fields:
        names = [str(StudentProfile._meta.get_field(name).verbose_name) for name in fields]
        problems.append(_("Complete your profile: %(fields)s.") % {"fields": ", ".join(names)})
    return problems


def submit_application(*, enrolment: Enrolment, by: AbstractBaseUser | None) -> Enrolment:
    """The applicant sends a complete draft; a full edition still takes it, for its waitlist."""
    with transaction.atomic():
        edition = lock_edition(enrolment)
        if enrolment.status != Status.DRAFT:
            raise AlreadyApplied(enrolment)
        if problem := window_refusal(edition):
            raise AdmissionError(problem)
        if problems := missing_for_submission(enrolment, edition):
            raise AdmissionError(
                _("Your application is not complete yet.") + " " + " ".join(problems)
            )
        submit(enrolment=enrolment, by=by)
    return enrolment


def save_review(
    *, enrolment: Enrolment, reviewer: AbstractBaseUser, score: int, comment: str = ""
) -> ReviewerScore:
    """Record or change the reviewer's score (1-5) and comment on an application."""
    review, _created = ReviewerScore.objects.update_or_create(
        enrolment=enrolment, reviewer=reviewer, defaults={"score": score, "comment": comment}
    )
    return review


def applications_of(user: AbstractBaseUser) -> QuerySet[Enrolment]:
    """The user's applications that are not (or not yet) an enrolment, newest first."""
    return (
        Enrolment.objects.filter(APPLICATION_IN_PROGRESS, user=user)
        .select_related("edition__programme")
        .order_by("-created_at")
    )
