import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.models import Lesson, Resource
from tests import factories as f


def test_it_reads_only_published_and_released_lessons(world):
    now = timezone.now()
    draft = f.LessonFactory(module=world.module, is_published=False)
    later = f.LessonFactory(module=world.module, release_at=now + dt.timedelta(days=1))
    readable = set(Lesson.objects.readable(now))
    assert world.lesson in readable
    assert draft not in readable
    assert later not in readable
    assert not later.is_released(now)
    assert later.is_released(now + dt.timedelta(days=2))


def test_a_lesson_of_an_unreleased_module_is_not_released(world):
    world.module.release_at = timezone.now() + dt.timedelta(days=7)
    world.module.save(update_fields=["release_at"])
    world.lesson.refresh_from_db()
    assert not world.lesson.is_released()
    assert world.lesson not in Lesson.objects.readable()


def test_it_stores_sanitised_html_of_the_body(world):
    world.lesson.body = "# Title\n\n<script>alert(1)</script>[x](javascript:alert(1))"
    world.lesson.render_body()
    assert "<h1>Title</h1>" in world.lesson.body_html
    assert "<script" not in world.lesson.body_html
    assert 'href="javascript' not in world.lesson.body_html


def test_a_session_must_end_after_it_starts(world):
    session = world.session
    session.ends_at = session.starts_at
    with pytest.raises(IntegrityError), transaction.atomic():
        session.save()


def test_a_resource_needs_its_file_or_link(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Resource.objects.create(lesson=world.lesson, title="Empty link", kind="link")
    Resource.objects.create(
        lesson=world.lesson, title="IOM", kind="link", url="https://www.iom.int/"
    )


def test_it_lists_the_modules_a_user_teaches(world):
    from courses.models import Module

    assert list(Module.objects.taught_by(world.ivan)) == [world.module]
    assert list(Module.objects.taught_by(world.olga)) == [world.other_module]
