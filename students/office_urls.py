"""Admissions in the office; spliced into the "office" namespace by diploma/office_urls.py."""

from django.urls import path

from students import office_views

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
