import datetime as dt
from decimal import Decimal

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.copying import copy_edition
from courses.models import (
    Assignment,
    Choice,
    Lesson,
    LiveSession,
    Module,
    ModuleInstructor,
    Question,
    Quiz,
    Resource,
    RubricCriterion,
    RubricLevel,
)
from diploma.models import Edition, EditionQuota
from students.models import Enrolment
from tests import factories as f

YEAR = dt.timedelta(days=364)


def teach_a_module(edition: Edition, slug: str) -> Module:
    """A module with one of everything that belongs to it."""
    release = timezone.now() - dt.timedelta(days=10)
    module = f.ModuleFactory(edition=edition, slug=slug, release_at=release, grades_released=True)
    f.ModuleInstructorFactory(module=module)
    lesson = f.LessonFactory(module=module, release_at=release)
    Resource.objects.create(lesson=lesson, title="IOM report", url="https://example.org/r.pdf")
    f.LiveSessionFactory(module=module)
    quiz = Quiz.objects.create(
        module=module, title="Check", slug="check", opens_at=release,
        closes_at=release + dt.timedelta(days=7),
    )  # fmt: skip
    question = Question.objects.create(quiz=quiz, kind="single", text="Who migrates?")
    Choice.objects.create(question=question, text="Young adults", is_correct=True, fraction=100)
    Choice.objects.create(question=question, text="Nobody")
    assignment = Assignment.objects.create(
        module=module, title="Essay", slug="essay", instructions="Write.",
        due_at=release + dt.timedelta(days=20), cutoff_at=release + dt.timedelta(days=25),
    )  # fmt: skip
    criterion = RubricCriterion.objects.create(assignment=assignment, title="Argument")
    RubricLevel.objects.create(criterion=criterion, title="Strong", points=Decimal("4"))
    RubricLevel.objects.create(criterion=criterion, title="Weak", points=Decimal("1"))
    return module


@pytest.fixture
def edition(db) -> Edition:
    edition = f.OpenEditionFactory(capacity=25, venue="Campus PUCP")
    EditionQuota.objects.create(edition=edition, dimension="country", value="PE", seats=10)
    edition.coordinators.add(f.UserFactory(username="cora"))
    module = teach_a_module(edition, "migration-policy")
    enrolment = f.EnrolmentFactory(edition=edition)
    f.LessonProgressFactory(enrolment=enrolment, lesson=module.lessons.get())
    return edition


def copy(edition: Edition, slug: str = "next", **options) -> Edition:
    return copy_edition(
        edition=edition, name="Next", slug=slug, starts_on=edition.starts_on + YEAR, by=None,
        **options,
    )  # fmt: skip


def test_it_makes_a_draft_copy_of_the_edition(edition):
    new = copy(edition)

    assert new.programme == edition.programme
    assert (new.name, new.slug, new.status) == ("Next", "next", Edition.Status.DRAFT)
    assert new.copied_from == edition
    assert new.starts_on == edition.starts_on + YEAR
    assert new.ends_on == edition.ends_on + YEAR
    assert new.applications_open_at is None
    assert new.applications_close_at is None
    assert (new.capacity, new.venue) == (25, "Campus PUCP")
    assert new.quotas.get().value == "PE"


def test_it_copies_what_is_taught(edition):
    new = copy(edition)

    old_module = edition.modules.get()
    module = new.modules.get()
    assert module.slug == old_module.slug
    assert module.release_at == old_module.release_at + YEAR
    assert not module.grades_released
    lesson = module.lessons.get()
    old_lesson = old_module.lessons.get()
    assert (lesson.body_html, lesson.release_at) == (
        old_lesson.body_html,
        old_lesson.release_at + YEAR,
    )
    assert lesson.resources.get().url == "https://example.org/r.pdf"
    assert module.sessions.get().starts_at == old_module.sessions.get().starts_at + YEAR
    quiz = module.quizzes.get()
    assert quiz.opens_at == old_module.quizzes.get().opens_at + YEAR
    assert quiz.questions.get().choices.filter(is_correct=True).get().text == "Young adults"
    assignment = module.assignments.get()
    old_assignment = old_module.assignments.get()
    assert assignment.due_at == old_assignment.due_at + YEAR
    assert assignment.cutoff_at == old_assignment.cutoff_at + YEAR
    assert list(assignment.criteria.get().levels.values_list("title", flat=True)) == [
        "Strong",
        "Weak",
    ]


def test_it_leaves_people_and_their_records_behind(edition):
    new = copy(edition)

    assert not new.coordinators.exists()
    assert not ModuleInstructor.objects.filter(module__edition=new).exists()
    assert not Enrolment.objects.filter(edition=new).exists()
    assert not new.modules.get().lessons.get().progress.exists()
    assert edition.enrolments.count() == 1
    assert edition.modules.get().teaching.count() == 1


def test_it_leaves_the_original_untouched(edition):
    counts = {
        model: model.objects.count()
        for model in (Module, Lesson, Resource, LiveSession, Quiz, Question, Choice, Assignment)
    }

    copy(edition)

    for model, count in counts.items():
        assert model.objects.count() == 2 * count
    assert Edition.objects.get(pk=edition.pk).status == Edition.Status.OPEN


def test_it_runs_the_same_queries_for_one_module_or_many(edition):
    with CaptureQueriesContext(connection) as one:
        copy(edition, slug="one")
    teach_a_module(edition, "remittances")
    teach_a_module(edition, "labour")

    with CaptureQueriesContext(connection) as three:
        copy(edition, slug="three")

    assert Module.objects.filter(edition__slug="three").count() == 3
    assert len(three) == len(one)


def _teaching(edition: Edition) -> list[tuple]:
    return sorted(
        ModuleInstructor.objects.filter(module__edition=edition).values_list(
            "module__slug", "instructor_id", "role"
        )
    )


def test_it_copies_who_teaches_each_module_when_asked(edition):
    module = edition.modules.get()
    f.ModuleInstructorFactory(module=module, role=ModuleInstructor.Role.GUEST)

    new = copy(edition, with_instructors=True)

    assert len(_teaching(new)) == 2
    assert _teaching(new) == _teaching(edition)
    assert set(new.modules.get().teaching.values_list("module_id", flat=True)) == {
        new.modules.get().pk
    }
    assert edition.modules.get().teaching.count() == 2
    assert not new.coordinators.exists()
    assert not Enrolment.objects.filter(edition=new).exists()


def test_copying_instructors_runs_the_same_queries_for_one_module_or_many(edition):
    with CaptureQueriesContext(connection) as without:
        copy(edition, slug="without")
    with CaptureQueriesContext(connection) as one:
        copy(edition, slug="one", with_instructors=True)
    teach_a_module(edition, "remittances")
    teach_a_module(edition, "labour")

    with CaptureQueriesContext(connection) as three:
        copy(edition, slug="three", with_instructors=True)

    assert ModuleInstructor.objects.filter(module__edition__slug="three").count() == 3
    assert len(three) == len(one)
    # the instructors cost one read and one insert more, like every other kind copied
    assert len(one) == len(without) + 2


def _copy_url() -> str:
    return reverse("admin:diploma_edition_changelist")


def _admin_copy(client, edition: Edition, **extra):
    data = {
        "action": "copy_into_new_edition",
        admin.helpers.ACTION_CHECKBOX_NAME: [edition.pk],
        "apply": "1",
        "name": "2027-II",
        "slug": "copied",
        "starts_on": (edition.starts_on + YEAR).isoformat(),
        **extra,
    }
    return client.post(_copy_url(), data)


def test_the_admin_offers_to_copy_the_instructors_unticked(client, edition):
    client.force_login(f.UserFactory(username="root", is_staff=True, is_superuser=True))

    response = client.post(
        _copy_url(),
        {"action": "copy_into_new_edition", admin.helpers.ACTION_CHECKBOX_NAME: [edition.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    field = response.context["form"]["with_instructors"]
    assert str(field.label) == "Also copy who teaches each module"
    assert not field.value()
    assert 'name="with_instructors"' in response.content.decode()
    assert "checked" not in str(field)


@pytest.mark.parametrize("ticked, expected", [(True, 1), (False, 0)])
def test_the_admin_copies_the_instructors_only_when_ticked(client, edition, ticked, expected):
    client.force_login(f.UserFactory(username="root", is_staff=True, is_superuser=True))
    extra = {"with_instructors": "on"} if ticked else {}

    response = _admin_copy(client, edition, **extra)

    assert response.status_code == 302
    new = Edition.objects.get(slug="copied")
    assert ModuleInstructor.objects.filter(module__edition=new).count() == expected
    assert not Enrolment.objects.filter(edition=new).exists()
