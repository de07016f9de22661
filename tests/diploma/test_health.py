"""The probes a load balancer asks: /healthz (the process answers) and /readyz (it can serve)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from diploma.background import deliver_email

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS
    settings.TASK_QUEUE_MAX_AGE = timedelta(minutes=15)


def _queue_an_email_waiting_since(moment) -> None:
    result = deliver_email.enqueue("Welcome", "Hello", ["ana@example.org"])
    DBTaskResult.objects.filter(pk=result.id).update(enqueued_at=moment)


def test_it_reports_liveness_without_the_database(client):
    # No `db` fixture: pytest-django raises on any database access.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_it_reports_readiness_with_the_database_the_cache_and_the_queue(
    client, db, django_assert_num_queries
):
    # The database, then the oldest waiting task; the cache is kept in memory in tests.
    with django_assert_num_queries(2):
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "database": "ok", "cache": "ok", "tasks": "ok", "oldest_task_seconds": 0,
    }  # fmt: skip


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_answer_plain_http_when_the_site_redirects_to_https(client, db, settings, path):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    assert client.get(path).status_code == 200


def test_it_reports_an_unreachable_database_as_not_ready(client, db, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise OSError("connection refused")

    monkeypatch.setattr("diploma.views.connection", Unreachable())
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_it_reports_an_unreachable_cache_as_not_ready(client, db, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on port 9 (discard) of this machine.
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        },
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unavailable"
    assert response.json()["database"] == "ok"


def test_a_fresh_task_waiting_is_normal(client, db, database_tasks):
    _queue_an_email_waiting_since(timezone.now() - timedelta(minutes=2))
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["tasks"] == "ok"
    assert 110 <= response.json()["oldest_task_seconds"] <= 130


def test_a_stuck_queue_is_reported_with_its_age_but_keeps_the_server_in_service(
    client, db, database_tasks
):
    _queue_an_email_waiting_since(timezone.now() - timedelta(minutes=40))
    _queue_an_email_waiting_since(timezone.now() - timedelta(minutes=3))
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["tasks"] == "stuck"
    assert 2390 <= response.json()["oldest_task_seconds"] <= 2410


def test_a_task_deferred_to_later_is_not_waiting(client, db, database_tasks):
    later = timezone.now() + timedelta(hours=2)
    deliver_email.using(run_after=later).enqueue("Later", "Hello", ["ana@example.org"])
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=1))
    assert client.get("/readyz").json()["oldest_task_seconds"] == 0


def test_a_retry_counts_from_when_it_became_due(client, db, database_tasks):
    due = timezone.now() - timedelta(minutes=5)
    deliver_email.using(run_after=due).enqueue("Retry", "Hello", ["ana@example.org"])
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=3))
    response = client.get("/readyz")
    assert response.json()["tasks"] == "ok"
    assert 290 <= response.json()["oldest_task_seconds"] <= 310
