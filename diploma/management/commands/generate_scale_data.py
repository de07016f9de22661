"""Generate the demo-scale data set that `make bench` measures.

At scale 1.0: 10,000 students, 4 programmes with 10 editions each (40), 8 modules of 15
lessons per edition, about 250 enrolments per edition (500 in the benchmark's edition) and
about 1,000,000 lesson-progress rows. Every generated slug and username starts with
`bench-` and every institution name with `Bench `, so `--reset` removes exactly these rows.

Rows are written with `bulk_create`, and with PostgreSQL's COPY for the large tables.
"""

import datetime as dt
import itertools
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, models, transaction
from django.utils import timezone

from courses.markdown import render_markdown
from courses.models import (
    Announcement,
    Assignment,
    Choice,
    DiscussionPost,
    DiscussionThread,
    Instructor,
    Lesson,
    LiveSession,
    Module,
    ModuleInstructor,
    Question,
    Quiz,
)
from diploma.models import (
    Edition,
    Institution,
    PartnerStaff,
    Programme,
    ProgrammePartner,
    Sector,
)
from students.models import (
    AttemptAnswer,
    Attendance,
    Certificate,
    CertificateEvent,
    Enrolment,
    LessonProgress,
    QuizAttempt,
    RubricScore,
    StudentProfile,
    Submission,
)

PREFIX = "bench-"
# The module the benchmark opens (see tests/bench/run.py) has a busy discussion: 500 posts.
BUSY_FORUM_ORDER = 3
BUSY_FORUM_THREADS = 25
BUSY_FORUM_POSTS = 500
INSTITUTION_PREFIX = "Bench "
PASSWORD = "diploma-demo"
STUDENT = "bench-student"
INSTRUCTOR = "bench-instructor"
COORDINATOR = "bench-coordinator"
PARTNER = "bench-partner"
QUIZ = "module-check"
ASSIGNMENT = "policy-brief"
BATCH_SIZE = 5000

MODULES_PER_EDITION = 8
LESSONS_PER_MODULE = 15
SESSIONS_PER_MODULE = 2
QUESTIONS_PER_QUIZ = 4
INSTRUCTOR_POOL = 24
MODULE_DAYS = 14
"""A module is released every two weeks; a running edition started 60 days ago."""
RUNNING_STARTED_DAYS_AGO = 60
EDITION_DAYS = 150


@dataclass(frozen=True)
class Plan:
    """How many rows of each kind a scale asks for."""

    students: int
    editions_per_programme: int
    enrolments_per_edition: int
    big_edition_enrolments: int
    report_edition_enrolments: int
    """The running edition of the second programme: the reports' largest edition."""

    @classmethod
    def for_scale(cls, scale: float) -> "Plan":
        return cls(
            students=max(40, round(10_000 * scale)),
            editions_per_programme=max(3, round(10 * scale)),
            enrolments_per_edition=max(3, round(250 * scale)),
            big_edition_enrolments=max(5, round(500 * scale)),
            report_edition_enrolments=max(5, round(10_000 * scale)),
        )

    @property
    def editions(self) -> int:
        return len(PROGRAMMES) * self.editions_per_programme


@dataclass(frozen=True)
class ProgrammeSpec:
    key: str
    title: str
    summary: str
    hours: int
    mode: str


PROGRAMMES = (
    ProgrammeSpec(
        "migration-development",
        "International Migration, Globalisation and Development",
        "A postgraduate diploma for officials and practitioners who design migration policy.",
        240,
        Edition.DeliveryMode.HYBRID,
    ),
    ProgrammeSpec(
        "labour-migration",
        "Governance of Labour Migration",
        "An 80-hour regional diploma on fair recruitment, labour rights and mobility schemes.",
        80,
        Edition.DeliveryMode.ONLINE,
    ),
    ProgrammeSpec(
        "gender-rights",
        "Migration, Gender and Human Rights",
        "Protection of migrant women, children and people in vulnerable situations.",
        120,
        Edition.DeliveryMode.ONLINE,
    ),
    ProgrammeSpec(
        "remittances",
        "Remittances and Local Development",
        "How remittances, diasporas and local governments can work together for development.",
        100,
        Edition.DeliveryMode.IN_PERSON,
    ),
)

Kind = Institution.Kind
INSTITUTIONS = (
    ("Bench Pontifical University of Lima", "PUL", "PE", Kind.UNIVERSITY),
    ("Bench International Organization for Migration", "IOM", "", Kind.INTERGOVERNMENTAL),
    ("Bench International Labour Organization", "ILO", "", Kind.INTERGOVERNMENTAL),
    ("Bench University of the Basque Country", "UPV", "ES", Kind.UNIVERSITY),
    ("Bench Andean Migration Observatory", "AMO", "EC", Kind.NGO),
    ("Bench Ministry of Foreign Affairs", "MFA", "PE", Kind.GOVERNMENT),
)
PARTNERS = (
    (1, ProgrammePartner.Role.SUPPORTER),
    (2, ProgrammePartner.Role.TECHNICAL),
    (3, ProgrammePartner.Role.ACADEMIC),
    (4, ProgrammePartner.Role.FUNDER),
)

MODULES = (
    ("migration-policy", "Migration policy and governance", Module.Topic.POLICY),
    ("remittances", "Remittances and development", Module.Topic.REMITTANCES),
    ("labour-migration", "Labour migration and fair recruitment", Module.Topic.LABOUR),
    ("gender", "Gender and migration", Module.Topic.GENDER),
    ("human-rights", "Human rights and protection", Module.Topic.HUMAN_RIGHTS),
    ("internal-migration", "Internal migration in history", Module.Topic.HISTORY),
    ("research-methods", "Research methods and migration data", Module.Topic.METHODS),
    ("final-project", "Final project", Module.Topic.OTHER),
)
LESSONS = (
    "Key concepts",
    "Who migrates and why",
    "Sources of migration data",
    "The legal framework",
    "Institutions and actors",
    "Regional agreements",
    "Case study: the Andean region",
    "Case study: Southern Europe",
    "Costs and benefits",
    "Public opinion and the media",
    "Policy instruments",
    "Evaluation of programmes",
    "Debate: open questions",
    "Writing a policy brief",
    "Synthesis and readings",
)
LESSON_BODY = """\
## What this lesson covers

Migration is rarely the decision of one person alone. Households weigh wages, family ties,
the cost of the journey and the rules of the country of destination, and they often send one
member abroad while the rest stay behind. This lesson looks at those choices and at the
public policies that shape them.

### Learning outcomes

By the end of the lesson you will be able to:

1. tell apart the main categories of international and internal migrants;
2. read a migration table from a census or a household survey;
3. explain how remittances enter the budget of a receiving household;
4. name the international instruments that protect migrant workers.

### A first look at the figures

| Indicator | Origin country | Destination country |
|---|---:|---:|
| Share of the population born abroad | 1.2 % | 13.8 % |
| Share of households receiving remittances | 9.5 % | 0.4 % |
| Median age of recent migrants | 29 | 31 |

The figures are illustrative: the exercise at the end asks you to find the real ones for a
country you know.

> A migration policy that ignores the reasons people move will keep being surprised by them.

### Reading

- Chapter 2 of the course reader, on the history of emigration from the region.
- The *Global Compact for Safe, Orderly and Regular Migration*, objectives 1 to 6.

### Exercise

Choose a province you know. Using the latest census, estimate how many of its residents were
born elsewhere, and write **one paragraph** on what a local government could do with that
information.
"""
QUESTIONS = (
    "Which source counts the foreign-born population of a country?",
    "Which instrument protects the rights of all migrant workers and their families?",
    "What share of a household budget do remittances usually cover?",
    "Which actor issues work permits in most countries of the region?",
)
FIRST_NAMES = (
    "Ana", "Bruno", "Carla", "Diego", "Elena", "Fernando", "Gabriela", "Hugo", "Isabel",
    "Jorge", "Karina", "Luis", "María", "Nicolás", "Olga", "Pablo", "Rosa", "Santiago",
    "Teresa", "Víctor", "Ximena", "Yolanda", "Zoe", "Andrés", "Lucía", "Mateo",
)  # fmt: skip
LAST_NAMES = (
    "Quispe", "García", "Flores", "Rodríguez", "Mamani", "Torres", "Chávez", "Ramírez",
    "Vargas", "Castillo", "Rojas", "Mendoza", "Huamán", "Díaz", "Salazar", "Paredes",
    "Gutiérrez", "Núñez", "Espinoza", "Córdova", "Silva", "Aguilar", "Morales", "Ortiz",
)  # fmt: skip
COUNTRIES = ("PE",) * 8 + ("BO", "EC", "CO", "CL", "AR", "VE", "MX", "GT", "SV", "HN", "ES")
CITIES = ("Lima", "Arequipa", "Cusco", "Trujillo", "Piura", "La Paz", "Quito", "Bogotá")
SECTORS = tuple(Sector.values)
GENDERS = tuple(StudentProfile.Gender.values)
POSITIONS = ("Analyst", "Consul", "Coordinator", "Researcher", "Inspector", "Adviser")
ORGANISATIONS = (
    "Ministry of Labour",
    "Ministry of Foreign Affairs",
    "National Migration Office",
    "Municipality of Lima",
    "Migrant support network",
    "National university",
)
ATTENDANCE = (
    (Attendance.Status.PRESENT, 0.80),
    (Attendance.Status.LATE, 0.88),
    (Attendance.Status.EXCUSED, 0.93),
    (Attendance.Status.ABSENT, 1.0),
)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def bench_data_exists() -> bool:
    User = get_user_model()
    return (
        User.objects.filter(username__startswith=PREFIX).exists()
        or Programme.objects.filter(slug__startswith=PREFIX).exists()
        or Institution.objects.filter(name__startswith=INSTITUTION_PREFIX).exists()
    )


def delete_bench_data() -> None:
    """Delete every generated row, the large tables first with plain DELETE statements."""
    editions = Edition.objects.filter(slug__startswith=PREFIX)
    enrolments = Enrolment.objects.filter(edition__in=editions)
    attempts = QuizAttempt.objects.filter(enrolment__in=enrolments)
    _delete_where_in(AttemptAnswer, "attempt_id", attempts)
    RubricScore.objects.filter(submission__enrolment__in=enrolments).delete()
    certificates = Certificate.objects.filter(enrolment__in=enrolments)
    _delete_where_in(CertificateEvent, "certificate_id", certificates)
    for model in (LessonProgress, Attendance, QuizAttempt, Submission, Certificate):
        _delete_where_enrolment_in(model, enrolments)
    enrolments.delete()
    modules = Module.objects.filter(edition__in=editions)
    DiscussionPost.objects.filter(thread__module__in=modules).delete()
    DiscussionThread.objects.filter(module__in=modules).delete()
    Announcement.objects.filter(edition__in=editions).delete()
    for model in (LiveSession, Lesson, Quiz, Assignment):
        model.objects.filter(module__in=modules).delete()
    modules.delete()
    editions.delete()
    Programme.objects.filter(slug__startswith=PREFIX).delete()
    User = get_user_model()
    users = User.objects.filter(username__startswith=PREFIX)
    Instructor.objects.filter(user__in=users).delete()
    users.delete()
    Institution.objects.filter(name__startswith=INSTITUTION_PREFIX).delete()


def _delete_where_enrolment_in(model: type[models.Model], enrolments: models.QuerySet) -> None:
    _delete_where_in(model, "enrolment_id", enrolments)


def _delete_where_in(model: type[models.Model], column: str, rows: models.QuerySet) -> None:
    """DELETE without loading rows: history signals would otherwise fire (and write) per row."""
    subquery, params = rows.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE {column} IN ({subquery})", params)


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[tuple]) -> int:
    """Insert plain tuples: COPY on PostgreSQL, `bulk_create` elsewhere.

    Columns left out get their model default (or the current time for auto_now fields),
    as `bulk_create` would give them.
    """
    if connection.vendor == "postgresql":
        return _copy_rows(model, fields, rows)
    count = 0
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, BATCH_SIZE)):
        model.objects.bulk_create([model(**dict(zip(fields, row, strict=True))) for row in batch])
        count += len(batch)
    return count


def _copy_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[tuple]) -> int:
    now = timezone.now()
    given = [model._meta.get_field(name) for name in fields]
    missing = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field not in given
    ]
    constants = []
    for field in missing:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        else:
            value = field.get_default()
        if value is None and not field.null:
            raise CommandError(f"{model.__name__}.{field.name} needs a value.")
        constants.append(field.get_db_prep_save(value, connection))
    columns = ", ".join(f'"{field.column}"' for field in given + missing)
    tail = tuple(constants)
    count = 0
    with connection.cursor() as cursor:
        sql = f"COPY {model._meta.db_table} ({columns}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row + tail)
                count += 1
    return count


@dataclass
class EditionRows:
    edition: Edition
    programme_index: int
    modules: list[Module]
    lessons: list[Lesson]
    sessions: list[LiveSession]
    quizzes: list[Quiz]
    assignments: list[Assignment]
    leads: list[int]
    """User id of the lead instructor of each module."""


class Builder:
    """Builds the data set step by step; each step reports what it wrote."""

    def __init__(self, *, plan: Plan, seed: int, write: Callable[[str], None]) -> None:
        self.plan = plan
        self.rng = random.Random(seed)
        self.write = write
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.password = make_password(PASSWORD)
        self.body_html = render_markdown(LESSON_BODY)
        self.editions: list[EditionRows] = []
        self.enrolments: list[tuple[Enrolment, EditionRows]] = []

    def step(self, label: str, function: Callable[[], int]) -> None:
        started = time.perf_counter()
        count = function()
        self.write(f"  {label}: {count:,} rows in {time.perf_counter() - started:.1f} s")

    def build(self) -> None:
        self.step("institutions and programmes", self.create_programmes)
        self.step("staff users", self.create_staff)
        self.step("students and profiles", self.create_students)
        self.step("editions", self.create_editions)
        self.step("modules, lessons, sessions, quizzes", self.create_courses)
        self.step("enrolments", self.create_enrolments)
        self.step("lesson progress", self.create_progress)
        self.step("attendance", self.create_attendance)
        self.step("quiz attempts and submissions", self.create_results)
        self.step("certificates", self.create_certificates)
        self.step("announcements and discussions", self.create_conversations)

    def _user(self, username: str, first: str, last: str, **extra) -> models.Model:
        User = get_user_model()
        return User(
            username=username, first_name=first, last_name=last, password=self.password,
            email=f"{username}@example.org", **extra,
        )  # fmt: skip

    def create_programmes(self) -> int:
        self.institutions = Institution.objects.bulk_create(
            Institution(
                name=name, acronym=acronym, country=country, kind=kind,
                website=f"https://{acronym.lower()}.example.org",
            )
            for name, acronym, country, kind in INSTITUTIONS
        )  # fmt: skip
        self.programmes = Programme.objects.bulk_create(
            Programme(
                title=spec.title, slug=f"{PREFIX}{spec.key}", summary=spec.summary,
                description=f"## {spec.title}\n\n{spec.summary}\n\n{LESSON_BODY}",
                host=self.institutions[0], required_hours=spec.hours,
                signatories="Rosa Salazar, Director of the diploma",
            )
            for spec in PROGRAMMES
        )  # fmt: skip
        partners = [
            ProgrammePartner(programme=programme, institution=self.institutions[0], role="host")
            for programme in self.programmes
        ]
        for programme in self.programmes:
            for order, (index, role) in enumerate(PARTNERS, start=1):
                partners.append(
                    ProgrammePartner(
                        programme=programme, institution=self.institutions[index], role=role,
                        order=order,
                    )
                )  # fmt: skip
        ProgrammePartner.objects.bulk_create(partners)
        return len(self.institutions) + len(self.programmes) + len(partners)

    def create_staff(self) -> int:
        User = get_user_model()
        rng = self.rng
        pool = [
            self._user(f"{PREFIX}i{n:02d}", rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
            for n in range(1, INSTRUCTOR_POOL + 1)
        ]
        named = [
            self._user(INSTRUCTOR, "Iris", "Instructora"),
            self._user(COORDINATOR, "Carmen", "Coordinadora"),
            self._user(PARTNER, "Pedro", "Socio"),
        ]
        coordinators = [
            self._user(f"{PREFIX}coord-{n}", rng.choice(FIRST_NAMES), "Coordinación")
            for n in range(1, len(PROGRAMMES) + 1)
        ]
        users = User.objects.bulk_create(pool + named + coordinators)
        self.instructor_pool = users[:INSTRUCTOR_POOL]
        self.bench_instructor, self.bench_coordinator, partner = users[INSTRUCTOR_POOL:][:3]
        self.programme_coordinators = users[INSTRUCTOR_POOL + 3 :]
        instructors = Instructor.objects.bulk_create(
            Instructor(
                user=user, slug=user.username, title="Professor",
                institution=self.institutions[index % 2 * 3],
                bio="Researches migration policy and teaches in the diploma.",
            )
            for index, user in enumerate([*self.instructor_pool, self.bench_instructor])
        )  # fmt: skip
        PartnerStaff.objects.create(user=partner, institution=self.institutions[1])
        Programme.coordinators.through.objects.bulk_create(
            Programme.coordinators.through(programme=programme, user=user)
            for programme, user in zip(self.programmes, self.programme_coordinators, strict=True)
        )
        return len(users) + len(instructors) + 1 + len(self.programmes)

    def create_students(self) -> int:
        User = get_user_model()
        rng = self.rng
        users = [self._user(STUDENT, "Sofía", "Estudiante")]
        users += [
            self._user(f"{PREFIX}s{n:06d}", rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES))
            for n in range(1, self.plan.students + 1)
        ]
        users = User.objects.bulk_create(users, batch_size=BATCH_SIZE)
        self.bench_student, self.students = users[0], users[1:]
        profiles = StudentProfile.objects.bulk_create(
            (
                StudentProfile(
                    user=user, country=rng.choice(COUNTRIES), city=rng.choice(CITIES),
                    organisation=rng.choice(ORGANISATIONS), sector=rng.choice(SECTORS),
                    position=rng.choice(POSITIONS), gender=rng.choice(GENDERS),
                    year_of_birth=rng.randint(1960, 2002),
                    preferred_language="es" if rng.random() < 0.8 else "en",
                )
                for user in users
            ),
            batch_size=BATCH_SIZE,
        )  # fmt: skip
        # What each student declared when applying, as the reports count them.
        self.declared = {
            profile.user_id: {
                "declared_gender": profile.gender, "declared_country": profile.country,
                "declared_sector": profile.sector, "declared_birth_year": profile.year_of_birth,
            }
            for profile in profiles
        }  # fmt: skip
        return len(users) + len(profiles)

    def create_editions(self) -> int:
        """Per programme, newest first: one open edition, one running, the rest closed.

        The running edition of the first programme is the benchmark's 500-student edition;
        bench-coordinator runs it and the open edition after it. The running edition of the
        second programme takes every student (10,000 at scale 1), for the reports.
        """
        editions = []
        current = self.today.year * 2 + (0 if self.today.month <= 6 else 1)
        for programme, spec in zip(self.programmes, PROGRAMMES, strict=True):
            for age in range(self.plan.editions_per_programme):
                semester = current + 1 - age
                label = f"{semester // 2}-{'I' * (1 + semester % 2)}"
                starts = self.today + dt.timedelta(days=-RUNNING_STARTED_DAYS_AGO - (age - 1) * 182)
                status = (
                    Edition.Status.OPEN
                    if age == 0
                    else Edition.Status.RUNNING
                    if age == 1
                    else Edition.Status.CLOSED
                )
                big = programme == self.programmes[0] and age == 1
                report = programme == self.programmes[1] and age == 1
                editions.append(
                    Edition(
                        programme=programme, name=label,
                        slug=f"{PREFIX}{spec.key}-{label.lower()}",
                        starts_on=starts, ends_on=starts + dt.timedelta(days=EDITION_DAYS),
                        applications_open_at=self._at(starts, -150),
                        applications_close_at=self._at(starts, -30),
                        capacity=self.plan.big_edition_enrolments
                        if big
                        else min(self.plan.report_edition_enrolments, len(self.students))
                        if report
                        else self.plan.enrolments_per_edition,
                        delivery_mode=spec.mode, venue="Campus, Lima", status=status,
                    )
                )  # fmt: skip
        editions = Edition.objects.bulk_create(editions)
        self.big_edition = editions[1]
        Edition.coordinators.through.objects.bulk_create(
            Edition.coordinators.through(edition=edition, user=self.bench_coordinator)
            for edition in editions[:2]
        )
        per = self.plan.editions_per_programme
        self.edition_programme = {edition.pk: i // per for i, edition in enumerate(editions)}
        self._editions = editions
        return len(editions) + 2

    def _at(self, day: dt.date, days: int, hour: int = 9) -> dt.datetime:
        moment = dt.datetime.combine(day + dt.timedelta(days=days), dt.time(hour))
        return timezone.make_aware(moment)

    def create_courses(self) -> int:
        modules = []
        for edition in self._editions:
            for order, (slug, title, topic) in enumerate(MODULES):
                modules.append(
                    Module(
                        edition=edition, title=title, slug=slug, topic=topic,
                        summary=f"{title}: concepts, data and policy options.", order=order + 1,
                        hours=20, release_at=self._at(edition.starts_on, order * MODULE_DAYS),
                        grades_released=edition.status == Edition.Status.CLOSED,
                    )
                )  # fmt: skip
        modules = Module.objects.bulk_create(modules, batch_size=BATCH_SIZE)
        lessons = Lesson.objects.bulk_create(
            (
                Lesson(
                    module=module, title=title, slug=f"lesson-{order:02d}", order=order,
                    body=LESSON_BODY, body_html=self.body_html, minutes=20 + order % 4 * 10,
                    is_published=True,
                )
                for module in modules
                for order, title in enumerate(LESSONS[:LESSONS_PER_MODULE], start=1)
            ),
            batch_size=BATCH_SIZE,
        )  # fmt: skip
        sessions = LiveSession.objects.bulk_create(
            (
                LiveSession(
                    module=module, topic=f"{module.title}: seminar {number}",
                    starts_at=module.release_at + dt.timedelta(days=2 + 7 * number, hours=10),
                    ends_at=module.release_at + dt.timedelta(days=2 + 7 * number, hours=12),
                    venue="Room 301", online_url=f"https://meet.example.org/{module.pk}-{number}",
                )
                for module in modules
                for number in range(SESSIONS_PER_MODULE)
            ),
            batch_size=BATCH_SIZE,
        )  # fmt: skip
        quizzes = Quiz.objects.bulk_create(
            Quiz(
                module=module, title="Module check", slug=QUIZ,
                instructions="Four questions on the module's readings.", attempts_allowed=2,
                opens_at=module.release_at, closes_at=module.release_at + dt.timedelta(days=14),
                is_published=True,
            )
            for module in modules
        )  # fmt: skip
        questions = Question.objects.bulk_create(
            (
                Question(quiz=quiz, kind=Question.Kind.SINGLE, text=text, order=order)
                for quiz in quizzes
                for order, text in enumerate(QUESTIONS, start=1)
            ),
            batch_size=BATCH_SIZE,
        )
        choices = Choice.objects.bulk_create(
            (
                Choice(
                    question=question, text=f"Option {letter}", is_correct=letter == "A",
                    fraction=Decimal(100 if letter == "A" else 0), order=order,
                )
                for question in questions
                for order, letter in enumerate("ABC")
            ),
            batch_size=BATCH_SIZE,
        )  # fmt: skip
        assignments = Assignment.objects.bulk_create(
            Assignment(
                module=module, title="Policy brief", slug=ASSIGNMENT,
                instructions="Write a two-page policy brief on one question of the module.",
                due_at=module.release_at + dt.timedelta(days=21), is_published=True,
                grades_released=module.grades_released,
            )
            for module in modules
        )  # fmt: skip
        teaching = self._create_teaching(modules)
        per_edition = zip(
            self._editions,
            _chunks(modules, MODULES_PER_EDITION),
            _chunks(lessons, MODULES_PER_EDITION * LESSONS_PER_MODULE),
            _chunks(sessions, MODULES_PER_EDITION * SESSIONS_PER_MODULE),
            _chunks(quizzes, MODULES_PER_EDITION),
            _chunks(assignments, MODULES_PER_EDITION),
            _chunks(self._leads, MODULES_PER_EDITION),
            strict=True,
        )
        for edition, *parts in per_edition:
            self.editions.append(EditionRows(edition, self.edition_programme[edition.pk], *parts))
        return (
            len(modules) + len(lessons) + len(sessions) + len(quizzes) + len(questions)
            + len(choices) + len(assignments) + teaching
        )  # fmt: skip

    def _create_teaching(self, modules: list[Module]) -> int:
        """bench-instructor leads the first two modules of every edition of the first programme."""
        instructors = {i.user_id: i for i in Instructor.objects.filter(user__in=self._staff())}
        rows, self._leads = [], []
        for index, module in enumerate(modules):
            position = index % MODULES_PER_EDITION
            programme = self.edition_programme[module.edition_id]
            if programme == 0 and position < 2:
                lead = self.bench_instructor
            else:
                lead = self.instructor_pool[(programme * MODULES_PER_EDITION + position) % 24]
            guest = self.instructor_pool[(index * 7 + 3) % INSTRUCTOR_POOL]
            rows.append(ModuleInstructor(module=module, instructor=instructors[lead.pk]))
            if guest != lead and position % 3 == 0:
                rows.append(
                    ModuleInstructor(
                        module=module, instructor=instructors[guest.pk],
                        role=ModuleInstructor.Role.GUEST,
                    )
                )  # fmt: skip
            self._leads.append(lead.pk)
        ModuleInstructor.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        return len(rows)

    def _staff(self) -> list:
        return [*self.instructor_pool, self.bench_instructor]

    def create_enrolments(self) -> int:
        """Blocks of consecutive students, so nobody enrols twice in one edition."""
        rng = self.rng
        rows: list[tuple[Enrolment, EditionRows]] = []
        cursor = 0
        for edition_rows in self.editions:
            edition = edition_rows.edition
            size = edition.capacity
            users = [self.students[(cursor + i) % len(self.students)] for i in range(size)]
            cursor += size
            if edition == self.big_edition:
                users = [self.bench_student, *users[:-1]]
            for user in users:
                status = self._enrolment_status(edition)
                submitted = self._at(edition.starts_on, -rng.randint(35, 140))
                decided = (
                    None
                    if status in (Enrolment.Status.DRAFT, Enrolment.Status.SUBMITTED)
                    else submitted + dt.timedelta(days=rng.randint(3, 20))
                )
                rows.append(
                    (
                        Enrolment(
                            user=user, edition=edition, status=status,
                            statement="I work with migrants and want to improve our policies.",
                            **self.declared[user.pk],
                            submitted_at=None if status == Enrolment.Status.DRAFT else submitted,
                            decided_at=decided,
                            waitlist_position=rng.randint(1, 40)
                            if status == Enrolment.Status.WAITLISTED
                            else None,
                        ),
                        edition_rows,
                    )
                )  # fmt: skip
        Enrolment.objects.bulk_create([row[0] for row in rows], batch_size=BATCH_SIZE)
        self.enrolments = rows
        return len(rows)

    def _enrolment_status(self, edition: Edition) -> str:
        roll = self.rng.random()
        if edition.status == Edition.Status.CLOSED:
            return Enrolment.Status.COMPLETED if roll < 0.9 else Enrolment.Status.NOT_COMPLETED
        if edition.status == Edition.Status.RUNNING:
            return Enrolment.Status.ADMITTED
        for status, below in (
            (Enrolment.Status.DRAFT, 0.1),
            (Enrolment.Status.SUBMITTED, 0.65),
            (Enrolment.Status.ADMITTED, 0.85),
            (Enrolment.Status.WAITLISTED, 0.95),
        ):
            if roll < below:
                return status
        return Enrolment.Status.REJECTED

    def _released_lessons(self, edition_rows: EditionRows) -> int:
        released = sum(1 for module in edition_rows.modules if module.release_at <= self.now)
        return released * LESSONS_PER_MODULE

    def _completed(self, enrolment: Enrolment, edition_rows: EditionRows) -> int:
        """How many lessons, in course order, this enrolment has completed."""
        if not enrolment.is_active:
            return 0
        released = self._released_lessons(edition_rows)
        if enrolment.user_id == self.bench_student.pk:
            return released // 2
        if enrolment.status == Enrolment.Status.COMPLETED:
            return released
        if enrolment.status == Enrolment.Status.NOT_COMPLETED:
            return int(released * self.rng.uniform(0.3, 0.8))
        return int(released * self.rng.uniform(0.4, 1.0))

    def create_progress(self) -> int:
        self.completed = {
            enrolment.pk: self._completed(enrolment, edition_rows)
            for enrolment, edition_rows in self.enrolments
        }
        return insert_rows(
            LessonProgress, ("enrolment_id", "lesson_id", "completed_at"), self._progress_rows()
        )

    def _progress_rows(self) -> Iterator[tuple]:
        stamps: dict[int, list[dt.datetime]] = {}
        for enrolment, edition_rows in self.enrolments:
            done = self.completed[enrolment.pk]
            if not done:
                continue
            edition = edition_rows.edition
            if edition.pk not in stamps:
                stamps[edition.pk] = [
                    min(
                        self.now,
                        edition_rows.modules[i // LESSONS_PER_MODULE].release_at
                        + dt.timedelta(hours=4 * (i % LESSONS_PER_MODULE)),
                    )
                    for i in range(len(edition_rows.lessons))
                ]
            times = stamps[edition.pk]
            lessons = edition_rows.lessons
            for i in range(done):
                yield (enrolment.pk, lessons[i].pk, times[i])

    def create_attendance(self) -> int:
        return insert_rows(
            Attendance,
            ("enrolment_id", "session_id", "status", "recorded_by_id"),
            self._attendance_rows(),
        )

    def _attendance_rows(self) -> Iterator[tuple]:
        random_ = self.rng.random
        for enrolment, edition_rows in self.enrolments:
            if not enrolment.is_active:
                continue
            for index, session in enumerate(edition_rows.sessions):
                if session.ends_at > self.now:
                    break
                roll = random_()
                status = next(status for status, below in ATTENDANCE if roll < below)
                lead = edition_rows.leads[index // SESSIONS_PER_MODULE]
                yield (enrolment.pk, session.pk, status, lead)

    def create_results(self) -> int:
        """A graded attempt and a submission for every module a student finished."""
        rng = self.rng
        attempts, submissions = [], []
        for enrolment, edition_rows in self.enrolments:
            finished = self.completed[enrolment.pk] // LESSONS_PER_MODULE
            for position in range(finished):
                quiz = edition_rows.quizzes[position]
                assignment = edition_rows.assignments[position]
                correct = rng.randint(1, QUESTIONS_PER_QUIZ)
                attempts.append(
                    (
                        enrolment.pk, quiz.pk, 1, QuizAttempt.Status.GRADED,
                        quiz.opens_at + dt.timedelta(days=3), Decimal(correct),
                        Decimal(QUESTIONS_PER_QUIZ), [],
                    )
                )  # fmt: skip
                graded = edition_rows.edition.status == Edition.Status.CLOSED or rng.random() < 0.6
                submissions.append(
                    (
                        enrolment.pk, assignment.pk, "", assignment.due_at - dt.timedelta(days=1),
                        Decimal(rng.randint(80, 200)) / 10 if graded else None,
                        edition_rows.leads[position] if graded else None,
                        assignment.due_at + dt.timedelta(days=7) if graded else None,
                    )
                )  # fmt: skip
        count = insert_rows(
            QuizAttempt,
            (
                "enrolment_id", "quiz_id", "number", "status", "submitted_at", "score",
                "max_score", "question_order",
            ),
            attempts,
        )  # fmt: skip
        return count + insert_rows(
            Submission,
            (
                "enrolment_id", "assignment_id", "text", "submitted_at", "points",
                "graded_by_id", "graded_at",
            ),
            submissions,
        )  # fmt: skip

    def create_certificates(self) -> int:
        rng = self.rng
        names = {user.pk: user.get_full_name() for user in self.students}
        rows = []
        for enrolment, edition_rows in self.enrolments:
            if enrolment.status != Enrolment.Status.COMPLETED:
                continue
            edition = edition_rows.edition
            programme = self.programmes[edition_rows.programme_index]
            rows.append(
                (
                    enrolment.pk, "".join(rng.choices(CODE_ALPHABET, k=16)),
                    self._at(edition.ends_on, 14),
                    self.programme_coordinators[edition_rows.programme_index].pk,
                    names[enrolment.user_id], programme.required_hours,
                    Decimal(rng.randint(110, 200)) / 10,
                )
            )  # fmt: skip
        count = insert_rows(
            Certificate,
            (
                "enrolment_id", "code", "issued_at", "issued_by_id", "full_name", "hours",
                "final_grade",
            ),
            rows,
        )  # fmt: skip
        # Each certificate's history starts with its issue, by the same person at the same time.
        # Read them all first: COPY holds the connection, so no cursor may stay open meanwhile.
        issued = list(
            Certificate.objects.filter(enrolment__edition__slug__startswith=PREFIX)
            .values_list("pk", "issued_at", "issued_by_id")
            .order_by("pk")
        )
        events = ((pk, CertificateEvent.Kind.ISSUE.value, by_id, at) for pk, at, by_id in issued)
        return count + insert_rows(
            CertificateEvent, ("certificate_id", "kind", "by_id", "at"), events
        )

    def create_conversations(self) -> int:
        """Announcements in every edition that started; threads in the running ones, and 500 posts
        in the module of the benchmark."""
        announcements, threads = [], []
        for edition_rows in self.editions:
            edition = edition_rows.edition
            if edition.status == Edition.Status.OPEN:
                continue
            author = self.programme_coordinators[edition_rows.programme_index]
            for number in range(3):
                announcements.append(
                    Announcement(
                        edition=edition, author=author, title=f"Week {number * 2 + 1} reminders",
                        body="Readings for the week are online; the seminar starts at 19:00.",
                        published_at=self._at(edition.starts_on, number * 14),
                    )
                )  # fmt: skip
            if edition.status == Edition.Status.RUNNING:
                for module in edition_rows.modules:
                    busy = edition_rows.programme_index == 0 and module.order == BUSY_FORUM_ORDER
                    for number in range(BUSY_FORUM_THREADS if busy else 2):
                        thread = DiscussionThread(
                            module=module, author=self.rng.choice(self.students),
                            title=f"Question {number + 1} about {module.title.lower()}",
                        )  # fmt: skip
                        thread.post_count = BUSY_FORUM_POSTS // BUSY_FORUM_THREADS if busy else 4
                        threads.append(thread)
        Announcement.objects.bulk_create(announcements)
        threads = DiscussionThread.objects.bulk_create(threads)
        body = "In my country the figures look different; see the **census of 2017**."
        body_html = render_markdown(body)
        posts = DiscussionPost.objects.bulk_create(
            (
                DiscussionPost(
                    thread=thread, author=self.rng.choice(self.students),
                    body=body, body_html=body_html,
                )
                for thread in threads
                for _number in range(thread.post_count)
            ),
            batch_size=2000,
        )  # fmt: skip
        return len(announcements) + len(threads) + len(posts)


def _chunks(items: list, size: int) -> list[list]:
    return [items[start : start + size] for start in range(0, len(items), size)]


class Command(BaseCommand):
    help = "Generate the demo-scale data set for `make bench` (10,000 students at scale 1)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--reset", action="store_true", help="Delete the generated rows first.")

    def handle(self, *args, scale: float, seed: int, reset: bool, **options) -> None:
        if scale <= 0:
            raise CommandError("--scale must be positive.")
        started = time.perf_counter()
        plan = Plan.for_scale(scale)
        with transaction.atomic():
            if bench_data_exists():
                if not reset:
                    raise CommandError(
                        "Generated bench data already exists; run again with --reset to replace it."
                    )
                self.stdout.write("Deleting the generated rows...")
                delete_bench_data()
                self.stdout.write(f"  deleted in {time.perf_counter() - started:.1f} s")
            self.stdout.write(
                f"Generating scale {scale:g}: {plan.students:,} students, "
                f"{plan.editions} editions..."
            )
            Builder(plan=plan, seed=seed, write=self.stdout.write).build()
            self.stdout.write(f"  committing after {time.perf_counter() - started:.1f} s")
        if connection.vendor == "postgresql":
            self.stdout.write(f"  analysing the tables after {time.perf_counter() - started:.1f} s")
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Done in {time.perf_counter() - started:.1f} s."))
