"""Erasure requests in the coordinator's office, spliced into the "office" namespace."""

from django.urls import path

from students import privacy_views as views

urlpatterns = [
    path("erasure-requests/", views.office_requests, name="erasure-requests"),
    path("erasure-requests/<int:pk>/", views.office_request, name="erasure-request"),
    path("erasure-requests/<int:pk>/decide/", views.office_decide, name="erasure-decide"),
]
