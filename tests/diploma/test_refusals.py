"""A refused request is one line in the log (method, path, status, who); an error keeps its
traceback."""

import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import Client
from django.urls import path

from diploma.urls import urlpatterns as site_urlpatterns


def _forbidden(request):
    raise PermissionDenied("not yours")


def _missing(request):
    raise Http404("no such lesson")


def _too_many(request):
    return HttpResponse("slow down", status=429)


def _broken(request):
    raise RuntimeError("the view broke")


urlpatterns = [
    path("forbidden/", _forbidden),
    path("missing/", _missing),
    path("too-many/", _too_many),
    path("broken/", _broken),
    # The error pages link to the rest of the site.
    *site_urlpatterns,
]

pytestmark = pytest.mark.urls(__name__)


@pytest.fixture
def log(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def _refusal_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "diploma.refusals"]


@pytest.mark.parametrize(
    ("url", "status"), [("/forbidden/", 403), ("/missing/", 404), ("/too-many/", 429)]
)
def test_a_refusal_is_one_line_without_a_traceback(client, db, log, url, status):
    response = client.get(url)

    assert response.status_code == status
    assert _refusal_lines(log) == [f"GET {url} {status} user=anonymous"]
    assert [r for r in log.records if r.levelno >= logging.WARNING] == []
    assert "Traceback" not in log.text
    assert all(r.exc_info is None for r in log.records)


def test_the_line_names_the_signed_in_user_by_id(client, world, log):
    client.force_login(world.ana)
    client.post("/forbidden/")
    assert _refusal_lines(log) == [f"POST /forbidden/ 403 user={world.ana.pk}"]


def test_a_crafted_path_cannot_forge_a_second_line(client, db, log):
    client.get("/missing/%0Afake 200 user=1")
    (line,) = _refusal_lines(log)
    assert "\n" not in line
    assert line.startswith("GET /missing/\\nfake")


def test_a_failed_csrf_check_is_one_line_with_its_reason(db, log):
    Client(enforce_csrf_checks=True).post("/forbidden/")
    (line,) = _refusal_lines(log)
    assert line.startswith("POST /forbidden/ 403 user=anonymous (CSRF cookie not set")
    assert "Traceback" not in log.text
    assert [r for r in log.records if r.name.startswith("django.")] == []


def test_a_server_error_is_still_logged_with_its_traceback(db, log):
    response = Client(raise_request_exception=False).get("/broken/")

    assert response.status_code == 500
    (error,) = [r for r in log.records if r.name == "django.request"]
    assert error.levelno == logging.ERROR
    assert error.exc_info is not None
    assert "Traceback" in log.text and "the view broke" in log.text
    assert _refusal_lines(log) == []
