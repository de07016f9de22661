"""The attendance sheet of a live session."""

from django import forms
from django.utils.translation import gettext_lazy as _

from students.models import Attendance, Enrolment


class AttendanceForm(forms.Form):
    """One radio group per student of the session; keys are `student-<enrolment id>`."""

    PREFIX = "student-"

    def __init__(self, *args, enrolments: list[Enrolment], recorded: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.enrolments = enrolments
        for enrolment in enrolments:
            self.fields[f"{self.PREFIX}{enrolment.pk}"] = forms.ChoiceField(
                label=enrolment.user.get_full_name() or enrolment.user.get_username(),
                choices=Attendance.Status.choices,
                initial=recorded.get(enrolment.pk, Attendance.Status.PRESENT),
                widget=forms.RadioSelect,
            )

    def clean(self) -> dict:
        data = super().clean()
        known = {f"{self.PREFIX}{enrolment.pk}" for enrolment in self.enrolments}
        strangers = [key for key in self.data if key.startswith(self.PREFIX) and key not in known]
        if strangers:
            raise forms.ValidationError(
                _(
                    "The sheet names a student who is not on this session's list "
                    "(not an active student of the module, or enrolled after the session). "
                    "Nothing was saved: reload the sheet and try again."
                ),
                code="unknown_student",
            )
        return data

    def statuses(self) -> dict[int, str]:
        return {
            int(name.removeprefix(self.PREFIX)): value
            for name, value in self.cleaned_data.items()
            if name.startswith(self.PREFIX)
        }

    def rows(self) -> list[tuple[Enrolment, str, str, list[str]]]:
        """(enrolment, input name, chosen status, errors) of each student, for the sheet."""
        rows = []
        for enrolment in self.enrolments:
            field = self[f"{self.PREFIX}{enrolment.pk}"]
            rows.append((enrolment, field.html_name, field.value(), field.errors))
        return rows
