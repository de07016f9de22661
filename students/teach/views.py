"""The teaching workspace's pages about students: the home with what needs doing (work to
grade, sessions without attendance) and a module's dashboard; announcements are in
announcements.py beside this file.

Every module page fetches its module through courses.access.get_module_for_instructor.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from courses.access import get_module_for_instructor, teaching_modules
from courses.models import (
    Instructor,
    Lesson,
    LiveSession,
    Module,
)
from diploma.access import coordinated_editions
from diploma.models import Edition
from diploma.queries import count_of
from students.models import Attendance, Enrolment, LessonProgress, QuizAttempt, Submission

THIS_WEEK = dt.timedelta(days=7)


@dataclass(frozen=True)
class GradingQueue:
    """A quiz with attempts waiting for essays, or an assignment with ungraded submissions."""

    title: str
    count: int
    url: str


def _grading_queues(modules: list[Module]) -> dict[int, list[GradingQueue]]:
    """The queues of the modules that have work to grade, by module id: two queries."""
    by_id = {module.pk: module for module in modules}
    queues: dict[int, list[GradingQueue]] = {pk: [] for pk in by_id}
    if not by_id:
        return queues
    attempts = (
        QuizAttempt.objects.filter(quiz__module__in=by_id, status=QuizAttempt.Status.SUBMITTED)
        .values("quiz__module_id", "quiz__slug", "quiz__title")
        .annotate(count=Count("pk"))
        .order_by("quiz__opens_at", "quiz_id")
    )
    submissions = (
        Submission.objects.filter(assignment__module__in=by_id, points__isnull=True)
        .values("assignment__module_id", "assignment__slug", "assignment__title")
        .annotate(count=Count("pk"))
        .order_by("assignment__due_at", "assignment_id")
    )
    for rows, kind, url_name in (
        (attempts, "quiz", "assess:quiz-attempts"),
        (submissions, "assignment", "assess:assignment-queue"),
    ):
        for row in rows:
            module = by_id[row[f"{kind}__module_id"]]
            url = reverse(url_name, args=[module.edition.slug, module.slug, row[f"{kind}__slug"]])
            queues[module.pk].append(GradingQueue(row[f"{kind}__title"], row["count"], url))
    return queues


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user, now = request.user, timezone.now()
    modules = list(
        teaching_modules(user)
        .annotate(
            students=count_of(Enrolment.objects.active().filter(edition=OuterRef("edition"))),
            lesson_count=count_of(Lesson.objects.filter(module=OuterRef("pk"))),
            session_count=count_of(LiveSession.objects.filter(module=OuterRef("pk"))),
        )
        .order_by("-edition__starts_on", "edition_id", "order", "id")
    )
    if not modules and not (
        Instructor.objects.filter(user=user).exists() or coordinated_editions(user).exists()
    ):
        raise PermissionDenied(_("The teaching workspace is for instructors and coordinators."))
    queues = _grading_queues(modules)
    by_edition: dict[int, tuple[Edition, list[Module]]] = {}
    for module in modules:
        module.grading_queues = queues[module.pk]
        module.to_grade = sum(queue.count for queue in module.grading_queues)
        by_edition.setdefault(module.edition_id, (module.edition, []))[1].append(module)
    ids = [module.pk for module in modules]
    upcoming = (
        LiveSession.objects.filter(module__in=ids, ends_at__gt=now, starts_at__lt=now + THIS_WEEK)
        .select_related("module__edition")
        .order_by("starts_at")
    )
    unrecorded = (
        LiveSession.objects.filter(module__in=ids, ends_at__lte=now, ends_at__gt=now - THIS_WEEK)
        .exclude(Exists(Attendance.objects.filter(session=OuterRef("pk"))))
        .select_related("module__edition")
        .order_by("starts_at")
    )
    coordinated = set(coordinated_editions(user).values_list("pk", flat=True))
    for edition, _modules in by_edition.values():
        edition.is_coordinated = user.is_staff or edition.pk in coordinated
    context = {
        "editions": list(by_edition.values()),
        "upcoming": list(upcoming) if ids else [],
        "unrecorded": list(unrecorded) if ids else [],
        "now": now,
    }
    return render(request, "courses/teach/home.html", context)


@login_required
@require_GET
def module_detail(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    lessons = (
        module.lessons.defer("body", "body_html")
        .annotate(
            completions=count_of(LessonProgress.objects.filter(lesson=OuterRef("pk"))),
        )
        .order_by("order", "id")
    )
    sessions = module.sessions.annotate(
        recorded=count_of(Attendance.objects.filter(session=OuterRef("pk")))
    ).order_by("starts_at")
    now = timezone.now()
    lessons = list(lessons)
    for lesson in lessons:
        lesson.module = module
        lesson.released = lesson.is_released(now)
    context = {
        "module": module,
        "edition": module.edition,
        "lessons": lessons,
        "sessions": list(sessions),
        "instructors": module.teaching.select_related("instructor__user"),
        "now": now,
    }
    return render(request, "courses/teach/module_detail.html", context)
