"""The instructor's workspace (/teach/) and the office's instructor assignment (/office/).

Module screens are for the instructors of that module (ivan), coordinators (cora) and staff;
olga, who teaches another module of the same edition, is refused like everyone else.
"""

import datetime as dt

from django.utils import timezone

from courses.checkin import make_token
from courses.models import Announcement, Instructor, LiveSession, ModuleInstructor, Resource
from tests.security.rules import (
    DENY,
    LOGIN,
    OK,
    REDIRECT,
    Rule,
    everyone,
    lesson_kwargs,
    logged_in,
    module_kwargs,
)

TEACHERS = {**logged_in(DENY), "instructor": OK, "coordinator": OK, "staff": OK}
TEACHERS_POST = {**logged_in(DENY), "instructor": REDIRECT, "coordinator": REDIRECT,
                 "staff": REDIRECT}  # fmt: skip
COORDINATORS = {**logged_in(DENY), "coordinator": OK, "staff": OK}
COORDINATORS_POST = {**logged_in(DENY), "coordinator": REDIRECT, "staff": REDIRECT}


def _session(w) -> dict:
    return {**module_kwargs(w), "session": w.session.pk}


def _announcement(w) -> dict:
    """An announcement by gus, the module's guest: its lead (ivan) may change it too."""
    announcement = Announcement.objects.create(
        edition=w.edition, module=w.module, author=w.gus, title="Room change", body="Aula 205."
    )
    return {**module_kwargs(w), "announcement": announcement.pk}


def _resource(w) -> dict:
    resource = Resource.objects.create(lesson=w.lesson, title="IOM glossary", url="https://iom.int")
    return {**lesson_kwargs(w), "resource": resource.pk}


def _running_session_token(w) -> dict:
    now = timezone.now()
    session = LiveSession.objects.create(
        module=w.module, topic="Seminar in the room", starts_at=now - dt.timedelta(minutes=5),
        ends_at=now + dt.timedelta(hours=1), venue="Aula 301",
    )  # fmt: skip
    return {"token": make_token(session.pk)}


def _guest_assignment(w) -> dict:
    assignment = ModuleInstructor.objects.create(
        module=w.module, instructor=Instructor.objects.get(user=w.olga), role="guest"
    )
    return {"edition": w.edition.slug, "assignment": assignment.pk}


RULES = {
    "teach:home": Rule(expect={**TEACHERS, "other_instructor": OK}),
    "teach:module": Rule(kwargs=module_kwargs, expect=TEACHERS),
    "teach:module-settings": Rule(kwargs=module_kwargs, expect=TEACHERS),
    "teach:announcements": Rule(kwargs=module_kwargs, expect=TEACHERS),
    "teach:announcement-edit": Rule(kwargs=_announcement, expect=TEACHERS),
    "teach:announcement-delete": Rule(kwargs=_announcement, expect=TEACHERS),
    "teach:markdown-preview": Rule(
        kwargs=module_kwargs, method="post", expect=TEACHERS, data=lambda w: {"body": "# Hi"}
    ),
    "teach:lesson-create": Rule(kwargs=module_kwargs, expect=TEACHERS),
    "teach:lesson-edit": Rule(kwargs=lesson_kwargs, expect=TEACHERS),
    "teach:lesson-move": Rule(
        kwargs=lesson_kwargs,
        method="post",
        expect=TEACHERS_POST,
        data=lambda w: {"direction": "up"},
    ),
    "teach:lesson-publish": Rule(
        kwargs=lesson_kwargs,
        method="post",
        expect=TEACHERS_POST,
        data=lambda w: {"publish": "1"},
    ),
    "teach:lesson-delete": Rule(kwargs=lesson_kwargs, expect=TEACHERS),
    "teach:lesson-resources": Rule(kwargs=lesson_kwargs, expect=TEACHERS),
    "teach:resource-delete": Rule(kwargs=_resource, method="post", expect=TEACHERS_POST),
    "teach:session-create": Rule(kwargs=module_kwargs, expect=TEACHERS),
    "teach:session-edit": Rule(kwargs=_session, expect=TEACHERS),
    "teach:attendance": Rule(kwargs=_session, expect=TEACHERS),
    "teach:session-qr": Rule(kwargs=_session, expect=TEACHERS),
    "teach:check-in": Rule(
        kwargs=_running_session_token, expect={**everyone(DENY), "anonymous": LOGIN, "student": OK}
    ),
    "teach:roster": Rule(kwargs=module_kwargs, expect=TEACHERS),
    "teach:student-detail": Rule(
        kwargs=lambda w: {**module_kwargs(w), "enrolment": w.ana_enrolment.pk}, expect=TEACHERS
    ),
    "teach:gradebook": Rule(kwargs=module_kwargs, expect=TEACHERS),
    "teach:gradebook-csv": Rule(kwargs=module_kwargs, expect=TEACHERS),
    "teach:gradebook-xlsx": Rule(kwargs=module_kwargs, expect=TEACHERS),
    "office:instructors": Rule(expect=COORDINATORS),
    "office:instructors-edition": Rule(
        kwargs=lambda w: {"edition": w.edition.slug}, expect=COORDINATORS
    ),
    "office:instructor-assign": Rule(
        kwargs=lambda w: {"edition": w.edition.slug},
        method="post",
        expect=COORDINATORS_POST,
        data=lambda w: {
            "module": w.other_module.pk,
            "instructor": Instructor.objects.get(user=w.gus).pk,
            "role": "guest",
        },
    ),
    "office:instructor-remove": Rule(
        kwargs=_guest_assignment, method="post", expect=COORDINATORS_POST
    ),
}
