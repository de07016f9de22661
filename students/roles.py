"""The workspaces a user may open, for the navigation and the landing page after login: cached
per user. Computed in students, the app that sees every other (instructors in courses,
coordinators, reviewers and partners in diploma).

Every page shows the links, so the roles are read from the cache; the receivers in
diploma/signals.py forget a user's entry when a row that gives or takes a role changes, and
the entry expires after ROLES_CACHE_SECONDS in any case (a cache local to each process only
hears of the changes made in that process). Only links depend on the roles: every workspace
checks the user's rights on its own.
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef

from courses.models import Instructor
from diploma.models import Edition, PartnerStaff, Programme

ROLES_CACHE_SECONDS = 5 * 60
NO_ROLES = {
    "instructor": False,
    "coordinator": False,
    "reviewer": False,
    "partner": False,
}


def _key(user_id: int) -> str:
    return f"nav-roles:{user_id}"


def roles_of(user: AbstractBaseUser | AnonymousUser) -> dict[str, bool]:
    """The user's roles; one query when they are not cached, none for a visitor."""
    if not user.is_authenticated:
        return NO_ROLES
    roles = cache.get(_key(user.pk))
    if roles is None:
        roles = _query_roles(user.pk)
        cache.set(_key(user.pk), roles, ROLES_CACHE_SECONDS)
    return roles


def forget_roles(user_ids: Iterable[int | None]) -> None:
    """Drop the cached roles of these users, now and once the transaction commits (another
    process could cache the roles of before the commit in between)."""
    keys = [_key(user_id) for user_id in set(user_ids) if user_id is not None]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def _query_roles(user_id: int) -> dict[str, bool]:
    flags = (
        get_user_model()
        .objects.filter(pk=user_id)
        .annotate(
            is_instructor=Exists(Instructor.objects.filter(user=OuterRef("pk"))),
            coordinates_edition=Exists(
                Edition.coordinators.through.objects.filter(user=OuterRef("pk"))
            ),
            coordinates_programme=Exists(
                Programme.coordinators.through.objects.filter(user=OuterRef("pk"))
            ),
            reviews_edition=Exists(Edition.reviewers.through.objects.filter(user=OuterRef("pk"))),
            is_partner=Exists(PartnerStaff.objects.filter(user=OuterRef("pk"))),
        )
        .values(
            "is_instructor",
            "coordinates_edition",
            "coordinates_programme",
            "reviews_edition",
            "is_partner",
        )
        .first()
    )
    if flags is None:
        return NO_ROLES
    return {
        "instructor": flags["is_instructor"],
        "coordinator": flags["coordinates_edition"] or flags["coordinates_programme"],
        "reviewer": flags["reviews_edition"],
        "partner": flags["is_partner"],
    }
