"""Writing lessons: create, edit with a preview, two editors at once, order, publish, delete."""

import pytest
from django.urls import reverse

from courses import teaching
from courses.models import Lesson, Resource
from students.models import LessonProgress
from tests import factories as f
from tests.courses.test_teach_access import teach_url


@pytest.fixture(autouse=True)
def _english(client):
    """Messages are asserted in English, the language of the source strings."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def lesson_url(name: str, world, lesson=None) -> str:
    return teach_url(name, world, lesson=(lesson or world.lesson).slug)


def edit_data(lesson: Lesson, **overrides) -> dict:
    return {
        "title": lesson.title,
        "body": lesson.body,
        "minutes": lesson.minutes,
        "release_at": "",
        "version": lesson.version,
        "save": "1",
        **overrides,
    }


def test_it_creates_a_lesson_at_the_end_of_the_module(client, world):
    client.force_login(world.gus)

    response = client.post(
        teach_url("lesson-create", world),
        {"title": "Remittances at home", "body": "## Families\n\nMoney **sent** home.",
         "minutes": "25", "release_at": "", "is_published": "on"},
    )  # fmt: skip

    lesson = Lesson.objects.get(module=world.module, title="Remittances at home")
    assert response.status_code == 302
    assert response.url == lesson_url("lesson-edit", world, lesson)
    assert lesson.slug == "remittances-at-home"
    assert lesson.order == world.lesson.order + 1
    assert lesson.is_published
    assert "<strong>sent</strong>" in lesson.body_html


def test_it_never_gives_a_new_lesson_the_slug_of_the_new_lesson_form(client, world):
    client.force_login(world.ivan)

    client.post(teach_url("lesson-create", world), {"title": "New", "body": "", "minutes": "5"})

    assert Lesson.objects.get(module=world.module, title="New").slug == "new-2"


def test_it_previews_a_new_lesson_without_saving_it(client, world):
    client.force_login(world.ivan)

    response = client.post(
        teach_url("lesson-create", world),
        {"title": "Draft", "body": "Some **bold** <script>alert(1)</script>", "preview": "1"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>bold</strong>" in html
    assert "<script>alert(1)" not in html
    assert not Lesson.objects.filter(title="Draft").exists()


def test_it_previews_an_edit_with_the_student_page_s_sanitiser_and_keeps_the_text(client, world):
    client.force_login(world.ivan)
    body = '# Heading\n\n<a href="javascript:alert(1)">click</a> <img src=x onerror=alert(1)>'

    response = client.post(
        lesson_url("lesson-edit", world), {**edit_data(world.lesson, body=body), "preview": "1"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h2>Heading</h2>" in html
    assert "javascript" not in response.context["preview"]
    assert "onerror" not in response.context["preview"]
    assert response.context["form"]["body"].value() == body
    world.lesson.refresh_from_db()
    assert world.lesson.body != body


def test_it_saves_an_edit_and_bumps_the_version(client, world):
    client.force_login(world.ivan)

    response = client.post(
        lesson_url("lesson-edit", world),
        edit_data(world.lesson, title="Who migrates, and why", body="Push and *pull*."),
    )

    assert response.status_code == 302
    world.lesson.refresh_from_db()
    assert world.lesson.title == "Who migrates, and why"
    assert world.lesson.body_html.strip() == "<p>Push and <em>pull</em>.</p>"
    assert world.lesson.version == 2


def test_it_shows_the_saved_text_to_students(client, world):
    client.force_login(world.gus)
    client.post(lesson_url("lesson-edit", world), edit_data(world.lesson, body="Fresh *news*."))
    client.force_login(world.ana)

    html = client.get(world.lesson.get_absolute_url()).content.decode()

    assert "Fresh <em>news</em>." in html


def test_it_refuses_a_stale_edit_and_keeps_both_texts(client, world):
    """Ivan and Gus open the lesson; Gus saves first; Ivan's save must not erase Gus's text."""
    opened = edit_data(world.lesson)
    client.force_login(world.gus)
    client.post(lesson_url("lesson-edit", world), {**opened, "body": "Gus's version."})
    client.force_login(world.ivan)

    response = client.post(lesson_url("lesson-edit", world), {**opened, "body": "Ivan's version."})

    html = response.content.decode()
    world.lesson.refresh_from_db()
    assert response.status_code == 409
    assert world.lesson.body == "Gus's version."
    assert "Ivan&#x27;s version." in html
    assert "Gus&#x27;s version." in html
    assert ("-", "-Gus's version.") in response.context["conflict"]["diff"]
    assert ("+", "+Ivan's version.") in response.context["conflict"]["diff"]
    assert response.context["form"]["version"].value() == world.lesson.version


def test_it_saves_over_the_other_version_once_the_editor_has_seen_it(client, world):
    opened = edit_data(world.lesson)
    client.force_login(world.gus)
    client.post(lesson_url("lesson-edit", world), {**opened, "body": "Gus's version."})
    client.force_login(world.ivan)
    conflict = client.post(lesson_url("lesson-edit", world), {**opened, "body": "Merged."})
    seen_version = conflict.context["form"]["version"].value()

    response = client.post(
        lesson_url("lesson-edit", world), {**opened, "body": "Merged.", "version": seen_version}
    )

    assert response.status_code == 302
    world.lesson.refresh_from_db()
    assert world.lesson.body == "Merged."


def test_it_lets_only_one_of_two_saves_of_the_same_version_win(world):
    first = teaching.save_lesson(
        lesson=Lesson.objects.get(pk=world.lesson.pk), version=1, title="A", body="a",
        minutes=10, release_at=None,
    )  # fmt: skip

    with pytest.raises(teaching.StaleLesson) as stale:
        teaching.save_lesson(
            lesson=Lesson.objects.get(pk=world.lesson.pk), version=1, title="B", body="b",
            minutes=10, release_at=None,
        )  # fmt: skip

    assert first.version == 2
    assert stale.value.current.body == "a"


def test_it_keeps_the_typed_text_when_the_title_is_missing(client, world):
    client.force_login(world.ivan)

    response = client.post(
        lesson_url("lesson-edit", world), edit_data(world.lesson, title="", body="Typed.")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert "Typed." in response.content.decode()


def test_it_moves_lessons_up_and_down(client, world):
    second = f.LessonFactory(module=world.module, order=5)
    third = f.LessonFactory(module=world.module, order=5)
    client.force_login(world.gus)

    response = client.post(lesson_url("lesson-move", world, third), {"direction": "up"})

    assert response.status_code == 302
    order = list(world.module.lessons.order_by("order").values_list("pk", flat=True))
    assert order == [world.lesson.pk, third.pk, second.pk]
    client.post(lesson_url("lesson-move", world, world.lesson), {"direction": "down"})
    order = list(world.module.lessons.order_by("order").values_list("pk", flat=True))
    assert order == [third.pk, world.lesson.pk, second.pk]


def test_it_keeps_the_first_lesson_first(client, world):
    client.force_login(world.ivan)

    client.post(lesson_url("lesson-move", world), {"direction": "up"}, follow=True)

    world.lesson.refresh_from_db()
    assert world.lesson.order == 1


def test_it_refuses_to_move_with_get(client, world):
    client.force_login(world.ivan)

    assert client.get(lesson_url("lesson-move", world)).status_code == 405


def test_it_publishes_and_unpublishes(client, world):
    client.force_login(world.gus)

    client.post(lesson_url("lesson-publish", world), {"publish": "0"})
    world.lesson.refresh_from_db()
    assert not world.lesson.is_published

    client.post(lesson_url("lesson-publish", world), {"publish": "1"})
    world.lesson.refresh_from_db()
    assert world.lesson.is_published


def test_it_does_not_count_publishing_as_an_edit_of_the_text(client, world):
    opened = edit_data(world.lesson)
    client.force_login(world.gus)
    client.post(lesson_url("lesson-publish", world), {"publish": "0"})
    client.force_login(world.ivan)

    response = client.post(lesson_url("lesson-edit", world), {**opened, "body": "New text."})

    assert response.status_code == 302
    world.lesson.refresh_from_db()
    assert (world.lesson.body, world.lesson.is_published) == ("New text.", False)


def test_it_deletes_a_lesson_nobody_completed_after_confirmation(client, world):
    lesson = f.LessonFactory(module=world.module)
    Resource.objects.create(lesson=lesson, title="Map", url="https://example.org/map")
    client.force_login(world.ivan)

    confirm = client.get(lesson_url("lesson-delete", world, lesson))
    response = client.post(lesson_url("lesson-delete", world, lesson))

    assert confirm.status_code == 200
    assert response.status_code == 302
    assert not Lesson.objects.filter(pk=lesson.pk).exists()
    assert not Resource.objects.filter(title="Map").exists()


def test_it_refuses_to_delete_a_lesson_with_progress_and_offers_to_unpublish(client, world):
    f.LessonProgressFactory(enrolment=world.ana_enrolment, lesson=world.lesson)
    client.force_login(world.ivan)

    confirm = client.get(lesson_url("lesson-delete", world))
    response = client.post(lesson_url("lesson-delete", world), follow=True)

    assert lesson_url("lesson-publish", world) in confirm.content.decode()
    assert "cannot be deleted" in response.content.decode()
    assert Lesson.objects.filter(pk=world.lesson.pk).exists()
    assert LessonProgress.objects.filter(lesson=world.lesson).count() == 1


def test_it_refuses_lesson_writes_to_another_module_s_instructor(client, world):
    client.force_login(world.olga)

    responses = [
        client.post(lesson_url("lesson-edit", world), edit_data(world.lesson, body="Hijack")),
        client.post(lesson_url("lesson-move", world), {"direction": "down"}),
        client.post(lesson_url("lesson-publish", world), {"publish": "0"}),
        client.post(lesson_url("lesson-delete", world)),
        client.post(teach_url("lesson-create", world), {"title": "X", "minutes": "5"}),
    ]

    assert [r.status_code for r in responses] == [403] * 5
    world.lesson.refresh_from_db()
    assert world.lesson.body != "Hijack" and world.lesson.is_published


def test_it_serves_the_live_preview_as_a_fragment(client, world):
    client.force_login(world.gus)

    response = client.post(
        teach_url("markdown-preview", world), {"body": "# Title\n\n<iframe src=x></iframe>"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h2>Title</h2>" in html
    assert "iframe" not in html
    assert "<html" not in html


def test_it_refuses_the_preview_to_students(client, world):
    client.force_login(world.ana)

    assert client.post(teach_url("markdown-preview", world), {"body": "x"}).status_code == 403


def test_it_links_the_editor_to_the_live_preview_script(client, world):
    client.force_login(world.ivan)

    html = client.get(lesson_url("lesson-edit", world)).content.decode()

    assert "js/teach.js" in html
    assert teach_url("markdown-preview", world) in html
    assert reverse("learn:lesson-detail", kwargs={
        "edition": world.edition.slug, "module": world.module.slug, "lesson": world.lesson.slug,
    }) in html  # fmt: skip


@pytest.mark.parametrize("title", ["Discussions", "Offline", "New"])
def test_a_lesson_never_takes_the_address_of_a_module_page(world, title):
    lesson = teaching.create_lesson(
        module=world.module, title=title, body="", minutes=10, release_at=None, is_published=True
    )

    assert lesson.slug == f"{title.lower()}-2"
