"""Vocabulary of the authorisation matrix: roles, outcomes and rule builders."""

from collections.abc import Callable
from dataclasses import dataclass, field

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

OK = "ok"  # 200
REDIRECT = "redirect"  # 302 somewhere other than the login page (a successful POST)
LOGIN = "login"  # 302 to the login page
DENY = "deny"  # 403 or 404
NOT_ALLOWED = "405"


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


def module_kwargs(w) -> dict:
    return {"edition": w.edition.slug, "module": w.module.slug}


def lesson_kwargs(w) -> dict:
    return {**module_kwargs(w), "lesson": w.lesson.slug}
