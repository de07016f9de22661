"""Every URL of the project, requested by every role, against one declared table.

A new URL pattern without a rule in tests/security/rules/ (one module per area) fails
`test_every_url_is_declared`, so no view ships without its permissions stated and checked.
"""

import importlib
import pkgutil
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security import rules
from tests.security.rules import DENY, LOGIN, NOT_ALLOWED, OK, REDIRECT, ROLES, Rule

# URL names that are not pages of ours: tested by their own suites or by Django.
NOT_PAGES = {"set_language", "admin:view_on_site", "admin:javascript-catalog"}


def _load_matrix() -> dict[str, Rule]:
    """Merge the RULES of every module of tests/security/rules/ (one module per area)."""
    matrix: dict[str, Rule] = {}
    for info in pkgutil.iter_modules(rules.__path__):
        area = importlib.import_module(f"{rules.__name__}.{info.name}")
        overlap = matrix.keys() & area.RULES.keys()
        assert not overlap, f"declared twice: {overlap}"
        matrix.update(area.RULES)
    return matrix


MATRIX = _load_matrix()
PERSONA = {
    "student": "ana",
    "other_student": "carla",
    "instructor": "ivan",
    "other_instructor": "olga",
    "coordinator": "cora",
    "partner": "pablo",
    "staff": "root",
}


def _walk(patterns, prefix: str = "") -> Iterator[str]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _walk(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}"
        elif isinstance(entry, URLPattern):
            yield f"{prefix}<unnamed {entry.pattern}>"


def project_url_names() -> set[str]:
    return {
        name
        for name in _walk(get_resolver().url_patterns)
        if not name.startswith("admin:") and name not in NOT_PAGES
    }


def test_every_url_is_declared():
    undeclared = sorted(project_url_names() - MATRIX.keys())
    assert not undeclared, f"Declare these URLs in MATRIX with each role's outcome: {undeclared}"
    stale = sorted(MATRIX.keys() - project_url_names())
    assert not stale, f"MATRIX names URLs that no longer exist: {stale}"


def test_every_declaration_covers_every_role():
    for name, rule in MATRIX.items():
        assert set(rule.expect) == set(ROLES), f"{name} must state the outcome of every role"


def _outcome(response) -> str:
    if response.status_code == 200:
        return OK
    if response.status_code in (403, 404):
        return DENY
    if response.status_code == 405:
        return NOT_ALLOWED
    if response.status_code in (301, 302, 303):
        return LOGIN if "/login/" in response.headers["Location"] else REDIRECT
    return str(response.status_code)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_the_declared_outcome(name, world, client):
    rule = MATRIX[name]
    url = reverse(name, kwargs=rule.kwargs(world))
    actual = {}
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(getattr(world, PERSONA[role]))
        response = getattr(client, rule.method)(url, rule.data(world))
        actual[role] = _outcome(response)
    assert actual == rule.expect, url


@pytest.mark.parametrize("name", sorted(n for n, r in MATRIX.items() if r.method == "post"))
def test_post_only_urls_refuse_get(name, world, client):
    rule = MATRIX[name]
    client.force_login(world.root)
    assert client.get(reverse(name, kwargs=rule.kwargs(world))).status_code == 405


def test_the_admin_is_for_staff_only(world, client):
    from django.contrib import admin

    urls = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]
    for url in urls:
        client.logout()
        assert client.get(url).status_code == 302, url
        for persona in ("ana", "ivan", "cora", "pablo"):
            client.force_login(getattr(world, persona))
            response = client.get(url)
            assert response.status_code == 302 and "/admin/login/" in response["Location"], url
        client.force_login(world.root)
        assert client.get(url).status_code == 200, url
