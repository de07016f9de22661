"""Attendance at live sessions: who is expected, the instructor's sheet, QR check-in, and the
one count of attendance that every page shows.

A student is expected at a session that started after they joined (their admission, or their
enrolment when no decision date is recorded). A session counts once it has ended and attendance
was taken for anyone at all; then a student without a record missed it. An excused absence is
neither attended nor missed: it leaves the count. Attended sessions (present or late) add their
length to the student's hours.

Each write is one keyword-only function that runs in a transaction; the views only parse forms
and call them.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import LiveSession
from diploma.content_versions import progress_changed
from students.models import Attendance, Enrolment

CHECK_IN_OPENS_BEFORE = dt.timedelta(minutes=15)
LATE_AFTER = dt.timedelta(minutes=15)
ATTENDED = (Attendance.Status.PRESENT, Attendance.Status.LATE)


class CheckInRefused(Exception):
    pass


@dataclass
class Tally:
    """One student's attendance over some sessions, see tally."""

    attended: int = 0
    counted: int = 0
    excused: int = 0
    minutes: int = 0
    still_to_come: int = 0
    """Sessions not held yet at which the student is expected."""

    @property
    def share(self) -> Decimal | None:
        """Percentage of the counted sessions attended; None before any session counts."""
        if not self.counted:
            return None
        return Decimal(self.attended * 100) / self.counted

    @property
    def percent(self) -> int | None:
        """The share as a whole percentage, rounded down so that a page never overstates it:
        the one every page shows."""
        if not self.counted:
            return None
        return self.attended * 100 // self.counted

    @property
    def best_share(self) -> Decimal | None:
        """The share if the student attends every session still to come."""
        total = self.counted + self.still_to_come
        if not total:
            return None
        return Decimal((self.attended + self.still_to_come) * 100) / total


def expects(enrolment: Enrolment, session: LiveSession) -> bool:
    return enrolment.joined_at <= session.starts_at


def sessions_with_taken(sessions: QuerySet[LiveSession]) -> list[LiveSession]:
    """The sessions with `taken`: whether attendance was recorded for anyone. One query."""
    taken = Exists(Attendance.objects.filter(session=OuterRef("pk")))
    return list(sessions.annotate(taken=taken).only("pk", "module_id", "starts_at", "ends_at"))


def tally(
    enrolments: Sequence[Enrolment], sessions: Sequence[LiveSession], *, now: dt.datetime
) -> dict[int, Tally]:
    """The attendance of each enrolment at these sessions (from sessions_with_taken), by
    enrolment id. One query, none without sessions."""
    records: dict[int, dict[int, str]] = defaultdict(dict)
    if sessions and enrolments:
        rows = Attendance.objects.filter(
            enrolment__in=[enrolment.pk for enrolment in enrolments],
            session__in=[session.pk for session in sessions],
        ).values_list("enrolment_id", "session_id", "status")
        for enrolment_id, session_id, status in rows:
            records[enrolment_id][session_id] = status
    result = {}
    for enrolment in enrolments:
        mine, counts = records.get(enrolment.pk, {}), Tally()
        for session in sessions:
            status = mine.get(session.pk)
            if status in ATTENDED:
                counts.minutes += session.minutes
            if not expects(enrolment, session):
                continue
            if session.ends_at > now:
                counts.still_to_come += 1
            elif session.taken and status == Attendance.Status.EXCUSED:
                counts.excused += 1
            elif session.taken:
                counts.counted += 1
                counts.attended += status in ATTENDED
        result[enrolment.pk] = counts
    return result


def session_roster(session: LiveSession) -> QuerySet[Enrolment]:
    """Active students of the session's edition who are expected at it (see expects)."""
    return (
        Enrolment.objects.active()
        .filter(edition_id=session.module.edition_id)
        .alias(joined=Coalesce("decided_at", "created_at"))
        .filter(joined__lte=session.starts_at)
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
        progress_changed(statuses)
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
        progress_changed([enrolment.pk])
    return attendance
