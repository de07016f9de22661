"""Reports kept for a while in the shared cache.

An edition's report is a pass over the completion of every enrolment (students/completion.py,
the figures every other page shows), so it costs time in proportion to the edition, while it is
read far more often than its figures move. Each report is kept for REPORT_SECONDS in the cache
that every app server shares, per language (its labels are translated), and says when it was
computed; the worker computes the reports of the current editions ahead of their readers.
"""

import datetime as dt
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import get_language

from courses.models import Module
from diploma.background import background_task
from diploma.models import Edition, Programme
from students.reports import figures
from students.reports.figures import Report

REPORT_SECONDS = 15 * 60
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
        ("report", "edition", str(edition.pk), str(int(with_comments)),
         str(module.pk if module else 0), get_language())
    )  # fmt: skip
    compute = partial(figures.edition_report, edition, with_comments=with_comments, module=module)
    return _cached(key, compute, fresh=fresh)


def programme_report(
    programme: Programme, editions: list[Edition], *, fresh: bool = False
) -> Report:
    ids = ",".join(str(edition.pk) for edition in sorted(editions, key=lambda e: e.pk))
    key = f"report:programme:{programme.pk}:{ids}:{get_language()}"
    return _cached(key, partial(figures.programme_report, programme, editions), fresh=fresh)


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
    """Compute again the reports of the current editions, and of their programmes over all
    their editions, in every language; the number of editions."""
    since = timezone.localdate() - RECENT
    editions = list(
        Edition.objects.filter(starts_on__lte=timezone.localdate(), ends_on__gte=since)
        .select_related("programme__host")
        .order_by("pk")
    )
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for edition in editions:
                for with_comments in (False, True):
                    edition_report(edition, with_comments=with_comments, fresh=True)
            for programme in {edition.programme for edition in editions}:
                every = list(programme.editions.order_by("starts_on", "pk"))
                programme_report(programme, every, fresh=True)
    return len(editions)
