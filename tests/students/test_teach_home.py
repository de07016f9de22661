import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import Assignment, Quiz
from students.models import Attendance, QuizAttempt, Submission
from tests import factories as f

HOME = reverse("teach:home")


def test_it_sends_visitors_to_log_in(client, world):
    response = client.get(HOME)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", ["ana", "carla", "pablo"])
def test_it_refuses_students_and_partners(client, world, persona):
    client.force_login(getattr(world, persona))

    assert client.get(HOME).status_code == 403


def test_it_lists_the_modules_an_instructor_teaches_with_counts(client, world):
    f.LessonFactory(module=world.module, is_published=False)
    client.force_login(world.ivan)

    response = client.get(HOME)

    html = response.content.decode()
    assert response.status_code == 200
    assert world.module.title in html
    assert world.other_module.title not in html
    module = response.context["editions"][0][1][0]
    assert (module.students, module.lesson_count, module.session_count, module.to_grade) == (
        2,
        2,
        1,
        0,
    )
    assert module.teaching_role == "lead"


def test_it_shows_a_guest_their_role(client, world):
    client.force_login(world.gus)

    module = client.get(HOME).context["editions"][0][1][0]

    assert module.teaching_role == "guest"


def test_it_shows_a_coordinator_every_module_of_their_editions(client, world):
    client.force_login(world.cora)

    html = client.get(HOME).content.decode()

    assert world.module.title in html
    assert world.other_module.title in html


def test_it_counts_submissions_waiting_for_a_grade(client, world):
    assignment = Assignment.objects.create(
        module=world.module, title="Essay", slug="essay", instructions="Write.",
        due_at=timezone.now() + dt.timedelta(days=7),
    )  # fmt: skip
    Submission.objects.create(
        enrolment=world.ana_enrolment, assignment=assignment, submitted_at=timezone.now()
    )
    Submission.objects.create(
        enrolment=world.bruno_enrolment, assignment=assignment, submitted_at=timezone.now(),
        points=Decimal("15"),
    )  # fmt: skip
    client.force_login(world.ivan)

    module = client.get(HOME).context["editions"][0][1][0]

    assert module.to_grade == 1


def essay(module, slug: str = "essay") -> Assignment:
    return Assignment.objects.create(
        module=module, title=f"Essay {slug}", slug=slug, instructions="Write.",
        due_at=timezone.now() + dt.timedelta(days=7),
    )  # fmt: skip


def quiz_waiting_for_essays(module, enrolments, slug: str = "check") -> Quiz:
    quiz = Quiz.objects.create(module=module, title=f"Quiz {slug}", slug=slug)
    for enrolment in enrolments:
        QuizAttempt.objects.create(
            enrolment=enrolment, quiz=quiz, status=QuizAttempt.Status.SUBMITTED,
            submitted_at=timezone.now(),
        )  # fmt: skip
    return quiz


def test_it_links_each_count_to_its_grading_queue(client, world):
    assignment = essay(world.module)
    Submission.objects.create(
        enrolment=world.ana_enrolment, assignment=assignment, submitted_at=timezone.now()
    )
    quiz = quiz_waiting_for_essays(world.module, [world.ana_enrolment, world.bruno_enrolment])
    graded = quiz_waiting_for_essays(world.module, [], slug="graded")
    QuizAttempt.objects.create(
        enrolment=world.ana_enrolment, quiz=graded, status=QuizAttempt.Status.GRADED
    )
    client.force_login(world.ivan)

    response = client.get(HOME)

    slugs = (world.edition.slug, world.module.slug)
    attempts_url = reverse("assess:quiz-attempts", args=[*slugs, quiz.slug])
    queue_url = reverse("assess:assignment-queue", args=[*slugs, assignment.slug])
    html = response.content.decode()
    assert f'href="{attempts_url}">2 · Quiz check</a>' in html
    assert f'href="{queue_url}">1 · Essay essay</a>' in html
    assert reverse("assess:quiz-attempts", args=[*slugs, graded.slug]) not in html
    module = response.context["editions"][0][1][0]
    assert module.to_grade == 3
    assert client.get(attempts_url).status_code == 200
    assert client.get(queue_url).status_code == 200


def test_it_links_a_guest_and_a_coordinator_to_the_queues_of_the_right_module(client, world):
    taught = quiz_waiting_for_essays(world.module, [world.ana_enrolment])
    other = quiz_waiting_for_essays(world.other_module, [world.bruno_enrolment], slug="other")
    own_url = reverse(
        "assess:quiz-attempts", args=[world.edition.slug, world.module.slug, taught.slug]
    )
    other_url = reverse(
        "assess:quiz-attempts", args=[world.edition.slug, world.other_module.slug, other.slug]
    )

    client.force_login(world.gus)
    guest_html = client.get(HOME).content.decode()
    client.force_login(world.cora)
    coordinator_html = client.get(HOME).content.decode()

    assert own_url in guest_html
    assert other_url not in guest_html
    assert own_url in coordinator_html
    assert other_url in coordinator_html


def test_it_shows_zero_without_a_link_when_nothing_waits(client, world):
    assignment = essay(world.module)
    client.force_login(world.ivan)

    response = client.get(HOME)

    queue_url = reverse(
        "assess:assignment-queue", args=[world.edition.slug, world.module.slug, assignment.slug]
    )
    assert queue_url not in response.content.decode()
    assert response.context["editions"][0][1][0].grading_queues == []


def test_it_lists_this_week_s_sessions_and_those_without_attendance(client, world):
    now = timezone.now()
    past = f.LiveSessionFactory(
        module=world.module, topic="Forgotten roll call",
        starts_at=now - dt.timedelta(days=2), ends_at=now - dt.timedelta(days=2, hours=-2),
    )  # fmt: skip
    recorded = f.LiveSessionFactory(
        module=world.module, topic="Recorded seminar",
        starts_at=now - dt.timedelta(days=3), ends_at=now - dt.timedelta(days=3, hours=-2),
    )  # fmt: skip
    Attendance.objects.create(enrolment=world.ana_enrolment, session=recorded, status="present")
    client.force_login(world.ivan)

    response = client.get(HOME)

    assert [s.topic for s in response.context["upcoming"]] == [world.session.topic]
    assert [s.topic for s in response.context["unrecorded"]] == [past.topic]
    assert (
        reverse(
            "teach:attendance",
            kwargs={"edition": world.edition.slug, "module": world.module.slug, "session": past.pk},
        )
        in response.content.decode()
    )


def test_it_welcomes_an_instructor_without_modules(client, world):
    newcomer = f.InstructorFactory(user=f.UserFactory(username="newcomer")).user
    client.force_login(newcomer)

    response = client.get(HOME)

    assert response.status_code == 200
    assert response.context["editions"] == []


def test_it_costs_the_same_queries_for_one_module_or_many(client, world, django_assert_num_queries):
    client.force_login(world.cora)
    client.get(HOME)
    with CaptureQueriesContext(connection) as few:
        client.get(HOME)
    for n in range(10):
        module = f.ModuleFactory(edition=world.edition, slug=f"extra-{n}")
        f.LiveSessionFactory(module=module)
        f.LessonFactory(module=module)
        quiz_waiting_for_essays(module, [world.ana_enrolment, world.bruno_enrolment])
        Submission.objects.create(
            enrolment=world.ana_enrolment, assignment=essay(module), submitted_at=timezone.now()
        )

    with django_assert_num_queries(len(few)):
        response = client.get(HOME)

    assert len(response.context["editions"][0][1]) == 12


def test_each_edition_links_to_its_calendar_and_coordinators_to_its_messages(client, world):
    messages_url = reverse("teach:edition-messages", args=[world.edition.slug])
    calendar_url = reverse("calendar:month", args=[world.edition.slug])

    client.force_login(world.cora)
    coordinator_page = client.get(reverse("teach:home")).content.decode()
    client.force_login(world.ivan)
    instructor_page = client.get(reverse("teach:home")).content.decode()

    assert calendar_url in coordinator_page and messages_url in coordinator_page
    assert calendar_url in instructor_page and messages_url not in instructor_page


def test_the_module_workspace_links_to_messages_to_a_group(client, world):
    client.force_login(world.gus)

    html = client.get(reverse("teach:module", args=[world.edition.slug, world.module.slug]))

    assert reverse("teach:messages", args=[world.edition.slug, world.module.slug]) in (
        html.content.decode()
    )
