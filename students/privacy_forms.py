"""Forms of the privacy pages: asking for erasure, and the office's decision on it."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("It helps us improve; you do not have to say."),
    )
    understood = forms.BooleanField(
        label=_("I understand that my account will be closed and cannot be recovered."),
        error_messages={"required": _("Tick the box to confirm that you understand.")},
    )


class ErasureDecisionForm(forms.Form):
    ERASE = "erase"
    DECLINE = "decline"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ERASE, _("Erase the account")), (DECLINE, _("Decline the request"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the person. Required when declining: say why."),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict:
        cleaned_data = super().clean()
        declined = cleaned_data.get("decision") == self.DECLINE
        if declined and not cleaned_data.get("note", "").strip():
            self.add_error("note", _("Say why the request is declined."))
        return cleaned_data
