from django.urls import path

from students import verify_views

app_name = "verify"

urlpatterns = [
    path("", verify_views.form, name="form"),
    path("programmes/<slug:slug>/badge/", verify_views.badge_class, name="badge-class"),
    path("programmes/<slug:slug>/issuer/", verify_views.issuer, name="issuer"),
    path("<str:code>/", verify_views.certificate, name="certificate"),
    path("<str:code>/json/", verify_views.certificate_json, name="certificate-json"),
    path("<str:code>/badge/", verify_views.badge, name="badge"),
]
