"""The office's completion screen, issuing one by one and in bulk, and revoking."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import LiveSession
from diploma.models import Edition
from students import certificate_pdf
from students.completion import AT_THE_END, DURING, Standing
from students.models import Attendance, Certificate, Enrolment
from tests import factories as f
from tests.diploma.test_background import run_worker


@pytest.fixture(autouse=True)
def _in_english(client):
    """The messages below are checked in English, whatever the default language."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def course(world):
    """Two hours required and 80 % attendance: ana attended the two-hour seminar and did the
    released lesson, bruno neither."""
    world.programme.required_hours = 2
    world.programme.min_attendance = 80
    world.programme.save()
    Enrolment.objects.filter(edition=world.edition).update(
        decided_at=timezone.now() - dt.timedelta(days=30)
    )
    world.seminar = LiveSession.objects.create(
        module=world.module, topic="Seminar", starts_at=timezone.now() - dt.timedelta(days=7),
        ends_at=timezone.now() - dt.timedelta(days=7) + dt.timedelta(hours=2),
    )  # fmt: skip
    Attendance.objects.create(
        enrolment=world.ana_enrolment, session=world.seminar, status="present"
    )
    Attendance.objects.create(
        enrolment=world.bruno_enrolment, session=world.seminar, status="absent"
    )
    f.LessonProgressFactory(enrolment=world.ana_enrolment, lesson=world.lesson)
    return world


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _completion_url(world) -> str:
    return reverse("office:completion", kwargs={"edition": world.edition.slug})


def test_during_the_edition_the_coordinator_sees_who_is_on_track_and_who_is_not(client, course):
    client.force_login(course.cora)
    response = client.get(_completion_url(course))
    assert response.status_code == 200
    rows = {row["enrolment"].pk: row for row in response.context["rows"]}
    assert rows[course.ana_enrolment.pk]["completion"].standing == Standing.ON_TRACK
    assert rows[course.ana_enrolment.pk]["can_issue"]
    bruno = rows[course.bruno_enrolment.pk]["completion"]
    assert bruno.standing in (Standing.BEHIND, Standing.AT_RISK) and bruno.reasons
    assert not rows[course.bruno_enrolment.pk]["can_issue"]
    assert [standing for standing, _count in response.context["counts"]] == list(DURING)
    assert response.context["issuable"] == 1
    html = response.content.decode()
    assert reverse("office:certificates-issue", kwargs={"edition": course.edition.slug}) in html


def test_after_the_edition_the_screen_gives_the_verdict(client, course):
    Edition.objects.filter(pk=course.edition.pk).update(status=Edition.Status.CLOSED)
    client.force_login(course.cora)
    response = client.get(_completion_url(course))
    rows = {row["enrolment"].pk: row for row in response.context["rows"]}
    assert rows[course.ana_enrolment.pk]["completion"].standing == Standing.MEETS
    assert rows[course.bruno_enrolment.pk]["completion"].standing == Standing.DOES_NOT_MEET
    assert [standing for standing, _count in response.context["counts"]] == list(AT_THE_END)


def test_the_screen_pages_through_many_students(client, course):
    for _ in range(55):
        f.EnrolmentFactory(edition=course.edition, status=Enrolment.Status.ADMITTED)
    client.force_login(course.cora)
    first = client.get(_completion_url(course))
    second = client.get(_completion_url(course), {"page": 2})
    assert len(first.context["rows"]) == 50
    assert len(second.context["rows"]) == 7
    assert first.context["total"] == 57


def test_the_screen_filters_by_standing(client, course):
    client.force_login(course.cora)
    rows = client.get(_completion_url(course)).context["rows"]
    bruno = next(r for r in rows if r["enrolment"] == course.bruno_enrolment)["completion"].standing
    response = client.get(_completion_url(course), {"standing": bruno})
    assert [row["enrolment"] for row in response.context["rows"]] == [course.bruno_enrolment]
    everyone = client.get(_completion_url(course), {"standing": "nonsense"})
    assert len(everyone.context["rows"]) == 2


def test_the_screen_runs_as_many_queries_for_thirty_students_as_for_one(client, world):
    client.force_login(world.cora)
    Enrolment.objects.filter(pk=world.bruno_enrolment.pk).delete()
    with CaptureQueriesContext(connection) as one:
        assert client.get(_completion_url(world)).status_code == 200
    for number in range(29):
        enrolment = f.EnrolmentFactory(edition=world.edition)
        Attendance.objects.create(enrolment=enrolment, session=world.session, status="present")
        f.LessonProgressFactory(enrolment=enrolment, lesson=world.lesson)
        if number % 3 == 0:
            Certificate.objects.create(
                enrolment=enrolment, issued_at=timezone.now(), full_name="X", hours=1
            )
    with CaptureQueriesContext(connection) as thirty:
        response = client.get(_completion_url(world))
    assert len(response.context["rows"]) == 30
    assert len(thirty) == len(one), [q["sql"] for q in thirty]


def test_the_screen_is_for_the_edition_coordinators_only(client, course):
    url = _completion_url(course)
    assert "/login/" in client.get(url)["Location"]
    client.force_login(course.ana)
    assert client.get(url).status_code == 403
    client.force_login(course.cora)
    other = reverse("office:completion", kwargs={"edition": course.other_edition.slug})
    assert client.get(other).status_code == 404
    client.force_login(course.root)
    assert client.get(other).status_code == 200


def test_the_coordinator_issues_every_qualifying_certificate_at_once(client, course):
    client.force_login(course.cora)
    url = reverse("office:certificates-issue", kwargs={"edition": course.edition.slug})
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == _completion_url(course)
    assert any("1 certificate issued" in message for message in _messages(response))
    course.ana_enrolment.refresh_from_db()
    course.bruno_enrolment.refresh_from_db()
    assert course.ana_enrolment.status == Enrolment.Status.COMPLETED
    assert course.bruno_enrolment.status == Enrolment.Status.ADMITTED
    assert Certificate.objects.get().enrolment == course.ana_enrolment
    assert client.get(url).status_code == 405


def test_the_coordinator_issues_one_certificate(client, course):
    client.force_login(course.cora)
    url = reverse(
        "office:certificate-issue",
        kwargs={"edition": course.edition.slug, "enrolment": course.ana_enrolment.pk},
    )
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#enrolment-{course.ana_enrolment.pk}")
    certificate = Certificate.objects.get(enrolment=course.ana_enrolment)
    assert certificate.issued_by == course.cora
    assert any(certificate.display_code in message for message in _messages(response))
    client.post(url)
    assert Certificate.objects.count() == 1
    assert client.get(url).status_code == 405


def test_issuing_to_a_student_who_does_not_qualify_says_what_is_missing(client, course):
    client.force_login(course.cora)
    url = reverse(
        "office:certificate-issue",
        kwargs={"edition": course.edition.slug, "enrolment": course.bruno_enrolment.pk},
    )
    response = client.post(url)
    assert response.status_code == 302
    assert any("Attendance" in message for message in _messages(response))
    assert not Certificate.objects.exists()


def test_issuing_is_refused_outside_the_coordinators_editions(client, course):
    url = reverse(
        "office:certificate-issue",
        kwargs={"edition": course.edition.slug, "enrolment": course.carla_enrolment.pk},
    )
    client.force_login(course.cora)
    assert client.post(url).status_code == 404
    client.force_login(course.ana)
    own = reverse(
        "office:certificate-issue",
        kwargs={"edition": course.edition.slug, "enrolment": course.ana_enrolment.pk},
    )
    assert client.post(own).status_code == 403
    client.logout()
    assert "/login/" in client.post(own)["Location"]
    assert not Certificate.objects.exists()


@pytest.fixture
def certificate(course):
    return Certificate.objects.create(
        enrolment=course.ana_enrolment, issued_at=timezone.now(), issued_by=course.cora,
        full_name="Ana Example", hours=2,
    )  # fmt: skip


def test_the_coordinator_sees_a_certificate_and_revokes_it(client, course, certificate):
    client.force_login(course.cora)
    detail = reverse("office:certificate-detail", kwargs={"code": certificate.code})
    page = client.get(detail)
    assert page.status_code == 200
    assert reverse("office:certificate-revoke", kwargs={"code": certificate.code}) in (
        page.content.decode()
    )
    url = reverse("office:certificate-revoke", kwargs={"code": certificate.code})
    response = client.post(url, {"reason": "The final paper was plagiarised."})
    assert response.status_code == 302 and response["Location"] == detail
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revoked_reason == "The final paper was plagiarised."
    again = client.post(url, {"reason": "Twice"})
    assert any("already revoked" in message for message in _messages(again))
    assert client.get(url).status_code == 405


def test_revoking_without_a_reason_keeps_the_form_and_what_was_typed(client, course, certificate):
    client.force_login(course.cora)
    url = reverse("office:certificate-revoke", kwargs={"code": certificate.code})
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    too_long = "x" * 1001
    response = client.post(url, {"reason": too_long})
    assert response.context["form"].errors["reason"]
    assert too_long in response.content.decode()
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_other_people_cannot_see_or_revoke_a_certificate(client, course, certificate):
    detail = reverse("office:certificate-detail", kwargs={"code": certificate.code})
    revoke = reverse("office:certificate-revoke", kwargs={"code": certificate.code})
    other_coordinator = f.UserFactory(username="otto")
    course.other_edition.coordinators.add(other_coordinator)
    client.force_login(other_coordinator)
    assert client.get(detail).status_code == 404
    assert client.post(revoke, {"reason": "No"}).status_code == 404
    for outsider in (course.ana, course.ivan, course.pablo):
        client.force_login(outsider)
        assert client.get(detail).status_code == 403
        assert client.post(revoke, {"reason": "No"}).status_code == 403
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_issuing_at_once_leaves_the_pdfs_to_the_worker_which_stores_them(client, course, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(course.cora)

    client.post(reverse("office:certificates-issue", kwargs={"edition": course.edition.slug}))

    certificate = Certificate.objects.get()
    stored = certificate_pdf._stored_name(certificate, certificate_pdf.languages_of(certificate)[0])
    assert not default_storage.exists(stored)
    run_worker()
    assert default_storage.exists(stored)
