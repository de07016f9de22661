from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from students import accounts_views, privacy_views
from students.forms import LocalisedPasswordResetForm

app_name = "accounts"

urlpatterns = [
    path("login/", accounts_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("after-login/", accounts_views.after_login, name="after-login"),
    path("signup/", accounts_views.signup, name="signup"),
    path("profile/", accounts_views.profile, name="profile"),
    path("profile/edit/", accounts_views.profile_edit, name="profile-edit"),
    path("profile/data/", privacy_views.export_request, name="data-export"),
    path("profile/data/<str:token>/", privacy_views.export_download, name="data-export-download"),
    path("profile/erase/", privacy_views.erasure_request, name="erasure-request"),
    path("privacy/", privacy_views.privacy, name="privacy"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(
            success_url=reverse_lazy("accounts:password-change-done")
        ),
        name="password-change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password-change-done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            form_class=LocalisedPasswordResetForm,
            subject_template_name="emails/password_reset_subject.txt",
            email_template_name="emails/password_reset.txt",
            success_url=reverse_lazy("accounts:password-reset-done"),
        ),
        name="password-reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password-reset-complete")
        ),
        name="password-reset-confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
]
