"""The evaluation survey as a form: one field per statement asked."""

from django import forms
from django.utils.translation import gettext_lazy as _

from students.models import SurveyStatement

SCALE = (
    (1, _("1, strongly disagree")),
    (2, _("2, disagree")),
    (3, _("3, neither agree nor disagree")),
    (4, _("4, agree")),
    (5, _("5, strongly agree")),
)
MAX_TEXT = 2000


class SurveyForm(forms.Form):
    def __init__(self, *args, statements: list[SurveyStatement], **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = statements
        for statement in statements:
            if statement.kind == SurveyStatement.Kind.SCALE:
                field = forms.TypedChoiceField(
                    label=statement.text,
                    choices=SCALE,
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Choose a number from 1 to 5.")},
                )
            else:
                field = forms.CharField(
                    label=statement.text,
                    required=False,
                    max_length=MAX_TEXT,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )
            self.fields[self.name_of(statement)] = field

    @staticmethod
    def name_of(statement: SurveyStatement) -> str:
        return f"statement-{statement.pk}"

    def items(self) -> list[tuple[SurveyStatement, forms.BoundField]]:
        return [(s, self[self.name_of(s)]) for s in self.statements]

    def scores(self) -> dict[SurveyStatement, int]:
        return {
            s: self.cleaned_data[self.name_of(s)]
            for s in self.statements
            if s.kind == SurveyStatement.Kind.SCALE
        }

    def texts(self) -> dict[SurveyStatement, str]:
        return {
            s: self.cleaned_data[self.name_of(s)].strip()
            for s in self.statements
            if s.kind == SurveyStatement.Kind.TEXT
        }
