"""Agenda items as iCalendar (RFC 5545) for phones' and desktops' calendars.

Times are written in UTC, so every calendar shows them at the right hour in its own time zone;
the edition's time zone is named in the description of each event.
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from students.agenda import Item, Kind

UTC = dt.UTC


def calendar_of(items: Iterable[Item], *, name: str, now: dt.datetime | None = None) -> bytes:
    """A calendar named `name` with one event per item, in the active language."""
    now = now or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Diploma//Calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    # Calendars that refresh a subscription ask again after this long.
    calendar.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    for item in items:
        calendar.add_component(event_of(item, now=now))
    return calendar.to_ical()


def event_of(item: Item, *, now: dt.datetime) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", item.at.astimezone(UTC))
    if item.ends_at:
        event.add("dtend", item.ends_at.astimezone(UTC))
    else:
        # A deadline or a release is a moment; calendars show it as a short event.
        event.add("dtend", item.at.astimezone(UTC))
        event.add("transp", "TRANSPARENT")
    event.add("summary", summary_of(item))
    if item.venue:
        event.add("location", item.venue)
    elif item.online_url:
        event.add("location", item.online_url)
    page = settings.SITE_URL + item.url
    event.add("url", page)
    lines = [f"{item.module.title} · {item.edition.programme.title} · {item.edition.name}"]
    if item.online_url:
        lines.append(_("Join online: %(url)s") % {"url": item.online_url})
    lines.append(_("On the platform: %(url)s") % {"url": page})
    lines.append(_("Time zone of the edition: %(zone)s") % {"zone": item.edition.time_zone})
    event.add("description", "\n".join(lines))
    event.add("categories", [str(item.kind_label)])
    return event


def summary_of(item: Item) -> str:
    if item.kind == Kind.SESSION:
        return item.title
    return f"{item.kind_label}: {item.title}"
