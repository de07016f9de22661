"""A live session's recording and slides, added in the session form after it happens."""

import pytest
from django.urls import reverse

from courses.models import LiveSession
from tests.courses.test_teach_access import teach_url
from tests.courses.test_teach_sessions import session_data


def edit_url(world) -> str:
    return teach_url("session-edit", world, session=world.session.pk)


@pytest.mark.parametrize("persona", ["ivan", "gus", "cora", "root"])
def test_it_saves_the_recording_and_slides_links(client, world, persona):
    client.force_login(getattr(world, persona))
    links = {"recording_url": "youtu.be/opening", "slides_url": "https://pucp.edu.pe/slides.pdf"}

    response = client.post(edit_url(world), session_data(**links))

    assert response.status_code == 302
    world.session.refresh_from_db()
    assert world.session.recording_url == "https://youtu.be/opening"
    assert world.session.slides_url == "https://pucp.edu.pe/slides.pdf"


def test_it_keeps_what_was_typed_when_a_link_is_wrong(client, world):
    client.force_login(world.ivan)

    response = client.post(edit_url(world), session_data(recording_url="not a link"))

    assert response.status_code == 400
    assert response.context["form"]["recording_url"].value() == "not a link"
    world.session.refresh_from_db()
    assert world.session.recording_url == ""


@pytest.mark.parametrize("persona", ["olga", "ana", "pablo"])
def test_it_refuses_the_links_to_outsiders(client, world, persona):
    client.force_login(getattr(world, persona))

    response = client.post(edit_url(world), session_data(recording_url="https://x.org/r"))

    assert response.status_code == 403
    assert not LiveSession.objects.exclude(recording_url="").exists()


def test_it_sends_anonymous_visitors_to_the_login_page(client, world):
    response = client.post(edit_url(world), session_data(recording_url="https://x.org/r"))

    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_it_answers_405_to_other_methods(client, world):
    client.force_login(world.ivan)

    assert client.put(edit_url(world)).status_code == 405
