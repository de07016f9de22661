"""Start scheduled jobs when they are due, for development: with tasks run at once
(TASKS_BACKEND=immediate, as `make run` has them) each job runs here as it is started. In
production `manage.py worker` starts them itself."""

import contextlib
import threading

from django.core.management.base import BaseCommand

from diploma.schedule import run_schedule


class Command(BaseCommand):
    help = "Start scheduled jobs (reminders, digests, clean-ups) when they are due."

    def handle(self, *args, **options):
        self.stdout.write("Starting scheduled jobs when they are due; Ctrl+C to stop.")
        with contextlib.suppress(KeyboardInterrupt):
            run_schedule(threading.Event())
