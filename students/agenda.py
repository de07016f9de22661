"""What is next for a person: live sessions, quiz closings, assignment due dates and lesson and
module releases, in time order, with what a student has already done and what is overdue.

The dashboard, the calendar pages, the iCalendar feed and the reminders all read their dates
here. Only published quizzes, assignments and lessons count, for students and teachers alike.
Every function reads a fixed number of queries, whatever the number of items or students.
"""

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, TextChoices
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from courses.models import Assignment, Lesson, LiveSession, Module, Quiz
from diploma.models import Edition
from students.models import Enrolment, LessonProgress, QuizAttempt, StudentProfile, Submission


class Kind(TextChoices):
    SESSION = "session", _("Live session")
    QUIZ = "quiz", _("Quiz closes")
    ASSIGNMENT = "assignment", _("Assignment due")
    LESSON = "lesson", _("Lesson released")
    MODULE = "module", _("Module opens")


class State(TextChoices):
    UPCOMING = "upcoming", _("Coming up")
    DONE = "done", _("Done")
    OVERDUE = "overdue", _("Overdue")
    TO_DO = "to_do", _("To do")
    PAST = "past", _("Held")


# Deadlines: once past and not met, they are overdue.
DEADLINES = (Kind.QUIZ, Kind.ASSIGNMENT)


@dataclass
class Item:
    """One dated thing of an edition, see edition_items."""

    kind: str
    pk: int
    title: str
    at: dt.datetime
    module: Module
    """With its `edition` and the edition's programme."""
    url: str
    ends_at: dt.datetime | None = None
    venue: str = ""
    online_url: str = ""
    recording_url: str = ""
    slides_url: str = ""
    state: str = State.UPCOMING

    @property
    def edition(self) -> Edition:
        return self.module.edition

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label

    @property
    def state_label(self) -> str:
        return State(self.state).label

    @property
    def is_done(self) -> bool:
        return self.state == State.DONE

    @property
    def is_overdue(self) -> bool:
        return self.state == State.OVERDUE

    @property
    def uid(self) -> str:
        """Stable across feeds and downloads, so that a calendar updates the event it has."""
        return f"{self.kind}-{self.pk}@diploma"

    @property
    def sort_key(self) -> tuple:
        return (self.at, list(Kind.values).index(self.kind), self.pk)

    def state_at(self, now: dt.datetime, *, done: bool) -> str:
        """The state for one student (`done` as read by mark_done) at `now`."""
        if self.kind == Kind.SESSION:
            return State.PAST if (self.ends_at or self.at) <= now else State.UPCOMING
        if done:
            return State.DONE
        if self.at > now:
            return State.UPCOMING
        return State.OVERDUE if self.kind in DEADLINES else State.TO_DO


def edition_items(
    edition_ids: Iterable[int],
    *,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    module_ids: Iterable[int] | None = None,
) -> list[Item]:
    """The dated things of these editions (or only of `module_ids`) between `start` and `end`,
    in time order, each in the UPCOMING state. Five queries."""
    edition_ids = list(edition_ids)
    if not edition_ids:
        return []
    scope = Q(module__edition__in=edition_ids)
    if module_ids is not None:
        scope &= Q(module__in=list(module_ids))

    def between(field: str) -> Q:
        window = Q()
        if start is not None:
            window &= Q(**{f"{field}__gte": start})
        if end is not None:
            window &= Q(**{f"{field}__lt": end})
        return window

    related = ("module__edition__programme",)
    urls = _ModuleUrls()
    items: list[Item] = []
    sessions = (
        LiveSession.objects.filter(scope, between("starts_at"))
        .select_related(*related)
        .defer(*_LARGE)
    )
    for session in sessions:
        items.append(
            Item(
                Kind.SESSION, session.pk, session.topic, session.starts_at, session.module,
                f"{urls(session.module)}#sessions", ends_at=session.ends_at,
                venue=session.venue, online_url=session.online_url,
                recording_url=session.recording_url, slides_url=session.slides_url,
            )
        )  # fmt: skip
    quizzes = (
        Quiz.objects.filter(scope, between("closes_at"), is_published=True, closes_at__isnull=False)
        .select_related(*related)
        .defer("instructions", *_LARGE)
    )
    for quiz in quizzes:
        url = f"{urls(quiz.module)}quizzes/{quiz.slug}/"
        items.append(Item(Kind.QUIZ, quiz.pk, quiz.title, quiz.closes_at, quiz.module, url))
    assignments = (
        Assignment.objects.filter(scope, between("due_at"), is_published=True)
        .select_related(*related)
        .defer("instructions", *_LARGE)
    )
    for work in assignments:
        url = f"{urls(work.module)}assignments/{work.slug}/"
        items.append(Item(Kind.ASSIGNMENT, work.pk, work.title, work.due_at, work.module, url))
    lessons = (
        Lesson.objects.filter(scope, between("release_at"), is_published=True)
        .filter(release_at__isnull=False)
        .select_related(*related)
        .defer("body", "body_html", *_LARGE)
    )
    for lesson in lessons:
        # A lesson opens with its module at the earliest.
        at = max(lesson.release_at, lesson.module.release_at or lesson.release_at)
        url = f"{urls(lesson.module)}{lesson.slug}/"
        items.append(Item(Kind.LESSON, lesson.pk, lesson.title, at, lesson.module, url))
    module_scope = Q(edition__in=edition_ids, release_at__isnull=False)
    if module_ids is not None:
        module_scope &= Q(pk__in=list(module_ids))
    modules = Module.objects.filter(module_scope, between("release_at")).select_related(
        "edition__programme"
    )
    for module in modules.defer("summary", "edition__programme__description"):
        items.append(
            Item(Kind.MODULE, module.pk, module.title, module.release_at, module, urls(module))
        )
    items.sort(key=lambda item: item.sort_key)
    return items


# Texts the items never show.
_LARGE = ("module__summary", "module__edition__programme__description")


class _ModuleUrls:
    """A module's address in the learning space, reversed once per module."""

    def __init__(self) -> None:
        self.known: dict[int, str] = {}

    def __call__(self, module: Module) -> str:
        if module.pk not in self.known:
            self.known[module.pk] = reverse(
                "learn:module-detail",
                kwargs={"edition": module.edition.slug, "module": module.slug},
            )
        return self.known[module.pk]


def done_keys(enrolments: Sequence[Enrolment]) -> set[tuple[str, int]]:
    """(kind, id) of what these enrolments have done: quizzes handed in, assignments
    submitted, lessons marked done. Three queries, none without enrolments."""
    if not enrolments:
        return set()
    ids = [enrolment.pk for enrolment in enrolments]
    handed_in = (QuizAttempt.Status.SUBMITTED, QuizAttempt.Status.GRADED)
    quizzes = QuizAttempt.objects.filter(enrolment__in=ids, status__in=handed_in).order_by()
    submitted = Submission.objects.filter(enrolment__in=ids).order_by()
    lessons = LessonProgress.objects.filter(enrolment__in=ids).order_by()
    return (
        {(Kind.QUIZ.value, pk) for pk in quizzes.values_list("quiz_id", flat=True)}
        | {(Kind.ASSIGNMENT.value, pk) for pk in submitted.values_list("assignment_id", flat=True)}
        | {(Kind.LESSON.value, pk) for pk in lessons.values_list("lesson_id", flat=True)}
    )


def mark(items: Iterable[Item], done: set[tuple[str, int]], *, now: dt.datetime) -> None:
    """Set each item's state for the student whose done_keys are `done`."""
    for item in items:
        item.state = item.state_at(now, done=(item.kind, item.pk) in done)


def mark_times(items: Iterable[Item], *, now: dt.datetime) -> None:
    """Set each item's state as everyone sees it: sessions held, releases and deadlines past."""
    for item in items:
        if item.kind == Kind.SESSION:
            item.state = item.state_at(now, done=False)
        else:
            item.state = State.UPCOMING if item.at > now else State.PAST


# "What is next" shows what is due soon, what is overdue, and what was done lately.
LOOK_BACK = dt.timedelta(days=14)
LOOK_AHEAD = dt.timedelta(days=28)
NEXT_ITEMS = 8


def what_is_next(enrolments: Sequence[Enrolment], *, now: dt.datetime) -> dict[int, list[Item]]:
    """By enrolment, what is next in its edition: overdue items first come first, then what is
    coming up and what was done lately, at most NEXT_ITEMS. Eight queries."""
    if not enrolments:
        return {}
    items = edition_items(
        {enrolment.edition_id for enrolment in enrolments},
        start=now - LOOK_BACK,
        end=now + LOOK_AHEAD,
    )
    done = done_keys(enrolments)
    mark(items, done, now=now)
    result: dict[int, list[Item]] = {}
    for enrolment in enrolments:
        mine = [
            item
            for item in items
            if item.edition.pk == enrolment.edition_id
            and item.state != State.PAST
            and (item.at >= now or item.state in (State.OVERDUE, State.TO_DO, State.DONE))
        ]
        result[enrolment.pk] = mine[:NEXT_ITEMS]
    return result


def person_items(user: AbstractBaseUser) -> tuple[list[Item], list[Enrolment]]:
    """Everything dated of the person's active editions (as a student) and editions they
    coordinate, and of the modules they teach, in time order; with their active enrolments,
    for the caller to mark what is done. At most thirteen queries."""
    enrolments = list(Enrolment.objects.active().filter(user=user))
    coordinated = Edition.objects.coordinated_by(user).values_list("pk", flat=True)
    editions = {enrolment.edition_id for enrolment in enrolments} | set(coordinated)
    items = edition_items(editions)
    taught = {
        pk: edition
        for pk, edition in Module.objects.taught_by(user).values_list("pk", "edition")
        if edition not in editions
    }
    if taught:
        items += edition_items(set(taught.values()), module_ids=list(taught))
        items.sort(key=lambda item: item.sort_key)
    return items, enrolments


def time_zone_of(user: AbstractBaseUser, edition: Edition | None = None) -> zoneinfo.ZoneInfo:
    """Where the person reads times: their profile's time zone, else the edition's, else the
    site's. One query."""
    name = (
        StudentProfile.objects.filter(user=user).values_list("time_zone", flat=True).first()
        if user.is_authenticated
        else ""
    )
    return zoneinfo.ZoneInfo(name or (edition.time_zone if edition else settings.TIME_ZONE))
