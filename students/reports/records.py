"""The rows the reports add up: one per application (ReportRecord) and one per enrolled person
and module (ModuleReportRecord), written from students/completion.py, so that a report says what
the completion screens say, and counted in the database, so that a report costs the same for 10
or 10,000 people.

The rows of an edition are written again all together: by the worker every REPORT_SECONDS for
the current editions (students/reports/cache.py), by the first report of an edition that has
none, in the background when a report finds them older than REPORT_SECONDS or past the moment
their figures change by themselves (a deadline, the edition's end), and when a coordinator asks.
A report says when its rows were written, and is cached under their version (see versions).
"""

import datetime as dt
import uuid
from collections import defaultdict
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q
from django.utils import timezone

from courses.models import Module, Quiz
from diploma.background import background_task
from diploma.models import Edition
from students.completion import Completion, completion_for
from students.models import (
    Certificate,
    Enrolment,
    EnrolmentTransition,
    LessonProgress,
    ModuleReportRecord,
    QuizAttempt,
    ReportRecord,
)
from students.reports.groups import age_group

Status = Enrolment.Status
REPORT_SECONDS = 15 * 60
CHUNK = 1000
"""Enrolments whose completion is read at a time, which bounds the memory of a refresh."""


def applications(edition: Edition):
    """Every application submitted to the edition, with whether it was ever admitted and
    whether it holds a valid certificate."""
    admitted = EnrolmentTransition.objects.filter(
        enrolment=OuterRef("pk"), to_status=Status.ADMITTED
    )
    certified = Certificate.objects.valid().filter(enrolment=OuterRef("pk"))
    return (
        Enrolment.objects.filter(edition=edition)
        .filter(Q(submitted_at__isnull=False) | ~Q(status=Status.DRAFT))
        .annotate(ever_admitted=Exists(admitted), certified=Exists(certified))
        .order_by("pk")
    )


def stages(enrolment: Enrolment, completion: Completion | None) -> dict[str, bool]:
    """The steps from application to certificate that an application reached."""
    admitted = enrolment.ever_admitted or enrolment.is_active
    reached = {"submitted": True, "admitted": admitted, "enrolled": enrolment.is_active}
    completed = dropped = active = False
    if completion is not None:
        active = bool(completion.hours.minutes or completion.attendance.attended)
        ended_and_met = completion.ended and completion.qualifies
        completed = enrolment.status == Status.COMPLETED or (
            enrolment.status == Status.ADMITTED and ended_and_met
        )
        dropped = not completed and (completion.ended or enrolment.status == Status.NOT_COMPLETED)
    if admitted and enrolment.status == Status.WITHDRAWN:
        dropped = True
    return reached | {
        "active": active,
        "completed": completed,
        "certified": enrolment.certified,
        "dropped": dropped,
    }


def _record(
    enrolment: Enrolment, completion: Completion | None, edition: Edition, now: dt.datetime
) -> ReportRecord:
    record = ReportRecord(
        enrolment=enrolment,
        edition=edition,
        gender=enrolment.declared_gender,
        country=str(enrolment.declared_country or ""),
        sector=enrolment.declared_sector,
        age=age_group(enrolment.declared_birth_year, edition.starts_on.year),
        computed_at=now,
        **stages(enrolment, completion),
    )
    if completion is not None:
        record.minutes = completion.hours.minutes
        record.attendance = completion.attendance.percent
        summary = (
            completion.verdict_grade if completion.ended else completion.grade(released_only=True)
        )
        record.grade = summary.value if summary is not None else None
        record.valid_until = completion.changes_at
    return record


def _lessons_finished(
    edition: Edition, ids: list[int], lessons: dict[int, int]
) -> set[tuple[int, int]]:
    """(enrolment, module) where every published lesson of the module is done, given the
    published lessons of each module. One query."""
    rows = (
        LessonProgress.objects.filter(
            enrolment_id__in=ids, lesson__module__edition=edition, lesson__is_published=True
        )
        .values_list("enrolment_id", "lesson__module_id")
        .annotate(done=Count("pk"))
        .order_by()
    )
    return {(e, m) for e, m, done in rows if lessons.get(m) and done >= lessons[m]}


def _tests(edition: Edition, ids: list[int]) -> dict[tuple[int, int], dict[str, Decimal]]:
    """The best graded pre-test and post-test score of each (enrolment, module), in %."""
    rows = (
        QuizAttempt.objects.filter(
            enrolment_id__in=ids,
            quiz__module__edition=edition,
            quiz__purpose__in=[Quiz.Purpose.PRE_TEST, Quiz.Purpose.POST_TEST],
            status=QuizAttempt.Status.GRADED,
            max_score__gt=0,
        )
        .values_list("enrolment_id", "quiz__module_id", "quiz__purpose")
        .annotate(best=Max(F("score") * 100 / F("max_score")))
        .order_by()
    )
    scores = defaultdict(dict)
    for enrolment_id, module_id, purpose, best in rows:
        scores[(enrolment_id, module_id)][purpose] = Decimal(best).quantize(Decimal("0.01"))
    return scores


def _module_records(
    record: ReportRecord,
    completion: Completion,
    finished: set[tuple[int, int]],
    tests: dict[tuple[int, int], dict[str, Decimal]],
    module_ids: list[int],
) -> list[ModuleReportRecord]:
    programme = completion.programme
    grades = {grade.module.pk: grade for grade in completion.grades.modules}
    rows = []
    for module_id in module_ids:
        key = (record.enrolment_id, module_id)
        grade = grades.get(module_id)
        graded = bool(grade and grade.items)
        value = grade.verdict(programme) if graded and completion.ended else None
        rows.append(
            ModuleReportRecord(
                record=record,
                module_id=module_id,
                finished=key in finished,
                graded=graded,
                passed=value is not None and value >= programme.pass_grade,
                pre_test=tests.get(key, {}).get(Quiz.Purpose.PRE_TEST),
                post_test=tests.get(key, {}).get(Quiz.Purpose.POST_TEST),
            )
        )
    return rows


def refresh(edition: Edition, *, now: dt.datetime | None = None) -> None:
    """Write again the rows of every application to the edition, from its completion."""
    now = now or timezone.now()
    everyone = list(applications(edition))
    if not everyone and not ReportRecord.objects.filter(edition=edition).exists():
        return  # nothing to write, nor any report to renew
    lessons = dict(
        Module.objects.filter(edition=edition)
        .annotate(n=Count("lessons", filter=Q(lessons__is_published=True)))
        .values_list("pk", "n")
    )
    module_ids = list(lessons)
    records, module_records = [], []
    for start in range(0, len(everyone), CHUNK):
        chunk = everyone[start : start + CHUNK]
        enrolled = [enrolment for enrolment in chunk if enrolment.is_active]
        completions = completion_for(edition, enrolled, now=now)
        ids = [enrolment.pk for enrolment in enrolled]
        finished, tests = _lessons_finished(edition, ids, lessons), _tests(edition, ids)
        for enrolment in chunk:
            completion = completions.get(enrolment.pk)
            record = _record(enrolment, completion, edition, now)
            records.append(record)
            if completion is not None:
                module_records += _module_records(record, completion, finished, tests, module_ids)
    with transaction.atomic():
        # One refresh of an edition at a time: the worker's and a first reader's.
        Edition.objects.select_for_update().filter(pk=edition.pk).exists()
        ReportRecord.objects.filter(edition=edition).delete()
        ReportRecord.objects.bulk_create(records, batch_size=CHUNK)
        ModuleReportRecord.objects.bulk_create(module_records, batch_size=CHUNK)
        # Reports cached from the rows of before are then forgotten (see versions).
        transaction.on_commit(
            lambda: cache.set(_version_key(edition.pk), uuid.uuid4().hex[:12], timeout=None)
        )


def _version_key(edition_id: int) -> str:
    return f"report-records-v{edition_id}"


def versions(edition_ids: list[int]) -> str:
    """The versions of these editions' records, for the keys of the reports cached from them:
    writing an edition's records starts a new version. One read of the cache."""
    keys = [_version_key(pk) for pk in edition_ids]
    found = cache.get_many(keys)
    return ".".join(found.get(key, "0") for key in keys)


@background_task
def refresh_later(edition_id: int) -> None:
    edition = Edition.objects.select_related("programme").filter(pk=edition_id).first()
    if edition is not None:
        refresh(edition)
    cache.delete(_queued_key(edition_id))


def queue_refresh(edition: Edition) -> bool:
    """Write the edition's records again in the background, unless that is queued already;
    whether it was queued now."""
    if not cache.add(_queued_key(edition.pk), True, REPORT_SECONDS):
        return False
    refresh_later.enqueue(edition.pk)
    return True


def _queued_key(edition_id: int) -> str:
    return f"report-records-queued:{edition_id}"


def ensure(editions: list[Edition], *, now: dt.datetime | None = None) -> None:
    """Rows for these editions: an edition without any gets them now; rows too old or past their
    moment are written again in the background, once at a time per edition, while readers keep
    those there are. One query when all are fresh."""
    now = now or timezone.now()
    found = {
        row["edition_id"]: row
        for row in ReportRecord.objects.filter(edition__in=editions)
        .values("edition_id")
        .annotate(computed_at=Min("computed_at"), valid_until=Min("valid_until"))
        .order_by()
    }
    for edition in editions:
        row = found.get(edition.pk)
        if row is None:
            refresh(edition, now=now)
            continue
        expired = row["computed_at"] <= now - dt.timedelta(seconds=REPORT_SECONDS) or (
            row["valid_until"] is not None and row["valid_until"] <= now
        )
        if expired:
            queue_refresh(edition)
