"""Moodle's GIFT and Aiken question formats: parse them for a preview, export a quiz to them.

Parsing never stops at the first problem: every malformed line is reported with its line
number, so an instructor fixes the file in one go. Nothing is written here; the import itself
(courses.quizzes.import_questions) takes only a file without problems.

GIFT (https://docs.moodle.org/en/GIFT_format): questions separated by blank lines, `//`
comments, `::title::`, answers in braces: `{=right ~wrong#feedback}` single choice,
`{~%50%a ~%50%b ~%-100%c}` multiple choice, `{T}`/`{FALSE}` true/false, `{=a =b}` short
answer, `{#3.14:0.01}` or `{#1..5}` numeric, `{}` essay, `####` general feedback, `\\` escapes.
A `// points: 2` comment just before a question sets its points (our exports write it).

Aiken: one-line question, options `A.` or `A)`, then `ANSWER: B`.

Moodle XML lives in courses.moodle_xml and builds on the classes here.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from courses.models import Choice, Question

Kind = Question.Kind
HUNDRED = Decimal("100")
MAX_IMPORT_QUESTIONS = 500


@dataclass
class ParsedChoice:
    text: str
    fraction: Decimal
    feedback: str = ""


@dataclass
class ParsedQuestion:
    line: int
    kind: str
    text: str
    title: str = ""
    choices: list[ParsedChoice] = field(default_factory=list)
    numeric_answer: Decimal | None = None
    tolerance: Decimal = Decimal("0")
    general_feedback: str = ""
    points: Decimal | None = None
    case_sensitive: bool = False
    notes: list[str] = field(default_factory=list)

    def get_kind_display(self) -> str:
        return str(Kind(self.kind).label)


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


@dataclass
class Parsed:
    questions: list[ParsedQuestion] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def is_importable(self) -> bool:
        return bool(self.questions) and not self.problems


class _Broken(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.problem = Problem(line, message)


# GIFT ----------------------------------------------------------------------------------------

# Escaped special characters become private-use characters while parsing, then come back.
_ESCAPES = {"\\\\": "\ue000", "\\~": "\ue001", "\\=": "\ue002", "\\#": "\ue003",
            "\\{": "\ue004", "\\}": "\ue005", "\\:": "\ue006", "\\n": "\ue007"}  # fmt: skip
_RESTORE = str.maketrans({code: escape[1] for escape, code in _ESCAPES.items()} | {"\ue007": "\n"})
_ESCAPE_RE = re.compile(r"\\[\\~=#{}:n]")
_FORMAT_RE = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_POINTS_RE = re.compile(r"^//\s*points:\s*(\S+)\s*$", re.IGNORECASE)
_WEIGHT_RE = re.compile(r"^\s*%(-?\d+(?:\.\d+)?)%")
_TRUE = {"T", "TRUE"}
_FALSE = {"F", "FALSE"}


def _protect(text: str) -> str:
    return _ESCAPE_RE.sub(lambda match: _ESCAPES[match.group(0)], text)


def _plain(text: str) -> str:
    return text.translate(_RESTORE).strip()


def parse_gift(source: str) -> Parsed:
    """Questions and problems of a GIFT text."""
    result = Parsed()
    for start, lines in _gift_blocks(source.lstrip("\ufeff").splitlines()):
        body = "\n".join("" if line.lstrip().startswith("//") else line for line in lines)
        if not body.strip() or body.strip().upper().startswith("$CATEGORY:"):
            continue
        try:
            question = _gift_question(_protect(body), start)
            question.points = _gift_points(lines, start)
        except _Broken as broken:
            result.problems.append(broken.problem)
            continue
        result.questions.append(question)
    return _limited(result)


def _gift_points(lines: list[str], start: int) -> Decimal | None:
    points = None
    for offset, line in enumerate(lines):
        match = _POINTS_RE.match(line.strip())
        if match:
            points = _number(match.group(1), start + offset)
            if not 0 <= points < 10000:
                raise _Broken(start + offset, _("Points lie between 0 and 9999."))
    return points


def _gift_blocks(lines: list[str]):
    """(first line number, lines) of each group of lines between blank lines."""
    block: list[str] = []
    start = 0
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _line_at(text: str, position: int, start: int) -> int:
    return start + text.count("\n", 0, position)


def _gift_question(text: str, start: int) -> ParsedQuestion:
    offset = len(text) - len(text.lstrip())
    first_line = _line_at(text, offset, start)
    rest, title = text.lstrip(), ""
    if rest.startswith("::"):
        end = rest.find("::", 2)
        if end == -1:
            raise _Broken(first_line, _("The title is opened with :: but not closed with ::."))
        title, rest = _plain(rest[2:end]), rest[end + 2 :]
        offset = len(text) - len(rest)
    match = _FORMAT_RE.match(rest)
    if match:
        offset += match.end()
        rest = rest[match.end() :]
    opening = rest.find("{")
    closing_first = rest.find("}")
    if opening == -1:
        if closing_first != -1:
            line = _line_at(text, offset + closing_first, start)
            raise _Broken(line, _("A } closes answers that were never opened with {."))
        raise _Broken(
            first_line,
            _("No answers in braces { }: descriptions without a question are not imported."),
        )
    if closing_first != -1 and closing_first < opening:
        line = _line_at(text, offset + closing_first, start)
        raise _Broken(line, _("A } closes answers that were never opened with {."))
    closing = rest.find("}", opening + 1)
    answers_line = _line_at(text, offset + opening, start)
    if closing == -1:
        raise _Broken(answers_line, _("The answers opened with { are not closed with }."))
    inner_opening = rest.find("{", opening + 1, closing)
    if inner_opening != -1:
        line = _line_at(text, offset + inner_opening, start)
        raise _Broken(line, _("A { inside the answers: write \\{ for a literal brace."))
    after = rest[closing + 1 :]
    if "{" in after or "}" in after:
        line = _line_at(text, offset + closing + 1 + max(after.find("{"), after.find("}")), start)
        raise _Broken(line, _("A question has one set of answers in braces; this is a second one."))
    before = rest[:opening]
    wording = _plain(before)
    if after.strip():  # a missing-word question: the blank goes where the answers were
        wording = f"{wording} _____ {_plain(after)}".strip()
    if not wording:
        raise _Broken(first_line, _("The question has no text before its answers."))
    question = ParsedQuestion(line=first_line, kind=Kind.ESSAY, text=wording, title=title)
    _gift_answers(question, rest[opening + 1 : closing], answers_line)
    return question


def _gift_answers(question: ParsedQuestion, answers: str, line: int) -> None:
    answers, _sep, general = answers.partition("####")
    question.general_feedback = _plain(general)
    stripped = answers.strip()
    if not stripped:
        question.kind = Kind.ESSAY
        return
    if stripped.startswith("#"):
        _gift_numeric(question, stripped[1:], line)
        return
    head, *feedback = stripped.split("#")
    if head.strip().upper() in _TRUE | _FALSE:
        _gift_true_false(question, head.strip().upper() in _TRUE, feedback, line)
        return
    if "->" in stripped:
        raise _Broken(line, _("Matching questions (a -> b) are not supported here."))
    if stripped[0] not in "=~":
        raise _Broken(
            line,
            _("Each answer starts with = (right) or ~ (wrong); found “%(text)s”.")
            % {"text": _plain(stripped)[:40]},
        )
    tokens = list(re.finditer(r"[=~][^=~]*", answers))
    for token in tokens:
        question.choices.append(
            _gift_choice(token.group(0), _line_at(answers, token.start(), line))
        )
    tokens = [token.group(0) for token in tokens]
    markers = {token[0] for token in tokens}
    if markers == {"="}:
        question.kind = Kind.SHORT
    elif "=" in markers:
        question.kind = Kind.SINGLE
    else:
        question.kind = Kind.MULTIPLE
        positive = sum((c.fraction for c in question.choices if c.fraction > 0), Decimal("0"))
        if positive == 0:
            raise _Broken(line, _("No answer is right: mark one with = or a positive weight."))
        if abs(positive - HUNDRED) > Decimal("0.5"):
            raise _Broken(
                line,
                _("The positive weights add up to %(total)s %%, not 100 %%.")
                % {"total": format(positive.normalize(), "f")},
            )


def _gift_choice(token: str, line: int) -> ParsedChoice:
    marker, body = token[0], token[1:]
    fraction = HUNDRED if marker == "=" else Decimal("0")
    if body.lstrip().startswith("%"):
        match = _WEIGHT_RE.match(body)
        if not match:
            raise _Broken(
                line,
                _("A weight is a number between two percent signs, like %(example)s.")
                % {"example": "%50%"},
            )
        fraction = Decimal(match.group(1))
        if not -HUNDRED <= fraction <= HUNDRED:
            raise _Broken(line, _("A weight must lie between -100 and 100 (percent)."))
        body = body[match.end() :]
    text, _sep, feedback = body.partition("#")
    if not _plain(text):
        raise _Broken(line, _("An answer is empty."))
    if len(_plain(text)) > Choice._meta.get_field("text").max_length:
        raise _Broken(line, _("An answer is longer than 500 characters."))
    return ParsedChoice(text=_plain(text), fraction=fraction, feedback=_plain(feedback))


def _gift_true_false(question: ParsedQuestion, truth: bool, feedback: list[str], line: int):
    if len(feedback) > 2:
        raise _Broken(line, _("A true/false question takes at most two feedbacks: wrong#right."))
    wrong = _plain(feedback[0]) if feedback else ""
    right = _plain(feedback[1]) if len(feedback) > 1 else ""
    question.kind = Kind.TRUE_FALSE
    question.choices = [
        ParsedChoice("True", HUNDRED if truth else Decimal("0"), right if truth else wrong),
        ParsedChoice("False", Decimal("0") if truth else HUNDRED, wrong if truth else right),
    ]


def _gift_numeric(question: ParsedQuestion, body: str, line: int) -> None:
    question.kind = Kind.NUMERIC
    if body.lstrip().startswith("="):
        tokens = re.findall(r"=[^=]*", body.strip())
        best = None
        for token in tokens:
            match = _WEIGHT_RE.match(token[1:])
            weight = Decimal(match.group(1)) if match else HUNDRED
            rest = token[1:][match.end() :] if match else token[1:]
            if weight == HUNDRED and best is None:
                best = rest
        if best is None:
            raise _Broken(line, _("A numeric question needs one answer with full credit."))
        if len(tokens) > 1:
            question.notes.append(_("Only the answer with full credit is kept."))
        body = best
    value, _sep, feedback = body.partition("#")
    question.choices = []
    value = _plain(value)
    if ".." in value:
        low, _sep, high = value.partition("..")
        low_value, high_value = _number(low, line), _number(high, line)
        if high_value < low_value:
            raise _Broken(line, _("A range is written low..high."))
        question.numeric_answer = (low_value + high_value) / 2
        question.tolerance = (high_value - low_value) / 2
    else:
        answer, _sep, tolerance = value.partition(":")
        question.numeric_answer = _number(answer, line)
        question.tolerance = abs(_number(tolerance, line)) if tolerance.strip() else Decimal("0")
    if _plain(feedback):
        question.general_feedback = question.general_feedback or _plain(feedback)


def _number(text: str, line: int) -> Decimal:
    try:
        value = Decimal(_plain(text))
    except InvalidOperation:
        raise _Broken(line, _("“%(text)s” is not a number.") % {"text": _plain(text)}) from None
    if not value.is_finite() or abs(value) >= Decimal("1e10"):
        raise _Broken(line, _("“%(text)s” is not a number.") % {"text": _plain(text)})
    return value


def _limited(result: Parsed) -> Parsed:
    if len(result.questions) > MAX_IMPORT_QUESTIONS:
        result.problems.append(
            Problem(
                result.questions[MAX_IMPORT_QUESTIONS].line,
                _("At most %(count)d questions are imported at once.")
                % {"count": MAX_IMPORT_QUESTIONS},
            )
        )
    return result


# Aiken ---------------------------------------------------------------------------------------

_OPTION_RE = re.compile(r"^([A-Z])[.)]\s+(\S.*)$")
_ANSWER_RE = re.compile(r"^ANSWER\s*:\s*(.*)$", re.IGNORECASE)


def parse_aiken(source: str) -> Parsed:
    """Questions and problems of an Aiken text (single-choice questions only)."""
    result = Parsed()
    question: ParsedQuestion | None = None
    letters: dict[str, int] = {}
    broken = False

    def problem(line: int, message: str) -> None:
        nonlocal broken
        result.problems.append(Problem(line, message))
        broken = True

    for number, raw in enumerate(source.lstrip("\ufeff").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        option, answer = _OPTION_RE.match(line), _ANSWER_RE.match(line)
        if question is None:
            if option or answer:
                result.problems.append(
                    Problem(number, _("An option or answer comes before any question."))
                )
                continue
            question, letters, broken = ParsedQuestion(number, Kind.SINGLE, line), {}, False
        elif option:
            letter, text = option.groups()
            if letter in letters:
                problem(number, _("Option %(letter)s appears twice.") % {"letter": letter})
            else:
                letters[letter] = len(question.choices)
                question.choices.append(ParsedChoice(text.strip(), Decimal("0")))
        elif answer:
            letter = answer.group(1).strip().upper()
            if len(question.choices) < 2:
                problem(number, _("A question needs at least two options (A. …, B. …)."))
            elif letter not in letters:
                problem(
                    number,
                    _("The answer “%(letter)s” is not one of the options %(options)s.")
                    % {"letter": answer.group(1).strip(), "options": ", ".join(letters)},
                )
            else:
                question.choices[letters[letter]].fraction = HUNDRED
            if not broken:
                result.questions.append(question)
            question = None
        else:
            problem(number, _("Expected an option (“A. …” or “A) …”) or the answer (“ANSWER: A”)."))
    if question is not None:
        result.problems.append(Problem(question.line, _("This question has no “ANSWER:” line.")))
    return _limited(result)


# Export --------------------------------------------------------------------------------------


def _gift_escape(text: str) -> str:
    escaped = text.replace("\\", "\\\\")
    for char in "~=#{}:":
        escaped = escaped.replace(char, "\\" + char)
    return escaped.replace("\r\n", "\n").replace("\n", "\\n")


def _percent(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _with_feedback(text: str, feedback: str) -> str:
    return f"{_gift_escape(text)}#{_gift_escape(feedback)}" if feedback else _gift_escape(text)


def export_gift(questions: list[Question]) -> str:
    """GIFT text of questions, each with `choice_list` (in order)."""
    return "\n\n".join(_gift_lines(question) for question in questions) + "\n"


def _credit(choice: Choice) -> Decimal:
    return choice.fraction or (HUNDRED if choice.is_correct else Decimal("0"))


def _gift_lines(question: Question) -> str:
    points = f"// points: {_percent(question.points)}"
    text = _gift_escape(question.text)
    general = f"####{_gift_escape(question.general_feedback)}" if question.general_feedback else ""
    choices, kind = question.choice_list, question.kind
    if kind == Kind.TRUE_FALSE:
        truth = next((c for c in choices if c.text == "True"), choices[0] if choices else None)
        false = next((c for c in choices if c is not truth), None)
        is_true = truth is not None and _credit(truth) > 0
        right, wrong = (truth, false) if is_true else (false, truth)
        feedback = f"#{_gift_escape(wrong.feedback if wrong else '')}"
        feedback += f"#{_gift_escape(right.feedback if right else '')}"
        answer = ("TRUE" if is_true else "FALSE") + feedback.rstrip("#")
        return f"{points}\n{text} {{{answer}{general}}}"
    if kind == Kind.NUMERIC:
        answer = f"#{_percent(question.numeric_answer)}:{_percent(question.tolerance)}"
        return f"{points}\n{text} {{{answer}{general}}}"
    if kind == Kind.ESSAY:
        return f"{points}\n{text} {{{general}}}"
    lines = [points, f"{text} {{"]
    for choice in choices:
        fraction = _credit(choice)
        if kind == Kind.SHORT or (kind == Kind.SINGLE and fraction == HUNDRED):
            marker = "=" if fraction == HUNDRED else f"=%{_percent(fraction)}%"
        else:
            marker = f"~%{_percent(fraction)}%" if fraction else "~"
        lines.append(f"\t{marker}{_with_feedback(choice.text, choice.feedback)}")
    if general:
        lines.append(f"\t{general}")
    lines.append("}")
    return "\n".join(lines)


def exportable_to_aiken(question: Question) -> bool:
    """Aiken holds single-answer questions with at most 26 options."""
    choices = question.choice_list
    return (
        question.kind in (Kind.SINGLE, Kind.TRUE_FALSE)
        and 2 <= len(choices) <= 26
        and sum(1 for choice in choices if _credit(choice) == HUNDRED) == 1
    )


def export_aiken(questions: list[Question]) -> str:
    """Aiken text of the questions that fit the format (see exportable_to_aiken)."""
    blocks = []
    for question in questions:
        if not exportable_to_aiken(question):
            continue
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        lines = [" ".join(question.text.split())]
        answer = "A"
        for letter, choice in zip(letters, question.choice_list, strict=False):
            lines.append(f"{letter}. {' '.join(choice.text.split())}")
            if _credit(choice) == HUNDRED:
                answer = letter
        lines.append(f"ANSWER: {answer}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")
