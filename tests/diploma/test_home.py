import pytest
from django.utils import formats, timezone

from tests import factories as f
from tests.conftest import clear_caches


@pytest.fixture(autouse=True)
def _empty_cache():
    clear_caches()
    yield
    clear_caches()


def test_it_lists_published_programmes_with_their_open_editions(client, world):
    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert 'href="/programmes/migration-development/"' in html
    assert 'href="/programmes/labour-migration/"' in html
    assert 'href="/programmes/migration-development/#edition-mig-2027-i"' in html
    assert "#edition-mig-2026-ii" not in html


def test_it_shows_the_application_deadline(client, world):
    client.cookies["django_language"] = "en"
    deadline = timezone.localtime(world.open_edition.applications_close_at).date()

    html = client.get("/").content.decode()

    assert f"Apply by {formats.date_format(deadline)}" in html


def test_it_hides_unpublished_programmes_and_draft_editions(client, db):
    hidden = f.ProgrammeFactory(title="Hidden diploma", is_published=False)
    f.OpenEditionFactory(programme=hidden)
    shown = f.ProgrammeFactory(title="Shown diploma")
    f.OpenEditionFactory(programme=shown, status="draft", slug="draft-edition")

    html = client.get("/").content.decode()

    assert "Shown diploma" in html
    assert "Hidden diploma" not in html
    assert "draft-edition" not in html


def test_it_runs_the_same_queries_for_one_or_many_programmes(client, db, django_assert_num_queries):
    f.OpenEditionFactory(programme=f.ProgrammeFactory())
    with django_assert_num_queries(2):
        client.get("/")
    clear_caches()
    for _ in range(5):
        f.OpenEditionFactory(programme=f.ProgrammeFactory())
        f.OpenEditionFactory(programme=f.ProgrammeFactory())

    with django_assert_num_queries(2):
        client.get("/")


def test_it_serves_the_catalogue_from_the_cache(client, world, django_assert_num_queries):
    client.get("/")

    with django_assert_num_queries(0):
        response = client.get("/")

    assert "International Migration, Globalization and Development" in response.content.decode()


def test_it_links_to_signup_and_login_for_visitors(client, db):
    html = client.get("/").content.decode()

    assert 'href="/accounts/signup/"' in html
    assert 'href="/accounts/login/?next=/"' in html
    assert 'href="#main"' in html
    assert '<main id="main"' in html


@pytest.mark.parametrize(("persona", "shown"), [("cora", True), ("ana", False), ("ivan", False)])
def test_it_links_the_office_only_for_coordinators(client, world, persona, shown):
    client.force_login(getattr(world, persona))

    html = client.get("/").content.decode()

    assert ('href="/office/"' in html) is shown


def test_it_links_the_administration_only_for_staff(client, world):
    client.force_login(world.root)

    assert 'href="/admin/"' in client.get("/").content.decode()
    client.force_login(world.cora)
    assert 'href="/admin/"' not in client.get("/").content.decode()


@pytest.mark.parametrize(("persona", "shown"), [("ivan", True), ("gus", True), ("ana", False)])
def test_it_links_the_teaching_workspace_only_for_instructors(client, world, persona, shown):
    client.force_login(getattr(world, persona))

    html = client.get("/").content.decode()

    assert ('href="/teach/"' in html) is shown
