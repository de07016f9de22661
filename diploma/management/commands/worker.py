"""Run background tasks and start scheduled jobs when they are due.

`python manage.py worker` is `db_worker` (from django-tasks-db) plus the scheduler: any number of
workers may run, on one machine or several; each scheduled job still runs once per period.
"""

import logging
import threading

from django.db import close_old_connections, connections
from django_tasks_db.management.commands import db_worker

from diploma.schedule import SCHEDULE_TICK_SECONDS, enqueue_due_jobs

logger = logging.getLogger(__name__)


def _schedule_forever(stop: threading.Event) -> None:
    while not stop.is_set():
        close_old_connections()
        try:
            enqueue_due_jobs()
        except Exception as error:  # a database hiccup must not stop the scheduler
            logger.warning("Could not start scheduled jobs (%s)", type(error).__name__)
        finally:
            connections.close_all()
        stop.wait(SCHEDULE_TICK_SECONDS)


class Command(db_worker.Command):
    help = "Run background tasks and scheduled jobs."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Only run tasks; leave scheduled jobs to other workers.",
        )

    def handle(self, *args, no_schedule: bool = False, **options):
        stop = threading.Event()
        if not no_schedule and not options.get("batch"):
            threading.Thread(target=_schedule_forever, args=(stop,), daemon=True).start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
