"""What people learnt and what they thought: the gain from a module's pre-test to its post-test,
the satisfaction surveys, and one module's figures by gender. Counts are suppressed like every
other table of a report; no answer leaves this module one by one."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Max, Q, Sum
from django.utils.translation import gettext_lazy as _

from courses.models import Module, Quiz
from diploma.models import Edition
from students.completion import Completion
from students.models import LessonProgress, QuizAttempt, SurveyAnswer, SurveyStatement
from students.reports.groups import Person, Table, group_label, group_order
from students.reports.suppression import Cell, mean, share, suppress


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
    """One module of an edition, by gender: who finished its lessons and passed it, and how
    its survey was rated."""

    title: str
    slug: str
    completion: Table
    survey: Table | None


def learning_gains(
    edition: Edition, people_by_enrolment: dict[int, Person], modules=None
) -> list[LearningGain]:
    """Pre-test and post-test of each module (of `modules` when given): the best graded score
    of each, as a percentage. One query."""
    attempts = (
        QuizAttempt.objects.all()
        if modules is None
        else QuizAttempt.objects.filter(quiz__module__in=modules)
    )
    rows = (
        attempts.filter(
            quiz__module__edition=edition,
            quiz__purpose__in=[Quiz.Purpose.PRE_TEST, Quiz.Purpose.POST_TEST],
            status=QuizAttempt.Status.GRADED,
            max_score__gt=0,
            enrolment_id__in=list(people_by_enrolment),
        )
        .values("enrolment_id", "quiz__module_id", "quiz__module__title", "quiz__module__order",
                "quiz__purpose")
        .annotate(best=Max(F("score") * 100 / F("max_score")))
        .order_by("quiz__module__order", "quiz__module_id")
    )  # fmt: skip
    scores: dict[tuple[int, str], dict[int, dict[str, Decimal]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for row in rows:
        key = (row["quiz__module_id"], row["quiz__module__title"])
        scores[key][row["enrolment_id"]][row["quiz__purpose"]] = Decimal(row["best"])
    result = []
    genders = group_order("gender", set())
    for (_module_id, title), by_enrolment in scores.items():
        pairs = [
            (people_by_enrolment[e].groups["gender"], s["pre_test"], s["post_test"])
            for e, s in by_enrolment.items()
            if "pre_test" in s and "post_test" in s
        ]
        counts = suppress([[sum(1 for g, *_ in pairs if g == key) for key in genders]],
                          column_totals=False)[0]  # fmt: skip
        columns = [*genders, None]

        def of(key, pairs=pairs):
            return [p for p in pairs if key is None or p[0] == key]

        def averaged(values, cell):
            return None if cell.hidden else mean(values)

        pre = [averaged([p[1] for p in of(k)], counts[i]) for i, k in enumerate(columns)]
        post = [averaged([p[2] for p in of(k)], counts[i]) for i, k in enumerate(columns)]
        gain = [averaged([p[2] - p[1] for p in of(k)], counts[i]) for i, k in enumerate(columns)]
        improved = [
            None if counts[i].hidden else share(sum(1 for p in of(k) if p[2] > p[1]), len(of(k)))
            for i, k in enumerate(columns)
        ]
        table = Table(
            title=str(title),
            row_labels=[str(_("Took both tests"))],
            column_labels=[group_label("gender", key) for key in genders],
            cells=[counts],
            row_total_label=str(_("Total")),
            rates=[
                (str(_("Mean pre-test score (%)")), pre),
                (str(_("Mean post-test score (%)")), post),
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
    edition: Edition, module: Module, completions: dict[int, Completion], people: dict[int, Person]
) -> ModuleFocus:
    """One module by gender: four queries (its lessons, who finished them, its survey)."""
    genders = group_order("gender", set())
    lessons = module.lessons.filter(is_published=True).count()
    finished = set()
    if lessons:
        finished = set(
            LessonProgress.objects.filter(
                enrolment_id__in=list(completions), lesson__module=module,
                lesson__is_published=True,
            )
            .values("enrolment_id")
            .annotate(done=Count("pk"))
            .filter(done__gte=lessons)
            .values_list("enrolment_id", flat=True)
        )  # fmt: skip
    passed, graded = set(), set()
    for enrolment_id, completion in completions.items():
        for grade in completion.grades.modules:
            if grade.module.pk != module.pk or not grade.items:
                continue
            graded.add(enrolment_id)
            value = grade.verdict(edition.programme) if completion.ended else None
            if value is not None and value >= edition.programme.pass_grade:
                passed.add(enrolment_id)

    def by_gender(ids) -> list[int]:
        return [sum(1 for e in ids if people[e].groups["gender"] == key) for key in genders]

    cells_counts = [by_gender(completions), by_gender(finished), by_gender(passed)]
    cells = suppress(cells_counts, column_totals=False)
    graded_by = [*by_gender(graded), len(graded)]
    completion = _by_gender(
        str(_("Enrolled, finished the lessons and passed, by gender")),
        [str(_("Enrolled")), str(_("Finished the lessons")), str(_("Passed"))],
        cells_counts,
        [
            (str(_("Completion rate (%)")),
             [share(cells[1][i], cells[0][i].value, rest=cells[0][i]) if lessons else None
              for i in range(len(genders) + 1)]),
            (str(_("Pass rate (%)")),
             [share(cells[2][i], graded_by[i]) if graded_by[i] else None
              for i in range(len(genders) + 1)]),
        ],
    )  # fmt: skip
    return ModuleFocus(
        title=module.title,
        slug=module.slug,
        completion=completion,
        survey=_module_survey_by_gender(module, people),
    )


def _module_survey_by_gender(module: Module, people: dict[int, Person]) -> Table | None:
    """The mean of each statement of the module's survey by gender, for groups of at least 5
    who answered. Two queries; the answers never leave this function one by one."""
    rows = list(
        SurveyAnswer.objects.filter(
            response__module=module, response__enrolment_id__in=list(people), score__isnull=False
        )
        .order_by("statement__order", "statement_id")
        .values_list("statement_id", "response__enrolment_id", "score")
    )
    if not rows:
        return None
    genders = group_order("gender", set())
    statements = {s.pk: s for s in SurveyStatement.objects.filter(pk__in={row[0] for row in rows})}
    scores: dict[int, list[tuple[str, int]]] = defaultdict(list)
    answered: dict[int, str] = {}
    for statement_id, enrolment_id, score in rows:
        gender = people[enrolment_id].groups["gender"]
        scores[statement_id].append((gender, score))
        answered[enrolment_id] = gender
    counts = [[sum(1 for g in answered.values() if g == key) for key in genders]]
    cells = suppress(counts, column_totals=False)
    columns = [*genders, None]
    rates = [
        (
            str(statements[statement_id].text),
            [
                None if cells[0][i].hidden
                else mean([v for g, v in given if key is None or g == key])
                for i, key in enumerate(columns)
            ],
        )
        for statement_id, given in scores.items()
    ]  # fmt: skip
    return _by_gender(str(_("Survey of the module: mean (1 to 5) by gender")),
                      [str(_("Answered"))], counts, rates)  # fmt: skip
