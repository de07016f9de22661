from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from diploma.access import coordinated_editions, require_coordinator
from diploma.models import Edition
from students.models import Enrolment


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
