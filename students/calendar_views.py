"""The calendar of an edition (a month and a list), one event as .ics, and the person's secret
iCalendar feed.

An edition's calendar is for its readers (students, instructors, coordinators, staff: see
students.access.readable_editions). The feed answers without logging in, to whoever has its
secret address; renewing it makes the old address answer 404.
"""

import calendar as month_grid
import datetime as dt
import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from diploma.models import Edition
from students import agenda
from students.access import readable_editions
from students.ical import calendar_of
from students.models import CalendarFeed, Enrolment, StudentProfile


def _edition_for_reader(request: HttpRequest, slug: str) -> Edition:
    return get_object_or_404(readable_editions(request.user).select_related("programme"), slug=slug)


def _mark_for(request: HttpRequest, edition: Edition, items: list[agenda.Item]) -> None:
    """A student sees what they did and what is overdue; others see what is past."""
    now = timezone.now()
    enrolment = Enrolment.objects.active().filter(user=request.user, edition=edition).first()
    if enrolment is None:
        agenda.mark_times(items, now=now)
    else:
        agenda.mark(items, agenda.done_keys([enrolment]), now=now)


def _feed_context(request: HttpRequest) -> dict:
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    url = request.build_absolute_uri(reverse("calendar:feed", args=[feed.token]))
    return {
        "feed_url": url,
        "webcal_url": "webcal://" + url.split("://", 1)[1],
        "feed_renewed_at": feed.renewed_at,
    }


def _month_asked(request: HttpRequest, zone: zoneinfo.ZoneInfo) -> dt.date:
    """The first day of the month in `?month=YYYY-MM`; this month when absent or not a month."""
    try:
        first = dt.datetime.strptime(request.GET.get("month", ""), "%Y-%m").date()
    except ValueError:
        first = timezone.localdate(timezone=zone).replace(day=1)
    if not 2000 <= first.year <= 2100:
        first = timezone.localdate(timezone=zone).replace(day=1)
    return first


def _shift(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@login_required
@require_GET
def month(request: HttpRequest, edition: str) -> HttpResponse:
    edition = _edition_for_reader(request, edition)
    zone = agenda.time_zone_of(request.user, edition)
    first = _month_asked(request, zone)
    following = _shift(first, 1)
    start = dt.datetime.combine(first, dt.time(), tzinfo=zone)
    end = dt.datetime.combine(following, dt.time(), tzinfo=zone)
    items = agenda.edition_items([edition.pk], start=start, end=end)
    _mark_for(request, edition, items)
    by_day: dict[dt.date, list[agenda.Item]] = {}
    for item in items:
        by_day.setdefault(timezone.localtime(item.at, zone).date(), []).append(item)
    today = timezone.localdate(timezone=zone)
    weeks = [
        [
            {
                "date": day,
                "in_month": day.month == first.month,
                "is_today": day == today,
                "items": by_day.get(day, []),
            }
            for day in week
        ]
        for week in month_grid.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    context = {
        "edition": edition,
        "first": first,
        "weeks": weeks,
        "weekdays": weeks[0],
        "items": items,
        "previous": _shift(first, -1).strftime("%Y-%m"),
        "next": following.strftime("%Y-%m"),
        "time_zone": zone.key,
        **_feed_context(request),
    }
    with timezone.override(zone):
        return render(request, "students/calendar/month.html", context)


@login_required
@require_GET
def agenda_list(request: HttpRequest, edition: str) -> HttpResponse:
    edition = _edition_for_reader(request, edition)
    zone = agenda.time_zone_of(request.user, edition)
    items = agenda.edition_items([edition.pk])
    _mark_for(request, edition, items)
    days: list[tuple[dt.date, list[agenda.Item]]] = []
    for item in items:
        day = timezone.localtime(item.at, zone).date()
        if not days or days[-1][0] != day:
            days.append((day, []))
        days[-1][1].append(item)
    context = {
        "edition": edition,
        "days": days,
        "today": timezone.localdate(timezone=zone),
        "time_zone": zone.key,
        **_feed_context(request),
    }
    with timezone.override(zone):
        return render(request, "students/calendar/list.html", context)


@login_required
@require_GET
def event_ics(request: HttpRequest, edition: str, kind: str, pk: int) -> HttpResponse:
    """One event of the edition, to add to a calendar by hand."""
    edition = _edition_for_reader(request, edition)
    if kind not in agenda.Kind.values:
        raise Http404(_("There is no such event."))
    item = next(
        (i for i in agenda.edition_items([edition.pk]) if i.kind == kind and i.pk == pk), None
    )
    if item is None:
        raise Http404(_("There is no such event."))
    body = calendar_of([item], name=f"{edition.programme.title} · {edition.name}")
    return _ics_response(body, f"{edition.slug}-{kind}-{pk}.ics")


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The person's calendar, for a calendar application: no login, the address is the key."""
    found = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active:
        raise Http404(_("This calendar address is not valid any more."))
    user = found.user
    profile = StudentProfile.objects.filter(user=user)
    language = profile.values_list("preferred_language", flat=True).first()
    items, enrolments = agenda.person_items(user)
    agenda.mark(items, agenda.done_keys(enrolments), now=timezone.now())
    with translation.override(language or translation.get_language()):
        body = calendar_of(items, name=_("Diploma: my calendar"))
    response = _ics_response(body, "calendar.ics")
    # A link that works without logging in must not be kept by shared caches or referrers.
    response["Cache-Control"] = "private, max-age=900"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def renew_feed(request: HttpRequest) -> HttpResponse:
    """A new secret address; calendars subscribed to the old one stop receiving events."""
    feed, created = CalendarFeed.objects.get_or_create(user=request.user)
    if not created:
        feed.renew()
    messages.success(
        request,
        _("Your calendar has a new address: the old one no longer works. Add the new one to "
          "your calendar application."),
    )  # fmt: skip
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("learn:dashboard")
