from django.urls import include, path

from courses import teach_views, teach_views_lessons, teach_views_sessions, teach_views_students

app_name = "teach"

lesson_patterns = [
    path("", teach_views_lessons.lesson_edit, name="lesson-edit"),
    path("move/", teach_views_lessons.lesson_move, name="lesson-move"),
    path("publish/", teach_views_lessons.lesson_publish, name="lesson-publish"),
    path("delete/", teach_views_lessons.lesson_delete, name="lesson-delete"),
    path("resources/", teach_views_lessons.lesson_resources, name="lesson-resources"),
    path(
        "resources/<int:resource>/delete/",
        teach_views_lessons.resource_delete,
        name="resource-delete",
    ),
]

session_patterns = [
    path("", teach_views_sessions.session_edit, name="session-edit"),
    path("attendance/", teach_views_sessions.attendance, name="attendance"),
    path("check-in/", teach_views_sessions.session_qr, name="session-qr"),
]

module_patterns = [
    path("", teach_views.module_detail, name="module"),
    path("settings/", teach_views.module_settings, name="module-settings"),
    path("announcements/", teach_views.announcements, name="announcements"),
    path("preview/", teach_views_lessons.markdown_preview, name="markdown-preview"),
    path("lessons/new/", teach_views_lessons.lesson_create, name="lesson-create"),
    path("lessons/<slug:lesson>/", include(lesson_patterns)),
    path("sessions/new/", teach_views_sessions.session_create, name="session-create"),
    path("sessions/<int:session>/", include(session_patterns)),
    path("students/", teach_views_students.roster, name="roster"),
    path("students/<int:enrolment>/", teach_views_students.student_detail, name="student-detail"),
    path("gradebook/", teach_views_students.gradebook_page, name="gradebook"),
    path("gradebook.csv", teach_views_students.gradebook_csv, name="gradebook-csv"),
    path("gradebook.xlsx", teach_views_students.gradebook_xlsx, name="gradebook-xlsx"),
]

urlpatterns = [
    path("", teach_views.home, name="home"),
    # Before the module patterns, which would otherwise read "check-in" as an edition.
    path("check-in/<str:token>/", teach_views_sessions.check_in, name="check-in"),
    path("<slug:edition>/<slug:module>/", include(module_patterns)),
]
