import datetime as dt

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from courses.models import Resource
from tests import factories as f
from tests.students.test_dashboard import count_queries, grow_edition


def offline_url(world, module=None) -> str:
    module = module or world.module
    return reverse("learn:module-offline", args=[world.edition.slug, module.slug])


def test_it_contains_every_released_lesson_and_nothing_else(client, world):
    later = timezone.now() + dt.timedelta(days=4)
    released = f.LessonFactory(module=world.module, title="Remittances at home", body="*Home*")
    f.LessonFactory(module=world.module, title="Not yet released", release_at=later)
    f.LessonFactory(module=world.module, title="Unpublished draft", is_published=False)
    f.LessonFactory(module=world.other_module, title="Lesson of another module")
    client.force_login(world.ana)

    response = client.get(offline_url(world))
    html = response.content.decode()

    assert response.status_code == 200
    assert f'id="lesson-{world.lesson.slug}"' in html
    assert f'id="lesson-{released.slug}"' in html
    assert "<em>Home</em>" in html
    assert "<td>Lima</td>" in html
    assert "Not yet released" not in html
    assert "Unpublished draft" not in html
    assert "Lesson of another module" not in html


def test_it_is_a_self_contained_download(client, world):
    profile = Resource.objects.create(
        lesson=world.lesson, title="Migration profile", kind="file",
        file="resources/2026/11/profile.pdf", size=1024,
    )  # fmt: skip
    client.force_login(world.ana)

    response = client.get(offline_url(world))
    html = response.content.decode()

    assert response["Content-Disposition"] == (
        'attachment; filename="mig-2026-ii-migration-policy.html"'
    )
    assert response["Content-Security-Policy"] == (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    )
    with open(finders.find("css/print.css"), encoding="utf-8") as css:
        assert css.read() in html
    assert "<link" not in html
    assert "<script" not in html
    # The file's checked address on the platform, absolute so that it works from the download.
    lesson = f"/learn/{world.edition.slug}/{world.module.slug}/{world.lesson.slug}/"
    assert f'href="http://testserver{lesson}resources/{profile.pk}/"' in html


def test_it_redirects_anonymous_visitors_to_login(client, world):
    response = client.get(offline_url(world))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", ["carla", "pablo"])
def test_it_refuses_readers_outside_the_edition(client, world, persona):
    client.force_login(getattr(world, persona))

    assert client.get(offline_url(world)).status_code == 403


def test_it_gives_404_to_a_student_for_a_module_not_released_yet(client, world):
    world.module.release_at = timezone.now() + dt.timedelta(days=1)
    world.module.save(update_fields=["release_at"])

    client.force_login(world.ana)
    assert client.get(offline_url(world)).status_code == 404
    client.force_login(world.ivan)
    assert client.get(offline_url(world)).status_code == 200


def test_it_keeps_the_query_count_constant(client, world, django_assert_num_queries):
    client.force_login(world.ana)
    small = count_queries(client, offline_url(world))

    grow_edition(world)
    client.get(offline_url(world))  # the grown edition's module, remembered again

    with django_assert_num_queries(small):
        response = client.get(offline_url(world))
    assert len(response.context["lessons"]) == 51
