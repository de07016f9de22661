"""Moodle XML question files: parse them for a preview, export a quiz to them.

Like GIFT and Aiken (courses.question_import), parsing reports every problem with its line
number and writes nothing. Supported types: multichoice (single or multiple answers),
truefalse, shortanswer, numerical and essay; category and description entries are skipped.
Any other type (matching, cloze, calculated, drag and drop...) is a problem: the file is not
imported until it is removed, so nothing is ever half-imported.

Question texts and general feedback are Markdown here. Moodle's HTML becomes Markdown
(paragraphs, line breaks, bold, italics, code, links, lists, headings; other tags give way to
their text); texts in another format are kept as they are, as GIFT does. Choices and their
feedback are plain text. Exports write Markdown and plain text, which Moodle reads too.

The file is parsed with defusedxml: no entity expansion, no external entities.
https://docs.moodle.org/en/Moodle_XML_format
"""

import re
import xml.etree.ElementTree as ET
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from django.utils.translation import gettext as _

from courses.assess.question_import import (
    HUNDRED,
    Kind,
    Parsed,
    ParsedChoice,
    ParsedQuestion,
    _Broken,
    _credit,
    _limited,
    _number,
    _percent,
)
from courses.models import Choice, Question

SKIPPED_TYPES = {"category", "description"}
CENT = Decimal("0.01")
TEN_THOUSANDTH = Decimal("0.0001")


# Reading the XML with line numbers -----------------------------------------------------------


class _Element(ET.Element):
    """An element that knows the line its start tag is on."""

    line = 0


class _LineTreeBuilder(ET.TreeBuilder):
    def __init__(self) -> None:
        super().__init__(element_factory=_Element)
        self.expat = None

    def start(self, tag: str, attrs: dict[str, str]) -> _Element:
        element = super().start(tag, attrs)
        element.line = self.expat.CurrentLineNumber
        return element


def _read_xml(source: str) -> _Element:
    builder = _LineTreeBuilder()
    parser = DefusedXMLParser(target=builder)
    builder.expat = parser.parser
    try:
        parser.feed(source)
        return parser.close()
    except ET.ParseError as error:
        raise _Broken(
            error.position[0],
            _("The file is not well-formed XML: %(error)s.")
            % {"error": expat.ErrorString(error.code)},
        ) from None
    except DefusedXmlException:
        raise _Broken(
            parser.parser.CurrentLineNumber,
            _("Entity declarations and external entities are not accepted."),
        ) from None


# HTML to Markdown ----------------------------------------------------------------------------

_EMPHASIS = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`"}
_BLOCKS = {
    "address", "article", "blockquote", "div", "dl", "figure", "hr", "p", "pre", "section",
    "table", "tr",
}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_INDENT = "\ue010"  # the indent of a nested list item, safe from the clean-up of spaces


class _HtmlText(HTMLParser):
    """The text of an HTML fragment: as Markdown, or as plain text without `markup`."""

    def __init__(self, *, markup: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.markup = markup
        self.parts: list[str] = []
        self.lists: list[int | None] = []  # a counter for each open <ol>, None for <ul>
        self.links: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag in ("script", "style"):
            self.hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in ("ul", "ol"):
            self.parts.append("" if self.lists else "\n\n")
            self.lists.append(0 if tag == "ol" else None)
        elif tag == "li":
            self.parts.append("\n" + _INDENT * (len(self.lists) - 1) + self._bullet())
        elif tag in _HEADINGS:
            self.parts.append("\n\n" + ("#" * int(tag[1]) + " " if self.markup else ""))
        elif tag in _BLOCKS:
            self.parts.append(self._break())
        elif tag == "img":
            self.parts.append(self._image(attributes.get("src", ""), attributes.get("alt", "")))
        elif not self.markup:
            return
        elif tag in _EMPHASIS:
            self.parts.append(_EMPHASIS[tag])
        elif tag == "a":
            self.links.append(attributes.get("href", ""))
            self.parts.append("[")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden = max(0, self.hidden - 1)
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self.parts.append("" if self.lists else "\n\n")
        elif tag in _HEADINGS or tag in _BLOCKS:
            self.parts.append(self._break())
        elif not self.markup:
            return
        elif tag in _EMPHASIS:
            self.parts.append(_EMPHASIS[tag])
        elif tag == "a" and self.links:
            self.parts.append(f"]({self.links.pop()})")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(re.sub(r"\s+", " ", data))

    def _image(self, source: str, alt: str) -> str:
        # Files embedded in the Moodle file are not imported: their images become their text.
        if not self.markup or source.startswith("@@PLUGINFILE@@"):
            return alt
        return f"![{alt}]({source})"

    def _break(self) -> str:
        return " " if self.lists else "\n\n"  # a paragraph inside a list item stays in it

    def _bullet(self) -> str:
        if not self.markup:
            return " "
        if not self.lists or self.lists[-1] is None:
            return "- "
        self.lists[-1] += 1
        return f"{self.lists[-1]}. "

    def text(self) -> str:
        text = "".join(self.parts)
        if not self.markup:
            return " ".join(text.split())
        text = re.sub(r" *\n *", "\n", re.sub(" {2,}", " ", text)).replace(_INDENT, "   ")
        return re.sub(r"\n{3,}", "\n\n", text).strip()


def _from_html(html: str, *, markup: bool) -> str:
    reader = _HtmlText(markup=markup)
    reader.feed(html)
    reader.close()
    return reader.text()


def _text_of(element: ET.Element | None, *, markup: bool, default_format: str = "html") -> str:
    """The text of a Moodle text element (<questiontext>, <answer>, <feedback>...).

    HTML becomes Markdown, or plain text without `markup`; other formats stay as written.
    """
    if element is None:
        return ""
    text = element.findtext("text", default="")
    if element.get("format", default_format) == "html":
        return _from_html(text, markup=markup)
    return text.strip()


# Questions -----------------------------------------------------------------------------------


def parse_moodle_xml(source: str) -> Parsed:
    """Questions and problems of a Moodle XML text."""
    result = Parsed()
    try:
        quiz = _read_xml(source.lstrip("\ufeff"))
        if quiz.tag != "quiz":
            raise _Broken(quiz.line, _("A Moodle XML file holds its questions in <quiz>."))
    except _Broken as broken:
        result.problems.append(broken.problem)
        return result
    for element in quiz:
        if element.get("type") in SKIPPED_TYPES:
            continue
        try:
            result.questions.append(_read_question(element))
        except _Broken as broken:
            result.problems.append(broken.problem)
    return _limited(result)


def _read_question(element: _Element) -> ParsedQuestion:
    if element.tag != "question":
        raise _Broken(
            element.line, _("Expected a <question>, found <%(tag)s>.") % {"tag": element.tag}
        )
    kind = element.get("type", "")
    if not kind:
        raise _Broken(element.line, _('A <question> needs a type, like type="multichoice".'))
    if kind not in _READERS:
        raise _Broken(
            element.line,
            _("Questions of the type “%(type)s” cannot be imported here.") % {"type": kind},
        )
    return _READERS[kind](element)


def _question(element: _Element, kind: str) -> ParsedQuestion:
    text = _text_of(element.find("questiontext"), markup=True)
    if not text:
        raise _Broken(element.line, _("The question has no text."))
    title = " ".join(element.findtext("name/text", default="").split())
    if " ".join(text.split()).startswith(title.rstrip("…. ")):
        title = ""  # a name made of the first words of the text, as Moodle and our export do
    question = ParsedQuestion(
        line=element.line,
        kind=kind,
        text=text,
        title=title,
        general_feedback=_text_of(element.find("generalfeedback"), markup=True),
        points=_points(element),
    )
    texts = (node.text or "" for node in element.iter("text"))
    if element.find(".//file") is not None or any("@@PLUGINFILE@@" in t for t in texts):
        question.notes.append(_("Images and files embedded in the question are not imported."))
    return question


def _points(element: _Element) -> Decimal | None:
    grade = element.find("defaultgrade")
    if grade is None or not (grade.text or "").strip():
        return None
    points = _number(grade.text, grade.line)
    if not 0 <= points < 10000:
        raise _Broken(grade.line, _("Points lie between 0 and 9999."))
    return points.quantize(CENT, ROUND_HALF_UP)


def _answers(element: _Element) -> list[_Element]:
    answers = element.findall("answer")
    if not answers:
        raise _Broken(element.line, _("This question has no answers (<answer>)."))
    return answers


def _fraction(answer: _Element) -> Decimal:
    fraction = _number(answer.get("fraction", "0"), answer.line)
    if not -HUNDRED <= fraction <= HUNDRED:
        raise _Broken(answer.line, _("A weight must lie between -100 and 100 (percent)."))
    return fraction.quantize(CENT, ROUND_HALF_UP)


def _choice(answer: _Element, default_format: str) -> ParsedChoice:
    text = _text_of(answer, markup=False, default_format=default_format)
    if not text:
        raise _Broken(answer.line, _("An answer is empty."))
    if len(text) > Choice._meta.get_field("text").max_length:
        raise _Broken(answer.line, _("An answer is longer than 500 characters."))
    feedback = _text_of(answer.find("feedback"), markup=False)
    return ParsedChoice(text=text, fraction=_fraction(answer), feedback=feedback)


def _multichoice(element: _Element) -> ParsedQuestion:
    single = element.findtext("single", default="true").strip().lower() in ("true", "1")
    question = _question(element, Kind.SINGLE if single else Kind.MULTIPLE)
    text_format = element.find("questiontext").get("format", "html")
    question.choices = [_choice(answer, text_format) for answer in _answers(element)]
    if len(question.choices) < 2:
        raise _Broken(element.line, _("A choice question needs at least two choices."))
    if single and max(choice.fraction for choice in question.choices) != HUNDRED:
        raise _Broken(element.line, _("Give the right choice full credit (100)."))
    positive = sum((c.fraction for c in question.choices if c.fraction > 0), Decimal("0"))
    if not single and abs(positive - HUNDRED) > Decimal("0.5"):
        raise _Broken(
            element.line,
            _("The credits of the right choices must add up to 100 %% (now %(total)s %%).")
            % {"total": format(positive.normalize(), "f")},
        )
    return question


def _truefalse(element: _Element) -> ParsedQuestion:
    question = _question(element, Kind.TRUE_FALSE)
    answers = _answers(element)
    labels = [_text_of(a, markup=False, default_format="plain_text").lower() for a in answers]
    if sorted(labels) != ["false", "true"]:
        raise _Broken(element.line, _("A true/false question has two answers: “true” and “false”."))
    by_label = dict(zip(labels, answers, strict=True))
    question.choices = [
        ParsedChoice(
            label,
            HUNDRED if _fraction(by_label[label.lower()]) > 0 else Decimal("0"),
            _text_of(by_label[label.lower()].find("feedback"), markup=False),
        )
        for label in ("True", "False")
    ]
    if sum(choice.fraction for choice in question.choices) != HUNDRED:
        raise _Broken(element.line, _("Give full credit to either “true” or “false”, not to both."))
    return question


def _shortanswer(element: _Element) -> ParsedQuestion:
    question = _question(element, Kind.SHORT)
    question.case_sensitive = element.findtext("usecase", default="0").strip() == "1"
    question.choices = [_choice(answer, "plain_text") for answer in _answers(element)]
    if max(choice.fraction for choice in question.choices) != HUNDRED:
        raise _Broken(element.line, _("Give at least one accepted answer full credit (100)."))
    return question


def _numerical(element: _Element) -> ParsedQuestion:
    question = _question(element, Kind.NUMERIC)
    answers = _answers(element)
    right = next((answer for answer in answers if _fraction(answer) == HUNDRED), None)
    if right is None:
        raise _Broken(element.line, _("A numeric question needs one answer with full credit."))
    if len(answers) > 1:
        question.notes.append(_("Only the answer with full credit is kept."))
    question.numeric_answer = _four_decimals(question, right, right.findtext("text", ""))
    question.tolerance = abs(_four_decimals(question, right, right.findtext("tolerance", "0")))
    question.general_feedback = question.general_feedback or _text_of(
        right.find("feedback"), markup=True
    )
    if element.find("units/unit") is not None:
        question.notes.append(_("Units are not imported: the answer is the number alone."))
    return question


def _four_decimals(question: ParsedQuestion, answer: _Element, text: str) -> Decimal:
    if not text.strip():
        raise _Broken(answer.line, _("An answer is empty."))
    value = _number(text, answer.line)
    if value.as_tuple().exponent >= -4:
        return value
    rounded = value.quantize(TEN_THOUSANDTH, ROUND_HALF_UP)
    if rounded != value:
        question.notes.append(
            _("%(value)s is rounded to %(rounded)s.")
            % {"value": _percent(value), "rounded": _percent(rounded)}
        )
    return rounded


def _essay(element: _Element) -> ParsedQuestion:
    return _question(element, Kind.ESSAY)


_READERS = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "shortanswer": _shortanswer,
    "numerical": _numerical,
    "essay": _essay,
}


# Export --------------------------------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MOODLE_TYPES = {
    Kind.SINGLE: "multichoice",
    Kind.MULTIPLE: "multichoice",
    Kind.TRUE_FALSE: "truefalse",
    Kind.SHORT: "shortanswer",
    Kind.NUMERIC: "numerical",
    Kind.ESSAY: "essay",
}


def export_moodle_xml(questions: list[Question]) -> str:
    """Moodle XML of questions, each with `choice_list` (in order)."""
    quiz = ET.Element("quiz")
    for question in questions:
        quiz.append(_xml_question(question))
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, "unicode") + "\n"


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _text_element(
    parent: ET.Element, tag: str, text: str, text_format: str, **attributes: str
) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes, format=text_format)
    ET.SubElement(element, "text").text = _clean(text)
    return element


def _value(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def _xml_answer(
    parent: ET.Element,
    text: str,
    fraction: Decimal,
    feedback: str,
    text_format: str = "plain_text",
) -> ET.Element:
    answer = _text_element(parent, "answer", text, text_format, fraction=_percent(fraction))
    _text_element(answer, "feedback", feedback, "plain_text")
    return answer


def _xml_question(question: Question) -> ET.Element:
    element = ET.Element("question", type=_MOODLE_TYPES[question.kind])
    name = ET.SubElement(element, "name")
    ET.SubElement(name, "text").text = _clean(_name(question.text))
    _text_element(element, "questiontext", question.text, "markdown")
    _text_element(element, "generalfeedback", question.general_feedback, "markdown")
    _value(element, "defaultgrade", _percent(question.points))
    choices, kind = question.choice_list, question.kind
    if kind in (Kind.SINGLE, Kind.MULTIPLE):
        _value(element, "single", "true" if kind == Kind.SINGLE else "false")
        _value(element, "shuffleanswers", "false")
        for choice in choices:
            _xml_answer(element, choice.text, _credit(choice), choice.feedback)
    elif kind == Kind.TRUE_FALSE:
        truth = next((c for c in choices if c.text == "True"), choices[0] if choices else None)
        false = next((c for c in choices if c is not truth), None)
        is_true = truth is not None and _credit(truth) > 0
        for label, choice, right in (("true", truth, is_true), ("false", false, not is_true)):
            credit = HUNDRED if right else Decimal("0")
            feedback = choice.feedback if choice else ""
            _xml_answer(element, label, credit, feedback, "moodle_auto_format")
    elif kind == Kind.SHORT:
        _value(element, "usecase", "1" if question.case_sensitive else "0")
        for choice in choices:
            credit = _credit(choice)
            _xml_answer(element, choice.text, credit, choice.feedback, "moodle_auto_format")
    elif kind == Kind.NUMERIC:
        value = _percent(question.numeric_answer)
        answer = _xml_answer(element, value, HUNDRED, "", "moodle_auto_format")
        _value(answer, "tolerance", _percent(question.tolerance))
    elif kind == Kind.ESSAY:
        _value(element, "responseformat", "editor")
    return element


def _name(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= 60 else words[:60].rsplit(" ", 1)[0].rstrip() + "…"
