"""Attendance at live sessions: who is expected, the instructor's sheet, QR check-in.

Each operation is one keyword-only function that runs in a transaction; the views only parse
forms and call them.
"""

import datetime as dt
from collections.abc import Mapping

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import (
    LiveSession,
)
from students.models import Attendance, Enrolment

CHECK_IN_OPENS_BEFORE = dt.timedelta(minutes=15)


LATE_AFTER = dt.timedelta(minutes=15)


class CheckInRefused(Exception):
    pass


def session_roster(session: LiveSession) -> QuerySet[Enrolment]:
    """Active students of the session's edition who were enrolled when it started.

    The enrolment date is the admission decision, or the creation of the enrolment when it
    has none; students admitted later are not expected at the session.
    """
    return (
        Enrolment.objects.active()
        .filter(edition_id=session.module.edition_id)
        .alias(enrolled_at=Coalesce("decided_at", "created_at"))
        .filter(enrolled_at__lte=session.starts_at)
    )


def record_attendance(
    *, session: LiveSession, statuses: Mapping[int, str], by: AbstractBaseUser
) -> int:
    """Store the status of each enrolment id in one upsert; refuses ids not on the roster."""
    roster = session_roster(session).filter(pk__in=list(statuses))
    allowed = set(roster.values_list("pk", flat=True))
    unknown = set(statuses) - allowed
    if unknown:
        raise ValueError(f"Not on the roster of session {session.pk}: {sorted(unknown)}")
    valid = set(Attendance.Status.values)
    if not set(statuses.values()) <= valid:
        raise ValueError(f"Unknown attendance status in {set(statuses.values()) - valid}")
    now = timezone.now()
    rows = [
        Attendance(
            enrolment_id=enrolment_id,
            session=session,
            status=status,
            recorded_by=by,
            recorded_at=now,
        )
        for enrolment_id, status in statuses.items()
    ]
    with transaction.atomic():
        Attendance.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["enrolment", "session"],
            update_fields=["status", "recorded_by", "recorded_at"],
        )
    return len(rows)


def check_in(
    *, session: LiveSession, enrolment: Enrolment, now: dt.datetime | None = None
) -> Attendance:
    """Mark a student who scanned the session's code present, or late after 15 minutes.

    Idempotent: a second scan keeps the first record; only an "absent" mark is replaced.
    """
    now = now or timezone.now()
    if not enrolment.is_active or enrolment.edition_id != session.module.edition_id:
        raise CheckInRefused(_("You are not an active student of this module's edition."))
    if now < session.starts_at - CHECK_IN_OPENS_BEFORE:
        raise CheckInRefused(_("Check-in for this session has not opened yet."))
    if now > session.ends_at:
        raise CheckInRefused(_("This session has ended: check-in is closed."))
    status = Attendance.Status.PRESENT
    if now > session.starts_at + LATE_AFTER:
        status = Attendance.Status.LATE
    with transaction.atomic():
        attendance, created = Attendance.objects.select_for_update().get_or_create(
            enrolment=enrolment,
            session=session,
            defaults={"status": status, "recorded_by": enrolment.user},
        )
        if not created and attendance.status == Attendance.Status.ABSENT:
            attendance.status, attendance.recorded_by = status, enrolment.user
            attendance.save(update_fields=["status", "recorded_by", "recorded_at"])
        enrolment.last_activity_at = now
        enrolment.save(update_fields=["last_activity_at"])
    return attendance
