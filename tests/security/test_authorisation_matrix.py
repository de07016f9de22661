"""Every URL of the project, requested by every role, against one declared table.

A new URL pattern without a row here fails `test_every_url_is_declared`, so no view can ship
without its permissions being stated and checked.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = (
    "anonymous",
    "student",
    "other_student",
    "instructor",
    "other_instructor",
    "coordinator",
    "partner",
    "staff",
)
PERSONA = {
    "student": "ana",
    "other_student": "carla",
    "instructor": "ivan",
    "other_instructor": "olga",
    "coordinator": "cora",
    "partner": "pablo",
    "staff": "root",
}

OK = "ok"  # 200
REDIRECT = "redirect"  # 302 somewhere other than the login page (a successful POST)
LOGIN = "login"  # 302 to the login page
DENY = "deny"  # 403 or 404
NOT_ALLOWED = "405"

# URL names that are not pages of ours: tested by their own suites or by Django.
NOT_PAGES = {"set_language", "admin:view_on_site", "admin:javascript-catalog"}


@dataclass(frozen=True)
class Rule:
    kwargs: Callable[[object], dict] = lambda w: {}
    method: str = "get"
    expect: dict = field(default_factory=dict)
    data: Callable[[object], dict] = lambda w: {}


def everyone(outcome: str) -> dict:
    return dict.fromkeys(ROLES, outcome)


def logged_in(outcome: str) -> dict:
    return {**everyone(outcome), "anonymous": LOGIN}


def readers_of_the_edition(outcome: str = OK) -> dict:
    """Students of the edition, its instructors, its coordinator and staff."""
    return {
        **logged_in(outcome),
        "other_student": DENY,
        "partner": DENY,
    }


def _lesson(w) -> dict:
    return {"edition": w.edition.slug, "module": w.module.slug, "lesson": w.lesson.slug}


def _module(w) -> dict:
    return {"edition": w.edition.slug, "module": w.module.slug}


MATRIX: dict[str, Rule] = {
    # Public pages
    "home": Rule(expect=everyone(OK)),
    "programme-detail": Rule(kwargs=lambda w: {"slug": w.programme.slug}, expect=everyone(OK)),
    "instructor-detail": Rule(kwargs=lambda w: {"slug": "ivan"}, expect=everyone(OK)),
    "healthz": Rule(expect=everyone(OK)),
    "readyz": Rule(expect=everyone(OK)),
    # Accounts
    "accounts:login": Rule(expect=everyone(OK)),
    "accounts:logout": Rule(method="post", expect=everyone(REDIRECT)),
    "accounts:signup": Rule(expect=everyone(OK)),
    "accounts:after-login": Rule(expect={**logged_in(REDIRECT)}),
    "accounts:profile": Rule(expect=logged_in(OK)),
    "accounts:profile-edit": Rule(expect=logged_in(OK)),
    "accounts:password-change": Rule(expect=logged_in(OK)),
    "accounts:password-change-done": Rule(expect=logged_in(OK)),
    "accounts:password-reset": Rule(expect=everyone(OK)),
    "accounts:password-reset-done": Rule(expect=everyone(OK)),
    "accounts:password-reset-confirm": Rule(
        kwargs=lambda w: {"uidb64": "MQ", "token": "set-password"}, expect=everyone(OK)
    ),
    "accounts:password-reset-complete": Rule(expect=everyone(OK)),
    # The student's learning space
    "learn:dashboard": Rule(expect=logged_in(OK)),
    "learn:module-detail": Rule(kwargs=_module, expect=readers_of_the_edition()),
    "learn:module-offline": Rule(kwargs=_module, expect=readers_of_the_edition()),
    "learn:lesson-detail": Rule(kwargs=_lesson, expect=readers_of_the_edition()),
    "learn:lesson-done": Rule(
        kwargs=_lesson,
        method="post",
        expect={**readers_of_the_edition(DENY), "student": REDIRECT},
    ),
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
