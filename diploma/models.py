"""The programme domain: institutions, programmes and their partners, editions (cohorts)."""

import datetime as dt
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords


def default_time_zone() -> str:
    return settings.TIME_ZONE


def validate_time_zone(name: str) -> None:
    if name not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(name)s” is not a time zone, such as America/Lima."), params={"name": name}
        )


class Sector(models.TextChoices):
    """Where an applicant works, as declared: quotas of an edition and reports count by it."""

    PUBLIC_OFFICIAL = "public", _("Public official")
    DIPLOMATIC = "diplomatic", _("Diplomatic service")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    EMPLOYERS = "employers", _("Employers' organisation")
    WORKERS = "workers", _("Workers' organisation")
    ACADEMIA = "academia", _("Academia")
    INTERNATIONAL = "international", _("International organisation")
    OTHER = "other", _("Other")


class DocumentKind(models.TextChoices):
    """The kinds of document an edition may ask of applicants (Edition.required_documents)."""

    CV = "cv", _("Curriculum vitae")
    SUPPORT_LETTER = "support_letter", _("Letter of support from the employer")
    DEGREE = "degree", _("Degree certificate")
    OTHER = "other", _("Other document")


DOCUMENT_KINDS = DocumentKind.choices


class Institution(models.Model):
    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University")
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental organisation")
        GOVERNMENT = "government", _("Government")
        NGO = "ngo", _("NGO")
        TRADE_UNION = "trade_union", _("Trade union")
        EMPLOYERS = "employers", _("Employers' organisation")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    country = CountryField(_("country"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def short_name(self) -> str:
        return self.acronym or self.name


class ProgrammeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def supported_by(self, institution):
        return self.filter(partnerships__institution=institution).distinct()


class Programme(models.Model):
    class GradingScale(models.TextChoices):
        VIGESIMAL = "0-20", _("0 to 20 (vigesimal)")
        PERCENT = "0-100", _("0 to 100")

    class Language(models.TextChoices):
        SPANISH = "es", _("Spanish")
        ENGLISH = "en", _("English")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"), help_text=_("Markdown."))
    host = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="hosted_programmes",
        verbose_name=_("host institution"),
    )  # fmt: skip
    language = models.CharField(
        _("language of instruction"), max_length=2, choices=Language.choices,
        default=Language.SPANISH,
    )  # fmt: skip
    required_hours = models.PositiveIntegerField(_("required hours"))
    grading_scale = models.CharField(
        _("grading scale"), max_length=6, choices=GradingScale.choices,
        default=GradingScale.VIGESIMAL,
    )  # fmt: skip
    pass_grade = models.DecimalField(
        _("minimum final grade"), max_digits=5, decimal_places=2, default=Decimal("11"),
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    min_attendance = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"), default=80, validators=[MaxValueValidator(100)]
    )
    require_all_required_modules = models.BooleanField(
        _("all required modules must be passed"), default=True
    )
    show_grade_on_certificate = models.BooleanField(_("final grade on certificate"), default=True)
    signatories = models.TextField(
        _("signatories"), blank=True,
        help_text=_("One per line: name, then position after a comma."),
    )  # fmt: skip
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="coordinated_programmes",
        verbose_name=_("coordinators"),
    )  # fmt: skip
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProgrammeQuerySet.as_manager()
    # Who changed the pass rules and the scale; the other fields do not change grades.
    history = HistoricalRecords(
        excluded_fields=[
            "slug", "summary", "description", "host", "language", "show_grade_on_certificate",
            "signatories", "is_published", "created_at", "updated_at",
        ]
    )  # fmt: skip

    class Meta:
        ordering = ["title"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_attendance__lte=100), name="programme_attendance_is_a_share"
            ),
            models.CheckConstraint(
                condition=(Q(grading_scale="0-20") & Q(pass_grade__lte=20))
                | (Q(grading_scale="0-100") & Q(pass_grade__lte=100)),
                name="programme_pass_grade_within_scale",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme-detail", kwargs={"slug": self.slug})

    @property
    def max_grade(self) -> int:
        return 20 if self.grading_scale == self.GradingScale.VIGESIMAL else 100

    def signatory_lines(self) -> list[tuple[str, str]]:
        lines = []
        for line in self.signatories.splitlines():
            name, _sep, position = line.partition(",")
            if name.strip():
                lines.append((name.strip(), position.strip()))
        return lines


class ProgrammePartner(models.Model):
    class Role(models.TextChoices):
        HOST = "host", _("Host")
        ACADEMIC = "academic", _("Academic partner")
        SUPPORTER = "supporter", _("Supporter")
        FUNDER = "funder", _("Funder")
        TECHNICAL = "technical", _("Technical assistance")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="partnerships",
        verbose_name=_("programme"),
    )  # fmt: skip
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="partnerships",
        verbose_name=_("institution"),
    )  # fmt: skip
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["programme", "order", "id"]
        verbose_name = _("programme partner")
        verbose_name_plural = _("programme partners")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "institution", "role"], name="unique_partner_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution.short_name} · {self.get_role_display()}"


class PartnerStaff(models.Model):
    """A user who works for a partner institution and reads its aggregate reports."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_staff",
        verbose_name=_("user"),
    )  # fmt: skip
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="staff", verbose_name=_("institution")
    )

    class Meta:
        verbose_name = _("partner staff member")
        verbose_name_plural = _("partner staff")

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.username} ({self.institution.short_name})"


# Addresses under /learn/ and /calendar/ that an edition's slug would hide.
RESERVED_EDITION_SLUGS = frozenset({"surveys", "messages", "feed"})


def validate_edition_slug(slug: str) -> None:
    if slug in RESERVED_EDITION_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is the address of another page; choose another slug."),
            params={"slug": slug},
        )


class EditionQuerySet(models.QuerySet):
    def public(self):
        return self.exclude(status=Edition.Status.DRAFT).filter(programme__is_published=True)

    def open_for_applications(self, now=None):
        now = now or timezone.now()
        return self.filter(
            status=Edition.Status.OPEN,
            applications_open_at__lte=now,
            applications_close_at__gt=now,
        )

    def coordinated_by(self, user):
        return self.filter(Q(coordinators=user) | Q(programme__coordinators=user)).distinct()


class Edition(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for applications")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    class DeliveryMode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class WaitlistPromotion(models.TextChoices):
        AUTOMATIC = "automatic", _("Offer the seat automatically")
        MANUAL = "manual", _("A coordinator offers the seat")

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="editions", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=60, help_text=_('For example "2027-I".'))
    slug = models.SlugField(
        _("slug"), max_length=60, unique=True, validators=[validate_edition_slug]
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    applications_open_at = models.DateTimeField(_("applications open at"), null=True, blank=True)
    applications_close_at = models.DateTimeField(_("applications close at"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), default=30)
    delivery_mode = models.CharField(
        _("delivery mode"), max_length=10, choices=DeliveryMode.choices,
        default=DeliveryMode.HYBRID,
    )  # fmt: skip
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("Deadlines given as a day end at midnight here; its pages show times here."),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    waitlist_promotion = models.CharField(
        _("waitlist promotion"), max_length=10, choices=WaitlistPromotion.choices,
        default=WaitlistPromotion.AUTOMATIC,
    )  # fmt: skip
    required_documents = models.CharField(
        _("documents asked of applicants"), max_length=200, blank=True, default="cv",
        help_text=_("Comma-separated kinds: cv, support_letter, degree, other."),
    )  # fmt: skip
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="coordinated_editions",
        verbose_name=_("coordinators"),
    )  # fmt: skip
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="reviewed_editions",
        verbose_name=_("reviewers"),
    )  # fmt: skip
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies",
        verbose_name=_("copied from"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "-starts_on"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="edition_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(applications_open_at__isnull=True)
                | Q(applications_close_at__isnull=True)
                | Q(applications_close_at__gt=models.F("applications_open_at")),
                name="edition_application_window_ordered",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_on"], name="edition_status_start")]

    def __str__(self) -> str:
        return f"{self.programme} · {self.name}"

    def get_absolute_url(self) -> str:
        return f"{self.programme.get_absolute_url()}#edition-{self.slug}"

    def is_open_for_applications(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == self.Status.OPEN
            and self.applications_open_at is not None
            and self.applications_close_at is not None
            and self.applications_open_at <= now < self.applications_close_at
        )

    def has_ended(self, now: dt.datetime | None = None) -> bool:
        """After its last day (in the site's time zone), or once closed: from then on, work
        not handed in counts as zero and students meet the requirements or do not."""
        now = now or timezone.now()
        return self.status == self.Status.CLOSED or timezone.localdate(now) > self.ends_on

    def required_document_kinds(self) -> list[str]:
        return [kind.strip() for kind in self.required_documents.split(",") if kind.strip()]


class EditionQuota(models.Model):
    """At most `seats` admitted applicants sharing a country or a sector."""

    class Dimension(models.TextChoices):
        COUNTRY = "country", _("Country")
        SECTOR = "sector", _("Sector")

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="quotas", verbose_name=_("edition")
    )
    dimension = models.CharField(_("dimension"), max_length=10, choices=Dimension.choices)
    value = models.CharField(
        _("value"), max_length=40, help_text=_("A country code (PE) or a sector key.")
    )
    seats = models.PositiveIntegerField(_("maximum admitted"))

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "dimension", "value"], name="unique_edition_quota"
            )
        ]

    def __str__(self) -> str:
        return _("%(dimension)s quota: %(value)s, at most %(seats)d admitted") % {
            "dimension": self.get_dimension_display(),
            "value": self.value_label,
            "seats": self.seats,
        }

    @property
    def value_label(self) -> str:
        """The country's name or the sector's label, as people read them; the code if unknown."""
        if self.dimension == self.Dimension.COUNTRY:
            return countries.name(self.value.upper()) or self.value
        return str(dict(Sector.choices).get(self.value, self.value))


class ScheduledRun(models.Model):
    """That a scheduled job was started for one period: the unique pair lets only one worker
    start it, however many are running."""

    job = models.CharField(_("job"), max_length=200)
    period_start = models.DateTimeField(_("period start"))
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        ordering = ["-period_start", "job"]
        constraints = [
            models.UniqueConstraint(fields=["job", "period_start"], name="one_run_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.job} @ {self.period_start:%Y-%m-%d %H:%M}"
