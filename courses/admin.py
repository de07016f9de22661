from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from courses.models import (
    Announcement,
    Assignment,
    Choice,
    DiscussionPost,
    DiscussionThread,
    Instructor,
    Lesson,
    LiveSession,
    Module,
    ModuleInstructor,
    Question,
    Quiz,
    Resource,
    RubricCriterion,
    RubricLevel,
)
from diploma.admin_fields import HTTPS_LINKS, EditionListFilter, https_links
from diploma.models import Edition

SHORT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}


@admin.display(description=_("edition"), ordering="module__edition__starts_on")
def module_edition(obj: models.Model) -> Edition:
    return obj.module.edition


@admin.register(Instructor)
class InstructorAdmin(admin.ModelAdmin):
    list_display = ["display_name", "user", "title", "institution", "is_public"]
    list_filter = ["is_public", "institution"]
    list_select_related = ["user", "institution"]
    search_fields = [
        "user__username", "user__first_name", "user__last_name", "user__email", "slug", "title",
    ]  # fmt: skip
    autocomplete_fields = ["user", "institution"]
    show_facets = admin.ShowFacets.ALWAYS


class ModuleInstructorInline(admin.TabularInline):
    model = ModuleInstructor
    autocomplete_fields = ["instructor"]
    extra = 0


class LessonInline(admin.TabularInline):
    model = Lesson
    fields = ["order", "title", "slug", "minutes", "is_published", "release_at"]
    prepopulated_fields = {"slug": ["title"]}
    show_change_link = True
    extra = 0


@admin.register(Module)
class ModuleAdmin(SimpleHistoryAdmin):
    list_display = [
        "title", "edition", "order", "topic", "hours", "weight", "is_required", "release_at",
    ]  # fmt: skip
    list_filter = [
        "topic",
        "is_required",
        "grades_released",
        "edition__programme",
        ("edition", EditionListFilter),
    ]
    list_select_related = ["edition__programme"]
    search_fields = ["title", "slug", "edition__name", "edition__programme__title"]
    date_hierarchy = "release_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["edition"]
    inlines = [ModuleInstructorInline, LessonInline]
    show_facets = admin.ShowFacets.ALWAYS


@admin.register(ModuleInstructor)
class ModuleInstructorAdmin(admin.ModelAdmin):
    list_display = ["instructor", "module", module_edition, "role"]
    list_filter = ["role", "module__edition__programme"]
    list_select_related = ["instructor__user", "module__edition__programme"]
    search_fields = [
        "instructor__user__username", "instructor__user__first_name",
        "instructor__user__last_name", "module__title",
    ]  # fmt: skip
    autocomplete_fields = ["module", "instructor"]
    show_facets = admin.ShowFacets.ALWAYS


class ResourceForm(forms.ModelForm):
    class Meta:
        model = Resource
        fields = ["lesson", "order", "title", "kind", "file", "url"]
        formfield_callback = https_links

    def clean(self) -> dict:
        cleaned_data = super().clean()
        upload = cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            self.instance.size = upload.size
        return cleaned_data


class ResourceInline(admin.TabularInline):
    model = Resource
    formfield_overrides = HTTPS_LINKS
    form = ResourceForm
    fields = ["order", "title", "kind", "file", "url", "size"]
    readonly_fields = ["size"]
    extra = 0


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = [
        "title", "module", module_edition, "order", "minutes", "is_published", "release_at",
        "updated_at",
    ]  # fmt: skip
    list_filter = [
        "is_published",
        "module__edition__programme",
        ("module__edition", EditionListFilter),
    ]
    list_select_related = ["module__edition__programme"]
    search_fields = ["title", "slug", "module__title", "body"]
    date_hierarchy = "updated_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["module"]
    readonly_fields = ["version", "updated_at", "rendered_body"]
    inlines = [ResourceInline]
    show_facets = admin.ShowFacets.ALWAYS

    @admin.display(description=_("rendered body"))
    def rendered_body(self, lesson: Lesson) -> SafeString:
        # body_html is the nh3-sanitised output of render_markdown.
        return mark_safe(lesson.body_html)

    def save_model(self, request: HttpRequest, obj: Lesson, form, change: bool) -> None:
        obj.render_body()
        super().save_model(request, obj, form, change)


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    form = ResourceForm
    formfield_overrides = HTTPS_LINKS
    list_display = ["title", "lesson", "kind", "order", "size"]
    list_filter = ["kind"]
    list_select_related = ["lesson"]
    search_fields = ["title", "url", "lesson__title"]
    autocomplete_fields = ["lesson"]
    readonly_fields = ["size"]
    show_facets = admin.ShowFacets.ALWAYS


@admin.register(LiveSession)
class LiveSessionAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_LINKS
    list_display = ["topic", "module", module_edition, "starts_at", "ends_at", "venue"]
    list_filter = ["module__edition__programme", ("module__edition", EditionListFilter)]
    list_select_related = ["module__edition__programme"]
    search_fields = ["topic", "venue", "module__title"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["module"]


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ["order", "kind", "text", "points", "numeric_answer", "tolerance"]
    formfield_overrides = SHORT_TEXT
    show_change_link = True
    extra = 0


@admin.register(Quiz)
class QuizAdmin(SimpleHistoryAdmin):
    list_display = [
        "title", "module", module_edition, "opens_at", "closes_at", "attempts_allowed",
        "pass_mark", "is_published",
    ]  # fmt: skip
    list_filter = ["is_published", "feedback_timing", "module__edition__programme"]
    list_select_related = ["module__edition__programme"]
    search_fields = ["title", "slug", "module__title"]
    date_hierarchy = "opens_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["module"]
    inlines = [QuestionInline]
    show_facets = admin.ShowFacets.ALWAYS


class ChoiceInline(admin.TabularInline):
    model = Choice
    fields = ["order", "text", "is_correct", "fraction", "feedback"]
    formfield_overrides = SHORT_TEXT
    extra = 0


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "quiz", "kind", "points", "order"]
    list_filter = ["kind"]
    list_select_related = ["quiz"]
    search_fields = ["text", "quiz__title"]
    autocomplete_fields = ["quiz"]
    inlines = [ChoiceInline]
    show_facets = admin.ShowFacets.ALWAYS


@admin.register(Choice)
class ChoiceAdmin(admin.ModelAdmin):
    list_display = ["text", "question", "is_correct", "fraction", "order"]
    list_filter = ["is_correct"]
    list_select_related = ["question"]
    search_fields = ["text", "question__text"]
    autocomplete_fields = ["question"]


class RubricCriterionInline(admin.TabularInline):
    model = RubricCriterion
    fields = ["order", "title", "description"]
    formfield_overrides = SHORT_TEXT
    show_change_link = True
    extra = 0


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = [
        "title", "module", module_edition, "due_at", "late_policy", "max_points", "weight",
        "is_published", "grades_released",
    ]  # fmt: skip
    list_filter = [
        "is_published", "grades_released", "late_policy", "module__edition__programme",
    ]  # fmt: skip
    list_select_related = ["module__edition__programme"]
    search_fields = ["title", "slug", "module__title"]
    date_hierarchy = "due_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["module"]
    inlines = [RubricCriterionInline]
    show_facets = admin.ShowFacets.ALWAYS


class RubricLevelInline(admin.TabularInline):
    model = RubricLevel
    fields = ["title", "description", "points"]
    formfield_overrides = SHORT_TEXT
    extra = 0


@admin.register(RubricCriterion)
class RubricCriterionAdmin(admin.ModelAdmin):
    list_display = ["title", "assignment", "order"]
    list_select_related = ["assignment"]
    search_fields = ["title", "assignment__title"]
    autocomplete_fields = ["assignment"]
    inlines = [RubricLevelInline]


@admin.register(RubricLevel)
class RubricLevelAdmin(admin.ModelAdmin):
    list_display = ["title", "criterion", "points"]
    list_select_related = ["criterion"]
    search_fields = ["title", "criterion__title"]
    autocomplete_fields = ["criterion"]


@admin.register(Announcement)
class AnnouncementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "edition", "module", "author", "published_at"]
    list_filter = ["edition__programme", ("edition", EditionListFilter)]
    list_select_related = ["edition__programme", "module", "author"]
    search_fields = ["title", "body"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["edition", "module", "author"]


@admin.register(DiscussionThread)
class DiscussionThreadAdmin(admin.ModelAdmin):
    list_display = ["title", "module", module_edition, "author", "is_pinned", "is_locked"]
    list_filter = ["is_pinned", "is_locked", "module__edition__programme"]
    list_select_related = ["module__edition__programme", "author"]
    search_fields = ["title", "module__title", "author__username"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["module", "author", "lesson", "answered_post"]
    readonly_fields = ["created_at", "last_post_at"]
    show_facets = admin.ShowFacets.ALWAYS


@admin.register(DiscussionPost)
class DiscussionPostAdmin(admin.ModelAdmin):
    list_display = ["__str__", "thread", "author", "created_at", "is_hidden"]
    list_filter = ["is_hidden"]
    list_select_related = ["thread", "author"]
    search_fields = ["body", "thread__title", "author__username"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["thread", "author", "hidden_by"]
    readonly_fields = ["created_at", "edited_at", "body_html"]
    show_facets = admin.ShowFacets.ALWAYS
