"""Write the demo data set: idempotent, keyed on slugs and usernames, dates relative to today."""

import datetime as dt
import random
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractUser
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify

from courses.copying import copy_edition
from courses.models import (
    Announcement,
    Instructor,
    Lesson,
    LiveSession,
    Module,
    ModuleInstructor,
    Resource,
)
from diploma.demo import discussions, international, labour, people
from diploma.demo.assessments import load_assessments
from diploma.demo.certificates import load_past_edition_with_certificates
from diploma.demo.evaluations import load_evaluations
from diploma.demo.specs import LessonSpec, ModuleSpec, ProgrammeSpec, SessionSpec
from diploma.form_fields import end_of_day
from diploma.models import (
    Edition,
    EditionQuota,
    Institution,
    PartnerStaff,
    Programme,
    ProgrammePartner,
)
from students.models import (
    Attendance,
    Enrolment,
    EnrolmentTransition,
    LessonProgress,
    StudentProfile,
)

SEED = 2026
PUCP_VENUE = "Aula N-301, Edificio de Ciencias Sociales, Campus PUCP, Av. Universitaria 1801, Lima"
ONLINE_VENUE = "Campus virtual"
MEET = "https://meet.example.org"
Status = Enrolment.Status


@dataclass(frozen=True)
class Summary:
    programmes: int
    editions: int
    modules: int
    lessons: int
    users: int
    enrolments: int
    progress: int
    attendance: int

    def __str__(self) -> str:
        return (
            f"Demo data loaded: {self.programmes} programmes, {self.editions} editions, "
            f"{self.modules} modules, {self.lessons} lessons, {self.users} users, "
            f"{self.enrolments} applications/enrolments, {self.progress} lesson completions, "
            f"{self.attendance} attendance records."
        )


def load_demo(*, now: dt.datetime | None = None) -> Summary:
    """Create or refresh every demo row; running it twice leaves the same rows.

    The first run records the demo's rows in their history; a second run, which saves them
    again unchanged, records nothing: the history is of what people changed.
    """
    again = Programme.objects.filter(slug=international.PROGRAMME.slug).exists()
    with override_settings(SIMPLE_HISTORY_ENABLED=not again), transaction.atomic():
        return _load(now=now)


def _load(*, now: dt.datetime | None) -> Summary:
    now = now or timezone.now()
    today = timezone.localdate(now)
    rng = random.Random(SEED)
    password = make_password(people.DEMO_PASSWORD)

    institutions = _institutions()
    _user(people.ADMIN, password, is_staff=True, is_superuser=True)
    coordinator = _user(people.COORDINATOR, password)
    coordinator2 = _user(people.COORDINATOR_2, password)
    partner = _user(people.PARTNER, password)
    PartnerStaff.objects.update_or_create(
        user=partner, defaults={"institution": institutions["iom"]}
    )
    instructors = _instructors(password, institutions)

    migration = _programme(international.PROGRAMME, institutions)
    work = _programme(labour.PROGRAMME, institutions)

    running_start = today - dt.timedelta(days=42)
    running = _edition(
        migration, slug="migracion-internacional-en-curso", name=_semester(running_start),
        starts_on=running_start, ends_on=running_start + dt.timedelta(days=160),
        applications_open_at=_at(running_start - dt.timedelta(days=100), 9),
        applications_close_at=_at(running_start - dt.timedelta(days=20), 23),
        capacity=40, delivery_mode=Edition.DeliveryMode.HYBRID, venue=PUCP_VENUE,
        status=Edition.Status.RUNNING,
    )  # fmt: skip
    running_modules = _modules(running, international.PROGRAMME.modules, instructors)
    upcoming = _upcoming(running, today + dt.timedelta(days=70), coordinator, now)
    work_start = today - dt.timedelta(days=30)
    online = _edition(
        work, slug="migracion-laboral-en-curso", name=_semester(work_start),
        starts_on=work_start, ends_on=work_start + dt.timedelta(days=98),
        applications_open_at=_at(work_start - dt.timedelta(days=60), 9),
        applications_close_at=_at(work_start - dt.timedelta(days=10), 23),
        capacity=40, delivery_mode=Edition.DeliveryMode.ONLINE, venue=ONLINE_VENUE,
        status=Edition.Status.RUNNING,
    )  # fmt: skip
    running.coordinators.add(coordinator)
    upcoming.coordinators.add(coordinator)
    online.coordinators.add(coordinator2)

    online_modules = _modules(online, labour.PROGRAMME.modules, instructors)
    _announcements(running, online, coordinator, coordinator2, instructors, now)

    named = {spec.username: _student(spec, password) for spec in people.NAMED_STUDENTS}
    taken = set(named)
    migration_students = [
        _student(spec, password)
        for spec in _generated(rng, 40, people.INTERNATIONAL_COUNTRIES, taken)
    ]
    work_students = [
        _student(spec, password) for spec in _generated(rng, 12, people.LABOUR_COUNTRIES, taken)
    ]

    admitted = [named["student"], named["student2"], *migration_students[:32]]
    running_enrolments = _admit_all(rng, running, admitted, coordinator)
    _applications(rng, upcoming, migration_students[32:], coordinator, now)
    online_enrolments = _admit_all(rng, online, [named["student3"], *work_students], coordinator2)

    _progress(rng, running, running_enrolments, running_modules, now)
    _progress(rng, online, online_enrolments, online_modules, now)
    _attendance(rng, running_enrolments, running_modules, now)
    _attendance(rng, online_enrolments, online_modules, now)

    load_assessments(running_modules, running_enrolments, instructors["instructor"].user, now)
    discussions.load_discussions(running_modules, running_enrolments, now)
    load_past_edition_with_certificates(now=now)
    load_evaluations(now=now)

    editions = [running, upcoming, online]
    return Summary(
        programmes=len({edition.programme_id for edition in editions}),
        editions=len(editions),
        modules=Module.objects.filter(edition__in=editions).count(),
        lessons=Lesson.objects.filter(module__edition__in=editions).count(),
        users=get_user_model().objects.count(),
        enrolments=Enrolment.objects.filter(edition__in=editions).count(),
        progress=LessonProgress.objects.filter(enrolment__edition__in=editions).count(),
        attendance=Attendance.objects.filter(enrolment__edition__in=editions).count(),
    )


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _semester(day: dt.date) -> str:
    return f"{day.year}-{'I' if day.month <= 6 else 'II'}"


def _next_semester(day: dt.date) -> str:
    return f"{day.year}-II" if day.month <= 6 else f"{day.year + 1}-I"


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _institutions() -> dict[str, Institution]:
    institutions = {}
    for spec in people.INSTITUTIONS:
        institutions[spec.key], _ = Institution.objects.update_or_create(
            name=spec.name,
            defaults={
                "acronym": spec.acronym,
                "country": spec.country,
                "kind": spec.kind,
                "website": spec.website,
            },
        )
    return institutions


def _user(
    names: tuple[str, str, str], password: str, *, is_staff: bool = False,
    is_superuser: bool = False,
) -> AbstractUser:  # fmt: skip
    username, first_name, last_name = names
    user, _ = get_user_model().objects.update_or_create(
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@example.org",
            "password": password,
            "is_staff": is_staff,
            "is_superuser": is_superuser,
            "is_active": True,
        },
    )
    return user


def _instructors(password: str, institutions: dict[str, Institution]) -> dict[str, Instructor]:
    instructors = {}
    for spec in people.INSTRUCTORS:
        user = _user((spec.username, spec.first_name, spec.last_name), password)
        instructors[spec.username], _ = Instructor.objects.update_or_create(
            user=user,
            defaults={
                "slug": slugify(f"{spec.first_name} {spec.last_name}"),
                "title": spec.title,
                "institution": institutions[spec.institution],
                "bio": spec.bio,
                "is_public": True,
            },
        )
    return instructors


def _programme(spec: ProgrammeSpec, institutions: dict[str, Institution]) -> Programme:
    programme, _ = Programme.objects.update_or_create(
        slug=spec.slug,
        defaults={
            "title": spec.title,
            "summary": spec.summary,
            "description": spec.description,
            "host": institutions[people.HOSTS[spec.slug]],
            "language": spec.language,
            "required_hours": spec.required_hours,
            "grading_scale": spec.grading_scale,
            "pass_grade": spec.pass_grade,
            "min_attendance": spec.min_attendance,
            "signatories": spec.signatories,
            "is_published": True,
        },
    )
    for order, (key, role) in enumerate(people.PARTNERS[spec.slug]):
        ProgrammePartner.objects.update_or_create(
            programme=programme, institution=institutions[key], role=role,
            defaults={"order": order},
        )  # fmt: skip
    return programme


def _edition(programme: Programme, *, slug: str, **fields) -> Edition:
    edition, _ = Edition.objects.update_or_create(
        slug=slug, defaults={"programme": programme, **fields}
    )
    return edition


def _modules(
    edition: Edition, specs: Sequence[ModuleSpec], instructors: dict[str, Instructor]
) -> list[Module]:
    modules = []
    for order, spec in enumerate(specs, start=1):
        release_on = edition.starts_on + dt.timedelta(days=spec.release_day)
        module, _ = Module.objects.update_or_create(
            edition=edition,
            slug=spec.slug,
            defaults={
                "title": spec.title,
                "topic": spec.topic,
                "summary": spec.summary,
                "order": order,
                "hours": spec.hours,
                "weight": spec.weight,
                "is_required": spec.is_required,
                "release_at": _at(release_on, 8),
            },
        )
        for role, usernames in (
            (ModuleInstructor.Role.LEAD, spec.leads),
            (ModuleInstructor.Role.GUEST, spec.guests),
        ):
            for username in usernames:
                ModuleInstructor.objects.update_or_create(
                    module=module, instructor=instructors[username], defaults={"role": role}
                )
        _lessons(module, spec.lessons)
        _sessions(module, spec.sessions, release_on)
        modules.append(module)
    return modules


def _lessons(module: Module, specs: Sequence[LessonSpec]) -> None:
    for order, spec in enumerate(specs, start=1):
        lesson, _ = Lesson.objects.update_or_create(
            module=module,
            slug=spec.slug,
            defaults={
                "title": spec.title,
                "order": order,
                "body": spec.body,
                "minutes": spec.minutes,
                "is_published": spec.is_published,
                "release_at": None,
            },
        )
        lesson.render_body()
        lesson.save(update_fields=["body_html"])
        for link_order, link in enumerate(spec.links):
            Resource.objects.update_or_create(
                lesson=lesson, title=link.title,
                defaults={"kind": Resource.Kind.LINK, "url": link.url, "order": link_order},
            )  # fmt: skip


def _sessions(module: Module, specs: Sequence[SessionSpec], release_on: dt.date) -> None:
    """Evening sessions: in the edition's venue and streamed, or online only."""
    edition = module.edition
    hybrid = edition.delivery_mode == Edition.DeliveryMode.HYBRID
    for number, spec in enumerate(specs, start=1):
        day = release_on + dt.timedelta(days=spec.day)
        in_person = hybrid and not spec.online_only
        starts_at = _at(day, 18, 30) if in_person else _at(day, 19)
        LiveSession.objects.update_or_create(
            module=module,
            topic=spec.topic,
            defaults={
                "starts_at": starts_at,
                "ends_at": starts_at + dt.timedelta(hours=3 if in_person else 2),
                "venue": edition.venue if in_person else "",
                "online_url": f"{MEET}/{edition.slug}-{module.slug}-{number}",
            },
        )


def _upcoming(
    running: Edition, starts_on: dt.date, coordinator: AbstractUser, now: dt.datetime
) -> Edition:
    """The next edition, open for applications: a copy of the running one, then kept in step."""
    slug = "migracion-internacional-proxima"
    name = _next_semester(running.starts_on)
    if not Edition.objects.filter(slug=slug).exists():
        copy_edition(edition=running, name=name, slug=slug, starts_on=starts_on, by=coordinator)
    upcoming = _edition(
        running.programme, slug=slug, name=name, starts_on=starts_on,
        ends_on=starts_on + (running.ends_on - running.starts_on),
        applications_open_at=now - dt.timedelta(days=12),
        applications_close_at=end_of_day(timezone.localdate(now) + dt.timedelta(days=40)),
        capacity=35, delivery_mode=Edition.DeliveryMode.HYBRID, venue=PUCP_VENUE,
        status=Edition.Status.OPEN, copied_from=running, required_documents="cv,support_letter",
    )  # fmt: skip
    EditionQuota.objects.update_or_create(
        edition=upcoming, dimension=EditionQuota.Dimension.COUNTRY, value="PE",
        defaults={"seats": 25},
    )  # fmt: skip
    _sync_copy(running, upcoming)
    return upcoming


def _sync_copy(source: Edition, target: Edition) -> None:
    """Bring the copied modules, lessons, resources and sessions up to date with `source`.

    The copy also gets the source's instructors, so the public programme page, which shows the
    open edition, lists who teaches.
    """
    shift = target.starts_on - source.starts_on
    modules = source.modules.prefetch_related("lessons__resources", "teaching", "sessions")
    for module in modules:
        copy, _ = Module.objects.update_or_create(
            edition=target,
            slug=module.slug,
            defaults={
                "title": module.title,
                "topic": module.topic,
                "summary": module.summary,
                "order": module.order,
                "hours": module.hours,
                "weight": module.weight,
                "is_required": module.is_required,
                "release_at": module.release_at + shift if module.release_at else None,
            },
        )
        for teaching in module.teaching.all():
            ModuleInstructor.objects.update_or_create(
                module=copy, instructor_id=teaching.instructor_id, defaults={"role": teaching.role}
            )
        for lesson in module.lessons.all():
            lesson_copy, _ = Lesson.objects.update_or_create(
                module=copy,
                slug=lesson.slug,
                defaults={
                    "title": lesson.title,
                    "order": lesson.order,
                    "body": lesson.body,
                    "body_html": lesson.body_html,
                    "minutes": lesson.minutes,
                    "is_published": lesson.is_published,
                    "release_at": lesson.release_at + shift if lesson.release_at else None,
                },
            )
            for resource in lesson.resources.all():
                Resource.objects.update_or_create(
                    lesson=lesson_copy, title=resource.title,
                    defaults={"kind": resource.kind, "url": resource.url, "order": resource.order},
                )  # fmt: skip
        for session in module.sessions.all():
            LiveSession.objects.update_or_create(
                module=copy,
                topic=session.topic,
                defaults={
                    "starts_at": session.starts_at + shift,
                    "ends_at": session.ends_at + shift,
                    "venue": session.venue,
                    "online_url": session.online_url,
                },
            )


def _announcements(
    running: Edition, online: Edition, coordinator: AbstractUser, coordinator2: AbstractUser,
    instructors: dict[str, Instructor], now: dt.datetime,
) -> None:  # fmt: skip
    lead = instructors["instructor"].user
    internal = running.modules.get(slug="migracion-interna")
    rows = (
        (running, None, coordinator, 40, "Bienvenida al diploma",
         "Les damos la bienvenida. Revisen el calendario de sesiones y el primer módulo, "
         "ya disponible en la plataforma. Las sesiones presenciales se transmiten en línea."),
        (running, None, coordinator, 3, "Cambio de aula para las sesiones de este mes",
         "Las sesiones presenciales de este mes se realizan en el Aula N-301 del Edificio de "
         "Ciencias Sociales. El enlace de transmisión no cambia."),
        (running, internal, lead, 1, "Lean la tabla de tasas netas antes de la sesión",
         "Para la próxima sesión, traigan resuelto el ejercicio de la lección sobre tasas netas "
         "de migración por departamento."),
        (online, None, coordinator2, 25, "Bienvenida al diplomado regional",
         "Bienvenidas y bienvenidos. Cada módulo tiene un seminario web; la grabación queda "
         "disponible para quienes no puedan conectarse en vivo."),
    )  # fmt: skip
    for edition, module, author, days_ago, title, body in rows:
        Announcement.objects.update_or_create(
            edition=edition, title=title,
            defaults={
                "module": module, "author": author, "body": body,
                "published_at": now - dt.timedelta(days=days_ago),
            },
        )  # fmt: skip


def _student(spec: people.StudentSpec, password: str) -> AbstractUser:
    user = _user((spec.username, spec.first_name, spec.last_name), password)
    StudentProfile.objects.update_or_create(
        user=user,
        defaults={
            "country": spec.country,
            "city": spec.city,
            "organisation": spec.organisation,
            "sector": spec.sector,
            "position": spec.position,
            "gender": spec.gender,
            "preferred_language": "es",
        },
    )
    return user


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, int]]) -> str:
    return rng.choices([value for value, _ in pairs], weights=[w for _, w in pairs])[0]


def _generated(
    rng: random.Random, count: int, countries: Sequence[tuple[str, int]], taken: set[str]
) -> list[people.StudentSpec]:
    genders = (("woman", 50), ("man", 44), ("undisclosed", 4), ("non_binary", 2))
    specs = []
    for _ in range(count):
        gender = _weighted(rng, genders)
        pool = {"woman": people.WOMEN, "man": people.MEN}.get(gender, people.NEUTRAL)
        first_name = rng.choice(pool)
        last_name = " ".join(rng.sample(people.SURNAMES, 2))
        username = base = f"{_ascii(first_name)}.{_ascii(last_name.split()[0])}"
        suffix = 2
        while username in taken:
            username, suffix = f"{base}{suffix}", suffix + 1
        taken.add(username)
        country = _weighted(rng, countries)
        sector = _weighted(rng, people.SECTORS)
        specs.append(
            people.StudentSpec(
                username=username,
                first_name=first_name,
                last_name=last_name,
                gender=gender,
                country=country,
                city=rng.choice(people.CITIES[country]),
                organisation=rng.choice(people.ORGANISATIONS[sector]),
                sector=sector,
                position=rng.choice(people.POSITIONS[sector])[gender == "woman"],
            )
        )
    return specs


def _enrol(
    user: AbstractUser, edition: Edition, *, status: str, statement: str,
    submitted_at: dt.datetime, decided_at: dt.datetime | None = None,
    waitlist_position: int | None = None,
) -> tuple[Enrolment, bool]:  # fmt: skip
    """Create or refresh an enrolment; the bool says whether its history must still be written."""
    enrolment, _ = Enrolment.objects.update_or_create(
        user=user,
        edition=edition,
        defaults={
            "status": status,
            "statement": statement,
            "submitted_at": submitted_at,
            "decided_at": decided_at,
            "waitlist_position": waitlist_position,
        },
    )
    return enrolment, not enrolment.transitions.exists()


def _history(
    enrolment: Enrolment, decided_by: AbstractUser, note: str = ""
) -> list[EnrolmentTransition]:
    rows = [
        EnrolmentTransition(
            enrolment=enrolment, from_status="", to_status=Status.SUBMITTED, by=enrolment.user,
            at=enrolment.submitted_at,
        )
    ]  # fmt: skip
    if enrolment.status != Status.SUBMITTED:
        rows.append(
            EnrolmentTransition(
                enrolment=enrolment, from_status=Status.SUBMITTED, to_status=enrolment.status,
                by=decided_by, at=enrolment.decided_at, note=note,
            )
        )  # fmt: skip
    return rows


def _write_history(rows: list[EnrolmentTransition]) -> None:
    """Insert transitions and give them their past dates, which auto_now_add overwrites."""
    dates = [row.at for row in rows]
    created = EnrolmentTransition.objects.bulk_create(rows)
    for row, at in zip(created, dates, strict=True):
        row.at = at
    EnrolmentTransition.objects.bulk_update(created, ["at"])


def _admit_all(
    rng: random.Random, edition: Edition, users: Iterable[AbstractUser], by: AbstractUser
) -> list[Enrolment]:
    enrolments, history = [], []
    for user in users:
        submitted_at = edition.applications_close_at - dt.timedelta(
            days=rng.randint(5, 60), hours=rng.randint(0, 12)
        )
        enrolment, new = _enrol(
            user, edition, status=Status.ADMITTED, statement=rng.choice(people.MOTIVATIONS),
            submitted_at=submitted_at,
            decided_at=edition.applications_close_at + dt.timedelta(days=rng.randint(2, 6)),
        )  # fmt: skip
        if new:
            history += _history(enrolment, by, "Perfil acorde con el público del diploma.")
        enrolments.append(enrolment)
    _write_history(history)
    return enrolments


def _applications(
    rng: random.Random, edition: Edition, users: Sequence[AbstractUser], by: AbstractUser,
    now: dt.datetime,
) -> None:  # fmt: skip
    decisions = (
        [(Status.SUBMITTED, "")] * 4
        + [(Status.WAITLISTED, "Puntaje por debajo del corte de la primera ronda.")] * 2
        + [(Status.REJECTED, "No cumple el requisito de experiencia en temas migratorios.")] * 2
    )
    history, waitlist = [], 0
    for user, (status, note) in zip(users, decisions, strict=True):
        submitted_at = now - dt.timedelta(days=rng.randint(2, 11), hours=rng.randint(0, 12))
        decided = status != Status.SUBMITTED
        waitlist += status == Status.WAITLISTED
        enrolment, new = _enrol(
            user, edition, status=status, statement=rng.choice(people.MOTIVATIONS),
            submitted_at=submitted_at,
            decided_at=submitted_at + dt.timedelta(days=1) if decided else None,
            waitlist_position=waitlist if status == Status.WAITLISTED else None,
        )  # fmt: skip
        if new:
            history += _history(enrolment, by, note)
    _write_history(history)


def _readable_lessons(modules: Sequence[Module], now: dt.datetime) -> list[Lesson]:
    return list(
        Lesson.objects.readable(now)
        .filter(module__in=modules)
        .select_related("module")
        .order_by("module__order", "order")
    )


def _progress(
    rng: random.Random, edition: Edition, enrolments: Sequence[Enrolment],
    modules: Sequence[Module], now: dt.datetime,
) -> None:  # fmt: skip
    """Complete a prefix of the readable lessons for each enrolment, then backdate the rows."""
    started = timezone.now()
    lessons = _readable_lessons(modules, now)
    planned: dict[tuple[int, int], dt.datetime] = {}
    for index, enrolment in enumerate(enrolments):
        if enrolment.user.username == "student":
            done = len(lessons) - 3
        elif enrolment.user.username == "student2":
            done = len(lessons) // 3
        else:
            done = round(len(lessons) * rng.choice((0, 0.2, 0.4, 0.6, 0.8, 0.9, 1, 1)))
        for position, lesson in enumerate(lessons[:done]):
            at = lesson.module.release_at + dt.timedelta(
                days=position % 4, hours=(index * 7 + position * 13) % 60
            )
            if at >= now:
                at = now - dt.timedelta(hours=1 + (index * 5 + position) % 30)
            planned[enrolment.pk, lesson.pk] = at
    LessonProgress.objects.bulk_create(
        [LessonProgress(enrolment_id=e, lesson_id=lesson) for e, lesson in planned],
        ignore_conflicts=True,
    )
    fresh = list(
        LessonProgress.objects.filter(enrolment__edition=edition, completed_at__gte=started)
    )
    for row in fresh:
        row.completed_at = planned.get((row.enrolment_id, row.lesson_id), row.completed_at)
    LessonProgress.objects.bulk_update(fresh, ["completed_at"], batch_size=500)
    last_activity: dict[int, dt.datetime] = {}
    for (enrolment_id, _lesson), at in planned.items():
        last_activity[enrolment_id] = max(at, last_activity.get(enrolment_id, at))
    for enrolment in enrolments:
        enrolment.last_activity_at = last_activity.get(enrolment.pk)
    Enrolment.objects.bulk_update(enrolments, ["last_activity_at"])


def _attendance(
    rng: random.Random, enrolments: Sequence[Enrolment], modules: Sequence[Module],
    now: dt.datetime,
) -> None:  # fmt: skip
    sessions = list(
        LiveSession.objects.filter(module__in=modules, ends_at__lt=now)
        .select_related("module")
        .order_by("starts_at")
    )
    recorders = {
        teaching.module_id: teaching.instructor.user_id
        for teaching in ModuleInstructor.objects.filter(
            module__in=modules, role=ModuleInstructor.Role.LEAD
        ).select_related("instructor")
    }
    statuses = (
        (Attendance.Status.PRESENT, 78),
        (Attendance.Status.LATE, 9),
        (Attendance.Status.EXCUSED, 6),
        (Attendance.Status.ABSENT, 7),
    )
    rows = []
    for enrolment in enrolments:
        for session in sessions:
            status = _weighted(rng, statuses)
            if enrolment.user.username == "student":
                status = Attendance.Status.PRESENT
            rows.append(
                Attendance(
                    enrolment=enrolment, session=session, status=status,
                    recorded_by_id=recorders.get(session.module_id),
                )
            )  # fmt: skip
    Attendance.objects.bulk_create(rows, ignore_conflicts=True)
