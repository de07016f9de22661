"""Forms of the application (applicant side) and of its review (office side)."""

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import F, Q, QuerySet
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from diploma.models import Sector
from diploma.uploads import DOCUMENT_EXTENSIONS, validate_upload
from students.applications import document_kinds
from students.models import ApplicationDocument, Enrolment, ReviewerScore, StudentProfile

Status = Enrolment.Status
STATEMENT_MAX = 6000


class ApplicationForm(forms.Form):
    """The statement and one file field per kind of document the edition asks for."""

    statement = forms.CharField(
        label=_("Motivation statement"),
        required=False,
        max_length=STATEMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
    )

    def __init__(self, *args, edition, uploaded: dict[str, ApplicationDocument], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statement"].help_text = gettext(
            "Why this programme, and how it connects with your work. At most %(max)d characters."
        ) % {"max": STATEMENT_MAX}
        self.kinds = document_kinds(edition)
        accepted = ", ".join(extension.upper() for extension in DOCUMENT_EXTENSIONS)
        for kind in self.kinds:
            help_text = gettext("%(types)s, at most %(size)d MB.") % {
                "types": accepted,
                "size": settings.UPLOAD_MAX_MB,
            }
            if current := uploaded.get(kind):
                replace = gettext("Uploaded: %(name)s. Choose a file only to replace it.")
                # Django renders help texts as HTML: the applicant's file name is escaped.
                help_text = format_html(
                    "{} {}", replace % {"name": current.original_name}, help_text
                )
            self.fields[f"document_{kind}"] = forms.FileField(
                label=kind.label,
                required=False,
                help_text=help_text,
                widget=forms.ClearableFileInput(
                    attrs={"accept": ",".join(f".{e}" for e in DOCUMENT_EXTENSIONS)}
                ),
            )

    def clean(self) -> dict:
        cleaned = super().clean()
        for kind in self.kinds:
            upload = cleaned.get(f"document_{kind}")
            if upload:
                try:
                    validate_upload(upload, DOCUMENT_EXTENSIONS, settings.UPLOAD_MAX_MB)
                except forms.ValidationError as error:
                    self.add_error(f"document_{kind}", error)
        return cleaned

    def document_fields(self) -> list[forms.BoundField]:
        return [self[f"document_{kind}"] for kind in self.kinds]

    def documents(self) -> dict[str, UploadedFile]:
        """The files chosen in this request, by kind."""
        return {
            kind.value: self.cleaned_data[f"document_{kind}"]
            for kind in self.kinds
            if self.cleaned_data.get(f"document_{kind}")
        }


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("It helps the coordinators plan the next editions."),
    )


class ReviewForm(forms.ModelForm):
    class Meta:
        model = ReviewerScore
        fields = ("score", "comment")
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "score": _("1: does not fit the programme. 5: an excellent fit."),
            "comment": _("Seen by the coordinators and reviewers, never by the applicant."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["score"] = forms.TypedChoiceField(
            label=_("Score (1-5)"),
            choices=[(value, str(value)) for value in range(1, 6)],
            coerce=int,
            widget=forms.RadioSelect,
            help_text=self.Meta.help_texts["score"],
        )


DECISION_CHOICES = [
    (Status.ADMITTED.value, _("Admit")),
    (Status.WAITLISTED.value, _("Waitlist")),
    (Status.REJECTED.value, _("Reject")),
]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISION_CHOICES)
    note = forms.CharField(
        label=_("Note to the applicant (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the applicant on their application page and in the e-mail."),
    )
    # Set by the confirmation page: a decision that cannot be undone is taken only with it.
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class BulkDecisionForm(DecisionForm):
    applications = forms.ModelMultipleChoiceField(
        label=_("Applications"),
        queryset=Enrolment.objects.none(),
        error_messages={"required": _("Tick at least one application.")},
    )

    def __init__(self, *args, edition, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = (
            Enrolment.objects.filter(edition=edition)
            .exclude(status=Status.DRAFT)
            .select_related("user", "edition")
        )


ORDERINGS = {
    "submitted": ("submitted_at", "pk"),
    "name": ("user__last_name", "user__first_name", "pk"),
    "score": (F("average_score").desc(nulls_last=True), "submitted_at", "pk"),
}


class ApplicationFilterForm(forms.Form):
    """Filters of the review screen, read from the query string; bad values are ignored."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    gender = forms.ChoiceField(label=_("Gender"), required=False)
    order = forms.ChoiceField(
        label=_("Order by"),
        required=False,
        choices=[
            ("submitted", _("Date submitted")),
            ("name", _("Name")),
            ("score", _("Average score")),
        ],
    )

    def __init__(self, *args, country_codes: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        anything = [("", _("All"))]
        self.fields["status"].choices = anything + [
            choice for choice in Status.choices if choice[0] != Status.DRAFT
        ]
        self.fields["country"].choices = anything + sorted(
            ((code, countries.name(code)) for code in country_codes if code),
            key=lambda choice: str(choice[1]),
        )
        self.fields["sector"].choices = anything + Sector.choices
        self.fields["gender"].choices = (
            anything + StudentProfile.Gender.choices + [("none", _("Not stated"))]
        )

    def filter(self, applications: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
        if not self.is_valid():
            return applications.order_by(*ORDERINGS["submitted"])
        data = self.cleaned_data
        if data["status"]:
            applications = applications.filter(status=data["status"])
        if data["country"]:
            applications = applications.filter(user__profile__country=data["country"])
        if data["sector"]:
            applications = applications.filter(user__profile__sector=data["sector"])
        if data["gender"] == "none":
            applications = applications.filter(
                Q(user__profile__gender="") | Q(user__profile__isnull=True)
            )
        elif data["gender"]:
            applications = applications.filter(user__profile__gender=data["gender"])
        return applications.order_by(*ORDERINGS[data["order"] or "submitted"])
