import datetime as dt
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.markdown import render_markdown
from courses.models import Announcement, Lesson, LiveSession, Module, Resource
from diploma.content_versions import content_changed, progress_changed
from diploma.models import Edition
from students.applications import applications_of
from students.completion import completion_of
from students.learning.dashboard import enrolments_and_applications
from students.models import Attendance, Enrolment, LessonProgress
from students.progress import complete_lesson, modules_with_totals, progress_for
from tests import factories as f
from tests.conftest import clear_caches

DASHBOARD = reverse("learn:dashboard")


def grow_edition(world, *, modules: int = 30, lessons: int = 50, students: int = 200) -> None:
    """Scale ana's edition up: modules with sessions and news, lessons, students with progress."""
    edition, now = world.edition, timezone.now()
    new_modules = Module.objects.bulk_create(
        Module(edition=edition, title=f"Grown module {i}", slug=f"grown-{i}", order=10 + i,
               topic=Module.Topic.LABOUR)
        for i in range(modules)
    )  # fmt: skip
    body = "Remittances **pay** for schools.\n\n| Year | USD bn |\n|---|---|\n| 2006 | 1.8 |"
    html = render_markdown(body)
    new_lessons = Lesson.objects.bulk_create(
        [
            Lesson(module=world.module, title=f"Grown lesson {i}", slug=f"grown-lesson-{i}",
                   order=10 + i, body=body, body_html=html, is_published=True)
            for i in range(lessons)
        ]
        + [
            Lesson(module=module, title=f"Opening of {module.title}", slug="opening",
                   body=body, body_html=html, is_published=True)
            for module in new_modules
        ]
    )  # fmt: skip
    Resource.objects.bulk_create(
        Resource(lesson=world.lesson, title=f"Reading {i}", url=f"https://example.org/{i}")
        for i in range(lessons)
    )
    sessions = LiveSession.objects.bulk_create(
        LiveSession(module=module, topic=f"Seminar {i}", starts_at=now + dt.timedelta(days=i - 5),
                    ends_at=now + dt.timedelta(days=i - 5, hours=2), venue="Aula 101")
        for i, module in enumerate([world.module, *new_modules])
    )  # fmt: skip
    Attendance.objects.bulk_create(
        Attendance(enrolment=world.ana_enrolment, session=session, status="present")
        for session in sessions
    )
    Announcement.objects.bulk_create(
        Announcement(edition=edition, module=module, author=world.ivan, title=f"News {i}",
                     body="Read **this**.", published_at=now - dt.timedelta(hours=i))
        for i, module in enumerate([None, world.module, *new_modules])
    )  # fmt: skip
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"grown-student-{i}") for i in range(students)
    )
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(user=user, edition=edition, status=Enrolment.Status.ADMITTED) for user in users
    )
    LessonProgress.objects.bulk_create(
        LessonProgress(enrolment=enrolment, lesson=lesson)
        for enrolment in [*enrolments, world.ana_enrolment]
        for lesson in new_lessons[::3]
    )
    # bulk_create sends no signals: say what a save would have said to the cached pages.
    content_changed([edition.pk])
    progress_changed([world.ana_enrolment.pk])


def count_queries(client, url: str, *, cached: bool = True) -> int:
    """The queries of a request for `url` made after a first one; with `cached=False`, of a
    request that finds nothing in the cache (the worst case)."""
    client.get(url)
    if not cached:
        clear_caches()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_it_redirects_anonymous_visitors_to_login(client, world):
    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_it_shows_the_new_percentage_after_marking_a_lesson_done(client, world):
    second = f.LessonFactory(module=world.module, slug="second", order=2)
    client.force_login(world.ana)
    assert client.get(DASHBOARD).context["cards"][0]["progress"].percent == 0

    client.post(
        reverse("learn:lesson-done", args=[world.edition.slug, "migration-policy", "second"])
    )
    response = client.get(DASHBOARD)

    assert response.context["cards"][0]["progress"].percent == 50
    assert 'max="100" value="50"' in response.content.decode()
    assert LessonProgress.objects.get(enrolment=world.ana_enrolment).lesson == second


def test_it_shows_hours_earned_against_the_required_hours(client, world):
    f.LessonProgressFactory(enrolment=world.ana_enrolment, lesson=world.lesson)
    f.LessonFactory(module=world.other_module, minutes=60)
    client.force_login(world.ana)

    card = client.get(DASHBOARD).context["cards"][0]
    progress, figures = card["progress"], card["figures"]

    assert (progress.lessons_done, progress.lessons_total) == (1, 2)
    assert figures.hours.total == completion_of(world.ana_enrolment).hours.total
    assert figures.hours.lesson_minutes == world.lesson.minutes
    assert figures.required_hours == world.programme.required_hours == 120


def test_it_ignores_progress_on_lessons_that_are_no_longer_readable(client, world):
    draft = f.LessonFactory(module=world.module, is_published=False)
    f.LessonProgressFactory(enrolment=world.ana_enrolment, lesson=draft)
    client.force_login(world.ana)

    progress = client.get(DASHBOARD).context["cards"][0]["progress"]

    assert (progress.lessons_done, progress.lessons_total, progress.percent) == (0, 1, 0)


def test_it_counts_exactly_the_lessons_students_may_read(world):
    now = timezone.now()
    past, future = now - dt.timedelta(days=1), now + dt.timedelta(days=1)
    world.other_module.release_at = future
    world.other_module.save(update_fields=["release_at"])
    f.ModuleFactory(edition=world.edition, slug="opened", release_at=past)
    lessons = [
        f.LessonFactory(module=world.module, release_at=past),
        f.LessonFactory(module=world.module, release_at=future),
        f.LessonFactory(module=world.module, is_published=False),
        f.LessonFactory(module=world.other_module),
        f.LessonFactory(module=Module.objects.get(slug="opened")),
    ]
    for lesson in [world.lesson, *lessons]:
        f.LessonProgressFactory(enrolment=world.ana_enrolment, lesson=lesson)

    modules = modules_with_totals([world.edition.pk], now=now)
    progress = progress_for([world.ana_enrolment], modules=modules, now=now)

    readable = Lesson.objects.readable(now).filter(module__edition=world.edition)
    assert {m.pk: m.readable_lessons for m in modules} == {
        m.pk: readable.filter(module=m).count() for m in modules
    }
    assert progress[world.ana_enrolment.pk].lessons_done == readable.count() == 3


def test_it_continues_with_the_first_unfinished_lesson(client, world):
    later = f.LessonFactory(module=world.module, slug="later", order=5)
    f.LessonFactory(module=world.module, slug="draft", order=3, is_published=False)
    f.LessonProgressFactory(enrolment=world.ana_enrolment, lesson=world.lesson)
    client.force_login(world.ana)

    response = client.get(DASHBOARD)

    assert response.context["cards"][0]["next_lesson"] == later
    assert later.get_absolute_url() in response.content.decode()


def test_it_continues_in_the_next_module_once_a_module_is_done(client, world):
    f.LessonProgressFactory(enrolment=world.ana_enrolment, lesson=world.lesson)
    f.LessonFactory(module=world.other_module, slug="second-of-other", order=2)
    first = f.LessonFactory(module=world.other_module, slug="first-of-other", order=1)
    f.LessonProgressFactory(enrolment=world.bruno_enrolment, lesson=first)
    client.force_login(world.ana)

    card = client.get(DASHBOARD).context["cards"][0]

    assert card["next_lesson"] == first
    assert card["next_lesson"].module == world.other_module


def test_it_shows_the_next_live_session_and_the_latest_announcements(client, world):
    now = timezone.now()
    f.LiveSessionFactory(
        module=world.other_module, topic="Past", starts_at=now - dt.timedelta(days=2)
    )
    f.LiveSessionFactory(
        module=world.other_module, topic="Later", starts_at=now + dt.timedelta(days=9)
    )
    for hours in range(7):
        Announcement.objects.create(
            edition=world.edition, author=world.cora, title=f"Notice {hours}", body="Hello",
            published_at=now - dt.timedelta(hours=hours),
        )  # fmt: skip
    Announcement.objects.create(
        edition=world.edition, module=world.module, author=world.ivan, title="Scheduled",
        body="Soon", published_at=now + dt.timedelta(days=1),
    )  # fmt: skip
    Announcement.objects.create(
        edition=world.other_edition, author=world.cora, title="Elsewhere", body="Not for ana"
    )
    client.force_login(world.ana)

    response = client.get(DASHBOARD)
    html = response.content.decode()

    assert response.context["cards"][0]["next_session"] == world.session
    assert "Opening seminar" in html
    assert [a.title for a in response.context["announcements"]] == [
        f"Notice {hours}" for hours in range(5)
    ]
    assert "Scheduled" not in html
    assert "Elsewhere" not in html


def test_it_marks_modules_that_are_not_released_yet(client, world):
    world.other_module.release_at = timezone.now() + dt.timedelta(days=10)
    world.other_module.save(update_fields=["release_at"])
    client.force_login(world.ana)

    response = client.get(DASHBOARD)

    assert response.content.decode().count('class="learn-unreleased"') == 1


def test_it_shows_only_the_students_own_editions(client, world):
    client.force_login(world.carla)

    response = client.get(DASHBOARD)

    assert [card["edition"] for card in response.context["cards"]] == [world.other_edition]
    assert world.module.get_absolute_url() not in response.content.decode()


def test_it_invites_a_user_without_enrolments_to_the_catalogue(client, world):
    client.force_login(f.UserFactory(username="newcomer"))

    response = client.get(DASHBOARD)

    assert response.status_code == 200
    assert not response.context.get("cards")
    assert f'href="{reverse("home")}#programmes"' in response.content.decode()


def test_it_ignores_applications_that_were_not_admitted(client, world):
    user = f.UserFactory(username="applicant")
    f.EnrolmentFactory(user=user, edition=world.open_edition, status=Enrolment.Status.SUBMITTED)
    client.force_login(user)

    assert not client.get(DASHBOARD).context.get("cards")


def test_it_lists_the_editions_instructors_and_coordinators_may_preview(client, world):
    for user in (world.ivan, world.cora):
        client.force_login(user)

        response = client.get(DASHBOARD)

        assert response.status_code == 200
        assert world.edition in list(response.context["previewable"])
        assert world.other_module.get_absolute_url() in response.content.decode()
    client.force_login(world.pablo)
    assert list(client.get(DASHBOARD).context["previewable"]) == []


def test_it_keeps_the_query_count_constant(client, world, django_assert_num_queries):
    client.force_login(world.ana)
    small = count_queries(client, DASHBOARD)
    small_uncached = count_queries(client, DASHBOARD, cached=False)

    grow_edition(world)

    response = client.get(DASHBOARD)
    card = response.context["cards"][0]
    assert len(card["modules"]) == 32
    assert card["progress"].lessons_total == 1 + 50 + 30
    assert card["progress"].lessons_done == len(range(0, 80, 3))
    assert len(response.context["announcements"]) == 5
    assert count_queries(client, DASHBOARD, cached=False) == small_uncached
    with django_assert_num_queries(small):
        client.get(DASHBOARD)


def test_it_reads_only_the_student_and_the_enrolments_when_cached(
    client, world, django_assert_num_queries
):
    client.force_login(world.ana)
    client.get(DASHBOARD)

    # Only the user with their roles: the enrolments and applications, the editions' modules,
    # sessions and news, and the student's progress are cached.
    with django_assert_num_queries(1):
        client.get(DASHBOARD)


def test_it_keeps_the_query_count_constant_for_readers_who_preview(
    client, world, django_assert_num_queries
):
    small = {}
    for user in (world.ivan, world.root):
        client.force_login(user)
        small[user] = count_queries(client, DASHBOARD)

    grow_edition(world, students=20)

    for user in (world.ivan, world.root):
        client.force_login(user)
        with django_assert_num_queries(small[user]):
            response = client.get(DASHBOARD)
        edition = next(e for e in response.context["previewable"] if e == world.edition)
        assert len(edition.modules.all()) == 32


def test_it_lists_the_students_applications_in_progress(client, world):
    f.EnrolmentFactory(
        user=world.ana, edition=world.open_edition, status=Enrolment.Status.SUBMITTED
    )
    client.force_login(world.ana)

    response = client.get(DASHBOARD)

    assert [a.edition for a in response.context["applications"]] == [world.open_edition]
    assert [card["edition"] for card in response.context["cards"]] == [world.edition]
    assert reverse("apply:status", args=[world.open_edition.slug]) in response.content.decode()


def test_it_lists_the_applications_of_someone_who_studies_nowhere_yet(client, world):
    user = f.UserFactory(username="applicant")
    f.EnrolmentFactory(user=user, edition=world.open_edition, status=Enrolment.Status.DRAFT)
    client.force_login(user)

    html = client.get(DASHBOARD).content.decode()

    assert reverse("apply:start", args=[world.open_edition.slug]) in html
    assert f'href="{reverse("home")}#programmes"' in html


def test_it_leaves_out_applications_to_closed_editions(client, world):
    closed = f.EditionFactory(programme=world.programme, slug="closed", status="closed")
    f.EnrolmentFactory(user=world.ana, edition=closed, status=Enrolment.Status.WITHDRAWN)
    client.force_login(world.ana)

    assert client.get(DASHBOARD).context["applications"] == []


def test_each_edition_links_to_its_certificate_requirements(client, world):
    client.force_login(world.carla)

    html = client.get(DASHBOARD).content.decode()

    assert reverse("certificates:requirements", args=[world.other_edition.slug]) in html
    assert reverse("certificates:requirements", args=[world.edition.slug]) not in html


# What is cached shows changes at once ------------------------------------------------------


def test_it_shows_a_new_lesson_module_and_announcement_on_the_next_visit(client, world):
    client.force_login(world.ana)
    client.get(DASHBOARD)

    f.LessonFactory(module=world.other_module, slug="fresh")
    f.ModuleFactory(edition=world.edition, title="Brand new module", slug="brand-new")
    Announcement.objects.create(
        edition=world.edition, author=world.cora, title="Fresh news", body="Hello"
    )
    world.programme.title = "Renamed programme"
    world.programme.save()
    response = client.get(DASHBOARD)
    html = response.content.decode()

    assert response.context["cards"][0]["progress"].lessons_total == 2
    assert "Brand new module" in html
    assert "Fresh news" in html
    assert "Renamed programme" in html


def test_it_shows_progress_and_hours_at_once_after_a_lesson_is_done(client, world):
    client.force_login(world.ana)
    assert client.get(DASHBOARD).context["cards"][0]["progress"].lessons_done == 0

    complete_lesson(enrolment=world.ana_enrolment, lesson=world.lesson)
    card = client.get(DASHBOARD).context["cards"][0]

    assert card["progress"].lessons_done == 1
    assert card["figures"].hours.lesson_minutes == world.lesson.minutes


def test_it_shows_attendance_hours_at_once_after_attendance_is_taken(client, world):
    from students.attendance import record_attendance

    world.session.starts_at = world.ana_enrolment.joined_at + dt.timedelta(hours=1)
    world.session.ends_at = world.session.starts_at + dt.timedelta(hours=2)
    world.session.save()
    client.force_login(world.ana)
    assert client.get(DASHBOARD).context["cards"][0]["figures"].hours.session_minutes == 0

    record_attendance(
        session=world.session, statuses={world.ana_enrolment.pk: "present"}, by=world.ivan
    )

    assert client.get(DASHBOARD).context["cards"][0]["figures"].hours.session_minutes == 120


def test_it_counts_a_lesson_from_the_moment_it_is_released(client, world):
    release = timezone.now() + dt.timedelta(hours=2)
    f.LessonFactory(module=world.module, slug="later", order=2, release_at=release)
    client.force_login(world.ana)
    assert client.get(DASHBOARD).context["cards"][0]["progress"].lessons_total == 1

    with mock.patch("django.utils.timezone.now", return_value=release):
        response = client.get(DASHBOARD)

    assert response.context["cards"][0]["progress"].lessons_total == 2


def test_it_moves_on_to_the_next_live_session_once_one_ends(client, world):
    later = f.LiveSessionFactory(
        module=world.other_module, topic="Second seminar",
        starts_at=world.session.starts_at + dt.timedelta(days=7),
    )  # fmt: skip
    client.force_login(world.ana)
    assert client.get(DASHBOARD).context["cards"][0]["next_session"] == world.session

    with mock.patch("django.utils.timezone.now", return_value=world.session.ends_at):
        response = client.get(DASHBOARD)

    assert response.context["cards"][0]["next_session"] == later
    assert "Second seminar" in response.content.decode()


@pytest.mark.parametrize("edition_status", Edition.Status.values)
@pytest.mark.parametrize("status", Enrolment.Status.values)
def test_it_reads_enrolments_and_applications_by_the_rules_of_admissions(
    db, status, edition_status
):
    user = f.UserFactory(username="someone")
    edition = f.EditionFactory(status=edition_status)
    f.EnrolmentFactory(user=user, edition=edition, status=status)
    f.EnrolmentFactory(user=f.UserFactory(username="else"), edition=edition, status=status)

    enrolments, applications = enrolments_and_applications(user, now=timezone.now())

    assert enrolments == list(Enrolment.objects.active().filter(user=user))
    assert applications == list(applications_of(user))
