"""Forms of the instructor's workspace and of the office's instructor assignment."""

import datetime as dt
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Announcement, Instructor, Lesson, LiveSession, Module, ModuleInstructor

RESOURCE_EXTENSIONS = (
    "pdf",
    "doc",
    "docx",
    "odt",
    "rtf",
    "txt",
    "csv",
    "xls",
    "xlsx",
    "ods",
    "ppt",
    "pptx",
    "odp",
    "png",
    "jpg",
    "jpeg",
    "gif",
    "webp",
    "mp3",
    "mp4",
    "zip",
)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class ModuleSettingsForm(forms.ModelForm):
    class Meta:
        model = Module
        fields = ["summary", "hours", "weight", "is_required", "release_at"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "release_at": DateTimeLocalInput(),
        }
        help_texts = {
            "weight": _(
                "Relative to the other modules of the edition. Coordinators see every change."
            ),
            "is_required": _("Students must pass a required module to meet the requirements."),
            "release_at": _("Students cannot open the module before this moment. Empty: open."),
        }


class LessonForm(forms.ModelForm):
    """Title, Markdown body, minutes and release date; `version` guards against stale edits."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Lesson
        fields = ["title", "body", "minutes", "release_at"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 18, "class": "teach-editor__body"}),
            "release_at": DateTimeLocalInput(),
        }
        help_texts = {
            "body": _("Markdown: # headings, **bold**, *italics*, - lists, | tables |, [links](…)"),
            "release_at": _("Optional: students see a published lesson only from this moment."),
        }


class NewLessonForm(LessonForm):
    class Meta(LessonForm.Meta):
        fields = [*LessonForm.Meta.fields, "is_published"]
        labels = {"is_published": _("Publish it now")}


class PreviewForm(forms.Form):
    body = forms.CharField(required=False, widget=forms.Textarea)


class ResourceFileForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Accepted: %(types)s. At most %(size)s MB.") % {
            "types": ", ".join(RESOURCE_EXTENSIONS),
            "size": settings.UPLOAD_MAX_MB,
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = PurePath(upload.name).suffix.lower().lstrip(".")
        if extension not in RESOURCE_EXTENSIONS:
            raise forms.ValidationError(
                _("“%(name)s” is not an accepted type of file. Accepted types: %(types)s."),
                code="file_type",
                params={"name": upload.name, "types": ", ".join(RESOURCE_EXTENSIONS)},
            )
        if upload.size > settings.UPLOAD_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("“%(name)s” is %(size)s, over the limit of %(limit)s MB per file."),
                code="file_size",
                params={
                    "name": upload.name,
                    "size": filesizeformat(upload.size),
                    "limit": settings.UPLOAD_MAX_MB,
                },
            )
        return upload


class ResourceLinkForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    url = forms.URLField(
        label=_("Link"), assume_scheme="https", help_text=_("For example https://www.iom.int/…")
    )


class LiveSessionForm(forms.ModelForm):
    """A session on one day, from a start time to an end time in the site's time zone."""

    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end = forms.TimeField(
        label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("Fill in the venue, the online link, or both."),
    )

    recording_url = forms.URLField(
        label=_("Recording"),
        required=False,
        assume_scheme="https",
        help_text=_("Students see it under the session once it is over."),
    )
    slides_url = forms.URLField(
        label=_("Slides"),
        required=False,
        assume_scheme="https",
        help_text=_("Students see it under the session once it is over."),
    )

    class Meta:
        model = LiveSession
        fields = [
            "topic", "date", "start", "end", "venue", "online_url", "recording_url", "slides_url",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            starts = timezone.localtime(self.instance.starts_at)
            ends = timezone.localtime(self.instance.ends_at)
            self.initial.update(
                date=starts.date(), start=starts.strftime("%H:%M"), end=ends.strftime("%H:%M")
            )

    def clean(self) -> dict:
        data = super().clean()
        date, start, end = data.get("date"), data.get("start"), data.get("end")
        if date and start and end:
            if end <= start:
                self.add_error(
                    "end", _("The session must end after it starts: check the two times.")
                )
            else:
                self.instance.starts_at = _aware(date, start)
                self.instance.ends_at = _aware(date, end)
        if not data.get("venue") and not data.get("online_url"):
            self.add_error("venue", _("Give a venue, an online link, or both."))
        return data


def _aware(date: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(date, time))


class AnnouncementForm(forms.ModelForm):
    class Meta:
        model = Announcement
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "body": _("Markdown. Students see it on their dashboard and get it by e-mail.")
        }


class AnnouncementEditForm(AnnouncementForm):
    """A correction: students see it marked as edited, and no e-mail is sent again."""

    class Meta(AnnouncementForm.Meta):
        help_texts = {
            "body": _("Markdown. Students see the change marked as edited; no e-mail is sent.")
        }


class InstructorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, instructor: Instructor) -> str:
        name = instructor.user.get_full_name() or instructor.user.get_username()
        return f"{name} ({instructor.title})" if instructor.title else name


class AssignInstructorForm(forms.Form):
    module = forms.ModelChoiceField(label=_("Module"), queryset=Module.objects.none())
    instructor = InstructorChoiceField(
        label=_("Instructor"), queryset=Instructor.objects.select_related("user")
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=ModuleInstructor.Role.choices,
        initial=ModuleInstructor.Role.GUEST,
        help_text=_("Lead instructors also change the module's settings; guests edit lessons."),
    )

    def __init__(self, *args, modules, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules
