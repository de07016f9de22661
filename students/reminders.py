"""Reminder e-mails: 24 hours before a live session, 48 hours before a quiz closes or an
assignment is due that the student has not handed in yet.

Only active students of the edition, with an e-mail address, who have not turned the kind off
in their profile. Each reminder is one ReminderSent row, inserted in the same transaction that
queues the e-mail: a second run, or a run on another server at the same moment, meets the
unique row and sends nothing. A deadline moved later is a new due date, and reminded again.
"""

import datetime as dt
import logging
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import Assignment, LiveSession, Quiz
from diploma.background import background_task, queue_email
from students.models import Enrolment, QuizAttempt, ReminderSent, Submission

logger = logging.getLogger(__name__)

SESSION_NOTICE = dt.timedelta(hours=24)
DEADLINE_NOTICE = dt.timedelta(hours=48)
HANDED_IN = (QuizAttempt.Status.SUBMITTED, QuizAttempt.Status.GRADED)


@dataclass
class Reminder:
    kind: str
    thing: LiveSession | Quiz | Assignment
    """With `module.edition.programme`."""
    due_at: dt.datetime
    enrolment: Enrolment
    """With `user.profile`."""


def _students(edition_id: int, switch: str):
    """Active students of the edition who want this kind of reminder and can receive it."""
    wants = Q(user__profile__isnull=True) | Q(**{f"user__profile__{switch}": True})
    return (
        Enrolment.objects.active()
        .filter(wants, edition_id=edition_id, user__is_active=True)
        .exclude(user__email="")
        .select_related("user__profile")
        .order_by("pk")
    )


def due_reminders(now: dt.datetime) -> list[Reminder]:
    """The reminders due at `now`, sent or not. Three queries plus one per item due."""
    related = ("module__edition__programme",)
    reminders = []
    sessions = LiveSession.objects.filter(
        starts_at__gt=now, starts_at__lte=now + SESSION_NOTICE
    ).select_related(*related)
    for session in sessions:
        for enrolment in _students(session.module.edition_id, "remind_sessions"):
            # Only those expected at it: who joined before it starts.
            if enrolment.joined_at <= session.starts_at:
                reminders.append(
                    Reminder(ReminderSent.Kind.SESSION, session, session.starts_at, enrolment)
                )
    soon = {"gt": now, "lte": now + DEADLINE_NOTICE}
    quizzes = Quiz.objects.filter(
        is_published=True, closes_at__gt=soon["gt"], closes_at__lte=soon["lte"]
    ).select_related(*related)
    for quiz in quizzes:
        handed_in = QuizAttempt.objects.filter(
            enrolment=OuterRef("pk"), quiz=quiz, status__in=HANDED_IN
        )
        students = _students(quiz.module.edition_id, "remind_deadlines").filter(~Exists(handed_in))
        reminders += [Reminder(ReminderSent.Kind.QUIZ, quiz, quiz.closes_at, e) for e in students]
    assignments = Assignment.objects.filter(
        is_published=True, due_at__gt=soon["gt"], due_at__lte=soon["lte"]
    ).select_related(*related)
    for assignment in assignments:
        submitted = Submission.objects.filter(enrolment=OuterRef("pk"), assignment=assignment)
        students = _students(assignment.module.edition_id, "remind_deadlines").filter(
            ~Exists(submitted)
        )
        reminders += [
            Reminder(ReminderSent.Kind.ASSIGNMENT, assignment, assignment.due_at, e)
            for e in students
        ]
    return reminders


def send(reminder: Reminder) -> bool:
    """Record the reminder and queue its e-mail, together; False if it was already sent."""
    enrolment = reminder.enrolment
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                user=enrolment.user, kind=reminder.kind, object_id=reminder.thing.pk,
                due_at=reminder.due_at,
            )  # fmt: skip
            subject, body = _email(reminder)
            queue_email(subject, body, [enrolment.user.email])
    except IntegrityError:
        return False
    return True


def _email(reminder: Reminder) -> tuple[str, str]:
    user = reminder.enrolment.user
    profile = getattr(user, "profile", None)
    edition = reminder.thing.module.edition
    zone = zoneinfo.ZoneInfo((profile and profile.time_zone) or edition.time_zone)
    module = reminder.thing.module
    url = settings.SITE_URL + module.get_absolute_url()
    if reminder.kind == ReminderSent.Kind.QUIZ:
        url += f"quizzes/{reminder.thing.slug}/"
    elif reminder.kind == ReminderSent.Kind.ASSIGNMENT:
        url += f"assignments/{reminder.thing.slug}/"
    language = (profile and profile.preferred_language) or settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(zone):
        context = {
            "name": user.first_name or user.get_username(),
            "thing": reminder.thing,
            "module": module,
            "edition": edition,
            "due_at": reminder.due_at,
            "time_zone": zone.key,
            "url": url,
            "profile_url": settings.SITE_URL + reverse("accounts:profile-edit"),
        }
        name = f"emails/reminder_{reminder.kind}"
        subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
        body = render_to_string(f"{name}.txt", context)
    return subject, body


def send_due_reminders(now: dt.datetime | None = None) -> int:
    """Send every reminder due and not sent yet; the number sent."""
    sent = sum(send(reminder) for reminder in _not_sent(due_reminders(now or timezone.now())))
    if sent:
        logger.info("Queued %d reminders", sent)
    return sent


def _not_sent(reminders: list[Reminder]) -> Iterable[Reminder]:
    """Leave out, in one query, those already recorded; the unique row still decides."""
    if not reminders:
        return []
    known = set(
        ReminderSent.objects.filter(
            user__in={r.enrolment.user_id for r in reminders},
            due_at__gte=min(r.due_at for r in reminders),
        ).values_list("user_id", "kind", "object_id", "due_at")
    )
    return [
        r for r in reminders if (r.enrolment.user_id, r.kind, r.thing.pk, r.due_at) not in known
    ]


@background_task
def send_reminders() -> int:
    """The scheduled job (settings.SCHEDULED_TASKS): every 15 minutes."""
    return send_due_reminders()
