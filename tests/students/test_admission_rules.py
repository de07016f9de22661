import pytest
from django.db import connection

from diploma.models import Edition, EditionQuota
from students import admissions
from students.admissions import AdmissionError
from students.models import Enrolment, EnrolmentTransition
from tests import factories as f
from tests.concurrency import at_once

Status = Enrolment.Status

OPERATIONS = {
    Status.SUBMITTED: admissions.submit,
    Status.ADMITTED: admissions.admit,
    Status.WAITLISTED: admissions.waitlist,
    Status.REJECTED: admissions.reject,
    Status.WITHDRAWN: admissions.withdraw,
    Status.COMPLETED: admissions.mark_completed,
    Status.NOT_COMPLETED: admissions.mark_not_completed,
}
ALLOWED = [
    (Status.DRAFT, Status.SUBMITTED),
    (Status.SUBMITTED, Status.ADMITTED),
    (Status.SUBMITTED, Status.WAITLISTED),
    (Status.SUBMITTED, Status.REJECTED),
    (Status.SUBMITTED, Status.WITHDRAWN),
    (Status.WAITLISTED, Status.ADMITTED),
    (Status.WAITLISTED, Status.REJECTED),
    (Status.WAITLISTED, Status.WITHDRAWN),
    (Status.ADMITTED, Status.WITHDRAWN),
    (Status.ADMITTED, Status.COMPLETED),
    (Status.ADMITTED, Status.NOT_COMPLETED),
]
FORBIDDEN = [
    (current, new)
    for current in Status.values
    for new in OPERATIONS
    if (current, new) not in ALLOWED
]


@pytest.fixture
def edition(db) -> Edition:
    return f.OpenEditionFactory(capacity=3)


@pytest.fixture
def coordinator(db):
    return f.UserFactory(username="cora")


def applicant(
    edition: Edition, status: str = Status.SUBMITTED, country: str = "PE", sector: str = "public"
) -> Enrolment:
    profile = f.StudentProfileFactory(country=country, sector=sector)
    return f.EnrolmentFactory(user=profile.user, edition=edition, status=status)


@pytest.mark.parametrize(("current", "new"), ALLOWED)
def test_it_allows_the_transition(edition, coordinator, current, new):
    enrolment = applicant(edition, status=current)

    OPERATIONS[new](enrolment=enrolment, by=coordinator, note="Checked by the committee.")

    enrolment.refresh_from_db()
    assert enrolment.status == new
    transition = EnrolmentTransition.objects.get(enrolment=enrolment)
    assert (transition.from_status, transition.to_status) == (current, new)
    assert transition.by == coordinator
    assert transition.note == "Checked by the committee."


@pytest.mark.parametrize(("current", "new"), FORBIDDEN)
def test_it_refuses_the_transition(edition, coordinator, current, new):
    enrolment = applicant(edition, status=current)

    with pytest.raises(AdmissionError) as refusal:
        OPERATIONS[new](enrolment=enrolment, by=coordinator)

    assert refusal.value.message
    enrolment.refresh_from_db()
    assert enrolment.status == current
    assert not EnrolmentTransition.objects.filter(enrolment=enrolment).exists()


def test_it_reads_the_status_from_the_database_not_from_a_stale_object(edition, coordinator):
    enrolment = applicant(edition)
    stale = Enrolment.objects.get(pk=enrolment.pk)
    admissions.reject(enrolment=enrolment, by=coordinator)

    with pytest.raises(AdmissionError):
        admissions.admit(enrolment=stale, by=coordinator)

    assert stale.status == Status.REJECTED


def test_it_stamps_submission_and_decision_times(edition, coordinator):
    enrolment = applicant(edition, status=Status.DRAFT)
    enrolment.submitted_at = None
    enrolment.save(update_fields=["submitted_at"])

    admissions.submit(enrolment=enrolment, by=enrolment.user)
    assert enrolment.submitted_at is not None
    assert enrolment.decided_at is None
    admissions.admit(enrolment=enrolment, by=coordinator)

    enrolment.refresh_from_db()
    assert enrolment.decided_at >= enrolment.submitted_at


def test_it_refuses_a_submission_when_the_edition_is_closed(coordinator):
    running = f.EditionFactory()
    enrolment = applicant(running, status=Status.DRAFT)

    with pytest.raises(AdmissionError):
        admissions.submit(enrolment=enrolment, by=enrolment.user)

    enrolment.refresh_from_db()
    assert enrolment.status == Status.DRAFT


def test_it_refuses_a_full_edition(edition, coordinator):
    for _ in range(3):
        applicant(edition, status=Status.ADMITTED)
    latecomer = applicant(edition)

    with pytest.raises(AdmissionError, match="3"):
        admissions.admit(enrolment=latecomer, by=coordinator)

    latecomer.refresh_from_db()
    assert latecomer.status == Status.SUBMITTED
    assert admissions.seats_left(edition) == 0


def test_it_counts_finished_students_as_holding_seats(edition, coordinator):
    applicant(edition, status=Status.COMPLETED)
    applicant(edition, status=Status.NOT_COMPLETED)
    applicant(edition, status=Status.WITHDRAWN)
    applicant(edition, status=Status.REJECTED)
    applicant(edition, status=Status.WAITLISTED)

    assert admissions.seats_left(edition) == 1


def test_it_refuses_a_full_country_quota(edition, coordinator):
    EditionQuota.objects.create(edition=edition, dimension="country", value="PE", seats=1)
    applicant(edition, status=Status.ADMITTED, country="PE")
    peruvian = applicant(edition, country="PE")
    chilean = applicant(edition, country="CL")

    with pytest.raises(AdmissionError, match="Perú"):
        admissions.admit(enrolment=peruvian, by=coordinator)
    admissions.admit(enrolment=chilean, by=coordinator)

    peruvian.refresh_from_db()
    assert peruvian.status == Status.SUBMITTED
    assert chilean.status == Status.ADMITTED


def test_it_refuses_a_full_sector_quota(edition, coordinator):
    EditionQuota.objects.create(edition=edition, dimension="sector", value="academia", seats=1)
    applicant(edition, status=Status.ADMITTED, sector="academia")
    academic = applicant(edition, sector="academia")

    with pytest.raises(AdmissionError, match="Academia"):
        admissions.admit(enrolment=academic, by=coordinator)
    admissions.admit(enrolment=applicant(edition, sector="public"), by=coordinator)

    academic.refresh_from_db()
    assert academic.status == Status.SUBMITTED


def test_it_reports_quota_usage(edition):
    EditionQuota.objects.create(edition=edition, dimension="country", value="PE", seats=2)
    EditionQuota.objects.create(edition=edition, dimension="sector", value="academia", seats=1)
    applicant(edition, status=Status.ADMITTED, country="PE", sector="academia")
    applicant(edition, status=Status.WAITLISTED, country="PE", sector="public")

    usage = {
        (item.quota.dimension, item.quota.value): item for item in admissions.quota_usage(edition)
    }

    assert usage["country", "PE"].used == 1
    assert usage["country", "PE"].left == 1
    assert usage["sector", "academia"].is_full


def test_it_gives_waitlisted_applicants_the_next_position(edition, coordinator):
    first, second, third = applicant(edition), applicant(edition), applicant(edition)

    for enrolment in (first, second, third):
        admissions.waitlist(enrolment=enrolment, by=coordinator)
    admissions.admit(enrolment=first, by=coordinator)

    assert (second.waitlist_position, third.waitlist_position) == (2, 3)
    first.refresh_from_db()
    assert first.waitlist_position is None


def full_edition_with_waitlist(promotion: str, coordinator):
    edition = f.OpenEditionFactory(capacity=1, waitlist_promotion=promotion)
    holder = applicant(edition, status=Status.ADMITTED)
    first = applicant(edition)
    second = applicant(edition)
    admissions.waitlist(enrolment=first, by=coordinator)
    admissions.waitlist(enrolment=second, by=coordinator)
    return edition, holder, first, second


def test_it_offers_a_freed_seat_to_the_first_waitlisted_applicant(coordinator):
    _, holder, first, second = full_edition_with_waitlist("automatic", coordinator)

    admissions.withdraw(enrolment=holder, by=holder.user)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.ADMITTED
    assert first.waitlist_position is None
    assert second.status == Status.WAITLISTED
    promotion = first.transitions.get(to_status=Status.ADMITTED)
    assert promotion.from_status == Status.WAITLISTED
    assert promotion.by is None
    assert promotion.note


def test_it_skips_waitlisted_applicants_whose_quota_is_full(coordinator):
    edition, holder, first, second = full_edition_with_waitlist("automatic", coordinator)
    EditionQuota.objects.create(edition=edition, dimension="country", value="PE", seats=0)
    profile = second.user.profile
    profile.country = "BO"
    profile.save(update_fields=["country"])

    admissions.withdraw(enrolment=holder, by=coordinator)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.WAITLISTED
    assert second.status == Status.ADMITTED


def test_it_leaves_the_seat_to_the_coordinator_when_promotion_is_manual(coordinator):
    edition, holder, first, _second = full_edition_with_waitlist("manual", coordinator)

    admissions.withdraw(enrolment=holder, by=coordinator)

    first.refresh_from_db()
    assert first.status == Status.WAITLISTED
    assert admissions.seats_left(edition) == 1


def test_it_promotes_nobody_when_a_waitlisted_applicant_withdraws(coordinator):
    _, _holder, first, second = full_edition_with_waitlist("automatic", coordinator)

    admissions.withdraw(enrolment=first, by=first.user)

    second.refresh_from_db()
    assert second.status == Status.WAITLISTED


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs PostgreSQL: SQLite test databases are not shared between threads.",
)
@pytest.mark.django_db(transaction=True)
def test_it_never_overbooks_under_concurrent_admissions():
    edition = f.OpenEditionFactory(capacity=3)
    pks = [applicant(edition).pk for _ in range(10)]
    applications = [Enrolment.objects.get(pk=pk) for pk in pks]

    outcomes = at_once([
        lambda enrolment=enrolment: admissions.admit(enrolment=enrolment, by=None)
        for enrolment in applications
    ])  # fmt: skip

    refusals = [outcome for outcome in outcomes if isinstance(outcome, AdmissionError)]

    assert Enrolment.objects.filter(edition=edition, status=Status.ADMITTED).count() == 3
    assert len(refusals) == 7
