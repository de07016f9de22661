"""In-person check-in: the rotating QR code on the instructor's screen, scanned by students."""

import datetime as dt
import re
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from courses import checkin
from students.models import Attendance
from tests import factories as f
from tests.courses.test_teach_access import teach_url


@pytest.fixture(autouse=True)
def _english(client):
    """Messages are asserted in English, the language of the source strings."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def running(world):
    """A session of ivan's module that started five minutes ago."""
    now = timezone.now()
    return f.LiveSessionFactory(
        module=world.module, topic="Seminar in the room",
        starts_at=now - dt.timedelta(minutes=5), ends_at=now + dt.timedelta(hours=2),
    )  # fmt: skip


def check_in_url(session, *, at: float | None = None) -> str:
    return reverse("teach:check-in", kwargs={"token": checkin.make_token(session.pk, at=at)})


def decode_svg_qr(svg: str) -> str:
    """Draw the modules of segno's SVG path and read them with zxing, like a phone camera."""
    import zxingcpp
    from PIL import Image, ImageDraw

    size = int(float(re.search(r'viewBox="0 0 ([\d.]+)', svg)[1]) / 6)
    path = re.search(r'class="qrline"[^>]*\bd="([^"]+)"', svg)[1]
    image = Image.new("L", (size * 4, size * 4), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:\s+(-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            row = int(y)
            draw.rectangle([x * 4, row * 4, (x + float(a)) * 4 - 1, row * 4 + 3], fill=0)
            x += float(a)
    (result,) = zxingcpp.read_barcodes(image)
    return result.text


def test_it_reads_back_the_session_of_a_fresh_token():
    assert checkin.read_token(checkin.make_token(42)) == 42


def test_it_accepts_a_token_for_its_minute_and_a_short_grace():
    start = 1_800_000_000  # the beginning of a window
    token = checkin.make_token(7, at=start)

    assert checkin.read_token(token, at=start + 59) == 7
    assert checkin.read_token(token, at=start + 60 + checkin.GRACE_SECONDS - 1) == 7
    with pytest.raises(checkin.InvalidToken) as error:
        checkin.read_token(token, at=start + 60 + checkin.GRACE_SECONDS)
    assert error.value.expired


@pytest.mark.parametrize(
    "token",
    ["", "garbage", "7-1-0123456789abcdef0123", "../../etc/passwd"],
)
def test_it_refuses_tokens_it_did_not_make(token):
    with pytest.raises(checkin.InvalidToken) as error:
        checkin.read_token(token)

    assert not error.value.expired


def test_it_refuses_a_token_whose_session_was_changed():
    _session, window, signature = checkin.make_token(7).split("-")

    with pytest.raises(checkin.InvalidToken):
        checkin.read_token(f"8-{window}-{signature}")


def test_it_refuses_a_token_from_the_future():
    token = checkin.make_token(7, at=time.time() + 600)

    with pytest.raises(checkin.InvalidToken):
        checkin.read_token(token)


def test_it_reloads_the_screen_when_the_code_changes():
    assert checkin.seconds_to_next_window(at=1_800_000_000 + 50) == 11


def test_it_shows_a_scannable_code_of_the_check_in_url(client, world, running):
    client.force_login(world.gus)

    response = client.get(teach_url("session-qr", world, session=running.pk))

    url = response.context["url"]
    assert response.status_code == 200
    assert url.startswith("http://testserver/teach/check-in/")
    assert checkin.read_token(url.rstrip("/").rsplit("/", 1)[1]) == running.pk
    assert '<svg role="img"' in response.content.decode()
    assert decode_svg_qr(response.context["qr"]) == url
    assert 0 < int(response["Refresh"]) <= checkin.WINDOW_SECONDS + 1
    assert response["Cache-Control"] == "no-store"
    assert 'http-equiv="refresh"' not in response.content.decode()


def test_it_stops_refreshing_when_asked(client, world, running):
    client.force_login(world.ivan)

    response = client.get(teach_url("session-qr", world, session=running.pk) + "?pause=1")

    assert "Refresh" not in response
    assert response.context["qr"]


def test_it_shows_no_code_before_check_in_opens(client, world):
    client.force_login(world.ivan)

    response = client.get(teach_url("session-qr", world, session=world.session.pk))

    assert "qr" not in response.context
    assert "Refresh" not in response


def test_it_records_a_student_who_scans_the_code_as_present(client, world, running):
    client.force_login(world.ana)

    response = client.get(check_in_url(running))

    assert response.status_code == 200
    attendance = Attendance.objects.get(enrolment=world.ana_enrolment, session=running)
    assert (attendance.status, attendance.recorded_by) == ("present", world.ana)
    world.ana_enrolment.refresh_from_db()
    assert world.ana_enrolment.last_activity_at is not None


def test_it_records_only_once(client, world, running):
    client.force_login(world.ana)

    client.get(check_in_url(running))
    response = client.get(check_in_url(running))

    assert response.status_code == 200
    assert Attendance.objects.filter(session=running).count() == 1


def test_it_records_a_student_arriving_after_fifteen_minutes_as_late(client, world, running):
    running.starts_at = timezone.now() - dt.timedelta(minutes=20)
    running.save(update_fields=["starts_at"])
    client.force_login(world.bruno)

    client.get(check_in_url(running))

    assert Attendance.objects.get(enrolment=world.bruno_enrolment).status == "late"


def test_it_turns_an_absent_mark_into_present_but_keeps_an_excuse(client, world, running):
    Attendance.objects.create(enrolment=world.ana_enrolment, session=running, status="absent")
    Attendance.objects.create(enrolment=world.bruno_enrolment, session=running, status="excused")

    for student in (world.ana, world.bruno):
        client.force_login(student)
        client.get(check_in_url(running))

    statuses = dict(Attendance.objects.values_list("enrolment__user__username", "status"))
    assert statuses == {"ana": "present", "bruno": "excused"}


def test_it_refuses_a_session_that_is_not_running(client, world):
    client.force_login(world.ana)

    response = client.get(check_in_url(world.session))

    assert response.status_code == 400
    assert "not opened yet" in response.content.decode()
    assert not Attendance.objects.exists()


def test_it_refuses_an_expired_code(client, world, running):
    client.force_login(world.ana)

    response = client.get(check_in_url(running, at=time.time() - 300))

    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("persona", ["carla", "ivan", "cora"])
def test_it_refuses_everyone_but_the_edition_s_students(client, world, running, persona):
    client.force_login(getattr(world, persona))

    assert client.get(check_in_url(running)).status_code == 403
    assert not Attendance.objects.exists()


def test_it_brings_a_student_back_to_the_check_in_after_logging_in(
    client, world, running, monkeypatch
):
    url = check_in_url(running)

    to_login = client.get(url)
    assert to_login.status_code == 302
    assert to_login.url == f"{reverse('accounts:login')}?next={url}"
    # Logging in on a slow phone outlasts the code; the scan still counts.
    later = time.time() + 5 * 60
    monkeypatch.setattr(checkin, "_now", lambda: later)
    logged_in = client.post(to_login.url, {"username": "ana", "password": f.PASSWORD}, follow=True)

    assert logged_in.redirect_chain[-1][0] == url
    assert logged_in.status_code == 200
    assert Attendance.objects.get(enrolment=world.ana_enrolment).status == "present"


def test_it_does_not_keep_an_expired_scan_for_someone_who_logs_in_later(client, world, running):
    url = check_in_url(running, at=time.time() - 300)

    response = client.get(url)

    assert response.status_code == 400
    assert "expired" in response.content.decode()
