"""The history of the settings that change a module's grades, for the coordinators beside the
grade formula: the module's weight and required flag, the weights, points, pass marks and late
policies of its quizzes, questions and assignments, and the programme's pass rules and scale.

The rows come from the models' HistoricalRecords (django-simple-history), written by every
save, in the workspace as in the admin; a row changes a setting when a tracked field differs
from the object's row before it.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import floatformat
from django.utils import formats, timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from courses.access import get_module_for_instructor
from courses.models import Assignment, Module, Question, Quiz
from diploma.models import Programme

PAGE_SIZE = 50
# The reason of the rows that record the values found when the history began (see the
# migrations that added the histories): not a change by anyone.
HISTORY_START = "history started"

TRACKED: dict[type[Model], tuple[str, ...]] = {
    Programme: (
        "pass_grade", "min_attendance", "require_all_required_modules", "required_hours",
        "grading_scale",
    ),
    Module: ("weight", "is_required"),
    Quiz: ("weight", "pass_mark"),
    Question: ("points",),
    Assignment: (
        "weight", "max_points", "due_at", "late_policy", "penalty_per_day", "cutoff_at",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class SettingChange:
    when: dt.datetime
    who: str
    subject: str
    action: str  # "+" added, "~" changed, "-" deleted
    field: str
    old: str
    new: str


def _display(model: type[Model], name: str, value: object) -> str:
    """A value as people read it in the active language."""
    if value is None or value == "":
        return "—"
    field = model._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, Decimal):
        return floatformat(value, "-2")
    return formats.localize(value)


def _who(record) -> str:
    user = record.history_user
    return (user.get_full_name() or user.get_username()) if user else "—"


def _changes_of(
    model: type[Model], records: Iterable, subject_of, not_recorded: str
) -> list[SettingChange]:
    """The changes of tracked fields in `records`, ordered by object and then by time."""
    changes, previous = [], None
    for record in records:
        if previous is not None and previous.id != record.id:
            previous = None
        if record.history_change_reason == HISTORY_START:
            previous = record
            continue
        for name in TRACKED[model]:
            new = getattr(record, name)
            if record.history_type == "~" and previous is not None:
                old = getattr(previous, name)
                if old == new:
                    continue
                old = _display(model, name, old)
            elif record.history_type == "~":
                old = not_recorded  # e.g. an object copied in bulk, without a first row
            else:
                old = "—" if record.history_type == "+" else _display(model, name, new)
            changes.append(
                SettingChange(
                    when=record.history_date,
                    who=_who(record),
                    subject=subject_of(record),
                    action=record.history_type,
                    field=capfirst(model._meta.get_field(name).verbose_name),
                    old=old,
                    new="—" if record.history_type == "-" else _display(model, name, new),
                )
            )
        previous = record
    return changes


def _in_order(records: QuerySet) -> QuerySet:
    return records.select_related("history_user").order_by("id", "history_date", "history_id")


def settings_changes(module: Module) -> list[SettingChange]:
    """Every change of the settings that change the module's grades, newest first: five
    queries, whatever the number of items."""
    programme = module.edition.programme
    quizzes = list(_in_order(Quiz.history.filter(module_id=module.pk)))
    quiz_titles = {record.id: record.title for record in quizzes}  # the latest title wins
    questions = _in_order(
        Question.history.filter(quiz_id__in=Quiz.history.filter(module_id=module.pk).values("id"))
    )
    not_recorded = _("not recorded")

    def question_subject(record) -> str:
        return _("Question “%(text)s” of “%(quiz)s”") % {
            "text": Truncator(record.text).chars(60),
            "quiz": quiz_titles.get(record.quiz_id, "—"),
        }

    changes = [
        *_changes_of(
            Programme,
            _in_order(Programme.history.filter(id=programme.pk)),
            lambda record: _("Programme “%(title)s”") % {"title": record.title},
            not_recorded,
        ),
        *_changes_of(
            Module,
            _in_order(Module.history.filter(id=module.pk)),
            lambda record: _("Module “%(title)s”") % {"title": record.title},
            not_recorded,
        ),
        *_changes_of(
            Quiz,
            quizzes,
            lambda record: _("Quiz “%(title)s”") % {"title": record.title},
            not_recorded,
        ),
        *_changes_of(Question, questions, question_subject, not_recorded),
        *_changes_of(
            Assignment,
            _in_order(Assignment.history.filter(module_id=module.pk)),
            lambda record: _("Assignment “%(title)s”") % {"title": record.title},
            not_recorded,
        ),
    ]
    # Stable: the fields of one save keep their order.
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes


@login_required
@require_GET
def settings_history(request: HttpRequest, edition: str, module: str) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    if not (module.coordinates or request.user.is_staff):
        raise PermissionDenied(
            _("Only the coordinators of the edition read the history of its grade settings.")
        )
    page = Paginator(settings_changes(module), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "module": module,
        "edition": module.edition,
        "programme": module.edition.programme,
        "page": page,
    }
    return render(request, "courses/assess/settings_history.html", context)
