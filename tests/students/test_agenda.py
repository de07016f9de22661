"""What is next on the dashboard, and the student's own attendance on the module page."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from students import agenda
from students.models import Attendance, StudentProfile
from tests import factories as f
from tests.conftest import clear_caches

DASHBOARD = reverse("learn:dashboard")
HOUR = dt.timedelta(hours=1)


def next_items(client) -> list[agenda.Item]:
    response = client.get(DASHBOARD)
    return response.context["cards"][0]["enrolment"].what_is_next


def test_it_lists_what_is_next_in_time_order_with_overdue_and_done(client, world):
    now = timezone.now()
    late = f.AssignmentFactory(module=world.module, title="Late brief", due_at=now - 30 * HOUR)
    done = f.AssignmentFactory(module=world.module, title="Done brief", due_at=now - 20 * HOUR)
    f.SubmissionFactory(enrolment=world.ana_enrolment, assignment=done)
    quiz = f.QuizFactory(module=world.module, title="Census quiz", closes_at=now + 10 * HOUR)
    lesson = f.LessonFactory(module=world.other_module, title="Diasporas", release_at=now + HOUR)
    f.AssignmentFactory(module=world.module, title="Far away", due_at=now + 60 * 24 * HOUR)
    f.AssignmentFactory(module=world.module, title="Draft", is_published=False)
    client.force_login(world.ana)

    items = next_items(client)

    assert [(i.title, i.state) for i in items] == [
        (late.title, "overdue"),
        (done.title, "done"),
        (lesson.title, "upcoming"),
        (quiz.title, "upcoming"),
        (world.session.topic, "upcoming"),
    ]
    html = client.get(DASHBOARD).content.decode()
    assert "Late brief" in html and reverse("calendar:month", args=[world.edition.slug]) in html


def test_it_shows_times_in_the_profile_time_zone(client, world):
    starts = timezone.now().replace(minute=0, second=0, microsecond=0) + 48 * HOUR
    world.session.starts_at, world.session.ends_at = starts, starts + HOUR
    world.session.save()
    StudentProfile.objects.filter(user=world.ana).update(time_zone="Asia/Tokyo")
    client.force_login(world.ana)

    html = client.get(DASHBOARD).content.decode()

    tokyo = starts.astimezone(dt.timezone(dt.timedelta(hours=9)))
    assert tokyo.strftime("%H:%M") in html and "Asia/Tokyo" in html


def test_the_dashboard_keeps_its_query_count_with_a_full_agenda(client, world):
    now = timezone.now()
    # One of each kind, so that the count compares the same pages with more rows.
    first = f.AssignmentFactory(module=world.module, due_at=now - HOUR)
    f.SubmissionFactory(enrolment=world.ana_enrolment, assignment=first)
    f.QuizFactory(module=world.module, closes_at=now + HOUR)
    f.LessonFactory(module=world.other_module, release_at=now - HOUR)
    client.force_login(world.ana)

    def uncached() -> int:
        clear_caches()
        with CaptureQueriesContext(connection) as queries:
            client.get(DASHBOARD)
        return len(queries.captured_queries)

    small = uncached()
    for i in range(15):
        f.LiveSessionFactory(module=world.other_module, starts_at=now + i * HOUR)
        work = f.AssignmentFactory(module=world.module, due_at=now + (i - 7) * HOUR)
        f.SubmissionFactory(enrolment=world.ana_enrolment, assignment=work)
        f.QuizFactory(module=world.module, closes_at=now + i * HOUR)
        f.LessonFactory(module=world.other_module, release_at=now - i * HOUR)

    assert uncached() == small
    assert len(next_items(client)) == agenda.NEXT_ITEMS


def test_the_module_page_tells_the_student_their_attendance(client, world):
    now = timezone.now()
    held = [
        f.LiveSessionFactory(
            module=world.module,
            starts_at=now - (i + 1) * 24 * HOUR,
            ends_at=now - (i + 1) * 24 * HOUR + HOUR,
        )
        for i in range(3)
    ]
    world.ana_enrolment.decided_at = now - 30 * 24 * HOUR
    world.ana_enrolment.save()
    for session, status in zip(held, ["present", "late", "absent"], strict=True):
        Attendance.objects.create(enrolment=world.ana_enrolment, session=session, status=status)
    client.force_login(world.ana)

    html = client.get(world.module.get_absolute_url()).content.decode()

    assert "2" in html and "3" in html
    response = client.get(world.module.get_absolute_url())
    tally = response.context["enrolment"].module_tally
    assert (tally.attended, tally.counted) == (2, 3)
