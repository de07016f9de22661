"""A copy of everything held about a person: asked for, prepared by the worker, sent as a link
that expires after EXPORT_DAYS, and deleted then."""

import datetime as dt
import logging
import secrets
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from diploma.background import background_task, queue_email
from students.data_rights import EXPORT_DAYS, language_of
from students.data_rights.archive import build_archive
from students.models import DataExport

logger = logging.getLogger(__name__)

# A copy still "being prepared" after this long was lost by a worker: it counts as failed, and
# the person may ask again.
STALE_AFTER = dt.timedelta(hours=6)


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
