from django.urls import include, path

from students import assignment_views, message_views, quiz_views, views

app_name = "learn"

quiz_patterns = [
    path("", quiz_views.quiz_detail, name="quiz-detail"),
    path("start/", quiz_views.quiz_start, name="quiz-start"),
    path("attempts/<int:number>/", quiz_views.attempt_detail, name="attempt-detail"),
]

assignment_patterns = [
    path("", assignment_views.assignment_detail, name="assignment-detail"),
    path("file/", assignment_views.submission_file, name="submission-file"),
    path("returned/", assignment_views.returned_file, name="returned-file"),
]

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # Before the module pages, which would otherwise read "messages" as an edition.
    path("messages/", message_views.message_list, name="messages"),
    path("messages/<int:message>/", message_views.message_detail, name="message-detail"),
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
    path(
        "<slug:edition>/<slug:module>/<slug:lesson>/resources/<int:resource>/",
        views.resource_file,
        name="resource-file",
    ),
    # After lesson-done: quizzes and assignments never take the slug "done" (see
    # courses.assess.authoring.RESERVED_SLUGS), so "quizzes/done/" always means a lesson.
    path("<slug:edition>/<slug:module>/quizzes/<slug:quiz>/", include(quiz_patterns)),
    path(
        "<slug:edition>/<slug:module>/assignments/<slug:assignment>/",
        include(assignment_patterns),
    ),
]
