"""Who may read an edition's content and a student's records.

Readers are the students with an active enrolment in the edition, the instructors of any of
its modules, the coordinators of the edition or of its programme, and staff. Students see
released lessons only; the others may also preview what is not released yet.
"""

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import DiscussionPost, DiscussionThread, Lesson, Module, ModuleInstructor
from diploma.access import coordinates
from diploma.content_versions import cached_until, remembered, version_tag
from diploma.models import Edition, Programme
from students.models import Enrolment
from students.roles import roles_of


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

    For a student, both usually come from this process's memory (see _active_enrolment), else
    one query each; for the others, the module with the preview check. Raises Http404 for an
    unknown module and PermissionDenied for anyone else.
    """
    enrolment = _active_enrolment(request.user, edition_slug)
    if enrolment is None:
        return _module_to_preview(request.user, edition_slug, module_slug), None
    module = _remembered(
        f"reader-module:{module_slug}",
        enrolment.edition_id,
        lambda: get_object_or_404(Module, edition_id=enrolment.edition_id, slug=module_slug),
    )
    module.edition = enrolment.edition
    return module, enrolment


def get_lesson_for_reader(
    request: HttpRequest, edition_slug: str, module_slug: str, lesson_slug: str
) -> tuple[Lesson, Enrolment | None]:
    """The lesson and the reader's enrolment; a student gets 404 for an unreleased lesson.

    For a student, both usually come from this process's memory (see _active_enrolment), else
    one query each; three queries for the others. `lesson.module.edition.programme` come with it.
    """
    enrolment = _active_enrolment(request.user, edition_slug)
    if enrolment is None:
        module = _module_to_preview(request.user, edition_slug, module_slug)
        return get_object_or_404(module.lessons.all(), slug=lesson_slug), None
    lesson = _remembered(
        f"reader-lesson:{module_slug}:{lesson_slug}",
        enrolment.edition_id,
        lambda: get_object_or_404(
            Lesson.objects.select_related("module"),
            module__edition_id=enrolment.edition_id,
            module__slug=module_slug,
            slug=lesson_slug,
        ),
    )
    lesson.module.edition = enrolment.edition
    if not lesson.is_released():
        raise Http404(_("This lesson is not released yet."))
    return lesson, enrolment


def _active_enrolment(user, edition_slug: str) -> Enrolment | None:
    """The user's active enrolment in the edition, with `edition.programme`, or None.

    Every learning page asks for it, so this process remembers it for as long as the versions
    of the user's enrolments and of the edition's content stay the same: a change of status
    renews the first (see _enrolment_changed in diploma/signals.py), an edit of the edition or
    its programme the second. Checking them is the page's one read of the versions, which also
    brings the enrolment's progress version that the page needs for what it shows.
    """
    if not user.is_authenticated:
        return None
    return remembered(
        f"reader:{user.pk}:{edition_slug}",
        _versions_of,
        lambda: (
            Enrolment.objects.active()
            .select_related("edition__programme")
            .filter(user=user, edition__slug=edition_slug)
            .order_by()  # at most one; the default order would join three more tables
            .first()
        ),
    )


def _versions_of(enrolment: Enrolment) -> str:
    # Read together with the enrolment's progress version, which the page needs next; a lesson
    # done does not change who may read, so only the other two count.
    version_tag(
        editions=[enrolment.edition_id], enrolments=[enrolment.pk], users=[enrolment.user_id]
    )
    return version_tag(editions=[enrolment.edition_id], users=[enrolment.user_id])


def _remembered(name: str, edition_id: int, find):
    """find() (a row of the edition's content), kept in this process's memory under the
    edition's content version; nothing is kept when it raises (a 404)."""
    key = f"{name}:{edition_id}:{version_tag(editions=[edition_id])}"
    return cached_until(key, timezone.now(), lambda: (find(), None)).value


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


# A module's discussion ------------------------------------------------------------------
# Its readers are the students with an active enrolment in the module's edition, the module's own
# instructors (lead or guest), the coordinators of the edition or its programme, and staff;
# moderators are the module's instructors, the coordinators and staff.


def get_module_for_discussion(request: HttpRequest, edition_slug: str, module_slug: str) -> Module:
    """The module, if the user may read its discussion; one query, none for a student whose
    enrolment and module this process remembers (students.access.get_module_for_reader).

    Sets `module.is_student` (an active enrolment in the edition), `module.teaches` (an
    instructor of this module) and `module.can_moderate`. Raises Http404 for an unknown module
    and PermissionDenied for anyone else.
    """
    user = request.user
    # Only the roles the user holds (loaded with the user) are looked up for the module.
    roles = roles_of(user)
    if not (user.is_staff or roles["instructor"] or roles["coordinator"]):
        module, _enrolment = get_module_for_reader(request, edition_slug, module_slug)
        module.is_student = True
        module.teaches = module.coordinates = module.can_moderate = False
        return module
    checks = {
        "is_student": Exists(
            Enrolment.objects.active().filter(edition=OuterRef("edition"), user=user)
        )
    }
    if roles["instructor"]:
        teaching = ModuleInstructor.objects.filter(module=OuterRef("pk"), instructor__user=user)
        checks["teaches"] = Exists(teaching)
    if roles["coordinator"]:
        checks["coordinates"] = coordinates(user)
    module = get_object_or_404(
        Module.objects.select_related("edition__programme").annotate(**checks),
        edition__slug=edition_slug,
        slug=module_slug,
    )
    module.teaches = getattr(module, "teaches", False)
    module.coordinates = getattr(module, "coordinates", False)
    module.can_moderate = user.is_staff or module.teaches or module.coordinates
    if not (module.can_moderate or module.is_student):
        raise PermissionDenied(
            _("This discussion is for the students, instructors and coordinators of the module.")
        )
    return module


def require_moderator(module: Module) -> None:
    if not module.can_moderate:
        raise PermissionDenied(
            _("Only the module's instructors and the edition's coordinators moderate it.")
        )


def readers_of_discussion(module: Module) -> Q:
    """True for the users who may read the module's discussion (a filter on users)."""
    edition, programme = module.edition_id, module.edition.programme_id
    user = OuterRef("pk")
    coordinators = Edition.coordinators.through.objects.filter(edition=edition, user=user)
    programme_coordinators = Programme.coordinators.through.objects.filter(
        programme=programme, user=user
    )
    return (
        Q(is_staff=True)
        | Q(Exists(Enrolment.objects.active().filter(edition=edition, user=user)))
        | Q(Exists(ModuleInstructor.objects.filter(module=module, instructor__user=user)))
        | Q(Exists(coordinators))
        | Q(Exists(programme_coordinators))
    )


def readable_modules(user: AbstractBaseUser) -> QuerySet[Module]:
    """The modules whose discussion `user` may read."""
    if user.is_staff:
        return Module.objects.all()
    return Module.objects.filter(
        Q(edition__in=Enrolment.objects.active().filter(user=user).values("edition"))
        | Q(teaching__instructor__user=user)
        | coordinates(user)
    ).distinct()


def get_thread(module: Module, thread_id: int) -> DiscussionThread:
    """A thread of a module already fetched through get_module_for_discussion; one query."""
    thread = get_object_or_404(
        DiscussionThread.objects.select_related("lesson", "author"), module=module, pk=thread_id
    )
    thread.module = module
    return thread


def get_post(module: Module, post_id: int) -> DiscussionPost:
    """A post of a module's thread, with its thread and author; one query."""
    post = get_object_or_404(
        DiscussionPost.objects.select_related("thread", "author"),
        thread__module=module,
        pk=post_id,
    )
    post.thread.module = module
    return post


def can_edit(post: DiscussionPost, user: AbstractBaseUser, now: dt.datetime | None = None) -> bool:
    """Its author, for 30 minutes after posting, while it is visible and the thread open."""
    now = now or timezone.now()
    return (
        post.author_id == user.pk
        and not post.is_hidden
        and not post.thread.is_locked
        and now < post.editable_until()
    )


def can_mark_answer(thread: DiscussionThread, user: AbstractBaseUser) -> bool:
    return thread.is_question and (thread.author_id == user.pk or thread.module.can_moderate)
