"""The workspaces a user may open, for the navigation and the landing page after login.
Computed in students, the app that sees every other (instructors in courses, coordinators,
reviewers and partners in diploma).

Every page shows the links, so the roles are read in the query that loads the logged-in user
(UserWithRolesBackend): no extra query and no cached copy to keep fresh. Only links depend on
the roles: every workspace checks the user's rights on its own.
"""

import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Exists, OuterRef, QuerySet

from courses.models import Instructor
from diploma.models import Edition, PartnerStaff, Programme

NO_ROLES = {
    "instructor": False,
    "coordinator": False,
    "reviewer": False,
    "partner": False,
}


def with_roles(users: QuerySet) -> QuerySet:
    """Users annotated with what roles_of reads."""
    return users.annotate(
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


def roles_of(user: AbstractBaseUser | AnonymousUser) -> dict[str, bool]:
    """The user's roles: read from the user loaded for the request, else one query."""
    if not user.is_authenticated:
        return NO_ROLES
    if not hasattr(user, "is_partner"):
        user = with_roles(get_user_model().objects.filter(pk=user.pk)).first()
        if user is None:
            return NO_ROLES
    # bool(): a raw query on SQLite gives 0 and 1.
    return {
        "instructor": bool(user.is_instructor),
        "coordinator": bool(user.coordinates_edition or user.coordinates_programme),
        "reviewer": bool(user.reviews_edition),
        "partner": bool(user.is_partner),
    }


_ANY_ID = -1


@functools.cache
def _user_with_roles_sql() -> tuple[str, tuple, int]:
    """The SQL of with_roles for one user, its parameters, and where the user's id goes.

    Every request loads the user: building this query with the ORM each time (five
    subqueries) costs several times what the database needs to run it, so it is built once.
    """
    users = get_user_model()._default_manager.filter(pk=_ANY_ID)
    sql, params = with_roles(users).query.sql_with_params()
    places = [index for index, value in enumerate(params) if value == _ANY_ID]
    if len(places) != 1:
        raise ImproperlyConfigured(f"Cannot find the user's id among {params}")
    return sql, params, places[0]


class UserWithRolesBackend(ModelBackend):
    """Django's model backend, loading the logged-in user with their roles in one query."""

    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        sql, params, place = _user_with_roles_sql()
        params = [*params[:place], user_id, *params[place + 1 :]]
        users = get_user_model()._default_manager.raw(sql, params)
        user = next(iter(users), None)
        return user if user is not None and self.user_can_authenticate(user) else None
