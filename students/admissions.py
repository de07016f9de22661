"""The life of an application: submit, admit, waitlist, reject, withdraw, complete.

Every change of status goes through one of the functions below, which records an
`EnrolmentTransition`. All of them first lock the edition row, so that two coordinators
admitting at the same moment cannot overbook it: PostgreSQL waits on `SELECT ... FOR UPDATE`,
SQLite runs every transaction as IMMEDIATE (see settings) and so serialises writers anyway.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from diploma.models import Edition, EditionQuota
from students.models import Enrolment, EnrolmentTransition, StudentProfile

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


class AdmissionError(Exception):
    """A change of status that the rules refuse; `message` is meant for the person who asked."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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
                "value": item.quota.value,
                "seats": item.quota.seats,
            }
    return None


def _lock(enrolment: Enrolment) -> Edition:
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
    EnrolmentTransition.objects.create(
        enrolment=enrolment, from_status=from_status, to_status=to_status, by=by, note=note
    )


def _profile_of(enrolment: Enrolment) -> StudentProfile | None:
    return StudentProfile.objects.filter(user_id=enrolment.user_id).first()


def submit(*, enrolment: Enrolment, by: AbstractBaseUser | None, note: str = "") -> Enrolment:
    """Send a draft application to the coordinators, while the edition takes applications."""
    with transaction.atomic():
        edition = _lock(enrolment)
        _check_allowed(enrolment, Status.SUBMITTED)
        if not edition.is_open_for_applications():
            raise AdmissionError(
                _("The edition %(edition)s is not taking applications.") % {"edition": edition}
            )
        _record(enrolment, Status.SUBMITTED, by, note)
    return enrolment


def admit(*, enrolment: Enrolment, by: AbstractBaseUser | None, note: str = "") -> Enrolment:
    """Admit an applicant if the edition has a seat and every quota they fall in has one."""
    with transaction.atomic():
        edition = _lock(enrolment)
        _check_allowed(enrolment, Status.ADMITTED)
        problem = _refusal(edition, _profile_of(enrolment), _taken(edition), quota_usage(edition))
        if problem:
            raise AdmissionError(problem)
        _record(enrolment, Status.ADMITTED, by, note)
    return enrolment


def waitlist(*, enrolment: Enrolment, by: AbstractBaseUser | None, note: str = "") -> Enrolment:
    """Put an applicant at the end of the edition's waiting list."""
    with transaction.atomic():
        edition = _lock(enrolment)
        _check_allowed(enrolment, Status.WAITLISTED)
        last = Enrolment.objects.filter(edition=edition, status=Status.WAITLISTED).aggregate(
            last=Max("waitlist_position")
        )["last"]
        _record(enrolment, Status.WAITLISTED, by, note, waitlist_position=(last or 0) + 1)
    return enrolment


def reject(*, enrolment: Enrolment, by: AbstractBaseUser | None, note: str = "") -> Enrolment:
    with transaction.atomic():
        _lock(enrolment)
        _check_allowed(enrolment, Status.REJECTED)
        _record(enrolment, Status.REJECTED, by, note)
    return enrolment


def withdraw(*, enrolment: Enrolment, by: AbstractBaseUser | None, note: str = "") -> Enrolment:
    """Withdraw an application or an enrolment.

    When an admitted student withdraws from an edition that promotes automatically, the
    first waitlisted applicant who fits the quotas takes the seat in the same transaction.
    """
    with transaction.atomic():
        edition = _lock(enrolment)
        _check_allowed(enrolment, Status.WITHDRAWN)
        held_a_seat = enrolment.status == Status.ADMITTED
        _record(enrolment, Status.WITHDRAWN, by, note)
        if held_a_seat and edition.waitlist_promotion == Edition.WaitlistPromotion.AUTOMATIC:
            _promote_from_waitlist(edition)
    return enrolment


def _promote_from_waitlist(edition: Edition) -> Enrolment | None:
    """Admit the first waitlisted applicant who fits; runs a constant number of queries.

    The transition has no author: the platform, not a person, made this decision.
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
                None,
                _("Admitted from the waiting list: a seat was freed."),
            )
            return candidate
    return None


def mark_completed(
    *, enrolment: Enrolment, by: AbstractBaseUser | None, note: str = ""
) -> Enrolment:
    with transaction.atomic():
        _lock(enrolment)
        _check_allowed(enrolment, Status.COMPLETED)
        _record(enrolment, Status.COMPLETED, by, note)
    return enrolment


def mark_not_completed(
    *, enrolment: Enrolment, by: AbstractBaseUser | None, note: str = ""
) -> Enrolment:
    with transaction.atomic():
        _lock(enrolment)
        _check_allowed(enrolment, Status.NOT_COMPLETED)
        _record(enrolment, Status.NOT_COMPLETED, by, note)
    return enrolment
