"""A past, closed edition of the PUCP diploma whose graduates hold certificates.

Eight people took the edition: seven earned the diploma by the rules (lessons done, sessions
attended, final papers graded) and received their certificates from the coordinator; one of
those was later revoked. The eighth stopped attending and did not complete. Everything is keyed
on slugs and usernames, so loading twice leaves the same rows and the same codes.
"""

import datetime as dt
import math
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractUser
from django.db import transaction
from django.utils import timezone

from courses.models import Assignment, Instructor, Lesson, LiveSession, Module, ModuleInstructor
from diploma.demo import international, people
from diploma.models import Edition, Programme
from students import admissions, certificates
from students.models import (
    Attendance,
    Certificate,
    CertificateEvent,
    Enrolment,
    EnrolmentTransition,
    LessonProgress,
    StudentProfile,
    Submission,
)

SLUG = "migracion-internacional-anterior"
VENUE = "Aula N-301, Edificio de Ciencias Sociales, Campus PUCP, Lima"
CLASS_MINUTES = 180
Status = Enrolment.Status

# username, first name, last name, gender, country, city, organisation, sector, position,
# final-paper points out of 20 (one per module, cycled), attends (True) or drops out (False)
GRADUATES = (
    ("rosa.mamani", "Rosa Elena", "Mamani Quispe", "woman", "PE", "Puno",
     "Gobierno Regional de Puno", "public", "Especialista en movilidad humana", 17, True),
    ("martin.salas", "Martín", "Salas Ugarte", "man", "PE", "Lima",
     "Ministerio de Relaciones Exteriores", "diplomatic", "Segundo secretario", 15, True),
    ("valeria.choque", "Valeria", "Choque Ramos", "woman", "BO", "La Paz",
     "Defensoría del Pueblo de Bolivia", "public", "Profesional en derechos humanos", 18, True),
    ("javier.montalvo", "Javier", "Montalvo Peña", "man", "EC", "Quito",
     "Servicio Jesuita a Refugiados", "civil_society", "Coordinador de proyectos", 14, True),
    ("lucia.benites", "Lucía", "Benites Arce", "woman", "PE", "Arequipa",
     "Universidad Nacional de San Agustín", "academia", "Docente investigadora", 16, True),
    ("camila.rojas", "Camila", "Rojas Villar", "woman", "CO", "Bogotá",
     "Migración Colombia", "public", "Analista de política migratoria", 13, True),
    ("hector.quiroz", "Héctor", "Quiroz Lazo", "man", "PE", "Trujillo",
     "Central Unitaria de Trabajadores", "workers", "Secretario de migración laboral", 15, True),
    ("diana.ccori", "Diana", "Ccori Huanca", "woman", "PE", "Cusco",
     "Municipalidad Provincial del Cusco", "public", "Asistente social", 8, False),
)  # fmt: skip
REVOKED = "camila.rojas"
REVOKED_REASON = (
    "Se comprobó, después de la emisión, que el trabajo final del módulo de migración laboral "
    "reproducía sin citar un informe publicado."
)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _semester(day: dt.date) -> str:
    return f"{day.year}-{'I' if day.month <= 6 else 'II'}"


def _edition(programme: Programme, today: dt.date) -> Edition:
    starts_on = today - dt.timedelta(days=420)
    ends_on = starts_on + dt.timedelta(days=150)
    edition, _ = Edition.objects.update_or_create(
        slug=SLUG,
        defaults={
            "programme": programme, "name": _semester(starts_on), "starts_on": starts_on,
            "ends_on": ends_on, "applications_open_at": _at(starts_on - dt.timedelta(days=90), 9),
            "applications_close_at": _at(starts_on - dt.timedelta(days=20), 23),
            "capacity": 30, "delivery_mode": Edition.DeliveryMode.HYBRID, "venue": VENUE,
            "status": Edition.Status.CLOSED,
        },
    )  # fmt: skip
    return edition


def _modules(edition: Edition) -> list[Module]:
    """The programme's modules with their lessons, final papers and enough classes for its hours.

    Each module holds its announced sessions plus weekly three-hour classes, one more than its
    hours need, so that a student who misses a class still earns the programme's hours.
    """
    instructors = {i.user.username: i for i in Instructor.objects.select_related("user")}
    modules = []
    for order, spec in enumerate(international.PROGRAMME.modules, start=1):
        opens = edition.starts_on + dt.timedelta(days=spec.release_day)
        module, _ = Module.objects.update_or_create(
            edition=edition, slug=spec.slug,
            defaults={
                "title": spec.title, "topic": spec.topic, "summary": spec.summary, "order": order,
                "hours": spec.hours, "weight": spec.weight, "is_required": spec.is_required,
                "release_at": _at(opens, 8), "grades_released": True,
            },
        )  # fmt: skip
        for usernames, role in ((spec.leads, "lead"), (spec.guests, "guest")):
            for username in usernames:
                if username in instructors:
                    ModuleInstructor.objects.update_or_create(
                        module=module, instructor=instructors[username], defaults={"role": role}
                    )
        lesson_minutes = 0
        for lesson_order, lesson_spec in enumerate(spec.lessons, start=1):
            lesson, _ = Lesson.objects.update_or_create(
                module=module, slug=lesson_spec.slug,
                defaults={
                    "title": lesson_spec.title, "order": lesson_order, "body": lesson_spec.body,
                    "minutes": lesson_spec.minutes, "is_published": True,
                },
            )  # fmt: skip
            lesson.render_body()
            lesson.save(update_fields=["body_html"])
            lesson_minutes += lesson_spec.minutes
        topics = [session.topic for session in spec.sessions]
        needed = spec.hours * 60 - lesson_minutes - CLASS_MINUTES * len(topics)
        classes = max(0, math.ceil(needed / CLASS_MINUTES)) + 1
        topics += [f"Clase {number}: {spec.title}" for number in range(1, classes + 1)]
        for number, topic in enumerate(topics):
            starts_at = _at(opens + dt.timedelta(days=3 + 4 * number), 18, 30)
            LiveSession.objects.update_or_create(
                module=module, topic=topic,
                defaults={
                    "starts_at": starts_at,
                    "ends_at": starts_at + dt.timedelta(minutes=CLASS_MINUTES),
                    "venue": VENUE,
                },
            )  # fmt: skip
        Assignment.objects.update_or_create(
            module=module, slug="trabajo-final",
            defaults={
                "title": "Trabajo final del módulo",
                "instructions": "Un ensayo breve que aplique los conceptos del módulo a un caso.",
                "due_at": _at(opens + dt.timedelta(days=45), 23, 59),
                "max_points": Decimal("20"), "is_published": True, "grades_released": True,
            },
        )  # fmt: skip
        modules.append(module)
    return modules


def _graduate(row: tuple, password: str) -> AbstractUser:
    username, first, last, gender, country, city, organisation, sector, position = row[:9]
    user, _ = get_user_model().objects.update_or_create(
        username=username,
        defaults={
            "first_name": first, "last_name": last, "email": f"{username}@example.org",
            "password": password, "is_active": True,
        },
    )  # fmt: skip
    StudentProfile.objects.update_or_create(
        user=user,
        defaults={
            "country": country, "city": city, "organisation": organisation, "sector": sector,
            "position": position, "gender": gender, "preferred_language": "es",
        },
    )  # fmt: skip
    return user


def _enrol(user: AbstractUser, edition: Edition, coordinator: AbstractUser | None) -> Enrolment:
    submitted_at = edition.applications_close_at - dt.timedelta(days=12)
    decided_at = edition.applications_close_at + dt.timedelta(days=4)
    enrolment, created = Enrolment.objects.get_or_create(
        user=user, edition=edition,
        defaults={
            "status": Status.ADMITTED, "submitted_at": submitted_at, "decided_at": decided_at,
            "statement": "Trabajo en temas migratorios y quiero fortalecer mi formación.",
        },
    )  # fmt: skip
    if created:
        for from_status, to_status, by, at in (
            ("", Status.SUBMITTED, user, submitted_at),
            (Status.SUBMITTED, Status.ADMITTED, coordinator, decided_at),
        ):
            transition = EnrolmentTransition.objects.create(
                enrolment=enrolment, from_status=from_status, to_status=to_status, by=by
            )
            EnrolmentTransition.objects.filter(pk=transition.pk).update(at=at)
    return enrolment


def _record_work(
    enrolment: Enrolment, modules: list[Module], points: int, attends: bool, index: int
) -> None:
    """All lessons and final papers for graduates; a dropout stops after the first module."""
    followed = modules if attends else modules[:1]
    lessons = Lesson.objects.filter(module__in=followed)
    LessonProgress.objects.bulk_create(
        [LessonProgress(enrolment=enrolment, lesson=lesson) for lesson in lessons],
        ignore_conflicts=True,
    )
    sessions = list(LiveSession.objects.filter(module__in=modules).order_by("starts_at"))
    rows = []
    for number, session in enumerate(sessions):
        status = Attendance.Status.PRESENT
        if not attends and session.module_id != modules[0].pk:
            status = Attendance.Status.ABSENT
        elif number == 5 + index:
            status = Attendance.Status.EXCUSED
        elif number == 11 + index:
            status = Attendance.Status.LATE
        elif number == 17 + index and index % 2:
            status = Attendance.Status.ABSENT
        rows.append(Attendance(enrolment=enrolment, session=session, status=status))
    Attendance.objects.bulk_create(rows, ignore_conflicts=True)
    for offset, module in enumerate(followed):
        assignment = Assignment.objects.get(module=module, slug="trabajo-final")
        # get_or_create: a second load must not add grade-history rows.
        Submission.objects.get_or_create(
            enrolment=enrolment, assignment=assignment,
            defaults={
                "submitted_at": assignment.due_at - dt.timedelta(days=1),
                "points": Decimal(min(20, points + (offset % 3) - 1)),
            },
        )  # fmt: skip


@transaction.atomic
def load_past_edition_with_certificates(*, now: dt.datetime | None = None) -> Edition:
    """Add the closed past edition and its certificates; run after the programme is loaded."""
    now = now or timezone.now()
    programme = Programme.objects.get(slug=international.PROGRAMME.slug)
    coordinator = get_user_model().objects.filter(username=people.COORDINATOR[0]).first()
    edition = _edition(programme, timezone.localdate(now))
    if coordinator is not None:
        edition.coordinators.add(coordinator)
    modules = _modules(edition)
    password = make_password(people.DEMO_PASSWORD)

    dropouts = []
    for index, row in enumerate(GRADUATES):
        enrolment = _enrol(_graduate(row, password), edition, coordinator)
        _record_work(enrolment, modules, points=row[9], attends=row[10], index=index)
        if not row[10]:
            dropouts.append(enrolment)

    issued_at = _at(edition.ends_on + dt.timedelta(days=21), 11)
    result = certificates.issue_many(edition=edition, by=coordinator)
    new = [certificate.pk for certificate in result.issued]
    Certificate.objects.filter(pk__in=new).update(issued_at=issued_at)
    CertificateEvent.objects.filter(certificate__in=new, kind=CertificateEvent.Kind.ISSUE).update(
        at=issued_at
    )
    EnrolmentTransition.objects.filter(
        enrolment__certificate__in=new, to_status=Status.COMPLETED
    ).update(at=issued_at)
    for enrolment in dropouts:
        enrolment.refresh_from_db()
        if enrolment.status == Status.ADMITTED:
            admissions.mark_not_completed(
                enrolment=enrolment, by=coordinator,
                note="Dejó de asistir después del primer módulo.",
            )  # fmt: skip

    revoked = Certificate.objects.get(enrolment__edition=edition, enrolment__user__username=REVOKED)
    if not revoked.is_revoked:
        certificates.revoke(certificate=revoked, by=coordinator, reason=REVOKED_REASON)
        revoked_at = issued_at + dt.timedelta(days=64)
        Certificate.objects.filter(pk=revoked.pk).update(revoked_at=revoked_at)
        CertificateEvent.objects.filter(
            certificate=revoked, kind=CertificateEvent.Kind.REVOKE
        ).update(at=revoked_at)
    return edition
