"""Who learns and how far they got: profiles, applications/enrolments, progress, grades."""

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from courses.models import (
    Assignment,
    Lesson,
    LiveSession,
    Module,
    Question,
    Quiz,
    RubricCriterion,
    RubricLevel,
)
from diploma.models import DocumentKind, Edition, Sector


def validate_year_of_birth(year: int) -> None:
    """A plausible year of birth for an adult student: from 1920 to 15 years ago."""
    latest = dt.date.today().year - 15
    if not 1920 <= year <= latest:
        raise ValidationError(
            _("Enter a year between 1920 and %(latest)d."), params={"latest": latest}
        )


def _new_token() -> str:
    """A secret for an address that works without logging in: 256 bits, URL-safe."""
    return secrets.token_urlsafe(32)


class DiscussionEmails(models.TextChoices):
    AT_ONCE = "at_once", _("One e-mail per new post")
    DAILY = "daily", _("A daily digest")
    NONE = "none", _("No e-mails")


class StudentProfile(models.Model):
    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        NON_BINARY = "non_binary", _("Non-binary")
        SELF_DESCRIBED = "other", _("Other")
        UNDISCLOSED = "undisclosed", _("Prefer not to say")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile",
        verbose_name=_("user"),
    )  # fmt: skip
    country = CountryField(_("country"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)
    year_of_birth = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True, validators=[validate_year_of_birth],
        help_text=_("Optional. Reports count people by age group, never by name."),
    )  # fmt: skip
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=settings.LANGUAGES, default="es"
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True,
        help_text=_("Leave empty to see times in the time zone of your edition."),
    )  # fmt: skip
    remind_sessions = models.BooleanField(
        _("remind me of live sessions"), default=True,
        help_text=_("An e-mail 24 hours before each live session."),
    )  # fmt: skip
    remind_deadlines = models.BooleanField(
        _("remind me of deadlines"), default=True,
        help_text=_("An e-mail 48 hours before a quiz closes or work is due, if not yet done."),
    )  # fmt: skip
    discussion_emails = models.CharField(
        _("discussion e-mails"), max_length=10, choices=DiscussionEmails.choices,
        default=DiscussionEmails.AT_ONCE,
    )  # fmt: skip
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("student profile")
        verbose_name_plural = _("student profiles")
        indexes = [models.Index(fields=["country", "sector"], name="profile_country_sector")]

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.username

    def get_absolute_url(self) -> str:
        return reverse("accounts:profile")

    def missing_for_application(self) -> list[str]:
        """Names of the fields an application needs that are still empty."""
        needed = {
            "country": self.country,
            "organisation": self.organisation,
            "sector": self.sector,
            "position": self.position,
        }
        return [name for name, value in needed.items() if not value]


class EnrolmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=Enrolment.ACTIVE_STATUSES)

    def holding_a_seat(self):
        return self.filter(status__in=Enrolment.SEAT_STATUSES)

    def of_user(self, user):
        return self.filter(user=user)


class Enrolment(models.Model):
    """An application to an edition that becomes the student's enrolment once admitted."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", pgettext_lazy("application status", "Submitted")
        ADMITTED = "admitted", _("Admitted")
        WAITLISTED = "waitlisted", _("Waitlisted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        COMPLETED = "completed", _("Completed")
        NOT_COMPLETED = "not_completed", _("Not completed")

    ACTIVE_STATUSES = (Status.ADMITTED, Status.COMPLETED, Status.NOT_COMPLETED)
    SEAT_STATUSES = (Status.ADMITTED, Status.COMPLETED, Status.NOT_COMPLETED)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrolments",
        verbose_name=_("user"),
    )  # fmt: skip
    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("edition")
    )
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.DRAFT
    )
    statement = models.TextField(_("motivation statement"), blank=True)
    waitlist_position = models.PositiveIntegerField(_("waitlist position"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    # The applicant's facts as declared when the application was submitted: reports count
    # by these, so that a past report does not change when a profile is edited later.
    declared_gender = models.CharField(
        _("gender as declared"), max_length=12, choices=StudentProfile.Gender.choices, blank=True
    )
    declared_country = CountryField(_("country as declared"), blank=True)
    declared_sector = models.CharField(
        _("sector as declared"), max_length=20, choices=Sector.choices, blank=True
    )
    declared_birth_year = models.PositiveSmallIntegerField(
        _("year of birth as declared"), null=True, blank=True
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "user__last_name", "user__first_name"]
        verbose_name = _("application / enrolment")
        verbose_name_plural = _("applications / enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "edition"], name="one_enrolment_per_edition")
        ]
        indexes = [
            models.Index(fields=["edition", "status"], name="enrolment_edition_status"),
            models.Index(fields=["user", "status"], name="enrolment_user_status"),
        ]

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.username} · {self.edition}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    def record_declared_facts(self) -> None:
        """Keep the profile's gender, country, sector and year of birth as they are now, the
        facts reports count by. Runs one query and one update."""
        profile = StudentProfile.objects.filter(user_id=self.user_id).first()
        self.declared_gender = profile.gender if profile else ""
        self.declared_country = profile.country if profile else ""
        self.declared_sector = profile.sector if profile else ""
        self.declared_birth_year = profile.year_of_birth if profile else None
        self.save(
            update_fields=[
                "declared_gender", "declared_country", "declared_sector", "declared_birth_year",
            ]
        )  # fmt: skip

    @property
    def joined_at(self) -> dt.datetime:
        """When the student joined the edition: their admission, or the enrolment itself when
        no decision date is recorded."""
        return self.decided_at or self.created_at


# Applications that are not (or not yet) an enrolment, in an edition that is not closed.
APPLICATION_IN_PROGRESS = ~Q(status__in=Enrolment.ACTIVE_STATUSES) & ~Q(
    edition__status=Edition.Status.CLOSED
)


class EnrolmentTransition(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="transitions",
        verbose_name=_("enrolment"),
    )  # fmt: skip
    from_status = models.CharField(
        _("from"), max_length=15, choices=Enrolment.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=15, choices=Enrolment.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("by"),
    )  # fmt: skip
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["enrolment", "at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class ApplicationDocument(models.Model):
    Kind = DocumentKind

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.PROTECT, related_name="documents",
        verbose_name=_("application"),
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="applications/%Y/")
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["enrolment", "kind"]
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"


class ReviewerScore(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="reviews",
        verbose_name=_("application"),
    )  # fmt: skip
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews",
        verbose_name=_("reviewer"),
    )  # fmt: skip
    score = models.PositiveSmallIntegerField(
        _("score (1-5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("reviewer score")
        verbose_name_plural = _("reviewer scores")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "reviewer"], name="one_review_each"),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="review_score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.score}"


class LessonProgress(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.PROTECT, related_name="lesson_progress",
        verbose_name=_("enrolment"),
    )  # fmt: skip
    lesson = models.ForeignKey(
        Lesson, on_delete=models.PROTECT, related_name="progress", verbose_name=_("lesson")
    )
    completed_at = models.DateTimeField(_("completed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="one_progress_per_lesson")
        ]
        indexes = [models.Index(fields=["lesson"], name="progress_lesson")]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.lesson}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.PROTECT, related_name="attendance",
        verbose_name=_("enrolment"),
    )  # fmt: skip
    session = models.ForeignKey(
        LiveSession, on_delete=models.PROTECT, related_name="attendance",
        verbose_name=_("session"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("recorded by"),
    )  # fmt: skip
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "session"], name="one_attendance_each")
        ]
        indexes = [models.Index(fields=["session"], name="attendance_session")]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.session}: {self.get_status_display()}"


class QuizAttempt(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted, awaiting grading")
        GRADED = "graded", _("Graded")

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.PROTECT, related_name="quiz_attempts",
        verbose_name=_("enrolment"),
    )  # fmt: skip
    quiz = models.ForeignKey(
        Quiz, on_delete=models.PROTECT, related_name="attempts", verbose_name=_("quiz")
    )
    number = models.PositiveSmallIntegerField(_("attempt number"), default=1)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IN_PROGRESS
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    deadline_at = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(
        _("maximum score"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    question_order = models.JSONField(_("question order"), default=list, blank=True)

    history = HistoricalRecords(excluded_fields=["question_order"])

    class Meta:
        ordering = ["enrolment", "quiz", "number"]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "quiz", "number"], name="unique_attempt_number"
            ),
            models.UniqueConstraint(
                fields=["enrolment", "quiz"],
                condition=Q(status="in_progress"),
                name="one_open_attempt",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0), name="attempt_score_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.quiz} #{self.number}"


class AttemptAnswer(models.Model):
    attempt = models.ForeignKey(
        QuizAttempt, on_delete=models.CASCADE, related_name="answers", verbose_name=_("attempt")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )
    choices = models.ManyToManyField(
        "courses.Choice", blank=True, through="AttemptChoice", related_name="+",
        verbose_name=_("chosen"),
    )  # fmt: skip
    text = models.TextField(_("answer"), blank=True)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2, null=True, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)

    # The grade's history: the student's text can be long and never changes once submitted.
    history = HistoricalRecords(excluded_fields=["text"])

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.attempt} · {self.question_id}"


class AttemptChoice(models.Model):
    """A choice picked in an answer; the choice cannot be deleted once a student picked it."""

    answer = models.ForeignKey(AttemptAnswer, on_delete=models.CASCADE, related_name="+")
    choice = models.ForeignKey("courses.Choice", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("chosen answer")
        verbose_name_plural = _("chosen answers")
        constraints = [
            models.UniqueConstraint(fields=["answer", "choice"], name="one_pick_per_choice")
        ]

    def __str__(self) -> str:
        return f"{self.answer_id} · {self.choice_id}"


class Submission(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.PROTECT, related_name="submissions",
        verbose_name=_("enrolment"),
    )  # fmt: skip
    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="submissions",
        verbose_name=_("assignment"),
    )  # fmt: skip
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(_("file"), upload_to="submissions/%Y/%m/", blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    days_late = models.PositiveSmallIntegerField(_("days late"), default=0)
    points = models.DecimalField(
        _("points"), max_digits=6, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    feedback = models.TextField(_("feedback"), blank=True)
    returned_file = models.FileField(
        _("returned file"), upload_to="submissions/returned/%Y/%m/", blank=True
    )
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("graded by"),
    )  # fmt: skip
    graded_at = models.DateTimeField(_("graded at"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["text", "file", "returned_file"])

    class Meta:
        ordering = ["assignment", "submitted_at"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "assignment"], name="one_submission_per_assignment"
            ),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | Q(points__gte=0),
                name="submission_points_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} · {self.assignment}"


class RubricScore(models.Model):
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="rubric_scores",
        verbose_name=_("submission"),
    )  # fmt: skip
    criterion = models.ForeignKey(
        RubricCriterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    level = models.ForeignKey(
        RubricLevel, on_delete=models.PROTECT, related_name="+", verbose_name=_("level")
    )

    class Meta:
        verbose_name = _("rubric score")
        verbose_name_plural = _("rubric scores")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "criterion"], name="one_level_per_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.level}"


def new_certificate_code() -> str:
    """16 base32 characters (80 bits) from `secrets`: unguessable, easy to type from paper."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 symbols without 0/O and 1/I
    return "".join(secrets.choice(alphabet) for _ in range(16))


class CertificateQuerySet(models.QuerySet):
    def valid(self) -> "CertificateQuerySet":
        """Never revoked, or reinstated after their latest revocation."""
        return self.filter(Q(revoked_at__isnull=True) | Q(reinstated_at__gte=F("revoked_at")))


class Certificate(models.Model):
    """A diploma awarded to an enrolment.

    Its facts (`issued_at`, hours, grade, name) are stated once and never change. Revoking and
    reinstating are CertificateEvents; `revoked_at` and `reinstated_at` hold the latest of each,
    only move forward, and say together whether the certificate is valid now.
    """

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.PROTECT, related_name="certificate",
        verbose_name=_("enrolment"),
    )  # fmt: skip
    code = models.CharField(
        _("code"), max_length=16, unique=True, default=new_certificate_code, editable=False
    )
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("issued by"),
    )  # fmt: skip
    full_name = models.CharField(_("name on the certificate"), max_length=200)
    hours = models.PositiveIntegerField(_("hours"))
    final_grade = models.DecimalField(
        _("final grade"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    revoked_at = models.DateTimeField(_("last revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for the last revocation"), blank=True)
    reinstated_at = models.DateTimeField(_("last reinstated at"), null=True, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""),
                name="revocation_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(reinstated_at__isnull=True) | Q(revoked_at__isnull=False),
                name="reinstatement_follows_revocation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_code} · {self.full_name}"

    @property
    def display_code(self) -> str:
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    @property
    def is_revoked(self) -> bool:
        if self.revoked_at is None:
            return False
        return self.reinstated_at is None or self.reinstated_at < self.revoked_at

    @property
    def is_reinstated(self) -> bool:
        """Valid again after a revocation."""
        return self.reinstated_at is not None and not self.is_revoked

    @property
    def state_since(self) -> dt.datetime:
        """When the current state began: the latest revocation, reinstatement or the issue."""
        if self.is_revoked:
            return self.revoked_at
        return self.reinstated_at or self.issued_at


class CertificateEvent(models.Model):
    """A decision about a certificate: who issued, revoked or reinstated it, when and why."""

    class Kind(models.TextChoices):
        ISSUE = "issue", _("issued")
        REVOKE = "revoke", _("revoked")
        REINSTATE = "reinstate", _("reinstated")

    certificate = models.ForeignKey(
        Certificate, on_delete=models.PROTECT, related_name="events",
        verbose_name=_("certificate"),
    )  # fmt: skip
    kind = models.CharField(_("decision"), max_length=10, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("by"),
    )  # fmt: skip
    at = models.DateTimeField(_("at"))
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("certificate decision")
        verbose_name_plural = _("certificate decisions")
        indexes = [models.Index(fields=["certificate", "at"], name="certificate_event_at")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="issue") | ~Q(reason=""),
                name="certificate_event_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.certificate.display_code} · {self.get_kind_display()} · {self.at:%Y-%m-%d}"


class CalendarFeed(models.Model):
    """A person's secret calendar address; renewing it changes the token, and the old address
    stops working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed",
        verbose_name=_("user"),
    )  # fmt: skip
    token = models.CharField(_("token"), max_length=64, unique=True, default=_new_token)
    renewed_at = models.DateTimeField(_("renewed at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)

    def renew(self) -> None:
        self.token = _new_token()
        self.save(update_fields=["token", "renewed_at"])


class ReminderSent(models.Model):
    """One reminder e-mail of one kind about one thing to one person: the unique row is what
    makes a reminder go out once, however often or wherever the job runs."""

    class Kind(models.TextChoices):
        SESSION = "session", _("live session")
        QUIZ = "quiz", _("quiz closing")
        ASSIGNMENT = "assignment", _("assignment due")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders_sent",
        verbose_name=_("user"),
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    due_at = models.DateTimeField(_("due at"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "object_id", "due_at"], name="one_reminder_per_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} → {self.user_id}"


class GroupMessage(models.Model):
    """A message from an instructor or coordinator to a filtered group of an edition's students,
    shown on the platform to its recipients only."""

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="group_messages",
        verbose_name=_("edition"),
    )  # fmt: skip
    module = models.ForeignKey(
        "courses.Module", on_delete=models.PROTECT, null=True, blank=True,
        related_name="group_messages", verbose_name=_("module"),
    )  # fmt: skip
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="group_messages_sent",
        verbose_name=_("author"),
    )  # fmt: skip
    group = models.CharField(_("group"), max_length=200)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="group_messages", verbose_name=_("recipients")
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("message to a group")
        verbose_name_plural = _("messages to groups")

    def __str__(self) -> str:
        return self.subject


class DataExport(models.Model):
    """A copy of everything held about a person, prepared in the background; its link expires."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports",
        verbose_name=_("user"),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREPARING
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=_new_token)
    file = models.FileField(_("file"), upload_to="exports/", blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    ready_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")

    def __str__(self) -> str:
        return f"{self.user} {self.requested_at:%Y-%m-%d}"


class ErasureRequest(models.Model):
    """A person's request to erase their account. The user row stays, emptied, so that the
    grades and certificates the institution must keep still count in every aggregate."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ERASED = "erased", _("Erased")
        DECLINED = "declined", _("Declined")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="erasure_requests",
        verbose_name=_("user"),
    )  # fmt: skip
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("decided by"),
    )  # fmt: skip
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(status="pending"), name="one_pending_erasure"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.get_status_display()}"


class SurveyStatement(models.Model):
    """One item of a programme's evaluation survey, in both languages: a statement rated from
    1 (strongly disagree) to 5 (strongly agree), or the open question answered in words."""

    class Scope(models.TextChoices):
        MODULE = "module", _("End of each module")
        EDITION = "edition", _("End of the edition")

    class Kind(models.TextChoices):
        SCALE = "scale", _("Rated from 1 to 5")
        TEXT = "text", _("Answered in words")

    programme = models.ForeignKey(
        "diploma.Programme", on_delete=models.PROTECT, related_name="survey_statements",
        verbose_name=_("programme"),
    )  # fmt: skip
    scope = models.CharField(_("asked at"), max_length=10, choices=Scope.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SCALE)
    text_en = models.CharField(_("text in English"), max_length=300)
    text_es = models.CharField(_("text in Spanish"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("asked"), default=True, help_text=_("Answers already given are kept when unticked.")
    )

    class Meta:
        ordering = ["programme", "scope", "order", "id"]
        verbose_name = _("survey statement")
        verbose_name_plural = _("survey statements")

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The statement in the active language, or in the other one when empty."""
        if (get_language() or "es").startswith("en"):
            return self.text_en or self.text_es
        return self.text_es or self.text_en


class SurveyResponse(models.Model):
    """A student's one answer to the survey at the end of a module, or of the edition when
    `module` is empty. Kept apart from the student's name on every report."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.PROTECT, related_name="survey_responses",
        verbose_name=_("enrolment"),
    )  # fmt: skip
    module = models.ForeignKey(
        "courses.Module", on_delete=models.PROTECT, null=True, blank=True,
        related_name="survey_responses", verbose_name=_("module"),
    )  # fmt: skip
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "module"], name="one_survey_response_per_module"
            ),
            models.UniqueConstraint(
                fields=["enrolment"], condition=Q(module__isnull=True),
                name="one_survey_response_per_edition",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.module_id or '-'}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(
        SurveyResponse, on_delete=models.CASCADE, related_name="answers",
        verbose_name=_("response"),
    )  # fmt: skip
    statement = models.ForeignKey(
        SurveyStatement, on_delete=models.PROTECT, related_name="answers",
        verbose_name=_("statement"),
    )  # fmt: skip
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    text = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "statement"], name="one_survey_answer_per_statement"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=1) & Q(score__lte=5)),
                name="survey_score_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.score or self.text[:20]}"


class ReportRecord(models.Model):
    """What students/completion.py says of one application, as the reports count it: the
    groups declared when applying, the steps reached and the figures, never who. Reports add
    these rows up in the database (students/reports/figures.py); students/reports/records.py
    writes them again for a whole edition at a time."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, primary_key=True, related_name="report_record"
    )
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="+")
    gender = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, blank=True)
    sector = models.CharField(max_length=20, blank=True)
    age = models.CharField(max_length=10, blank=True)
    submitted = models.BooleanField(default=True)
    admitted = models.BooleanField(default=False)
    enrolled = models.BooleanField(default=False)
    active = models.BooleanField(default=False)
    completed = models.BooleanField(default=False)
    certified = models.BooleanField(default=False)
    dropped = models.BooleanField(default=False)
    minutes = models.PositiveIntegerField(default=0)
    """Of lessons done and sessions attended, as the completion's hours."""
    attendance = models.PositiveSmallIntegerField(null=True)
    """A whole percentage, for the enrolled who were expected at a session."""
    grade = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    """The verdict's grade once the edition ended; the released grade before."""
    computed_at = models.DateTimeField()
    valid_until = models.DateTimeField(null=True)
    """When the figures may change by themselves (a deadline, the edition's end)."""

    class Meta:
        verbose_name = _("report record")
        verbose_name_plural = _("report records")
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.edition_id} · {self.enrolment_id}"


class ModuleReportRecord(models.Model):
    """One enrolled person's figures in one module, as the reports count them."""

    record = models.ForeignKey(ReportRecord, on_delete=models.CASCADE, related_name="modules")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="+")
    finished = models.BooleanField(default=False)
    """Every published lesson done."""
    graded = models.BooleanField(default=False)
    passed = models.BooleanField(default=False)
    pre_test = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    """The best graded pre-test score, as a percentage; the same for the post-test."""
    post_test = models.DecimalField(max_digits=5, decimal_places=2, null=True)

    class Meta:
        verbose_name = _("module report record")
        verbose_name_plural = _("module report records")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["record", "module"], name="one_record_per_module")
        ]

    def __str__(self) -> str:
        return f"{self.record_id} · {self.module_id}"
