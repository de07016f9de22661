"""The form of one page of a quiz attempt: what the student picked and typed, checked.

Choices come back as their positions in this attempt (the page carries no choice ids);
`answers()` turns them back into ids. A numeric answer must read as a number; the text is
kept as typed and scored by the same parser.
"""

from django import forms

from courses.models import Question
from students import attempts
from students.models import QuizAttempt
from students.scoring import CHOICE_KINDS
from students.validators import validate_number

TEXT_LIMIT = 10_000
NUMBER_LIMIT = 100


def field_name(question: Question) -> str:
    return f"q{question.pk}"


class NumericAnswerField(forms.CharField):
    """A number as people type it ("3.5", "3,5", "-2"); blank is no answer."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", NUMBER_LIMIT)
        super().__init__(**kwargs)

    def validate(self, value: str) -> None:
        super().validate(value)
        if value:
            validate_number(value)


class AttemptPageForm(forms.Form):
    """The answers of `questions` (each with `choice_list`) posted from a page of `attempt`."""

    def __init__(self, data, *, attempt: QuizAttempt, questions: list[Question]) -> None:
        super().__init__(data)
        self.attempt = attempt
        self.questions = questions
        for question in questions:
            name = field_name(question)
            if question.kind in CHOICE_KINDS:
                positions = [str(n) for n in range(1, len(question.choice_list) + 1)]
                self.fields[name] = forms.TypedMultipleChoiceField(
                    choices=[(p, p) for p in positions], coerce=int, required=False
                )
            elif question.kind == Question.Kind.NUMERIC:
                self.fields[name] = NumericAnswerField()
            else:
                self.fields[name] = forms.CharField(required=False, strip=False)

    def clean(self) -> dict:
        cleaned = super().clean()
        for question in self.questions:
            name = field_name(question)
            if question.kind not in CHOICE_KINDS and name in cleaned:
                cleaned[name] = cleaned[name][:TEXT_LIMIT]
        return cleaned

    def answers(self) -> dict[int, attempts.Answer]:
        """The answers that passed the checks, by question id; a question whose answer did
        not pass is left out, so what was saved for it before stays."""
        cleaned = getattr(self, "cleaned_data", {})
        answers = {}
        for question in self.questions:
            name = field_name(question)
            if name not in cleaned:
                continue
            if question.kind in CHOICE_KINDS:
                ordered = attempts.choice_order(self.attempt, question, question.choice_list)
                picked = [ordered[position - 1].pk for position in cleaned[name]]
                answers[question.pk] = attempts.Answer(picked=picked)
            else:
                answers[question.pk] = attempts.Answer(text=cleaned[name])
        return answers

    def typed(self) -> dict[int, attempts.Answer]:
        """What the page showed when it was posted, valid or not, to show it again."""
        answers = self.answers()
        for question in self.questions:
            if question.pk not in answers and question.kind not in CHOICE_KINDS:
                raw = self.data.get(field_name(question), "")
                answers[question.pk] = attempts.Answer(text=raw[:TEXT_LIMIT])
        return answers

    def error_of(self, question: Question) -> str:
        errors = self.errors.get(field_name(question))
        return " ".join(errors) if errors else ""
