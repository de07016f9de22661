"""A visitor who signs up from a programme page comes back to apply there."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

PROGRAMME = "/programmes/migration-development/"
STRONG_PASSWORD = "lima-callao-2027-migra"


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"


def account(**changes: str) -> dict[str, str]:
    return {
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
        **changes,
    }


def test_it_signs_up_from_the_programme_page_and_lands_on_the_application(client, world):
    apply_url = reverse("apply:start", args=[world.open_edition.slug])
    signup = f"/accounts/signup/?next={apply_url}"

    programme = client.get(PROGRAMME).content.decode()
    form = client.get(signup)
    created = client.post("/accounts/signup/", account(next=apply_url))
    application = client.get(created["Location"])

    assert f'href="{signup}"' in programme
    assert f'<input type="hidden" name="next" value="{apply_url}">' in form.content.decode()
    assert created.status_code == 302
    assert created["Location"] == apply_url
    assert application.status_code == 200
    assert application.context["edition"] == world.open_edition
    assert application.wsgi_request.user.username == "rosa"


def test_it_keeps_next_when_the_sign_up_form_has_errors(client, world):
    apply_url = reverse("apply:start", args=[world.open_edition.slug])

    response = client.post("/accounts/signup/", account(password2="other", next=apply_url))

    assert response.status_code == 200
    assert f'<input type="hidden" name="next" value="{apply_url}">' in response.content.decode()


def test_it_refuses_an_external_next_on_sign_up(client, world):
    response = client.post("/accounts/signup/", account(next="https://evil.example/apply/"))

    assert response["Location"] == "/accounts/profile/"


def test_it_logs_in_from_the_programme_page_and_lands_on_the_application(client, world):
    apply_url = reverse("apply:start", args=[world.open_edition.slug])
    login = f"/accounts/login/?next={apply_url}"

    programme = client.get(PROGRAMME).content.decode()
    response = client.post(
        "/accounts/login/", {"username": "bruno", "password": PASSWORD, "next": apply_url}
    )

    assert f'href="{login}"' in programme
    assert response["Location"] == apply_url
