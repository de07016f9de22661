"""Students find a past live session's recording and slides under it on the module page."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from tests import factories as f

RECORDING = "https://youtu.be/opening"
SLIDES = "https://pucp.edu.pe/slides.pdf"


def module_page(client, world) -> str:
    client.force_login(world.ana)
    url = reverse("learn:module-detail", args=[world.edition.slug, world.module.slug])
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_it_shows_the_recording_and_slides_of_a_past_session(client, world):
    ended = timezone.now() - dt.timedelta(days=1)
    f.LiveSessionFactory(
        module=world.module, topic="Past seminar", starts_at=ended - dt.timedelta(hours=2),
        ends_at=ended, recording_url=RECORDING, slides_url=SLIDES,
    )  # fmt: skip

    html = module_page(client, world)

    assert f'href="{RECORDING}"' in html
    assert f'href="{SLIDES}"' in html
    assert "Recording" in html


def test_it_shows_no_link_before_the_session_has_ended(client, world):
    world.session.recording_url, world.session.slides_url = RECORDING, SLIDES
    world.session.save()

    html = module_page(client, world)

    assert "Opening seminar" in html
    assert RECORDING not in html
    assert SLIDES not in html


def test_it_shows_nothing_for_a_past_session_without_links(client, world):
    ended = timezone.now() - dt.timedelta(days=1)
    f.LiveSessionFactory(
        module=world.module, topic="Past seminar", starts_at=ended - dt.timedelta(hours=2),
        ends_at=ended,
    )  # fmt: skip

    html = module_page(client, world)

    assert "Past seminar" in html
    assert ">Recording<" not in html
    assert ">Slides<" not in html
