from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from students.forms import (
    AccountForm,
    ProfileForm,
    SignupForm,
    create_student_account,
    update_student_account,
)
from students.models import StudentProfile


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        if request.method == "POST":
            return redirect("accounts:profile")
        return render(request, "students/signup.html", {"already_signed_in": True})
    account_form = SignupForm(request.POST or None)
    profile_form = ProfileForm(request.POST or None)
    if request.method == "POST" and all([account_form.is_valid(), profile_form.is_valid()]):
        user = create_student_account(account_form=account_form, profile_form=profile_form)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
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
    if next_url := _next_url(request):
        return redirect(next_url)
    try:
        return redirect(reverse("learn:dashboard"))
    except NoReverseMatch:
        return redirect("home")


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
