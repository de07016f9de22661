import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from courses.models import LiveSession
from students.models import CalendarFeed, StudentProfile
from tests import factories as f

UTC = dt.UTC
LIMA = zoneinfo.ZoneInfo("America/Lima")


def month_url(world, month: str = "") -> str:
    url = reverse("calendar:month", args=[world.edition.slug])
    return f"{url}?month={month}" if month else url


def list_url(world) -> str:
    return reverse("calendar:list", args=[world.edition.slug])


def lima_session(world) -> LiveSession:
    """19:00 in Lima on 12 March 2030 is 00:00 UTC on the 13th and 01:00 in Madrid."""
    starts = dt.datetime(2030, 3, 12, 19, 0, tzinfo=LIMA)
    return f.LiveSessionFactory(
        module=world.module, topic="Remittances seminar", starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2), venue="Aula 301, PUCP",
        online_url="https://meet.example.org/remittances",
    )  # fmt: skip


def feed_of(client, user) -> Calendar:
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    client.logout()
    response = client.get(reverse("calendar:feed", args=[feed.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, object]:
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_it_shows_the_month_with_its_sessions_deadlines_and_releases(client, world):
    session = lima_session(world)
    quiz = f.QuizFactory(module=world.module, title="Census quiz",
                         closes_at=dt.datetime(2030, 3, 20, 23, 59, tzinfo=LIMA))  # fmt: skip
    work = f.AssignmentFactory(module=world.module, title="Policy brief",
                               due_at=dt.datetime(2030, 3, 13, 23, 59, tzinfo=LIMA))  # fmt: skip
    lesson = f.LessonFactory(module=world.module, title="Diasporas",
                             release_at=dt.datetime(2030, 3, 2, 8, tzinfo=LIMA))  # fmt: skip
    f.QuizFactory(module=world.module, title="Draft quiz", is_published=False,
                  closes_at=dt.datetime(2030, 3, 21, tzinfo=LIMA))  # fmt: skip
    client.force_login(world.ana)

    response = client.get(month_url(world, "2030-03"))

    html = response.content.decode()
    assert response.status_code == 200
    for title in (session.topic, quiz.title, work.title, lesson.title):
        assert title in html
    assert "Draft quiz" not in html
    assert "?month=2030-02" in html and "?month=2030-04" in html
    assert "<table" in html and "<caption" in html


def test_it_shows_the_lima_session_at_the_local_hour_of_a_student_in_madrid(client, world):
    lima_session(world)
    StudentProfile.objects.filter(user=world.ana).update(time_zone="Europe/Madrid")
    client.force_login(world.ana)

    html = client.get(list_url(world)).content.decode()

    # 19:00 in Lima is 01:00 the next day in Madrid (UTC+1 in March before the change).
    assert "01:00" in html and "Europe/Madrid" in html
    assert "19:00" not in html


def test_it_shows_the_edition_time_zone_when_the_profile_has_none(client, world):
    lima_session(world)
    client.force_login(world.ana)

    html = client.get(list_url(world)).content.decode()

    assert "19:00" in html and "America/Lima" in html


def test_it_falls_back_to_this_month_for_a_month_that_is_not_one(client, world):
    client.force_login(world.ana)

    response = client.get(month_url(world, "2030-13"))

    assert response.status_code == 200
    assert response.context["first"] == timezone.localdate().replace(day=1)


@pytest.mark.parametrize("persona", ["carla", "pablo"])
def test_it_refuses_people_outside_the_edition(client, world, persona):
    client.force_login(getattr(world, persona))

    assert client.get(month_url(world)).status_code == 404
    assert client.get(list_url(world)).status_code == 404


def test_it_asks_anonymous_visitors_to_log_in(client, world):
    response = client.get(month_url(world))

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_it_marks_what_the_student_did_and_what_is_overdue(client, world):
    now = timezone.now()
    done = f.AssignmentFactory(
        module=world.module, title="Handed in", due_at=now - dt.timedelta(hours=3)
    )
    missed = f.AssignmentFactory(
        module=world.module, title="Forgotten", due_at=now - dt.timedelta(hours=2)
    )
    f.SubmissionFactory(enrolment=world.ana_enrolment, assignment=done)
    client.force_login(world.ana)

    response = client.get(list_url(world))

    states = {item.title: item.state for _day, items in response.context["days"] for item in items}
    assert states[done.title] == "done"
    assert states[missed.title] == "overdue"


def test_it_keeps_the_query_count_of_the_month_constant(client, world):
    client.force_login(world.ana)
    client.get(month_url(world))
    with CaptureQueriesContext(connection) as small:
        client.get(month_url(world))
    now = timezone.now()
    for i in range(20):
        f.LiveSessionFactory(module=world.other_module, starts_at=now + dt.timedelta(hours=i))
        f.AssignmentFactory(module=world.module, due_at=now + dt.timedelta(hours=i))
        f.LessonFactory(module=world.module, release_at=now + dt.timedelta(hours=i))
    with CaptureQueriesContext(connection) as large:
        response = client.get(month_url(world))
    assert len(response.context["items"]) >= 40 or now.day > 27
    assert len(large.captured_queries) == len(small.captured_queries)


def test_its_feed_gives_each_session_in_utc_with_place_and_link(client, world):
    session = lima_session(world)
    work = f.AssignmentFactory(module=world.module, title="Policy brief")
    calendar = feed_of(client, world.ana)

    found = events(calendar)
    event = found[f"session-{session.pk}@diploma"]
    start = event.decoded("dtstart")
    assert start == session.starts_at
    assert start.utcoffset() == dt.timedelta(0)
    assert event.decoded("dtend") == session.ends_at
    assert str(event["location"]) == "Aula 301, PUCP"
    assert session.online_url in str(event["description"])
    assert found[f"assignment-{work.pk}@diploma"].decoded("dtstart") == work.due_at.replace(
        microsecond=0
    )
    assert f"lesson-{world.lesson.pk}@diploma" not in found  # released with no date


def test_its_feed_holds_only_the_persons_editions(client, world):
    other = f.LiveSessionFactory(module=f.ModuleFactory(edition=world.other_edition))
    mine = lima_session(world)

    ana = events(feed_of(client, world.ana))
    carla = events(feed_of(client, world.carla))

    assert f"session-{other.pk}@diploma" not in ana
    assert f"session-{mine.pk}@diploma" in ana
    assert f"session-{other.pk}@diploma" in carla
    assert f"session-{mine.pk}@diploma" not in carla


def test_its_feed_for_a_guest_instructor_holds_the_modules_they_teach(client, world):
    taught = lima_session(world)
    elsewhere = f.LiveSessionFactory(module=world.other_module)

    gus = events(feed_of(client, world.gus))

    assert f"session-{taught.pk}@diploma" in gus
    assert f"session-{elsewhere.pk}@diploma" not in gus


def test_its_feed_speaks_the_language_of_the_profile(client, world):
    f.AssignmentFactory(module=world.module, title="Policy brief")
    StudentProfile.objects.filter(user=world.ana).update(preferred_language="en")

    calendar = feed_of(client, world.ana)

    assert str(calendar["x-wr-calname"]) == "Diploma: my calendar"
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert "Assignment due: Policy brief" in summaries


def test_renewing_the_feed_makes_the_old_address_answer_404(client, world):
    feed, _ = CalendarFeed.objects.get_or_create(user=world.ana)
    old = reverse("calendar:feed", args=[feed.token])
    client.force_login(world.ana)

    response = client.post(reverse("calendar:feed-renew"), {"next": list_url(world)})

    assert response.status_code == 302 and response["Location"] == list_url(world)
    feed.refresh_from_db()
    assert client.get(old).status_code == 404
    assert client.get(reverse("calendar:feed", args=[feed.token])).status_code == 200
    assert feed.token in client.get(list_url(world)).content.decode()


def test_renewing_refuses_get_and_anonymous_visitors(client, world):
    url = reverse("calendar:feed-renew")
    assert client.post(url).status_code == 302 and "/login/" in client.post(url)["Location"]
    client.force_login(world.ana)
    assert client.get(url).status_code == 405


def test_an_unknown_feed_address_answers_404(client, world):
    assert client.get(reverse("calendar:feed", args=["not-a-token"])).status_code == 404


def test_one_event_downloads_as_ics(client, world):
    session = lima_session(world)
    client.force_login(world.ana)

    response = client.get(
        reverse("calendar:event-ics", args=[world.edition.slug, "session", session.pk])
    )

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("dtstart") == session.starts_at


def test_one_event_of_another_edition_is_not_found(client, world):
    other = f.LiveSessionFactory(module=f.ModuleFactory(edition=world.other_edition))
    client.force_login(world.ana)

    url = reverse("calendar:event-ics", args=[world.edition.slug, "session", other.pk])
    assert client.get(url).status_code == 404
    url = reverse("calendar:event-ics", args=[world.other_edition.slug, "session", other.pk])
    assert client.get(url).status_code == 404


def test_the_feed_of_a_full_edition_validates(client, world):
    now = timezone.now()
    for i in range(30):
        f.LiveSessionFactory(module=world.module, starts_at=now + dt.timedelta(days=i))
        f.QuizFactory(module=world.other_module, closes_at=now + dt.timedelta(days=i, hours=3))
        f.AssignmentFactory(module=world.module, due_at=now + dt.timedelta(days=i, hours=5))
        f.LessonFactory(module=world.other_module, release_at=now + dt.timedelta(days=i))

    calendar = feed_of(client, world.ana)

    assert len(calendar.walk("VEVENT")) == 4 * 30 + 1
    for event in calendar.walk("VEVENT"):
        assert event.errors == []
        assert event.decoded("dtstart").tzinfo is not None
