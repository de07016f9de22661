"""Moodle XML: every supported type, every problem with its line number, exports that read back."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from courses.assess import authoring
from courses.assess.authoring import quiz_questions
from courses.assess.moodle_xml import export_moodle_xml, parse_moodle_xml
from courses.assess.question_import import parse_gift
from courses.models import Choice, Question, Quiz


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are checked in English, whatever the catalogue translates by now."""
    settings.LANGUAGE_CODE = "en"


DATA = Path(__file__).parent / "data"
Kind = Question.Kind


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def choices_of(question) -> list[tuple]:
    """(text, fraction, feedback) of a parsed question's choices, or a model's `choice_list`."""
    choices = question.choice_list if isinstance(question, Question) else question.choices
    return [(c.text, c.fraction, c.feedback) for c in choices]


def test_it_reads_every_supported_type_and_skips_categories_and_descriptions():
    parsed = parse_moodle_xml(read("every_type.xml"))

    assert parsed.problems == []
    assert parsed.is_importable
    assert [(q.line, q.kind, q.title) for q in parsed.questions] == [
        (15, Kind.SINGLE, "Capital"),
        (64, Kind.MULTIPLE, "Remittances"),
        (107, Kind.TRUE_FALSE, "Net emigration"),
        (146, Kind.SHORT, "Acronym"),
        (175, Kind.NUMERIC, "Founded"),
        (202, Kind.NUMERIC, "Share abroad"),
        (236, Kind.ESSAY, "Drivers"),
    ]


def test_it_keeps_fractions_feedback_and_points():
    single, multiple, true_false, short, *_ = parse_moodle_xml(read("every_type.xml")).questions

    assert choices_of(single) == [
        ("Geneva", 100, "Right: IOM is based in Geneva."),
        ("New York", 0, "The UN is, but not IOM."),
        ("Lima", 0, ""),
    ]
    assert single.general_feedback == "IOM joined the UN system in 2016."
    assert [c.fraction for c in multiple.choices] == [
        Decimal("33.33"), Decimal("33.33"), Decimal("33.33"), Decimal("-100"),
    ]  # fmt: skip
    assert multiple.choices[3].feedback == "No: that is trade in services."
    assert [q.points for q in (single, multiple, true_false)] == [1, Decimal("2.5"), 2]
    assert choices_of(true_false) == [
        ("True", 100, "Right."),
        ("False", 0, "Look at the census again."),
    ]
    assert short.case_sensitive
    assert choices_of(short)[1] == (
        "International Organisation for Migration",
        50,
        "Almost: mind the spelling.",
    )


def test_it_turns_moodle_html_into_markdown():
    questions = parse_moodle_xml(read("every_type.xml")).questions

    assert questions[0].text == "Which city hosts the **IOM** headquarters?"
    assert questions[1].text == (
        "Which of these are remittance channels?\n\n"
        "- Pick all that apply.\n- Wrong picks cost points."
    )
    assert questions[6].text == (
        "Discuss the **drivers** of internal migration in Peru.\n\n"
        "Use [the census](https://www.inei.gob.pe/) & at least two sources."
    )
    assert questions[6].general_feedback == "A good answer cites the census."


def test_it_keeps_lists_and_line_breaks_and_drops_scripts():
    source = """<quiz><question type="multichoice">
      <questiontext format="html"><text><![CDATA[<p>Read:</p><ol><li><p>the <em>census</em></p>
      </li><li>the survey<ul><li>2017</li></ul></li></ol><p>Then&nbsp;pick.<br>Thanks.</p>
      <script>alert(1)</script><p><img src="@@PLUGINFILE@@/map.png" alt="map"></p>]]></text>
      </questiontext>
      <answer fraction="100" format="html"><text><![CDATA[<p>The <b>first</b></p>]]></text></answer>
      <answer fraction="0" format="html"><text><![CDATA[<ul><li>None</li></ul>]]></text></answer>
    </question></quiz>"""

    (question,) = parse_moodle_xml(source).questions

    assert question.text == (
        "Read:\n\n1. the *census*\n2. the survey\n   - 2017\n\nThen pick.\nThanks.\n\nmap"
    )
    assert [choice.text for choice in question.choices] == ["The first", "None"]
    assert question.notes == ["Images and files embedded in the question are not imported."]


def test_it_reads_numerical_answers_and_says_what_it_leaves_out():
    *_, founded, share, essay = parse_moodle_xml(read("every_type.xml")).questions

    assert (founded.numeric_answer, founded.tolerance) == (1951, 0)
    assert founded.general_feedback == "It began as PICMME in 1951."
    assert (share.numeric_answer, share.tolerance) == (10, 2)
    assert share.notes == [
        "Only the answer with full credit is kept.",
        "Units are not imported: the answer is the number alone.",
    ]
    assert essay.points == 5


def test_it_rounds_numbers_to_four_decimals_with_a_note():
    source = """<quiz><question type="numerical">
      <questiontext format="plain_text"><text>Pi?</text></questiontext>
      <answer fraction="100"><text>3.14159</text><tolerance>0.0000001</tolerance></answer>
    </question></quiz>"""

    (question,) = parse_moodle_xml(source).questions

    assert (question.numeric_answer, question.tolerance) == (Decimal("3.1416"), 0)
    assert "3.14159 is rounded to 3.1416." in question.notes


def test_it_reports_every_broken_question_with_its_line():
    parsed = parse_moodle_xml(read("broken.xml"))

    assert [q.title for q in parsed.questions] == ["Good"]
    assert not parsed.is_importable
    messages = {problem.line: problem.message for problem in parsed.problems}
    assert list(messages) == [13, 18, 22, 26, 31, 38, 50, 52, 58, 66, 68, 76, 81, 83]
    assert "“matching” cannot be imported" in messages[13]
    assert "“cloze”" in messages[18]
    assert "“ddwtos”" in messages[22]
    assert "no answers" in messages[26]
    assert "full credit" in messages[31]
    assert "now 150 %" in messages[38]
    assert "empty" in messages[50]
    assert "“true” and “false”" in messages[52]
    assert "no text" in messages[58]
    assert "not a number" in messages[66] and "not a number" in messages[76]
    assert "-100 and 100" in messages[81]
    assert "type" in messages[83]


def test_malformed_xml_is_reported_with_its_line():
    parsed = parse_moodle_xml(read("malformed.xml"))

    assert parsed.questions == []
    assert [(p.line, p.message) for p in parsed.problems] == [
        (5, "The file is not well-formed XML: mismatched tag.")
    ]


@pytest.mark.parametrize(
    "source, line",
    [
        ('<?xml version="1.0"?>\n<!DOCTYPE quiz [\n<!ENTITY lol "lol">\n]>\n<quiz>&lol;</quiz>', 3),
        ('<!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<quiz>&x;</quiz>', 1),
    ],
)
def test_it_refuses_entities(source, line):
    parsed = parse_moodle_xml(source)

    assert parsed.questions == []
    assert [p.line for p in parsed.problems] == [line]
    assert "entities" in parsed.problems[0].message


@pytest.mark.parametrize(
    "source, message",
    [
        ("", "not well-formed"),
        ("::Title:: Question {=right ~wrong}", "not well-formed"),
        ("<questions/>", "<quiz>"),
        ("<quiz>\n<category/></quiz>", "Expected a <question>"),
    ],
)
def test_other_files_are_reported(source, message):
    parsed = parse_moodle_xml(source)

    assert not parsed.is_importable
    assert message in parsed.problems[0].message


def test_an_empty_quiz_has_nothing_to_import():
    parsed = parse_moodle_xml('<?xml version="1.0"?>\n<quiz>\n</quiz>\n')

    assert parsed.problems == []
    assert not parsed.is_importable


# Export --------------------------------------------------------------------------------------


@pytest.fixture
def quiz(world):
    return Quiz.objects.create(module=world.module, title="Bank", slug="bank")


def same(before, after) -> None:
    assert (after.kind, after.text, after.general_feedback) == (
        before.kind,
        before.text,
        before.general_feedback,
    )
    assert choices_of(after) == choices_of(before)
    if before.kind == Kind.NUMERIC:
        assert (after.numeric_answer, after.tolerance) == (before.numeric_answer, before.tolerance)


@pytest.mark.parametrize(
    "name, parse", [("every_type.xml", parse_moodle_xml), ("every_type.gift", parse_gift)]
)
def test_exported_xml_reads_back_the_same_questions(quiz, name, parse):
    parsed = parse(read(name)).questions
    authoring.import_questions(quiz=quiz, questions=parsed, points=Decimal("1"))

    again = parse_moodle_xml(export_moodle_xml(list(quiz_questions(quiz))))

    assert again.problems == []
    assert len(again.questions) == len(parsed)
    for before, after in zip(parsed, again.questions, strict=True):
        same(before, after)
        assert after.points == (before.points or Decimal("1"))


texts = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Cn"), include_characters="\n\t"),
    max_size=80,
).map(str.strip)
words = texts.filter(bool)
choice_texts = words.map(lambda text: text[:500])
decimals = st.decimals(min_value=-100, max_value=100, places=2)
positive_splits = st.sampled_from(
    [["100"], ["50", "50"], ["25", "75"], ["33.33", "33.33", "33.33"], ["20", "30", "50"]]
)


@st.composite
def choices(draw, fractions: list[Decimal]) -> list[Choice]:
    return [
        Choice(
            text=draw(choice_texts),
            fraction=fraction,
            feedback=draw(texts),
            is_correct=fraction > 0,
        )
        for fraction in fractions
    ]


@st.composite
def questions(draw) -> Question:
    kind = draw(st.sampled_from(Kind.values))
    question = Question(
        kind=kind,
        text=draw(words),
        general_feedback=draw(texts),
        points=draw(st.decimals(min_value=0, max_value=Decimal("9999.99"), places=2)),
        case_sensitive=kind == Kind.SHORT and draw(st.booleans()),
    )
    fractions: list[Decimal] = []
    if kind in (Kind.SINGLE, Kind.SHORT):
        fractions = [
            Decimal(100),
            *draw(st.lists(decimals, min_size=kind == Kind.SINGLE, max_size=4)),
        ]
    elif kind == Kind.MULTIPLE:
        wrong = draw(st.lists(st.decimals(min_value=-100, max_value=0, places=2), max_size=3))
        fractions = [Decimal(split) for split in draw(positive_splits)] + wrong
        if len(fractions) < 2:
            fractions.append(Decimal(0))
    fractions = draw(st.permutations(fractions)) if fractions else []
    question.choice_list = draw(choices(fractions))
    if kind == Kind.TRUE_FALSE:
        truth = draw(st.booleans())
        question.choice_list = [
            Choice(text="True", fraction=Decimal(100 if truth else 0), feedback=draw(texts)),
            Choice(text="False", fraction=Decimal(0 if truth else 100), feedback=draw(texts)),
        ]
    if kind == Kind.NUMERIC:
        question.numeric_answer = draw(st.decimals(min_value=-(10**9), max_value=10**9, places=4))
        question.tolerance = draw(st.decimals(min_value=0, max_value=1000, places=4))
    return question


@settings(max_examples=150, deadline=None)
@given(st.lists(questions(), min_size=1, max_size=5))
def test_any_exported_quiz_reads_back_the_same(exported):
    xml = export_moodle_xml(exported)

    again = parse_moodle_xml(xml)

    assert again.problems == []
    for before, after in zip(exported, again.questions, strict=True):
        same(before, after)
        assert after.points == before.points
        assert after.case_sensitive == before.case_sensitive


# Through the pages ---------------------------------------------------------------------------


def import_url(world, quiz) -> str:
    return reverse(
        "assess:question-import", args=[world.edition.slug, world.module.slug, quiz.slug]
    )


def export_url(world, quiz, format: str) -> str:
    return reverse(
        "assess:question-export", args=[world.edition.slug, world.module.slug, quiz.slug, format]
    )


def test_it_previews_a_moodle_file_then_imports_it(client, world, quiz):
    client.force_login(world.ivan)
    upload = SimpleUploadedFile("bank.xml", read("every_type.xml").encode(), "application/xml")

    response = client.post(
        import_url(world, quiz), {"format": "moodle_xml", "file": upload, "points": "3"}
    )

    assert response.status_code == 200
    assert not quiz.questions.exists()
    html = response.content.decode()
    assert "Capital: Which city hosts the **IOM** headquarters?" in html
    assert "Case and accents matter." in html
    confirm = response.context["confirm"]
    data = {name: confirm[name].value() for name in ("format", "text", "points")}
    response = client.post(import_url(world, quiz), {**data, "confirm": "1"})

    assert response.status_code == 302
    assert list(quiz.questions.order_by("order").values_list("kind", "points")) == [
        ("single", 1), ("multiple", Decimal("2.5")), ("true_false", 2), ("short", 1),
        ("numeric", 1), ("numeric", 1), ("essay", 5),
    ]  # fmt: skip
    numeric = quiz.questions.get(text__startswith="What share")
    assert (numeric.numeric_answer, numeric.tolerance) == (10, 2)
    assert quiz.questions.get(kind="short").case_sensitive


def test_it_shows_every_problem_of_a_moodle_file_and_imports_nothing(client, world, quiz):
    client.force_login(world.ivan)
    data = {"format": "moodle_xml", "text": read("broken.xml"), "points": "1"}

    response = client.post(import_url(world, quiz), data)
    tampered = client.post(import_url(world, quiz), {**data, "confirm": "1"})

    html = response.content.decode()
    assert response.context["confirm"] is None
    for line in (13, 18, 22, 26, 31, 38, 50, 52, 58, 66, 68, 76, 81, 83):
        assert f'data-line="{line}"' in html
    assert tampered.status_code == 200
    assert not quiz.questions.exists()


def test_it_exports_moodle_xml_as_a_download(client, world, quiz):
    authoring.import_questions(
        quiz=quiz, questions=parse_moodle_xml(read("every_type.xml")).questions, points=Decimal(1)
    )
    client.force_login(world.cora)

    response = client.get(export_url(world, quiz, "xml"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="bank.xml"'
    parsed = parse_moodle_xml(response.content.decode())
    assert parsed.problems == [] and len(parsed.questions) == 7


def test_the_quiz_page_links_to_every_export(client, world, quiz):
    authoring.import_questions(
        quiz=quiz, questions=parse_moodle_xml(read("every_type.xml")).questions, points=Decimal(1)
    )
    client.force_login(world.ivan)

    html = client.get(
        reverse("assess:quiz-edit", args=[world.edition.slug, world.module.slug, quiz.slug])
    ).content.decode()

    for format in ("gift", "aiken", "xml"):
        assert f'href="{export_url(world, quiz, format)}"' in html


def test_outsiders_cannot_export(client, world, quiz):
    client.force_login(world.olga)

    assert client.get(export_url(world, quiz, "xml")).status_code == 403
