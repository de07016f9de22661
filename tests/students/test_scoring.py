"""Scoring of every question type, with property tests: a score stays within 0..points and
partial credits add up."""

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from courses.models import Choice, Question
from students.scoring import (
    correct_choices,
    matching_answer,
    normalise,
    parse_number,
    points_for,
    score_answer,
)
from tests import factories as f

Kind = Question.Kind


# Unsaved objects: scoring reads no database.


def question(kind: str, points: str = "2", **fields) -> Question:
    return f.QuestionFactory.build(quiz=None, kind=kind, text="?", points=Decimal(points), **fields)


def choices(*fractions, correct=()) -> list[Choice]:
    return [
        f.ChoiceFactory.build(
            question=None, pk=index, text=f"Choice {index}", fraction=Decimal(str(fraction)),
            is_correct=index in correct,
        )
        for index, fraction in enumerate(fractions, start=1)
    ]  # fmt: skip


def accepted(*answers: tuple[str, int]) -> list[Choice]:
    return [
        f.ChoiceFactory.build(
            question=None, pk=index, text=text, fraction=Decimal(fraction), is_correct=False
        )
        for index, (text, fraction) in enumerate(answers, start=1)
    ]


def test_it_gives_single_choice_points_for_the_right_choice_only():
    options = choices(100, 0, 0)
    q = question(Kind.SINGLE)

    assert score_answer(q, options, picked={1}) == Decimal("2.00")
    assert score_answer(q, options, picked={2}) == Decimal("0.00")
    assert score_answer(q, options, picked=set()) == Decimal("0")


def test_it_gives_nothing_for_two_picks_on_a_single_choice_question():
    assert score_answer(question(Kind.SINGLE), choices(100, 0), picked={1, 2}) == 0


def test_it_gives_partial_credit_of_a_partly_right_single_choice():
    assert score_answer(question(Kind.SINGLE), choices(100, 50), picked={2}) == Decimal("1.00")


def test_it_scores_true_false_questions():
    options = choices(0, 100)  # "True" is wrong, "False" is right
    q = question(Kind.TRUE_FALSE, points="1")

    assert score_answer(q, options, picked={2}) == Decimal("1.00")
    assert score_answer(q, options, picked={1}) == Decimal("0.00")


def test_it_adds_partial_credit_of_multiple_choice():
    options = choices(50, 50, -100)
    q = question(Kind.MULTIPLE, points="3")

    assert score_answer(q, options, picked={1}) == Decimal("1.50")
    assert score_answer(q, options, picked={1, 2}) == Decimal("3.00")


def test_a_wrong_pick_never_makes_the_total_negative():
    options = choices(50, 50, -100)
    q = question(Kind.MULTIPLE)

    assert score_answer(q, options, picked={1, 3}) == Decimal("0.00")
    assert score_answer(q, options, picked={3}) == Decimal("0.00")


def test_a_choice_marked_correct_without_a_fraction_earns_full_credit():
    options = choices(0, 0, correct={2})

    assert score_answer(question(Kind.SINGLE), options, picked={2}) == Decimal("2.00")
    assert correct_choices(options) == [options[1]]


@pytest.mark.parametrize(
    "text, expected",
    [("1951", "2"), ("1951.0", "2"), ("1 951", "2"), ("1951,4", "2"), ("1952", "0"),
     ("nineteen", "0"), ("", "0"), ("NaN", "0"), ("Infinity", "0")],
)  # fmt: skip
def test_it_accepts_numbers_within_the_tolerance(text, expected):
    q = question(Kind.NUMERIC, numeric_answer=Decimal("1951"), tolerance=Decimal("0.5"))

    assert score_answer(q, [], text=text) == Decimal(expected)


def test_it_reads_numbers_as_people_type_them():
    assert parse_number("3,5") == Decimal("3.5")
    assert parse_number(" -2 ") == Decimal("-2")
    assert parse_number("1\u00a0500") == Decimal("1500")
    assert parse_number("abc") is None
    assert parse_number("nan") is None


def test_it_accepts_short_answers_without_minding_case_or_accents():
    answers = accepted(("Organización Internacional para las Migraciones", 100), ("OIM", 50))
    q = question(Kind.SHORT)

    assert score_answer(q, answers, text="organizacion internacional  para las MIGRACIONES") == 2
    assert score_answer(q, answers, text=" oim ") == Decimal("1.00")
    assert score_answer(q, answers, text="ACNUR") == 0
    assert score_answer(q, answers, text="") == 0


def test_it_minds_case_and_accents_when_the_question_says_so():
    answers = accepted(("Perú", 100))
    q = question(Kind.SHORT, case_sensitive=True)

    assert score_answer(q, answers, text="Perú") == 2
    assert score_answer(q, answers, text="Peru") == 0
    assert score_answer(q, answers, text="perú") == 0


def test_it_reads_a_star_as_any_text_in_accepted_answers():
    answers = accepted(("*migra*", 100))
    q = question(Kind.SHORT)

    assert score_answer(q, answers, text="Emigración") == 2
    assert score_answer(q, answers, text="remesas") == 0


def test_it_picks_the_accepted_answer_with_the_most_credit():
    answers = accepted(("*", 10), ("lima", 100))

    assert matching_answer(question(Kind.SHORT), answers, "Lima").text == "lima"


def test_it_leaves_essays_to_the_instructor():
    assert score_answer(question(Kind.ESSAY), [], text="A long essay.") is None


# Properties -------------------------------------------------------------------------------

fractions = st.decimals(min_value=-100, max_value=100, places=2)
points = st.decimals(min_value=0, max_value=100, places=2)


@given(
    kind=st.sampled_from([Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE]),
    credits=st.lists(fractions, min_size=1, max_size=8),
    worth=points,
    data=st.data(),
)
def test_a_choice_score_always_lies_between_zero_and_the_points(kind, credits, worth, data):
    options = choices(*credits)
    picked = data.draw(st.sets(st.sampled_from([c.pk for c in options])))

    score = score_answer(question(kind, points=str(worth)), options, picked=picked)

    assert Decimal("0") <= score <= worth


@given(
    right=st.lists(st.integers(min_value=1, max_value=100), min_size=1, max_size=6),
    wrong=st.lists(st.integers(min_value=-100, max_value=0), max_size=4),
    worth=points,
    data=st.data(),
)
def test_partial_credits_of_multiple_choice_add_up(right, wrong, worth, data):
    # Scale the right choices' credits so that they add up to exactly 100 %.
    total = sum(right)
    credits = [Decimal(r * 100) / total for r in right]
    options = choices(*credits, *wrong)
    right_ids = [c.pk for c in options[: len(right)]]
    picked = data.draw(st.sets(st.sampled_from(right_ids)))
    q = question(Kind.MULTIPLE, points=str(worth))

    score = score_answer(q, options, picked=picked)
    expected = points_for(worth, sum((c.fraction for c in options if c.pk in picked), Decimal(0)))

    assert score == expected
    assert abs(score_answer(q, options, picked=set(right_ids)) - worth) <= Decimal("0.01")


@given(
    answer=st.decimals(min_value=-10_000, max_value=10_000, places=2),
    tolerance=st.decimals(min_value=0, max_value=100, places=2),
    offset=st.decimals(min_value=-200, max_value=200, places=2),
)
def test_numeric_answers_score_all_or_nothing_by_distance(answer, tolerance, offset):
    q = question(Kind.NUMERIC, numeric_answer=answer, tolerance=tolerance)

    score = score_answer(q, [], text=str(answer + offset))

    assert score == (q.points if abs(offset) <= tolerance else 0)


@given(st.text(max_size=40))
@example("\U0001d434")  # MATHEMATICAL ITALIC CAPITAL A: NFKD turns it into a capital "A"
def test_normalising_is_idempotent(text):
    once = normalise(text)

    assert normalise(once) == once


@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzáéíóúñü ", min_size=1, max_size=30).filter(
        str.strip
    ),
    st.data(),
)
def test_short_answers_match_whatever_the_case(text, data):
    variant = "".join(data.draw(st.sampled_from([c.lower(), c.upper()])) for c in text)
    q = question(Kind.SHORT)

    assert score_answer(q, accepted((text, 100)), text=variant) == q.points
