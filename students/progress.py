"""How far students got through the lessons: marking a lesson done, and the counts of lessons
done over the lessons readable so far, for any number of students with a fixed number of
queries. Hours, attendance and grades are the student's record: students/completion.py.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Exists, Min, OuterRef, Q, Value
from django.utils import timezone

from courses.models import Lesson, Module
from diploma.content_versions import (
    progress_changed,
)
from students.models import Enrolment, LessonProgress


def complete_lesson(*, enrolment: Enrolment, lesson: Lesson) -> bool:
    """Record that the student finished the lesson; True if it was not recorded before."""
    if lesson.module.edition_id != enrolment.edition_id or not enrolment.is_active:
        raise ValueError("The lesson is not part of an active enrolment's edition.")
    if not lesson.is_released():
        raise ValueError("The lesson is not released yet.")
    with transaction.atomic():
        _progress, created = LessonProgress.objects.get_or_create(
            enrolment=enrolment, lesson=lesson
        )
        enrolment.last_activity_at = timezone.now()
        enrolment.save(update_fields=["last_activity_at"])
        progress_changed([enrolment.pk])
    return created


@dataclass
class Progress:
    """Lessons done of those readable so far; hours come from the student's record
    (students.completion), never from here."""

    lessons_done: int = 0
    lessons_total: int = 0
    modules: dict[int, "Progress"] = field(default_factory=dict)

    @property
    def percent(self) -> int:
        if not self.lessons_total:
            return 0
        return min(100, self.lessons_done * 100 // self.lessons_total)

    @property
    def is_complete(self) -> bool:
        return self.lessons_total > 0 and self.lessons_done >= self.lessons_total


def _released(now: dt.datetime, prefix: str = "") -> Q:
    return Q(**{f"{prefix}release_at__isnull": True}) | Q(**{f"{prefix}release_at__lte": now})


def _readable(now: dt.datetime, lesson: str) -> Q:
    """LessonQuerySet.readable as a condition on a related lesson, for one-join aggregates."""
    return (
        Q(**{f"{lesson}is_published": True})
        & _released(now, lesson)
        & _released(now, f"{lesson}module__")
    )


def modules_with_totals(
    edition_ids: Sequence[int], *, now: dt.datetime | None = None
) -> list[Module]:
    """The modules of these editions in course order, one query. Each has `readable_lessons`
    and `next_release`, the first release date still to come of a published lesson."""
    now = now or timezone.now()
    readable = _released(now) & Q(lessons__is_published=True) & _released(now, "lessons__")
    upcoming = Q(lessons__is_published=True, lessons__release_at__gt=now)
    return list(
        Module.objects.filter(edition__in=edition_ids)
        .defer("summary")
        .annotate(
            readable_lessons=Count("lessons", filter=readable),
            next_release=Min("lessons__release_at", filter=upcoming),
        )
        .order_by("edition_id", "order", "id")
    )


def progress_for(
    enrolments: Sequence[Enrolment],
    *,
    modules: Sequence[Module] | None = None,
    now: dt.datetime | None = None,
) -> dict[int, Progress]:
    """Progress of each enrolment over the readable lessons of its edition, also per module.

    One query for any number of enrolments, plus one for `modules` (see modules_with_totals)
    when not given.
    """
    now = now or timezone.now()
    if not enrolments:
        return {}
    if modules is None:
        modules = modules_with_totals({e.edition_id for e in enrolments}, now=now)
    done: dict[int, dict[int, int]] = {}
    rows = (
        LessonProgress.objects.filter(_readable(now, "lesson__"), enrolment__in=enrolments)
        .order_by()
        .values_list("enrolment_id", "lesson__module_id")
        .annotate(lessons=Count("id"))
    )
    for enrolment_id, module_id, lessons in rows:
        done.setdefault(enrolment_id, {})[module_id] = lessons

    result = {}
    for enrolment in enrolments:
        progress = Progress()
        finished = done.get(enrolment.pk, {})
        for module in modules:
            if module.edition_id != enrolment.edition_id or not module.readable_lessons:
                continue
            lessons_done = finished.get(module.pk, 0)
            progress.modules[module.pk] = Progress(lessons_done, module.readable_lessons)
            progress.lessons_done += lessons_done
            progress.lessons_total += module.readable_lessons
        result[enrolment.pk] = progress
    return result


def next_lessons(
    enrolments: Sequence[Enrolment],
    progress: dict[int, Progress],
    modules: Sequence[Module],
    *,
    now: dt.datetime | None = None,
) -> dict[int, Lesson]:
    """Where each of one user's enrolments continues: the first readable lesson, in course
    order, not done yet. One query; `progress` and `modules` are those of progress_for.
    """
    # The first lesson not done lies in the first module, in course order, not finished.
    unfinished = {}
    for enrolment in enrolments:
        by_module = progress[enrolment.pk].modules
        unfinished[enrolment.pk] = next(
            (
                module
                for module in modules
                if module.edition_id == enrolment.edition_id
                and module.pk in by_module
                and not by_module[module.pk].is_complete
            ),
            None,
        )
    wanted = {module.pk: module for module in unfinished.values() if module}
    if not wanted:
        return {}
    first: dict[int, Lesson] = {}
    lessons = (
        Lesson.objects.readable(now or timezone.now())
        .filter(module__in=list(wanted))
        .exclude(progress__enrolment__in=enrolments)
        .defer("body", "body_html")
        .order_by("order", "pk")
    )
    for lesson in lessons:
        if lesson.module_id not in first:
            lesson.module = wanted[lesson.module_id]
            first[lesson.module_id] = lesson
    return {
        enrolment_id: first[module.pk]
        for enrolment_id, module in unfinished.items()
        if module and module.pk in first
    }


def module_lessons(
    module: Module, enrolment: Enrolment | None, *, now: dt.datetime | None = None
) -> list[Lesson]:
    """The module's lessons in order, without their bodies, with `is_done`, `released`, `opens_at`.

    One query. Students see published lessons only; readers who preview also see drafts.
    """
    now = now or timezone.now()
    lessons = module.lessons.defer("body", "body_html").order_by("order", "id")
    if enrolment is None:
        lessons = lessons.annotate(is_done=Value(False))
    else:
        lessons = lessons.published().annotate(
            is_done=Exists(
                LessonProgress.objects.filter(enrolment=enrolment, lesson=OuterRef("pk"))
            )
        )
    lessons = list(lessons)
    for lesson in lessons:
        lesson.released = lesson.is_released(now)
        dates = [date for date in (lesson.release_at, module.release_at) if date]
        lesson.opens_at = max(dates) if dates else None
    return lessons
