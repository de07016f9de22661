"""Numeric answers: typed with a decimal point or comma, refused with a reason when they are
not numbers, the typed text shown again and nothing saved for that question."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from courses.models import Question
from students.models import AttemptAnswer, QuizAttempt
from students.validators import parse_number, validate_number
from tests.students.test_attempts import add_question, make_quiz
from tests.students.test_quiz_pages import quiz_url, start
from tests.students.test_quiz_paging import attempt_url, on_page, page_form

Kind = Question.Kind


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def quiz(world):
    """A single choice question, then a numeric one: 3.4 within 0.1 (2 points each)."""
    quiz = make_quiz(world.module, kinds=[Kind.SINGLE])
    numeric = add_question(quiz, Kind.NUMERIC)
    numeric.numeric_answer, numeric.tolerance = Decimal("3.4"), Decimal("0.1")
    numeric.save(update_fields=["numeric_answer", "tolerance"])
    return quiz


def numeric_of(quiz) -> Question:
    return quiz.questions.get(kind=Kind.NUMERIC)


def single_of(quiz) -> Question:
    return quiz.questions.get(kind=Kind.SINGLE)


@pytest.mark.parametrize(
    "typed, number",
    [("3,5", "3.5"), ("3.5", "3.5"), (" -2 ", "-2"), ("+2", "2"), (",5", "0.5"),
     ("1 000,5", "1000.5"), ("1\u00a0500", "1500"), ("7.", "7")],
)  # fmt: skip
def test_it_reads_a_number_with_a_point_or_a_comma(typed, number):
    assert parse_number(typed) == Decimal(number)
    validate_number(typed)


@pytest.mark.parametrize(
    "typed", ["remesas", "", "3,5 kg", "1.000,5", "1e3", "nan", "Infinity", "--2", "3,5,1", "٣"]
)
def test_it_refuses_what_is_not_a_number(typed):
    assert parse_number(typed) is None
    with pytest.raises(ValidationError):
        validate_number(typed)


def test_a_word_is_refused_with_the_reason_and_kept_in_the_field(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = quiz_url(world, quiz, f"attempts/{attempt.number}/")
    numeric = numeric_of(quiz)

    response = client.post(
        url, {f"q{single_of(quiz).pk}": "1", f"q{numeric.pk}": "remesas", "action": "save"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "“remesas” is not a number" in html
    assert f'id="q{numeric.pk}-answer" value="remesas" aria-invalid="true"' in html
    assert f'id="q{numeric.pk}-error"' in html
    assert not AttemptAnswer.objects.filter(attempt=attempt, question=numeric).exists()
    # The other answer of the page is saved.
    assert AttemptAnswer.objects.filter(attempt=attempt, question=single_of(quiz)).exists()


def test_a_refused_answer_leaves_the_one_saved_before(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = quiz_url(world, quiz, f"attempts/{attempt.number}/")
    numeric = numeric_of(quiz)
    client.post(url, {f"q{numeric.pk}": "3,4", "action": "save"})

    client.post(url, {f"q{numeric.pk}": "remesas", "action": "save"})

    assert AttemptAnswer.objects.get(attempt=attempt, question=numeric).text == "3,4"


def test_a_word_stops_the_submit(client, world, quiz):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = quiz_url(world, quiz, f"attempts/{attempt.number}/")

    response = client.post(
        url,
        {f"q{single_of(quiz).pk}": "1", f"q{numeric_of(quiz).pk}": "remesas", "action": "submit"},
    )

    assert response.status_code == 200
    assert "is not a number" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.IN_PROGRESS
    assert attempt.submitted_at is None


@pytest.mark.parametrize("typed", ["3,5", "3.5"])
def test_a_decimal_comma_scores_like_a_point(client, world, quiz, typed):
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = quiz_url(world, quiz, f"attempts/{attempt.number}/")

    response = client.post(
        url, {f"q{single_of(quiz).pk}": "1", f"q{numeric_of(quiz).pk}": typed, "action": "submit"}
    )

    assert response.status_code == 302 and response.url == url
    attempt.refresh_from_db()
    assert attempt.status == QuizAttempt.Status.GRADED
    assert attempt.score == Decimal("4.00")  # Geneva (first choice, not shuffled) and 3.5
    answer = AttemptAnswer.objects.get(attempt=attempt, question=numeric_of(quiz))
    assert (answer.text, answer.score) == (typed, Decimal("2.00"))


def test_a_refused_answer_keeps_the_student_on_its_page(client, world):
    quiz = make_quiz(world.module, kinds=[Kind.SINGLE, Kind.NUMERIC] * 2, questions_per_page=2)
    client.force_login(world.ana)
    attempt = start(client, world, quiz)
    url = attempt_url(world, quiz, attempt)
    form = page_form(attempt, quiz, 2, goto="1")
    numeric = next(pk for pk in on_page(attempt, 2) if form[f"q{pk}"] == "1951")
    form[f"q{numeric}"] = "mil"

    response = client.post(url, form)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Page 2 of 2" in html
    assert 'value="mil" aria-invalid="true"' in html
    assert f'href="#q{numeric}-answer"' in html
