from django.urls import path

from students import views

app_name = "learn"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:edition>/<slug:module>/", views.module_detail, name="module-detail"),
    path(
        "<slug:edition>/<slug:module>/offline/",
        views.module_offline,
        name="module-offline",
    ),
    path(
        "<slug:edition>/<slug:module>/<slug:lesson>/",
        views.lesson_detail,
        name="lesson-detail",
    ),
    path(
        "<slug:edition>/<slug:module>/<slug:lesson>/done/",
        views.lesson_done,
        name="lesson-done",
    ),
]
