"""Two app servers over one PostgreSQL database and one Redis behave as one site.

Two gunicorn servers, each its own process with its own memory, run the production settings
behind a simulated TLS proxy on a database of their own; a person's browser goes from one to
the other between two requests, as a load balancer sends it. Runs when DATABASE_URL is
PostgreSQL and Redis answers at REDIS_TEST_URL (its database is flushed first); CI sets
E2E_REQUIRED=1, and then a missing Redis fails instead of skipping.
"""

import json
import os
import re
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.urls import reverse

from students.certificates import CODE_ALPHABET, CODE_LENGTH
from students.verify_views import DEFAULT_RATE
from tests.bench.client import Visitor
from tests.bench.run import BASE_DIR
from tests.bench.servers import gunicorn, production_environment

REQUIRED = os.environ.get("E2E_REQUIRED") == "1"
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


@dataclass
class Site:
    a: int
    b: int
    """The ports of the two servers."""
    database_url: str
    facts: dict

    def path(self, name: str, **kwargs) -> str:
        return reverse(name, kwargs=kwargs)


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _redis_answers(url: str) -> bool:
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
        return bool(client.ping())
    except redis.RedisError:
        return False


def _on_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


@contextmanager
def scratch_database(url: str) -> Iterator[str]:
    """A new, empty database on the server of `url`, dropped afterwards even if a server
    still holds a connection to it."""
    import psycopg

    name = f"diploma_multiserver_{os.getpid()}"
    with psycopg.connect(_on_database(url, "postgres"), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield _on_database(url, name)
    finally:
        with psycopg.connect(_on_database(url, "postgres"), autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _seed(environment: dict[str, str]) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "tests.multiserver.seed"], cwd=BASE_DIR, env=environment,
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if done.returncode:
        raise RuntimeError(f"seeding the servers' database failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    database = _postgres_url()
    if database is None:
        pytest.skip("several app servers need a PostgreSQL DATABASE_URL")
    if not _redis_answers(REDIS_TEST_URL):
        message = f"several app servers need Redis, which does not answer at {REDIS_TEST_URL}"
        if REQUIRED:
            pytest.fail(message + " (E2E_REQUIRED=1)")
        pytest.skip(message)
    import redis

    redis.Redis.from_url(REDIS_TEST_URL).flushdb()
    with ExitStack() as stack:
        database_url = stack.enter_context(scratch_database(database))
        environment = production_environment(
            DATABASE_URL=database_url,
            REDIS_URL=REDIS_TEST_URL,
            TASKS_BACKEND="database",
            ALLOWED_HOSTS="127.0.0.1",
            RATELIMIT_ENABLE="1",
            LOG_LEVEL="WARNING",
        )
        facts = _seed(environment)
        a = stack.enter_context(gunicorn(environment, workers=1))
        b = stack.enter_context(gunicorn(environment, workers=1))
        yield Site(a.port, b.port, database_url, facts)
        for server in (a, b):
            assert "Traceback" not in server.log(), server.log()[-4000:]


def test_it_keeps_a_login_made_on_one_server_on_the_other(site):
    ana = Visitor()
    ana.log_in(site.a, site.facts["student"], site.facts["password"])

    profile = site.path("accounts:profile")
    assert ana.get(site.b, profile).status == 200
    logged_out = ana.submit(site.b, profile, "/accounts/logout/")
    assert logged_out.status == 302
    assert ana.get(site.a, profile).location.startswith("/accounts/login/")


def test_it_shows_a_lesson_edited_through_one_server_at_once_through_the_other(site):
    facts = site.facts
    place = {"edition": facts["edition"], "module": facts["module"], "lesson": facts["lesson"]}
    lesson = site.path("learn:lesson-detail", **place)
    ana, ivan = Visitor(), Visitor()
    ana.log_in(site.b, facts["student"], facts["password"])
    ivan.log_in(site.a, facts["instructor"], facts["password"])
    before = ana.get(site.b, lesson)  # now in server B's own memory
    assert before.status == 200

    new_text = f"Remittances reached a record {secrets.token_hex(4)} this year."
    edit = site.path("teach:lesson-edit", **place)
    saved = ivan.submit(site.a, edit, edit, body=new_text)

    assert saved.status == 302, saved.text[-3000:]
    assert new_text not in before.text
    assert new_text in ana.get(site.b, lesson).text
    assert new_text in ana.get(site.a, lesson).text


def test_it_refuses_a_student_withdrawn_through_one_server_at_once_through_the_other(site):
    facts = site.facts
    place = {"edition": facts["edition"], "module": facts["module"], "lesson": facts["lesson"]}
    lesson = site.path("learn:lesson-detail", **place)
    bruno = Visitor()
    bruno.log_in(site.a, facts["other_student"], facts["password"])
    assert bruno.get(site.b, lesson).status == 200  # server B now remembers his enrolment

    withdraw = site.path("apply:withdraw", edition=facts["edition"])
    withdrawn = bruno.submit(site.a, withdraw, withdraw, note="I move abroad for work.")

    assert withdrawn.status == 302, withdrawn.text[-3000:]
    assert bruno.get(site.b, lesson).status == 403
    assert bruno.get(site.a, lesson).status == 403


def _seconds_left_in_window(period: int) -> float:
    """django-ratelimit counts in fixed windows, shifted per key (here the loopback address)."""
    from django_ratelimit.core import _get_window

    return _get_window("127.0.0.1", period) - time.time()


def test_it_counts_certificate_lookups_to_both_servers_in_one_limit(site):
    from django_ratelimit.core import _split_rate

    limit, period = _split_rate(getattr(settings, "CERTIFICATE_LOOKUP_RATE", DEFAULT_RATE))
    # The lookups below take a few seconds: start them in a fresh window, not at its end.
    if _seconds_left_in_window(period) < 20:
        time.sleep(max(0.0, _seconds_left_in_window(period)) + 1)
    visitor = Visitor()

    def look_up(port: int) -> int:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        return visitor.get(port, site.path("verify:certificate", code=code)).status

    answers = [look_up(site.a if n % 2 == 0 else site.b) for n in range(limit)]

    assert answers == [404] * limit
    assert look_up(site.b if limit % 2 else site.a) == 429
    assert look_up(site.a if limit % 2 else site.b) == 429


def test_it_accepts_a_check_in_code_shown_by_one_server_on_the_other(site):
    import psycopg

    facts = site.facts
    ivan, ana = Visitor(), Visitor()
    ivan.log_in(site.a, facts["instructor"], facts["password"])
    screen = site.path(
        "teach:session-qr",
        edition=facts["edition"], module=facts["module"], session=facts["session"],
    )  # fmt: skip
    shown = ivan.get(site.a, screen)
    assert shown.status == 200
    check_in = re.search(r"/teach/check-in/[^/\"'<\s]+/", shown.text).group(0)

    # Scanned before logging in: the code waits in the session, whichever server answers.
    assert ana.get(site.b, check_in).location.startswith("/accounts/login/")
    back = ana.log_in(site.a, facts["student"], facts["password"], next=check_in)
    assert back.location == check_in
    assert ana.get(site.b, check_in).status == 200

    with psycopg.connect(site.database_url) as connection:
        rows = connection.execute(
            "SELECT status FROM students_attendance WHERE enrolment_id = %s AND session_id = %s",
            (facts["enrolment"], facts["session"]),
        ).fetchall()
    assert rows == [("present",)]
