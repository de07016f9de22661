"""Jobs that run once per period, however many workers are running.

`settings.SCHEDULED_TASKS` maps a task's import path to its period. Each worker asks, about
every SCHEDULE_TICK_SECONDS, which jobs are due; a job is due once per period, counted from
midnight UTC, and the first worker to record the run enqueues it (see ScheduledRun).
"""

import logging
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from diploma.models import ScheduledRun

logger = logging.getLogger(__name__)

SCHEDULE_TICK_SECONDS = 30


def period_start(now: datetime, period: timedelta) -> datetime:
    """The start of the period that contains `now`."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight + ((now - midnight) // period) * period


def enqueue_due_jobs(now: datetime | None = None) -> list[str]:
    """Enqueue each scheduled job not yet started in its current period; the jobs enqueued."""
    now = now or timezone.now()
    started = []
    for path, period in settings.SCHEDULED_TASKS.items():
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(job=path, period_start=period_start(now, period))
                import_string(path).enqueue()
        except IntegrityError:
            continue  # another worker started it for this period
        started.append(path)
        logger.info("Scheduled job %s enqueued", path)
    return started


def run_schedule(stop: threading.Event) -> None:
    """Start the due jobs about every SCHEDULE_TICK_SECONDS until `stop` is set."""
    while not stop.is_set():
        close_old_connections()
        try:
            enqueue_due_jobs()
        except Exception as error:  # a database hiccup must not stop the scheduler
            logger.warning("Could not start scheduled jobs (%s)", type(error).__name__)
        finally:
            connections.close_all()
        stop.wait(SCHEDULE_TICK_SECONDS)
