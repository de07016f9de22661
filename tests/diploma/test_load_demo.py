from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from courses.models import Lesson, LiveSession, Module, ModuleInstructor, Question
from diploma.demo.people import DEMO_LOGINS, DEMO_PASSWORD, DEMO_URL
from diploma.models import Edition, EditionQuota, PartnerStaff, Programme
from students.models import (
    Attendance,
    Enrolment,
    EnrolmentTransition,
    LessonProgress,
    QuizAttempt,
)

RUNNING = "migracion-internacional-en-curso"
UPCOMING = "migracion-internacional-proxima"
ONLINE = "migracion-laboral-en-curso"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo once for the module, inside a transaction rolled back at the end."""
    fast_hasher = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=fast_hasher),
        transaction.atomic(),
    ):
        call_command("load_demo", "--force", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def _counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_it_loads_the_same_rows_when_run_twice(demo, db, settings):
    settings.DEBUG = True
    before = _counts()
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert _counts() == before
    assert before["courses.Lesson"] > 50
    assert before["students.LessonProgress"] > 100
    assert out.getvalue().startswith("Demo data loaded: 2 programmes, 3 editions")


def test_it_refuses_to_run_when_debug_is_off(demo, db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo", stdout=StringIO())


def test_it_runs_when_debug_is_off_and_forced(demo, db, settings):
    settings.DEBUG = False
    out = StringIO()

    call_command("load_demo", "--force", stdout=out)

    assert "Demo data loaded" in out.getvalue()


def test_it_lets_every_demo_account_log_in(demo, db, client):
    for login in DEMO_LOGINS:
        assert client.login(username=login.username, password=DEMO_PASSWORD), login.username
        client.logout()


def test_it_admits_the_demo_students_with_progress_and_attendance(demo, db):
    for username in ("student", "student2"):
        enrolment = Enrolment.objects.get(user__username=username, edition__slug=RUNNING)
        assert enrolment.status == Enrolment.Status.ADMITTED
        assert enrolment.user.profile.country == "PE"
        assert LessonProgress.objects.filter(enrolment=enrolment).exists()
        assert Attendance.objects.filter(enrolment=enrolment).exists()
        assert enrolment.transitions.count() == 2
    student3 = Enrolment.objects.get(user__username="student3")
    assert (student3.edition.slug, student3.status) == (ONLINE, Enrolment.Status.ADMITTED)


def test_it_records_attendance_only_for_past_sessions(demo, db):
    assert not Attendance.objects.filter(session__ends_at__gt=timezone.now()).exists()
    assert LiveSession.objects.filter(module__edition__slug=RUNNING, starts_at__gt=timezone.now())


def test_it_gives_the_staff_accounts_their_roles(demo, db):
    running = Edition.objects.get(slug=RUNNING)
    upcoming = Edition.objects.get(slug=UPCOMING)
    coordinator = get_user_model().objects.get(username="coordinator")
    assert {running, upcoming} <= set(Edition.objects.coordinated_by(coordinator))
    led = Module.objects.filter(
        edition=running,
        teaching__instructor__user__username="instructor",
        teaching__role=ModuleInstructor.Role.LEAD,
    )
    assert led.count() == 2
    assert ModuleInstructor.objects.filter(module__edition=running, role="guest").exists()
    assert PartnerStaff.objects.get(user__username="partner").institution.acronym == "OIM"


def test_it_builds_a_running_and_an_open_edition_of_the_pucp_diploma(demo, db):
    programme = Programme.objects.get(slug="migracion-internacional")
    assert (programme.grading_scale, programme.pass_grade, programme.min_attendance) == (
        "0-20",
        11,
        80,
    )
    running = programme.editions.get(slug=RUNNING)
    upcoming = programme.editions.get(slug=UPCOMING)
    assert running.status == Edition.Status.RUNNING
    assert upcoming.is_open_for_applications()
    assert EditionQuota.objects.get(edition=upcoming, value="PE").seats == 25
    assert running.modules.count() == upcoming.modules.count() == 7
    assert running.enrolments.holding_a_seat().count() <= running.capacity
    statuses = set(upcoming.enrolments.values_list("status", flat=True))
    assert statuses == {"submitted", "waitlisted", "rejected"}
    assert EnrolmentTransition.objects.filter(enrolment__edition=upcoming).exists()
    last = running.modules.order_by("order").last()
    assert not last.is_released()
    assert Lesson.objects.filter(module__edition=running, is_published=False).count() == 1


def test_it_stores_safe_rendered_lesson_bodies(demo, db):
    lessons = Lesson.objects.all()

    assert all(lesson.body_html.strip() for lesson in lessons)
    assert not any("<script" in lesson.body_html for lesson in lessons)
    assert lessons.filter(body_html__contains="<table>").count() >= 10
    current = lessons.filter(module__edition__slug__in=[RUNNING, UPCOMING])
    assert all(lesson.resources.exists() for lesson in current)


def test_it_prints_the_demo_logins(demo, db):
    out = StringIO()

    call_command("demo_logins", stdout=out)

    for login in DEMO_LOGINS:
        assert login.username in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()
    assert DEMO_URL in out.getvalue()


def test_it_gives_the_demo_instructor_a_paged_quiz_and_a_brief_to_grade(demo, db):
    module = Module.objects.get(
        edition__slug=RUNNING,
        teaching__instructor__user__username="instructor",
        quizzes__slug="control-de-lectura",
    )
    quiz = module.quizzes.get(slug="control-de-lectura")
    brief = module.assignments.get(slug="informe-de-politica")
    statuses = set(quiz.attempts.values_list("status", flat=True))
    graded = brief.submissions.filter(points__isnull=False).count()

    assert quiz.is_published and quiz.questions_per_page == 2
    assert set(quiz.questions.values_list("kind", flat=True)) == set(Question.Kind.values)
    assert statuses == {QuizAttempt.Status.GRADED, QuizAttempt.Status.SUBMITTED}
    assert not quiz.attempts.filter(enrolment__user__username="student").exists()
    assert 0 < graded < brief.submissions.count()
