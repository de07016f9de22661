"""The instructor's workspace at /teach/: the modules a user teaches or coordinates.

Lessons, sessions and the students' pages live in teach_views_lessons, teach_views_sessions
and teach_views_students; they all fetch the module through _get_module_for_instructor.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from courses import teaching
from courses.forms import AnnouncementForm, ModuleSettingsForm
from courses.models import (
    Announcement,
    Instructor,
    Lesson,
    LiveSession,
    Module,
    ModuleInstructor,
)
from diploma.access import coordinated_editions
from diploma.models import Edition, Programme
from students.models import Attendance, Enrolment, LessonProgress, QuizAttempt, Submission

THIS_WEEK = dt.timedelta(days=7)


def _get_module_for_instructor(
    request: HttpRequest, edition_slug: str, module_slug: str, *, lead_only: bool = False
) -> Module:
    """The module, if the user teaches it, coordinates its edition or programme, or is staff.

    One query. Sets `module.teaching_role` ("lead", "guest" or None) and `module.can_manage`
    (lead instructors, coordinators and staff: they may change the module's settings).
    Raises Http404 for an unknown module, PermissionDenied for anyone else, and for guests
    when `lead_only`.
    """
    user = request.user
    role = ModuleInstructor.objects.filter(module=OuterRef("pk"), instructor__user=user)
    coordinates = Q(
        Exists(Edition.coordinators.through.objects.filter(edition=OuterRef("edition"), user=user))
    ) | Q(
        Exists(
            Programme.coordinators.through.objects.filter(
                programme=OuterRef("edition__programme"), user=user
            )
        )
    )
    module = get_object_or_404(
        Module.objects.select_related("edition__programme").annotate(
            teaching_role=Subquery(role.values("role")[:1]), coordinates=coordinates
        ),
        edition__slug=edition_slug,
        slug=module_slug,
    )
    module.can_manage = (
        user.is_staff or module.coordinates or module.teaching_role == ModuleInstructor.Role.LEAD
    )
    if not (module.can_manage or module.teaching_role == ModuleInstructor.Role.GUEST):
        raise PermissionDenied(_("Only the instructors and coordinators of this module open it."))
    if lead_only and not module.can_manage:
        raise PermissionDenied(
            _("Only the lead instructor and the coordinators change this module's settings.")
        )
    return module


def _get_lesson(module: Module, lesson_slug: str) -> Lesson:
    lesson = get_object_or_404(module.lessons.all(), slug=lesson_slug)
    lesson.module = module
    return lesson


def _get_session(module: Module, session_id: int) -> LiveSession:
    session = get_object_or_404(module.sessions.all(), pk=session_id)
    session.module = module
    return session


def _count(queryset: QuerySet) -> Subquery:
    """A correlated subquery counting the rows of `queryset` (which refers to OuterRef)."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Subquery(counted, output_field=IntegerField())


def _teaching_modules(user: AbstractBaseUser) -> QuerySet[Module]:
    """The modules the user teaches, and every module of the editions they coordinate."""
    taught = ModuleInstructor.objects.filter(module=OuterRef("pk"), instructor__user=user)
    modules = Module.objects.select_related("edition__programme").defer("summary")
    if not user.is_staff:
        modules = modules.filter(Q(Exists(taught)) | Q(edition__in=coordinated_editions(user)))
    return modules.annotate(
        teaching_role=Subquery(taught.values("role")[:1]),
        students=_count(Enrolment.objects.active().filter(edition=OuterRef("edition"))),
        lesson_count=_count(Lesson.objects.filter(module=OuterRef("pk"))),
        session_count=_count(LiveSession.objects.filter(module=OuterRef("pk"))),
    ).order_by("-edition__starts_on", "edition_id", "order", "id")


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
    modules = list(_teaching_modules(user))
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
    module = _get_module_for_instructor(request, edition, module)
    lessons = (
        module.lessons.defer("body", "body_html")
        .annotate(
            completions=_count(LessonProgress.objects.filter(lesson=OuterRef("pk"))),
        )
        .order_by("order", "id")
    )
    sessions = module.sessions.annotate(
        recorded=_count(Attendance.objects.filter(session=OuterRef("pk")))
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


@login_required
@require_http_methods(["GET", "POST"])
def module_settings(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module = _get_module_for_instructor(request, edition, module, lead_only=True)
    form = ModuleSettingsForm(request.POST or None, instance=module)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The module's settings are saved."))
        return redirect("teach:module", edition=module.edition.slug, module=module.slug)
    context = {"module": module, "edition": module.edition, "form": form}
    return render(request, "courses/teach/module_settings.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def announcements(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module = _get_module_for_instructor(request, edition, module)
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        teaching.post_announcement(
            module=module,
            author=request.user,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
        )
        messages.success(
            request, _("The announcement is published and is being e-mailed to the students.")
        )
        return redirect("teach:announcements", edition=module.edition.slug, module=module.slug)
    context = {
        "module": module,
        "edition": module.edition,
        "form": form,
        "announcements": Announcement.objects.filter(module=module)
        .select_related("author")
        .order_by("-published_at")[:50],
    }
    return render(request, "courses/teach/announcements.html", context)
