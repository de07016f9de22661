"""People's rights over their data: the privacy page, a copy of one's data, asking for erasure,
and the office's decisions on erasure requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from diploma.access import require_coordinator
from students import data_rights
from students.data_rights import copies
from students.data_rights import erasure as erasing
from students.downloads import private_download
from students.models import DataExport, Enrolment, ErasureRequest
from students.privacy_forms import ErasureDecisionForm, ErasureRequestForm

REQUESTS_PAGE_SIZE = 50


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    context = {
        "retention_years": data_rights.records_retention_years(),
        "export_days": data_rights.EXPORT_DAYS,
    }
    return render(request, "students/privacy/privacy.html", context)


@login_required
@require_POST
def export_request(request: HttpRequest) -> HttpResponse:
    _export, created = copies.request_export(user=request.user)
    if created:
        messages.success(
            request,
            _("We are preparing a copy of your data. We will e-mail you a link when it is ready."),
        )
    else:
        messages.info(request, _("A copy of your data is already being prepared."))
    return redirect(reverse("accounts:profile") + "#your-data")


@login_required
@require_GET
def export_download(request: HttpRequest, token: str) -> HttpResponse:
    """The person's own copy, while its link lasts; nobody else's, whatever the token."""
    export = DataExport.objects.filter(token=token, user=request.user).first()
    if export is None:
        raise Http404(_("There is no such copy of your data."))
    if not copies.can_download(export):
        return render(request, "students/privacy/export_gone.html", {"export": export}, status=410)
    name = f"my-data-{timezone.localdate(export.ready_at):%Y-%m-%d}.zip"
    return private_download(export.file, name)


@login_required
@require_http_methods(["GET", "POST"])
def erasure_request(request: HttpRequest) -> HttpResponse:
    pending = erasing.pending_request_of(request.user)
    form = ErasureRequestForm(request.POST or None)
    if request.method == "POST" and pending is None and form.is_valid():
        erasing.request_erasure(user=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            _("Your request has been received. You will hear from us by e-mail."),
        )
        return redirect("accounts:erasure-request")
    context = {
        "form": form,
        "pending": pending,
        "last_decided": ErasureRequest.objects.filter(user=request.user)
        .exclude(status=ErasureRequest.Status.PENDING)
        .first(),
        "retention_years": data_rights.records_retention_years(),
    }
    return render(request, "students/privacy/erasure_request.html", context)


# The office --------------------------------------------------------------------------------


def _requests_for(request: HttpRequest):
    """The erasure requests the user may decide, with the editions each person applied to."""
    require_coordinator(request)
    return (
        erasing.decidable_requests(request.user)
        .select_related("user", "decided_by")
        .prefetch_related(
            Prefetch(
                "user__enrolments",
                queryset=Enrolment.objects.select_related("edition__programme").order_by(
                    "created_at"
                ),
            )
        )
    )


@login_required
@require_GET
def office_requests(request: HttpRequest) -> HttpResponse:
    pending_first = Case(
        When(status=ErasureRequest.Status.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    requests = _requests_for(request).order_by(pending_first, "-requested_at", "-pk")
    page = Paginator(requests, REQUESTS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "office/erasure/list.html", {"page": page, "requests": page})


def _detail(request: HttpRequest, erasure: ErasureRequest, form: ErasureDecisionForm):
    context = {
        "erasure": erasure,
        "form": form,
        "retention_years": data_rights.records_retention_years(),
    }
    return render(request, "office/erasure/detail.html", context)


@login_required
@require_GET
def office_request(request: HttpRequest, pk: int) -> HttpResponse:
    erasure = get_object_or_404(_requests_for(request), pk=pk)
    return _detail(request, erasure, ErasureDecisionForm())


@login_required
@require_POST
def office_decide(request: HttpRequest, pk: int) -> HttpResponse:
    erasure = get_object_or_404(_requests_for(request), pk=pk)
    if erasure.status != ErasureRequest.Status.PENDING:
        messages.info(request, _("This request has already been decided."))
        return redirect("office:erasure-requests")
    if erasure.user_id == request.user.pk:
        messages.error(request, _("Somebody else must decide on your own request."))
        return redirect("office:erasure-request", pk=erasure.pk)
    form = ErasureDecisionForm(request.POST)
    if not form.is_valid():
        return _detail(request, erasure, form)
    decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
    if not form.cleaned_data["confirm"]:
        context = {"erasure": erasure, "decision": decision, "note": note}
        return render(request, "office/erasure/confirm.html", context)
    name = erasure.user.get_full_name() or erasure.user.get_username()
    try:
        if decision == ErasureDecisionForm.ERASE:
            erasing.erase(request=erasure, by=request.user, note=note)
            messages.success(request, _("The account of %(name)s is erased.") % {"name": name})
        else:
            erasing.decline(request=erasure, by=request.user, note=note)
            messages.success(request, _("The request of %(name)s is declined.") % {"name": name})
    except erasing.ErasureError:
        messages.info(request, _("This request has already been decided."))
    return redirect("office:erasure-requests")
