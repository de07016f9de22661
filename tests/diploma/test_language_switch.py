import re

import pytest
from django.test import Client
from django.utils import formats, translation

from tests.conftest import clear_caches

URL = "/programmes/migration-development/"


@pytest.fixture(autouse=True)
def _empty_cache():
    clear_caches()


def _formatted_start(world, language: str) -> str:
    with translation.override(language):
        return formats.date_format(world.open_edition.starts_on)


def test_it_speaks_spanish_by_default(client, world):
    html = client.get(URL).content.decode()

    assert '<html lang="es">' in html
    assert '<option value="es" lang="es" selected>Español</option>' in html
    assert _formatted_start(world, "es") in html


@pytest.mark.parametrize("page", ["/", URL])
def test_it_switches_to_english_with_the_form(client, world, page):
    response = client.post("/i18n/setlang/", {"language": "en", "next": page})

    assert response.status_code == 302
    assert response["Location"] == page
    html = client.get(page).content.decode()
    assert '<html lang="en">' in html
    assert '<option value="en" lang="en" selected>English</option>' in html
    assert '<option value="es" lang="es">Español</option>' in html
    assert _formatted_start(world, "en") in html
    assert _formatted_start(world, "es") not in html


def test_it_switches_back_to_spanish(client, world):
    client.post("/i18n/setlang/", {"language": "en", "next": URL})
    client.post("/i18n/setlang/", {"language": "es", "next": URL})

    html = client.get(URL).content.decode()

    assert '<html lang="es">' in html
    assert _formatted_start(world, "es") in html


def test_it_keeps_the_language_form_working_without_javascript(client, world):
    html = client.get(URL).content.decode()

    assert '<form class="language-switcher" action="/i18n/setlang/" method="post">' in html
    assert '<label for="language-select">' in html
    assert f'<input type="hidden" name="next" value="{URL}">' in html
    assert "<script" not in html
    assert 'style="' not in html
    assert "<style" not in html


@pytest.mark.parametrize("page", ["/", URL])
def test_it_switches_with_the_token_the_page_gives(world, page):
    browser = Client(enforce_csrf_checks=True)
    html = browser.get(page).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    refused = browser.post("/i18n/setlang/", {"language": "en", "next": page})
    response = browser.post(
        "/i18n/setlang/", {"language": "en", "next": page, "csrfmiddlewaretoken": token}
    )

    assert refused.status_code == 403
    assert response.status_code == 302
    assert '<html lang="en">' in browser.get(page).content.decode()


def test_it_gives_each_visitor_of_the_cached_home_their_own_token(world):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get("/")

    html = second.get("/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = second.post("/i18n/setlang/", {"language": "en", "csrfmiddlewaretoken": token})

    assert "csrf-token-of-the-visitor" not in html
    assert response.status_code == 302
