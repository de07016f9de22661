"""The header: one link marked as the current area, a menu that folds without JavaScript,
and a first page within the weight budget."""

import gzip
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from tests import factories as f

NAV = re.compile(r'<nav class="site-nav".*?</nav>', re.S)
MARKED = re.compile(r'<a href="([^"#]*)[^"]*" aria-current="(page|true)"')


def marked(client, url: str) -> list[tuple[str, str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    return MARKED.findall(NAV.search(response.content.decode()).group())


@pytest.fixture
def everything(world):
    """Cora coordinates; she also teaches, works for a partner and is staff."""
    f.InstructorFactory(user=world.cora)
    f.PartnerStaffFactory(user=world.cora, institution=world.iom)
    world.cora.is_staff = True
    world.cora.save(update_fields=["is_staff"])
    return world.cora


def test_the_catalogue_marks_programmes(client, world):
    home = reverse("home")
    assert marked(client, home) == [(home, "page")]
    assert marked(client, world.programme.get_absolute_url()) == [(home, "true")]


def test_a_page_marks_only_its_own_area(client, world, everything):
    client.force_login(everything)
    learn, teach, office = reverse("learn:dashboard"), reverse("teach:home"), reverse("office:home")
    certificates = reverse("certificates:list")

    assert marked(client, learn) == [(learn, "page")]
    assert marked(client, certificates) == [(certificates, "page")]
    assert marked(client, teach) == [(teach, "page")]
    assert marked(client, office) == [(office, "page")]
    assert marked(client, reverse("office:admissions")) == [(office, "true")]
    assert marked(client, reverse("verify:form")) == []
    assert marked(client, reverse("accounts:profile")) == []


def test_a_reviewer_sees_admissions_marked_in_the_office(client, world):
    rita = f.UserFactory(username="rita")
    world.open_edition.reviewers.add(rita)
    client.force_login(rita)
    admissions = reverse("office:admissions")

    assert marked(client, admissions) == [(admissions, "page")]


def test_the_menu_folds_behind_a_summary_without_javascript(client, world):
    html = client.get(reverse("home")).content.decode()

    menu = re.search(r'<details class="site-menu">\s*<summary class="site-menu__toggle">', html)
    assert menu and menu.start() < html.index('<nav class="site-nav"')
    assert "<script" not in html


def test_the_first_page_weighs_under_the_budget(client, world, everything):
    client.force_login(everything)
    html = client.get(reverse("learn:dashboard")).content
    assets = [finders.find(path) for path in ("bootstrap/css/bootstrap.min.css", "css/site.css")]
    scripts = re.findall(rb'<script src="/static/([^"]+)"', html)
    assets += [finders.find(path.decode()) for path in scripts]
    styles = re.findall(rb'<link rel="stylesheet" href="/static/([^"]+)"', html)
    assets += [finders.find(path.decode()) for path in styles]

    weight = len(gzip.compress(html)) + sum(
        len(gzip.compress(Path(path).read_bytes())) for path in set(assets)
    )

    assert weight < 60_000, weight


def test_the_cached_header_follows_a_new_role_and_the_page(client, world):
    client.force_login(world.ana)
    teach = reverse("teach:home")
    assert f'href="{teach}"' not in client.get(reverse("learn:dashboard")).content.decode()

    f.ModuleInstructorFactory(module=world.module, instructor=f.InstructorFactory(user=world.ana))
    html = client.get(reverse("learn:dashboard")).content.decode()
    assert f'href="{teach}"' in html

    profile = client.get(reverse("accounts:profile")).content.decode()
    assert re.search(r'href="/accounts/profile/"[^>]*aria-current="page"', profile)


def test_a_new_session_gets_a_header_with_its_own_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.ana)
    first = client.get(reverse("learn:dashboard")).content.decode()
    client.logout()
    client.force_login(world.ana)
    second = client.get(reverse("learn:dashboard"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', second.content.decode())
    assert token and token.group(1) not in first
    logout = client.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": token.group(1)})
    assert logout.status_code == 302
