"""The groups a report counts people by, as they declared them when they applied, and the
table that shows counts by group."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from django_countries import countries

from diploma.models import Sector
from students.models import StudentProfile
from students.reports.suppression import Cell

NOT_STATED = ""
OTHER_COUNTRIES = "other"
"""The countries of fewer than 5 applicants each, counted together (a country code has two
letters)."""
AGE_GROUPS = (
    ("under_25", _("Under 25")),
    ("25_34", _("25 to 34")),
    ("35_44", _("35 to 44")),
    ("45_54", _("45 to 54")),
    ("55_over", _("55 and over")),
)
DIMENSIONS = (
    ("gender", _("Gender")),
    ("country", _("Country")),
    ("sector", _("Sector")),
    ("age", _("Age group")),
)


def age_group(birth_year: int | None, at_year: int) -> str:
    if birth_year is None:
        return NOT_STATED
    age = at_year - birth_year
    for limit, key in ((25, "under_25"), (35, "25_34"), (45, "35_44"), (55, "45_54")):
        if age < limit:
            return key
    return "55_over"


def group_label(dimension: str, key: str) -> str:
    if key == NOT_STATED:
        return str(_("Not stated"))
    if dimension == "gender":
        return str(StudentProfile.Gender(key).label)
    if dimension == "sector":
        return str(Sector(key).label)
    if dimension == "country":
        if key == OTHER_COUNTRIES:
            return str(_("Other countries"))
        return str(countries.name(key) or key)
    return str(dict(AGE_GROUPS)[key])


def group_order(dimension: str, present: set[str]) -> list[str]:
    """Every gender (a zero says something too); the other groups that occur."""
    if dimension == "gender":
        keys = [key for key, _label in StudentProfile.Gender.choices]
        return [*keys, NOT_STATED]
    if dimension == "sector":
        keys = [key for key, _label in Sector.choices if key in present]
    elif dimension == "age":
        keys = [key for key, _label in AGE_GROUPS if key in present]
    else:
        named = present - {NOT_STATED, OTHER_COUNTRIES}
        keys = sorted(named, key=lambda key: group_label("country", key))
        keys += [OTHER_COUNTRIES] if OTHER_COUNTRIES in present else []
    return [*keys, NOT_STATED] if NOT_STATED in present else keys


@dataclass
class Table:
    """A table of counts after suppression, by rows and columns, with the totals it shows."""

    title: str
    row_labels: list[str]
    column_labels: list[str]
    cells: list[list[Cell]]
    column_total_label: str = ""
    row_total_label: str = ""
    rates: list[tuple[str, list[Decimal | None]]] = field(default_factory=list)
    """Extra rows of percentages or averages (label, one per column including the total)."""
    extra_columns: list[tuple[str, list]] = field(default_factory=list)
    """Extra columns of rates or sums (label, one per row)."""
