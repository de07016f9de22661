"""How far students got: completing lessons and the aggregates the learning pages show.

Every helper runs a fixed number of queries, so a page costs the same for one student or
ten thousand, one module or thirty.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum, Value
from django.utils import timezone

from courses.models import Announcement, Lesson, LiveSession, Module
from students.models import Attendance, Enrolment, LessonProgress


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
    return created


@dataclass
class Progress:
    lessons_done: int = 0
    lessons_total: int = 0
    minutes_done: int = 0
    required_hours: int = 0
    modules: dict[int, "Progress"] = field(default_factory=dict)

    @property
    def percent(self) -> int:
        if not self.lessons_total:
            return 0
        return min(100, self.lessons_done * 100 // self.lessons_total)

    @property
    def hours_earned(self) -> Decimal:
        return (Decimal(self.minutes_done) / 60).quantize(Decimal("0.1"))

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
    """The modules of these editions in course order, each with `readable_lessons`: one query."""
    now = now or timezone.now()
    readable = _released(now) & Q(lessons__is_published=True) & _released(now, "lessons__")
    return list(
        Module.objects.filter(edition__in=edition_ids)
        .defer("summary")
        .annotate(readable_lessons=Count("lessons", filter=readable))
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
    when not given. `edition.programme` must come with the enrolments for the required hours.
    """
    now = now or timezone.now()
    if not enrolments:
        return {}
    if modules is None:
        modules = modules_with_totals({e.edition_id for e in enrolments}, now=now)
    done: dict[int, dict[int, tuple[int, int]]] = {}
    rows = (
        LessonProgress.objects.filter(_readable(now, "lesson__"), enrolment__in=enrolments)
        .order_by()
        .values_list("enrolment_id", "lesson__module_id")
        .annotate(lessons=Count("id"), minutes=Sum("lesson__minutes"))
    )
    for enrolment_id, module_id, lessons, minutes in rows:
        done.setdefault(enrolment_id, {})[module_id] = (lessons, minutes or 0)

    result = {}
    for enrolment in enrolments:
        progress = Progress(required_hours=enrolment.edition.programme.required_hours)
        finished = done.get(enrolment.pk, {})
        for module in modules:
            if module.edition_id != enrolment.edition_id or not module.readable_lessons:
                continue
            lessons_done, minutes_done = finished.get(module.pk, (0, 0))
            progress.modules[module.pk] = Progress(
                lessons_done, module.readable_lessons, minutes_done
            )
            progress.lessons_done += lessons_done
            progress.lessons_total += module.readable_lessons
            progress.minutes_done += minutes_done
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


def next_sessions(
    edition_ids: Sequence[int], *, now: dt.datetime | None = None
) -> dict[int, LiveSession]:
    """The next live session (or the one under way) of each edition, with its module.

    One query, over the sessions still to come in these editions: a timetable, not a
    number that grows with the students.
    """
    if not edition_ids:
        return {}
    now = now or timezone.now()
    upcoming = (
        LiveSession.objects.filter(module__edition__in=edition_ids, ends_at__gt=now)
        .select_related("module")
        .defer("module__summary")
        .order_by("starts_at", "pk")
    )
    first: dict[int, LiveSession] = {}
    for session in upcoming:
        first.setdefault(session.module.edition_id, session)
    return first


def recent_announcements(
    edition_ids: Sequence[int], *, limit: int = 5, now: dt.datetime | None = None
) -> list[Announcement]:
    """The latest announcements of these editions and of their modules: one query."""
    if not edition_ids:
        return []
    return list(
        Announcement.objects.filter(
            edition__in=edition_ids, published_at__lte=now or timezone.now()
        )
        .select_related("edition", "module")
        .order_by("-published_at", "-id")[:limit]
    )


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


def module_sessions(module: Module, enrolment: Enrolment | None) -> list[LiveSession]:
    """The module's live sessions, each with the student's `my_attendance` label if recorded."""
    sessions = module.sessions.all()
    if enrolment is not None:
        status = Attendance.objects.filter(enrolment=enrolment, session=OuterRef("pk"))
        sessions = sessions.annotate(attendance_status=Subquery(status.values("status")[:1]))
    sessions = list(sessions)
    for session in sessions:
        status = getattr(session, "attendance_status", None)
        session.my_attendance = Attendance.Status(status).label if status else ""
    return sessions
