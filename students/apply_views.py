"""The applicant's side of admissions, at /apply/: apply, follow, withdraw."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from diploma.models import Edition
from students import admissions, applications
from students.admissions import AdmissionError, AlreadyApplied
from students.application_forms import ApplicationForm, WithdrawForm
from students.downloads import private_download
from students.forms import ProfileForm
from students.models import ApplicationDocument, Enrolment, StudentProfile

Status = Enrolment.Status


def _get_edition(slug: str) -> Edition:
    return get_object_or_404(Edition.objects.public().select_related("programme"), slug=slug)


def _get_own_application(request: HttpRequest, slug: str) -> Enrolment:
    return get_object_or_404(
        Enrolment.objects.select_related("edition__programme"),
        user=request.user,
        edition__slug=slug,
    )


def can_withdraw(enrolment: Enrolment) -> bool:
    return Status.WITHDRAWN in admissions.ALLOWED_TRANSITIONS.get(enrolment.status, ())


@login_required
@require_GET
def application_list(request: HttpRequest) -> HttpResponse:
    applications = (
        Enrolment.objects.filter(user=request.user)
        .select_related("edition__programme")
        .order_by("-created_at")
    )
    return render(request, "students/apply/list.html", {"applications": applications})


@login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, edition: str) -> HttpResponse:
    """Start or continue the application: profile if incomplete, statement and documents."""
    edition = _get_edition(edition)
    enrolment = Enrolment.objects.filter(user=request.user, edition=edition).first()
    if enrolment and enrolment.status != Status.DRAFT and request.method == "GET":
        messages.info(request, AlreadyApplied(enrolment).message)
        return redirect("apply:status", edition.slug)
    profile = StudentProfile.objects.filter(user=request.user).first()
    profile = profile or StudentProfile(user=request.user)
    data = request.POST if request.method == "POST" else None
    form = ApplicationForm(
        data,
        request.FILES or None,
        edition=edition,
        uploaded=_documents_by_kind(enrolment),
        initial={"statement": enrolment.statement if enrolment else ""},
    )
    profile_form = None
    if profile.missing_for_application() or (data and "profile-country" in data):
        profile_form = ProfileForm(
            data,
            instance=profile,
            prefix="profile",
            initial=_language_initial(profile),
            with_preferences=False,
        )
    refusal = admissions.window_refusal(edition)
    already = enrolment if enrolment and enrolment.status != Status.DRAFT else None
    if data is not None and not refusal and not already and form.is_valid():
        return _save(request, edition, form, profile_form)
    context = {
        "edition": edition,
        "enrolment": enrolment,
        "form": form,
        "profile_form": profile_form,
        "refusal": refusal,
        "already": already,
        "show_form": data is not None or not refusal,
        "seats_left": admissions.seats_left(edition),
        "full_quotas": admissions.full_quotas_for(edition, profile if profile.pk else None),
    }
    return render(request, "students/apply/form.html", context)


def _language_initial(profile: StudentProfile) -> dict[str, str]:
    """A new profile speaks the language the person is reading the site in."""
    language = (translation.get_language() or "")[:2]
    if profile.pk or language not in dict(settings.LANGUAGES):
        return {}
    return {"preferred_language": language}


def _documents_by_kind(enrolment: Enrolment | None) -> dict[str, ApplicationDocument]:
    if enrolment is None:
        return {}
    return {document.kind: document for document in enrolment.documents.all()}


def _save(
    request: HttpRequest, edition: Edition, form: ApplicationForm, profile_form: ProfileForm | None
) -> HttpResponse:
    """Save the draft; then, if asked and the profile is complete, submit it."""
    profile_ok = profile_form is None or profile_form.is_valid()
    try:
        enrolment = applications.save_application(
            user=request.user,
            edition=edition,
            statement=form.cleaned_data["statement"],
            documents=form.documents(),
            profile=profile_form.save(commit=False) if profile_form and profile_ok else None,
        )
    except AdmissionError as error:
        messages.error(request, error.message)
        return redirect("apply:start", edition.slug)
    if not profile_ok:
        messages.warning(
            request,
            _("Your draft is saved. Complete your profile below before you submit it."),
        )
        form = ApplicationForm(
            {"statement": enrolment.statement},
            edition=edition,
            uploaded=_documents_by_kind(enrolment),
        )
        context = {
            "edition": edition,
            "enrolment": enrolment,
            "form": form,
            "profile_form": profile_form,
            "show_form": True,
            "seats_left": admissions.seats_left(edition),
        }
        return render(request, "students/apply/form.html", context)
    if request.POST.get("action") != "submit":
        messages.success(request, _("Your draft is saved. You can come back and finish it later."))
        return redirect("apply:start", edition.slug)
    try:
        applications.submit_application(enrolment=enrolment, by=request.user)
    except AdmissionError as error:
        messages.error(request, _("Your draft is saved, but not submitted.") + " " + error.message)
        return redirect("apply:start", edition.slug)
    messages.success(
        request,
        _("Your application is submitted. We have sent you a confirmation by e-mail."),
    )
    return redirect("apply:status", edition.slug)


@login_required
@require_GET
def status(request: HttpRequest, edition: str) -> HttpResponse:
    enrolment = _get_own_application(request, edition)
    context = {
        "enrolment": enrolment,
        "edition": enrolment.edition,
        "transitions": enrolment.transitions.select_related("by").order_by("at", "id"),
        "documents": enrolment.documents.order_by("kind"),
        "can_withdraw": can_withdraw(enrolment),
        "is_open": enrolment.edition.is_open_for_applications(),
    }
    return render(request, "students/apply/status.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, edition: str) -> HttpResponse:
    enrolment = _get_own_application(request, edition)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if not can_withdraw(enrolment):
        messages.error(
            request,
            _("An application that is %(status)s cannot be withdrawn.")
            % {"status": enrolment.get_status_display().lower()},
        )
        return redirect("apply:status", enrolment.edition.slug)
    if request.method == "POST" and form.is_valid():
        try:
            admissions.withdraw(
                enrolment=enrolment, by=request.user, note=form.cleaned_data["note"]
            )
        except AdmissionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your application is withdrawn."))
        return redirect("apply:status", enrolment.edition.slug)
    context = {"enrolment": enrolment, "edition": enrolment.edition, "form": form}
    return render(request, "students/apply/withdraw.html", context)


@login_required
@require_GET
def document(request: HttpRequest, edition: str, document: int) -> FileResponse:
    document = get_object_or_404(
        ApplicationDocument,
        pk=document,
        enrolment__user=request.user,
        enrolment__edition__slug=edition,
    )
    return private_download(document.file, document.original_name)
