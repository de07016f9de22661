"""The life of an application: submit, admit, waitlist, reject, withdraw, complete.

Every change of status goes through one of the functions below, which records an
`EnrolmentTransition`. All of them first lock the edition row, so that two coordinators
admitting at the same moment cannot overbook it: PostgreSQL waits on `SELECT ... FOR UPDATE`,
SQLite runs every transaction as IMMEDIATE (see settings) and so serialises writers anyway.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from diploma.models import Edition, EditionQuota
from students import notifications
from students.models import (
    Enrolment,
    EnrolmentTransition,
    StudentProfile,
)

Status = Enrolment.Status

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.SUBMITTED}),
    Status.SUBMITTED: frozenset(
        {Status.ADMITTED, Status.WAITLISTED, Status.REJECTED, Status.WITHDRAWN}
    ),
    Status.WAITLISTED: frozenset({Status.ADMITTED, Status.REJECTED, Status.WITHDRAWN}),
    Status.ADMITTED: frozenset({Status.WITHDRAWN, Status.COMPLETED, Status.NOT_COMPLETED}),
}
DECISIONS = frozenset({Status.ADMITTED, Status.WAITLISTED, Status.REJECTED})
NOTIFIED = DECISIONS | {Status.SUBMITTED}


class AdmissionError(Exception):
    """A change of status that the rules refuse; `message` is meant for the person who asked."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AlreadyApplied(AdmissionError):
    """The applicant already sent an application to this edition."""

    def __init__(self, enrolment: Enrolment) -> None:
        super().__init__(
            _("You have already applied to %(edition)s: your application is %(status)s.")
            % {"edition": enrolment.edition, "status": Status(enrolment.status).label.lower()}
        )
        self.enrolment = enrolment


@dataclass(frozen=True)
class QuotaUsage:
    quota: EditionQuota
    used: int

    @property
    def left(self) -> int:
        return max(0, self.quota.seats - self.used)

    @property
    def is_full(self) -> bool:
        return self.used >= self.quota.seats


def _taken(edition: Edition) -> int:
    return Enrolment.objects.filter(edition=edition).holding_a_seat().count()


def seats_left(edition: Edition) -> int:
    """Seats not yet held by an admitted (or finished) student. Runs one query."""
    return max(0, edition.capacity - _taken(edition))


def _profile_lookup(quota: EditionQuota) -> Q:
    if quota.dimension == EditionQuota.Dimension.COUNTRY:
        return Q(user__profile__country=quota.value.upper())
    return Q(user__profile__sector=quota.value)


def quota_usage(edition: Edition) -> list[QuotaUsage]:
    """How many seats each quota of the edition already uses. Runs two queries."""
    quotas = list(edition.quotas.order_by("dimension", "value"))
    if not quotas:
        return []
    counts = (
        Enrolment.objects.filter(edition=edition)
        .holding_a_seat()
        .aggregate(
            **{f"q{quota.pk}": Count("pk", filter=_profile_lookup(quota)) for quota in quotas}
        )
    )
    return [QuotaUsage(quota=quota, used=counts[f"q{quota.pk}"]) for quota in quotas]


def full_quotas_for(edition: Edition, profile: StudentProfile | None) -> list[QuotaUsage]:
    """The full quotas that an applicant with this profile falls in. Runs two queries."""
    return [
        item for item in quota_usage(edition) if item.is_full and _applies_to(item.quota, profile)
    ]


def window_refusal(edition: Edition, now=None) -> str | None:
    """Why the edition does not take applications now, or None while its window is open."""
    now = now or timezone.now()
    if edition.is_open_for_applications(now):
        return None
    opens, closes = edition.applications_open_at, edition.applications_close_at
    if edition.status == Edition.Status.OPEN and opens and opens > now:
        return _("Applications to %(edition)s open on %(date)s.") % {
            "edition": edition,
            "date": formats.date_format(timezone.localtime(opens), "DATETIME_FORMAT"),
        }
    if closes and closes <= now:
        return _("Applications to %(edition)s closed on %(date)s.") % {
            "edition": edition,
            "date": formats.date_format(timezone.localtime(closes), "DATETIME_FORMAT"),
        }
    return _("The edition %(edition)s is not taking applications.") % {"edition": edition}


def _applies_to(quota: EditionQuota, profile: StudentProfile | None) -> bool:
    if profile is None:
        return False
    if quota.dimension == EditionQuota.Dimension.COUNTRY:
        return bool(profile.country) and profile.country.code == quota.value.upper()
    return bool(profile.sector) and profile.sector == quota.value


def _refusal(
    edition: Edition, profile: StudentProfile | None, taken: int, usage: list[QuotaUsage]
) -> str | None:
    """Why one more applicant with this profile cannot be admitted, or None if they can."""
    if taken >= edition.capacity:
        return _("The edition %(edition)s is full: all its %(capacity)d seats are taken.") % {
            "edition": edition,
            "capacity": edition.capacity,
        }
    for item in usage:
        if item.is_full and _applies_to(item.quota, profile):
            return _(
                "The %(dimension)s quota %(value)s is full: its %(seats)d seats are taken."
            ) % {
                "dimension": item.quota.get_dimension_display().lower(),
                "value": item.quota.value_label,
                "seats": item.quota.seats,
            }
    return None


def lock_edition(enrolment: Enrolment) -> Edition:
    """Lock the enrolment's edition and reload the enrolment's status fields under that lock."""
    edition = (
        Edition.objects.select_for_update(of=("self",))
        .select_related("programme")
        .get(pk=enrolment.edition_id)
    )
    enrolment.refresh_from_db(fields=["status", "waitlist_position", "submitted_at", "decided_at"])
    enrolment.edition = edition
    return edition


def _check_allowed(enrolment: Enrolment, to_status: str) -> None:
    if to_status not in ALLOWED_TRANSITIONS.get(enrolment.status, frozenset()):
        raise AdmissionError(
            _("An application that is %(current)s cannot become %(new)s.")
            % {
                "current": Status(enrolment.status).label.lower(),
                "new": Status(to_status).label.lower(),
            }
        )


def _record(
    enrolment: Enrolment,
    to_status: str,
    by: AbstractBaseUser | None,
    note: str,
    waitlist_position: int | None = None,
) -> None:
    now = timezone.now()
    from_status = enrolment.status
    enrolment.status = to_status
    enrolment.waitlist_position = waitlist_position
    fields = ["status", "waitlist_position", "updated_at"]
    if to_status == Status.SUBMITTED:
        enrolment.submitted_at = now
        fields.append("submitted_at")
    if to_status in DECISIONS:
        enrolment.decided_at = now
        fields.append("decided_at")
    enrolment.save(update_fields=fields)
    transition = EnrolmentTransition.objects.create(
        enrolment=enrolment, from_status=from_status, to_status=to_status, by=by, note=note
    )
    if to_status in NOTIFIED:
        transaction.on_commit(
            partial(notifications.send_transition_email.enqueue, transition.pk), robust=True
        )


def _profile_of(enrolment: Enrolment) -> StudentProfile | None:
    return StudentProfile.objects.filter(user_id=enrolment.user_id).first()


def submit(*, enrolment: Enrolment, by: AbstractBaseUser | None, note: str = "") -> Enrolment:
    """Send a draft application to the coordinators, while the edition takes applications."""
    with transaction.atomic():
        edition = lock_edition(enrolment)
        _check_allowed(enrolment, Status.SUBMITTED)
        if problem := window_refusal(edition):
            raise AdmissionError(problem)
        _record(enrolment, Status.SUBMITTED, by, note)
        enrolment.record_declared_facts()
        transaction.on_commit(
            partial(notifications.send_new_application_emails.enqueue, enrolment.pk), robust=True
        )
    return enrolment


def admit(*, enrolment: Enrolment, by: AbstractBaseUser | None, note: str = "") -> Enrolment:
    """Admit an applicant if the edition has a seat and every quota they fall in has one."""
    with transaction.atomic():
        edition = lock_edition(enrolment)
        _check_allowed(enrolment, Status.ADMITTED)
        problem = _refusal(edition, _profile_of(enrolment), _taken(edition), quota_usage(edition))
        if problem:
            raise AdmissionError(problem)
        _record(enrolment, Status.ADMITTED, by, note)
    return enrolment


def waitlist(*, enrolment: Enrolment, by: AbstractBaseUser | None, note: str = "") -> Enrolment:
    """Put an applicant at the end of the edition's waiting list."""
    with transaction.atomic():
        edition = lock_edition(enrolment)
        _check_allowed(enrolment, Status.WAITLISTED)
        last = Enrolment.objects.filter(edition=edition, status=Status.WAITLISTED).aggregate(
            last=Max("waitlist_position")
        )["last"]
        _record(enrolment, Status.WAITLISTED, by, note, waitlist_position=(last or 0) + 1)
    return enrolment


def reject(*, enrolment: Enrolment, by: AbstractBaseUser | None, note: str = "") -> Enrolment:
    with transaction.atomic():
        lock_edition(enrolment)
        _check_allowed(enrolment, Status.REJECTED)
        _record(enrolment, Status.REJECTED, by, note)
    return enrolment


def withdraw(*, enrolment: Enrolment, by: AbstractBaseUser | None, note: str = "") -> Enrolment:
    """Withdraw an application or an enrolment.

    When an admitted student withdraws from an edition that promotes automatically, the
    first waitlisted applicant who fits the quotas takes the seat in the same transaction.
    """
    with transaction.atomic():
        edition = lock_edition(enrolment)
        _check_allowed(enrolment, Status.WITHDRAWN)
        held_a_seat = enrolment.status == Status.ADMITTED
        _record(enrolment, Status.WITHDRAWN, by, note)
        if held_a_seat and edition.waitlist_promotion == Edition.WaitlistPromotion.AUTOMATIC:
            _promote_from_waitlist(edition)
    return enrolment


def _promote_from_waitlist(
    edition: Edition, by: AbstractBaseUser | None = None, note: str = ""
) -> Enrolment | None:
    """Admit the first waitlisted applicant who fits; runs a constant number of queries.

    Without `by` the transition has no author: the platform, not a person, made this decision.
    """
    taken = _taken(edition)
    usage = quota_usage(edition)
    candidates = (
        Enrolment.objects.filter(edition=edition, status=Status.WAITLISTED)
        .select_related("user__profile")
        .order_by(
            F("waitlist_position").asc(nulls_last=True), F("submitted_at").asc(nulls_last=True)
        )
    )
    for candidate in candidates:
        profile = getattr(candidate.user, "profile", None)
        if _refusal(edition, profile, taken, usage) is None:
            _record(
                candidate,
                Status.ADMITTED,
                by,
                note or _("Admitted from the waiting list: a seat was freed."),
            )
            return candidate
    return None


def mark_completed(
    *, enrolment: Enrolment, by: AbstractBaseUser | None, note: str = ""
) -> Enrolment:
    with transaction.atomic():
        lock_edition(enrolment)
        _check_allowed(enrolment, Status.COMPLETED)
        _record(enrolment, Status.COMPLETED, by, note)
    return enrolment


def mark_not_completed(
    *, enrolment: Enrolment, by: AbstractBaseUser | None, note: str = ""
) -> Enrolment:
    with transaction.atomic():
        lock_edition(enrolment)
        _check_allowed(enrolment, Status.NOT_COMPLETED)
        _record(enrolment, Status.NOT_COMPLETED, by, note)
    return enrolment


def offer_freed_seat(*, edition: Edition, by: AbstractBaseUser | None) -> Enrolment:
    """Admit the first waitlisted applicant who fits a free seat and the quotas.

    The one click of editions whose coordinators offer freed seats themselves.
    """
    with transaction.atomic():
        edition = Edition.objects.select_for_update(of=("self",)).get(pk=edition.pk)
        if not Enrolment.objects.filter(edition=edition, status=Status.WAITLISTED).exists():
            raise AdmissionError(
                _("Nobody is on the waiting list of %(edition)s.") % {"edition": edition}
            )
        if problem := _refusal(edition, None, _taken(edition), []):
            raise AdmissionError(problem)
        promoted = _promote_from_waitlist(
            edition, by=by, note=_("Offered a freed seat from the waiting list.")
        )
        if promoted is None:
            raise AdmissionError(
                _("No one on the waiting list fits the quotas that still have seats.")
            )
    return promoted


DECIDE = {
    Status.ADMITTED: admit,
    Status.WAITLISTED: waitlist,
    Status.REJECTED: reject,
}


def decide(
    *, enrolment: Enrolment, decision: str, by: AbstractBaseUser | None, note: str = ""
) -> Enrolment:
    """Admit, waitlist or reject, as `decision` (a status among DECISIONS) says."""
    return DECIDE[decision](enrolment=enrolment, by=by, note=note)


def decide_many(
    *,
    enrolments: Iterable[Enrolment],
    decision: str,
    by: AbstractBaseUser | None,
    note: str = "",
) -> tuple[list[Enrolment], list[tuple[Enrolment, str]]]:
    """Apply one decision to several applications, each in its own transaction.

    Returns the applications decided and those refused with the reason: when the last seat
    goes halfway through, the first ones stay admitted and the rest are reported.
    """
    done, refused = [], []
    for enrolment in enrolments:
        try:
            decide(enrolment=enrolment, decision=decision, by=by, note=note)
        except AdmissionError as error:
            refused.append((enrolment, error.message))
        else:
            done.append(enrolment)
    return done, refused
