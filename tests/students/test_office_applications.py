"""The review screen of an edition's applications, its filters, counters and exports."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from diploma.models import EditionQuota
from students.models import Enrolment, ReviewerScore
from tests import factories as f

Status = Enrolment.Status


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def list_url(edition) -> str:
    return reverse("office:applications", args=[edition.slug])


def export_url(edition) -> str:
    return reverse("office:applications-export", args=[edition.slug])


def applicant(edition, status=Status.SUBMITTED, username=None, **profile) -> Enrolment:
    user = f.UserFactory(**({"username": username} if username else {}))
    f.StudentProfileFactory(user=user, **profile)
    return f.EnrolmentFactory(user=user, edition=edition, status=status)


@pytest.fixture
def applications(world) -> dict[str, Enrolment]:
    edition = world.open_edition
    return {
        "lucia": applicant(
            edition, username="lucia", country="PE", sector="public", gender="woman"
        ),
        "mateo": applicant(
            edition, username="mateo", country="BO", sector="academia", gender="man"
        ),
        "sofia": applicant(
            edition,
            Status.WAITLISTED,
            username="sofia",
            country="PE",
            sector="civil_society",
            gender="",
        ),
        "draft": applicant(edition, Status.DRAFT, username="dario", country="CL"),
    }


@pytest.fixture
def reviewer(world):
    user = f.UserFactory(username="rita", first_name="Rita")
    world.open_edition.reviewers.add(user)
    return user


def test_it_sends_a_visitor_to_the_login_page(client, world):
    response = client.get(list_url(world.open_edition))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_lists_the_sent_applications_but_not_drafts(client, world, applications):
    client.force_login(world.cora)

    response = client.get(list_url(world.open_edition))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    listed = set(response.context["page"].object_list)
    assert listed == {applications["lucia"], applications["mateo"], applications["sofia"]}
    assert (
        reverse(
            "office:application-detail", args=[world.open_edition.slug, applications["lucia"].pk]
        )
        in html
    )
    assert 'name="applications"' in html
    assert reverse("office:applications-bulk", args=[world.open_edition.slug]) in html


def test_it_offers_a_select_all_box_that_needs_javascript_and_has_a_label(
    client, world, applications
):
    client.force_login(world.cora)

    html = client.get(list_url(world.open_edition)).content.decode()

    # Hidden until the script shows it; without JavaScript each box is ticked on its own.
    assert (
        '<span class="js-select-all" hidden><input type="checkbox" class="form-check-input"'
        ' id="select-all" aria-controls="applications-rows">'
    ) in html
    assert (
        '<label class="visually-hidden" for="select-all">'
        "Select all the applications on this page</label>"
    ) in html
    assert '<tbody id="applications-rows">' in html
    assert html.count('name="applications"') == 3
    assert '<script src="/static/js/applications.js" defer></script>' in html
    assert "<script>" not in html


def test_it_offers_no_select_all_box_to_a_reviewer_or_on_an_empty_page(
    client, world, applications, reviewer
):
    client.force_login(reviewer)
    as_reviewer = client.get(list_url(world.open_edition)).content.decode()
    client.force_login(world.cora)
    empty = client.get(list_url(world.open_edition), {"status": "rejected"}).content.decode()

    for html in (as_reviewer, empty):
        assert 'id="select-all"' not in html
        assert "js/applications.js" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "waitlisted"}, {"sofia"}),
        ({"country": "PE"}, {"lucia", "sofia"}),
        ({"sector": "academia"}, {"mateo"}),
        ({"gender": "woman"}, {"lucia"}),
        ({"gender": "none"}, {"sofia"}),
        ({"country": "PE", "status": "submitted"}, {"lucia"}),
        ({"country": "XX", "status": "nonsense"}, {"lucia", "mateo", "sofia"}),
    ],
)
def test_it_filters_the_applications(client, world, applications, query, expected):
    client.force_login(world.cora)

    response = client.get(list_url(world.open_edition), query)

    assert {e.user.username for e in response.context["page"].object_list} == expected


def test_it_orders_by_average_score(client, world, applications, reviewer):
    ReviewerScore.objects.create(enrolment=applications["mateo"], reviewer=reviewer, score=5)
    ReviewerScore.objects.create(enrolment=applications["mateo"], reviewer=world.cora, score=4)
    ReviewerScore.objects.create(enrolment=applications["lucia"], reviewer=reviewer, score=2)
    client.force_login(world.cora)

    response = client.get(list_url(world.open_edition), {"order": "score"})

    rows = list(response.context["page"].object_list)
    assert [e.user.username for e in rows] == ["mateo", "lucia", "sofia"]
    assert rows[0].average_score == 4.5
    assert rows[0].review_count == 2
    assert "4.5" in response.content.decode()


def test_it_shows_seats_left_quotas_and_counts(client, world, applications):
    EditionQuota.objects.create(
        edition=world.open_edition, dimension="country", value="PE", seats=2
    )
    applicant(world.open_edition, Status.ADMITTED, country="PE")
    client.force_login(world.cora)

    response = client.get(list_url(world.open_edition))

    assert response.context["seats_left"] == world.open_edition.capacity - 1
    [usage] = response.context["quota_usage"]
    assert (usage.used, usage.left) == (1, 1)
    counts = {value: count for _label, count, value in response.context["counts"]}
    assert counts[Status.SUBMITTED] == 2
    assert counts[Status.WAITLISTED] == 1
    assert counts[Status.ADMITTED] == 1
    assert Status.DRAFT not in counts


def test_its_queries_do_not_grow_with_the_applications(
    client, world, reviewer, django_assert_num_queries
):
    EditionQuota.objects.create(
        edition=world.open_edition, dimension="sector", value="public", seats=9
    )
    client.force_login(world.cora)
    url = list_url(world.open_edition)
    one = applicant(world.open_edition)
    ReviewerScore.objects.create(enrolment=one, reviewer=reviewer, score=3)
    client.get(url)  # what the site caches per user (the menu's roles) is now warm
    with CaptureQueriesContext(connection) as with_one:
        assert client.get(url).status_code == 200

    for number in range(29):
        enrolment = applicant(world.open_edition, country=["PE", "BO", "EC"][number % 3])
        ReviewerScore.objects.create(enrolment=enrolment, reviewer=reviewer, score=4)
    assert Enrolment.objects.filter(edition=world.open_edition).count() == 30

    with django_assert_num_queries(len(with_one)):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 30


def test_it_lets_a_reviewer_read_only_the_editions_they_review(client, world, reviewer):
    client.force_login(reviewer)

    assert client.get(list_url(world.open_edition)).status_code == 200
    assert client.get(list_url(world.edition)).status_code == 404
    assert client.get(list_url(world.other_edition)).status_code == 404


def test_it_hides_decisions_and_exports_from_a_reviewer(client, world, applications, reviewer):
    client.force_login(reviewer)

    response = client.get(list_url(world.open_edition))

    html = response.content.decode()
    assert not response.context["is_coordinator"]
    assert 'name="applications"' not in html
    assert export_url(world.open_edition) not in html
    assert client.get(export_url(world.open_edition)).status_code == 403


@pytest.mark.parametrize("persona", ["ana", "carla", "ivan", "olga", "pablo"])
def test_it_refuses_everyone_else(client, world, persona):
    client.force_login(getattr(world, persona))

    assert client.get(list_url(world.open_edition)).status_code == 403
    assert client.get(reverse("office:admissions")).status_code == 403


def test_it_refuses_a_coordinator_the_editions_of_others(client, world):
    client.force_login(world.cora)

    assert client.get(list_url(world.other_edition)).status_code == 404


def test_it_lists_the_editions_a_reviewer_reviews(client, world, reviewer, applications):
    client.force_login(reviewer)

    response = client.get(reverse("office:admissions"))

    assert response.status_code == 200
    [edition] = response.context["editions"]
    assert edition == world.open_edition
    assert edition.to_review == 2
    assert edition.waitlisted == 1


def test_it_lists_the_editions_a_coordinator_runs(client, world):
    client.force_login(world.cora)

    response = client.get(reverse("office:admissions"))

    assert set(response.context["editions"]) == {world.edition, world.open_edition}


def test_it_exports_the_filtered_applications_as_csv(client, world, applications, reviewer):
    ReviewerScore.objects.create(enrolment=applications["lucia"], reviewer=reviewer, score=4)
    profile = applications["lucia"].user.profile
    profile.organisation = '=HYPERLINK("http://example.com")'
    profile.save(update_fields=["organisation"])
    client.force_login(world.cora)

    response = client.get(export_url(world.open_edition), {"country": "PE"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Last name"
    assert len(rows) == 3
    lucia = next(row for row in rows if row[2] == applications["lucia"].user.email)
    assert lucia[3] == "Peru"
    assert lucia[5].startswith("'=")
    assert lucia[-2:] == ["4.0", "1"]


def test_it_exports_the_applications_as_xlsx(client, world, applications):
    client.force_login(world.cora)

    response = client.get(export_url(world.open_edition), {"format": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.values)
    assert rows[0][0] == "Last name"
    assert len(rows) == 4
    assert {row[9] for row in rows[1:]} == {"Submitted", "Waitlisted"}
