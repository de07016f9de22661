"""Admissions in the coordinator's office: review, score, decide, export.

Reviewers of an edition (Edition.reviewers) and its coordinators read and score its
applications; only coordinators (and staff) decide, offer freed seats and export.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Q, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from diploma.access import (
    coordinates_edition,
    get_edition_for_coordinator,
    get_edition_for_reviewer,
    reviewable_editions,
)
from diploma.models import Edition
from students import admissions, applications, exports
from students.admissions import AdmissionError
from students.application_forms import (
    ApplicationFilterForm,
    BulkDecisionForm,
    DecisionForm,
    ReviewForm,
)
from students.downloads import private_download
from students.models import ApplicationDocument, Enrolment, ReviewerScore

Status = Enrolment.Status
PAGE_SIZE = 100
# Decisions that cannot be undone, so one application at a time asks before taking them;
# decisions in bulk always ask.
CONFIRM_FIRST = frozenset({Status.ADMITTED, Status.REJECTED})


def _applications(edition: Edition) -> QuerySet[Enrolment]:
    """Sent applications of the edition with their reviews' average; drafts stay private."""
    return (
        Enrolment.objects.filter(edition=edition)
        .exclude(status=Status.DRAFT)
        .select_related("user__profile")
        .annotate(average_score=Avg("reviews__score"), review_count=Count("reviews"))
    )


def _get_application(edition: Edition, pk: int) -> Enrolment:
    return get_object_or_404(_applications(edition), pk=pk)


def _filters(request: HttpRequest, edition: Edition) -> ApplicationFilterForm:
    codes = (
        Enrolment.objects.filter(edition=edition)
        .exclude(status=Status.DRAFT)
        .values_list("user__profile__country", flat=True)
        .distinct()
        .order_by()
    )
    return ApplicationFilterForm(request.GET, country_codes=list(codes))


def _list_url(edition: Edition, query: str = "") -> str:
    """The review screen with the filters the person had, taken from a hidden field."""
    url = reverse("office:applications", args=[edition.slug])
    clean = QueryDict(query).urlencode()
    return f"{url}?{clean}" if clean else url


def _counters(edition: Edition) -> dict:
    """Seats, quotas and applications per status: five queries at most."""
    counts = Enrolment.objects.filter(edition=edition).aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in Status.values}
    )
    return {
        "counts": [
            (label, counts[value], value)
            for value, label in Status.choices
            if value != Status.DRAFT
        ],
        "waitlisted": counts[Status.WAITLISTED],
        "seats_left": admissions.seats_left(edition),
        "quota_usage": admissions.quota_usage(edition),
    }


@login_required
@require_GET
def admissions_home(request: HttpRequest) -> HttpResponse:
    editions = reviewable_editions(request.user)
    if not editions.exists():
        raise PermissionDenied
    editions = (
        editions.select_related("programme")
        .annotate(
            to_review=Count("enrolments", filter=Q(enrolments__status=Status.SUBMITTED)),
            waitlisted=Count("enrolments", filter=Q(enrolments__status=Status.WAITLISTED)),
            seats_taken=Count(
                "enrolments", filter=Q(enrolments__status__in=Enrolment.SEAT_STATUSES)
            ),
        )
        .order_by("-starts_on", "pk")
    )
    return render(request, "office/admissions/home.html", {"editions": editions})


@login_required
@require_GET
def application_list(request: HttpRequest, edition: str) -> HttpResponse:
    edition = get_edition_for_reviewer(request, edition)
    filters = _filters(request, edition)
    page = Paginator(filters.filter(_applications(edition)), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    query = query.urlencode()
    context = {
        "edition": edition,
        "page": page,
        "filters": filters,
        "query": query,
        "page_link": f"?{query}&page=" if query else "?page=",
        "is_coordinator": coordinates_edition(request.user, edition),
        "decisions": BulkDecisionForm.base_fields["decision"].choices,
        "documents_asked": [kind.label for kind in applications.document_kinds(edition)],
        **_counters(edition),
    }
    return render(request, "office/admissions/list.html", context)


@login_required
@require_POST
def application_bulk(request: HttpRequest, edition: str) -> HttpResponse:
    edition = get_edition_for_coordinator(request, edition)
    form = BulkDecisionForm(request.POST, edition=edition)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(_list_url(edition, request.POST.get("query", "")))
    decision = form.cleaned_data["decision"]
    chosen = form.cleaned_data["applications"].order_by("submitted_at", "pk")
    if not form.cleaned_data["confirm"]:
        return _confirmation(
            request,
            edition,
            form,
            list(chosen),
            action=reverse("office:applications-bulk", args=[edition.slug]),
            cancel=_list_url(edition, request.POST.get("query", "")),
        )
    done, refused = admissions.decide_many(
        enrolments=chosen,
        decision=decision,
        by=request.user,
        note=form.cleaned_data["note"],
    )
    if done:
        messages.success(
            request,
            ngettext(
                "%(count)d application is now %(status)s.",
                "%(count)d applications are now %(status)s.",
                len(done),
            )
            % {"count": len(done), "status": Status(decision).label.lower()},
        )
    for enrolment, reason in refused:
        messages.error(request, f"{_name(enrolment)}: {reason}")
    return redirect(_list_url(edition, request.POST.get("query", "")))


def _name(enrolment: Enrolment) -> str:
    return enrolment.user.get_full_name() or enrolment.user.get_username()


def _about_to(decision: str, count: int) -> str:
    if decision == Status.ADMITTED:
        text = ngettext(
            "You are about to admit %(count)d applicant:",
            "You are about to admit %(count)d applicants:",
            count,
        )
    elif decision == Status.REJECTED:
        text = ngettext(
            "You are about to reject %(count)d applicant:",
            "You are about to reject %(count)d applicants:",
            count,
        )
    else:
        text = ngettext(
            "You are about to put %(count)d applicant on the waiting list:",
            "You are about to put %(count)d applicants on the waiting list:",
            count,
        )
    return text % {"count": count}


def _confirmation(
    request: HttpRequest,
    edition: Edition,
    form: DecisionForm,
    applications: list[Enrolment],
    *,
    action: str,
    cancel: str,
) -> HttpResponse:
    """The page that asks before a decision: nothing is decided until it is confirmed."""
    decision = form.cleaned_data["decision"]
    context = {
        "edition": edition,
        "applications": applications,
        "decision": decision,
        "decision_label": dict(DecisionForm.base_fields["decision"].choices)[decision],
        "about_to": _about_to(decision, len(applications)),
        "final": decision in CONFIRM_FIRST,
        "note": form.cleaned_data["note"],
        "query": request.POST.get("query", ""),
        "bulk": isinstance(form, BulkDecisionForm),
        "action": action,
        "cancel": cancel,
    }
    return render(request, "office/admissions/confirm.html", context)


@login_required
@require_GET
def application_export(request: HttpRequest, edition: str) -> HttpResponse:
    edition = get_edition_for_coordinator(request, edition)
    applications = _filters(request, edition).filter(_applications(edition))
    table = exports.table(applications)
    filename = f"applications-{edition.slug}-{timezone.localdate():%Y-%m-%d}"
    if request.GET.get("format") == "xlsx":
        return exports.xlsx_response(table, filename, _("Applications"))
    return exports.csv_response(table, filename)


@login_required
@require_POST
def offer_seat(request: HttpRequest, edition: str) -> HttpResponse:
    edition = get_edition_for_coordinator(request, edition)
    try:
        promoted = admissions.offer_freed_seat(edition=edition, by=request.user)
    except AdmissionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s is admitted from the waiting list and will be told by e-mail.")
            % {"name": _name(promoted)},
        )
    return redirect(_list_url(edition, request.POST.get("query", "")))


def _render_detail(
    request: HttpRequest,
    edition: Edition,
    application: Enrolment,
    review_form: ReviewForm | None = None,
    decision_form: DecisionForm | None = None,
) -> HttpResponse:
    reviews = list(application.reviews.select_related("reviewer").order_by("updated_at", "pk"))
    own = next((review for review in reviews if review.reviewer_id == request.user.pk), None)
    allowed = admissions.ALLOWED_TRANSITIONS.get(application.status, frozenset())
    profile = getattr(application.user, "profile", None)
    context = {
        "edition": edition,
        "application": application,
        "profile": profile,
        "documents": application.documents.order_by("kind"),
        "reviews": reviews,
        "review_form": review_form or ReviewForm(instance=own),
        "decision_form": decision_form or DecisionForm(),
        "decisions": [
            (value, label)
            for value, label in DecisionForm.base_fields["decision"].choices
            if value in allowed
        ],
        "is_coordinator": coordinates_edition(request.user, edition),
        "transitions": application.transitions.select_related("by").order_by("at", "id"),
        "full_quotas": admissions.full_quotas_for(edition, profile),
        "seats_left": admissions.seats_left(edition),
    }
    return render(request, "office/admissions/detail.html", context)


@login_required
@require_GET
def application_detail(request: HttpRequest, edition: str, pk: int) -> HttpResponse:
    edition = get_edition_for_reviewer(request, edition)
    return _render_detail(request, edition, _get_application(edition, pk))


@login_required
@require_POST
def application_review(request: HttpRequest, edition: str, pk: int) -> HttpResponse:
    edition = get_edition_for_reviewer(request, edition)
    application = _get_application(edition, pk)
    own = ReviewerScore.objects.filter(enrolment=application, reviewer=request.user).first()
    form = ReviewForm(request.POST, instance=own)
    if not form.is_valid():
        messages.error(request, _("Your review is not saved: choose a score from 1 to 5."))
        return _render_detail(request, edition, application, review_form=form)
    applications.save_review(
        enrolment=application,
        reviewer=request.user,
        score=form.cleaned_data["score"],
        comment=form.cleaned_data["comment"],
    )
    messages.success(request, _("Your review is saved."))
    return redirect("office:application-detail", edition.slug, application.pk)


@login_required
@require_POST
def application_decide(request: HttpRequest, edition: str, pk: int) -> HttpResponse:
    edition = get_edition_for_coordinator(request, edition)
    application = _get_application(edition, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision: admit, waitlist or reject."))
        return _render_detail(request, edition, application, decision_form=form)
    decision = form.cleaned_data["decision"]
    allowed = admissions.ALLOWED_TRANSITIONS.get(application.status, frozenset())
    if decision in CONFIRM_FIRST and decision in allowed and not form.cleaned_data["confirm"]:
        detail = reverse("office:application-detail", args=[edition.slug, application.pk])
        action = reverse("office:application-decide", args=[edition.slug, application.pk])
        return _confirmation(request, edition, form, [application], action=action, cancel=detail)
    try:
        admissions.decide(
            enrolment=application,
            decision=decision,
            by=request.user,
            note=form.cleaned_data["note"],
        )
    except AdmissionError as error:
        messages.error(request, error.message)
        return _render_detail(request, edition, application, decision_form=form)
    messages.success(
        request,
        _("%(name)s is now %(status)s. We have told them by e-mail.")
        % {"name": _name(application), "status": application.get_status_display().lower()},
    )
    return redirect("office:application-detail", edition.slug, application.pk)


@login_required
@require_GET
def document(request: HttpRequest, edition: str, pk: int, document: int) -> FileResponse:
    edition = get_edition_for_reviewer(request, edition)
    document = get_object_or_404(
        ApplicationDocument.objects.exclude(enrolment__status=Status.DRAFT),
        pk=document,
        enrolment_id=pk,
        enrolment__edition=edition,
    )
    return private_download(document.file, document.original_name)
