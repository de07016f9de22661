import datetime as dt

import pytest
from django.contrib.messages import INFO, SUCCESS
from django.urls import reverse
from django.utils import timezone

from students.models import LessonProgress
from students.progress import complete_lesson
from tests import factories as f


def done_url(world, lesson=None) -> str:
    lesson = lesson or world.lesson
    return reverse("learn:lesson-done", args=[world.edition.slug, lesson.module.slug, lesson.slug])


def test_it_marks_the_lesson_done_and_redirects_back_with_a_message(client, world):
    client.force_login(world.ana)

    response = client.post(done_url(world))

    assert response.status_code == 302
    assert response.url == world.lesson.get_absolute_url()
    progress = LessonProgress.objects.get()
    assert (progress.enrolment, progress.lesson) == (world.ana_enrolment, world.lesson)
    world.ana_enrolment.refresh_from_db()
    assert world.ana_enrolment.last_activity_at is not None
    page = client.get(response.url)
    assert [message.level for message in page.context["messages"]] == [SUCCESS]


def test_it_counts_a_lesson_once_when_marked_twice(client, world):
    client.force_login(world.ana)

    client.post(done_url(world), follow=True)
    response = client.post(done_url(world), follow=True)

    assert LessonProgress.objects.filter(enrolment=world.ana_enrolment).count() == 1
    assert [message.level for message in response.context["messages"]] == [INFO]


def test_it_refuses_get_with_405(client, world):
    client.force_login(world.ana)

    assert client.get(done_url(world)).status_code == 405
    assert not LessonProgress.objects.exists()


def test_it_redirects_anonymous_visitors_to_login(client, world):
    response = client.post(done_url(world))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert not LessonProgress.objects.exists()


@pytest.mark.parametrize("persona", ["carla", "pablo"])
def test_it_refuses_outsiders(client, world, persona):
    client.force_login(getattr(world, persona))

    assert client.post(done_url(world)).status_code == 403
    assert not LessonProgress.objects.exists()


def test_it_refuses_to_record_progress_for_readers_who_are_not_students(client, world):
    client.force_login(world.ivan)

    assert client.post(done_url(world)).status_code == 403
    assert not LessonProgress.objects.exists()


def test_it_gives_404_for_an_unreleased_lesson(client, world):
    unreleased = f.LessonFactory(
        module=world.module, slug="soon", release_at=timezone.now() + dt.timedelta(days=2)
    )
    client.force_login(world.ana)

    assert client.post(done_url(world, unreleased)).status_code == 404
    assert not LessonProgress.objects.exists()


def test_it_answers_htmx_with_the_done_block_only(client, world):
    client.force_login(world.ana)

    response = client.post(done_url(world), headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<div id="lesson-done"')
    assert "<html" not in html
    assert LessonProgress.objects.filter(enrolment=world.ana_enrolment).count() == 1


def test_complete_lesson_reports_whether_the_record_is_new(world):
    assert complete_lesson(enrolment=world.ana_enrolment, lesson=world.lesson) is True
    assert complete_lesson(enrolment=world.ana_enrolment, lesson=world.lesson) is False
    assert LessonProgress.objects.count() == 1


def test_complete_lesson_refuses_a_lesson_of_another_edition(world):
    foreign = f.LessonFactory(module=f.ModuleFactory(edition=world.other_edition))

    with pytest.raises(ValueError):
        complete_lesson(enrolment=world.ana_enrolment, lesson=foreign)
    assert not LessonProgress.objects.exists()


def test_complete_lesson_refuses_a_lesson_not_released_yet(world):
    draft = f.LessonFactory(module=world.module, is_published=False)

    with pytest.raises(ValueError):
        complete_lesson(enrolment=world.ana_enrolment, lesson=draft)
    assert not LessonProgress.objects.exists()
