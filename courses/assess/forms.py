"""Forms of assessment authoring and grading: quizzes, questions, assignments, grades."""

import re
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms import BaseFormSet, formset_factory, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from courses.assess.authoring import ChoiceData
from courses.forms import DateTimeLocalInput
from courses.models import Assignment, Question, Quiz, RubricCriterion, RubricLevel
from diploma.form_fields import DeadlineField
from diploma.uploads import DOCUMENT_EXTENSIONS

Kind = Question.Kind
HUNDRED = Decimal("100")
RETURN_EXTENSIONS = (*DOCUMENT_EXTENSIONS, "odt", "rtf", "txt")


class QuizForm(forms.ModelForm):
    closes_at = DeadlineField(
        label=_("closes at"), required=False,
        help_text=_(
            "Empty: never closes. A day without a time closes at midnight. Attempts in progress "
            "end at this moment."
        ),
    )  # fmt: skip

    def __init__(self, *args, time_zone: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["closes_at"].use_time_zone(time_zone)

    class Meta:
        model = Quiz
        fields = [
            "title", "instructions", "opens_at", "closes_at", "time_limit_minutes",
            "attempts_allowed", "pass_mark", "weight", "questions_per_page", "shuffle_questions",
            "shuffle_choices", "feedback_timing", "is_published",
        ]  # fmt: skip
        widgets = {
            "instructions": forms.Textarea(attrs={"rows": 5}),
            "opens_at": DateTimeLocalInput(),
        }
        help_texts = {
            "instructions": _("Markdown. Shown before the student starts an attempt."),
            "opens_at": _("Empty: open as soon as it is published."),
            "time_limit_minutes": _("Empty: no time limit. The server enforces it."),
            "weight": _("Relative to the other quizzes and assignments of the module."),
            "feedback_timing": _(
                "When students see which answers were right, with the feedback you wrote."
            ),
        }

    def clean_weight(self) -> Decimal:
        weight = self.cleaned_data["weight"]
        if weight < 0:
            raise ValidationError(_("The weight cannot be negative."))
        return weight

    def clean(self) -> dict:
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The quiz must close after it opens."))
        if data.get("feedback_timing") == Quiz.FeedbackTiming.AFTER_CLOSE and not closes:
            self.add_error(
                "feedback_timing",
                _("Feedback after closing needs a closing date; set one or choose another option."),
            )
        return data


class QuestionForm(forms.ModelForm):
    """The fields of a question that its kind uses; true/false adds the right answer."""

    truth = forms.TypedChoiceField(
        label=_("The statement is"),
        choices=[("true", _("True")), ("false", _("False"))],
        coerce=lambda value: value == "true",
        widget=forms.RadioSelect,
        required=False,
    )
    feedback_true = forms.CharField(
        label=_("Feedback for students who answer “true”"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    feedback_false = forms.CharField(
        label=_("Feedback for students who answer “false”"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Question
        fields = [
            "text", "points", "numeric_answer", "tolerance", "case_sensitive", "general_feedback",
        ]  # fmt: skip
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "general_feedback": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "text": _("Markdown."),
            "tolerance": _("Answers within this distance of the right one are accepted."),
            "case_sensitive": _(
                "Leave unticked to accept “lima”, “Lima” and “LIMA”, with or without accents."
            ),
            "general_feedback": _(
                "Shown to every student after submission, whatever they answered."
            ),
        }

    def __init__(self, *args, kind: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        unused = {
            Kind.SINGLE: ["numeric_answer", "tolerance", "case_sensitive", "truth",
                          "feedback_true", "feedback_false"],
            Kind.MULTIPLE: ["numeric_answer", "tolerance", "case_sensitive", "truth",
                            "feedback_true", "feedback_false"],
            Kind.TRUE_FALSE: ["numeric_answer", "tolerance", "case_sensitive"],
            Kind.NUMERIC: ["case_sensitive", "truth", "feedback_true", "feedback_false"],
            Kind.SHORT: ["numeric_answer", "tolerance", "truth", "feedback_true",
                         "feedback_false"],
            Kind.ESSAY: ["numeric_answer", "tolerance", "case_sensitive", "truth",
                         "feedback_true", "feedback_false"],
        }[kind]  # fmt: skip
        for name in unused:
            del self.fields[name]
        if kind == Kind.NUMERIC:
            self.fields["numeric_answer"].required = True
        if kind == Kind.TRUE_FALSE:
            self.fields["truth"].required = True
            if self.instance.pk:
                choices = list(self.instance.choices.order_by("order", "id"))
                true = next((c for c in choices if c.text == "True"), None)
                false = next((c for c in choices if c.text == "False"), None)
                self.initial.setdefault("truth", "true" if true and true.fraction > 0 else "false")
                self.initial.setdefault("feedback_true", true.feedback if true else "")
                self.initial.setdefault("feedback_false", false.feedback if false else "")

    def true_false_choices(self) -> list[ChoiceData]:
        truth = self.cleaned_data["truth"]
        existing = {c.text: c.pk for c in self.instance.choices.all()} if self.instance.pk else {}
        return [
            ChoiceData("True", HUNDRED if truth else Decimal("0"),
                       self.cleaned_data["feedback_true"], existing.get("True")),
            ChoiceData("False", Decimal("0") if truth else HUNDRED,
                       self.cleaned_data["feedback_false"], existing.get("False")),
        ]  # fmt: skip


class ChoiceForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label=_("Text"), max_length=500, required=False)
    fraction = forms.DecimalField(
        label=_("Credit (%)"),
        max_digits=5,
        decimal_places=2,
        initial=Decimal("0"),
        required=False,
        validators=[MinValueValidator(-100), MaxValueValidator(100)],
    )
    feedback = forms.CharField(label=_("Feedback"), required=False, max_length=2000)


class BaseChoiceFormSet(BaseFormSet):
    """Choices of a choice question, or accepted answers of a short-answer one.

    A row without text is ignored (and removes the choice it held).
    """

    def __init__(self, *args, kind: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind

    def choices(self) -> list[ChoiceData]:
        return [
            ChoiceData(
                text=form.cleaned_data["text"].strip(),
                fraction=form.cleaned_data.get("fraction") or Decimal("0"),
                feedback=form.cleaned_data.get("feedback", "").strip(),
                pk=form.cleaned_data.get("id"),
            )
            for form in self.forms
            if form.cleaned_data.get("text", "").strip()
        ]

    def clean(self) -> None:
        if any(self.errors):
            return
        choices = self.choices()
        best = max((choice.fraction for choice in choices), default=Decimal("0"))
        if self.kind == Kind.SHORT:
            if best != HUNDRED:
                raise ValidationError(_("Give at least one accepted answer full credit (100)."))
            return
        if len(choices) < 2:
            raise ValidationError(_("A choice question needs at least two choices."))
        if self.kind == Kind.SINGLE and best != HUNDRED:
            raise ValidationError(_("Give the right choice full credit (100)."))
        if self.kind == Kind.MULTIPLE:
            positive = sum((c.fraction for c in choices if c.fraction > 0), Decimal("0"))
            if abs(positive - HUNDRED) > Decimal("0.5"):
                raise ValidationError(
                    _("The credits of the right choices must add up to 100 %% (now %(total)s %%).")
                    % {"total": format(positive.normalize(), "f")}
                )


ChoiceFormSet = formset_factory(ChoiceForm, formset=BaseChoiceFormSet, extra=0, max_num=26)


def choice_formset(
    kind: str, question: Question | None, data=None, *, blank_rows: int = 3
) -> BaseChoiceFormSet:
    initial = []
    if question is not None and question.pk:
        initial = [
            {"id": c.pk, "text": c.text, "fraction": c.fraction, "feedback": c.feedback}
            for c in question.choices.order_by("order", "id")
        ]
    initial += [{} for _ in range(blank_rows if not initial else 2)]
    return ChoiceFormSet(data, initial=initial, kind=kind, prefix="choices")


class AssignmentForm(forms.ModelForm):
    due_at = DeadlineField(
        label=_("due at"), help_text=_("A day without a time is due at midnight.")
    )
    cutoff_at = DeadlineField(
        label=_("cut-off"), required=False,
        help_text=_("With the cut-off policy: no submissions after it. Empty: the due date."),
    )  # fmt: skip

    def __init__(self, *args, time_zone: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("due_at", "cutoff_at"):
            self.fields[name].use_time_zone(time_zone)

    class Meta:
        model = Assignment
        fields = [
            "title", "instructions", "due_at", "late_policy", "penalty_per_day", "cutoff_at",
            "max_points", "weight", "allow_text", "allow_file", "accepted_types", "max_file_mb",
            "is_published",
        ]  # fmt: skip
        widgets = {
            "instructions": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "penalty_per_day": _("With the penalty policy: points lost per day late, in percent."),
            "weight": _("Relative to the other quizzes and assignments of the module."),
            "accepted_types": _("Comma-separated extensions, for example: pdf, docx, odt."),
        }

    def clean_weight(self) -> Decimal:
        weight = self.cleaned_data["weight"]
        if weight < 0:
            raise ValidationError(_("The weight cannot be negative."))
        return weight

    def clean_accepted_types(self) -> str:
        types = [
            t.strip().lower().lstrip(".")
            for t in self.cleaned_data["accepted_types"].split(",")
            if t.strip()
        ]
        for extension in types:
            if not re.fullmatch(r"[a-z0-9]{1,10}", extension):
                raise ValidationError(
                    _("“%(type)s” is not a file extension.") % {"type": extension}
                )
        return ",".join(dict.fromkeys(types))

    def clean_max_file_mb(self) -> int:
        size = self.cleaned_data["max_file_mb"]
        if not 1 <= size <= settings.UPLOAD_MAX_MB:
            raise ValidationError(
                _("Between 1 and %(max)d MB, the limit of the site.")
                % {"max": settings.UPLOAD_MAX_MB}
            )
        return size

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("allow_text") and not data.get("allow_file"):
            raise ValidationError(_("Accept a text, a file or both."))
        if data.get("allow_file") and not data.get("accepted_types"):
            self.add_error("accepted_types", _("Say which types of file you accept."))
        due, cutoff = data.get("due_at"), data.get("cutoff_at")
        if due and cutoff and cutoff < due:
            self.add_error("cutoff_at", _("The cut-off cannot come before the due date."))
        return data


class CriterionForm(forms.ModelForm):
    class Meta:
        model = RubricCriterion
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


LevelFormSet = inlineformset_factory(
    RubricCriterion,
    RubricLevel,
    fields=["title", "points", "description"],
    widgets={"description": forms.TextInput()},
    extra=2,
    can_delete=True,
)
