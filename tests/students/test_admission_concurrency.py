"""Coordinators admitting at the same moment through the office never overbook an edition."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from diploma.models import EditionQuota
from students.models import Enrolment
from tests import factories as f
from tests.concurrency import at_once

Status = Enrolment.Status

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Needs PostgreSQL: SQLite test databases are not shared between threads.",
    ),
    pytest.mark.django_db(transaction=True),
]


def applicant(edition, country: str = "PE") -> Enrolment:
    profile = f.StudentProfileFactory(country=country)
    return f.EnrolmentFactory(user=profile.user, edition=edition, status=Status.SUBMITTED)


def admit_all_at_once(edition, coordinators, enrolments) -> list[int]:
    """Each coordinator ticks one application and presses "Admit" at the same moment."""
    url = reverse("office:applications-bulk", args=[edition.slug])

    def press(coordinator, enrolment):
        client = Client()
        client.force_login(coordinator)
        return lambda: (
            client.post(
                url, {"applications": [enrolment.pk], "decision": "admitted", "confirm": "1"}
            ).status_code
        )

    return at_once([
        press(coordinator, enrolment)
        for coordinator, enrolment in zip(coordinators, enrolments, strict=True)
    ])  # fmt: skip


def test_it_admits_exactly_the_capacity_through_the_bulk_view():
    edition = f.OpenEditionFactory(capacity=3)
    coordinators = [f.UserFactory() for _ in range(8)]
    edition.coordinators.add(*coordinators)
    enrolments = [applicant(edition) for _ in range(8)]

    statuses = admit_all_at_once(edition, coordinators, enrolments)

    assert statuses == [302] * 8
    assert Enrolment.objects.filter(edition=edition, status=Status.ADMITTED).count() == 3
    assert Enrolment.objects.filter(edition=edition, status=Status.SUBMITTED).count() == 5


def test_it_never_exceeds_a_country_quota_through_the_bulk_view():
    edition = f.OpenEditionFactory(capacity=10)
    EditionQuota.objects.create(edition=edition, dimension="country", value="PE", seats=2)
    coordinators = [f.UserFactory() for _ in range(6)]
    edition.coordinators.add(*coordinators)
    enrolments = [applicant(edition, country="PE") for _ in range(6)]

    admit_all_at_once(edition, coordinators, enrolments)

    assert Enrolment.objects.filter(edition=edition, status=Status.ADMITTED).count() == 2
