import datetime as dt

import pytest
from django.utils import timezone

from tests.courses.test_teach_access import teach_url


def settings_data(**overrides) -> dict:
    return {
        "summary": "Who governs migration, and how.",
        "hours": "24",
        "weight": "1",
        "is_required": "on",
        "release_at": "",
        **overrides,
    }


@pytest.mark.parametrize("persona", ["ivan", "cora", "root"])
def test_it_lets_the_lead_coordinators_and_staff_change_the_settings(client, world, persona):
    client.force_login(getattr(world, persona))

    response = client.post(
        teach_url("module-settings", world), settings_data(release_at="2026-03-02T09:00")
    )

    assert response.status_code == 302
    assert response.url == teach_url("module", world)
    world.module.refresh_from_db()
    assert world.module.summary == "Who governs migration, and how."
    assert world.module.hours == 24
    assert timezone.localtime(world.module.release_at).replace(tzinfo=None) == dt.datetime(
        2026, 3, 2, 9, 0
    )


def test_it_refuses_the_settings_to_a_guest_instructor(client, world):
    client.force_login(world.gus)

    assert client.get(teach_url("module-settings", world)).status_code == 403
    response = client.post(teach_url("module-settings", world), settings_data(hours="99"))

    assert response.status_code == 403
    world.module.refresh_from_db()
    assert world.module.hours != 99


def test_it_hides_the_settings_link_from_a_guest(client, world):
    client.force_login(world.gus)

    html = client.get(teach_url("module", world)).content.decode()

    assert teach_url("module-settings", world) not in html


@pytest.mark.parametrize("persona", ["olga", "ana"])
def test_it_refuses_the_settings_to_outsiders(client, world, persona):
    client.force_login(getattr(world, persona))

    assert client.post(teach_url("module-settings", world), settings_data()).status_code == 403


def test_it_keeps_what_was_typed_when_the_hours_are_wrong(client, world):
    client.force_login(world.ivan)

    response = client.post(
        teach_url("module-settings", world), settings_data(summary="Kept text", hours="-3")
    )

    assert response.status_code == 200
    assert "Kept text" in response.content.decode()
    assert response.context["form"].errors["hours"]


def test_it_answers_405_to_other_methods(client, world):
    client.force_login(world.ivan)

    assert client.put(teach_url("module-settings", world)).status_code == 405
