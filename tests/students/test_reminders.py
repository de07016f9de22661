import datetime as dt
import zoneinfo

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone, translation
from django.utils.formats import date_format

from students import reminders
from students.models import Enrolment, QuizAttempt, ReminderSent, StudentProfile
from tests import factories as f
from tests.concurrency import at_once

HOUR = dt.timedelta(hours=1)


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def session_tomorrow(world):
    """ana's and bruno's seminar in 20 hours; the world's own session is three days away."""
    starts = timezone.now() + 20 * HOUR
    return f.LiveSessionFactory(
        module=world.module, topic="Diasporas and development", starts_at=starts,
        ends_at=starts + 2 * HOUR, online_url="https://meet.example.org/diasporas",
    )  # fmt: skip


def test_it_reminds_the_students_of_a_session_24_hours_ahead(world, session_tomorrow):
    sent = reminders.send_due_reminders()

    assert sent == 2
    assert recipients() == ["ana@example.org", "bruno@example.org"]
    assert "Diasporas and development" in mail.outbox[0].subject
    assert session_tomorrow.online_url in mail.outbox[0].body
    assert ReminderSent.objects.filter(kind="session", object_id=session_tomorrow.pk).count() == 2


def test_it_never_reminds_twice_when_the_job_runs_again(world, session_tomorrow):
    reminders.send_reminders.enqueue()
    reminders.send_reminders.enqueue()

    assert len(mail.outbox) == 2
    assert ReminderSent.objects.count() == 2


def test_it_writes_in_the_language_and_time_zone_of_the_profile(world):
    starts = dt.datetime.now(dt.UTC).replace(minute=0, second=0, microsecond=0) + 20 * HOUR
    f.LiveSessionFactory(
        module=world.module, topic="Seminar", starts_at=starts, ends_at=starts + HOUR
    )
    StudentProfile.objects.filter(user=world.ana).update(
        preferred_language="en", time_zone="Europe/Madrid"
    )

    reminders.send_due_reminders()

    to_ana = next(message for message in mail.outbox if message.to == ["ana@example.org"])
    to_bruno = next(message for message in mail.outbox if message.to == ["bruno@example.org"])
    assert to_ana.subject == "Tomorrow: Seminar"
    assert "Europe/Madrid" in to_ana.body
    assert starts.astimezone(zoneinfo.ZoneInfo("Europe/Madrid")).strftime("%H:%M") in to_ana.body
    assert starts.astimezone(zoneinfo.ZoneInfo("America/Lima")).strftime("%H:%M") in to_bruno.body
    # Spanish for bruno: the weekday is named in Spanish (Django's own translations).
    lima = starts.astimezone(zoneinfo.ZoneInfo("America/Lima"))
    with translation.override("es"):
        assert date_format(lima, "l") in to_bruno.body
    assert "America/Lima" in to_bruno.body


def test_it_leaves_out_people_who_turned_the_kind_off(world, session_tomorrow):
    StudentProfile.objects.filter(user=world.ana).update(remind_sessions=False)
    f.AssignmentFactory(module=world.module, due_at=timezone.now() + 30 * HOUR)

    reminders.send_due_reminders()

    kinds = set(ReminderSent.objects.filter(user=world.ana).values_list("kind", flat=True))
    assert kinds == {"assignment"}
    assert set(ReminderSent.objects.filter(user=world.bruno).values_list("kind", flat=True)) == {
        "assignment",
        "session",
    }


def test_it_leaves_out_withdrawn_students(world, session_tomorrow):
    Enrolment.objects.filter(pk=world.bruno_enrolment.pk).update(status=Enrolment.Status.WITHDRAWN)

    reminders.send_due_reminders()

    assert recipients() == ["ana@example.org"]


def test_it_reminds_a_deadline_48_hours_ahead_only_to_who_has_not_met_it(world):
    now = timezone.now()
    brief = f.AssignmentFactory(module=world.module, title="Policy brief", due_at=now + 40 * HOUR)
    quiz = f.QuizFactory(module=world.module, title="Census quiz", closes_at=now + 47 * HOUR)
    later = f.AssignmentFactory(module=world.module, due_at=now + 50 * HOUR)
    f.SubmissionFactory(enrolment=world.ana_enrolment, assignment=brief)
    f.QuizAttemptFactory(enrolment=world.bruno_enrolment, quiz=quiz)
    f.QuizAttemptFactory(
        enrolment=world.ana_enrolment, quiz=quiz, status=QuizAttempt.Status.IN_PROGRESS,
        submitted_at=None, score=None, max_score=None,
    )  # fmt: skip

    reminders.send_due_reminders()

    sent = set(ReminderSent.objects.values_list("user__username", "kind", "object_id"))
    assert sent == {("bruno", "assignment", brief.pk), ("ana", "quiz", quiz.pk)}
    assert not ReminderSent.objects.filter(object_id=later.pk, kind="assignment").exists()
    assert any("Policy brief" in message.subject for message in mail.outbox)


def test_a_moved_deadline_is_reminded_again(world):
    brief = f.AssignmentFactory(module=world.module, due_at=timezone.now() + 40 * HOUR)
    reminders.send_due_reminders()
    brief.due_at += 5 * HOUR
    brief.save()

    reminders.send_due_reminders()

    assert ReminderSent.objects.filter(user=world.ana, object_id=brief.pk).count() == 2


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs PostgreSQL: SQLite test databases are not shared between threads.",
)
@pytest.mark.django_db(transaction=True)
def test_two_servers_running_the_job_at_once_send_each_reminder_once(monkeypatch):
    from tests.conftest import build_world

    world = build_world()
    starts = timezone.now() + 20 * HOUR
    session = f.LiveSessionFactory(module=world.module, starts_at=starts, ends_at=starts + HOUR)
    # Both servers see nothing sent yet, as when they read at the very same moment.
    monkeypatch.setattr(reminders, "_not_sent", lambda due: due)

    counts = at_once([reminders.send_due_reminders] * 2)

    assert sum(counts) == 2
    assert ReminderSent.objects.filter(object_id=session.pk).count() == 2
    assert recipients() == ["ana@example.org", "bruno@example.org"]
