"""Receivers that keep cached data fresh; connected in DiplomaConfig.ready().

They forget cached entries when a row changes that the cached navigation roles
(students/roles.py) or the cached data of the learning pages (diploma/content_versions.py)
are computed from; and they read a user's roles at login.
"""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from courses.models import (
    Announcement,
    Assignment,
    Instructor,
    Lesson,
    LiveSession,
    Module,
    ModuleInstructor,
    Quiz,
    Resource,
)
from diploma.content_versions import content_changed
from diploma.models import Edition, PartnerStaff, Programme
from students.roles import forget_roles, roles_of

# The memberships that give a role, with the name of the side that is not the user.
ROLE_MEMBERSHIPS = {
    Edition.coordinators.through: "edition",
    Edition.reviewers.through: "edition",
    Programme.coordinators.through: "programme",
}


@receiver(user_logged_in)
def _read_roles_at_login(sender, request, user, **kwargs) -> None:
    roles_of(user)  # so that no page of the visit has to


@receiver(post_save, sender=Instructor)
@receiver(post_delete, sender=Instructor)
@receiver(post_save, sender=PartnerStaff)
@receiver(post_delete, sender=PartnerStaff)
def _forget_roles_of_profile(sender, instance, **kwargs) -> None:
    forget_roles([instance.user_id])


@receiver(post_save, sender=ModuleInstructor)
@receiver(post_delete, sender=ModuleInstructor)
def _forget_roles_of_teacher(sender, instance, **kwargs) -> None:
    if ModuleInstructor.instructor.is_cached(instance):
        forget_roles([instance.instructor.user_id])
    else:
        instructors = Instructor.objects.filter(pk=instance.instructor_id)
        forget_roles(instructors.values_list("user_id", flat=True))


def _forget_roles_of_members(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if reverse:  # user.coordinated_editions.add(...): the instance is the user
        if action in ("post_add", "post_remove", "pre_clear"):
            forget_roles([instance.pk])
    elif action in ("post_add", "post_remove"):
        forget_roles(pk_set)
    elif action == "pre_clear":
        members = sender.objects.filter(**{ROLE_MEMBERSHIPS[sender]: instance})
        forget_roles(members.values_list("user_id", flat=True))


for _membership in ROLE_MEMBERSHIPS:
    m2m_changed.connect(_forget_roles_of_members, sender=_membership)


@receiver(pre_delete, sender=Edition)
def _forget_roles_of_edition_staff(sender, instance, **kwargs) -> None:
    forget_roles(
        [
            *instance.coordinators.values_list("pk", flat=True),
            *instance.reviewers.values_list("pk", flat=True),
        ]
    )


@receiver(pre_delete, sender=Programme)
def _forget_roles_of_programme_staff(sender, instance, **kwargs) -> None:
    forget_roles(instance.coordinators.values_list("pk", flat=True))


@receiver(post_save, sender=Edition)
def _edition_changed(sender, instance, **kwargs) -> None:
    content_changed([instance.pk])  # the cached pages keep links with the edition's slug


@receiver(post_save, sender=Programme)
def _programme_changed(sender, instance, **kwargs) -> None:
    content_changed(instance.editions.values_list("pk", flat=True))  # cached pages show its title


@receiver(post_save, sender=Module)
@receiver(post_delete, sender=Module)
@receiver(post_save, sender=Announcement)
@receiver(post_delete, sender=Announcement)
def _edition_content_changed(sender, instance, **kwargs) -> None:
    content_changed([instance.edition_id])


@receiver(post_save, sender=Quiz)
@receiver(post_delete, sender=Quiz)
@receiver(post_save, sender=Assignment)
@receiver(post_delete, sender=Assignment)
@receiver(post_save, sender=Lesson)
@receiver(post_delete, sender=Lesson)
@receiver(post_save, sender=LiveSession)
@receiver(post_delete, sender=LiveSession)
def _module_content_changed(sender, instance, **kwargs) -> None:
    content_changed([_edition_of_module(instance, sender)])


@receiver(post_save, sender=Resource)
@receiver(post_delete, sender=Resource)
def _lesson_content_changed(sender, instance, **kwargs) -> None:
    if Resource.lesson.is_cached(instance):
        content_changed([_edition_of_module(instance.lesson, Lesson)])
    else:
        lessons = Lesson.objects.filter(pk=instance.lesson_id)
        content_changed(lessons.values_list("module__edition_id", flat=True))


def _edition_of_module(instance, model) -> int | None:
    """The edition of the instance's module, without a query when the module came with it."""
    if model.module.is_cached(instance):
        return instance.module.edition_id
    modules = Module.objects.filter(pk=instance.module_id)
    return modules.values_list("edition_id", flat=True).first()
