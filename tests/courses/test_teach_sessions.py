"""Live sessions: scheduling them, and the attendance sheet saved in one form."""

import datetime as dt

import pytest
from django.utils import timezone

from courses.models import LiveSession
from students import attendance
from students.models import Attendance, Enrolment
from tests import factories as f
from tests.courses.test_teach_access import teach_url


@pytest.fixture(autouse=True)
def _english(client):
    """Messages are asserted in English, the language of the source strings."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def session_data(**overrides) -> dict:
    return {
        "topic": "Remittances and households",
        "date": "2026-09-14",
        "start": "18:00",
        "end": "20:30",
        "venue": "Aula 301, PUCP",
        "online_url": "",
        **overrides,
    }


def sheet_url(world, session=None) -> str:
    return teach_url("attendance", world, session=(session or world.session).pk)


def enrolled_long_ago(*enrolments: Enrolment) -> None:
    for enrolment in enrolments:
        enrolment.decided_at = timezone.now() - dt.timedelta(days=90)
        enrolment.save(update_fields=["decided_at"])


def test_it_schedules_a_session_in_the_site_s_time_zone(client, world):
    client.force_login(world.gus)

    response = client.post(teach_url("session-create", world), session_data())

    assert response.status_code == 302
    session = LiveSession.objects.get(topic="Remittances and households")
    starts = timezone.localtime(session.starts_at)
    assert (starts.date(), starts.hour, session.minutes) == (dt.date(2026, 9, 14), 18, 150)
    assert session.module == world.module


def test_it_refuses_a_session_that_ends_before_it_starts(client, world):
    client.force_login(world.ivan)

    response = client.post(
        teach_url("session-create", world), session_data(start="20:00", end="18:00")
    )

    assert response.status_code == 400
    assert "must end after it starts" in response.content.decode()
    assert response.context["form"]["topic"].value() == "Remittances and households"
    assert not LiveSession.objects.filter(topic="Remittances and households").exists()


def test_it_asks_for_a_venue_or_an_online_link(client, world):
    client.force_login(world.ivan)

    response = client.post(teach_url("session-create", world), session_data(venue=""))

    assert response.status_code == 400
    assert response.context["form"].errors["venue"]


def test_it_accepts_an_online_session(client, world):
    client.force_login(world.ivan)

    client.post(
        teach_url("session-create", world),
        session_data(venue="", online_url="https://meet.example.org/abc"),
    )

    assert LiveSession.objects.get(online_url="https://meet.example.org/abc").venue == ""


def test_it_edits_a_session_and_shows_its_times_in_the_form(client, world):
    client.force_login(world.ivan)
    url = teach_url("session-edit", world, session=world.session.pk)
    starts = timezone.localtime(world.session.starts_at)

    form = client.get(url).context["form"]
    response = client.post(url, session_data(topic="Opening seminar, moved", end="23:59"))

    assert form.initial["date"] == starts.date()
    assert form.initial["start"] == starts.strftime("%H:%M")
    assert response.status_code == 302
    world.session.refresh_from_db()
    assert world.session.topic == "Opening seminar, moved"


def test_it_lists_every_active_student_with_a_status_each(client, world):
    f.EnrolmentFactory(edition=world.edition, status=Enrolment.Status.WITHDRAWN)
    client.force_login(world.ivan)

    response = client.get(sheet_url(world))

    rows = response.context["form"].rows()
    assert sorted(enrolment.user.username for enrolment, *_ in rows) == ["ana", "bruno"]
    assert all(value == "present" for _e, _n, value, _err in rows)
    assert response.content.decode().count('type="radio"') == 2 * 4


def test_it_saves_the_sheet_in_bulk(client, world):
    client.force_login(world.ivan)
    data = {
        f"student-{world.ana_enrolment.pk}": "late",
        f"student-{world.bruno_enrolment.pk}": "excused",
    }

    response = client.post(sheet_url(world), data)

    assert response.status_code == 302
    recorded = dict(Attendance.objects.values_list("enrolment__user__username", "status"))
    assert recorded == {"ana": "late", "bruno": "excused"}
    assert Attendance.objects.get(enrolment=world.ana_enrolment).recorded_by == world.ivan
    data[f"student-{world.ana_enrolment.pk}"] = "present"
    client.post(sheet_url(world), data)
    assert Attendance.objects.get(enrolment=world.ana_enrolment).status == "present"
    assert Attendance.objects.count() == 2


def test_it_refuses_a_sheet_naming_a_student_not_in_the_module(client, world):
    client.force_login(world.ivan)

    response = client.post(
        sheet_url(world),
        {
            f"student-{world.ana_enrolment.pk}": "present",
            f"student-{world.bruno_enrolment.pk}": "present",
            f"student-{world.carla_enrolment.pk}": "present",
        },
    )

    assert response.status_code == 400
    assert "not on this session" in response.content.decode()
    assert not Attendance.objects.exists()


def test_it_refuses_an_unknown_status(client, world):
    client.force_login(world.ivan)

    response = client.post(
        sheet_url(world),
        {
            f"student-{world.ana_enrolment.pk}": "asleep",
            f"student-{world.bruno_enrolment.pk}": "late",
        },
    )

    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_it_leaves_out_students_who_enrolled_after_the_session(client, world):
    past = f.LiveSessionFactory(
        module=world.module, starts_at=timezone.now() - dt.timedelta(days=10),
        ends_at=timezone.now() - dt.timedelta(days=10, hours=-2),
    )  # fmt: skip
    enrolled_long_ago(world.ana_enrolment)
    world.bruno_enrolment.decided_at = timezone.now() - dt.timedelta(days=2)
    world.bruno_enrolment.save(update_fields=["decided_at"])
    client.force_login(world.ivan)

    response = client.get(sheet_url(world, past))
    refused = client.post(
        sheet_url(world, past),
        {f"student-{world.ana_enrolment.pk}": "present",
         f"student-{world.bruno_enrolment.pk}": "absent"},
    )  # fmt: skip

    assert [e.user.username for e, *_ in response.context["form"].rows()] == ["ana"]
    assert response.context["enrolled_later"] == 1
    assert refused.status_code == 400
    assert not Attendance.objects.filter(enrolment=world.bruno_enrolment).exists()


def test_it_refuses_to_record_a_stranger_even_when_called_directly(world):
    with pytest.raises(ValueError):
        attendance.record_attendance(
            session=world.session, statuses={world.carla_enrolment.pk: "present"}, by=world.ivan
        )

    assert not Attendance.objects.exists()


def test_it_refuses_the_sheet_to_another_module_s_instructor(client, world):
    client.force_login(world.olga)

    response = client.post(sheet_url(world), {f"student-{world.ana_enrolment.pk}": "absent"})

    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_it_answers_405_to_other_methods(client, world):
    client.force_login(world.ivan)

    assert client.delete(sheet_url(world)).status_code == 405
