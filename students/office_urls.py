"""Admissions in the office; spliced into the "office" namespace by diploma/office_urls.py."""

from django.urls import path

from students import office_report_views, office_views

APPLICATION = "<slug:edition>/applications/<int:pk>/"

urlpatterns = [
    path("admissions/", office_views.admissions_home, name="admissions"),
    path(
        "<slug:edition>/applications/",
        office_views.application_list,
        name="applications",
    ),
    path(
        "<slug:edition>/applications/bulk/",
        office_views.application_bulk,
        name="applications-bulk",
    ),
    path(
        "<slug:edition>/applications/export/",
        office_views.application_export,
        name="applications-export",
    ),
    path(
        "<slug:edition>/applications/offer-seat/",
        office_views.offer_seat,
        name="applications-offer-seat",
    ),
    path(APPLICATION, office_views.application_detail, name="application-detail"),
    path(f"{APPLICATION}review/", office_views.application_review, name="application-review"),
    path(f"{APPLICATION}decide/", office_views.application_decide, name="application-decide"),
    path(
        f"{APPLICATION}documents/<int:document>/",
        office_views.document,
        name="document",
    ),
]

# Reports of the programmes and editions a coordinator runs, and their evaluation surveys.
urlpatterns += [
    path("reports/", office_report_views.reports, name="reports"),
    path("reports/programmes/<slug:slug>/", office_report_views.programme, name="report-programme"),
    path(
        "reports/programmes/<slug:slug>/report.<slug:file_format>",
        office_report_views.programme_export,
        name="report-programme-export",
    ),
    path(
        "reports/programmes/<slug:slug>/survey/",
        office_report_views.survey_statements,
        name="survey-statements",
    ),
    path("reports/editions/<slug:edition>/", office_report_views.edition, name="report-edition"),
    path(
        "reports/editions/<slug:edition>/refresh/",
        office_report_views.edition_refresh,
        name="report-edition-refresh",
    ),
    path(
        "reports/editions/<slug:edition>/report.<slug:file_format>",
        office_report_views.edition_export,
        name="report-edition-export",
    ),
]
