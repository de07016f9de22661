"""The report records added up in the database: people at each stage and the sums behind the
averages, by group, by pair of groups and in all. A constant number of GROUP BY queries whatever
the number of people or editions."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Min, Q, Sum

from students.reports.groups import DIMENSIONS, NOT_STATED, OTHER_COUNTRIES
from students.reports.suppression import MIN_GROUP, mean_of

STAGE_KEYS = ("submitted", "admitted", "enrolled", "active", "completed", "certified", "dropped")
"""The steps from application to certificate, as ReportRecord holds them."""
CROSSED = (("gender", "sector"), ("gender", "country"))


@dataclass
class Counted:
    """What the records of one group add up to: the people at each stage and the sums behind
    the averages."""

    stages: dict[str, int] = field(default_factory=dict)
    minutes: int = 0
    """Of the enrolled."""
    attendance_n: int = 0
    attendance_sum: Decimal = Decimal(0)
    grade_n: int = 0
    grade_sum: Decimal = Decimal(0)
    computed_at: dt.datetime | None = None
    """When the oldest of the records was written."""

    def __add__(self, other: "Counted") -> "Counted":
        return Counted(
            stages={key: self.stages.get(key, 0) + other.stages.get(key, 0) for key in STAGE_KEYS},
            minutes=self.minutes + other.minutes,
            attendance_n=self.attendance_n + other.attendance_n,
            attendance_sum=self.attendance_sum + other.attendance_sum,
            grade_n=self.grade_n + other.grade_n,
            grade_sum=self.grade_sum + other.grade_sum,
        )

    @property
    def average_attendance(self) -> Decimal | None:
        return mean_of(self.attendance_sum, self.attendance_n)

    @property
    def average_grade(self) -> Decimal | None:
        return mean_of(self.grade_sum, self.grade_n)

    @property
    def person_hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(Decimal("1"))


@dataclass
class Groups:
    """Some people's records added up: by each dimension, by each crossed pair (the enrolled),
    and in all."""

    by: dict[str, dict[str, Counted]]
    crossed: dict[tuple[str, str], dict[tuple[str, str], int]]
    total: Counted
    computed_at: dt.datetime | None = None
    folded: frozenset[str] = frozenset()
    """The countries counted among the other countries (see fold_countries)."""

    def column(self, dimension: str, key: str) -> str:
        """The group whose column counts people who declared `key`."""
        return OTHER_COUNTRIES if dimension == "country" and key in self.folded else key


EMPTY = Counted()


def sums(records, *fields):
    """The records added up by these fields, in the database: one query."""
    return (
        records.values(*fields)
        .annotate(
            **{f"n_{key}": Count("pk", filter=Q(**{key: True})) for key in STAGE_KEYS},
            minutes_sum=Sum("minutes", filter=Q(enrolled=True), default=0),
            attendance_n=Count("attendance"),
            attendance_sum=Sum("attendance", default=0),
            grade_n=Count("grade"),
            grade_sum=Sum("grade", default=Decimal(0)),
            computed_at=Min("computed_at"),
        )
        .order_by()
    )


def counted(row: dict) -> Counted:
    return Counted(
        stages={key: row[f"n_{key}"] for key in STAGE_KEYS},
        minutes=row["minutes_sum"],
        attendance_n=row["attendance_n"],
        attendance_sum=Decimal(row["attendance_sum"]),
        grade_n=row["grade_n"],
        grade_sum=Decimal(row["grade_sum"]),
        computed_at=row["computed_at"],
    )


def add_up(records) -> Groups:
    """The records added up: six queries, one per dimension and one per crossed pair."""
    return add_up_by_edition(records, by_edition=False).get(None, nobody())


def add_up_by_edition(records, *, by_edition: bool = True) -> dict[int | None, Groups]:
    """The records of each edition added up apart, by edition id (or all together under None):
    six queries whatever the editions. Everyone declared one gender, maybe "not stated", so
    the people by gender add up to everyone."""
    edition = ("edition_id",) if by_edition else ()
    found: dict[int | None, Groups] = {}

    def of(row) -> Groups:
        return found.setdefault(row["edition_id"] if by_edition else None, nobody())

    for dimension, _title in DIMENSIONS:
        for row in sums(records, *edition, dimension):
            of(row).by[dimension][row[dimension]] = counted(row)
    for rows, columns in CROSSED:
        for row in (
            records.filter(enrolled=True)
            .values(*edition, rows, columns)
            .annotate(n=Count("pk"))
            .order_by()
        ):
            of(row).crossed[(rows, columns)][(row[rows], row[columns])] = row["n"]
    for groups in found.values():
        genders = groups.by["gender"].values()
        groups.total = sum(genders, Counted())
        groups.computed_at = min((c.computed_at for c in genders), default=None)
    return found


def fold_countries(groups: Groups, *, keep: set[str] | None = None) -> Groups:
    """The same people with the countries of fewer than MIN_GROUP applicants (or, given `keep`,
    every country not in it) counted together as OTHER_COUNTRIES: a long tail of countries of one
    or two people each would otherwise be hidden, and hide the totals with it."""
    countries = groups.by["country"]
    if keep is None:
        keep = {key for key, c in countries.items() if c.stages.get("submitted", 0) >= MIN_GROUP}
    folded = frozenset(key for key in countries if key not in keep and key != NOT_STATED)
    if not folded:
        return groups
    result = Groups(
        by={**groups.by, "country": {}},
        crossed={**groups.crossed},
        total=groups.total,
        computed_at=groups.computed_at,
        folded=folded,
    )
    for key, counted in countries.items():
        column = result.column("country", key)
        result.by["country"][column] = result.by["country"].get(column, Counted()) + counted
    for (rows, columns), cells in groups.crossed.items():
        if columns == "country":
            merged: dict[tuple[str, str], int] = {}
            for (row, column), n in cells.items():
                key = (row, result.column("country", column))
                merged[key] = merged.get(key, 0) + n
            result.crossed[(rows, columns)] = merged
    return result


def nobody() -> Groups:
    return Groups(
        by={dimension: {} for dimension, _title in DIMENSIONS},
        crossed={pair: {} for pair in CROSSED},
        total=Counted(),
    )
