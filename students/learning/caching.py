"""The keys and lifetimes of what the learning pages cache (students/learning/)."""

import datetime as dt
from collections.abc import Sequence

from django.urls import reverse

from courses.models import Module
from diploma.content_versions import (
    earliest_after,
    short_key,
    version_tag,
)
from diploma.models import Edition
from students.models import Enrolment


def student_tag(enrolments: Sequence[Enrolment]) -> str:
    """What a student's cached progress and record depend on: the content versions of the
    editions and the progress versions of the enrolments."""
    versions = version_tag(
        editions=[e.edition_id for e in enrolments], enrolments=[e.pk for e in enrolments]
    )
    return short_key(versions)


def module_url(edition: Edition, module: Module) -> str:
    return reverse("learn:module-detail", kwargs={"edition": edition.slug, "module": module.slug})


def seconds_until_next(now: dt.datetime, at_most: int, *moments: dt.datetime | None) -> int:
    """Seconds until the first of these moments still to come, `at_most` if sooner."""
    first = earliest_after(now, *moments)
    if first is None:
        return at_most
    return max(0, min(at_most, int((first - now).total_seconds())))
