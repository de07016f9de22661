import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # The browser tests allow the ORM under Playwright's event loop; a deployment never does.
    unset = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_it_is_deploy_clean_with_production_environment():
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="diploma.example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key_in_production():
    result = _manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [("DEBUG", "maybe"), ("AXES_FAILURE_LIMIT", "five"), ("DATABASE_URL", "mysqlx://nope")],
)
def test_it_fails_loudly_on_a_malformed_value(name, value):
    result = _manage("check", **{name: value, "SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert name in result.stderr


def test_it_passes_the_deploy_checks_through_call_command(settings, monkeypatch):
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    settings.DEBUG = False
    settings.SECRET_KEY = secrets.token_urlsafe(50)
    settings.ALLOWED_HOSTS = ["diploma.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": settings.CACHE_TABLE,
        }
    }
    call_command("check", "--deploy", "--fail-level", "WARNING")


def test_production_settings_mark_cookies_secure_and_send_hsts():
    probe = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS,"
        " s.SECURE_SSL_REDIRECT)"
    )
    result = _manage("shell", "--no-imports", "-c", probe, DEBUG="0", SECRET_KEY="y" * 60)
    assert result.stdout.split() == ["True", "True", "31536000", "True"]


PRINT_CACHE = "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"


def _production_cache(**env: str) -> str:
    result = _manage(
        "shell", "-c", PRINT_CACHE,
        DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="diploma.example.org",
        **env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_production_shares_its_cache_between_processes():
    assert _production_cache(REDIS_URL="") == "django.core.cache.backends.db.DatabaseCache"
    redis = _production_cache(REDIS_URL="redis://127.0.0.1:6379/9")
    assert redis == "django.core.cache.backends.redis.RedisCache"


def test_the_deploy_check_warns_of_a_cache_in_each_process(settings):
    from diploma.checks import check_shared_cache

    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [warning.id for warning in check_shared_cache(None)] == ["diploma.W001"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache"}}
    assert check_shared_cache(None) == []


def test_the_migrations_create_the_table_of_the_database_cache(db):
    from django.conf import settings
    from django.db import connection

    assert settings.CACHE_TABLE in connection.introspection.table_names()
