from django.urls import path

from students import apply_views

app_name = "apply"

urlpatterns = [
    path("", apply_views.application_list, name="list"),
    path("<slug:edition>/", apply_views.start, name="start"),
    path("<slug:edition>/status/", apply_views.status, name="status"),
    path("<slug:edition>/withdraw/", apply_views.withdraw, name="withdraw"),
    path(
        "<slug:edition>/documents/<int:document>/",
        apply_views.document,
        name="document",
    ),
]
