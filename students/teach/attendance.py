"""Attendance at live sessions: the instructor's sheet, the rotating QR code, and the check-in
of a student who scans it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from courses import checkin
from courses.access import get_module_for_instructor, get_session
from courses.models import LiveSession
from students import attendance as records
from students.models import Attendance, Enrolment
from students.teach.forms import AttendanceForm

# A visitor who scanned a valid code and then had to log in keeps it this long.
CHECK_IN_LOGIN_SECONDS = 15 * 60
_PENDING = "pending_check_in"


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, edition: str, module: str, session: int) -> HttpResponse:
    module = get_module_for_instructor(request, edition, module)
    session = get_session(module, session)
    roster = list(
        records.session_roster(session)
        .select_related("user")
        .only("id", "user__username", "user__first_name", "user__last_name")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    recorded = dict(
        Attendance.objects.filter(session=session).values_list("enrolment_id", "status")
    )
    form = AttendanceForm(request.POST or None, enrolments=roster, recorded=recorded)
    if request.method == "POST" and form.is_valid():
        saved = records.record_attendance(
            session=session, statuses=form.statuses(), by=request.user
        )
        messages.success(
            request, _("Attendance of %(count)s students is saved.") % {"count": saved}
        )
        return redirect(request.path)
    context = {
        "module": module,
        "edition": module.edition,
        "session": session,
        "form": form,
        "statuses": Attendance.Status.choices,
        "taken": bool(recorded),
        "enrolled_later": Enrolment.objects.active().filter(edition_id=module.edition_id).count()
        - len(roster),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "courses/teach/attendance.html", context, status=status)


@login_required
@require_GET
def session_qr(request: HttpRequest, edition: str, module: str, session: int) -> HttpResponse:
    """The screen shown in the room: a QR code that changes every minute.

    It reloads itself through the Refresh header when the code changes (no JavaScript, and
    no <meta> refresh, which assistive technology cannot pause); ?pause=1 stops it.
    """
    module = get_module_for_instructor(request, edition, module)
    session = get_session(module, session)
    now = timezone.now()
    is_open = session.starts_at - records.CHECK_IN_OPENS_BEFORE <= now <= session.ends_at
    paused = request.GET.get("pause") == "1"
    context = {
        "module": module,
        "edition": module.edition,
        "session": session,
        "is_open": is_open,
        "has_ended": now > session.ends_at,
        "paused": paused,
        "checked_in": Attendance.objects.filter(
            session=session,
            status__in=[Attendance.Status.PRESENT, Attendance.Status.LATE],
        ).count(),
    }
    if is_open:
        url = request.build_absolute_uri(
            reverse("teach:check-in", kwargs={"token": checkin.make_token(session.pk)})
        )
        context["url"] = url
        context["qr"] = checkin.qr_svg(
            url, title=_("Check-in code for “%(topic)s”") % {"topic": session.topic}
        )
        context["refresh"] = checkin.seconds_to_next_window()
    response = render(request, "courses/teach/session_qr.html", context)
    if is_open and not paused:
        response["Refresh"] = str(context["refresh"])
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def check_in(request: HttpRequest, token: str) -> HttpResponse:
    """A student scanned the code of a running session: record them present (or late).

    A visitor is sent to log in first and comes back here; the code they scanned stays
    valid for them meanwhile, however long logging in takes.
    """
    now = timezone.now()
    try:
        session_id = checkin.read_token(token)
    except checkin.InvalidToken as error:
        session_id = _pending(request, token, now.timestamp())
        if session_id is None:
            if error.expired:
                message = _("This code has expired. Scan the code on the screen again.")
            else:
                message = _("This is not a valid check-in code. Scan the code on the screen again.")
            return _check_in_page(request, error=message, status=400)
    if not request.user.is_authenticated:
        request.session[_PENDING] = {"token": token, "at": now.timestamp(), "id": session_id}
        return redirect_to_login(request.get_full_path())
    request.session.pop(_PENDING, None)
    session = (
        LiveSession.objects.select_related("module__edition__programme")
        .filter(pk=session_id)
        .first()
    )
    if session is None:
        return _check_in_page(request, error=_("This session no longer exists."), status=400)
    enrolment = (
        Enrolment.objects.active()
        .filter(user=request.user, edition_id=session.module.edition_id)
        .first()
    )
    if enrolment is None:
        raise PermissionDenied(_("Only the students of this edition check in to its sessions."))
    try:
        record = records.check_in(session=session, enrolment=enrolment, now=now)
    except records.CheckInRefused as refusal:
        return _check_in_page(request, session=session, error=str(refusal), status=400)
    return _check_in_page(request, session=session, record=record)


def _pending(request: HttpRequest, token: str, now: float) -> int | None:
    pending = request.session.get(_PENDING)
    if pending and pending["token"] == token and now - pending["at"] <= CHECK_IN_LOGIN_SECONDS:
        return pending["id"]
    return None


def _check_in_page(
    request: HttpRequest,
    *,
    session: LiveSession | None = None,
    record: Attendance | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {"session": session, "record": record, "error": error}
    if session is not None:
        context["module_url"] = session.module.get_absolute_url()
    return render(request, "courses/teach/check_in.html", context, status=status)
