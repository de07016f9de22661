"""Announcements to a module's students: published on the platform and e-mailed to each
student in the language of their profile, in the background once the transaction that stored
the announcement commits: a rolled-back announcement never reaches anyone's inbox. A correction
or a deletion afterwards is kept in the announcement's history and e-mails no one.
"""

import logging

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation

from courses.models import Announcement, Module
from diploma.background import background_task, queue_email
from students.models import Enrolment

logger = logging.getLogger(__name__)


def _mailed_enrolments(edition_id: int) -> QuerySet[Enrolment]:
    return Enrolment.objects.active().filter(edition_id=edition_id).exclude(user__email="")


def recipient_count(module: Module) -> int:
    """How many students an announcement to this module is e-mailed to: one query."""
    return _mailed_enrolments(module.edition_id).count()


def _recipients(announcement: Announcement) -> list[tuple[str, str, str]]:
    """(name, e-mail, language) of the active students of the announcement's edition."""
    rows = (
        _mailed_enrolments(announcement.edition_id)
        .values_list(
            "user__first_name", "user__username", "user__email", "user__profile__preferred_language"
        )
        .order_by("pk")
    )
    return [
        (first_name or username, email, language or settings.LANGUAGE_CODE)
        for first_name, username, email, language in rows
    ]


@background_task
def send_announcement(announcement_id: int) -> int:
    """Queue the announcement to each student in their language; the number of messages."""
    announcement = (
        Announcement.objects.select_related("module", "edition__programme", "author")
        .filter(pk=announcement_id)
        .first()
    )
    if announcement is None:
        return 0
    module = announcement.module
    if module is not None:
        module.edition = announcement.edition
    url = settings.SITE_URL + (module.get_absolute_url() if module is not None else "/learn/")
    recipients = _recipients(announcement)
    for name, email, language in recipients:
        with translation.override(language):
            context = {"announcement": announcement, "module": module, "url": url, "name": name}
            subject = render_to_string("emails/announcement_subject.txt", context)
            body = render_to_string("emails/announcement.txt", context)
        queue_email(subject, body, [email])
    logger.info("Queued announcement %s to %s students", announcement.pk, len(recipients))
    return len(recipients)


def post_announcement(
    *, module: Module, author: AbstractBaseUser, title: str, body: str
) -> Announcement:
    """Publish an announcement to the module's students and e-mail them once it is stored."""
    with transaction.atomic():
        announcement = Announcement.objects.create(
            edition_id=module.edition_id, module=module, author=author, title=title, body=body
        )
        transaction.on_commit(lambda: send_announcement.enqueue(announcement.pk))
    return announcement


def edit_announcement(*, announcement: Announcement, title: str, body: str) -> Announcement:
    """Correct a published announcement: students see it marked as edited; no e-mail."""
    announcement.title, announcement.body = title, body
    announcement.edited_at = timezone.now()
    announcement.save(update_fields=["title", "body", "edited_at"])
    return announcement


def delete_announcement(*, announcement: Announcement) -> None:
    """Take an announcement off the students' pages; its history keeps what it said."""
    announcement.delete()
