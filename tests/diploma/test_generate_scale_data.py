from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from courses.models import Lesson, Module
from diploma.management.commands.generate_scale_data import (
    COORDINATOR,
    INSTRUCTOR,
    PASSWORD,
    STUDENT,
    Plan,
)
from diploma.models import Edition
from students.models import Enrolment, LessonProgress

TINY = 0.01


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate_scale_data", "--scale", str(TINY), *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "students": get_user_model().objects.filter(username__startswith="bench-s").count(),
        "editions": Edition.objects.filter(slug__startswith="bench-").count(),
        "modules": Module.objects.filter(edition__slug__startswith="bench-").count(),
        "lessons": Lesson.objects.filter(module__edition__slug__startswith="bench-").count(),
        "enrolments": Enrolment.objects.filter(edition__slug__startswith="bench-").count(),
        "progress": LessonProgress.objects.count(),
    }


def test_it_plans_the_demo_scale_at_scale_one():
    plan = Plan.for_scale(1.0)
    assert plan.students == 10_000
    assert plan.editions == 40
    assert plan.enrolments_per_edition == 250
    assert plan.big_edition_enrolments == 500


@pytest.mark.django_db
def test_it_generates_a_tiny_data_set_with_the_named_bench_users(client):
    output = generate()

    plan = Plan.for_scale(TINY)
    generated = counts()
    assert generated["students"] == plan.students + 1  # bench-student as well
    assert generated["editions"] == plan.editions
    assert generated["progress"] > 0
    assert "Done in" in output
    User = get_user_model()
    student, instructor, coordinator = (
        User.objects.get(username=username) for username in (STUDENT, INSTRUCTOR, COORDINATOR)
    )
    big = Enrolment.objects.get(user=student, status=Enrolment.Status.ADMITTED).edition
    assert big.enrolments.count() == plan.big_edition_enrolments
    assert big.coordinators.filter(pk=coordinator.pk).exists()
    assert Module.objects.filter(edition=big).taught_by(instructor).exists()
    assert LessonProgress.objects.filter(enrolment__user=student).exists()
    assert client.login(username=STUDENT, password=PASSWORD)


@pytest.mark.django_db
def test_it_refuses_to_generate_on_top_of_bench_data():
    generate()
    before = counts()

    with pytest.raises(CommandError, match="--reset"):
        generate()

    assert counts() == before


@pytest.mark.django_db
def test_it_replaces_the_bench_data_with_the_same_counts_on_reset():
    generate()
    before = counts()

    output = generate("--reset")

    assert "Deleting the generated rows" in output
    assert counts() == before


def test_it_leaves_rows_it_did_not_generate_on_reset(world):
    generate()

    generate("--reset")

    world.ana_enrolment.refresh_from_db()
    assert Edition.objects.filter(pk=world.edition.pk).exists()
    assert get_user_model().objects.filter(username="ana").exists()
