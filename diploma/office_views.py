from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from diploma.models import Edition
from students.models import Enrolment


def coordinated_editions(user):
    """The editions a user may run in the office: all for staff, else those they coordinate."""
    if not user.is_authenticated:
        return Edition.objects.none()
    if user.is_staff:
        return Edition.objects.all()
    return Edition.objects.coordinated_by(user)


def get_edition_for_coordinator(request: HttpRequest, slug: str) -> Edition:
    editions = coordinated_editions(request.user)
    if not editions.exists():
        raise PermissionDenied
    return get_object_or_404(editions.select_related("programme"), slug=slug)


def require_coordinator(request: HttpRequest) -> None:
    if not coordinated_editions(request.user).exists():
        raise PermissionDenied


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    require_coordinator(request)
    status = Enrolment.Status
    # Filter by id first: joining both edition and programme coordinators would repeat rows
    # and multiply the counts.
    editions = (
        Edition.objects.filter(pk__in=coordinated_editions(request.user).values("pk"))
        .select_related("programme")
        .annotate(
            submitted=Count("enrolments", filter=Q(enrolments__status=status.SUBMITTED)),
            waitlisted=Count("enrolments", filter=Q(enrolments__status=status.WAITLISTED)),
            seats_taken=Count(
                "enrolments", filter=Q(enrolments__status__in=Enrolment.SEAT_STATUSES)
            ),
            completed=Count("enrolments", filter=Q(enrolments__status=status.COMPLETED)),
        )
        .order_by("-starts_on")
    )
    return render(request, "office/home.html", {"editions": editions})
