"""Reports kept for a while in the shared cache.

A report adds up its records in the database (students/reports/figures.py), whose figures are
written again every REPORT_SECONDS (students/reports/records.py). Each report is kept as long in
the cache that every app server shares, per language (its labels are translated) and under the
versions of its records, so that records written again show at once; it says when its figures
were computed; the worker writes the records of the current editions and computes
their reports ahead of their readers.
"""

import datetime as dt
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import get_language

from courses.models import Module
from diploma.background import background_task
from diploma.models import Edition, Programme
from students.models import ReportRecord
from students.reports import figures, records
from students.reports.figures import Report
from students.reports.programme import programme_report as programme_figures
from students.reports.records import REPORT_SECONDS

# Editions whose reports the worker keeps ready: running ones and those ended lately.
RECENT = dt.timedelta(days=120)


def edition_report(
    edition: Edition,
    *,
    with_comments: bool = False,
    module: Module | None = None,
    fresh: bool = False,
) -> Report:
    key = ":".join(
        ("report", "edition", str(edition.pk), records.versions([edition.pk]),
         str(int(with_comments)), str(module.pk if module else 0), get_language())
    )  # fmt: skip
    compute = partial(figures.edition_report, edition, with_comments=with_comments, module=module)
    return _cached(key, compute, fresh=fresh)


def programme_report(
    programme: Programme, editions: list[Edition], *, fresh: bool = False
) -> Report:
    ids = sorted(edition.pk for edition in editions)
    versions = records.versions(ids)
    key = f"report:programme:{programme.pk}:{','.join(map(str, ids))}:{versions}:{get_language()}"
    return _cached(key, partial(programme_figures, programme, editions), fresh=fresh)


def _cached(key: str, compute, *, fresh: bool) -> Report:
    """The cached report, or a new one stored for REPORT_SECONDS; `fresh` always computes
    (readers keep getting the previous one until the new one is stored)."""
    report = None if fresh else cache.get(key)
    if report is None:
        report = compute()
        cache.set(key, report, REPORT_SECONDS)
    return report


@background_task
def prepare_reports() -> int:
    """Write again the records of the current editions (and, once, of editions that have none),
    then, once they are committed, compute their reports; the number of editions."""
    since = timezone.localdate() - RECENT
    editions = list(
        Edition.objects.filter(starts_on__lte=timezone.localdate(), ends_on__gte=since)
        .select_related("programme__host")
        .order_by("pk")
    )
    unwritten = Edition.objects.exclude(
        pk__in=ReportRecord.objects.values("edition_id")
    ).select_related("programme")
    for edition in {*editions, *unwritten}:
        records.refresh(edition)
    ids = [edition.pk for edition in editions]
    transaction.on_commit(lambda: compute_reports.enqueue(ids))
    return len(editions)


@background_task
def compute_reports(edition_ids: list[int]) -> None:
    """The reports of these editions, and of their programmes over all their editions, in
    every language, computed for their readers."""
    editions = list(
        Edition.objects.filter(pk__in=edition_ids).select_related("programme__host").order_by("pk")
    )
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for edition in editions:
                for with_comments in (False, True):
                    edition_report(edition, with_comments=with_comments, fresh=True)
            for programme in {edition.programme for edition in editions}:
                every = list(programme.editions.order_by("starts_on", "pk"))
                programme_report(programme, every, fresh=True)
