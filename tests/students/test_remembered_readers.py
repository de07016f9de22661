"""Each process remembers a student's enrolments and the lessons they read (students/access.py,
students/learning/); every change that decides what the student may read counts at once."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from students import admissions
from students.models import Enrolment
from students.progress import complete_lesson
from tests import factories as f

DASHBOARD = reverse("learn:dashboard")


def lesson_url(world, lesson=None, edition=None) -> str:
    lesson = lesson or world.lesson
    edition = edition or world.edition
    return reverse("learn:lesson-detail", args=[edition.slug, lesson.module.slug, lesson.slug])


def module_url(world) -> str:
    return reverse("learn:module-detail", args=[world.edition.slug, world.module.slug])


def test_a_withdrawn_student_is_refused_at_once(client, world):
    client.force_login(world.ana)
    assert client.get(lesson_url(world)).status_code == 200
    assert client.get(module_url(world)).status_code == 200

    admissions.withdraw(enrolment=world.ana_enrolment, by=world.cora)

    assert client.get(lesson_url(world)).status_code == 403
    assert client.get(module_url(world)).status_code == 403
    dashboard = client.get(DASHBOARD).content.decode()
    assert f'id="edition-{world.edition.slug}"' not in dashboard
    assert 'data-status="withdrawn"' in dashboard


def test_a_status_changed_in_the_admin_counts_at_once(client, world):
    client.force_login(world.ana)
    assert client.get(lesson_url(world)).status_code == 200

    world.ana_enrolment.status = Enrolment.Status.WITHDRAWN
    world.ana_enrolment.save()  # as the admin's change form saves it

    assert client.get(lesson_url(world)).status_code == 403


def test_a_deleted_enrolment_is_refused_at_once(client, world):
    client.force_login(world.ana)
    assert client.get(module_url(world)).status_code == 200

    Enrolment.objects.filter(pk=world.ana_enrolment.pk).first().delete()

    assert client.get(module_url(world)).status_code == 403


def test_a_lesson_done_keeps_the_enrolment_remembered(client, world, django_assert_max_num_queries):
    client.force_login(world.ana)
    client.get(lesson_url(world))
    complete_lesson(enrolment=world.ana_enrolment, lesson=world.lesson)

    # The user, then what the lesson done changed (the outline's progress); the enrolment and
    # the lesson are not read again.
    with django_assert_max_num_queries(3) as queries:
        html = client.get(lesson_url(world)).content.decode()
    assert not any("students_enrolment" in q["sql"] for q in queries.captured_queries)
    assert 'class="learn-check"' in html


def test_a_renamed_lesson_moves_at_once(client, world):
    client.force_login(world.ana)
    old_url = lesson_url(world)
    assert client.get(old_url).status_code == 200

    world.lesson.slug = "who-moves"
    world.lesson.title = "Who moves"
    world.lesson.save()

    assert client.get(old_url).status_code == 404
    assert "Who moves" in client.get(lesson_url(world)).content.decode()


def test_a_renamed_edition_and_programme_show_at_once(client, world):
    client.force_login(world.ana)
    client.get(lesson_url(world))

    world.programme.title = "Migration and Development"
    world.programme.save()
    world.edition.slug = "mig-2026-ii-bis"
    world.edition.save()

    assert client.get(lesson_url(world)).status_code == 200
    assert "Migration and Development" in client.get(DASHBOARD).content.decode()


def test_a_new_application_shows_on_the_dashboard_at_once(client, world):
    client.force_login(world.ana)
    assert world.open_edition.name not in client.get(DASHBOARD).content.decode()

    f.EnrolmentFactory(
        user=world.ana, edition=world.open_edition, status=Enrolment.Status.SUBMITTED
    )

    assert world.open_edition.name in client.get(DASHBOARD).content.decode()


def test_another_student_never_gets_what_one_student_made_remembered(client, world):
    client.force_login(world.ana)
    assert client.get(lesson_url(world)).status_code == 200

    client.force_login(world.carla)

    assert client.get(lesson_url(world)).status_code == 403


def test_a_deactivated_student_is_logged_out_at_once(client, world):
    client.force_login(world.ana)
    client.get(lesson_url(world))

    get_user_model().objects.filter(pk=world.ana.pk).update(is_active=False)

    assert client.get(lesson_url(world)).status_code == 302
