"""Who may change what is taught: the instructors of a module (lead or guest), the
coordinators of its edition or programme, and staff.

Every view of the teaching workspace fetches its module through get_module_for_instructor.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from courses.models import (
    Announcement,
    Assignment,
    Instructor,
    Lesson,
    LiveSession,
    Module,
    ModuleInstructor,
    Quiz,
)
from diploma.access import coordinated_editions, coordinates


def get_module_for_instructor(
    request: HttpRequest, edition_slug: str, module_slug: str, *, lead_only: bool = False
) -> Module:
    """The module, if the user teaches it, coordinates its edition or programme, or is staff.

    One query. Sets `module.teaching_role` ("lead", "guest" or None), `module.coordinates`
    and `module.can_manage` (lead instructors, coordinators and staff: they may change the
    module's settings). Raises Http404 for an unknown module, PermissionDenied for anyone
    else, and for guests when `lead_only`.
    """
    user = request.user
    role = ModuleInstructor.objects.filter(module=OuterRef("pk"), instructor__user=user)
    module = get_object_or_404(
        Module.objects.select_related("edition__programme").annotate(
            teaching_role=Subquery(role.values("role")[:1]), coordinates=coordinates(user)
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


def get_lesson(module: Module, lesson_slug: str) -> Lesson:
    """A lesson of a module already fetched through get_module_for_instructor."""
    lesson = get_object_or_404(module.lessons.all(), slug=lesson_slug)
    lesson.module = module
    return lesson


def get_session(module: Module, session_id: int) -> LiveSession:
    """A live session of a module already fetched through get_module_for_instructor."""
    session = get_object_or_404(module.sessions.all(), pk=session_id)
    session.module = module
    return session


def get_quiz(module: Module, slug: str) -> Quiz:
    """A quiz of a module already fetched through get_module_for_instructor."""
    quiz = get_object_or_404(module.quizzes.all(), slug=slug)
    quiz.module = module
    return quiz


def get_assignment(module: Module, slug: str) -> Assignment:
    """An assignment of a module already fetched through get_module_for_instructor."""
    assignment = get_object_or_404(module.assignments.all(), slug=slug)
    assignment.module = module
    return assignment


def get_announcement_to_change(
    request: HttpRequest, module: Module, announcement_id: int
) -> Announcement:
    """An announcement of a module fetched through get_module_for_instructor, if the user may
    change it: its author, or whoever manages the module (lead, coordinators, staff)."""
    announcement = get_object_or_404(module.announcements.all(), pk=announcement_id)
    if not (module.can_manage or announcement.author_id == request.user.pk):
        raise PermissionDenied(
            _("Only its author, the lead instructor and the coordinators change an announcement.")
        )
    announcement.module = module
    return announcement


def teaching_modules(user: AbstractBaseUser) -> QuerySet[Module]:
    """The modules the user teaches, and every module of the editions they coordinate; all
    for staff. Each has `teaching_role` and its edition and programme."""
    taught = ModuleInstructor.objects.filter(module=OuterRef("pk"), instructor__user=user)
    modules = Module.objects.select_related("edition__programme").defer("summary")
    if not user.is_staff:
        modules = modules.filter(Q(Exists(taught)) | Q(edition__in=coordinated_editions(user)))
    return modules.annotate(teaching_role=Subquery(taught.values("role")[:1]))


def require_teacher(user: AbstractBaseUser) -> None:
    """403 unless the user is an instructor, coordinates an edition, or is staff."""
    if user.is_staff or Instructor.objects.filter(user=user).exists():
        return
    if not coordinated_editions(user).exists():
        raise PermissionDenied(_("The teaching workspace is for instructors and coordinators."))
