"""A module's discussion, mounted under /learn/<edition>/<module>/discussions/."""

from django.urls import path

from students import discussion_views as views

app_name = "discussions"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.thread_new, name="thread-new"),
    path("follow/", views.module_subscribe, name="module-subscribe"),
    path("reports/", views.reports, name="reports"),
    path("reports/<int:report>/handled/", views.report_handle, name="report-handle"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<int:thread>/", views.thread_detail, name="thread-detail"),
    path("<int:thread>/reply/", views.reply, name="reply"),
    path("<int:thread>/moderate/", views.thread_moderate, name="thread-moderate"),
    path("<int:thread>/follow/", views.thread_subscribe, name="thread-subscribe"),
    path("<int:thread>/answer/<int:post>/", views.thread_answer, name="thread-answer"),
    path("posts/<int:post>/edit/", views.post_edit, name="post-edit"),
    path("posts/<int:post>/report/", views.post_report, name="post-report"),
    path("posts/<int:post>/hide/", views.post_hide, name="post-hide"),
    path("posts/<int:post>/show/", views.post_unhide, name="post-unhide"),
]
