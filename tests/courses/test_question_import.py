"""GIFT and Aiken: every question type, every malformed line with its number, all or nothing."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from courses.assess import authoring
from courses.assess.authoring import quiz_questions
from courses.assess.question_import import (
    ParsedChoice,
    ParsedQuestion,
    export_aiken,
    export_gift,
    parse_aiken,
    parse_gift,
)
from courses.models import Question, Quiz


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are checked in English, whatever the catalogue translates by now."""
    settings.LANGUAGE_CODE = "en"


DATA = Path(__file__).parent / "data"
Kind = Question.Kind


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def test_it_reads_every_gift_question_type():
    parsed = parse_gift(read("every_type.gift"))

    assert parsed.problems == []
    kinds = [(q.line, q.kind) for q in parsed.questions]
    assert kinds == [
        (4, Kind.SINGLE), (11, Kind.MULTIPLE), (18, Kind.TRUE_FALSE), (20, Kind.TRUE_FALSE),
        (22, Kind.TRUE_FALSE), (24, Kind.SHORT), (29, Kind.SINGLE), (31, Kind.NUMERIC),
        (33, Kind.NUMERIC), (35, Kind.NUMERIC), (37, Kind.NUMERIC), (39, Kind.ESSAY),
        (41, Kind.SHORT),
    ]  # fmt: skip


def test_it_keeps_titles_weights_and_feedback():
    single, multiple, true_false, *_ = parse_gift(read("every_type.gift")).questions

    assert single.title == "Capital"
    assert [(c.text, c.fraction, c.feedback) for c in single.choices] == [
        ("Geneva", 100, "Right: IOM is based in Geneva."),
        ("New York", 0, "The UN is, but not IOM."),
        ("Lima", 0, ""),
    ]
    assert single.general_feedback == "IOM joined the UN system in 2016."
    assert [c.fraction for c in multiple.choices] == [50, 50, -100]
    assert true_false.points == Decimal("2")
    assert [(c.text, c.fraction, c.feedback) for c in true_false.choices] == [
        ("True", 100, "Right."),
        ("False", 0, "Look at the census again."),
    ]


def test_it_reads_numbers_ranges_missing_words_and_escapes():
    questions = {q.line: q for q in parse_gift(read("every_type.gift")).questions}

    assert (questions[31].numeric_answer, questions[31].tolerance) == (1951, 0)
    assert (questions[33].numeric_answer, questions[33].tolerance) == (10, 2)
    assert (questions[35].numeric_answer, questions[35].tolerance) == (3, 2)
    assert questions[37].numeric_answer == 152 and questions[37].notes
    assert questions[29].text == "The 1951 Convention is about _____ and their protection."
    assert questions[39].text == "Discuss the **drivers** of internal migration in Peru."
    assert questions[41].text == "A colon : and braces {like these} and an = sign and a # hash."
    assert [(c.text, c.fraction) for c in questions[24].choices][1] == (
        "International Organisation for Migration",
        50,
    )


def test_it_reports_every_broken_gift_line_with_its_number():
    parsed = parse_gift(read("broken.gift"))

    assert [q.title for q in parsed.questions] == ["Good"]
    assert [problem.line for problem in parsed.problems] == [
        5, 7, 9, 11, 15, 18, 20, 22, 24, 26, 28, 30, 33,
    ]  # fmt: skip
    messages = {problem.line: problem.message for problem in parsed.problems}
    assert "not closed" in messages[5]
    assert "Matching" in messages[9]
    assert "60" in messages[11]
    assert "many" in messages[18]
    assert not parsed.is_importable


def test_it_reads_aiken():
    parsed = parse_aiken(read("questions.aiken"))

    assert parsed.problems == []
    assert [(q.line, q.kind) for q in parsed.questions] == [(1, Kind.SINGLE), (7, Kind.SINGLE)]
    assert [(c.text, c.fraction) for c in parsed.questions[1].choices] == [
        ("2016", 0),
        ("2018", 100),
        ("2020", 0),
    ]


def test_it_reports_every_broken_aiken_line_with_its_number():
    parsed = parse_aiken(read("broken.aiken"))

    assert parsed.questions == []
    assert [problem.line for problem in parsed.problems] == [1, 6, 10, 16, 20, 21, 23]


def test_an_empty_text_has_nothing_to_import():
    assert not parse_gift("// only a comment\n\n").is_importable
    assert not parse_aiken("").is_importable


@pytest.fixture
def quiz(world):
    return Quiz.objects.create(module=world.module, title="Bank", slug="bank")


def test_exported_gift_reads_back_the_same_questions(quiz):
    parsed = parse_gift(read("every_type.gift")).questions
    authoring.import_questions(quiz=quiz, questions=parsed, points=Decimal("1"))

    again = parse_gift(export_gift(list(quiz_questions(quiz))))

    assert again.problems == []
    assert [(q.kind, q.text) for q in again.questions] == [(q.kind, q.text) for q in parsed]
    for before, after in zip(parsed, again.questions, strict=True):
        assert [(c.text, c.fraction, c.feedback) for c in after.choices] == [
            (c.text, c.fraction, c.feedback) for c in before.choices
        ]
        assert (after.numeric_answer, after.tolerance) == (before.numeric_answer, before.tolerance)
        assert after.points == (before.points or Decimal("1"))


def test_aiken_export_keeps_single_answer_questions(quiz):
    authoring.import_questions(
        quiz=quiz, questions=parse_gift(read("every_type.gift")).questions, points=Decimal("1")
    )

    parsed = parse_aiken(export_aiken(list(quiz_questions(quiz))))

    assert parsed.problems == []
    assert [q.text for q in parsed.questions] == [
        "Which city hosts the IOM headquarters?",
        "Peru has been a country of net emigration since the 1980s.",
        "The Global Compact for Migration was adopted in 2018.",
        "Migrants are always refugees.",
        "The 1951 Convention is about _____ and their protection.",
    ]


def test_an_import_is_all_or_nothing(quiz):
    good = ParsedQuestion(1, Kind.SINGLE, "Fine?", choices=[ParsedChoice("Yes", Decimal(100))])
    bad = ParsedQuestion(3, Kind.SINGLE, "Broken?", choices=[ParsedChoice("No", Decimal(150))])

    with pytest.raises(IntegrityError):  # the choices are written after the questions
        authoring.import_questions(quiz=quiz, questions=[good, bad], points=Decimal("1"))

    assert not quiz.questions.exists()


# Through the pages ---------------------------------------------------------------------------


def import_url(world, quiz) -> str:
    return reverse(
        "assess:question-import", args=[world.edition.slug, world.module.slug, quiz.slug]
    )


def test_it_previews_before_importing(client, world, quiz):
    client.force_login(world.ivan)
    upload = SimpleUploadedFile("bank.gift", read("every_type.gift").encode(), "text/plain")

    response = client.post(
        import_url(world, quiz), {"format": "gift", "file": upload, "points": "1.5"}
    )

    assert response.status_code == 200
    assert not quiz.questions.exists()
    html = response.content.decode()
    assert "Which city hosts the IOM headquarters?" in html
    assert 'name="confirm"' in html

    confirm = response.context["confirm"]
    data = {name: confirm[name].value() for name in ("format", "text", "points")}
    response = client.post(import_url(world, quiz), {**data, "confirm": "1"})

    assert response.status_code == 302
    assert quiz.questions.count() == 13
    assert quiz.questions.get(text__startswith="Peru has").points == Decimal("2")
    assert quiz.questions.get(text__startswith="Which city").points == Decimal("1.5")


def test_it_shows_every_problem_and_imports_nothing(client, world, quiz):
    client.force_login(world.ivan)

    response = client.post(
        import_url(world, quiz), {"format": "gift", "text": read("broken.gift"), "points": "1"}
    )

    html = response.content.decode()
    assert response.context["confirm"] is None
    for line in (5, 7, 9, 11, 15, 18, 20, 22, 24, 26, 28, 30, 33):
        assert f'data-line="{line}"' in html
    assert not quiz.questions.exists()


def test_a_tampered_confirmation_imports_nothing(client, world, quiz):
    client.force_login(world.ivan)

    response = client.post(
        import_url(world, quiz),
        {"format": "gift", "text": read("broken.gift"), "points": "1", "confirm": "1"},
    )

    assert response.status_code == 200
    assert not quiz.questions.exists()


def test_it_imports_aiken_files(client, world, quiz):
    client.force_login(world.gus)
    data = {"format": "aiken", "text": read("questions.aiken"), "points": "2", "confirm": "1"}

    assert client.post(import_url(world, quiz), data).status_code == 302
    assert list(quiz.questions.values_list("kind", "points")) == [
        ("single", Decimal("2.00")),
        ("single", Decimal("2.00")),
    ]


def test_it_refuses_a_file_that_is_not_utf8(client, world, quiz):
    client.force_login(world.ivan)
    upload = SimpleUploadedFile("bank.gift", "Pregunta {=sí}".encode("utf-16"), "text/plain")

    response = client.post(import_url(world, quiz), {"format": "gift", "file": upload, "points": 1})

    assert "UTF-8" in response.content.decode()


@pytest.mark.parametrize("format, name", [("gift", "bank.gift"), ("aiken", "bank.txt")])
def test_it_exports_as_a_download(client, world, quiz, format, name):
    authoring.import_questions(
        quiz=quiz, questions=parse_aiken(read("questions.aiken")).questions, points=Decimal(1)
    )
    client.force_login(world.cora)
    url = reverse(
        "assess:question-export", args=[world.edition.slug, world.module.slug, quiz.slug, format]
    )

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert "Which organisation leads the UN Network on Migration?" in response.content.decode()


def test_outsiders_cannot_import(client, world, quiz):
    client.force_login(world.olga)
    data = {"format": "aiken", "text": read("questions.aiken"), "points": "2", "confirm": "1"}

    assert client.post(import_url(world, quiz), data).status_code == 403
    assert not quiz.questions.exists()
