"""E-mails to applicants: on submission and on each decision, in their language, after commit."""

import pytest
from django.db import transaction
from django.utils import formats, translation

from students import admissions
from students.models import Enrolment
from tests import factories as f

Status = Enrolment.Status


def applicant(edition, language: str = "es", status: str = Status.DRAFT) -> Enrolment:
    user = f.UserFactory(username=f"applicant-{language}", first_name="Lucía")
    f.StudentProfileFactory(user=user, preferred_language=language)
    return f.EnrolmentFactory(user=user, edition=edition, status=status)


def long_date(value, language: str) -> str:
    with translation.override(language):
        return formats.date_format(value, "DATE_FORMAT")


@pytest.mark.parametrize(
    ("operation", "start"),
    [
        (admissions.submit, Status.DRAFT),
        (admissions.admit, Status.SUBMITTED),
        (admissions.waitlist, Status.SUBMITTED),
        (admissions.reject, Status.SUBMITTED),
    ],
)
def test_it_writes_to_the_applicant_on_submission_and_each_decision(
    world, mailoutbox, django_capture_on_commit_callbacks, operation, start
):
    enrolment = applicant(world.open_edition, language="en", status=start)

    with django_capture_on_commit_callbacks(execute=True):
        operation(enrolment=enrolment, by=world.cora, note="See you in Lima.")

    [message] = [m for m in mailoutbox if m.to == [enrolment.user.email]]
    assert str(world.open_edition) in message.subject
    assert "\n" not in message.subject
    assert "Lucía" in message.body
    assert long_date(world.open_edition.starts_on, "en") in message.body
    assert f"/apply/{world.open_edition.slug}/status/" in message.body
    if operation is not admissions.submit:
        assert "See you in Lima." in message.body


@pytest.mark.parametrize("language", ["es", "en"])
def test_it_writes_in_the_applicants_language(
    world, mailoutbox, django_capture_on_commit_callbacks, language
):
    enrolment = applicant(world.open_edition, language=language, status=Status.SUBMITTED)
    other = "en" if language == "es" else "es"

    with translation.override(other), django_capture_on_commit_callbacks(execute=True):
        admissions.admit(enrolment=enrolment, by=world.cora)

    [message] = mailoutbox
    starts_on = world.open_edition.starts_on
    assert long_date(starts_on, language) in message.body
    assert long_date(starts_on, other) not in message.body


def test_it_tells_a_waitlisted_applicant_their_place(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    first = applicant(world.open_edition, language="en", status=Status.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        admissions.waitlist(enrolment=first, by=world.cora)

    assert "1" in mailoutbox[0].body
    assert "waiting list" in mailoutbox[0].body


def test_it_says_when_a_seat_came_from_the_waiting_list(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    edition = world.open_edition
    edition.capacity = 1
    edition.save(update_fields=["capacity"])
    holder = f.EnrolmentFactory(user=world.bruno, edition=edition, status=Status.ADMITTED)
    waiting = applicant(edition, language="en", status=Status.WAITLISTED)

    with django_capture_on_commit_callbacks(execute=True):
        admissions.withdraw(enrolment=holder, by=world.bruno)

    [message] = mailoutbox
    assert message.to == [waiting.user.email]
    assert "a seat was freed" in message.body


def test_it_sends_nothing_when_the_transaction_rolls_back(world, mailoutbox):
    enrolment = applicant(world.open_edition, status=Status.SUBMITTED)

    with pytest.raises(RuntimeError), transaction.atomic():
        admissions.admit(enrolment=enrolment, by=world.cora)
        raise RuntimeError("the request failed later")

    assert mailoutbox == []
    enrolment.refresh_from_db()
    assert enrolment.status == Status.SUBMITTED


def test_it_sends_nothing_on_withdrawal_or_completion(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    enrolment = applicant(world.open_edition, status=Status.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        admissions.withdraw(enrolment=enrolment, by=enrolment.user)

    assert mailoutbox == []


def test_it_skips_an_applicant_without_an_address(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    enrolment = applicant(world.open_edition, status=Status.SUBMITTED)
    enrolment.user.email = ""
    enrolment.user.save(update_fields=["email"])

    with django_capture_on_commit_callbacks(execute=True):
        admissions.reject(enrolment=enrolment, by=world.cora)

    assert mailoutbox == []
