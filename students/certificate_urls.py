from django.urls import path

from students import certificate_views

app_name = "certificates"

urlpatterns = [
    path("", certificate_views.my_certificates, name="list"),
    path("editions/<slug:edition>/", certificate_views.requirements, name="requirements"),
    path("<str:code>/pdf/", certificate_views.pdf, name="pdf"),
]
