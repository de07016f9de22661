"""What the student's dashboard shows: cached under the versions of what it shows (see
students/learning/__init__.py)."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.utils import timezone

from courses.markdown import render_markdown
from courses.models import Announcement, Lesson, LiveSession, Module
from diploma.content_versions import (
    cached_until,
    earliest_after,
    remembered,
    version_tag,
)
from diploma.models import Edition
from students import agenda
from students.attendance import Tally
from students.completion import Figures, completion_for
from students.learning.caching import module_url, student_tag
from students.models import (
    APPLICATION_IN_PROGRESS,
    Enrolment,
    StudentProfile,
)
from students.progress import (
    Progress,
    modules_with_totals,
    next_lessons,
    progress_for,
)


def next_sessions(
    edition_ids: Sequence[int], *, now: dt.datetime | None = None
) -> dict[int, LiveSession]:
    """The next live session (or the one under way) of each edition, with its module.

    One query, over the sessions still to come in these editions: a timetable, not a
    number that grows with the students.
    """
    if not edition_ids:
        return {}
    now = now or timezone.now()
    upcoming = (
        LiveSession.objects.filter(module__edition__in=edition_ids, ends_at__gt=now)
        .select_related("module")
        .defer("module__summary")
        .order_by("starts_at", "pk")
    )
    first: dict[int, LiveSession] = {}
    for session in upcoming:
        first.setdefault(session.module.edition_id, session)
    return first


def recent_announcements(
    edition_ids: Sequence[int], *, limit: int = 5, now: dt.datetime | None = None
) -> list[Announcement]:
    """The latest announcements of these editions and of their modules: one query."""
    if not edition_ids:
        return []
    return list(
        Announcement.objects.filter(
            edition__in=edition_ids, published_at__lte=now or timezone.now()
        )
        .select_related("edition", "module")
        .order_by("-published_at", "-id")[:limit]
    )


def enrolments_and_applications(
    user: AbstractBaseUser, *, now: dt.datetime
) -> tuple[list[Enrolment], list[Enrolment]]:
    """The user's active enrolments, latest edition first, and applications in progress
    (those of applications.applications_of), newest first; with `edition.programme`.

    This process remembers them while the versions of the user's enrolments and of their
    editions' content stay the same (a new application or status, an edited edition); checking
    them is the page's one read of the versions. The editions and programmes come from the
    cache too, so a page needs a query here only after a change.
    """
    active = Q(status__in=Enrolment.ACTIVE_STATUSES)
    mine = remembered(
        f"learn-enrolments:{user.pk}",
        lambda mine: _enrolment_versions(user, mine),
        lambda: list(
            Enrolment.objects.filter(active | APPLICATION_IN_PROGRESS, user=user).order_by(
                "-edition__starts_on", "pk"
            )
        ),
    )
    editions = _editions({enrolment.edition_id for enrolment in mine}, now)
    enrolments, applications = [], []
    for enrolment in mine:
        enrolment.edition = editions[enrolment.edition_id]
        (enrolments if enrolment.is_active else applications).append(enrolment)
    applications.sort(key=attrgetter("created_at"), reverse=True)
    return enrolments, applications


def _enrolment_versions(user: AbstractBaseUser, mine: list[Enrolment]) -> str:
    """The versions the dashboard's enrolments depend on, with the progress versions that it
    shows next (one read)."""
    return version_tag(
        users=[user.pk],
        editions={enrolment.edition_id for enrolment in mine},
        enrolments=[enrolment.pk for enrolment in mine if enrolment.is_active],
    )


def _editions(edition_ids: set[int], now: dt.datetime) -> dict[int, Edition]:
    if not edition_ids:
        return {}

    def compute() -> tuple[dict[int, Edition], None]:
        editions = Edition.objects.filter(pk__in=edition_ids).select_related("programme")
        return {edition.pk: edition for edition in editions}, None

    return cached_until(
        f"learn-editions-rows:{version_tag(editions=edition_ids)}", now, compute
    ).value


@dataclass
class EditionsOverview:
    """What the dashboard shows of some editions to each of their students."""

    modules: list[Module]
    """modules_with_totals, each with its `url`."""
    next_sessions: dict[int, LiveSession]
    """next_sessions, each with `module_url`."""
    announcements: list[Announcement]
    """recent_announcements, each with its sanitised `body_html`."""


@dataclass
class Dashboard:
    """What the dashboard shows of one student's active enrolments."""

    modules: list[Module]
    progress: dict[int, Progress]
    """By enrolment, see progress_for."""
    next_lessons: dict[int, Lesson]
    """By enrolment, see next_lessons; each with its `url`."""
    next_sessions: dict[int, LiveSession]
    announcements: list[Announcement]
    figures: dict[int, "Figures"]
    """By enrolment: hours, grade and standing, see Completion.figures."""
    attendance: dict[int, Tally]
    """By enrolment: the student's attendance in the edition, see attendance.tally."""
    what_is_next: dict[int, list[agenda.Item]]
    """By enrolment, see agenda.what_is_next."""
    time_zone: str
    """Where the student reads times: their profile's time zone, else the edition's."""
    fragment_key: str
    """For fragments that show the student's progress in these editions."""
    editions_key: str
    """For fragments that show only what all students of these editions see."""
    fragment_seconds: int
    agenda_key: str
    """For the fragments that show what is next and the attendance."""
    agenda_seconds: int


def dashboard_of(enrolments: Sequence[Enrolment], *, now: dt.datetime) -> Dashboard:
    """The dashboard of one student's active enrolments, which come with `edition.programme`.

    Cached in three parts: what every student of the editions sees (three queries to compute),
    the student's progress (two queries) and what is next for the student (nine queries).
    Each enrolment gets `what_is_next`, `attendance_tally` and `time_zone`, for the cards.
    """
    editions = {enrolment.edition_id: enrolment.edition for enrolment in enrolments}
    editions_key = f"learn-editions:{version_tag(editions=editions)}"
    shared = cached_until(editions_key, now, lambda: _editions_overview(editions, now))
    overview = shared.value
    fragment_key = f"learn-progress:{student_tag(enrolments)}"
    own = cached_until(fragment_key, now, lambda: _own_progress(enrolments, overview, now))
    progress, continue_at, figures, attendance = own.value
    agenda_key = f"learn-agenda:{student_tag(enrolments)}"
    agenda = cached_until(agenda_key, now, lambda: _what_is_next(enrolments, now))
    next_items, time_zone = agenda.value
    for module in overview.modules:
        module.edition = editions[module.edition_id]
    for enrolment in enrolments:
        enrolment.what_is_next = next_items.get(enrolment.pk, [])
        enrolment.attendance_tally = attendance.get(enrolment.pk)
        enrolment.time_zone = time_zone or enrolment.edition.time_zone
    return Dashboard(
        modules=overview.modules,
        progress=progress,
        next_lessons=continue_at,
        figures=figures,
        attendance=attendance,
        what_is_next=next_items,
        time_zone=time_zone,
        next_sessions=overview.next_sessions,
        announcements=overview.announcements,
        fragment_key=shared.fragment_key(own.fragment_key(fragment_key)),
        editions_key=shared.fragment_key(editions_key),
        fragment_seconds=min(shared.seconds_left(now), own.seconds_left(now)),
        agenda_key=own.fragment_key(agenda.fragment_key(agenda_key)),
        agenda_seconds=min(agenda.seconds_left(now), own.seconds_left(now)),
    )


def _editions_overview(
    editions: dict[int, Edition], now: dt.datetime
) -> tuple[EditionsOverview, dt.datetime | None]:
    modules = modules_with_totals(list(editions), now=now)
    sessions = next_sessions(list(editions), now=now)
    announcements = recent_announcements(list(editions), now=now)
    for module in modules:
        module.url = module_url(editions[module.edition_id], module)
    for session in sessions.values():
        session.module_url = module_url(editions[session.module.edition_id], session.module)
    for announcement in announcements:
        announcement.body_html = render_markdown(announcement.body)
    valid_until = earliest_after(
        now,
        *(module.release_at for module in modules),
        *(module.next_release for module in modules),
        *(session.ends_at for session in sessions.values()),
    )
    return EditionsOverview(modules, sessions, announcements), valid_until


def _what_is_next(
    enrolments: Sequence[Enrolment], now: dt.datetime
) -> tuple[tuple[dict[int, list[agenda.Item]], str], dt.datetime | None]:
    items = agenda.what_is_next(enrolments, now=now)
    # A change of the profile's time zone shows within CONTENT_CACHE_SECONDS.
    time_zone = (
        StudentProfile.objects.filter(user_id=enrolments[0].user_id)
        .values_list("time_zone", flat=True)
        .first()
    )
    moments = [m for mine in items.values() for item in mine for m in (item.at, item.ends_at)]
    return (items, time_zone or ""), earliest_after(now, *moments)


def _own_progress(
    enrolments: Sequence[Enrolment], overview: EditionsOverview, now: dt.datetime
) -> tuple[
    tuple[dict[int, Progress], dict[int, Lesson], dict[int, Figures], dict[int, Tally]],
    dt.datetime | None,
]:
    progress = progress_for(enrolments, modules=overview.modules, now=now)
    continue_at = next_lessons(enrolments, progress, overview.modules, now=now)
    for lesson in continue_at.values():
        lesson.url = f"{lesson.module.url}{lesson.slug}/"
    records = {}
    for enrolment in enrolments:
        records.update(completion_for(enrolment.edition, [enrolment], now=now))
    # The same moments as the overview's, when the readable lessons change, and the moments
    # the standing changes by itself.
    valid_until = earliest_after(
        now,
        *(module.release_at for module in overview.modules),
        *(module.next_release for module in overview.modules),
        *(record.changes_at for record in records.values()),
    )
    figures = {pk: record.figures() for pk, record in records.items()}
    attendance = {pk: record.attendance for pk, record in records.items()}
    return (progress, continue_at, figures, attendance), valid_until
