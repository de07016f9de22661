"""The coordinator assigns instructors to the modules of their editions, as lead or guest."""

import pytest
from django.urls import reverse

from courses.models import ModuleInstructor
from tests import factories as f


@pytest.fixture(autouse=True)
def _english(client):
    """Messages are asserted in English, the language of the source strings."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def edition_url(world, edition=None) -> str:
    return reverse(
        "office:instructors-edition", kwargs={"edition": (edition or world.edition).slug}
    )


def assign_url(world, edition=None) -> str:
    return reverse("office:instructor-assign", kwargs={"edition": (edition or world.edition).slug})


def instructor_of(user):
    return f.InstructorFactory(user=user)


def test_it_lists_the_editions_a_coordinator_runs(client, world):
    client.force_login(world.cora)

    html = client.get(reverse("office:instructors")).content.decode()

    assert edition_url(world) in html
    assert edition_url(world, world.open_edition) in html
    assert edition_url(world, world.other_edition) not in html


def test_it_shows_who_teaches_each_module(client, world):
    client.force_login(world.cora)

    response = client.get(edition_url(world))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Iván" in html and "Gustavo" in html and "Olga" in html
    assert response.context["form"].fields["module"].queryset.count() == 2


def test_it_assigns_an_instructor_as_guest(client, world):
    client.force_login(world.cora)

    response = client.post(
        assign_url(world),
        {"module": world.other_module.pk, "instructor": instructor_of(world.ivan).pk,
         "role": "guest"},
    )  # fmt: skip

    assert response.status_code == 302
    assert (
        ModuleInstructor.objects.get(module=world.other_module, instructor__user=world.ivan).role
        == "guest"
    )


def test_it_gives_the_new_instructor_the_module_s_workspace(client, world):
    client.force_login(world.cora)
    client.post(
        assign_url(world),
        {"module": world.other_module.pk, "instructor": instructor_of(world.gus).pk,
         "role": "lead"},
    )  # fmt: skip
    client.force_login(world.gus)

    url = reverse(
        "teach:module-settings",
        kwargs={"edition": world.edition.slug, "module": world.other_module.slug},
    )
    assert client.get(url).status_code == 200


def test_it_changes_the_role_of_someone_already_teaching(client, world):
    client.force_login(world.cora)

    client.post(
        assign_url(world),
        {"module": world.module.pk, "instructor": instructor_of(world.gus).pk, "role": "lead"},
    )

    assert ModuleInstructor.objects.get(module=world.module, instructor__user=world.gus).role == (
        "lead"
    )
    assert ModuleInstructor.objects.filter(module=world.module).count() == 2


def test_it_refuses_a_module_of_another_edition(client, world):
    foreign = f.ModuleFactory(edition=world.other_edition)
    client.force_login(world.cora)

    response = client.post(
        assign_url(world),
        {"module": foreign.pk, "instructor": instructor_of(world.ivan).pk, "role": "lead"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["module"]
    assert not ModuleInstructor.objects.filter(module=foreign).exists()


def test_it_removes_an_instructor_once(client, world):
    assignment = ModuleInstructor.objects.get(module=world.module, instructor__user=world.gus)
    url = reverse(
        "office:instructor-remove",
        kwargs={"edition": world.edition.slug, "assignment": assignment.pk},
    )
    client.force_login(world.cora)

    response = client.post(url)
    again = client.post(url, follow=True)

    assert response.status_code == 302
    assert not ModuleInstructor.objects.filter(pk=assignment.pk).exists()
    assert "already removed" in again.content.decode()


def test_it_does_not_remove_an_instructor_through_another_edition(client, world):
    foreign = f.ModuleInstructorFactory(module=f.ModuleFactory(edition=world.other_edition))
    url = reverse(
        "office:instructor-remove",
        kwargs={"edition": world.edition.slug, "assignment": foreign.pk},
    )
    client.force_login(world.cora)

    client.post(url)

    assert ModuleInstructor.objects.filter(pk=foreign.pk).exists()


def test_it_refuses_an_edition_the_coordinator_does_not_run(client, world):
    client.force_login(world.cora)

    assert client.get(edition_url(world, world.other_edition)).status_code == 404


@pytest.mark.parametrize("persona", ["ivan", "ana", "pablo"])
def test_it_refuses_non_coordinators(client, world, persona):
    client.force_login(getattr(world, persona))

    response = client.post(
        assign_url(world),
        {"module": world.module.pk, "instructor": instructor_of(world.olga).pk, "role": "lead"},
    )

    assert response.status_code == 403
    assert not ModuleInstructor.objects.filter(
        module=world.module, instructor__user=world.olga
    ).exists()


def test_it_refuses_to_assign_with_get(client, world):
    client.force_login(world.cora)

    assert client.get(assign_url(world)).status_code == 405
