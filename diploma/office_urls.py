"""The coordinator's office at /office/: each area contributes its own URL patterns."""

from django.urls import path

from courses.office_urls import urlpatterns as teaching
from diploma import office_views
from students.office_certificate_urls import urlpatterns as certificates
from students.office_erasure_urls import urlpatterns as erasure
from students.office_urls import urlpatterns as admissions

app_name = "office"

urlpatterns = [
    path("", office_views.home, name="home"),
    *admissions,
    *teaching,
    *certificates,
    *erasure,
]
