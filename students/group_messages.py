"""Messages from an instructor or a coordinator to a filtered group of an edition's active
students: all of them, those who have not submitted an assignment, or those behind on the
edition (the standing of students/completion.py).

The message stays on the platform for its recipients only, and is e-mailed to each of them in
the language of their profile once the transaction that stored it commits.
"""

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from courses.models import Assignment, Module
from diploma.background import background_task, queue_email
from diploma.models import Edition
from students.completion import Standing, completion_for
from students.models import Enrolment, GroupMessage, Submission

logger = logging.getLogger(__name__)

ALL = "all"
BEHIND = "behind"
NOT_SUBMITTED = "not-submitted-"


def assignments_in_scope(edition: Edition, module: Module | None) -> list[Assignment]:
    """The published assignments a message may be about: the module's, or the edition's."""
    assignments = Assignment.objects.filter(module__edition=edition, is_published=True)
    if module is not None:
        assignments = assignments.filter(module=module)
    return list(assignments.select_related("module").defer("instructions").order_by("due_at"))


def group_choices(assignments: Sequence[Assignment]) -> list[tuple[str, str]]:
    return [
        (ALL, _("All active students")),
        (BEHIND, _("Students behind or at risk in the edition")),
        *(
            (
                f"{NOT_SUBMITTED}{assignment.pk}",
                _("Students who have not submitted “%(title)s”") % {"title": assignment.title},
            )
            for assignment in assignments
        ),
    ]


@dataclass
class Group:
    key: str
    label: str
    enrolments: list[Enrolment]
    """Active enrolments in the group, with their `user`, by name."""

    @property
    def users(self) -> list[AbstractBaseUser]:
        return [enrolment.user for enrolment in self.enrolments]


def group_of(
    *,
    edition: Edition,
    key: str,
    assignments: Sequence[Assignment],
    now: dt.datetime | None = None,
) -> Group:
    """The active students of `edition` in the group named `key` (one of group_choices);
    ValueError for a key that names no group. A fixed number of queries."""
    labels = dict(group_choices(assignments))
    if key not in labels:
        raise ValueError(f"Unknown group {key!r}")
    enrolments = (
        Enrolment.objects.active()
        .filter(edition=edition)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    if key.startswith(NOT_SUBMITTED):
        submitted = Submission.objects.filter(
            enrolment=OuterRef("pk"), assignment_id=int(key.removeprefix(NOT_SUBMITTED))
        )
        enrolments = enrolments.filter(~Exists(submitted))
    enrolments = list(enrolments)
    if key == BEHIND:
        records = completion_for(edition, enrolments, now=now or timezone.now())
        behind = (Standing.BEHIND, Standing.AT_RISK)
        enrolments = [e for e in enrolments if records[e.pk].standing in behind]
    return Group(key, str(labels[key]), enrolments)


def send_group_message(
    *,
    edition: Edition,
    module: Module | None,
    author: AbstractBaseUser,
    group: Group,
    subject: str,
    body: str,
) -> GroupMessage:
    """Store the message for the group's students and e-mail them once it is stored."""
    with transaction.atomic():
        message = GroupMessage.objects.create(
            edition=edition, module=module, author=author, group=group.label[:200],
            subject=subject, body=body,
        )  # fmt: skip
        message.recipients.set(group.users)
        transaction.on_commit(lambda: send_group_message_emails.enqueue(message.pk))
    return message


@background_task
def send_group_message_emails(message_id: int) -> int:
    """Queue the message to each recipient in their language; the number of e-mails."""
    message = (
        GroupMessage.objects.select_related("author", "edition__programme", "module")
        .filter(pk=message_id)
        .first()
    )
    if message is None:
        return 0
    url = settings.SITE_URL + reverse("learn:message-detail", args=[message.pk])
    rows = (
        message.recipients.exclude(email="")
        .values_list("first_name", "username", "email", "profile__preferred_language")
        .order_by("pk")
    )
    reply_to = [message.author.email] if message.author.email else None
    for first_name, username, email, language in rows:
        with translation.override(language or settings.LANGUAGE_CODE):
            context = {"message": message, "name": first_name or username, "url": url}
            subject = render_to_string("emails/group_message_subject.txt", context)
            text = render_to_string("emails/group_message.txt", context)
        queue_email(subject, text, [email], reply_to=reply_to)
    logger.info("Queued message %s to %s people", message.pk, len(rows))
    return len(rows)


def messages_to(user: AbstractBaseUser) -> QuerySet[GroupMessage]:
    """The messages the user received, newest first."""
    return GroupMessage.objects.filter(recipients=user).select_related(
        "author", "edition__programme", "module"
    )


def get_message_for_recipient(request: HttpRequest, message_id: int) -> GroupMessage:
    """A message the user received; 404 for anyone else, its author included, who reads it
    in the teaching workspace."""
    return get_object_or_404(messages_to(request.user), pk=message_id)


def messages_sent(edition: Edition, module: Module | None) -> QuerySet[GroupMessage]:
    """The messages sent about a module, or to the whole edition, newest first."""
    sent = GroupMessage.objects.filter(edition=edition, module=module)
    return sent.select_related("author").annotate(recipient_count=Count("recipients"))
