"""The links to the workspaces in the navigation: one per role, read with the user, fresh after
a change of role."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from students.roles import roles_of
from tests import factories as f

PAGE = reverse("certificates:list")
TEACH = reverse("teach:home")
OFFICE = reverse("office:home")
ADMISSIONS = reverse("office:admissions")
NAV = re.compile(r'<nav class="site-nav".*?</nav>', re.S)


def nav_links(client) -> set[str]:
    response = client.get(PAGE)
    assert response.status_code == 200
    return set(re.findall(r'href="([^"#]+)', NAV.search(response.content.decode()).group()))


def workspace_links(client) -> set[str]:
    return nav_links(client) & {TEACH, OFFICE, ADMISSIONS, _partner_url()}


def _partner_url() -> str:
    return reverse("partners:home")


def test_a_student_gets_no_workspace_link(client, world):
    client.force_login(world.ana)

    assert workspace_links(client) == set()


def test_an_instructor_gets_the_teaching_workspace(client, world):
    client.force_login(world.ivan)

    assert workspace_links(client) == {TEACH}


def test_a_coordinator_gets_the_teaching_workspace_and_the_office(client, world):
    client.force_login(world.cora)

    assert workspace_links(client) == {TEACH, OFFICE}


def test_a_programme_coordinator_gets_the_office(client, world):
    user = f.UserFactory(username="paula")
    world.programme.coordinators.add(user)
    client.force_login(user)

    assert workspace_links(client) == {TEACH, OFFICE}


def test_a_reviewer_gets_the_admissions_list(client, world):
    rita = f.UserFactory(username="rita")
    world.open_edition.reviewers.add(rita)
    client.force_login(rita)

    assert workspace_links(client) == {ADMISSIONS}
    assert client.get(ADMISSIONS).status_code == 200


def test_a_partner_gets_the_partner_reports(client, world):
    assert roles_of(world.pablo)["partner"] is True
    partner_url = _partner_url()
    if partner_url.startswith("("):
        pytest.skip("the partner workspace has no URL yet")
    client.force_login(world.pablo)

    assert workspace_links(client) == {partner_url}


def test_a_new_instructor_sees_the_link_on_the_next_page(client, world):
    client.force_login(world.ana)
    assert workspace_links(client) == set()

    f.ModuleInstructorFactory(module=world.other_module, instructor__user=world.ana)

    assert workspace_links(client) == {TEACH}


def test_a_coordinator_removed_from_every_edition_loses_the_office(client, world):
    client.force_login(world.cora)
    assert OFFICE in workspace_links(client)

    world.edition.coordinators.remove(world.cora)
    assert OFFICE in workspace_links(client)  # still coordinates the open edition
    world.cora.coordinated_editions.clear()

    assert workspace_links(client) == set()


def test_reviewers_follow_additions_and_clearing_from_either_side(client, world):
    rita = f.UserFactory(username="rita")
    client.force_login(rita)
    assert workspace_links(client) == set()

    rita.reviewed_editions.add(world.open_edition)
    assert workspace_links(client) == {ADMISSIONS}

    world.open_edition.reviewers.clear()
    assert workspace_links(client) == set()


def test_a_partner_who_leaves_loses_the_role(world):
    assert roles_of(world.pablo)["partner"] is True

    world.pablo.partner_staff.delete()

    assert roles_of(world.pablo)["partner"] is False


def test_a_deleted_edition_takes_its_reviewers_role_with_it(world):
    rita = f.UserFactory(username="rita")
    edition = f.EditionFactory(slug="short-lived")
    edition.reviewers.add(rita)
    assert roles_of(rita)["reviewer"] is True

    edition.delete()

    assert roles_of(rita)["reviewer"] is False


def test_a_page_reads_the_roles_in_the_query_that_loads_the_user(client, world):
    client.force_login(world.cora)

    with CaptureQueriesContext(connection) as page:
        client.get(PAGE)

    with_partner_table = [
        q["sql"] for q in page.captured_queries if "diploma_partnerstaff" in q["sql"]
    ]
    assert len(with_partner_table) == 1
    assert "auth_user" in with_partner_table[0]


def test_a_change_of_role_shows_on_the_next_page(client, world):
    rita = f.UserFactory(username="rita")
    client.force_login(rita)
    assert workspace_links(client) == set()

    f.PartnerStaffFactory(user=rita, institution=world.iom)

    assert workspace_links(client) == {_partner_url()}


def test_a_visitor_runs_no_role_query(client, world):
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("verify:form"))

    assert not any("diploma_partnerstaff" in query["sql"] for query in queries.captured_queries)


def test_the_user_of_a_request_comes_with_roles_that_are_booleans(client, world):
    client.force_login(world.pablo)

    user = client.get(PAGE).wsgi_request.user

    assert user.is_partner  # loaded with its roles, no second query
    assert roles_of(user) == {
        "instructor": False,
        "coordinator": False,
        "reviewer": False,
        "partner": True,
    }
