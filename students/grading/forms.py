"""Grading forms: an assignment's grade with its rubric, and an essay graded by hand."""

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from courses.assess.forms import RETURN_EXTENSIONS
from diploma.uploads import UploadValidator
from students.models import Submission


class GradeForm(forms.Form):
    """Points (or a level per rubric criterion), feedback, returned file, and the reason of a
    change."""

    points = forms.DecimalField(
        label=_("Points"), max_digits=6, decimal_places=2, min_value=0, required=False
    )
    feedback = forms.CharField(
        label=_("Feedback for the student"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    returned_file = forms.FileField(
        label=_("Return a file (optional)"),
        required=False,
        help_text=_("For example the paper with your comments."),
    )
    reason = forms.CharField(
        label=_("Reason for changing the grade"),
        required=False,
        max_length=100,
        help_text=_("Needed only when you change a grade already given; kept in its history."),
    )

    def __init__(self, *args, submission: Submission, criteria: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        assignment = submission.assignment
        self.criteria = criteria
        self.fields["points"].max_value = assignment.max_points
        self.fields["points"].validators.append(MaxValueValidator(assignment.max_points))
        self.fields["points"].help_text = _("Out of %(max)s, before any late penalty.") % {
            "max": assignment.max_points
        }
        self.fields["returned_file"].validators.append(UploadValidator(RETURN_EXTENSIONS))
        chosen = {score.criterion_id: score.level_id for score in submission.score_list}
        for criterion in criteria:
            levels = criterion.level_list
            self.fields[f"criterion-{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.title,
                help_text=criterion.description,
                choices=[(level.pk, f"{level.title} ({level.points})") for level in levels],
                coerce=int,
                widget=forms.RadioSelect,
                initial=chosen.get(criterion.pk),
            )
        if criteria:
            del self.fields["points"]
        else:
            self.fields["points"].required = True
            self.fields["points"].initial = submission.points
        self.fields["feedback"].initial = submission.feedback
        if submission.points is None:
            del self.fields["reason"]

    def levels(self) -> dict[int, object]:
        by_id = {level.pk: level for c in self.criteria for level in c.level_list}
        return {
            criterion.pk: by_id.get(self.cleaned_data[f"criterion-{criterion.pk}"])
            for criterion in self.criteria
        }

    def criterion_fields(self) -> list:
        return [self[f"criterion-{criterion.pk}"] for criterion in self.criteria]


class EssayGradeForm(forms.Form):
    """Points and feedback for each answer graded by hand, named after the question's id, and
    the reason of a change once any of them has a grade."""

    reason = forms.CharField(
        label=_("Reason for changing the grade"),
        required=False,
        max_length=100,
        help_text=_("Needed only when you change a grade already given; kept in its history."),
    )

    def __init__(self, *args, items: list, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            question, answer = item["question"], item["answer"]
            self.fields[f"points-{question.pk}"] = forms.DecimalField(
                label=_("Points (out of %(max)s)") % {"max": question.points},
                min_value=0,
                max_value=question.points,
                max_digits=6,
                decimal_places=2,
                initial=answer.score if answer else None,
            )
            self.fields[f"feedback-{question.pk}"] = forms.CharField(
                label=_("Feedback"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=answer.feedback if answer else "",
            )
            item["points_field"] = self[f"points-{question.pk}"]
            item["feedback_field"] = self[f"feedback-{question.pk}"]
        if not any(item["answer"] and item["answer"].score is not None for item in items):
            del self.fields["reason"]

    def grades(self) -> dict[int, tuple[Decimal, str]]:
        return {
            item["question"].pk: (
                self.cleaned_data[f"points-{item['question'].pk}"],
                self.cleaned_data[f"feedback-{item['question'].pk}"].strip(),
            )
            for item in self.items
        }
