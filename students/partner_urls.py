"""The partner area at /partners/."""

from django.urls import path

from students import partner_views

app_name = "partners"

urlpatterns = [
    path("", partner_views.home, name="home"),
    path("programmes/<slug:slug>/", partner_views.programme, name="programme"),
    path(
        "programmes/<slug:slug>/report.<slug:file_format>",
        partner_views.programme_export,
        name="programme-export",
    ),
    path("editions/<slug:slug>/", partner_views.edition, name="edition"),
    path(
        "editions/<slug:slug>/report.<slug:file_format>",
        partner_views.edition_export,
        name="edition-export",
    ),
]
