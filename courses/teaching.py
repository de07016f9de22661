"""What instructors do to the modules they teach: lessons, resources, instructors.

Each operation is one keyword-only function that runs in a transaction; the views only parse
forms and call them.
"""

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Max, ProtectedError
from django.utils import timezone
from django.utils.text import slugify

from courses.models import (
    Instructor,
    Lesson,
    Module,
    ModuleInstructor,
    Resource,
)
from diploma.content_versions import content_changed
from diploma.uploads import shortened


class StaleLesson(Exception):
    """Someone saved the lesson after the editor opened it; `current` is what is stored now."""

    def __init__(self, current: Lesson) -> None:
        super().__init__(f"lesson {current.pk} is at version {current.version}")
        self.current = current


class LessonHasProgress(Exception):
    pass


# Pages of a module whose URLs sit where a lesson's would: the "new lesson" form, the offline
# copy and the module's discussions.
RESERVED_LESSON_SLUGS = {"new", "offline", "discussions"}


def _unique_slug(module: Module, title: str) -> str:
    base = slugify(title)[:70] or "lesson"
    taken = set(
        Lesson.objects.filter(module=module, slug__startswith=base).values_list("slug", flat=True)
    )
    taken |= RESERVED_LESSON_SLUGS
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def create_lesson(
    *,
    module: Module,
    title: str,
    body: str,
    minutes: int,
    release_at: dt.datetime | None,
    is_published: bool,
) -> Lesson:
    """A new lesson at the end of the module, with its body rendered."""
    with transaction.atomic():
        last = Lesson.objects.filter(module=module).aggregate(last=Max("order"))["last"]
        lesson = Lesson(
            module=module,
            title=title,
            slug=_unique_slug(module, title),
            body=body,
            minutes=minutes,
            release_at=release_at,
            is_published=is_published,
            order=(last or 0) + 1,
        )
        lesson.render_body()
        lesson.save()
    return lesson


def save_lesson(
    *,
    lesson: Lesson,
    version: int,
    title: str,
    body: str,
    minutes: int,
    release_at: dt.datetime | None,
) -> Lesson:
    """Store an edit made on `version` of the lesson, or raise StaleLesson if it moved on.

    The check and the write are one UPDATE ... WHERE version = %s, so two editors saving at
    the same moment cannot both win.
    """
    lesson.title, lesson.body, lesson.minutes, lesson.release_at = title, body, minutes, release_at
    lesson.render_body()
    now = timezone.now()
    with transaction.atomic():
        updated = Lesson.objects.filter(pk=lesson.pk, version=version).update(
            title=title,
            body=body,
            body_html=lesson.body_html,
            minutes=minutes,
            release_at=release_at,
            updated_at=now,
            version=F("version") + 1,
        )
        if not updated:
            raise StaleLesson(Lesson.objects.get(pk=lesson.pk))
    content_changed([lesson.module.edition_id])  # UPDATE sends no signal
    lesson.version, lesson.updated_at = version + 1, now
    return lesson


def move_lesson(*, lesson: Lesson, offset: int) -> bool:
    """Move the lesson `offset` places (-1 up, 1 down); False at either end of the module."""
    with transaction.atomic():
        siblings = list(
            Lesson.objects.select_for_update()
            .filter(module_id=lesson.module_id)
            .order_by("order", "id")
            .only("id", "order")
        )
        position = next(i for i, sibling in enumerate(siblings) if sibling.pk == lesson.pk)
        target = position + offset
        if not 0 <= target < len(siblings):
            return False
        siblings[position], siblings[target] = siblings[target], siblings[position]
        changed = []
        for order, sibling in enumerate(siblings, start=1):
            if sibling.order != order:
                sibling.order = order
                changed.append(sibling)
        Lesson.objects.bulk_update(changed, ["order"])
    content_changed([lesson.module.edition_id])
    lesson.order = next(sibling.order for sibling in siblings if sibling.pk == lesson.pk)
    return True


def set_published(*, lesson: Lesson, published: bool) -> None:
    lesson.is_published = published
    Lesson.objects.filter(pk=lesson.pk).update(is_published=published)
    content_changed([lesson.module.edition_id])


def delete_lesson(*, lesson: Lesson) -> None:
    """Delete a lesson nobody has completed, with its resources; else LessonHasProgress
    (students' progress protects the lesson)."""
    with transaction.atomic():
        files = [resource.file for resource in lesson.resources.exclude(file="")]
        try:
            with transaction.atomic():
                lesson.delete()
        except ProtectedError:
            raise LessonHasProgress from None
        transaction.on_commit(lambda: [file.storage.delete(file.name) for file in files])


def add_resource(
    *, lesson: Lesson, title: str, upload: UploadedFile | None = None, url: str = ""
) -> Resource:
    """Attach a file (stored through Django's storage API) or a link at the end of the list."""
    with transaction.atomic():
        last = lesson.resources.aggregate(last=Max("order"))["last"]
        resource = Resource(lesson=lesson, title=title, order=(last or 0) + 1)
        if upload is not None:
            resource.kind = Resource.Kind.FILE
            resource.size = upload.size
            resource.original_name = shortened(upload.name, 200)
            resource.file.save(upload.name, upload, save=False)
        else:
            resource.kind, resource.url = Resource.Kind.LINK, url
        resource.save()
    return resource


def delete_resource(*, resource: Resource) -> None:
    file = resource.file if resource.file else None
    with transaction.atomic():
        resource.delete()
        if file is not None:
            transaction.on_commit(lambda: file.storage.delete(file.name))


def assign_instructor(
    *, module: Module, instructor: Instructor, role: str
) -> tuple[ModuleInstructor, bool]:
    """Give an instructor a role in the module, or change the role they have; True if new."""
    with transaction.atomic():
        return ModuleInstructor.objects.update_or_create(
            module=module, instructor=instructor, defaults={"role": role}
        )


def remove_instructor(*, assignment: ModuleInstructor) -> None:
    with transaction.atomic():
        assignment.delete()
