"""Copying an edition into the next one: what is taught, not who taught or learnt it."""

import datetime as dt
from collections.abc import Callable, Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction
from simple_history.utils import bulk_create_with_history

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


def _copy_rows(
    model: type[models.Model],
    rows: Iterable[models.Model],
    adjust: Callable[[models.Model], None],
) -> dict[int, models.Model]:
    """Insert copies of `rows` after `adjust` changed each one; map each old pk to its copy."""
    copies = {}
    for row in rows:
        old_pk = row.pk
        row.pk = None
        row._state.adding = True
        adjust(row)
        copies[old_pk] = row
    rows = list(copies.values())
    if hasattr(model, "history"):
        # So that the settings' history of the copy starts with the values it was copied with.
        bulk_create_with_history(rows, model)
    else:
        model.objects.bulk_create(rows)
    return copies


def _shifted(value: dt.datetime | None, delta: dt.timedelta) -> dt.datetime | None:
    return None if value is None else value + delta


def copy_edition(
    *,
    edition: Edition,
    name: str,
    slug: str,
    starts_on: dt.date,
    by: AbstractBaseUser | None,
    with_instructors: bool = False,
) -> Edition:
    """Create a draft edition with the same modules, lessons, sessions, quizzes and assignments.

    Every date moves by the distance between the two start dates. With `with_instructors`, each
    copied module is taught by the same instructors in the same roles. Other people and every
    record of what people did (coordinators, applications, progress, attempts, grades,
    certificates) stay with the old edition. Runs two queries per kind of object copied.
    """
    delta = starts_on - edition.starts_on
    with transaction.atomic():
        new = Edition.objects.create(
            programme=edition.programme,
            name=name,
            slug=slug,
            starts_on=starts_on,
            ends_on=edition.ends_on + delta,
            capacity=edition.capacity,
            delivery_mode=edition.delivery_mode,
            venue=edition.venue,
            status=Edition.Status.DRAFT,
            waitlist_promotion=edition.waitlist_promotion,
            required_documents=edition.required_documents,
            copied_from=edition,
        )

        def to_new_edition(row):
            row.edition = new

        _copy_rows(EditionQuota, EditionQuota.objects.filter(edition=edition), to_new_edition)

        def module(row):
            row.edition = new
            row.release_at = _shifted(row.release_at, delta)
            row.grades_released = False

        modules = _copy_rows(Module, Module.objects.filter(edition=edition), module)

        if with_instructors:

            def teaching(row):
                row.module = modules[row.module_id]

            _copy_rows(
                ModuleInstructor, ModuleInstructor.objects.filter(module__edition=edition), teaching
            )

        def lesson(row):
            row.module = modules[row.module_id]
            row.release_at = _shifted(row.release_at, delta)
            row.version = 1

        lessons = _copy_rows(Lesson, Lesson.objects.filter(module__edition=edition), lesson)

        def resource(row):
            row.lesson = lessons[row.lesson_id]

        _copy_rows(Resource, Resource.objects.filter(lesson__module__edition=edition), resource)

        def session(row):
            row.module = modules[row.module_id]
            row.starts_at = row.starts_at + delta
            row.ends_at = row.ends_at + delta

        _copy_rows(LiveSession, LiveSession.objects.filter(module__edition=edition), session)

        def quiz(row):
            row.module = modules[row.module_id]
            row.opens_at = _shifted(row.opens_at, delta)
            row.closes_at = _shifted(row.closes_at, delta)

        quizzes = _copy_rows(Quiz, Quiz.objects.filter(module__edition=edition), quiz)

        def question(row):
            row.quiz = quizzes[row.quiz_id]

        questions = _copy_rows(
            Question, Question.objects.filter(quiz__module__edition=edition), question
        )

        def choice(row):
            row.question = questions[row.question_id]

        _copy_rows(Choice, Choice.objects.filter(question__quiz__module__edition=edition), choice)

        def assignment(row):
            row.module = modules[row.module_id]
            row.due_at = row.due_at + delta
            row.cutoff_at = _shifted(row.cutoff_at, delta)
            row.grades_released = False

        assignments = _copy_rows(
            Assignment, Assignment.objects.filter(module__edition=edition), assignment
        )

        def criterion(row):
            row.assignment = assignments[row.assignment_id]

        criteria = _copy_rows(
            RubricCriterion,
            RubricCriterion.objects.filter(assignment__module__edition=edition),
            criterion,
        )

        def level(row):
            row.criterion = criteria[row.criterion_id]

        _copy_rows(
            RubricLevel,
            RubricLevel.objects.filter(criterion__assignment__module__edition=edition),
            level,
        )
    return new
