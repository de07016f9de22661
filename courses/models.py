"""What is taught: modules, lessons, live sessions, quizzes, assignments, announcements."""

import datetime as dt
import math
import secrets
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from courses.markdown import render_markdown
from diploma.models import Edition, Institution


class Instructor(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="instructor",
        verbose_name=_("user"),
    )  # fmt: skip
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(
        _("title"), max_length=120, blank=True, help_text=_("For example: Professor, PUCP.")
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="instructors", verbose_name=_("institution"),
    )  # fmt: skip
    bio = models.TextField(_("biography"), blank=True)
    is_public = models.BooleanField(_("shown on public pages"), default=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name = _("instructor")
        verbose_name_plural = _("instructors")

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("instructor-detail", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() or self.user.username


class ModuleQuerySet(models.QuerySet):
    def taught_by(self, user):
        return self.filter(teaching__instructor__user=user)

    def released(self, now=None):
        now = now or timezone.now()
        return self.filter(Q(release_at__isnull=True) | Q(release_at__lte=now))


class Module(models.Model):
    class Topic(models.TextChoices):
        POLICY = "policy", _("Migration policy and governance")
        REMITTANCES = "remittances", _("Remittances and development")
        LABOUR = "labour", _("Labour migration")
        GENDER = "gender", _("Gender and migration")
        HUMAN_RIGHTS = "human_rights", _("Human rights and protection")
        HISTORY = "history", _("Internal migration and history")
        METHODS = "methods", _("Research methods")
        OTHER = "other", _("Other")

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="modules", verbose_name=_("edition")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    summary = models.TextField(_("summary"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    hours = models.PositiveSmallIntegerField(_("hours"), default=10)
    weight = models.DecimalField(
        _("weight in the final grade"), max_digits=5, decimal_places=2, default=Decimal("1"),
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    is_required = models.BooleanField(_("required"), default=True)
    release_at = models.DateTimeField(_("released at"), null=True, blank=True)
    grades_released = models.BooleanField(_("grades released to students"), default=False)

    objects = ModuleQuerySet.as_manager()
    # Who changed the module's weight and required flag; the other fields do not change grades.
    history = HistoricalRecords(
        excluded_fields=[
            "slug", "topic", "summary", "order", "hours", "release_at", "grades_released",
        ]
    )  # fmt: skip

    class Meta:
        ordering = ["edition", "order", "id"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="unique_module_slug"),
            models.CheckConstraint(condition=Q(weight__gte=0), name="module_weight_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """Uses `edition`: select it with the module to avoid a query."""
        return reverse(
            "learn:module-detail",
            kwargs={"edition": self.edition.slug, "module": self.slug},
        )

    def is_released(self, now=None) -> bool:
        return self.release_at is None or self.release_at <= (now or timezone.now())


class ModuleInstructor(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        GUEST = "guest", _("Guest")

    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, related_name="teaching", verbose_name=_("module")
    )
    instructor = models.ForeignKey(
        Instructor, on_delete=models.PROTECT, related_name="teaching",
        verbose_name=_("instructor"),
    )  # fmt: skip
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.LEAD)

    class Meta:
        ordering = ["module", "role", "id"]
        verbose_name = _("module instructor")
        verbose_name_plural = _("module instructors")
        constraints = [
            models.UniqueConstraint(
                fields=["module", "instructor"], name="unique_module_instructor"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instructor} · {self.get_role_display()}"


class LessonQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def readable(self, now=None):
        """Published lessons whose own release date and their module's have passed."""
        now = now or timezone.now()
        return self.published().filter(
            Q(release_at__isnull=True) | Q(release_at__lte=now),
            Q(module__release_at__isnull=True) | Q(module__release_at__lte=now),
        )


class Lesson(models.Model):
    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, related_name="lessons", verbose_name=_("module")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown."))
    body_html = models.TextField(_("rendered body"), blank=True, editable=False)
    minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=30)
    is_published = models.BooleanField(_("published"), default=False)
    release_at = models.DateTimeField(_("released at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = LessonQuerySet.as_manager()

    class Meta:
        ordering = ["module", "order", "id"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        constraints = [
            models.UniqueConstraint(fields=["module", "slug"], name="unique_lesson_slug"),
        ]
        indexes = [models.Index(fields=["module", "is_published", "order"], name="lesson_list")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """Uses `module.edition`: select them with the lesson to avoid queries."""
        return reverse(
            "learn:lesson-detail",
            kwargs={
                "edition": self.module.edition.slug,
                "module": self.module.slug,
                "lesson": self.slug,
            },
        )

    def is_released(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.is_published
            and (self.release_at is None or self.release_at <= now)
            and self.module.is_released(now)
        )

    def render_body(self) -> None:
        """Store the sanitised HTML of the Markdown body, so pages never render it again."""
        self.body_html = render_markdown(self.body)


def resource_path(resource: "Resource", filename: str) -> str:
    """An unguessable name in storage; the name the instructor gave stays on the row."""
    extension = PurePath(filename).suffix.lower()[:10]
    return f"resources/{timezone.now():%Y/%m}/{secrets.token_urlsafe(18)}{extension}"


class Resource(models.Model):
    """A file or a link attached to a lesson. Files are served only to the lesson's readers,
    through students.views.resource_file."""

    class Kind(models.TextChoices):
        FILE = "file", _("File")
        LINK = "link", _("Link")

    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="resources", verbose_name=_("lesson")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices, default=Kind.LINK)
    file = models.FileField(_("file"), upload_to=resource_path, blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    url = models.URLField(_("link"), blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["lesson", "order", "id"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="file") & ~Q(file="")) | (Q(kind="link") & ~Q(url="")),
                name="resource_has_file_or_link",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def href(self) -> str:
        """A file's address checks who asks; uses `lesson.module.edition`: select them."""
        if self.kind == self.Kind.FILE:
            return f"{self.lesson.get_absolute_url()}resources/{self.pk}/"
        return self.url

    @property
    def download_name(self) -> str:
        return self.original_name or PurePath(self.file.name).name


class LiveSession(models.Model):
    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("module")
    )
    topic = models.CharField(_("topic"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    recording_url = models.URLField(
        _("recording"), blank=True, help_text=_("A link to the recording, once it is online.")
    )
    slides_url = models.URLField(_("slides"), blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            )
        ]
        indexes = [models.Index(fields=["module", "starts_at"], name="session_module_start")]

    def __str__(self) -> str:
        return f"{self.topic} ({self.starts_at:%Y-%m-%d})"

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class Quiz(models.Model):
    class FeedbackTiming(models.TextChoices):
        AFTER_SUBMIT = "after_submit", _("Right after submitting")
        AFTER_CLOSE = "after_close", _("After the quiz closes")
        NEVER = "never", _("Never")

    class Purpose(models.TextChoices):
        NONE = "", _("Ordinary quiz")
        PRE_TEST = "pre_test", _("Pre-test of the module")
        POST_TEST = "post_test", _("Post-test of the module")

    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, related_name="quizzes", verbose_name=_("module")
    )
    # Reports compare the scores of a module's pre-test and post-test: did people learn?
    purpose = models.CharField(
        _("purpose"), max_length=10, choices=Purpose.choices, default=Purpose.NONE, blank=True
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    instructions = models.TextField(_("instructions"), blank=True)
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=1, validators=[MinValueValidator(1)]
    )
    pass_mark = models.DecimalField(
        _("pass mark (%)"), max_digits=5, decimal_places=2, default=Decimal("60"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )  # fmt: skip
    weight = models.DecimalField(
        _("weight in the module grade"), max_digits=5, decimal_places=2, default=Decimal("1")
    )
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    questions_per_page = models.PositiveSmallIntegerField(
        _("questions per page"), default=0,
        help_text=_("0: every question on one page."),
    )  # fmt: skip
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=False)
    feedback_timing = models.CharField(
        _("show feedback"), max_length=15, choices=FeedbackTiming.choices,
        default=FeedbackTiming.AFTER_SUBMIT,
    )  # fmt: skip
    is_published = models.BooleanField(_("published"), default=False)

    # Who changed the quiz's weight and pass mark.
    history = HistoricalRecords(
        excluded_fields=[
            "slug", "instructions", "time_limit_minutes", "attempts_allowed", "opens_at",
            "closes_at", "questions_per_page", "shuffle_questions", "shuffle_choices",
            "feedback_timing", "is_published",
        ]
    )  # fmt: skip

    class Meta:
        ordering = ["module", "opens_at", "id"]
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        constraints = [
            models.UniqueConstraint(fields=["module", "slug"], name="unique_quiz_slug"),
            models.CheckConstraint(
                condition=Q(attempts_allowed__gte=1), name="quiz_allows_an_attempt"
            ),
            models.CheckConstraint(
                condition=Q(pass_mark__gte=0) & Q(pass_mark__lte=100), name="quiz_pass_mark_pct"
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="quiz_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def has_opened(self, now: dt.datetime) -> bool:
        return self.opens_at is None or self.opens_at <= now

    def is_closed(self, now: dt.datetime) -> bool:
        return self.closes_at is not None and self.closes_at <= now

    def is_open(self, now: dt.datetime) -> bool:
        return self.has_opened(now) and not self.is_closed(now)

    def feedback_visible(self, now: dt.datetime) -> bool:
        """Whether students may see the right answers and the feedback of their submitted
        attempts."""
        if self.feedback_timing == self.FeedbackTiming.AFTER_SUBMIT:
            return True
        if self.feedback_timing == self.FeedbackTiming.AFTER_CLOSE:
            return self.is_closed(now)
        return False

    def score_visible(self, now: dt.datetime) -> bool:
        """The total score: right away, except when feedback waits for the quiz to close."""
        if self.feedback_timing == self.FeedbackTiming.AFTER_CLOSE:
            return self.feedback_visible(now)
        return True


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True or false")
        NUMERIC = "numeric", _("Numeric")
        SHORT = "short", _("Short answer")
        ESSAY = "essay", _("Essay (graded by hand)")

    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, related_name="questions", verbose_name=_("quiz")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("question"))
    points = models.DecimalField(
        _("points"), max_digits=6, decimal_places=2, default=Decimal("1"),
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    numeric_answer = models.DecimalField(
        _("numeric answer"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    tolerance = models.DecimalField(
        _("tolerance"), max_digits=14, decimal_places=4, default=Decimal("0"),
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    case_sensitive = models.BooleanField(_("case and accents matter"), default=False)
    general_feedback = models.TextField(_("general feedback"), blank=True)

    # Who changed the question's points; its text names it on the history page.
    history = HistoricalRecords(
        excluded_fields=[
            "kind", "order", "numeric_answer", "tolerance", "case_sensitive", "general_feedback",
        ]
    )  # fmt: skip

    class Meta:
        ordering = ["quiz", "order", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(condition=Q(points__gte=0), name="question_points_positive"),
            models.CheckConstraint(
                condition=~Q(kind="numeric") | Q(numeric_answer__isnull=False),
                name="numeric_question_has_answer",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Choice(models.Model):
    """A choice of a choice question, or an accepted answer of a short-answer question."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    text = models.CharField(_("text"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    fraction = models.DecimalField(
        _("credit (%)"), max_digits=5, decimal_places=2, default=Decimal("0"),
        help_text=_("Share of the question's points this choice earns; negative subtracts."),
        validators=[MinValueValidator(-100), MaxValueValidator(100)],
    )  # fmt: skip
    feedback = models.TextField(_("feedback"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["question", "order", "id"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        constraints = [
            models.CheckConstraint(
                condition=Q(fraction__gte=-100) & Q(fraction__lte=100), name="choice_fraction_pct"
            )
        ]

    def __str__(self) -> str:
        return self.text


class Assignment(models.Model):
    class LatePolicy(models.TextChoices):
        PENALTY = "penalty", _("Accept late work with a penalty per day")
        CUTOFF = "cutoff", _("Refuse after the cut-off date")
        NONE = "none", _("Accept late work without penalty")

    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("module")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    instructions = models.TextField(_("instructions"), help_text=_("Markdown."))
    due_at = models.DateTimeField(_("due at"))
    late_policy = models.CharField(
        _("late policy"), max_length=10, choices=LatePolicy.choices, default=LatePolicy.PENALTY
    )
    penalty_per_day = models.DecimalField(
        _("penalty per day late (%)"), max_digits=5, decimal_places=2, default=Decimal("10"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )  # fmt: skip
    cutoff_at = models.DateTimeField(_("cut-off"), null=True, blank=True)
    max_points = models.DecimalField(
        _("maximum points"), max_digits=6, decimal_places=2, default=Decimal("20"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )  # fmt: skip
    weight = models.DecimalField(
        _("weight in the module grade"), max_digits=5, decimal_places=2, default=Decimal("1")
    )
    accepted_types = models.CharField(
        _("accepted file types"), max_length=100, default="pdf,docx,odt",
        help_text=_("Comma-separated extensions."),
    )  # fmt: skip
    max_file_mb = models.PositiveSmallIntegerField(_("maximum file size (MB)"), default=10)
    allow_text = models.BooleanField(_("text submission"), default=True)
    allow_file = models.BooleanField(_("file submission"), default=True)
    is_published = models.BooleanField(_("published"), default=False)
    grades_released = models.BooleanField(_("grades released to students"), default=False)

    # Who changed the assignment's points, weight, due date and late policy.
    history = HistoricalRecords(
        excluded_fields=[
            "slug", "instructions", "accepted_types", "max_file_mb", "allow_text", "allow_file",
            "is_published", "grades_released",
        ]
    )  # fmt: skip

    class Meta:
        ordering = ["module", "due_at", "id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(fields=["module", "slug"], name="unique_assignment_slug"),
            models.CheckConstraint(
                condition=Q(allow_text=True) | Q(allow_file=True),
                name="assignment_accepts_something",
            ),
            models.CheckConstraint(
                condition=Q(cutoff_at__isnull=True) | Q(cutoff_at__gte=models.F("due_at")),
                name="assignment_cutoff_after_due",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def accepted_extensions(self) -> list[str]:
        return [ext.strip().lower().lstrip(".") for ext in self.accepted_types.split(",") if ext]

    def is_past_due(self, now: dt.datetime) -> bool:
        return self.due_at < now

    def url_kwargs(self, **extra) -> dict:
        """The parameters of the workspace's URLs of this assignment; uses `module.edition`."""
        module = self.module
        return {
            "edition": module.edition.slug, "module": module.slug, "assignment": self.slug,
            **extra,
        }  # fmt: skip

    @property
    def closes_at(self) -> dt.datetime | None:
        """When the assignment stops taking first submissions: the cut-off, None if never."""
        if self.late_policy == self.LatePolicy.CUTOFF:
            return self.cutoff_at or self.due_at
        return None

    def takes_submissions(self, now: dt.datetime) -> bool:
        return self.closes_at is None or now <= self.closes_at

    def days_late(self, at: dt.datetime) -> int:
        """Whole days, started, after the due date: one minute late is one day late."""
        if at <= self.due_at:
            return 0
        return math.ceil((at - self.due_at) / dt.timedelta(days=1))

    def late_share(self, days_late: int) -> Decimal:
        """Share of the points kept after the late penalty (1 when on time, never below 0)."""
        if days_late <= 0 or self.late_policy != self.LatePolicy.PENALTY:
            return Decimal(1)
        return max(Decimal(0), 1 - self.penalty_per_day * days_late / 100)

    def rubric(self) -> list["RubricCriterion"]:
        """The rubric's criteria in order, each with `level_list` (best first): two queries."""
        levels = models.Prefetch(
            "levels", queryset=RubricLevel.objects.order_by("-points", "id"), to_attr="level_list"
        )
        return list(self.criteria.order_by("order", "id").prefetch_related(levels))


class RubricCriterion(models.Model):
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="criteria",
        verbose_name=_("assignment"),
    )  # fmt: skip
    title = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["assignment", "order", "id"]
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")

    def __str__(self) -> str:
        return self.title


class RubricLevel(models.Model):
    criterion = models.ForeignKey(
        RubricCriterion, on_delete=models.CASCADE, related_name="levels",
        verbose_name=_("criterion"),
    )  # fmt: skip
    title = models.CharField(_("level"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    points = models.DecimalField(
        _("points"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["criterion", "-points"]
        verbose_name = _("rubric level")
        verbose_name_plural = _("rubric levels")
        constraints = [
            models.CheckConstraint(condition=Q(points__gte=0), name="rubric_level_points_positive")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.points})"


class Announcement(models.Model):
    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="announcements",
        verbose_name=_("edition"),
    )  # fmt: skip
    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, null=True, blank=True, related_name="announcements",
        verbose_name=_("module"), help_text=_("Empty for the whole edition."),
    )  # fmt: skip
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="announcements",
        verbose_name=_("author"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"))
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        indexes = [models.Index(fields=["edition", "-published_at"], name="announcement_recent")]

    def __str__(self) -> str:
        return self.title


class DiscussionThreadQuerySet(models.QuerySet):
    def matching(self, words: str, *, with_hidden: bool = False):
        """Threads whose title or any post's text holds `words` (case-insensitive, on SQLite
        and PostgreSQL alike); hidden posts count only `with_hidden` (for moderators)."""
        posts = DiscussionPost.objects.filter(thread=models.OuterRef("pk"), body__icontains=words)
        if not with_hidden:
            posts = posts.filter(is_hidden=False)
        return self.filter(Q(title__icontains=words) | Q(models.Exists(posts)))


class DiscussionThread(models.Model):
    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, related_name="threads", verbose_name=_("module")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="threads",
        verbose_name=_("author"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    lesson = models.ForeignKey(
        Lesson, on_delete=models.SET_NULL, null=True, blank=True, related_name="threads",
        verbose_name=_("lesson"), help_text=_("The lesson this thread is about, if any."),
    )  # fmt: skip
    is_question = models.BooleanField(_("question"), default=False)
    answered_post = models.ForeignKey(
        "DiscussionPost", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("accepted answer"),
    )  # fmt: skip
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_post_at = models.DateTimeField(_("last post at"), default=timezone.now)

    objects = DiscussionThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-is_pinned", "-last_post_at", "-pk"]
        verbose_name = _("discussion thread")
        verbose_name_plural = _("discussion threads")
        indexes = [
            models.Index(fields=["module", "-is_pinned", "-last_post_at"], name="thread_list")
        ]

    def __str__(self) -> str:
        return self.title


class DiscussionPost(models.Model):
    """A message in a thread; the first post of a thread is its opening message."""

    thread = models.ForeignKey(
        DiscussionThread, on_delete=models.PROTECT, related_name="posts",
        verbose_name=_("thread"),
    )  # fmt: skip
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="posts",
        verbose_name=_("author"),
    )  # fmt: skip
    body = models.TextField(_("message"), help_text=_("Markdown."))
    body_html = models.TextField(_("rendered message"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=200, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("hidden by"),
    )  # fmt: skip

    EDIT_WINDOW = dt.timedelta(minutes=30)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("discussion post")
        verbose_name_plural = _("discussion posts")
        indexes = [models.Index(fields=["thread", "created_at"], name="post_in_thread")]

    def __str__(self) -> str:
        return self.body[:80]

    def render_body(self) -> None:
        """Store the sanitised HTML of the Markdown message, so pages never render it again."""
        self.body_html = render_markdown(self.body)

    def editable_until(self) -> dt.datetime:
        return self.created_at + self.EDIT_WINDOW


class PostRevision(models.Model):
    """The text a post had before its author edited it; read by moderators."""

    post = models.ForeignKey(
        DiscussionPost, on_delete=models.PROTECT, related_name="revisions",
        verbose_name=_("post"),
    )  # fmt: skip
    body = models.TextField(_("earlier text"))
    replaced_at = models.DateTimeField(_("replaced at"), default=timezone.now)

    class Meta:
        ordering = ["post", "replaced_at", "pk"]
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")

    def __str__(self) -> str:
        return f"{self.post_id} · {self.replaced_at:%Y-%m-%d %H:%M}"


class PostReport(models.Model):
    """A reader's report of a post to the module's moderators."""

    post = models.ForeignKey(
        DiscussionPost, on_delete=models.PROTECT, related_name="reports", verbose_name=_("post")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="post_reports",
        verbose_name=_("reported by"),
    )  # fmt: skip
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    handled = models.BooleanField(_("handled"), default=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("handled by"),
    )  # fmt: skip
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post report")
        verbose_name_plural = _("post reports")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"], condition=Q(handled=False),
                name="one_open_report_per_reader",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.reason[:80]


class ThreadRead(models.Model):
    """When a person last read a thread: newer posts are unread for them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("user"),
    )  # fmt: skip
    thread = models.ForeignKey(
        DiscussionThread, on_delete=models.CASCADE, related_name="reads",
        verbose_name=_("thread"),
    )  # fmt: skip
    last_read_at = models.DateTimeField(_("last read at"))

    class Meta:
        verbose_name = _("thread read")
        verbose_name_plural = _("threads read")
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="one_read_mark_per_thread")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.thread_id}"


def _unsubscribe_token() -> str:
    return secrets.token_urlsafe(32)


class DiscussionSubscription(models.Model):
    """A person follows a thread or a whole module's discussion by e-mail; the token makes a
    link that stops it without logging in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
        related_name="discussion_subscriptions", verbose_name=_("user"),
    )  # fmt: skip
    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriptions",
        verbose_name=_("module"),
    )  # fmt: skip
    thread = models.ForeignKey(
        DiscussionThread, on_delete=models.CASCADE, null=True, blank=True,
        related_name="subscriptions", verbose_name=_("thread"),
    )  # fmt: skip
    token = models.CharField(_("token"), max_length=64, unique=True, default=_unsubscribe_token)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("discussion subscription")
        verbose_name_plural = _("discussion subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=Q(module__isnull=True, thread__isnull=False)
                | Q(module__isnull=False, thread__isnull=True),
                name="subscription_to_module_or_thread",
            ),
            models.UniqueConstraint(
                fields=["user", "module"], condition=Q(module__isnull=False),
                name="one_subscription_per_module",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"], condition=Q(thread__isnull=False),
                name="one_subscription_per_thread",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.user_id} → {self.thread or self.module}"


class DiscussionDigest(models.Model):
    """Up to when a person's daily digest has covered new posts: each run covers only later
    posts, so a post is never in two digests, also when the job runs twice."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="discussion_digest",
        verbose_name=_("user"),
    )  # fmt: skip
    covered_until = models.DateTimeField(_("covered until"))

    class Meta:
        verbose_name = _("discussion digest")
        verbose_name_plural = _("discussion digests")

    def __str__(self) -> str:
        return f"{self.user_id} · {self.covered_until:%Y-%m-%d %H:%M}"
