"""Who may read an edition's content and a student's records.

Readers are the students with an active enrolment in the edition, the instructors of any of
its modules, the coordinators of the edition or of its programme, and staff. Students see
released lessons only; the others may also preview what is not released yet.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from courses.models import Lesson, Module, ModuleInstructor
from diploma.access import coordinates
from diploma.models import Edition
from students.models import Enrolment


def _previews(user, edition: str, programme: str) -> Q:
    """True for the editions `user` teaches in or coordinates; the arguments name outer columns."""
    teaches = Exists(
        ModuleInstructor.objects.filter(module__edition=OuterRef(edition), instructor__user=user)
    )
    return Q(teaches) | coordinates(user, edition=edition, programme=programme)


def previewable_editions(user) -> QuerySet[Edition]:
    """Editions whose unreleased content `user` may preview: taught, coordinated, or staff."""
    if not user.is_authenticated:
        return Edition.objects.none()
    if user.is_staff:
        return Edition.objects.all()
    return Edition.objects.filter(_previews(user, "pk", "programme"))


def readable_editions(user) -> QuerySet[Edition]:
    if not user.is_authenticated:
        return Edition.objects.none()
    if user.is_staff:
        return Edition.objects.all()
    enrolled = Exists(Enrolment.objects.active().filter(edition=OuterRef("pk"), user=user))
    return Edition.objects.filter(enrolled | _previews(user, "pk", "programme"))


def get_module_for_reader(
    request: HttpRequest, edition_slug: str, module_slug: str
) -> tuple[Module, Enrolment | None]:
    """The module and the reader's active enrolment (None for instructors, coordinators, staff).

    Two queries: the enrolment, then the module (with the preview check when not enrolled).
    Raises Http404 for an unknown module and PermissionDenied for anyone else.
    """
    enrolment = _active_enrolment(request.user, edition_slug)
    if enrolment is None:
        return _module_to_preview(request.user, edition_slug, module_slug), None
    module = get_object_or_404(Module, edition=enrolment.edition, slug=module_slug)
    module.edition = enrolment.edition
    return module, enrolment


def get_lesson_for_reader(
    request: HttpRequest, edition_slug: str, module_slug: str, lesson_slug: str
) -> tuple[Lesson, Enrolment | None]:
    """The lesson and the reader's enrolment; a student gets 404 for an unreleased lesson.

    Two queries for a student (the enrolment, then the lesson with its module), three for the
    others; `lesson.module.edition.programme` come with it.
    """
    enrolment = _active_enrolment(request.user, edition_slug)
    if enrolment is None:
        module = _module_to_preview(request.user, edition_slug, module_slug)
        return get_object_or_404(module.lessons.all(), slug=lesson_slug), None
    lesson = get_object_or_404(
        Lesson.objects.select_related("module"),
        module__edition=enrolment.edition,
        module__slug=module_slug,
        slug=lesson_slug,
    )
    lesson.module.edition = enrolment.edition
    if not lesson.is_released():
        raise Http404(_("This lesson is not released yet."))
    return lesson, enrolment


def _active_enrolment(user, edition_slug: str) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return (
        Enrolment.objects.active()
        .select_related("edition__programme")
        .filter(user=user, edition__slug=edition_slug)
        .first()
    )


def _module_to_preview(user, edition_slug: str, module_slug: str) -> Module:
    """The module for its instructors, coordinators and staff; PermissionDenied for others."""
    module = get_object_or_404(
        Module.objects.select_related("edition__programme").annotate(
            previews=_previews(user, "edition", "edition__programme")
        ),
        edition__slug=edition_slug,
        slug=module_slug,
    )
    if not (user.is_staff or module.previews):
        raise PermissionDenied(_("This module is for the students and teachers of its edition."))
    return module


def check_grade_history_reader(user, module: Module) -> None:
    """Coordinators of the module's edition (`module.coordinates`, as annotated for the
    workspace) and administrators read the history of grades; others get a 403."""
    if not can_read_grade_history(user, module):
        raise PermissionDenied(_("The history of grades is for coordinators and administrators."))


def can_read_grade_history(user, module: Module) -> bool:
    return user.is_staff or bool(module.coordinates)
