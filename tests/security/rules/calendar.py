"""The calendar of an edition (/calendar/): for the edition's readers; the personal feed answers
to whoever has its secret address, without logging in."""

from students.models import CalendarFeed
from tests.security.rules import (
    OK,
    REDIRECT,
    Rule,
    everyone,
    logged_in,
    readers_of_the_edition,
)


def _edition(w) -> dict:
    return {"edition": w.edition.slug}


def _session_event(w) -> dict:
    return {"edition": w.edition.slug, "kind": "session", "pk": w.session.pk}


def _ana_feed(w) -> dict:
    feed, _ = CalendarFeed.objects.get_or_create(user=w.ana)
    return {"token": feed.token}


RULES = {
    "calendar:month": Rule(kwargs=_edition, expect=readers_of_the_edition()),
    "calendar:list": Rule(kwargs=_edition, expect=readers_of_the_edition()),
    "calendar:event-ics": Rule(kwargs=_session_event, expect=readers_of_the_edition()),
    "calendar:feed": Rule(kwargs=_ana_feed, expect=everyone(OK)),
    "calendar:feed-renew": Rule(method="post", expect=logged_in(REDIRECT)),
}
