"""Forms of a module's discussion: threads, replies, edits, reports and hiding."""

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Lesson

BODY_HELP = _("Markdown: **bold**, *italics*, lists, links and quotes (>).")


def _body_field(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=20_000,
        help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write a message.")},
    )


class ThreadForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages={"required": _("Give the thread a title.")}
    )
    body = _body_field(_("Message"))
    is_question = forms.BooleanField(
        label=_("This is a question"),
        required=False,
        help_text=_("You or an instructor can then mark the reply that answers it."),
    )
    lesson = forms.ModelChoiceField(
        label=_("About the lesson"),
        queryset=Lesson.objects.none(),
        required=False,
        empty_label=_("No lesson in particular"),
    )

    def __init__(self, *args, lessons=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if lessons is not None:
            self.fields["lesson"].queryset = lessons

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())


class ReplyForm(forms.Form):
    body = _body_field(_("Your reply"))


class EditForm(forms.Form):
    body = _body_field(_("Message"))


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        error_messages={"required": _("Say why, in a few words.")},
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this post?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why you report it, in a few words.")},
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the discussion"), max_length=100, required=False)
