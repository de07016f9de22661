"""An application in the office: its page, reviews, decisions one by one and in bulk."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.urls import reverse

from diploma.models import Edition, EditionQuota
from students.models import ApplicationDocument, Enrolment, EnrolmentTransition, ReviewerScore
from tests import factories as f

Status = Enrolment.Status
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def applicant(edition: Edition, status: str = Status.SUBMITTED, **profile) -> Enrolment:
    user = f.UserFactory()
    f.StudentProfileFactory(user=user, **profile)
    return f.EnrolmentFactory(user=user, edition=edition, status=status)


def url(name: str, enrolment: Enrolment, *more) -> str:
    return reverse(f"office:{name}", args=[enrolment.edition.slug, enrolment.pk, *more])


def bulk_url(edition: Edition) -> str:
    return reverse("office:applications-bulk", args=[edition.slug])


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def lucia(world) -> Enrolment:
    return applicant(world.open_edition, country="PE")


@pytest.fixture
def reviewer(world):
    user = f.UserFactory(username="rita", first_name="Rita")
    world.open_edition.reviewers.add(user)
    return user


@pytest.fixture
def other_reviewer(world):
    user = f.UserFactory(username="otto", first_name="Otto")
    world.other_edition.reviewers.add(user)
    return user


def attach(enrolment: Enrolment) -> ApplicationDocument:
    document = ApplicationDocument(
        enrolment=enrolment, kind="cv", original_name="cv-lucia.pdf", size=len(PDF)
    )
    document.file.save("stored.pdf", ContentFile(PDF), save=True)
    return document


def test_it_shows_an_application_with_its_reviews_and_history(client, world, lucia, reviewer):
    attach(lucia)
    ReviewerScore.objects.create(enrolment=lucia, reviewer=reviewer, score=4, comment="Solid.")
    ReviewerScore.objects.create(enrolment=lucia, reviewer=world.cora, score=3)
    client.force_login(world.cora)

    response = client.get(url("application-detail", lucia))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert lucia.statement in html
    assert "cv-lucia.pdf" in html
    assert "Solid." in html
    assert "3.5" in html
    assert response.context["is_coordinator"]
    assert [value for value, _label in response.context["decisions"]] == [
        Status.ADMITTED,
        Status.WAITLISTED,
        Status.REJECTED,
    ]
    assert response.context["review_form"].instance.score == 3


def test_it_does_not_show_drafts_in_the_office(client, world):
    draft = applicant(world.open_edition, Status.DRAFT)
    client.force_login(world.cora)

    assert client.get(url("application-detail", draft)).status_code == 404


def test_it_shows_an_application_only_within_its_edition(client, world, lucia):
    client.force_login(world.cora)
    wrong = reverse("office:application-detail", args=[world.edition.slug, lucia.pk])

    assert client.get(wrong).status_code == 404


def test_it_refuses_a_reviewer_of_another_edition(client, world, lucia, other_reviewer):
    document = attach(lucia)
    client.force_login(other_reviewer)

    assert client.get(url("application-detail", lucia)).status_code == 404
    assert client.get(url("document", lucia, document.pk)).status_code == 404
    assert client.post(url("application-review", lucia), {"score": 5}).status_code == 404
    assert not ReviewerScore.objects.exists()


@pytest.mark.parametrize("persona", ["ana", "carla", "ivan", "pablo"])
def test_it_refuses_people_who_neither_review_nor_coordinate(client, world, lucia, persona):
    document = attach(lucia)
    client.force_login(getattr(world, persona))

    assert client.get(url("application-detail", lucia)).status_code == 403
    assert client.get(url("document", lucia, document.pk)).status_code == 403
    response = client.post(url("application-decide", lucia), {"decision": "admitted"})
    assert response.status_code == 403
    lucia.refresh_from_db()
    assert lucia.status == Status.SUBMITTED


@pytest.mark.parametrize("name", ["application-decide", "application-review"])
def test_it_sends_a_visitor_to_the_login_page(client, world, lucia, name):
    response = client.post(url(name, lucia), {"decision": "admitted", "score": 5})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("name", ["application-decide", "application-review"])
def test_it_refuses_get_on_a_write(client, world, lucia, name):
    client.force_login(world.cora)

    assert client.get(url(name, lucia)).status_code == 405


def test_it_lets_coordinators_and_reviewers_download_documents(client, world, lucia, reviewer):
    document = attach(lucia)

    for person in (world.cora, reviewer, world.root):
        client.force_login(person)
        response = client.get(url("document", lucia, document.pk))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF


def test_it_refuses_a_document_of_another_application_by_direct_url(client, world, lucia):
    other = attach(applicant(world.other_edition))
    client.force_login(world.cora)

    assert client.get(url("document", lucia, other.pk)).status_code == 404


def test_it_records_a_reviewers_score_and_comment(client, world, lucia, reviewer):
    client.force_login(reviewer)

    response = client.post(url("application-review", lucia), {"score": "4", "comment": "Fits."})
    client.post(url("application-review", lucia), {"score": "5", "comment": "Even better."})

    assert response.status_code == 302
    assert response["Location"] == url("application-detail", lucia)
    review = ReviewerScore.objects.get()
    assert (review.reviewer, review.score, review.comment) == (reviewer, 5, "Even better.")


@pytest.mark.parametrize("score", ["", "0", "6", "five"])
def test_it_refuses_a_score_outside_1_to_5_and_keeps_the_comment(
    client, world, lucia, reviewer, score
):
    client.force_login(reviewer)

    response = client.post(
        url("application-review", lucia), {"score": score, "comment": "A long comment."}
    )

    assert response.status_code == 200
    assert "score" in response.context["review_form"].errors
    assert "A long comment." in response.content.decode()
    assert not ReviewerScore.objects.exists()


def test_it_lets_a_reviewer_score_but_not_decide(client, world, lucia, reviewer):
    client.force_login(reviewer)

    page = client.get(url("application-detail", lucia))
    response = client.post(url("application-decide", lucia), {"decision": "admitted"})

    assert not page.context["is_coordinator"]
    assert url("application-decide", lucia) not in page.content.decode()
    assert response.status_code == 403
    lucia.refresh_from_db()
    assert lucia.status == Status.SUBMITTED


@pytest.mark.parametrize("decision", [Status.ADMITTED, Status.WAITLISTED, Status.REJECTED])
def test_it_records_a_decision_with_its_note(client, world, lucia, decision):
    client.force_login(world.cora)

    response = client.post(
        url("application-decide", lucia),
        {"decision": decision, "note": "Committee of May.", "confirm": "1"},
    )

    assert response.status_code == 302
    assert response["Location"] == url("application-detail", lucia)
    lucia.refresh_from_db()
    assert lucia.status == decision
    assert lucia.decided_at is not None
    transition = EnrolmentTransition.objects.get(enrolment=lucia)
    assert (transition.from_status, transition.to_status) == (Status.SUBMITTED, decision)
    assert (transition.by, transition.note) == (world.cora, "Committee of May.")


def test_it_admits_from_the_waiting_list(client, world):
    waiting = applicant(world.open_edition, Status.WAITLISTED)
    client.force_login(world.cora)

    client.post(url("application-decide", waiting), {"decision": "admitted", "confirm": "1"})

    waiting.refresh_from_db()
    assert waiting.status == Status.ADMITTED


def test_it_refuses_to_admit_into_a_full_edition_and_keeps_the_note(client, world):
    edition = world.open_edition
    edition.capacity = 1
    edition.save(update_fields=["capacity"])
    applicant(edition, Status.ADMITTED)
    latecomer = applicant(edition)
    client.force_login(world.cora)

    response = client.post(
        url("application-decide", latecomer),
        {"decision": "admitted", "note": "Keep me.", "confirm": "1"},
    )

    assert response.status_code == 200
    assert "is full" in " ".join(messages_of(response))
    assert "Keep me." in response.content.decode()
    latecomer.refresh_from_db()
    assert latecomer.status == Status.SUBMITTED


def test_it_refuses_to_admit_beyond_a_country_quota(client, world):
    EditionQuota.objects.create(
        edition=world.open_edition, dimension="country", value="PE", seats=1
    )
    applicant(world.open_edition, Status.ADMITTED, country="PE")
    peruvian = applicant(world.open_edition, country="PE")
    client.force_login(world.cora)

    page = client.get(url("application-detail", peruvian))
    response = client.post(
        url("application-decide", peruvian), {"decision": "admitted", "confirm": "1"}
    )

    assert [usage.quota.value for usage in page.context["full_quotas"]] == ["PE"]
    assert "quota Peru is full" in " ".join(messages_of(response))
    peruvian.refresh_from_db()
    assert peruvian.status == Status.SUBMITTED


def test_it_refuses_a_decision_the_status_does_not_allow(client, world):
    rejected = applicant(world.open_edition, Status.REJECTED)
    client.force_login(world.cora)

    page = client.get(url("application-detail", rejected))
    response = client.post(url("application-decide", rejected), {"decision": "admitted"})

    assert page.context["decisions"] == []
    assert response.status_code == 200
    assert "cannot become admitted" in " ".join(messages_of(response))
    rejected.refresh_from_db()
    assert rejected.status == Status.REJECTED


def test_it_refuses_an_unknown_decision(client, world, lucia):
    client.force_login(world.cora)

    response = client.post(url("application-decide", lucia), {"decision": "withdrawn"})

    assert response.status_code == 200
    lucia.refresh_from_db()
    assert lucia.status == Status.SUBMITTED


def test_it_decides_on_several_applications_at_once(client, world):
    chosen = [applicant(world.open_edition) for _ in range(3)]
    untouched = applicant(world.open_edition)
    client.force_login(world.cora)

    response = client.post(
        bulk_url(world.open_edition),
        {
            "applications": [e.pk for e in chosen],
            "decision": "waitlisted",
            "note": "First round.",
            "query": "country=PE&status=submitted",
            "confirm": "1",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == (
        reverse("office:applications", args=[world.open_edition.slug])
        + "?country=PE&status=submitted"
    )
    for enrolment in chosen:
        enrolment.refresh_from_db()
        assert enrolment.status == Status.WAITLISTED
    assert sorted(e.waitlist_position for e in chosen) == [1, 2, 3]
    untouched.refresh_from_db()
    assert untouched.status == Status.SUBMITTED
    assert EnrolmentTransition.objects.filter(note="First round.", by=world.cora).count() == 3


def test_it_admits_in_bulk_until_the_edition_is_full(client, world):
    edition = world.open_edition
    edition.capacity = 2
    edition.save(update_fields=["capacity"])
    chosen = [applicant(edition) for _ in range(3)]
    client.force_login(world.cora)

    response = client.post(
        bulk_url(edition),
        {"applications": [e.pk for e in chosen], "decision": "admitted", "confirm": "1"},
    )

    statuses = [Enrolment.objects.get(pk=e.pk).status for e in chosen]
    assert statuses == [Status.ADMITTED, Status.ADMITTED, Status.SUBMITTED]
    texts = messages_of(response)
    assert "2 applications are now admitted." in texts
    assert any("is full" in text for text in texts)


def test_it_refuses_a_bulk_decision_without_applications(client, world):
    client.force_login(world.cora)

    response = client.post(bulk_url(world.open_edition), {"decision": "admitted"})

    assert response.status_code == 302
    assert "Tick at least one application." in messages_of(response)


def test_it_refuses_bulk_decisions_on_another_editions_applications(client, world):
    elsewhere = applicant(world.other_edition)
    client.force_login(world.cora)

    client.post(
        bulk_url(world.open_edition),
        {"applications": [elsewhere.pk], "decision": "rejected", "confirm": "1"},
    )

    elsewhere.refresh_from_db()
    assert elsewhere.status == Status.SUBMITTED


def test_it_refuses_bulk_decisions_to_a_reviewer(client, world, reviewer, lucia):
    client.force_login(reviewer)

    response = client.post(
        bulk_url(world.open_edition), {"applications": [lucia.pk], "decision": "rejected"}
    )

    assert response.status_code == 403
    lucia.refresh_from_db()
    assert lucia.status == Status.SUBMITTED


def test_it_offers_a_freed_seat_by_one_click(client, world):
    edition = world.open_edition
    edition.capacity = 1
    edition.waitlist_promotion = Edition.WaitlistPromotion.MANUAL
    edition.save(update_fields=["capacity", "waitlist_promotion"])
    holder = applicant(edition, Status.ADMITTED)
    first = applicant(edition, Status.WAITLISTED)
    first.waitlist_position = 1
    first.save(update_fields=["waitlist_position"])
    client.force_login(holder.user)
    client.post(reverse("apply:withdraw", args=[edition.slug]))
    first.refresh_from_db()
    assert first.status == Status.WAITLISTED
    client.force_login(world.cora)

    page = client.get(reverse("office:applications", args=[edition.slug]))
    response = client.post(reverse("office:applications-offer-seat", args=[edition.slug]))

    offer = reverse("office:applications-offer-seat", args=[edition.slug])
    assert offer in page.content.decode()
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == Status.ADMITTED
    transition = first.transitions.get(to_status=Status.ADMITTED)
    assert transition.by == world.cora


def test_it_refuses_to_offer_a_seat_when_none_is_free(client, world):
    edition = world.open_edition
    edition.capacity = 1
    edition.save(update_fields=["capacity"])
    applicant(edition, Status.ADMITTED)
    waiting = applicant(edition, Status.WAITLISTED)
    client.force_login(world.cora)

    response = client.post(reverse("office:applications-offer-seat", args=[edition.slug]))

    assert "is full" in " ".join(messages_of(response))
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED
