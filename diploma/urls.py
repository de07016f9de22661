from django.contrib import admin
from django.urls import include, path

from courses.assess.urls import urlpatterns as assessments
from courses.teach.urls import urlpatterns as teaching
from diploma import views
from students.grading.urls import urlpatterns as grading
from students.teach.urls import urlpatterns as teaching_records

urlpatterns = [
    path("", views.home, name="home"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme-detail"),
    path("instructors/<slug:slug>/", views.instructor_detail, name="instructor-detail"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("students.accounts_urls")),
    path("learn/surveys/", include("students.survey_urls")),
    path("learn/<slug:edition>/<slug:module>/discussions/", include("students.discussion_urls")),
    path("learn/", include("students.urls")),
    path("apply/", include("students.apply_urls")),
    # /teach/ gathers what is taught (courses) and the students' records (students).
    path("teach/", include((teaching + teaching_records, "teach"))),
    path("teach/", include((assessments + grading, "assess"))),
    path("office/", include("diploma.office_urls")),
    path("partners/", include("students.partner_urls")),
    path("calendar/", include("students.calendar_urls")),
    path("certificates/", include("students.certificate_urls")),
    path("verify/", include("students.verify_urls")),
    path("admin/", admin.site.urls),
]
