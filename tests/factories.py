"""Small builders of domain objects for the tests, with sensible defaults."""

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import (
    Announcement,
    Assignment,
    Choice,
    Instructor,
    Lesson,
    LiveSession,
    Module,
    ModuleInstructor,
    Question,
    Quiz,
    Resource,
    RubricCriterion,
    RubricLevel,
)
from diploma.models import Edition, Institution, PartnerStaff, Programme, ProgrammePartner
from students.models import (
    AttemptAnswer,
    Attendance,
    Certificate,
    CertificateEvent,
    Enrolment,
    LessonProgress,
    QuizAttempt,
    StudentProfile,
    Submission,
)

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


def _in_the_items_edition(params: dict, item: str) -> dict:
    """Given the item (a quiz, an assignment, a session, a lesson) but no enrolment, make the
    enrolment in the item's edition."""
    given = params.get(item)
    if given is None or any(key.split("__")[0] == "enrolment" for key in params):
        return params
    return {**params, "enrolment__edition": given.module.edition}


class LessonProgressFactory(factory.django.DjangoModelFactory):
    """A lesson completed by an enrolment, in a module of its edition."""

    class Meta:
        model = LessonProgress

    enrolment = factory.SubFactory(EnrolmentFactory)
    lesson = factory.SubFactory(
        LessonFactory, module__edition=factory.SelfAttribute("...enrolment.edition")
    )

    @classmethod
    def _generate(cls, strategy, params):
        return super()._generate(strategy, _in_the_items_edition(params, "lesson"))


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    lesson = factory.SubFactory(LessonFactory)
    title = factory.Sequence(lambda n: f"IOM report {n}")
    kind = Resource.Kind.LINK
    url = "https://example.org/world-migration-report.pdf"
    order = factory.Sequence(lambda n: n)


class AnnouncementFactory(factory.django.DjangoModelFactory):
    """An announcement to a whole edition; pass `module` for one of its modules."""

    class Meta:
        model = Announcement

    edition = factory.SubFactory(EditionFactory)
    module = None
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Week {n} reminders")
    body = "Readings for the week are online; the seminar starts at 19:00."
    published_at = factory.LazyFunction(timezone.now)


# Quizzes -------------------------------------------------------------------------------------

Kind = Question.Kind

# (text, credit in %, feedback) of the choices a question of each kind gets by default
STANDARD_CHOICES = {
    Kind.SINGLE: [("Geneva", 100, "Right: IOM's headquarters are in Geneva."),
                  ("Lima", 0, "Lima hosts the diploma, not IOM."), ("New York", 0, "")],
    Kind.MULTIPLE: [("Bank transfers", 50, "A formal channel."),
                    ("Money transfer operators", 50, "The most common channel."),
                    ("Tourism receipts", -100, "Trade in services, not remittances.")],
    Kind.TRUE_FALSE: [("True", 100, "Right."), ("False", 0, "Look at the census.")],
    Kind.SHORT: [("Organización Internacional para las Migraciones", 100, "Exactly."),
                 ("OIM", 50, "Spell it out.")],
}  # fmt: skip


class QuizFactory(factory.django.DjangoModelFactory):
    """A published quiz; `kinds=[...]` adds one question of each kind, 2 points each, with
    the standard choices of its kind."""

    class Meta:
        model = Quiz
        skip_postgeneration_save = True

    module = factory.SubFactory(ModuleFactory)
    slug = factory.Sequence(lambda n: f"quiz-{n}")
    title = factory.LazyAttribute(lambda quiz: f"Quiz {quiz.slug}")
    instructions = "Answer alone, without notes."
    is_published = True

    @factory.post_generation
    def kinds(quiz, create, extracted, **kwargs):
        for kind in extracted or ():
            if create:
                add_question(quiz, kind)


def _next_question_order(quiz: Quiz | None) -> int:
    return quiz.questions.count() + 1 if quiz is not None and quiz.pk else 1


class QuestionFactory(factory.django.DjangoModelFactory):
    """A question at the end of its quiz, numbered by its place, with the standard choices of
    its kind; `choices=[(text, credit, feedback), ...]` gives others, `choices=[]` none."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    quiz = factory.SubFactory(QuizFactory)
    kind = Kind.SINGLE
    order = factory.LazyAttribute(lambda question: _next_question_order(question.quiz))
    text = factory.LazyAttribute(lambda question: f"Question {question.order} ({question.kind})")
    points = Decimal("2")
    numeric_answer = factory.LazyAttribute(
        lambda question: Decimal("1951") if question.kind == Kind.NUMERIC else None
    )
    general_feedback = "IOM was founded in 1951 in Brussels."

    @factory.post_generation
    def choices(question, create, extracted, **kwargs):
        if not create:
            return
        options = STANDARD_CHOICES.get(question.kind, []) if extracted is None else extracted
        for position, (text, fraction, feedback) in enumerate(options):
            ChoiceFactory(
                question=question, text=text, fraction=Decimal(fraction), feedback=feedback,
                order=position,
            )  # fmt: skip


def add_question(quiz: Quiz, kind: str, *, points: str = "2") -> Question:
    """A question of `kind` at the end of `quiz`, with the standard choices of its kind."""
    return QuestionFactory(quiz=quiz, kind=kind, points=Decimal(points))


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory, choices=[])
    text = factory.Sequence(lambda n: f"Choice {n}")
    fraction = Decimal("0")
    is_correct = factory.LazyAttribute(lambda choice: choice.fraction > 0)
    feedback = ""
    order = factory.Sequence(lambda n: n)


class QuizAttemptFactory(factory.django.DjangoModelFactory):
    """A graded attempt, 8 of 10 points, at a quiz of a module of the enrolment's edition;
    the traits `in_progress` and `submitted` give attempts still open or waiting for essays."""

    class Meta:
        model = QuizAttempt

    enrolment = factory.SubFactory(EnrolmentFactory)
    quiz = factory.SubFactory(
        QuizFactory, module__edition=factory.SelfAttribute("...enrolment.edition")
    )
    number = factory.LazyAttribute(
        lambda attempt: (
            attempt.quiz.attempts.filter(enrolment=attempt.enrolment).count() + 1
            if attempt.quiz.pk and attempt.enrolment.pk
            else 1
        )
    )
    status = QuizAttempt.Status.GRADED
    submitted_at = factory.LazyFunction(timezone.now)
    score = Decimal("8")
    max_score = Decimal("10")
    question_order = factory.LazyAttribute(
        lambda attempt: (
            list(attempt.quiz.questions.values_list("pk", flat=True)) if attempt.quiz.pk else []
        )
    )

    class Params:
        in_progress = factory.Trait(
            status=QuizAttempt.Status.IN_PROGRESS, submitted_at=None, score=None, max_score=None
        )
        submitted = factory.Trait(status=QuizAttempt.Status.SUBMITTED)

    @classmethod
    def _generate(cls, strategy, params):
        return super()._generate(strategy, _in_the_items_edition(params, "quiz"))


class AttemptAnswerFactory(factory.django.DjangoModelFactory):
    """An answer to a question of the attempt's quiz."""

    class Meta:
        model = AttemptAnswer

    attempt = factory.SubFactory(QuizAttemptFactory)
    question = factory.SubFactory(QuestionFactory, quiz=factory.SelfAttribute("..attempt.quiz"))
    text = ""
    score = None
    feedback = ""


# Assignments ---------------------------------------------------------------------------------


class AssignmentFactory(factory.django.DjangoModelFactory):
    """A published assignment due in a week, 20 points; `rubric=True` adds the standard
    rubric (see add_rubric)."""

    class Meta:
        model = Assignment
        skip_postgeneration_save = True

    module = factory.SubFactory(ModuleFactory)
    slug = factory.Sequence(lambda n: f"brief-{n}")
    title = factory.LazyAttribute(lambda assignment: f"Brief {assignment.slug}")
    instructions = "Write a two-page **policy brief** on remittances."
    due_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    max_points = Decimal("20")
    is_published = True

    @factory.post_generation
    def rubric(assignment, create, extracted, **kwargs):
        if create and extracted:
            add_rubric(assignment)


def add_rubric(assignment: Assignment) -> list[RubricCriterion]:
    """Evidence (10, 6, 2) and argument (10, 5, 0): the best levels add up to 20 points. Each
    criterion comes with its `level_list`."""
    criteria = []
    for order, (title, levels) in enumerate(
        [("Evidence", [("Strong", 10), ("Some", 6), ("Weak", 2)]),
         ("Argument", [("Clear", 10), ("Uneven", 5), ("Missing", 0)])]
    ):  # fmt: skip
        criterion = RubricCriterionFactory(assignment=assignment, title=title, order=order)
        criterion.level_list = [
            RubricLevelFactory(criterion=criterion, title=level, points=Decimal(points))
            for level, points in levels
        ]
        criteria.append(criterion)
    return criteria


class RubricCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RubricCriterion

    assignment = factory.SubFactory(AssignmentFactory)
    title = factory.Sequence(lambda n: f"Criterion {n}")
    order = factory.Sequence(lambda n: n)


class RubricLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RubricLevel

    criterion = factory.SubFactory(RubricCriterionFactory)
    title = "Strong"
    points = Decimal("4")


class SubmissionFactory(factory.django.DjangoModelFactory):
    """A text handed in on time, not graded yet, for an assignment of the enrolment's edition;
    the trait `graded` gives it 15 points from a grader."""

    class Meta:
        model = Submission

    enrolment = factory.SubFactory(EnrolmentFactory)
    assignment = factory.SubFactory(
        AssignmentFactory, module__edition=factory.SelfAttribute("...enrolment.edition")
    )
    text = "Remittances to Peru grew by a third in five years."
    submitted_at = factory.LazyFunction(timezone.now)
    days_late = 0

    class Params:
        graded = factory.Trait(
            points=Decimal("15"),
            graded_by=factory.SubFactory(UserFactory),
            graded_at=factory.LazyFunction(timezone.now),
        )

    @classmethod
    def _generate(cls, strategy, params):
        return super()._generate(strategy, _in_the_items_edition(params, "assignment"))


# Attendance and certificates -----------------------------------------------------------------


class AttendanceFactory(factory.django.DjangoModelFactory):
    """Present at a session of a module of the enrolment's edition."""

    class Meta:
        model = Attendance

    enrolment = factory.SubFactory(EnrolmentFactory)
    session = factory.SubFactory(
        LiveSessionFactory, module__edition=factory.SelfAttribute("...enrolment.edition")
    )
    status = Attendance.Status.PRESENT

    @classmethod
    def _generate(cls, strategy, params):
        return super()._generate(strategy, _in_the_items_edition(params, "session"))


class CertificateFactory(factory.django.DjangoModelFactory):
    """A certificate issued now, with the decision that issued it (and the one that revoked
    it, with the trait `revoked`) in its history; `events=False` leaves the history empty."""

    class Meta:
        model = Certificate
        skip_postgeneration_save = True

    enrolment = factory.SubFactory(EnrolmentFactory, status=Enrolment.Status.COMPLETED)
    issued_at = factory.LazyFunction(timezone.now)
    issued_by = factory.SubFactory(UserFactory)
    full_name = factory.LazyAttribute(
        lambda c: c.enrolment.user.get_full_name() or c.enrolment.user.username
    )
    hours = factory.LazyAttribute(lambda c: c.enrolment.edition.programme.required_hours)

    class Params:
        revoked = factory.Trait(
            revoked_at=factory.LazyAttribute(lambda c: c.issued_at + dt.timedelta(days=30)),
            revoked_reason="Issued by mistake.",
        )

    @factory.post_generation
    def events(certificate, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        CertificateEventFactory(certificate=certificate)
        if certificate.revoked_at:
            CertificateEventFactory(
                certificate=certificate, kind=CertificateEvent.Kind.REVOKE,
                at=certificate.revoked_at, reason=certificate.revoked_reason,
            )  # fmt: skip


class CertificateEventFactory(factory.django.DjangoModelFactory):
    """The issue of its certificate, by its issuer at its time."""

    class Meta:
        model = CertificateEvent

    certificate = factory.SubFactory(CertificateFactory, events=False)
    kind = CertificateEvent.Kind.ISSUE
    by = factory.SelfAttribute("certificate.issued_by")
    at = factory.SelfAttribute("certificate.issued_at")
    reason = ""


class PartnerStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerStaff

    user = factory.SubFactory(UserFactory)
    institution = factory.SubFactory(InstitutionFactory)
