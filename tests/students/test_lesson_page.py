import datetime as dt
import gzip

import pytest
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import Lesson, Resource
from students.progress import complete_lesson
from tests import factories as f
from tests.students.test_dashboard import count_queries, grow_edition

ESSAY = """# Who migrates, and why

Peru has seen several waves of emigration since the 1980s. People leave for work, for study and
to join their families; remittances follow them back home and pay for schools and houses.

## Main destinations

| Country | Share of emigrants (%) |
|---|---|
| United States | 31.5 |
| Argentina | 14.3 |
| Spain | 13.0 |
| Italy | 10.1 |

1. Economic crises push people out.
2. Networks of relatives make the move cheaper.
3. Agreements between states open legal routes.

> Migration is not only a loss: it links two societies.

See the [national statistics office](https://www.inei.gob.pe/) for the figures.
"""


def lesson_url(world, lesson) -> str:
    return reverse(
        "learn:lesson-detail", args=[world.edition.slug, lesson.module.slug, lesson.slug]
    )


def test_it_redirects_anonymous_visitors_to_login(client, world):
    response = client.get(lesson_url(world, world.lesson))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", ["carla", "pablo"])
def test_it_refuses_readers_outside_the_edition(client, world, persona):
    client.force_login(getattr(world, persona))

    assert client.get(lesson_url(world, world.lesson)).status_code == 403


def test_it_shows_the_stored_body_once_with_a_single_heading(client, world):
    lesson = f.LessonFactory(module=world.module, slug="essay", body=ESSAY)
    client.force_login(world.ana)

    response = client.get(lesson_url(world, lesson))
    html = response.content.decode()

    assert response.status_code == 200
    assert "<td>United States</td>" in html
    assert '<a href="https://www.inei.gob.pe/" rel="noopener noreferrer">' in html
    assert html.count("<h1") == 1
    assert f"<title>{lesson.title} · {world.module.title}" in html


def test_it_renders_the_markdown_when_no_html_is_stored_without_saving_it(client, world):
    lesson = f.LessonFactory(module=world.module, slug="fresh", body="Plain **bold** text")
    Lesson.objects.filter(pk=lesson.pk).update(body_html="")
    client.force_login(world.ana)

    html = client.get(lesson_url(world, lesson)).content.decode()

    assert "<strong>bold</strong>" in html
    lesson.refresh_from_db()
    assert lesson.body_html == ""


def test_it_lists_resources_with_their_size_and_link(client, world):
    profile = Resource.objects.create(
        lesson=world.lesson, title="Migration profile of Peru", kind="file",
        file="resources/2026/11/profile.pdf", size=2_500_000,
    )  # fmt: skip
    Resource.objects.create(
        lesson=world.lesson, title="IOM data portal", url="https://example.org/data"
    )
    client.force_login(world.ana)

    html = client.get(lesson_url(world, world.lesson)).content.decode()

    with translation.override("es"):
        size = str(filesizeformat(2_500_000))
    assert size in html
    assert f'href="{lesson_url(world, world.lesson)}resources/{profile.pk}/"' in html
    assert "/media/" not in html
    assert 'href="https://example.org/data"' in html


def test_it_links_previous_and_next_among_readable_lessons(client, world):
    later = timezone.now() + dt.timedelta(days=5)
    f.LessonFactory(module=world.module, slug="unreleased", order=2, release_at=later)
    f.LessonFactory(module=world.module, slug="draft", order=3, is_published=False)
    third = f.LessonFactory(module=world.module, slug="third", order=4)
    client.force_login(world.ana)

    first_page = client.get(lesson_url(world, world.lesson))
    third_page = client.get(lesson_url(world, third))

    assert first_page.context["previous"] is None
    assert first_page.context["next"].slug == "third"
    assert third_page.context["previous"].slug == world.lesson.slug
    assert third_page.context["next"] is None
    assert 'rel="next"' in first_page.content.decode()
    assert "unreleased" not in first_page.content.decode()


def test_it_gives_404_to_a_student_for_an_unreleased_or_unpublished_lesson(client, world):
    later = timezone.now() + dt.timedelta(days=5)
    unreleased = f.LessonFactory(module=world.module, slug="unreleased", release_at=later)
    draft = f.LessonFactory(module=world.module, slug="draft", is_published=False)
    closed_module = f.ModuleFactory(edition=world.edition, slug="closed", release_at=later)
    in_closed_module = f.LessonFactory(module=closed_module, slug="inside")
    client.force_login(world.ana)

    for lesson in (unreleased, draft, in_closed_module):
        assert client.get(lesson_url(world, lesson)).status_code == 404
    assert (
        client.get(lesson_url(world, world.lesson).replace("who-migrates", "nope")).status_code
        == 404
    )


@pytest.mark.parametrize("persona", ["ivan", "olga", "cora", "root"])
def test_it_lets_instructors_coordinators_and_staff_preview_unreleased_lessons(
    client, world, persona
):
    later = timezone.now() + dt.timedelta(days=5)
    unreleased = f.LessonFactory(module=world.module, slug="unreleased", release_at=later)
    client.force_login(getattr(world, persona))

    response = client.get(lesson_url(world, unreleased))

    assert response.status_code == 200
    assert response.context["is_released"] is False
    assert 'class="alert alert-warning"' in response.content.decode()
    assert (
        reverse("learn:lesson-done", args=[world.edition.slug, "migration-policy", "unreleased"])
        not in response.content.decode()
    )


def test_it_offers_the_done_form_until_the_lesson_is_done(client, world):
    done_url = reverse(
        "learn:lesson-done", args=[world.edition.slug, "migration-policy", "who-migrates"]
    )
    client.force_login(world.ana)

    assert f'action="{done_url}"' in client.get(lesson_url(world, world.lesson)).content.decode()
    complete_lesson(enrolment=world.ana_enrolment, lesson=world.lesson)
    response = client.get(lesson_url(world, world.lesson))
    assert response.context["is_done"] is True
    assert f'action="{done_url}"' not in response.content.decode()


def test_it_links_the_print_stylesheet(client, world):
    client.force_login(world.ana)

    html = client.get(lesson_url(world, world.lesson)).content.decode()

    assert 'href="/static/css/print.css" media="print"' in html
    assert "js-print" in html


def test_it_stays_light_for_a_normal_lesson(client, world):
    lesson = f.LessonFactory(module=world.module, slug="essay", body=ESSAY * 3)
    for number in range(5):
        Resource.objects.create(
            lesson=lesson, title=f"Reading {number}", url="https://example.org/"
        )
    client.force_login(world.ana)

    response = client.get(lesson_url(world, lesson))

    assert len(gzip.compress(response.content)) < 20_000


def test_it_keeps_the_query_count_constant(client, world, django_assert_num_queries):
    client.force_login(world.ana)
    small = count_queries(client, lesson_url(world, world.lesson))
    small_uncached = count_queries(client, lesson_url(world, world.lesson), cached=False)

    grow_edition(world)

    response = client.get(lesson_url(world, world.lesson))
    assert len(response.context["outline"]) == 51
    assert len(response.context["resources"]) == 50
    assert count_queries(client, lesson_url(world, world.lesson), cached=False) == small_uncached
    with django_assert_num_queries(small):
        client.get(lesson_url(world, world.lesson))


def test_it_reads_only_the_lesson_and_its_way_there_when_cached(
    client, world, django_assert_num_queries
):
    client.force_login(world.ana)
    client.get(lesson_url(world, world.lesson))

    # Only the user with their roles: the enrolment, the lesson with its module, the outline
    # and the resources are cached.
    with django_assert_num_queries(1):
        client.get(lesson_url(world, world.lesson))


# What is cached shows changes at once ------------------------------------------------------


def test_it_marks_the_lesson_done_in_the_outline_at_once(client, world):
    second = f.LessonFactory(module=world.module, slug="second", order=2)
    client.force_login(world.ana)
    html = client.get(lesson_url(world, second)).content.decode()
    assert html.count('class="learn-check"') == 0

    client.post(reverse("learn:lesson-done", args=[world.edition.slug, world.module.slug,
                                                   world.lesson.slug]))  # fmt: skip
    html = client.get(lesson_url(world, second)).content.decode()

    assert html.count('class="learn-check"') == 1


def test_it_shows_a_new_resource_and_lesson_on_the_next_visit(client, world):
    client.force_login(world.ana)
    client.get(lesson_url(world, world.lesson))

    Resource.objects.create(lesson=world.lesson, title="Fresh reading", url="https://example.org/")
    f.LessonFactory(module=world.module, title="Next one", slug="next-one", order=2)
    response = client.get(lesson_url(world, world.lesson))

    assert [resource.title for resource in response.context["resources"]] == ["Fresh reading"]
    assert response.context["next"].title == "Next one"
    assert "Next one" in response.content.decode()
