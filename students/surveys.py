"""The evaluation surveys students answer once: at the end of each module and of the edition.

When a survey opens:
- a module's survey, once the student has done every published lesson of the module, or once
  the module's last live session is over, or once the edition has ended;
- the edition's survey, from SURVEY_DAYS_BEFORE_END days before the edition's last day on.
Both stay open after the edition ends, for as long as the enrolment is active. A survey with no
statement asked (none written by the coordinators, or all unticked) is never offered.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from courses.models import LiveSession, Module
from diploma.content_versions import progress_changed
from diploma.models import Edition
from students.models import Enrolment, LessonProgress, SurveyAnswer, SurveyResponse, SurveyStatement

SURVEY_DAYS_BEFORE_END = 14


class AlreadyAnswered(Exception):
    """The student has answered this survey before."""


def statements_for(edition: Edition, *, module: Module | None) -> list[SurveyStatement]:
    """The statements asked in the survey of a module (or of the edition), in order. One query."""
    scope = SurveyStatement.Scope.MODULE if module is not None else SurveyStatement.Scope.EDITION
    return list(
        SurveyStatement.objects.filter(
            programme_id=edition.programme_id, scope=scope, is_active=True
        ).order_by("order", "id")
    )


def has_answered(enrolment: Enrolment, *, module: Module | None) -> bool:
    """One query."""
    return SurveyResponse.objects.filter(enrolment=enrolment, module=module).exists()


def edition_survey_opens_on(edition: Edition) -> dt.date:
    return edition.ends_on - dt.timedelta(days=SURVEY_DAYS_BEFORE_END)


def edition_survey_is_open(edition: Edition, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return edition.has_ended(now) or timezone.localdate(now) >= edition_survey_opens_on(edition)


def _module_figures(modules, enrolment_ids, now: dt.datetime):
    """Modules annotated with what decides whether their survey is open to a student: their
    published lessons, the student's done lessons, their last session's end."""
    published = Q(lessons__is_published=True)
    done = (
        LessonProgress.objects.filter(
            enrolment__edition=OuterRef("edition"),
            enrolment_id__in=enrolment_ids,
            lesson__module=OuterRef("pk"),
            lesson__is_published=True,
        )
        .order_by()
        .values("lesson__module")
        .annotate(done=Count("pk"))
        .values("done")
    )
    last_session = (
        LiveSession.objects.filter(module=OuterRef("pk"))
        .order_by()
        .values("module")
        .annotate(last=Max("ends_at"))
        .values("last")
    )
    answered = SurveyResponse.objects.filter(module=OuterRef("pk"), enrolment_id__in=enrolment_ids)
    return modules.annotate(
        published_lessons=Count("lessons", filter=published),
        done_lessons=Subquery(done),
        last_session_ends_at=Subquery(last_session),
        answered=Exists(answered),
    )


def module_survey_is_open(module: Module, now: dt.datetime | None = None) -> bool:
    """For a module annotated by _module_figures, with its edition."""
    now = now or timezone.now()
    if not module.is_released(now):
        return False
    lessons = module.published_lessons
    lessons_done = lessons and (module.done_lessons or 0) >= lessons
    sessions_over = module.last_session_ends_at is not None and module.last_session_ends_at <= now
    return bool(lessons_done or sessions_over or module.edition.has_ended(now))


def module_for_survey(module: Module, enrolment: Enrolment, now: dt.datetime) -> Module:
    """The module annotated for module_survey_is_open, for one student. One query."""
    annotated = _module_figures(Module.objects.filter(pk=module.pk), [enrolment.pk], now).get()
    annotated.edition = enrolment.edition
    return annotated


@dataclass
class Pending:
    title: str
    edition: str
    url: str


def pending_for(user, now: dt.datetime | None = None) -> list[Pending]:
    """The surveys `user` may answer now and has not answered yet, across their editions. At
    most four queries, whatever the number of editions and modules."""
    now = now or timezone.now()
    enrolments = {
        e.edition_id: e
        for e in Enrolment.objects.active().filter(user=user).select_related("edition__programme")
    }
    if not enrolments:
        return []
    asked = set(
        SurveyStatement.objects.filter(
            programme__in={e.edition.programme_id for e in enrolments.values()}, is_active=True
        )
        .values_list("programme_id", "scope")
        .distinct()
    )
    if not asked:
        return []
    ids = [e.pk for e in enrolments.values()]
    pending = []
    with_module_survey = [
        edition_id
        for edition_id, e in enrolments.items()
        if (e.edition.programme_id, SurveyStatement.Scope.MODULE) in asked
    ]
    modules = _module_figures(
        Module.objects.filter(edition_id__in=with_module_survey).order_by("edition", "order", "id"),
        ids,
        now,
    )
    for module in modules if with_module_survey else []:
        enrolment = enrolments[module.edition_id]
        module.edition = enrolment.edition
        if not module.answered and module_survey_is_open(module, now):
            pending.append(
                Pending(
                    title=module.title,
                    edition=str(enrolment.edition.programme.title),
                    url=reverse("surveys:module", args=[enrolment.edition.slug, module.slug]),
                )
            )
    answered_editions = set(
        SurveyResponse.objects.filter(enrolment_id__in=ids, module__isnull=True).values_list(
            "enrolment__edition_id", flat=True
        )
    )
    for edition_id, enrolment in enrolments.items():
        edition = enrolment.edition
        if (
            (edition.programme_id, SurveyStatement.Scope.EDITION) in asked
            and edition_id not in answered_editions
            and edition_survey_is_open(edition, now)
        ):
            pending.append(
                Pending(
                    title=edition.name,
                    edition=str(edition.programme.title),
                    url=reverse("surveys:edition", args=[edition.slug]),
                )
            )
    return pending


def answer(
    *,
    enrolment: Enrolment,
    module: Module | None,
    scores: dict[SurveyStatement, int],
    texts: dict[SurveyStatement, str],
) -> SurveyResponse:
    """Record the student's one response; AlreadyAnswered when there is one (the database's
    unique constraints decide, also under two requests at once)."""
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(enrolment=enrolment, module=module)
            SurveyAnswer.objects.bulk_create(
                [SurveyAnswer(response=response, statement=s, score=v) for s, v in scores.items()]
                + [
                    SurveyAnswer(response=response, statement=s, text=v)
                    for s, v in texts.items()
                    if v
                ]
            )
    except IntegrityError as error:
        raise AlreadyAnswered from error
    progress_changed([enrolment.pk])  # the dashboard's list of surveys to answer
    return response
