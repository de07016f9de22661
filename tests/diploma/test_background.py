"""Background work: e-mails leave the request, survive a mail server that is down, and
scheduled jobs start once per period however many workers run."""

import logging
import threading
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from courses.models import Announcement
from diploma import background, schedule
from diploma.models import ScheduledRun
from diploma.schedule import enqueue_due_jobs, period_start
from tests.concurrency import at_once
from tests.courses.test_teach_access import teach_url

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PUBLISH = {"title": "Reading for Thursday", "body": "Read the IOM report.", "confirm": "1"}


class MailServerDown(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail.example.org:587 refused the connection")


def run_worker() -> None:
    """What `manage.py worker` does, until no task is ready. Between tasks the worker closes
    old database connections, as requests do; here that would end the test's transaction."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)


def make_waiting_tasks_ready() -> None:
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


def test_a_request_that_queues_e_mails_returns_before_they_are_written_or_sent(
    client, world, database_tasks, django_capture_on_commit_callbacks
):
    client.force_login(world.ivan)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(teach_url("announcements", world), PUBLISH)

    assert response.status_code == 302
    assert Announcement.objects.count() == 1
    assert mail.outbox == []
    assert DBTaskResult.objects.ready().count() == 1

    run_worker()

    assert {message.to[0] for message in mail.outbox} == {world.ana.email, world.bruno.email}


def test_e_mails_wait_for_a_mail_server_that_is_down_and_go_out_when_it_is_back(
    world, database_tasks, settings, caplog
):
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDown"
    background.queue_email("Admitted", "Welcome to the diploma.", [world.ana.email])

    with caplog.at_level(logging.WARNING, logger="diploma.background"):
        run_worker()

    failed = DBTaskResult.objects.failed().get()
    retry = DBTaskResult.objects.get(status="READY")
    assert failed.exception_class_path.endswith("ConnectionRefusedError")
    assert retry.run_after > timezone.now() + timedelta(seconds=50)
    assert retry.args_kwargs["kwargs"]["retry_attempt"] == 2
    assert "deliver_email failed on attempt 1 (ConnectionRefusedError)" in caplog.text
    assert world.ana.email not in caplog.text and "Welcome" not in caplog.text

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_waiting_tasks_ready()
    run_worker()

    assert [message.to for message in mail.outbox] == [[world.ana.email]]
    assert DBTaskResult.objects.successful().count() == 1


def test_a_task_stops_retrying_after_the_last_delay(db, database_tasks, settings):
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDown"
    background.queue_email("Admitted", "Welcome.", ["ana@example.org"])

    for _ in range(len(background.RETRY_DELAYS) + 2):
        make_waiting_tasks_ready()
        run_worker()

    assert DBTaskResult.objects.failed().count() == len(background.RETRY_DELAYS) + 1
    assert not DBTaskResult.objects.ready().exists()


def test_in_development_a_failing_mail_server_does_not_break_the_request(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDown"
    client.force_login(world.ivan)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(teach_url("announcements", world), PUBLISH)

    assert response.status_code == 302
    assert Announcement.objects.count() == 1


def test_the_period_of_a_job_is_counted_from_midnight_utc():
    now = datetime(2026, 12, 4, 14, 37, tzinfo=UTC)

    assert period_start(now, timedelta(days=1)) == datetime(2026, 12, 4, tzinfo=UTC)
    assert period_start(now, timedelta(hours=1)) == datetime(2026, 12, 4, 14, tzinfo=UTC)
    assert period_start(now, timedelta(minutes=15)) == datetime(2026, 12, 4, 14, 30, tzinfo=UTC)


def test_a_scheduled_job_starts_once_per_period(db, database_tasks, settings):
    settings.SCHEDULED_TASKS = {"diploma.jobs.clear_expired_sessions": timedelta(hours=1)}
    now = datetime(2026, 12, 4, 14, 5, tzinfo=UTC)

    first = enqueue_due_jobs(now)
    again = enqueue_due_jobs(now + timedelta(minutes=50))
    next_hour = enqueue_due_jobs(now + timedelta(hours=1))

    assert first == next_hour == ["diploma.jobs.clear_expired_sessions"]
    assert again == []
    assert DBTaskResult.objects.count() == 2
    assert ScheduledRun.objects.count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_two_workers_ticking_at_once_start_a_job_once(database_tasks, settings):
    settings.SCHEDULED_TASKS = {"diploma.jobs.clear_expired_sessions": timedelta(days=1)}
    now = timezone.now()

    ticks = at_once([lambda: enqueue_due_jobs(now)] * 4)

    started = [job for jobs in ticks for job in jobs]
    assert started == ["diploma.jobs.clear_expired_sessions"]
    assert DBTaskResult.objects.count() == 1


def test_the_worker_runs_the_scheduled_jobs(db, database_tasks, settings):
    old = DBTaskResult.objects.create(
        task_path="diploma.jobs.clear_expired_sessions",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
        status="SUCCESSFUL",
        finished_at=timezone.now() - timedelta(days=40),
    )

    enqueue_due_jobs()
    run_worker()

    assert not DBTaskResult.objects.filter(pk=old.pk).exists()
    assert DBTaskResult.objects.successful().count() == len(settings.SCHEDULED_TASKS)


def test_no_e_mail_is_queued_for_an_erased_account(db, database_tasks):
    background.queue_email("Reminder", "Tomorrow.", ["erased-12@erased.invalid"])

    assert not DBTaskResult.objects.exists()


def test_in_development_the_scheduler_runs_the_due_jobs_as_it_starts_them(
    db, settings, monkeypatch
):
    settings.SCHEDULED_TASKS = {"diploma.jobs.clear_expired_sessions": timedelta(days=1)}
    stop = threading.Event()
    ran = []

    def tick_once():
        ran.extend(enqueue_due_jobs())
        stop.set()

    monkeypatch.setattr(schedule, "enqueue_due_jobs", tick_once)
    monkeypatch.setattr(schedule, "close_old_connections", lambda: None)  # the test's own
    monkeypatch.setattr(schedule.connections, "close_all", lambda: None)
    schedule.run_schedule(stop)

    assert ran == ["diploma.jobs.clear_expired_sessions"]
    assert ScheduledRun.objects.count() == 1


@background.background_task
def fan_out_then_fail(addresses: list[str]) -> None:
    for address in addresses:
        background.queue_email("News", "Hello.", [address])
    raise ConnectionError("the database went away half-way")


def test_a_task_that_fails_half_way_queues_nothing_so_its_retry_sends_each_message_once(
    db, database_tasks
):
    fan_out_then_fail.enqueue(["ana@example.org", "bruno@example.org"])

    run_worker()

    assert not DBTaskResult.objects.filter(task_path__endswith="deliver_email").exists()
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.task_path.endswith("fan_out_then_fail")
