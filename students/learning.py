"""What the pages of the learning space (/learn/) show a student: cached.

The keys are also those of the fragments of the pages that show the values, with their
`fragment_seconds` as timeout; they carry the content versions of the editions and the
progress versions of the enrolments (diploma/content_versions.py). Lessons are not cached for
readers who preview (enrolment None): they are the ones who edit them.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from courses.markdown import render_markdown
from courses.models import Announcement, Assignment, Lesson, LiveSession, Module, Quiz, Resource
from diploma.content_versions import (
    cached_until,
    earliest_after,
    remembered,
    short_key,
    version_tag,
)
from diploma.models import Edition
from diploma.queries import count_of
from students import agenda
from students.attendance import Tally, sessions_with_taken, tally
from students.completion import Figures, completion_for
from students.grades import Formula, GradeSummary, grades_for_edition
from students.models import (
    APPLICATION_IN_PROGRESS,
    Attendance,
    Enrolment,
    QuizAttempt,
    StudentProfile,
    Submission,
)
from students.progress import (
    Progress,
    module_lessons,
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
        module.url = _module_url(editions[module.edition_id], module)
    for session in sessions.values():
        session.module_url = _module_url(editions[session.module.edition_id], session.module)
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


@dataclass
class Outline:
    """The lessons of a module as one reader sees them, see module_outline."""

    lessons: list[Lesson]
    module_url: str
    fragment_key: str | None
    """For fragments that show these lessons; None when they are not cached."""
    fragment_seconds: int = 0


def module_outline(module: Module, enrolment: Enrolment | None, *, now: dt.datetime) -> Outline:
    """module_lessons, each lesson with its `url`; cached for a student (one query to compute).

    `module.edition` must be set.
    """
    if enrolment is None:
        lessons, module_url = _outline(module, None, now)[0]
        return Outline(lessons, module_url, None)
    key = f"learn-outline:{module.pk}:{student_tag([enrolment])}"
    cached = cached_until(key, now, lambda: _outline(module, enrolment, now))
    lessons, module_url = cached.value
    return Outline(lessons, module_url, cached.fragment_key(key), cached.seconds_left(now))


def _outline(
    module: Module, enrolment: Enrolment | None, now: dt.datetime
) -> tuple[tuple[list[Lesson], str], dt.datetime | None]:
    lessons = module_lessons(module, enrolment, now=now)
    # A lesson's URL extends its module's: one reverse() instead of one per lesson.
    module_url = _module_url(module.edition, module)
    for lesson in lessons:
        lesson.url = f"{module_url}{lesson.slug}/"
    valid_until = earliest_after(
        now,
        module.release_at,
        *(lesson.release_at for lesson in lessons if lesson.is_published),
    )
    return (lessons, module_url), valid_until


@dataclass
class ModuleNews:
    """What the module page shows every reader besides the lessons, see module_news."""

    sessions: list[LiveSession]
    announcements: list[Announcement]
    """The latest ten, each with its sanitised `body_html`."""
    fragment_key: str
    fragment_seconds: int


def module_news(module: Module, *, now: dt.datetime) -> ModuleNews:
    """The module's live sessions and latest announcements: the same for every reader, cached
    (two queries to compute). The student's attendance is not: see module_attendance."""
    key = f"learn-module:{module.pk}:{version_tag(editions=[module.edition_id])}"
    cached = cached_until(key, now, lambda: _module_news(module, now))
    sessions, announcements = cached.value
    return ModuleNews(sessions, announcements, cached.fragment_key(key), cached.seconds_left(now))


def _module_news(
    module: Module, now: dt.datetime
) -> tuple[tuple[list[LiveSession], list[Announcement]], None]:
    sessions = list(module.sessions.all())
    announcements = list(module.announcements.filter(published_at__lte=now)[:10])
    for announcement in announcements:
        announcement.body_html = render_markdown(announcement.body)
    return (sessions, announcements), None


def module_attendance(
    module: Module,
    sessions: Sequence[LiveSession],
    enrolment: Enrolment | None,
    *,
    now: dt.datetime,
) -> str:
    """Set the student's `my_attendance` label on each session, and on the enrolment the
    `module_tally` of the module's sessions (attendance.tally, the count every page
    shows); cached under the student's progress version (three queries to compute, none
    without sessions). Returns the key of what they depend on, for the fragment that shows
    them."""
    if enrolment is None or not sessions:
        for session in sessions:
            session.my_attendance = ""
        return "none"
    key = f"learn-attendance:{module.pk}:{student_tag([enrolment])}"

    def compute() -> tuple[tuple[dict[int, str], Tally], None]:
        rows = Attendance.objects.filter(
            enrolment=enrolment, session__in=[session.pk for session in sessions]
        ).values_list("session_id", "status")
        held = sessions_with_taken(LiveSession.objects.filter(module=module))
        return (dict(rows), tally([enrolment], held, now=now)[enrolment.pk]), None

    statuses, enrolment.module_tally = cached_until(key, now, compute).value
    for session in sessions:
        status = statuses.get(session.pk)
        session.my_attendance = Attendance.Status(status).label if status else ""
    return key


def lesson_resources(lesson: Lesson, *, now: dt.datetime) -> list[Resource]:
    """The lesson's resources in order, cached (one query to compute)."""
    key = f"learn-resources:{lesson.pk}:{version_tag(editions=[lesson.module.edition_id])}"

    def compute() -> tuple[list[Resource], None]:
        resources = list(lesson.resources.order_by("order", "id"))
        for resource in resources:
            resource.lesson = lesson  # for its address
        return resources, None

    return cached_until(key, now, compute).value


def student_tag(enrolments: Sequence[Enrolment]) -> str:
    """What a student's cached progress and record depend on: the content versions of the
    editions and the progress versions of the enrolments."""
    versions = version_tag(
        editions=[e.edition_id for e in enrolments], enrolments=[e.pk for e in enrolments]
    )
    return short_key(versions)


def _module_url(edition: Edition, module: Module) -> str:
    return reverse("learn:module-detail", kwargs={"edition": edition.slug, "module": module.slug})


@dataclass
class ModuleAssessments:
    """The module's published quizzes and assignments with the student's own state, and the
    module grade with its formula once released, see module_assessments."""

    quizzes: list[Quiz]
    assignments: list[Assignment]
    formula: Formula | None = None
    grade: GradeSummary | None = None
    fragment_key: str | None = None
    """For the fragment that shows them; None when they are not cached."""
    fragment_seconds: int = 0


def module_assessments(
    module: Module, enrolment: Enrolment | None, *, now: dt.datetime
) -> ModuleAssessments:
    """Cached for a student under the module's content and the student's progress versions
    (three to six queries to compute), with the key of the fragment that shows them; readers
    who preview also see drafts, uncached."""
    if enrolment is None:
        return _assessments(module, None, now)[0]
    if not module.is_released(now):
        return ModuleAssessments([], [])
    key = f"learn-assessments:{module.pk}:{student_tag([enrolment])}"
    cached = cached_until(key, now, lambda: _assessments(module, enrolment, now))
    assessments = cached.value
    assessments.fragment_key = cached.fragment_key(key)
    assessments.fragment_seconds = cached.seconds_left(now)
    return assessments


def _assessments(
    module: Module, enrolment: Enrolment | None, now: dt.datetime
) -> tuple[ModuleAssessments, dt.datetime | None]:
    quizzes = module.quizzes.defer("instructions").order_by("opens_at", "id")
    assignments = module.assignments.defer("instructions").order_by("due_at", "id")
    if enrolment is not None:
        # order_by(): the models' default orderings would join four tables into each subquery.
        mine = QuizAttempt.objects.filter(quiz=OuterRef("pk"), enrolment=enrolment).order_by()
        graded = mine.filter(status=QuizAttempt.Status.GRADED).order_by("-score")
        quizzes = quizzes.filter(is_published=True).annotate(
            used=count_of(mine),
            open_attempt=Subquery(
                mine.filter(status=QuizAttempt.Status.IN_PROGRESS).values("number")[:1]
            ),
            best_score=Subquery(graded.values("score")[:1]),
            best_max=Subquery(graded.values("max_score")[:1]),
        )
        own = Submission.objects.filter(assignment=OuterRef("pk"), enrolment=enrolment).order_by()
        assignments = assignments.filter(is_published=True).annotate(
            my_submitted_at=Subquery(own.values("submitted_at")[:1]),
            is_graded=Exists(own.filter(points__isnull=False)),
        )
    base = module.get_absolute_url()
    quizzes, assignments = list(quizzes), list(assignments)
    for quiz in quizzes:
        quiz.url = f"{base}quizzes/{quiz.slug}/"
        quiz.show_score = quiz.score_visible(now)
        quiz.closed = quiz.is_closed(now)
        quiz.not_open_yet = not quiz.has_opened(now)
    for assignment in assignments:
        assignment.url = f"{base}assignments/{assignment.slug}/"
        assignment.past_due = assignment.is_past_due(now)
    result = ModuleAssessments(quizzes, assignments)
    if enrolment is not None and module.grades_released and (quizzes or assignments):
        edition = module.edition
        grade = grades_for_edition(edition, [enrolment], modules=[module])[enrolment.pk]
        grade = grade.of_module(module)
        ended, programme = edition.has_ended(now), edition.programme
        result.formula = grade.formula(programme, now=now, ended=ended, released_only=True)
        result.grade = grade.summary(programme, now=now, ended=ended, released_only=True)
    # What is shown changes by itself when a quiz opens or closes or an assignment falls due.
    valid_until = earliest_after(
        now,
        *(quiz.opens_at for quiz in quizzes),
        *(quiz.closes_at for quiz in quizzes),
        *(assignment.due_at for assignment in assignments),
    )
    return result, valid_until


def seconds_until_next(now: dt.datetime, at_most: int, *moments: dt.datetime | None) -> int:
    """Seconds until the first of these moments still to come, `at_most` if sooner."""
    first = earliest_after(now, *moments)
    if first is None:
        return at_most
    return max(0, min(at_most, int((first - now).total_seconds())))
