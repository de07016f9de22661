from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from diploma.middleware import remember_time_zone
from students.forms import (
    AccountForm,
    ProfileForm,
    SignupForm,
    create_student_account,
    update_student_account,
)
from students.models import Enrolment, StudentProfile
from students.roles import roles_of

# Where each role works, in the order that decides for a user with several roles. Partner
# staff have no workspace yet: once /partners/ exists, their line names "partners:home".
LANDINGS = [
    ("coordinator", "office:home"),
    ("instructor", "teach:home"),
    ("student", "learn:dashboard"),
    ("reviewer", "office:admissions"),
    ("partner", "partners:home"),
]
# Applicants and everyone else: the dashboard lists their applications.
DEFAULT_LANDING = "learn:dashboard"


def landing_url(user: AbstractBaseUser) -> str:
    """Where the user lands after logging in. Runs at most two queries (roles are cached)."""
    roles = roles_of(user)
    for role, url_name in LANDINGS:
        if roles.get(role) or (role == "student" and _is_student(user)):
            return reverse(url_name)
    return reverse(DEFAULT_LANDING)


def _is_student(user: AbstractBaseUser) -> bool:
    return Enrolment.objects.active().filter(user=user).exists()


class LoginView(auth_views.LoginView):
    """Django's login; a safe `next` wins, else each person lands where they work."""

    def get_default_redirect_url(self) -> str:
        return landing_url(self.request.user)


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        if request.method == "POST":
            return redirect("accounts:profile")
        return render(request, "students/signup.html", {"already_signed_in": True})
    account_form = SignupForm(request.POST or None)
    profile_form = ProfileForm(request.POST or None, with_preferences=False)
    if request.method == "POST" and all([account_form.is_valid(), profile_form.is_valid()]):
        user = create_student_account(account_form=account_form, profile_form=profile_form)
        login(request, user, backend="students.roles.UserWithRolesBackend")
        messages.success(
            request,
            _("Welcome, %(name)s. Your account is ready.") % {"name": user.get_short_name()},
        )
        response = redirect(_next_url(request) or "accounts:profile")
        _remember_language(response, profile_form.instance.preferred_language)
        return response
    context = {
        "account_form": account_form,
        "profile_form": profile_form,
        "next": _next_url(request),
    }
    return render(request, "students/signup.html", context)


@login_required
@require_GET
def after_login(request: HttpRequest) -> HttpResponse:
    return redirect(_next_url(request) or landing_url(request.user))


@login_required
@require_GET
def profile(request: HttpRequest) -> HttpResponse:
    student_profile = StudentProfile.objects.filter(user=request.user).first()
    return render(request, "students/profile.html", {"profile": student_profile})


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    student_profile = StudentProfile.objects.filter(user=request.user).first()
    if student_profile is None:
        student_profile = StudentProfile(user=request.user)
    account_form = AccountForm(request.POST or None, instance=request.user)
    profile_form = ProfileForm(request.POST or None, instance=student_profile)
    if request.method == "POST" and all([account_form.is_valid(), profile_form.is_valid()]):
        update_student_account(account_form=account_form, profile_form=profile_form)
        remember_time_zone(request, student_profile.time_zone)
        messages.success(request, _("Your profile has been saved."))
        response = redirect("accounts:profile")
        _remember_language(response, student_profile.preferred_language)
        return response
    context = {"account_form": account_form, "profile_form": profile_form}
    return render(request, "students/profile_form.html", context)


def _next_url(request: HttpRequest) -> str:
    """The `next` URL of the request if it stays on this site, else an empty string."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def _remember_language(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
