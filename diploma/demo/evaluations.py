"""Demo evaluations: what people declared when they applied, a pre-test and a post-test in each
module of the past edition with everyone's scores, and the evaluation survey answered there, so
that the partner's report of that edition is full. Running it twice leaves the same rows."""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from courses.models import Module, Quiz
from diploma.demo.certificates import SLUG as PAST_SLUG
from diploma.models import Edition, Programme
from students.models import (
    Enrolment,
    QuizAttempt,
    StudentProfile,
    SurveyAnswer,
    SurveyResponse,
    SurveyStatement,
)

SEED = 12
GENDERS = [("woman", 50), ("man", 38), ("non_binary", 2), ("undisclosed", 6), ("", 4)]
STATEMENTS = [
    ("module", "scale", "El módulo fue útil para mi trabajo.",
     "The module was useful for my work."),
    ("module", "scale", "Los materiales fueron claros.", "The materials were clear."),
    ("module", "text", "¿Qué mejoraría de este módulo?", "What would you improve in this module?"),
    ("edition", "scale", "Recomendaría el diploma a un colega.",
     "I would recommend the diploma to a colleague."),
    ("edition", "scale", "Puedo aplicar lo aprendido en mi institución.",
     "I can apply what I learnt in my institution."),
    ("edition", "text", "¿Qué cambiaría del diploma?", "What would you change in the diploma?"),
]  # fmt: skip
COMMENTS = [
    "Más casos prácticos de la región.",
    "Las sesiones en vivo podrían grabarse siempre.",
    "Más tiempo para el trabajo final.",
]


def load_evaluations(*, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    rng = random.Random(SEED)
    _profiles(rng)
    _declared()
    for programme in Programme.objects.all():
        _statements(programme)
    past = Edition.objects.filter(slug=PAST_SLUG).first()
    if past is not None:
        enrolments = list(Enrolment.objects.active().filter(edition=past).order_by("pk"))
        _tests(rng, past, enrolments, now)
        _answers(rng, past, enrolments)


def _profiles(rng: random.Random) -> None:
    """A gender and a year of birth for demo students who have none (a few keep none)."""
    changed = []
    for profile in StudentProfile.objects.order_by("pk"):
        keys, weights = zip(*GENDERS, strict=True)
        gender = rng.choices(keys, weights)[0]
        year = rng.randint(1960, 2000) if rng.random() > 0.08 else None
        if not profile.gender or profile.year_of_birth is None:
            profile.gender = profile.gender or gender
            profile.year_of_birth = profile.year_of_birth or year
            changed.append(profile)
    StudentProfile.objects.bulk_update(changed, ["gender", "year_of_birth"])


def _declared() -> None:
    """The demo writes its applications directly: keep their facts as submission would."""
    rows = Enrolment.objects.exclude(status=Enrolment.Status.DRAFT).select_related("user__profile")
    changed = []
    for enrolment in rows:
        profile = getattr(enrolment.user, "profile", None)
        if profile is None:
            continue
        enrolment.declared_gender = profile.gender
        enrolment.declared_country = profile.country
        enrolment.declared_sector = profile.sector
        enrolment.declared_birth_year = profile.year_of_birth
        changed.append(enrolment)
    Enrolment.objects.bulk_update(
        changed,
        ["declared_gender", "declared_country", "declared_sector", "declared_birth_year"],
        batch_size=500,
    )


def _statements(programme: Programme) -> None:
    for order, (scope, kind, text_es, text_en) in enumerate(STATEMENTS, start=1):
        SurveyStatement.objects.update_or_create(
            programme=programme, scope=scope, order=order,
            defaults={"kind": kind, "text_es": text_es, "text_en": text_en},
        )  # fmt: skip


def _tests(rng: random.Random, edition: Edition, enrolments, now: dt.datetime) -> None:
    """Out of 10 points: a pre-test score, then a post-test score no lower."""
    for module in Module.objects.filter(edition=edition).order_by("order"):
        pre = _quiz(module, Quiz.Purpose.PRE_TEST, "prueba-de-entrada", "Prueba de entrada")
        post = _quiz(module, Quiz.Purpose.POST_TEST, "prueba-de-salida", "Prueba de salida")
        for enrolment in enrolments:
            before = rng.randint(3, 7)
            after = min(10, before + rng.randint(0, 4))
            for quiz, score in ((pre, before), (post, after)):
                QuizAttempt.objects.update_or_create(
                    enrolment=enrolment, quiz=quiz, number=1,
                    defaults={"status": QuizAttempt.Status.GRADED, "submitted_at": now,
                              "score": Decimal(score), "max_score": Decimal(10)},
                )  # fmt: skip


def _quiz(module: Module, purpose: str, slug: str, title: str) -> Quiz:
    quiz, _ = Quiz.objects.update_or_create(
        module=module, slug=slug,
        defaults={"title": title, "purpose": purpose, "is_published": True, "weight": 0},
    )  # fmt: skip
    return quiz


def _answers(rng: random.Random, edition: Edition, enrolments) -> None:
    statements = list(SurveyStatement.objects.filter(programme_id=edition.programme_id))
    modules = [*Module.objects.filter(edition=edition).order_by("order"), None]
    for enrolment in enrolments:
        for module in modules:
            # Each answer drawn from its own seed: a second run skips the same people.
            rng = random.Random(f"{SEED}-{enrolment.pk}-{module.pk if module else 0}")
            if rng.random() < 0.2:
                continue  # not everyone answers
            response, created = SurveyResponse.objects.get_or_create(
                enrolment=enrolment, module=module
            )
            if not created:
                continue
            scope = "module" if module else "edition"
            for statement in (s for s in statements if s.scope == scope):
                if statement.kind == "scale":
                    SurveyAnswer.objects.create(
                        response=response, statement=statement, score=rng.choice([3, 4, 4, 5, 5])
                    )
                elif rng.random() < 0.3:
                    SurveyAnswer.objects.create(
                        response=response, statement=statement, text=rng.choice(COMMENTS)
                    )
