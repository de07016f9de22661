import pytest

from students.models import StudentProfile
from tests import factories as f

PROFILE = "/accounts/profile/"
EDIT = "/accounts/profile/edit/"


def _edit_data(**changes: str) -> dict[str, str]:
    data = {
        "first_name": "Ana María",
        "last_name": "Flores",
        "email": "ana.flores@example.org",
        "country": "CL",
        "city": "Santiago",
        "organisation": "Servicio Nacional de Migraciones",
        "sector": "public",
        "position": "Analista",
        "gender": "woman",
        "preferred_language": "en",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("url", [PROFILE, EDIT])
def test_it_sends_a_visitor_to_the_login_page(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_it_shows_the_profile(client, world):
    client.force_login(world.ana)

    response = client.get(PROFILE)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Ministerio de Relaciones Exteriores" in html
    assert "ana@example.org" in html


def test_it_shows_a_profile_page_to_a_user_without_a_profile(client, world):
    client.force_login(world.ivan)

    response = client.get(PROFILE)

    assert response.status_code == 200
    assert response.context["profile"] is None


def test_it_saves_the_edited_profile(client, world):
    client.force_login(world.ana)

    response = client.post(EDIT, _edit_data())

    assert response.status_code == 302
    assert response["Location"] == PROFILE
    world.ana.refresh_from_db()
    assert (world.ana.first_name, world.ana.email) == ("Ana María", "ana.flores@example.org")
    profile = StudentProfile.objects.get(user=world.ana)
    assert (profile.country.code, profile.city, profile.gender) == ("CL", "Santiago", "woman")
    assert response.cookies["django_language"].value == "en"


def test_it_keeps_the_own_email_in_another_case(client, world):
    client.force_login(world.ana)

    response = client.post(EDIT, _edit_data(email="ANA@example.org"))

    assert response.status_code == 302


def test_it_creates_the_missing_profile_on_edit(client, world):
    client.force_login(world.ivan)

    client.post(EDIT, _edit_data(email="ivan@example.org"))

    assert StudentProfile.objects.get(user=world.ivan).organisation.startswith("Servicio")


def test_it_refuses_an_email_of_another_account_and_keeps_the_input(client, world):
    client.force_login(world.ana)
    client.cookies["django_language"] = "en"

    response = client.post(EDIT, _edit_data(email="Bruno@Example.org"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "An account with this email address already exists." in html
    assert 'value="Servicio Nacional de Migraciones"' in html
    world.ana.refresh_from_db()
    assert world.ana.email == "ana@example.org"
    assert StudentProfile.objects.get(user=world.ana).country.code == "PE"


def test_it_refuses_to_edit_with_delete(client, db):
    client.force_login(f.UserFactory())

    assert client.delete(EDIT).status_code == 405
