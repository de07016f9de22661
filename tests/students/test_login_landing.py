"""After logging in, each person lands where they work, unless a safe `next` says otherwise."""

import pytest

from students.accounts_views import landing_url
from tests import factories as f
from tests.factories import PASSWORD

LOGIN = "/accounts/login/"


def log_in(client, username: str, **more: str):
    return client.post(LOGIN, {"username": username, "password": PASSWORD, **more})


@pytest.mark.parametrize(
    ("persona", "landing"),
    [("cora", "/office/"), ("ivan", "/teach/"), ("pablo", "/partners/"), ("ana", "/learn/")],
)
def test_it_sends_each_role_where_it_works(client, world, persona, landing):
    response = log_in(client, persona)

    assert response.status_code == 302
    assert response["Location"] == landing


def test_it_sends_a_coordinator_who_also_teaches_and_studies_to_the_office(client, world):
    world.open_edition.coordinators.add(world.ivan)
    f.EnrolmentFactory(user=world.ivan, edition=world.other_edition)

    assert log_in(client, "ivan")["Location"] == "/office/"


def test_it_sends_an_instructor_who_also_studies_to_the_teaching_workspace(client, world):
    f.EnrolmentFactory(user=world.ivan, edition=world.other_edition)

    assert log_in(client, "ivan")["Location"] == "/teach/"


def test_it_sends_a_student_who_is_also_a_partner_to_the_learning_space(client, world):
    f.PartnerStaffFactory(user=world.ana, institution=world.iom)

    assert log_in(client, "ana")["Location"] == "/learn/"


def test_it_sends_a_reviewer_to_the_admissions(client, world):
    rita = f.UserFactory(username="rita")
    world.open_edition.reviewers.add(rita)

    assert log_in(client, "rita")["Location"] == "/office/admissions/"


def test_it_sends_an_applicant_without_a_seat_to_the_dashboard(client, world):
    applicant = f.UserFactory(username="nora")
    f.EnrolmentFactory(user=applicant, edition=world.open_edition, status="submitted")

    assert log_in(client, "nora")["Location"] == "/learn/"


def test_it_goes_to_next_whatever_the_role(client, world):
    response = log_in(client, "cora", next="/programmes/migration-development/")

    assert response["Location"] == "/programmes/migration-development/"


@pytest.mark.parametrize(
    "unsafe", ["https://evil.example/", "//evil.example/office/", "javascript:alert(1)"]
)
def test_it_refuses_a_next_on_another_site(client, world, unsafe):
    response = log_in(client, "cora", next=unsafe)

    assert response["Location"] == "/office/"


def test_it_lands_after_login_by_the_same_rule(client, world):
    client.force_login(world.ivan)

    response = client.get("/accounts/after-login/", {"next": "https://evil.example/"})

    assert response["Location"] == "/teach/"


def test_it_reads_the_roles_in_two_queries_at_most(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert landing_url(world.ana) == "/learn/"
