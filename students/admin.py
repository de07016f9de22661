from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from diploma.admin_fields import EditionListFilter
from students import admissions, certificates
from students.forms import ReinstateForm, RevokeForm
from students.models import (
    ApplicationDocument,
    AttemptAnswer,
    Attendance,
    Certificate,
    CertificateEvent,
    DataExport,
    Enrolment,
    EnrolmentTransition,
    ErasureRequest,
    LessonProgress,
    QuizAttempt,
    ReviewerScore,
    RubricScore,
    StudentProfile,
    Submission,
)

ENROLMENT_RELATED = ["enrolment__user", "enrolment__edition__programme"]
USER_SEARCH = ["user__username", "user__first_name", "user__last_name", "user__email"]
ENROLMENT_SEARCH = [f"enrolment__{field}" for field in USER_SEARCH]


@admin.register(StudentProfile)
class StudentProfileAdmin(admin.ModelAdmin):
    list_display = ["__str__", "user", "country", "sector", "organisation", "position"]
    list_filter = ["sector", "country", "gender", "preferred_language"]
    list_select_related = ["user"]
    search_fields = [*USER_SEARCH, "organisation", "position", "city"]
    autocomplete_fields = ["user"]
    readonly_fields = ["updated_at"]
    show_facets = admin.ShowFacets.ALWAYS


class EnrolmentTransitionInline(admin.TabularInline):
    model = EnrolmentTransition
    fields = ["at", "from_status", "to_status", "by", "note"]
    readonly_fields = fields
    can_delete = False
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("by")


class ApplicationDocumentForm(forms.ModelForm):
    """Takes the file name and size from the upload when the office leaves them out."""

    class Meta:
        model = ApplicationDocument
        fields = ["enrolment", "kind", "file", "original_name"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["original_name"].required = False

    def clean(self) -> dict:
        cleaned_data = super().clean()
        upload = cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            cleaned_data["original_name"] = cleaned_data.get("original_name") or upload.name
            self.instance.size = upload.size
        elif not cleaned_data.get("original_name"):
            self.add_error("original_name", forms.ValidationError(_("This field is required.")))
        return cleaned_data


class ApplicationDocumentInline(admin.TabularInline):
    model = ApplicationDocument
    form = ApplicationDocumentForm
    fields = ["kind", "file", "original_name", "size", "uploaded_at"]
    readonly_fields = ["size", "uploaded_at"]
    extra = 0


class ReviewerScoreInline(admin.TabularInline):
    model = ReviewerScore
    fields = ["reviewer", "score", "comment", "updated_at"]
    readonly_fields = ["updated_at"]
    autocomplete_fields = ["reviewer"]
    extra = 0


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = [
        "applicant", "edition", "status", "country", "sector", "waitlist_position",
        "submitted_at", "decided_at",
    ]  # fmt: skip
    list_filter = [
        "status",
        "edition__programme",
        ("edition", EditionListFilter),
        "user__profile__sector",
    ]
    list_select_related = ["user__profile", "edition__programme"]
    search_fields = [*USER_SEARCH, "edition__name", "edition__slug", "user__profile__organisation"]
    date_hierarchy = "submitted_at"
    autocomplete_fields = ["user", "edition"]
    readonly_fields = [
        "status", "waitlist_position", "submitted_at", "decided_at", "created_at", "updated_at",
        "last_activity_at",
    ]  # fmt: skip
    inlines = [EnrolmentTransitionInline, ApplicationDocumentInline, ReviewerScoreInline]
    actions = [
        "admit_selected", "waitlist_selected", "reject_selected", "withdraw_selected",
        "issue_certificates",
    ]  # fmt: skip
    show_facets = admin.ShowFacets.ALWAYS

    @admin.display(description=gettext_lazy("applicant"), ordering="user__last_name")
    def applicant(self, enrolment: Enrolment) -> str:
        return enrolment.user.get_full_name() or enrolment.user.username

    @admin.display(description=gettext_lazy("country"))
    def country(self, enrolment: Enrolment) -> str:
        profile = getattr(enrolment.user, "profile", None)
        return profile.country.name if profile and profile.country else "-"

    @admin.display(description=gettext_lazy("sector"))
    def sector(self, enrolment: Enrolment) -> str:
        profile = getattr(enrolment.user, "profile", None)
        return profile.get_sector_display() if profile and profile.sector else "-"

    def _change_each(
        self,
        request: HttpRequest,
        queryset: QuerySet,
        operation: Callable[..., Enrolment],
        done: Callable[[int], str],
    ) -> None:
        """Apply one admissions operation to each selected application, oldest first."""
        changed = 0
        for enrolment in queryset.select_related("user", "edition__programme").order_by(
            "submitted_at", "pk"
        ):
            try:
                operation(enrolment=enrolment, by=request.user)
            except admissions.AdmissionError as error:
                self.message_user(
                    request,
                    _("%(enrolment)s: %(reason)s") % {"enrolment": enrolment, "reason": error},
                    messages.ERROR,
                )
            else:
                changed += 1
        if changed:
            self.message_user(request, done(changed) % {"count": changed}, messages.SUCCESS)

    @admin.action(description=gettext_lazy("Admit the selected applicants"))
    def admit_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._change_each(
            request,
            queryset,
            admissions.admit,
            lambda n: ngettext(
                "%(count)d applicant admitted.", "%(count)d applicants admitted.", n
            ),
        )

    @admin.action(description=gettext_lazy("Put the selected applicants on the waiting list"))
    def waitlist_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._change_each(
            request,
            queryset,
            admissions.waitlist,
            lambda n: ngettext(
                "%(count)d applicant put on the waiting list.",
                "%(count)d applicants put on the waiting list.",
                n,
            ),
        )

    @admin.action(description=gettext_lazy("Reject the selected applicants"))
    def reject_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._change_each(
            request,
            queryset,
            admissions.reject,
            lambda n: ngettext(
                "%(count)d applicant rejected.", "%(count)d applicants rejected.", n
            ),
        )

    @admin.action(description=gettext_lazy("Withdraw the selected applications or enrolments"))
    def withdraw_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._change_each(
            request,
            queryset,
            admissions.withdraw,
            lambda n: ngettext(
                "%(count)d application withdrawn.", "%(count)d applications withdrawn.", n
            ),
        )

    @admin.action(description=gettext_lazy("Issue certificates to the selected students"))
    def issue_certificates(self, request: HttpRequest, queryset: QuerySet) -> None:
        """Issue (or reinstate) each selected enrolment's certificate if it meets the rules."""
        issued = 0
        for enrolment in queryset.select_related("user", "edition__programme"):
            try:
                certificates.issue(enrolment=enrolment, by=request.user)
            except certificates.CertificateError as error:
                self.message_user(
                    request,
                    _("%(enrolment)s: %(reason)s") % {"enrolment": enrolment, "reason": error},
                    messages.ERROR,
                )
            else:
                issued += 1
        if issued:
            self.message_user(
                request,
                ngettext("%(count)d certificate issued.", "%(count)d certificates issued.", issued)
                % {"count": issued},
                messages.SUCCESS,
            )


@admin.register(EnrolmentTransition)
class EnrolmentTransitionAdmin(admin.ModelAdmin):
    """The audit trail of applications: read-only, written only by students/admissions.py."""

    list_display = ["enrolment", "from_status", "to_status", "by", "at", "note"]
    list_filter = ["to_status", "from_status", ("enrolment__edition", EditionListFilter)]
    list_select_related = [*ENROLMENT_RELATED, "by"]
    search_fields = [*ENROLMENT_SEARCH, "note"]
    date_hierarchy = "at"
    show_facets = admin.ShowFacets.ALWAYS

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(ApplicationDocument)
class ApplicationDocumentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "kind", "enrolment", "size", "uploaded_at"]
    list_filter = ["kind", ("enrolment__edition", EditionListFilter)]
    list_select_related = ENROLMENT_RELATED
    search_fields = [*ENROLMENT_SEARCH, "original_name"]
    date_hierarchy = "uploaded_at"
    form = ApplicationDocumentForm
    autocomplete_fields = ["enrolment"]
    readonly_fields = ["size", "uploaded_at"]
    show_facets = admin.ShowFacets.ALWAYS


@admin.register(ReviewerScore)
class ReviewerScoreAdmin(admin.ModelAdmin):
    list_display = ["enrolment", "reviewer", "score", "updated_at"]
    list_filter = ["score", ("enrolment__edition", EditionListFilter)]
    list_select_related = [*ENROLMENT_RELATED, "reviewer"]
    search_fields = [*ENROLMENT_SEARCH, "reviewer__username", "comment"]
    autocomplete_fields = ["enrolment", "reviewer"]
    readonly_fields = ["updated_at"]
    show_facets = admin.ShowFacets.ALWAYS


@admin.register(LessonProgress)
class LessonProgressAdmin(admin.ModelAdmin):
    list_display = ["enrolment", "lesson", "completed_at"]
    list_filter = [("enrolment__edition", EditionListFilter)]
    list_select_related = [*ENROLMENT_RELATED, "lesson"]
    search_fields = [*ENROLMENT_SEARCH, "lesson__title"]
    date_hierarchy = "completed_at"
    autocomplete_fields = ["enrolment", "lesson"]
    readonly_fields = ["completed_at"]
    show_full_result_count = False


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["enrolment", "session", "status", "recorded_by", "recorded_at"]
    list_filter = ["status", ("enrolment__edition", EditionListFilter)]
    list_select_related = [*ENROLMENT_RELATED, "session", "recorded_by"]
    search_fields = [*ENROLMENT_SEARCH, "session__topic"]
    date_hierarchy = "session__starts_at"
    autocomplete_fields = ["enrolment", "session", "recorded_by"]
    readonly_fields = ["recorded_at"]
    show_full_result_count = False


class AttemptAnswerInline(admin.TabularInline):
    model = AttemptAnswer
    fields = ["question", "text", "score", "feedback"]
    autocomplete_fields = ["question"]
    extra = 0


@admin.register(QuizAttempt)
class QuizAttemptAdmin(SimpleHistoryAdmin):
    list_display = [
        "enrolment", "quiz", "number", "status", "started_at", "submitted_at", "score",
        "max_score",
    ]  # fmt: skip
    list_filter = ["status", ("enrolment__edition", EditionListFilter)]
    list_select_related = [*ENROLMENT_RELATED, "quiz"]
    search_fields = [*ENROLMENT_SEARCH, "quiz__title"]
    date_hierarchy = "started_at"
    autocomplete_fields = ["enrolment", "quiz"]
    readonly_fields = ["started_at"]
    inlines = [AttemptAnswerInline]
    history_list_display = ["status", "score"]
    show_facets = admin.ShowFacets.ALWAYS


@admin.register(AttemptAnswer)
class AttemptAnswerAdmin(SimpleHistoryAdmin):
    list_display = ["attempt", "question", "score"]
    list_select_related = [
        "attempt__enrolment__user", "attempt__enrolment__edition__programme", "attempt__quiz",
        "question",
    ]  # fmt: skip
    search_fields = [
        *(f"attempt__{field}" for field in ENROLMENT_SEARCH), "question__text", "text",
    ]  # fmt: skip
    autocomplete_fields = ["attempt", "question"]
    history_list_display = ["score"]
    show_full_result_count = False


class RubricScoreInline(admin.TabularInline):
    model = RubricScore
    autocomplete_fields = ["criterion", "level"]
    extra = 0


@admin.register(Submission)
class SubmissionAdmin(SimpleHistoryAdmin):
    list_display = [
        "enrolment", "assignment", "submitted_at", "days_late", "points", "graded_by",
        "graded_at",
    ]  # fmt: skip
    list_filter = [
        ("assignment__module__edition", EditionListFilter),
        ("graded_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = [*ENROLMENT_RELATED, "assignment", "graded_by"]
    search_fields = [*ENROLMENT_SEARCH, "assignment__title"]
    date_hierarchy = "submitted_at"
    autocomplete_fields = ["enrolment", "assignment", "graded_by"]
    inlines = [RubricScoreInline]
    history_list_display = ["points", "graded_at"]
    show_facets = admin.ShowFacets.ALWAYS


@admin.register(RubricScore)
class RubricScoreAdmin(admin.ModelAdmin):
    list_display = ["submission", "criterion", "level"]
    list_select_related = [
        "submission__enrolment__user", "submission__enrolment__edition__programme",
        "submission__assignment", "criterion", "level",
    ]  # fmt: skip
    search_fields = [*(f"submission__{field}" for field in ENROLMENT_SEARCH), "criterion__title"]
    autocomplete_fields = ["submission", "criterion", "level"]


class CertificateEventInline(admin.TabularInline):
    """Who issued, revoked or reinstated the certificate, when and why: read only."""

    model = CertificateEvent
    fields = ["at", "kind", "by", "reason"]
    readonly_fields = fields
    ordering = ["at", "pk"]
    can_delete = False
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("by")


class CertificateStateFilter(admin.SimpleListFilter):
    title = gettext_lazy("state")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [("valid", _("valid")), ("revoked", _("revoked"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        valid = queryset.model.objects.valid()
        if self.value() == "valid":
            return queryset.filter(pk__in=valid.values("pk"))
        if self.value() == "revoked":
            return queryset.exclude(pk__in=valid.values("pk"))
        return queryset


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    actions = ["revoke_selected", "reinstate_selected"]
    list_display = [
        "display_code", "full_name", "edition", "issued_at", "hours", "final_grade", "is_revoked",
    ]  # fmt: skip
    list_filter = [CertificateStateFilter, "enrolment__edition__programme"]
    list_select_related = ENROLMENT_RELATED
    search_fields = ["code", "full_name", *ENROLMENT_SEARCH]
    date_hierarchy = "issued_at"
    autocomplete_fields = ["enrolment", "issued_by"]
    # Decisions are taken with the actions below, which record them as events.
    readonly_fields = [
        "code", "display_code", "issued_at", "issued_by", "revoked_at", "revoked_reason",
        "reinstated_at",
    ]  # fmt: skip
    inlines = [CertificateEventInline]
    show_facets = admin.ShowFacets.ALWAYS

    def get_readonly_fields(self, request: HttpRequest, obj: Certificate | None = None) -> list:
        # The code is drawn when the certificate is saved; before that there is none to show.
        return self.readonly_fields if obj else ["revoked_at", "revoked_reason", "reinstated_at"]

    def save_model(self, request: HttpRequest, obj: Certificate, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            CertificateEvent.objects.create(
                certificate=obj, kind=CertificateEvent.Kind.ISSUE,
                by=obj.issued_by or request.user, at=obj.issued_at,
            )  # fmt: skip

    @admin.display(description=gettext_lazy("edition"), ordering="enrolment__edition")
    def edition(self, certificate: Certificate) -> str:
        return str(certificate.enrolment.edition)

    @admin.display(description=gettext_lazy("revoked"), boolean=True)
    def is_revoked(self, certificate: Certificate) -> bool:
        return certificate.is_revoked

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        """Also find a certificate by its code typed as printed, with hyphens."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        code = search_term.replace("-", "").replace(" ", "").upper()
        if len(code) == 16:
            results |= queryset.filter(code=code)
        return results, may_have_duplicates

    @admin.action(description=gettext_lazy("Revoke the selected certificates…"))
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet):
        """Ask for the reason on an intermediate page, then revoke each certificate."""
        return self._decide_with_reason(
            request,
            list(queryset.select_related(*ENROLMENT_RELATED)),
            RevokeForm,
            certificates.revoke,
            action="revoke_selected",
            title=_("Revoke certificates"),
            done=lambda count: ngettext(
                "%(count)d certificate revoked.", "%(count)d certificates revoked.", count
            ),
        )

    @admin.action(description=gettext_lazy("Reinstate the selected revoked certificates…"))
    def reinstate_selected(self, request: HttpRequest, queryset: QuerySet):
        """Ask for the reason on an intermediate page, then reinstate each revoked certificate.

        The same code, issue date and facts: only the state changes, and the revocation stays.
        """
        revoked = [c for c in queryset.select_related(*ENROLMENT_RELATED) if c.is_revoked]
        if not revoked:
            self.message_user(request, _("None of the selected certificates is revoked."))
            return None
        return self._decide_with_reason(
            request,
            revoked,
            ReinstateForm,
            certificates.reinstate,
            action="reinstate_selected",
            title=_("Reinstate certificates"),
            done=lambda count: ngettext(
                "%(count)d certificate reinstated.", "%(count)d certificates reinstated.", count
            ),
        )

    def _decide_with_reason(
        self, request: HttpRequest, chosen: list, form_class, decide, *, action: str, title: str,
        done,
    ):  # fmt: skip
        """The intermediate page that asks for the reason; once confirmed, `decide` each one."""
        form = form_class(request.POST if "confirm" in request.POST else None)
        if not (form.is_bound and form.is_valid()):
            context = {
                **self.admin_site.each_context(request),
                "title": title,
                "opts": self.model._meta,
                "certificates": chosen,
                "form": form,
                "action": action,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            template = f"office/certificates/admin_{action.removesuffix('_selected')}.html"
            return TemplateResponse(request, template, context)
        decided = 0
        for certificate in chosen:
            try:
                decide(certificate=certificate, by=request.user, reason=form.cleaned_data["reason"])
            except certificates.CertificateError as error:
                self.message_user(request, error.message, messages.WARNING)
            else:
                decided += 1
        if decided:
            self.message_user(request, done(decided) % {"count": decided}, messages.SUCCESS)
        return None


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that pages of the platform write; the admin shows them without changing them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(DataExport)
class DataExportAdmin(ReadOnlyAdmin):
    """Copies of people's data; the files themselves are downloaded only by their owner."""

    list_display = ["user", "status", "requested_at", "ready_at", "expires_at"]
    list_filter = ["status"]
    list_select_related = ["user"]
    search_fields = USER_SEARCH
    date_hierarchy = "requested_at"
    fields = ["user", "status", "requested_at", "ready_at", "expires_at"]


@admin.register(ErasureRequest)
class ErasureRequestAdmin(ReadOnlyAdmin):
    """Decided in the office (/office/erasure-requests/), where erasing is confirmed first."""

    list_display = ["user", "status", "requested_at", "decided_at", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["user", "decided_by"]
    search_fields = USER_SEARCH
    date_hierarchy = "requested_at"
    fields = ["user", "reason", "status", "requested_at", "decided_at", "decided_by", "note"]
