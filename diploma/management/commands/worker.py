"""Run background tasks and start scheduled jobs when they are due.

`python manage.py worker` is `db_worker` (from django-tasks-db) plus the scheduler: any number of
workers may run, on one machine or several; each scheduled job still runs once per period.
"""

import threading

from django_tasks_db.management.commands import db_worker

from diploma.schedule import run_schedule


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
            threading.Thread(target=run_schedule, args=(stop,), daemon=True).start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
