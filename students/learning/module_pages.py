"""What a module's and a lesson's pages show a student: cached under the versions of what they
show (see students/learning/__init__.py)."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Subquery

from courses.markdown import render_markdown
from courses.models import Announcement, Assignment, Lesson, LiveSession, Module, Quiz, Resource
from diploma.content_versions import (
    cached_until,
    earliest_after,
    version_tag,
)
from diploma.queries import count_of
from students.attendance import Tally, sessions_with_taken, tally
from students.grades import Formula, GradeSummary, grades_for_edition
from students.learning.caching import module_url, student_tag
from students.models import (
    Attendance,
    Enrolment,
    QuizAttempt,
    Submission,
)
from students.progress import module_lessons


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
        lessons, url = _outline(module, None, now)[0]
        return Outline(lessons, url, None)
    key = f"learn-outline:{module.pk}:{student_tag([enrolment])}"
    cached = cached_until(key, now, lambda: _outline(module, enrolment, now))
    lessons, url = cached.value
    return Outline(lessons, url, cached.fragment_key(key), cached.seconds_left(now))


def _outline(
    module: Module, enrolment: Enrolment | None, now: dt.datetime
) -> tuple[tuple[list[Lesson], str], dt.datetime | None]:
    lessons = module_lessons(module, enrolment, now=now)
    # A lesson's URL extends its module's: one reverse() instead of one per lesson.
    base = module_url(module.edition, module)
    for lesson in lessons:
        lesson.url = f"{base}{lesson.slug}/"
    valid_until = earliest_after(
        now,
        module.release_at,
        *(lesson.release_at for lesson in lessons if lesson.is_published),
    )
    return (lessons, base), valid_until


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
