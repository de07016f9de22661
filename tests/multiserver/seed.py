"""Prepare an empty PostgreSQL database for the app servers of test_two_servers.py.

    DATABASE_URL=postgres://.../diploma_multiserver_<pid> python -m tests.multiserver.seed

Runs with the servers' own environment: migrates, collects the static files that production
storage needs, builds the personas of tests/conftest.py with a live session happening now,
and prints what the test needs to know as JSON.
"""

import datetime as dt
import json
import os
import sys

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diploma.settings")
    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)

    from tests import factories as f
    from tests.conftest import build_world

    world = build_world()
    now = timezone.now()
    seminar = f.LiveSessionFactory(
        module=world.module,
        topic="Seminar in the room",
        starts_at=now - dt.timedelta(minutes=5),
        ends_at=now + dt.timedelta(hours=2),
    )
    json.dump(
        {
            "password": f.PASSWORD,
            "student": world.ana.username,
            "other_student": world.bruno.username,
            "instructor": world.ivan.username,
            "edition": world.edition.slug,
            "module": world.module.slug,
            "lesson": world.lesson.slug,
            "session": seminar.pk,
            "enrolment": world.ana_enrolment.pk,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
