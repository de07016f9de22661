import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from students.models import StudentProfile
from tests import factories as f

User = get_user_model()

pytestmark = pytest.mark.django_db

URL = "/accounts/signup/"
STRONG_PASSWORD = "lima-callao-2027-migra"


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def _data(**changes: str) -> dict[str, str]:
    data = {
        "username": "rosa",
        "first_name": "Rosa",
        "last_name": "Quispe",
        "email": "rosa@example.org",
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
        "country": "PE",
        "city": "Arequipa",
        "organisation": "Gobierno Regional de Arequipa",
        "sector": "public",
        "position": "Especialista en movilidad humana",
        "gender": "undisclosed",
        "preferred_language": "en",
    }
    data.update(changes)
    return data


def test_it_shows_the_form_with_one_heading(client):
    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert 'name="username"' in html
    assert 'name="country"' in html
    assert '<option value="undisclosed">' in html


def test_it_creates_the_user_and_profile_and_logs_in(client):
    response = client.post(URL, _data())

    assert response.status_code == 302
    assert response["Location"] == "/accounts/profile/"
    user = User.objects.get(username="rosa")
    assert user.check_password(STRONG_PASSWORD)
    assert user.get_full_name() == "Rosa Quispe"
    profile = StudentProfile.objects.get(user=user)
    assert (profile.country.code, profile.sector, profile.preferred_language) == (
        "PE",
        "public",
        "en",
    )
    assert profile.gender == "undisclosed"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert response.cookies["django_language"].value == "en"


def test_it_goes_to_next_after_signing_up(client):
    response = client.post(URL, _data(next="/programmes/migration-development/"))

    assert response["Location"] == "/programmes/migration-development/"


def test_it_ignores_a_next_on_another_site(client):
    response = client.post(URL, _data(next="https://evil.example/"))

    assert response["Location"] == "/accounts/profile/"


def test_it_accepts_a_profile_without_gender_or_city(client):
    response = client.post(URL, _data(gender="", city=""))

    assert response.status_code == 302
    assert StudentProfile.objects.get(user__username="rosa").gender == ""


def test_it_tells_a_signed_in_user_instead_of_showing_the_form(english, db):
    english.force_login(f.UserFactory(username="ana"))

    response = english.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "You are already signed in as ana." in html
    assert 'name="password1"' not in html


def test_it_creates_no_account_for_a_signed_in_user(client, db):
    client.force_login(f.UserFactory(username="ana"))

    response = client.post(URL, _data())

    assert response["Location"] == "/accounts/profile/"
    assert not User.objects.filter(username="rosa").exists()


def _assert_refused(client, data: dict[str, str], field: str, message: str) -> str:
    response = client.post(URL, data)

    html = response.content.decode()
    assert response.status_code == 200
    errors = {**response.context["account_form"].errors, **response.context["profile_form"].errors}
    assert field in errors
    assert message in html
    assert 'role="alert"' in html
    assert not User.objects.filter(username=data["username"], email=data["email"]).exists()
    assert f'value="{data["organisation"]}"' in html
    assert f'value="{data["first_name"]}"' in html
    return html


def test_it_refuses_a_username_that_exists_in_another_case(english):
    f.UserFactory(username="Rosa", email="other@example.org")

    _assert_refused(english, _data(), "username", "A user with that username already exists.")


def test_it_explains_the_refusal_in_spanish(client):
    f.UserFactory(username="rosa", email="other@example.org")
    with translation.override("es"):
        message = translation.gettext("A user with that username already exists.")

    html = _assert_refused(client, _data(), "username", message)
    assert message != "A user with that username already exists."
    assert '<html lang="es">' in html


def test_it_refuses_an_email_that_exists_in_another_case(english):
    f.UserFactory(username="rosa.q", email="Rosa@Example.org")

    _assert_refused(english, _data(), "email", "An account with this email address already exists.")
    assert not User.objects.filter(username="rosa").exists()


def test_it_refuses_a_weak_password(english):
    data = _data(password1="12345678", password2="12345678")

    html = _assert_refused(english, data, "password2", "This password is too common.")
    assert "This password is entirely numeric." in html
    assert 'value="12345678"' not in html


def test_it_refuses_passwords_that_differ(english):
    data = _data(password2="something-else-9")

    _assert_refused(english, data, "password2", "The two password fields didn")


def test_it_refuses_an_over_long_organisation(english):
    data = _data(organisation="x" * 201)

    _assert_refused(english, data, "organisation", "Ensure this value has at most 200 characters")


def test_it_refuses_an_over_long_username(english):
    data = _data(username="r" * 151)

    _assert_refused(english, data, "username", "Ensure this value has at most 150 characters")


def test_it_refuses_an_unknown_country_code(english):
    html = _assert_refused(
        english, _data(country="XX"), "country", "Choose a country from the list."
    )
    assert '<option value="PE">' in html


def test_it_requires_the_fields_an_application_needs(english):
    html = _assert_refused(english, _data(position=""), "position", "This field is required.")
    assert '<option value="public" selected>' in html
    assert not StudentProfile.objects.exists()


def test_it_refuses_other_methods(client, db):
    assert client.put(URL).status_code == 405


def test_signing_up_asks_the_year_of_birth_but_leaves_preferences_for_later(client):
    html = client.get(URL).content.decode()

    assert 'name="year_of_birth"' in html
    assert 'name="time_zone"' not in html and 'name="remind_sessions"' not in html
