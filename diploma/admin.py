from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from courses.copying import copy_edition
from courses.models import Module
from diploma.admin_fields import HTTPS_LINKS
from diploma.form_fields import DeadlineField
from diploma.models import (
    DOCUMENT_KINDS,
    Edition,
    EditionQuota,
    Institution,
    PartnerStaff,
    Programme,
    ProgrammePartner,
)
from students.models import Enrolment

admin.site.site_header = _("Diploma platform administration")
admin.site.site_title = _("Diploma platform")
admin.site.index_title = _("Programme office")


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_LINKS
    list_display = ["name", "acronym", "kind", "country", "website"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "acronym"]
    show_facets = admin.ShowFacets.ALWAYS


class ProgrammePartnerInline(admin.TabularInline):
    model = ProgrammePartner
    autocomplete_fields = ["institution"]
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "host", "language", "required_hours", "grading_scale", "is_published"]
    list_filter = ["is_published", "language", "grading_scale"]
    list_select_related = ["host"]
    search_fields = ["title", "slug", "host__name", "host__acronym"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["host", "coordinators"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [ProgrammePartnerInline]
    show_facets = admin.ShowFacets.ALWAYS


@admin.register(ProgrammePartner)
class ProgrammePartnerAdmin(admin.ModelAdmin):
    list_display = ["institution", "programme", "role", "order"]
    list_filter = ["role"]
    list_select_related = ["institution", "programme"]
    search_fields = ["institution__name", "institution__acronym", "programme__title"]
    autocomplete_fields = ["programme", "institution"]
    show_facets = admin.ShowFacets.ALWAYS


@admin.register(PartnerStaff)
class PartnerStaffAdmin(admin.ModelAdmin):
    list_display = ["__str__", "user", "institution"]
    list_filter = ["institution"]
    list_select_related = ["user", "institution"]
    search_fields = [
        "user__username", "user__first_name", "user__last_name", "user__email",
        "institution__name", "institution__acronym",
    ]  # fmt: skip
    autocomplete_fields = ["user", "institution"]


class EditionQuotaInline(admin.TabularInline):
    model = EditionQuota
    extra = 0


class ModuleInline(admin.TabularInline):
    model = Module
    fields = ["order", "title", "slug", "topic", "hours", "weight", "is_required"]
    prepopulated_fields = {"slug": ["title"]}
    show_change_link = True
    extra = 0


class CopyEditionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60, help_text=_('For example "2027-I".'))
    slug = forms.SlugField(label=_("Slug"), max_length=60)
    starts_on = forms.DateField(
        label=_("Starts on"),
        help_text=_("Every date of the copy moves by the same distance as the start date."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    with_instructors = forms.BooleanField(
        label=_("Also copy who teaches each module"),
        required=False,
        help_text=_(
            "The same instructors, in the same roles, teach the copied modules. Applications "
            "and student records are never copied."
        ),
    )

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if Edition.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Another edition already uses this slug."))
        return slug


class EditionAdminForm(forms.ModelForm):
    """The documents asked of applicants as boxes to tick, stored as "cv,support_letter"."""

    required_documents = forms.MultipleChoiceField(
        label=capfirst(Edition._meta.get_field("required_documents").verbose_name),
        choices=DOCUMENT_KINDS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    applications_close_at = DeadlineField(
        label=capfirst(Edition._meta.get_field("applications_close_at").verbose_name),
        required=False,
        help_text=_("A day without a time closes at midnight, in the edition's time zone."),
    )

    class Meta:
        model = Edition
        fields = ["required_documents", "applications_close_at"]  # and those of the fieldsets

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        time_zone = self.instance.time_zone if self.instance.pk else settings.TIME_ZONE
        self.fields["applications_close_at"].use_time_zone(time_zone)
        stored = self.initial.get("required_documents")
        if isinstance(stored, str):
            self.initial["required_documents"] = [k.strip() for k in stored.split(",") if k.strip()]

    def clean_required_documents(self) -> str:
        chosen = set(self.cleaned_data["required_documents"])
        return ",".join(kind for kind, _label in DOCUMENT_KINDS if kind in chosen)


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    form = EditionAdminForm
    list_display = [
        "name", "programme", "starts_on", "ends_on", "status", "delivery_mode", "capacity",
        "seats_taken", "applications_close_at",
    ]  # fmt: skip
    list_filter = ["status", "delivery_mode", "waitlist_promotion", "programme"]
    list_select_related = ["programme"]
    search_fields = ["name", "slug", "programme__title", "programme__slug", "venue"]
    date_hierarchy = "starts_on"
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["programme", "coordinators", "reviewers", "copied_from"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [EditionQuotaInline, ModuleInline]
    actions = ["copy_into_new_edition"]
    show_facets = admin.ShowFacets.ALWAYS
    fieldsets = [
        (None, {"fields": ["programme", "name", "slug", "status"]}),
        (_("Dates"), {"fields": ["starts_on", "ends_on"]}),
        (
            _("Applications"),
            {
                "fields": [
                    "applications_open_at",
                    "applications_close_at",
                    "capacity",
                    "waitlist_promotion",
                    "required_documents",
                ]
            },
        ),
        (_("Delivery"), {"fields": ["delivery_mode", "venue", "time_zone"]}),
        (_("People"), {"fields": ["coordinators", "reviewers"]}),
        (_("Record"), {"fields": ["copied_from", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .annotate(
                seat_count=Count(
                    "enrolments", filter=Q(enrolments__status__in=Enrolment.SEAT_STATUSES)
                )
            )
        )

    @admin.display(description=_("seats taken"), ordering="seat_count")
    def seats_taken(self, edition: Edition) -> int:
        return edition.seat_count

    @admin.action(description=_("Copy into a new edition"))
    def copy_into_new_edition(
        self, request: HttpRequest, queryset: QuerySet
    ) -> HttpResponse | None:
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one edition to copy."), messages.WARNING)
            return None
        edition = queryset.select_related("programme").get()
        if "apply" in request.POST:
            form = CopyEditionForm(request.POST)
            if form.is_valid():
                copy = copy_edition(edition=edition, by=request.user, **form.cleaned_data)
                self.log_addition(request, copy, [{"added": {}}])
                self.message_user(
                    request,
                    _("%(edition)s was copied into the draft edition %(copy)s.")
                    % {"edition": edition, "copy": copy},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:diploma_edition_change", args=[copy.pk]))
        else:
            form = CopyEditionForm(initial={"slug": f"{edition.slug}-copy"})
        context = {
            **self.admin_site.each_context(request),
            "title": _("Copy %(edition)s") % {"edition": edition},
            "opts": self.model._meta,
            "edition": edition,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/diploma/edition/copy.html", context)


@admin.register(EditionQuota)
class EditionQuotaAdmin(admin.ModelAdmin):
    list_display = ["edition", "dimension", "value_name", "seats"]
    list_filter = ["dimension", "edition__programme"]
    list_select_related = ["edition__programme"]
    search_fields = ["value", "edition__name", "edition__programme__title"]
    autocomplete_fields = ["edition"]
    show_facets = admin.ShowFacets.ALWAYS

    @admin.display(description=_("value"), ordering="value")
    def value_name(self, quota: EditionQuota) -> str:
        return quota.value_label
