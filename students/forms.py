import zoneinfo

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from courses.models import Assignment
from diploma.background import queue_email
from diploma.uploads import UploadValidator
from students.models import StudentProfile

User = get_user_model()


class EmailIsFreeMixin:
    """Refuse an address that another account already uses, whatever its case."""

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        others = User.objects.filter(email__iexact=email)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("An account with this email address already exists."), code="duplicate_email"
            )
        return email


class SignupForm(EmailIsFreeMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "email"):
            self.fields[name].required = True
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["first_name"].help_text = _("As it should appear on your certificate.")


class AccountForm(EmailIsFreeMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ("first_name", "last_name", "email")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = True
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"


class ProfileForm(forms.ModelForm):
    class Meta:
        model = StudentProfile
        fields = (
            "country",
            "city",
            "organisation",
            "sector",
            "position",
            "gender",
            "year_of_birth",
            "preferred_language",
            "time_zone",
            "remind_sessions",
            "remind_deadlines",
            "discussion_emails",
        )
        help_texts = {
            "organisation": _("The institution you work or study for."),
            "gender": _("Optional. Used only for anonymous statistics."),
            "year_of_birth": _("Optional. Used only for anonymous statistics, by age group."),
            "preferred_language": _("The language of the e-mails we send you."),
        }
        error_messages = {
            "country": {"invalid_choice": _("Choose a country from the list.")},
            "sector": {"invalid_choice": _("Choose a sector from the list.")},
        }

    # What an application asks for (StudentProfile.missing_for_application): asked once, here.
    required_fields = ("country", "organisation", "sector", "position")
    # How the person reads times and which e-mails they receive.
    preference_fields = ("time_zone", "remind_sessions", "remind_deadlines", "discussion_emails")

    time_zone = forms.ChoiceField(
        label=_("Time zone"), required=False,
        help_text=_("Pages, your calendar and reminders show times here. Leave it empty to see "
                    "them in the time zone of your edition."),
    )  # fmt: skip

    def __init__(self, *args, with_preferences: bool = True, **kwargs) -> None:
        given_initial = kwargs.get("initial") or {}
        super().__init__(*args, **kwargs)
        if with_preferences:
            # A form sent without the choice keeps the profile's, or the default.
            self.fields["discussion_emails"].required = False
            self.fields["time_zone"].choices = time_zone_choices()
            self.fields["time_zone"].error_messages["invalid_choice"] = _(
                "Choose a time zone from the list, such as America/Lima."
            )
        else:
            for name in self.preference_fields:
                del self.fields[name]
        for name in self.required_fields:
            self.fields[name].required = True
        self.fields["city"].widget.attrs["autocomplete"] = "address-level2"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["position"].widget.attrs["autocomplete"] = "organization-title"
        self.fields["gender"].choices = [("", _("Not stated")), *StudentProfile.Gender.choices]
        # A saved profile shows its own language. A new one starts in the language the person
        # is reading the site in, not in the model's default, unless the caller chose one.
        language = (translation.get_language() or "")[:2]
        if (
            not self.instance.pk
            and "preferred_language" not in given_initial
            and language in dict(settings.LANGUAGES)
        ):
            self.initial["preferred_language"] = language

    def clean_discussion_emails(self) -> str:
        return self.cleaned_data["discussion_emails"] or self.instance.discussion_emails


def time_zone_choices() -> list[tuple[str, str]]:
    """Every named zone, such as America/Lima, with the empty choice first."""
    names = sorted(n for n in zoneinfo.available_timezones() if "/" in n or n == "UTC")
    return [("", _("The time zone of my edition")), *((name, name) for name in names)]


class GroupMessageForm(forms.Form):
    """A message to a group of students; `groups` are students.group_messages.group_choices."""

    group = forms.ChoiceField(label=_("To"))
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text. Students read it on the platform and receive it by e-mail."),
    )  # fmt: skip

    def __init__(self, *args, groups: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = groups
        self.fields["group"].error_messages["invalid_choice"] = _("Choose a group from the list.")


class LocalisedPasswordResetForm(PasswordResetForm):
    """Queue the reset e-mail, in the language the user chose in their profile."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict,
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        with translation.override(preferred_language(context["user"])):
            subject = loader.render_to_string(subject_template_name, context)
            body = loader.render_to_string(email_template_name, context)
        queue_email(subject, body, [to_email])


def preferred_language(user: AbstractBaseUser) -> str:
    """Runs a query unless the profile is already loaded."""
    try:
        return user.profile.preferred_language
    except StudentProfile.DoesNotExist:
        return translation.get_language() or settings.LANGUAGE_CODE


@transaction.atomic
def create_student_account(
    *, account_form: SignupForm, profile_form: ProfileForm
) -> AbstractBaseUser:
    """Create the user and their profile together, from two valid forms."""
    user = account_form.save()
    profile = profile_form.save(commit=False)
    profile.user = user
    profile.save()
    return user


@transaction.atomic
def update_student_account(*, account_form: AccountForm, profile_form: ProfileForm) -> None:
    """Save the user's names and address and their profile, from two valid forms."""
    user = account_form.save()
    profile = profile_form.save(commit=False)
    profile.user = user
    profile.save()


class SubmissionForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    file = forms.FileField(label=_("Your file"), required=False)

    def __init__(self, *args, assignment: Assignment, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not assignment.allow_text:
            del self.fields["text"]
        if assignment.allow_file:
            extensions = assignment.accepted_extensions()
            self.fields["file"].validators.append(
                UploadValidator(extensions, min(assignment.max_file_mb, settings.UPLOAD_MAX_MB))
            )
            self.fields["file"].help_text = _("Accepted: %(types)s; up to %(size)d MB.") % {
                "types": ", ".join(extensions),
                "size": assignment.max_file_mb,
            }
            self.fields["file"].widget.attrs["accept"] = ",".join(f".{e}" for e in extensions)
        else:
            del self.fields["file"]


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revoking"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kept for the record and shown to coordinators and administrators, not on the public "
            "verification page."
        ),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why the certificate is revoked."))
        return reason


class ReinstateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reinstating"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kept for the record beside the revocation and shown to coordinators and "
            "administrators, not on the public verification page."
        ),
        error_messages={"required": _("Say why the certificate is reinstated.")},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why the certificate is reinstated."))
        return reason
