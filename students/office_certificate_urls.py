"""Completion and certificates in the coordinator's office, spliced into the "office" namespace."""

from django.urls import path

from students import office_certificate_views as views

urlpatterns = [
    path("editions/<slug:edition>/completion/", views.completion, name="completion"),
    path(
        "editions/<slug:edition>/completion/issue/",
        views.issue_all,
        name="certificates-issue",
    ),
    path(
        "editions/<slug:edition>/completion/<int:enrolment>/issue/",
        views.issue_one,
        name="certificate-issue",
    ),
    path("certificates/<str:code>/", views.certificate_detail, name="certificate-detail"),
    path("certificates/<str:code>/revoke/", views.revoke, name="certificate-revoke"),
    path("certificates/<str:code>/reinstate/", views.reinstate, name="certificate-reinstate"),
]
