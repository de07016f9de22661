"""What people learnt and what they thought: the gain from a module's pre-test to its post-test,
the satisfaction surveys, and one module's figures by gender. Counts are suppressed like every
other table of a report; no answer leaves this module one by one."""

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courses.models import Module
from diploma.models import Edition
from students.models import ModuleReportRecord, SurveyAnswer, SurveyStatement
from students.reports.groups import DIMENSIONS, Table, group_label, group_order
from students.reports.suppression import Cell, mean_of, share, suppress


@dataclass
class LearningGain:
    module: str
    table: Table
    """Rows: took both tests, mean pre-test, mean post-test, mean gain, improved (%)."""


@dataclass
class SurveyLine:
    statement: str
    answers: Cell
    mean: Decimal | None
    agree: Decimal | None
    """Share who answered 4 or 5."""


@dataclass
class Survey:
    title: str
    lines: list[SurveyLine]
    comments: list[str]
    """Free text, for coordinators only: shuffled by sorting, never with a name."""


@dataclass
class ModuleFocus:
    """One module of an edition: who finished its lessons and passed it, by each group people
    declared, and how its survey was rated by gender."""

    title: str
    slug: str
    tables: list[Table]
    """One per dimension, as the edition's tables by group."""
    survey: Table | None


def learning_gains(edition: Edition, modules=None) -> list[LearningGain]:
    """Pre-test and post-test of each module (of `modules` when given), from the best graded
    score of each as a percentage, added up by gender in the database. One query."""
    records = ModuleReportRecord.objects.filter(record__edition=edition).filter(
        Q(pre_test__isnull=False) | Q(post_test__isnull=False)
    )
    if modules is not None:
        records = records.filter(module__in=modules)
    both = Q(pre_test__isnull=False, post_test__isnull=False)
    rows = (
        records.values("module_id", "module__title", "module__order", "record__gender")
        .annotate(
            n=Count("pk", filter=both),
            pre=Sum("pre_test", filter=both, default=Decimal(0)),
            post=Sum("post_test", filter=both, default=Decimal(0)),
            improved=Count("pk", filter=both & Q(post_test__gt=F("pre_test"))),
        )
        .order_by("module__order", "module_id")
    )
    by_module: dict[tuple[int, str], dict[str, dict]] = {}
    for row in rows:
        by_module.setdefault((row["module_id"], row["module__title"]), {})[
            row["record__gender"]
        ] = row
    genders = group_order("gender", set())
    result = []
    for (_module_id, title), by_gender in by_module.items():
        columns = [by_gender.get(key, {}) for key in genders]
        columns.append({
            name: sum((column.get(name, 0) for column in columns), Decimal(0))
            for name in ("n", "pre", "post", "improved")
        })  # fmt: skip
        n = [int(column.get("n", 0)) for column in columns]
        counts = suppress([n[:-1]], column_totals=False)[0]

        def averaged(name, columns=columns, counts=counts, n=n):
            return [
                None if counts[i].hidden else mean_of(column.get(name, 0), n[i])
                for i, column in enumerate(columns)
            ]

        gain = [
            None if counts[i].hidden else mean_of(col.get("post", 0) - col.get("pre", 0), n[i])
            for i, col in enumerate(columns)
        ]
        improved = [
            None if counts[i].hidden else share(int(column.get("improved", 0)), n[i])
            for i, column in enumerate(columns)
        ]
        table = Table(
            title=str(title),
            row_labels=[str(_("Took both tests"))],
            column_labels=[group_label("gender", key) for key in genders],
            cells=[counts],
            row_total_label=str(_("Total")),
            rates=[
                (str(_("Mean pre-test score (%)")), averaged("pre")),
                (str(_("Mean post-test score (%)")), averaged("post")),
                (str(_("Mean gain (points)")), gain),
                (str(_("Improved (%)")), improved),
            ],
        )
        result.append(LearningGain(module=str(title), table=table))
    return result


def survey_results(
    edition: Edition, *, with_comments: bool, module: Module | None = None
) -> list[Survey]:
    """Scale answers counted in the database (of one module's survey when given); comments
    only when asked. Two or three queries."""
    statements = {
        s.pk: s for s in SurveyStatement.objects.filter(programme_id=edition.programme_id)
    }
    given = SurveyAnswer.objects.filter(response__enrolment__edition=edition)
    if module is not None:
        given = given.filter(response__module=module)
    rows = (
        given.filter(score__isnull=False)
        .values("statement_id", "response__module_id", "response__module__title",
                "response__module__order")
        .annotate(
            answers=Count("pk"),
            total=Count("pk", filter=Q(score__gte=1)),
            agree=Count("pk", filter=Q(score__gte=4)),
            points=Sum("score"),
        )
        .order_by("response__module__order", "response__module_id", "statement_id")
    )  # fmt: skip
    surveys: dict[int | None, Survey] = {}
    for row in rows:
        module_id = row["response__module_id"]
        survey = surveys.setdefault(
            module_id,
            Survey(
                title=row["response__module__title"] or str(_("The edition as a whole")),
                lines=[],
                comments=[],
            ),
        )
        answers = row["answers"]
        statement = statements.get(row["statement_id"])
        survey.lines.append(
            SurveyLine(
                statement=statement.text if statement else "",
                answers=Cell(answers, 0 < answers < 5),
                mean=(
                    (Decimal(row["points"]) / answers).quantize(Decimal("0.1"))
                    if answers >= 5
                    else None
                ),
                agree=share(row["agree"], answers),
            )
        )
    if with_comments:
        texts = (
            given.exclude(text="")
            .values_list("response__module_id", "text")
            .order_by("response__module_id", "text")
        )
        for module_id, text in texts:
            if module_id in surveys:
                surveys[module_id].comments.append(text)
            else:
                surveys[module_id] = Survey(
                    title=str(_("The edition as a whole")), lines=[], comments=[text]
                )
    return list(surveys.values())


def _by_gender(title: str, row_labels: list[str], counts: list[list[int]], rates) -> Table:
    genders = group_order("gender", set())
    return Table(
        title=title,
        row_labels=row_labels,
        column_labels=[group_label("gender", key) for key in genders],
        cells=suppress(counts, column_totals=False),
        row_total_label=str(_("Total")),
        rates=rates,
    )


def module_focus(
    edition: Edition,
    module: Module,
    columns: dict[str, tuple[list[str], frozenset[int]]],
    column_of: Callable[[str, str], str],
) -> ModuleFocus:
    """One module by each group people declared, added up in the database: four queries (its
    lessons, who finished and passed it, its survey). Its enrolled are the edition's, shown
    beside it by the same groups: `columns` gives, per dimension, the groups of the edition's
    table and those of its enrolled that it hides, which stay hidden here too, so that both
    tables read the same; `column_of` the group whose column counts a declared one."""
    has_lessons = module.lessons.filter(is_published=True).exists()
    dimensions = [dimension for dimension, _title in DIMENSIONS]
    rows = list(
        ModuleReportRecord.objects.filter(record__edition=edition, module=module)
        .values(*(f"record__{dimension}" for dimension in dimensions))
        .annotate(
            enrolled=Count("pk"),
            finished=Count("pk", filter=Q(finished=True)),
            graded=Count("pk", filter=Q(graded=True)),
            passed=Count("pk", filter=Q(passed=True)),
        )
        .order_by()
    )
    tables = []
    for dimension, title in DIMENSIONS:
        keys, enrolled_hidden = columns[dimension]
        counted = {key: Counter() for key in keys}
        for row in rows:
            counted.setdefault(column_of(dimension, row[f"record__{dimension}"]), Counter()).update(
                {name: row[name] for name in ("enrolled", "finished", "graded", "passed")}
            )
        tables.append(_module_table(title, keys, counted, enrolled_hidden, has_lessons, dimension))
    return ModuleFocus(
        title=module.title,
        slug=module.slug,
        tables=tables,
        survey=_module_survey_by_gender(edition, module),
    )


def _module_table(
    title, keys: list[str], counted: dict[str, Counter], enrolled_hidden, has_lessons, dimension
) -> Table:
    counts = [[counted[key][name] for key in keys] for name in ("enrolled", "finished", "passed")]
    also_hide = frozenset((0, column) for column in enrolled_hidden)
    cells = suppress(counts, column_totals=False, also_hide=also_hide)
    graded = [counted[key]["graded"] for key in keys]
    graded.append(sum(graded))
    rates = [
        (str(_("Completion rate (%)")),
         [share(cells[1][i], cells[0][i].value, rest=cells[0][i]) if has_lessons else None
          for i in range(len(keys) + 1)]),
        (str(_("Pass rate (%)")),
         [share(cells[2][i], graded[i]) if graded[i] else None for i in range(len(keys) + 1)]),
    ]  # fmt: skip
    return Table(
        title=str(_("Enrolled, finished the lessons and passed, by %(group)s"))
        % {"group": str(title).lower()},
        row_labels=[
            str(pgettext_lazy("report funnel", "Enrolled")),
            str(_("Finished the lessons")),
            str(_("Passed")),
        ],
        column_labels=[group_label(dimension, key) for key in keys],
        cells=cells,
        row_total_label=str(_("Total")),
        rates=rates,
    )


def _module_survey_by_gender(edition: Edition, module: Module) -> Table | None:
    """The mean of each statement of the module's survey by gender, for groups of at least 5
    who answered, added up in the database. Two queries, three with answers."""
    answers = SurveyAnswer.objects.filter(
        response__module=module,
        response__enrolment__report_record__edition=edition,
        score__isnull=False,
    )
    gender = "response__enrolment__report_record__gender"
    answered = {
        row[gender]: row["n"]
        for row in answers.values(gender)
        .annotate(n=Count("response__enrolment_id", distinct=True))
        .order_by()
    }
    if not answered:
        return None
    rows = (
        answers.values("statement_id", gender)
        .annotate(n=Count("pk"), points=Sum("score"))
        .order_by()
    )
    by_statement: dict[int, dict[str, dict]] = defaultdict(dict)
    for row in rows:
        by_statement[row["statement_id"]][row[gender]] = row
    statements = SurveyStatement.objects.filter(pk__in=list(by_statement)).order_by("order", "pk")
    genders = group_order("gender", set())
    counts = [[answered.get(key, 0) for key in genders]]
    cells = suppress(counts, column_totals=False)
    rates = []
    for statement in statements:
        given = by_statement[statement.pk]
        columns = [given.get(key, {}) for key in genders]
        columns.append({
            "n": sum(column.get("n", 0) for column in columns),
            "points": sum(column.get("points", 0) for column in columns),
        })  # fmt: skip
        rates.append((
            str(statement.text),
            [None if cells[0][i].hidden else mean_of(column.get("points", 0), column.get("n", 0))
             for i, column in enumerate(columns)],
        ))  # fmt: skip
    return _by_gender(str(_("Survey of the module: mean (1 to 5) by gender")),
                      [str(_("Answered"))], counts, rates)  # fmt: skip
