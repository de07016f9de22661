"""Who may do what with programmes and editions: coordinators, reviewers, partners, staff.

Every rule about these roles is written here once; the apps' access modules and views begin
with these helpers.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from diploma.models import Edition, PartnerStaff, Programme


def coordinates(user, *, edition: str = "edition", programme: str = "edition__programme") -> Q:
    """True where `user` coordinates the edition or its programme; the keyword arguments name
    the outer columns (for annotations on modules, lessons, enrolments...)."""
    return Q(
        Exists(Edition.coordinators.through.objects.filter(edition=OuterRef(edition), user=user))
    ) | Q(
        Exists(
            Programme.coordinators.through.objects.filter(programme=OuterRef(programme), user=user)
        )
    )


def coordinated_editions(user) -> QuerySet[Edition]:
    """The editions a user may run in the office: all for staff, else those they coordinate."""
    if not user.is_authenticated:
        return Edition.objects.none()
    if user.is_staff:
        return Edition.objects.all()
    return Edition.objects.coordinated_by(user)


def coordinates_edition(user, edition: Edition) -> bool:
    """One query (none for staff)."""
    if user.is_authenticated and user.is_staff:
        return True
    return coordinated_editions(user).filter(pk=edition.pk).exists()


def get_edition_for_coordinator(request: HttpRequest, slug: str) -> Edition:
    """The edition, with its programme, if the user coordinates it; 403 for non-coordinators,
    404 for an edition they do not coordinate."""
    editions = coordinated_editions(request.user)
    if not editions.exists():
        raise PermissionDenied
    return get_object_or_404(editions.select_related("programme"), slug=slug)


def require_coordinator(request: HttpRequest) -> None:
    if not coordinated_editions(request.user).exists():
        raise PermissionDenied


def reviewable_editions(user) -> QuerySet[Edition]:
    """The editions whose applications a user may read and score."""
    if not user.is_authenticated:
        return Edition.objects.none()
    if user.is_staff:
        return Edition.objects.all()
    return Edition.objects.filter(
        pk__in=Edition.objects.filter(
            Q(reviewers=user) | Q(coordinators=user) | Q(programme__coordinators=user)
        ).values("pk")
    )


def get_edition_for_reviewer(request: HttpRequest, slug: str) -> Edition:
    editions = reviewable_editions(request.user)
    if not editions.exists():
        raise PermissionDenied
    return get_object_or_404(editions.select_related("programme"), slug=slug)


def partner_institution(user):
    """The institution whose staff the user is, or None."""
    if not user.is_authenticated:
        return None
    staff = PartnerStaff.objects.select_related("institution").filter(user=user).first()
    return staff.institution if staff else None
