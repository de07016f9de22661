"""Scoring of one answer, per question type.

A choice's credit is its `fraction` (a percentage of the question's points, possibly negative);
a choice marked correct without a fraction earns the full points. A question's score always
stays between 0 and its points; essays are scored by hand (None here).
"""

import re
import unicodedata
from collections.abc import Collection, Sequence
from decimal import ROUND_HALF_UP, Decimal

from courses.models import Choice, Question
from students.validators import parse_number

ZERO = Decimal("0")
HUNDRED = Decimal("100")
CENT = Decimal("0.01")

Kind = Question.Kind
CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE)


def credit(choice: Choice) -> Decimal:
    """The percentage of the points a choice (or an accepted answer) earns."""
    if choice.fraction:
        return choice.fraction
    return HUNDRED if choice.is_correct else ZERO


def points_for(points: Decimal, percent: Decimal) -> Decimal:
    """`percent` of `points`, clamped to 0..100 %, rounded to the cent."""
    percent = min(HUNDRED, max(ZERO, percent))
    return (points * percent / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def normalise(text: str, *, case_sensitive: bool = False) -> str:
    """Whitespace collapsed; unless case-sensitive, also lower case and without accents."""
    if case_sensitive:
        text = unicodedata.normalize("NFC", text or "")
    else:
        # Compatibility caseless matching (Unicode 3.13): a mathematical italic A equals "a".
        compatible = unicodedata.normalize("NFKD", text or "")
        decomposed = unicodedata.normalize("NFKD", compatible.casefold())
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(text.split())


def _matches(accepted: str, given: str) -> bool:
    # "*" in an accepted answer stands for any text, as in Moodle's short-answer questions.
    if "*" not in accepted:
        return accepted == given
    pattern = ".*".join(re.escape(part) for part in accepted.split("*"))
    return re.fullmatch(pattern, given, flags=re.DOTALL) is not None


def matching_answer(question: Question, choices: Sequence[Choice], text: str) -> Choice | None:
    """The accepted answer of a short-answer question that `text` matches with the most credit."""
    given = normalise(text, case_sensitive=question.case_sensitive)
    if not given:
        return None
    best = None
    for choice in choices:
        accepted = normalise(choice.text, case_sensitive=question.case_sensitive)
        if (
            accepted
            and _matches(accepted, given)
            and (best is None or credit(choice) > credit(best))
        ):
            best = choice
    return best


def is_numeric_match(question: Question, text: str) -> bool:
    """Whether `text` reads as a number (see `parse_number`) within the question's tolerance."""
    value = parse_number(text)
    if value is None or question.numeric_answer is None:
        return False
    return abs(value - question.numeric_answer) <= question.tolerance


def score_answer(
    question: Question,
    choices: Sequence[Choice],
    *,
    picked: Collection[int] = (),
    text: str = "",
) -> Decimal | None:
    """Points earned by an answer: `choices` are all the question's choices (or accepted
    answers), `picked` the ids of those chosen, `text` what was typed. None for an essay.
    """
    kind = question.kind
    if kind == Kind.ESSAY:
        return None
    if kind in CHOICE_KINDS:
        chosen = [choice for choice in choices if choice.pk in picked]
        if kind != Kind.MULTIPLE and len(chosen) != 1:
            return ZERO
        return points_for(question.points, sum((credit(c) for c in chosen), ZERO))
    if kind == Kind.NUMERIC:
        return question.points if is_numeric_match(question, text) else ZERO
    if kind == Kind.SHORT:
        match = matching_answer(question, choices, text)
        return points_for(question.points, credit(match)) if match else ZERO
    raise ValueError(f"Unknown question kind: {kind}")


def correct_choices(choices: Sequence[Choice]) -> list[Choice]:
    """The choices that earn credit, for showing the right answers after submission."""
    return [choice for choice in choices if credit(choice) > 0]
