"""Receivers connected in DiplomaConfig.ready().

They renew the versions of the cached data of the learning pages (diploma/content_versions.py)
when a row they are computed from changes, and remember at login (and forget at logout) the
time zone a person reads times in.
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from courses.models import (
    Announcement,
    Assignment,
    Lesson,
    LiveSession,
    Module,
    Quiz,
    Resource,
)
from diploma.content_versions import content_changed, enrolments_changed
from diploma.middleware import remember_time_zone
from diploma.models import Edition, Programme
from students.models import Enrolment, StudentProfile


@receiver(user_logged_in)
def _show_times_in_the_person_s_time_zone(sender, request, user, **kwargs) -> None:
    if request is not None:
        profile = StudentProfile.objects.filter(user=user).values_list("time_zone", flat=True)
        remember_time_zone(request, profile.first() or "")


@receiver(user_logged_out)
def _forget_the_person_s_time_zone(sender, request, user, **kwargs) -> None:
    if request is not None:
        remember_time_zone(request, "")


@receiver(post_save, sender=Edition)
def _edition_changed(sender, instance, **kwargs) -> None:
    content_changed([instance.pk])  # the cached pages keep links with the edition's slug


@receiver(post_save, sender=Programme)
def _programme_changed(sender, instance, **kwargs) -> None:
    content_changed(instance.editions.values_list("pk", flat=True))  # cached pages show its title


@receiver(post_save, sender=Enrolment)
@receiver(post_delete, sender=Enrolment)
def _enrolment_changed(sender, instance, update_fields=None, **kwargs) -> None:
    # Each process remembers a person's enrolments (students/access.py and the dashboard of
    # students/learning/); only the time of the last activity, written by every lesson done,
    # does not count.
    if update_fields is None or set(update_fields) != {"last_activity_at"}:
        enrolments_changed([instance.user_id])


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
