import datetime as dt
import gzip
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext

from courses.models import Announcement
from students.models import Attendance
from tests import factories as f
from tests.students.test_dashboard import count_queries, grow_edition


def module_url(world, module=None) -> str:
    module = module or world.module
    return reverse("learn:module-detail", args=[world.edition.slug, module.slug])


def test_it_redirects_anonymous_visitors_to_login(client, world):
    response = client.get(module_url(world))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", ["carla", "pablo"])
def test_it_refuses_readers_outside_the_edition(client, world, persona):
    client.force_login(getattr(world, persona))

    assert client.get(module_url(world)).status_code == 403


@pytest.mark.parametrize("persona", ["ana", "ivan", "gus", "olga", "cora", "root"])
def test_it_lets_students_instructors_coordinators_and_staff_read(client, world, persona):
    client.force_login(getattr(world, persona))

    response = client.get(module_url(world))

    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1


def test_it_lets_programme_coordinators_read(client, world):
    coordinator = f.UserFactory(username="programme-coordinator")
    world.programme.coordinators.add(coordinator)
    client.force_login(coordinator)

    assert client.get(module_url(world)).status_code == 200


def test_it_refuses_a_withdrawn_student(client, world):
    world.bruno_enrolment.status = "withdrawn"
    world.bruno_enrolment.save(update_fields=["status"])
    client.force_login(world.bruno)

    assert client.get(module_url(world)).status_code == 403


def test_it_answers_404_for_an_unknown_module(client, world):
    client.force_login(world.ana)

    assert (
        client.get(reverse("learn:module-detail", args=[world.edition.slug, "nope"])).status_code
        == 404
    )
    assert (
        client.get(reverse("learn:module-detail", args=["nope", "migration-policy"])).status_code
        == 404
    )


def test_it_lists_lessons_in_order_with_done_marks_and_minutes(client, world):
    third = f.LessonFactory(module=world.module, title="Remittances at home", order=3, minutes=45)
    second = f.LessonFactory(module=world.module, title="Counting migrants", order=2)
    f.LessonProgressFactory(enrolment=world.ana_enrolment, lesson=second)
    client.force_login(world.ana)

    response = client.get(module_url(world))
    html = response.content.decode()

    assert [lesson.title for lesson in response.context["lessons"]] == [
        "Who migrates", "Counting migrants", "Remittances at home"
    ]  # fmt: skip
    assert [lesson.is_done for lesson in response.context["lessons"]] == [False, True, False]
    assert html.index("Who migrates") < html.index("Counting migrants") < html.index(third.title)
    with translation.override("es"):
        assert f"45 {pgettext('abbreviation of minutes', 'min')}" in html
    assert html.count('class="learn-lessons__item is-done"') == 1
    assert response.context["module_progress"].percent == 33


def test_it_marks_unreleased_lessons_and_hides_drafts_from_students(client, world):
    opens = timezone.now() + dt.timedelta(days=7)
    soon = f.LessonFactory(module=world.module, title="Coming soon", slug="soon", release_at=opens)
    f.LessonFactory(module=world.module, title="Secret draft", is_published=False)
    client.force_login(world.ana)

    html = client.get(module_url(world)).content.decode()

    assert "Coming soon" in html
    assert soon.get_absolute_url() not in html
    assert 'class="learn-unreleased"' in html
    assert str(opens.astimezone(timezone.get_current_timezone()).year) in html
    assert "Secret draft" not in html

    client.force_login(world.ivan)
    html = client.get(module_url(world)).content.decode()
    assert soon.get_absolute_url() in html
    assert "Secret draft" in html


def test_it_shows_a_module_that_is_not_released_yet_without_lesson_links(client, world):
    world.module.release_at = timezone.now() + dt.timedelta(days=3)
    world.module.save(update_fields=["release_at"])
    client.force_login(world.ana)

    response = client.get(module_url(world))

    assert response.status_code == 200
    assert response.context["is_released"] is False
    assert world.lesson.get_absolute_url() not in response.content.decode()


def test_it_shows_live_sessions_with_venue_link_and_the_students_attendance(client, world):
    online = f.LiveSessionFactory(
        module=world.module, topic="Remote panel", venue="",
        online_url="https://meet.example.org/panel",
        starts_at=timezone.now() - dt.timedelta(days=2),
    )  # fmt: skip
    Attendance.objects.create(enrolment=world.ana_enrolment, session=online, status="late")
    Attendance.objects.create(
        enrolment=world.bruno_enrolment, session=world.session, status="absent"
    )
    client.force_login(world.ana)

    response = client.get(module_url(world))
    html = response.content.decode()

    sessions = {session.topic: session for session in response.context["sessions"]}
    assert sessions["Remote panel"].my_attendance == Attendance.Status.LATE.label
    assert sessions["Opening seminar"].my_attendance == ""
    assert 'href="https://meet.example.org/panel"' in html
    assert "Aula 301, PUCP" in html
    local_start = timezone.localtime(world.session.starts_at)
    assert local_start.strftime("%Y-%m-%dT%H:%M") in html


def test_it_shows_the_announcements_of_the_module(client, world):
    Announcement.objects.create(
        edition=world.edition, module=world.module, author=world.ivan, title="Reading for Monday",
        body="Chapter **two**.",
    )  # fmt: skip
    Announcement.objects.create(
        edition=world.edition, module=world.other_module, author=world.olga, title="Other module",
        body="Not here.",
    )  # fmt: skip
    client.force_login(world.ana)

    html = client.get(module_url(world)).content.decode()

    assert "Reading for Monday" in html
    assert "<strong>two</strong>" in html
    assert "Other module" not in html


def test_it_links_the_offline_download_and_the_print_stylesheet(client, world):
    client.force_login(world.ana)

    html = client.get(module_url(world)).content.decode()

    assert reverse("learn:module-offline", args=[world.edition.slug, world.module.slug]) in html
    assert 'media="print"' in html


def test_it_keeps_the_query_count_constant(client, world, django_assert_num_queries):
    client.force_login(world.ana)
    small = count_queries(client, module_url(world))
    small_uncached = count_queries(client, module_url(world), cached=False)

    grow_edition(world)

    response = client.get(module_url(world))
    assert len(response.context["lessons"]) == 51
    assert len(response.context["sessions"]) == 2
    assert count_queries(client, module_url(world), cached=False) == small_uncached
    with django_assert_num_queries(small):
        client.get(module_url(world))


def test_it_reads_only_the_module_and_the_attendance_when_cached(
    client, world, django_assert_num_queries
):
    client.force_login(world.ana)
    client.get(module_url(world))

    # Only the user with their roles: the enrolment, the module, its lessons, sessions and the
    # student's attendance, announcements, quizzes and assignments are cached.
    with django_assert_num_queries(1):
        client.get(module_url(world))


def test_it_keeps_the_query_count_constant_for_instructors(
    client, world, django_assert_num_queries
):
    client.force_login(world.ivan)
    small = count_queries(client, module_url(world))
    small_uncached = count_queries(client, module_url(world), cached=False)

    grow_edition(world)

    assert count_queries(client, module_url(world), cached=False) == small_uncached
    with django_assert_num_queries(small):
        response = client.get(module_url(world))
    assert len(response.context["lessons"]) == 51


def test_it_stays_light_with_fifty_lessons(client, world):
    grow_edition(world, modules=1, lessons=50, students=1)
    client.force_login(world.ana)

    response = client.get(module_url(world))

    assert len(gzip.compress(response.content)) < 20_000


# What is cached shows changes at once ------------------------------------------------------


def test_it_shows_a_lesson_marked_done_and_a_new_lesson_on_the_next_visit(client, world):
    client.force_login(world.ana)
    client.get(module_url(world))

    client.post(reverse("learn:lesson-done", args=[world.edition.slug, world.module.slug,
                                                   world.lesson.slug]))  # fmt: skip
    f.LessonFactory(module=world.module, title="Fresh lesson", slug="fresh", order=2)
    response = client.get(module_url(world))

    assert [lesson.is_done for lesson in response.context["lessons"]] == [True, False]
    assert response.content.decode().count('class="learn-lessons__item is-done"') == 1
    assert "Fresh lesson" in response.content.decode()


def test_it_opens_a_lesson_at_its_release(client, world):
    release = timezone.now() + dt.timedelta(hours=1)
    later = f.LessonFactory(module=world.module, slug="later", order=2, release_at=release)
    client.force_login(world.ana)
    assert later.get_absolute_url() not in client.get(module_url(world)).content.decode()

    with mock.patch("django.utils.timezone.now", return_value=release):
        html = client.get(module_url(world)).content.decode()

    assert later.get_absolute_url() in html


def test_it_shows_attendance_taken_on_the_sheet_at_once(client, world):
    from students.attendance import record_attendance

    world.session.starts_at = world.ana_enrolment.joined_at + dt.timedelta(hours=1)
    world.session.save()
    client.force_login(world.ana)
    client.get(module_url(world))

    record_attendance(
        session=world.session, statuses={world.ana_enrolment.pk: "present"}, by=world.ivan
    )
    response = client.get(module_url(world))

    assert response.context["sessions"][0].my_attendance == Attendance.Status.PRESENT.label
    assert str(Attendance.Status.PRESENT.label) in response.content.decode()


def test_it_shows_a_new_announcement_and_session_on_the_next_visit(client, world):
    client.force_login(world.ana)
    client.get(module_url(world))

    Announcement.objects.create(
        edition=world.edition, module=world.module, author=world.ivan, title="Room change",
        body="Room **B**.",
    )  # fmt: skip
    f.LiveSessionFactory(module=world.module, topic="Extra seminar")
    html = client.get(module_url(world)).content.decode()

    assert "Room change" in html
    assert "<strong>B</strong>" in html
    assert "Extra seminar" in html


def test_instructors_see_their_edits_at_once(client, world):
    from courses.teaching import set_published

    draft = f.LessonFactory(module=world.module, title="Draft", slug="draft", is_published=False)
    client.force_login(world.ivan)
    assert 'class="learn-unreleased"' in client.get(module_url(world)).content.decode()

    set_published(lesson=draft, published=True)  # an UPDATE: no signal tells the cache
    response = client.get(module_url(world))

    assert [lesson.is_published for lesson in response.context["lessons"]] == [True, True]
    assert 'class="learn-unreleased"' not in response.content.decode()


def test_it_shows_a_started_attempt_and_a_released_grade_at_once(client, world):
    from courses.models import Question
    from students import attempts

    quiz = f.QuizFactory(module=world.module, kinds=[Question.Kind.SINGLE])
    quiz.module = world.module
    client.force_login(world.ana)
    assert client.get(module_url(world)).context["assessments"].quizzes[0].used == 0

    attempts.start_attempt(enrolment=world.ana_enrolment, quiz=quiz)
    assert client.get(module_url(world)).context["assessments"].quizzes[0].used == 1

    world.module.grades_released = True
    world.module.save()
    assert client.get(module_url(world)).context["assessments"].grade is not None


def test_a_page_reads_the_versions_of_its_cache_keys_once(client, world):
    from django.core.cache import cache

    client.force_login(world.ana)
    client.get(module_url(world))
    with mock.patch.object(cache, "get_many", wraps=cache.get_many) as read:
        client.get(module_url(world))
    assert read.call_count == 1
