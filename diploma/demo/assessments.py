"""Demo assessments of the running edition: a reading check taken page by page, with every
question type, and a policy brief; some students have taken, submitted and been graded."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from courses.models import Assignment, Choice, Module, Question, Quiz
from diploma.form_fields import end_of_day
from students import attempts, submissions
from students.models import Enrolment

Kind = Question.Kind

# (kind, text, points, choices as (text, percent of the points, feedback), numeric answer)
QUESTIONS = [
    (Kind.SINGLE, "¿Qué organismo de las Naciones Unidas se ocupa de la migración?", "2", [
        ("La Organización Internacional para las Migraciones (OIM)", 100,
         "Correcto: la OIM forma parte del sistema de las Naciones Unidas desde 2016."),
        ("La Organización Mundial del Comercio", 0, "La OMC regula el comercio, no la migración."),
        ("El Fondo Monetario Internacional", 0, ""),
    ], None),
    (Kind.MULTIPLE, "¿Cuáles de estos son factores de expulsión en el país de origen?", "2", [
        ("Falta de empleo digno", 50, ""),
        ("Violencia o conflicto", 50, ""),
        ("Demanda de mano de obra en el país de destino", 0,
         "Es un factor de atracción, en el país de destino."),
    ], None),
    (Kind.TRUE_FALSE, "El Pacto Mundial para una Migración Segura, Ordenada y Regular se adoptó "
     "en 2018.", "1", [("Verdadero", 100, "Se adoptó en Marrakech en diciembre de 2018."),
                        ("Falso", 0, "")], None),
    (Kind.NUMERIC, "Si un hogar recibe 300 dólares de remesas al mes, ¿cuántos dólares recibe "
     "al año?", "1", [], Decimal("3600")),
    (Kind.SHORT, "¿Cómo se llama el dinero que los migrantes envían a sus familias?", "1", [
        ("remesas", 100, ""), ("remesa", 100, ""),
    ], None),
    (Kind.ESSAY, "En un párrafo, explique un efecto de la migración interna en las ciudades "
     "de destino.", "3", [], None),
]  # fmt: skip

ESSAYS = [
    "Las ciudades de destino crecen más rápido que sus servicios: vivienda, agua y transporte "
    "no alcanzan, y surgen asentamientos en la periferia.",
    "La migración interna rejuvenece la población de las ciudades y aumenta la oferta de "
    "trabajo, sobre todo en el comercio y los servicios.",
]


def load_assessments(
    modules: list[Module], enrolments: list[Enrolment], grader, now: dt.datetime
) -> None:
    """A quiz and an assignment in the first module; taken by some of the students once."""
    module = modules[0]
    opens = module.release_at or now - dt.timedelta(days=30)
    quiz = _quiz(module, opens, closes=end_of_day(timezone.localdate(now) + dt.timedelta(days=5)))
    brief = _brief(module, now)
    takers = [e for e in enrolments if e.user.username != "student"][:12]
    if not quiz.attempts.exists():
        _take(quiz, takers, now)
        _grade_essays(quiz, grader)
    if not brief.submissions.exists():
        _submit_and_grade(brief, takers[:8], grader, now)
    # The reading check's scores are out to the students; the brief is still being written.
    if not module.grades_released:
        module.grades_released = True
        module.save(update_fields=["grades_released"])


def _quiz(module: Module, opens: dt.datetime, *, closes: dt.datetime) -> Quiz:
    quiz, _ = Quiz.objects.update_or_create(
        module=module, slug="control-de-lectura",
        defaults={
            "title": "Control de lectura: conceptos de migración",
            "instructions": "Seis preguntas sobre las lecturas del módulo, **dos por página**. "
                            "Tiene 30 minutos y dos intentos; cuenta el mejor.",
            "opens_at": opens, "closes_at": closes, "time_limit_minutes": 30,
            "attempts_allowed": 2,
            "questions_per_page": 2, "weight": Decimal("1"), "is_published": True,
        },
    )  # fmt: skip
    for order, (kind, text, points, choices, number) in enumerate(QUESTIONS, start=1):
        question, _ = Question.objects.update_or_create(
            quiz=quiz, order=order,
            defaults={"kind": kind, "text": text, "points": Decimal(points),
                      "numeric_answer": number, "tolerance": Decimal("0")},
        )  # fmt: skip
        for position, (label, percent, feedback) in enumerate(choices):
            Choice.objects.update_or_create(
                question=question, order=position,
                defaults={"text": label, "fraction": Decimal(percent), "feedback": feedback,
                          "is_correct": percent > 0},
            )  # fmt: skip
    return quiz


def _brief(module: Module, now: dt.datetime) -> Assignment:
    brief, _ = Assignment.objects.update_or_create(
        module=module, slug="informe-de-politica",
        defaults={
            "title": "Informe de política sobre migración interna",
            "instructions": "Dos páginas con una recomendación de política para un gobierno "
                            "regional, apoyada en los datos censales del módulo.",
            "due_at": end_of_day(timezone.localdate(now) + dt.timedelta(days=10)),
            "max_points": Decimal("20"),
            "weight": Decimal("2"), "late_policy": Assignment.LatePolicy.PENALTY,
            "penalty_per_day": Decimal("10"), "is_published": True,
        },
    )  # fmt: skip
    return brief


def _answers(quiz: Quiz, index: int) -> dict[int, attempts.Answer]:
    """Right answers for most students, a wrong one for every third."""
    answers = {}
    for question in quiz.questions.prefetch_related("choices"):
        choices = list(question.choices.all())
        right = [c.pk for c in choices if c.fraction > 0]
        if question.kind == Kind.ESSAY:
            answers[question.pk] = attempts.Answer(text=ESSAYS[index % len(ESSAYS)])
        elif question.kind == Kind.NUMERIC:
            answers[question.pk] = attempts.Answer(text="3600" if index % 3 else "360")
        elif question.kind == Kind.SHORT:
            answers[question.pk] = attempts.Answer(text="Remesas")
        elif index % 3 == 0:
            wrong = [c.pk for c in choices if c.fraction <= 0][:1]
            answers[question.pk] = attempts.Answer(picked=wrong)
        else:
            answers[question.pk] = attempts.Answer(picked=right)
    return answers


def _take(quiz: Quiz, takers: list[Enrolment], now: dt.datetime) -> None:
    started = now - dt.timedelta(days=5)
    for index, enrolment in enumerate(takers):
        attempt = attempts.start_attempt(enrolment=enrolment, quiz=quiz, now=started)
        submitted = started + dt.timedelta(minutes=20)
        attempts.submit_attempt(attempt=attempt, answers=_answers(quiz, index), now=submitted)


def _grade_essays(quiz: Quiz, grader) -> None:
    """The essays of the first half of the attempts are graded; the rest wait in the queue."""
    essay = quiz.questions.get(kind=Kind.ESSAY)
    submitted = list(quiz.attempts.order_by("pk"))
    for index, attempt in enumerate(submitted[: len(submitted) // 2]):
        points = Decimal(3 - index % 2)
        feedback = "Claro y bien argumentado." if points == 3 else "Falta un ejemplo concreto."
        attempts.grade_by_hand(attempt=attempt, grades={essay.pk: (points, feedback)}, by=grader)


def _submit_and_grade(
    brief: Assignment, students: list[Enrolment], grader, now: dt.datetime
) -> None:
    for index, enrolment in enumerate(students):
        submission = submissions.submit(
            enrolment=enrolment, assignment=brief, now=now - dt.timedelta(days=2),
            text="Recomendación: planificar vivienda y transporte con los datos del censo "
                 "de 2017 sobre saldos migratorios por departamento.",
        )  # fmt: skip
        if index % 2 == 0:
            submissions.grade(
                submission=submission, by=grader, points=Decimal(14 + index % 6),
                feedback="Buen uso de los datos; precise el costo de la recomendación.",
                now=now - dt.timedelta(days=1),
            )  # fmt: skip
