"""Admitting, rejecting and deciding in bulk ask first: nothing changes until confirmed."""

import pytest
from django.core import mail
from django.urls import reverse

from diploma.models import Edition
from students.models import Enrolment, EnrolmentTransition
from tests import factories as f

Status = Enrolment.Status


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def applicant(edition: Edition, first_name: str, status: str = Status.SUBMITTED) -> Enrolment:
    user = f.UserFactory(first_name=first_name, last_name="Quispe")
    f.StudentProfileFactory(user=user)
    return f.EnrolmentFactory(user=user, edition=edition, status=status)


def decide_url(enrolment: Enrolment) -> str:
    return reverse("office:application-decide", args=[enrolment.edition.slug, enrolment.pk])


def detail_url(enrolment: Enrolment) -> str:
    return reverse("office:application-detail", args=[enrolment.edition.slug, enrolment.pk])


def bulk_url(edition: Edition) -> str:
    return reverse("office:applications-bulk", args=[edition.slug])


@pytest.fixture
def lucia(world) -> Enrolment:
    return applicant(world.open_edition, "Lucía")


@pytest.mark.parametrize(
    ("decision", "sentence"),
    [
        (Status.ADMITTED, "You are about to admit 1 applicant:"),
        (Status.REJECTED, "You are about to reject 1 applicant:"),
    ],
)
def test_it_asks_before_a_decision_that_cannot_be_undone(client, world, lucia, decision, sentence):
    client.force_login(world.cora)

    response = client.post(decide_url(lucia), {"decision": decision, "note": "See you in May."})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert sentence in html
    assert "Lucía Quispe" in html
    assert f'action="{decide_url(lucia)}"' in html
    assert '<input type="hidden" name="decision" value="' + decision + '">' in html
    assert '<input type="hidden" name="note" value="See you in May.">' in html
    assert '<button type="submit" name="confirm" value="1"' in html
    assert f'href="{detail_url(lucia)}"' in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    lucia.refresh_from_db()
    assert lucia.status == Status.SUBMITTED
    assert lucia.decided_at is None
    assert not EnrolmentTransition.objects.filter(enrolment=lucia).exists()
    assert mail.outbox == []


def test_it_decides_once_confirmed(client, world, lucia):
    client.force_login(world.cora)

    response = client.post(
        decide_url(lucia), {"decision": "admitted", "note": "See you in May.", "confirm": "1"}
    )

    assert response.status_code == 302
    assert response["Location"] == detail_url(lucia)
    lucia.refresh_from_db()
    assert lucia.status == Status.ADMITTED
    transition = EnrolmentTransition.objects.get(enrolment=lucia)
    assert (transition.to_status, transition.note) == (Status.ADMITTED, "See you in May.")


def test_it_waitlists_without_asking(client, world, lucia):
    client.force_login(world.cora)

    response = client.post(decide_url(lucia), {"decision": "waitlisted"})

    assert response.status_code == 302
    lucia.refresh_from_db()
    assert lucia.status == Status.WAITLISTED


def test_it_does_not_ask_about_a_decision_the_status_forbids(client, world):
    rejected = applicant(world.open_edition, "Rosa", Status.REJECTED)
    client.force_login(world.cora)

    response = client.post(decide_url(rejected), {"decision": "admitted"})

    assert response.status_code == 200
    assert "You are about to" not in response.content.decode()
    rejected.refresh_from_db()
    assert rejected.status == Status.REJECTED


def test_it_refuses_the_confirmation_to_a_reviewer(client, world, lucia):
    rita = f.UserFactory(username="rita")
    world.open_edition.reviewers.add(rita)
    client.force_login(rita)

    response = client.post(decide_url(lucia), {"decision": "admitted", "confirm": "1"})

    assert response.status_code == 403
    lucia.refresh_from_db()
    assert lucia.status == Status.SUBMITTED


def test_it_asks_before_a_bulk_decision_and_names_the_applicants(client, world):
    chosen = [applicant(world.open_edition, name) for name in ("Lucía", "Mateo", "Nora")]
    client.force_login(world.cora)

    response = client.post(
        bulk_url(world.open_edition),
        {
            "applications": [e.pk for e in chosen],
            "decision": "admitted",
            "note": "First round.",
            "query": "country=PE",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "You are about to admit 3 applicants:" in html
    for enrolment in chosen:
        assert enrolment.user.get_full_name() in html
        assert f'<input type="hidden" name="applications" value="{enrolment.pk}">' in html
    assert '<input type="hidden" name="query" value="country=PE">' in html
    cancel = reverse("office:applications", args=[world.open_edition.slug]) + "?country=PE"
    assert f'href="{cancel}"' in html
    assert Enrolment.objects.filter(pk__in=[e.pk for e in chosen], status="submitted").count() == 3
    assert not EnrolmentTransition.objects.exists()
    assert mail.outbox == []


def test_it_asks_before_waitlisting_in_bulk(client, world, lucia):
    client.force_login(world.cora)

    response = client.post(
        bulk_url(world.open_edition), {"applications": [lucia.pk], "decision": "waitlisted"}
    )

    assert "You are about to put 1 applicant on the waiting list:" in response.content.decode()
    lucia.refresh_from_db()
    assert lucia.status == Status.SUBMITTED


def test_it_decides_in_bulk_once_confirmed(client, world):
    chosen = [applicant(world.open_edition, name) for name in ("Lucía", "Mateo")]
    client.force_login(world.cora)

    response = client.post(
        bulk_url(world.open_edition),
        {"applications": [e.pk for e in chosen], "decision": "rejected", "confirm": "1"},
    )

    assert response.status_code == 302
    assert {Enrolment.objects.get(pk=e.pk).status for e in chosen} == {Status.REJECTED}
