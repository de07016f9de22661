"""Who opens each screen of a module's workspace: its lead (ivan) and guest (gus) instructors,
the edition's coordinator (cora) and staff; not olga, who teaches another module of the same
edition, nor a student."""

import pytest
from django.urls import reverse

from tests import factories as f


def teach_url(name: str, world, **extra) -> str:
    kwargs = {"edition": world.edition.slug, "module": world.module.slug, **extra}
    return reverse(f"teach:{name}", kwargs=kwargs)


def screens(world) -> dict[str, str]:
    lesson, session = {"lesson": world.lesson.slug}, {"session": world.session.pk}
    return {
        "module": teach_url("module", world),
        "announcements": teach_url("announcements", world),
        "lesson-create": teach_url("lesson-create", world),
        "lesson-edit": teach_url("lesson-edit", world, **lesson),
        "lesson-delete": teach_url("lesson-delete", world, **lesson),
        "lesson-resources": teach_url("lesson-resources", world, **lesson),
        "session-create": teach_url("session-create", world),
        "session-edit": teach_url("session-edit", world, **session),
        "attendance": teach_url("attendance", world, **session),
        "session-qr": teach_url("session-qr", world, **session),
        "roster": teach_url("roster", world),
        "student-detail": teach_url("student-detail", world, enrolment=world.ana_enrolment.pk),
        "gradebook": teach_url("gradebook", world),
        "gradebook-csv": teach_url("gradebook-csv", world),
        "gradebook-xlsx": teach_url("gradebook-xlsx", world),
    }


SCREENS = [
    "module", "announcements", "lesson-create", "lesson-edit", "lesson-delete",
    "lesson-resources", "session-create", "session-edit", "attendance", "session-qr", "roster",
    "student-detail", "gradebook", "gradebook-csv", "gradebook-xlsx",
]  # fmt: skip


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("persona", ["ivan", "gus", "cora", "root"])
def test_it_opens_each_screen_for_the_module_s_instructors_and_coordinators(
    client, world, screen, persona
):
    client.force_login(getattr(world, persona))

    response = client.get(screens(world)[screen])

    assert response.status_code == 200, screen


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("persona", ["olga", "ana", "carla", "pablo"])
def test_it_refuses_each_screen_to_everyone_else(client, world, screen, persona):
    client.force_login(getattr(world, persona))

    assert client.get(screens(world)[screen]).status_code == 403, screen


@pytest.mark.parametrize("screen", SCREENS)
def test_it_sends_visitors_to_log_in(client, world, screen):
    url = screens(world)[screen]

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_it_lets_a_coordinator_of_the_programme_in(client, world):
    coordinator = f.UserFactory(username="programme-coordinator")
    world.programme.coordinators.add(coordinator)
    client.force_login(coordinator)

    assert client.get(teach_url("module", world)).status_code == 200
    assert client.get(teach_url("module-settings", world)).status_code == 200


def test_it_refuses_a_coordinator_of_another_edition(client, world):
    other = f.UserFactory(username="other-coordinator")
    world.other_edition.coordinators.add(other)
    client.force_login(other)

    assert client.get(teach_url("module", world)).status_code == 403


def test_it_answers_404_for_unknown_modules_lessons_and_sessions(client, world):
    client.force_login(world.ivan)

    assert (
        client.get(teach_url("module", world).replace("migration-policy", "no")).status_code == 404
    )
    assert client.get(teach_url("lesson-edit", world, lesson="nope")).status_code == 404
    assert client.get(teach_url("attendance", world, session=999_999)).status_code == 404


def test_it_does_not_let_an_instructor_reach_another_module_s_session_through_theirs(client, world):
    other_session = f.LiveSessionFactory(module=world.other_module)
    client.force_login(world.ivan)

    assert client.get(teach_url("attendance", world, session=other_session.pk)).status_code == 404


def test_it_names_the_module_s_screens_in_the_navigation(client, world):
    client.force_login(world.ivan)

    html = client.get(teach_url("module", world)).content.decode()

    for name in ("roster", "gradebook", "announcements", "module-settings"):
        assert teach_url(name, world) in html
