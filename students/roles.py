"""The workspaces a user may open, for the navigation and the landing page after login.
Computed in students, the app that sees every other (instructors in courses, coordinators,
reviewers and partners in diploma).

Every page shows the links, so the roles are read in the query that loads the logged-in user
(UserWithRolesBackend): no extra query and no cached copy to keep fresh. Only links depend on
the roles: every workspace checks the user's rights on its own.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
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
    return {
        "instructor": user.is_instructor,
        "coordinator": user.coordinates_edition or user.coordinates_programme,
        "reviewer": user.reviews_edition,
        "partner": user.is_partner,
    }


class UserWithRolesBackend(ModelBackend):
    """Django's model backend, loading the logged-in user with their roles in one query."""

    def get_user(self, user_id):
        user = with_roles(get_user_model()._default_manager.filter(pk=user_id)).first()
        return user if user is not None and self.user_can_authenticate(user) else None
