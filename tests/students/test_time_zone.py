"""A person who set a time zone in their profile reads every time of the site in it, from the
moment they log in, in that browser, without a query per page."""

import datetime as dt

from django.urls import reverse

from diploma.middleware import TIME_ZONE_COOKIE
from students.models import StudentProfile
from tests.factories import PASSWORD

LIMA_EVENING = dt.datetime(2026, 12, 11, 0, 0, tzinfo=dt.UTC)  # 19:00 in Lima


def _log_in(client, user) -> None:
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302


def _module_page(client, world) -> str:
    url = reverse("learn:module-detail", args=[world.edition.slug, world.module.slug])
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def _session_at(world, starts_at: dt.datetime) -> None:
    world.session.starts_at = starts_at
    world.session.ends_at = starts_at + dt.timedelta(hours=2)
    world.session.save()


def test_a_student_in_madrid_reads_a_lima_session_at_her_own_hour(client, world):
    _session_at(world, LIMA_EVENING)
    StudentProfile.objects.filter(user=world.ana).update(time_zone="Europe/Madrid")

    _log_in(client, world.ana)
    html = _module_page(client, world)

    assert 'datetime="2026-12-11T01:00+0100"' in html
    assert "Europe/Madrid" in html


def test_without_a_time_zone_the_site_s_is_used(client, world, settings):
    _session_at(world, LIMA_EVENING)

    client.force_login(world.ana)
    html = _module_page(client, world)

    assert 'datetime="2026-12-10T19:00-0500"' in html
    assert settings.TIME_ZONE in html


def test_saving_the_profile_changes_the_time_zone_of_the_next_page(client, world):
    _session_at(world, LIMA_EVENING)
    client.force_login(world.ana)
    _module_page(client, world)
    profile = StudentProfile.objects.get(user=world.ana)
    form = {
        "first_name": "Ana", "last_name": "Quispe", "email": world.ana.email,
        "country": "PE", "organisation": "MTPE", "sector": profile.sector or "government",
        "position": "Analyst", "preferred_language": "en", "time_zone": "Europe/Madrid",
        "discussion_emails": "daily",
    }  # fmt: skip

    response = client.post(reverse("accounts:profile-edit"), form)

    assert response.status_code == 302, response.context["profile_form"].errors
    assert 'datetime="2026-12-11T01:00+0100"' in _module_page(client, world)


def test_logging_out_forgets_the_time_zone_of_the_browser(client, world):
    StudentProfile.objects.filter(user=world.ana).update(time_zone="Europe/Madrid")
    _log_in(client, world.ana)
    assert client.cookies[TIME_ZONE_COOKIE].value == "Europe/Madrid"

    client.post(reverse("accounts:logout"))

    assert client.cookies[TIME_ZONE_COOKIE].value == ""


def test_a_page_reads_the_time_zone_without_the_session(client, world, django_assert_num_queries):
    client.force_login(world.ana)
    client.cookies[TIME_ZONE_COOKIE] = "Europe/Madrid"

    with django_assert_num_queries(0):
        assert client.get(reverse("healthz")).status_code == 200
