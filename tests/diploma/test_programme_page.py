import pytest
from django.utils import formats

from diploma.models import Edition
from tests import factories as f
from tests.conftest import clear_caches

URL = "/programmes/migration-development/"


@pytest.fixture(autouse=True)
def _empty_cache():
    clear_caches()


def test_it_shows_the_programme(client, world):
    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "<title>International Migration, Globalization and Development · Diploma</title>" in html
    assert (
        '<meta name="description" content="A postgraduate diploma on international migration.">'
        in html
    )
    assert "<h3>About</h3>" in html
    assert ">120<" in html


def test_it_lists_the_modules_and_instructors_of_the_open_edition(client, world):
    f.ModuleFactory(edition=world.open_edition, title="Labour migration and rights", hours=24)
    teacher = f.UserFactory(username="teofilo", first_name="Teófilo", last_name="Altamirano")
    f.ModuleInstructorFactory(
        module=f.ModuleFactory(edition=world.open_edition, title="Remittances"),
        instructor=f.InstructorFactory(user=teacher, bio="Anthropologist of migration."),
    )

    html = client.get(URL).content.decode()

    assert "Labour migration and rights" in html
    assert "Remittances" in html
    assert 'href="/instructors/teofilo/"' in html
    assert "Anthropologist of migration." in html
    assert ">Migration policy</h3>" not in html


def test_it_describes_the_programme_with_the_last_modules_until_the_new_ones_exist(client, world):
    client.cookies["django_language"] = "en"

    html = client.get(URL).content.decode()

    assert ">Migration policy</h3>" in html
    assert ">Remittances and development</h3>" in html
    assert 'href="/instructors/ivan/"' in html
    assert "Edition 2026-II: 40 hours of teaching." in html
    assert "The modules of edition 2027-I are announced before it starts." in html


def test_it_hides_instructors_who_are_not_public(client, world):
    hidden = f.InstructorFactory(user=f.UserFactory(username="hidden"), is_public=False)
    f.ModuleInstructorFactory(module=f.ModuleFactory(edition=world.open_edition), instructor=hidden)

    html = client.get(URL).content.decode()

    assert "/instructors/hidden/" not in html


def test_it_groups_partners_by_role(client, world):
    client.cookies["django_language"] = "en"

    html = client.get(URL).content.decode()

    host = html.index(">Host</h3>")
    supporter = html.index(">Supporter</h3>")
    assert host < html.index("Pontificia Universidad Católica del Perú (PUCP)") < supporter
    assert supporter < html.index("International Organization for Migration (IOM)")


def test_it_shows_each_edition_with_dates_mode_and_seats_left(client, world):
    client.cookies["django_language"] = "en"
    f.EnrolmentFactory(edition=world.open_edition)
    f.EnrolmentFactory(edition=world.open_edition, status="submitted")
    f.EditionFactory(programme=world.programme, status=Edition.Status.DRAFT, slug="draft-one")

    html = client.get(URL).content.decode()

    assert 'id="edition-mig-2027-i"' in html
    assert 'id="edition-mig-2026-ii"' in html
    assert "draft-one" not in html
    assert formats.date_format(world.open_edition.starts_on) in html
    assert "29 of 30" in html
    assert "Campus PUCP, Lima" in html
    assert "Hybrid" in html


def test_it_answers_404_for_an_unpublished_programme(client, db):
    f.ProgrammeFactory(slug="secret", is_published=False)

    response = client.get("/programmes/secret/")

    assert response.status_code == 404
    assert response.content.decode().count("<h1") == 1


@pytest.mark.parametrize("modules", [1, 10])
def test_it_runs_the_same_queries_for_one_or_ten_modules(
    client, world, django_assert_num_queries, modules
):
    for number in range(modules):
        module = f.ModuleFactory(edition=world.open_edition, title=f"Module {number}")
        f.ModuleInstructorFactory(module=module)
        f.ModuleInstructorFactory(module=module, role="guest")

    with django_assert_num_queries(5):
        response = client.get(URL)

    assert len(response.context["modules"]) == modules


def test_it_shows_an_instructor_page(client, world):
    response = client.get("/instructors/ivan/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Researcher on labour migration." in html
    assert "Migration policy" in html


def test_it_asks_a_visitor_to_sign_up_or_log_in_and_then_come_back_to_apply(client, world):
    html = client.get(URL).content.decode()

    assert 'href="/accounts/signup/?next=/apply/mig-2027-i/"' in html
    assert 'href="/accounts/login/?next=/apply/mig-2027-i/"' in html
    assert 'href="/apply/mig-2027-i/"' not in html


def test_it_links_a_signed_in_person_straight_to_the_application(client, world):
    client.force_login(world.bruno)

    html = client.get(URL).content.decode()

    assert 'href="/apply/mig-2027-i/"' in html
    assert "/accounts/signup/?next=" not in html
