"""Forms of the question bank: importing GIFT, Aiken and Moodle XML with a preview first."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from courses.assess.moodle_xml import parse_moodle_xml
from courses.assess.question_import import parse_aiken, parse_gift

IMPORT_MAX_BYTES = 1024 * 1024
PARSERS = {"gift": parse_gift, "aiken": parse_aiken, "moodle_xml": parse_moodle_xml}


class ImportForm(forms.Form):
    FORMATS = [
        ("gift", _("GIFT (Moodle)")),
        ("aiken", _("Aiken")),
        ("moodle_xml", _("Moodle XML")),
    ]

    format = forms.ChoiceField(label=_("Format"), choices=FORMATS, widget=forms.RadioSelect)
    file = forms.FileField(
        label=_("File"), required=False, help_text=_("A .txt, .gift or .xml file, up to 1 MB.")
    )
    text = forms.CharField(
        label=_("Or paste the questions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
    )
    points = forms.DecimalField(
        label=_("Points of each question"),
        initial=Decimal("1"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Moodle XML files, and GIFT files from this platform, keep their own points."),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return ""
        if upload.size > IMPORT_MAX_BYTES:
            raise ValidationError(_("The file is larger than 1 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("The file is not UTF-8 text: save it as UTF-8.")) from None

    def clean(self) -> dict:
        data = super().clean()
        source = data.get("file") or data.get("text", "")
        if not self.errors and not source.strip():
            raise ValidationError(_("Choose a file or paste the questions."))
        data["source"] = source
        if len(source.encode()) > IMPORT_MAX_BYTES:
            raise ValidationError(_("The questions take more than 1 MB."))
        if "format" in data:
            data["parsed"] = PARSERS[data["format"]](source)
        return data


class ConfirmImportForm(ImportForm):
    """The same data, sent back hidden from the preview page."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["file"]
        for field in self.fields.values():
            field.widget = forms.HiddenInput()
        self.fields["text"].widget = forms.Textarea(attrs={"hidden": True})
