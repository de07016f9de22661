"""Small builders of domain objects for the tests, with sensible defaults."""

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import (
    Instructor,
    Lesson,
    LiveSession,
    Module,
    ModuleInstructor,
)
from diploma.models import Edition, Institution, PartnerStaff, Programme, ProgrammePartner
from students.models import Enrolment, LessonProgress, StudentProfile

PASSWORD = "diploma-test-pass-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create and results:
            instance.save(update_fields=["password"])


class StudentProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudentProfile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    country = "PE"
    city = "Lima"
    organisation = "Ministerio de Relaciones Exteriores"
    sector = "diplomatic"
    position = "Tercer secretario"
    preferred_language = "es"


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Institution {n}")
    acronym = factory.Sequence(lambda n: f"I{n}")
    country = "PE"
    kind = Institution.Kind.UNIVERSITY


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    title = factory.Sequence(lambda n: f"Diploma in Migration Studies {n}")
    slug = factory.Sequence(lambda n: f"diploma-{n}")
    summary = "A postgraduate diploma on international migration."
    description = "## About\n\nThe programme studies migration and development."
    host = factory.SubFactory(InstitutionFactory)
    required_hours = 120


class ProgrammePartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammePartner

    programme = factory.SubFactory(ProgrammeFactory)
    institution = factory.SubFactory(InstitutionFactory)
    role = ProgrammePartner.Role.SUPPORTER


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"20{26 + n % 10}-{'I' * (1 + n % 2)}")
    slug = factory.Sequence(lambda n: f"edition-{n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=150))
    capacity = 30
    status = Edition.Status.RUNNING
    venue = "Campus PUCP, Lima"


class OpenEditionFactory(EditionFactory):
    status = Edition.Status.OPEN
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=240))
    applications_open_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=5))
    applications_close_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=25))


class InstructorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instructor
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    slug = factory.LazyAttribute(lambda i: i.user.username)
    title = "Professor"
    bio = "Researcher on labour migration."


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    edition = factory.SubFactory(EditionFactory)
    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")
    topic = Module.Topic.POLICY
    order = factory.Sequence(lambda n: n)
    hours = 20
    weight = Decimal("1")


class ModuleInstructorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModuleInstructor

    module = factory.SubFactory(ModuleFactory)
    instructor = factory.SubFactory(InstructorFactory)
    role = ModuleInstructor.Role.LEAD


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    module = factory.SubFactory(ModuleFactory)
    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    order = factory.Sequence(lambda n: n)
    body = "Migration **matters**.\n\n| Department | Net rate |\n|---|---|\n| Lima | 9.1 |"
    body_html = factory.LazyAttribute(lambda lesson: _render(lesson.body))
    minutes = 30
    is_published = True


def _render(text: str) -> str:
    from courses.markdown import render_markdown

    return render_markdown(text)


class LiveSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LiveSession

    module = factory.SubFactory(ModuleFactory)
    topic = "Seminar"
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + dt.timedelta(hours=2))
    venue = "Aula 301, PUCP"


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    user = factory.SubFactory(UserFactory)
    edition = factory.SubFactory(EditionFactory)
    status = Enrolment.Status.ADMITTED
    statement = "I work on consular protection and want to deepen my knowledge."
    submitted_at = factory.LazyFunction(timezone.now)


class LessonProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LessonProgress

    enrolment = factory.SubFactory(EnrolmentFactory)
    lesson = factory.SubFactory(LessonFactory)


class PartnerStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerStaff

    user = factory.SubFactory(UserFactory)
    institution = factory.SubFactory(InstitutionFactory)
