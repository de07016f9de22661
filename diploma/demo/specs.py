"""The shapes of the demo content: immutable descriptions that the loader turns into rows."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class LessonSpec:
    slug: str
    title: str
    minutes: int
    body: str
    links: tuple[Link, ...] = ()
    is_published: bool = True


@dataclass(frozen=True)
class SessionSpec:
    topic: str
    day: int  # days after the module is released
    online_only: bool = False


@dataclass(frozen=True)
class ModuleSpec:
    slug: str
    title: str
    topic: str
    hours: int
    summary: str
    release_day: int  # days after the edition starts
    lessons: tuple[LessonSpec, ...]
    sessions: tuple[SessionSpec, ...] = ()
    leads: tuple[str, ...] = ()  # usernames
    guests: tuple[str, ...] = ()
    weight: Decimal = Decimal("1")
    is_required: bool = True


@dataclass(frozen=True)
class ProgrammeSpec:
    slug: str
    title: str
    summary: str
    description: str
    language: str
    required_hours: int
    grading_scale: str
    pass_grade: Decimal
    min_attendance: int
    signatories: str
    modules: tuple[ModuleSpec, ...]
