"""What instructors change in a module: settings, lessons, resources, live sessions.

Spliced into the "teach" namespace by diploma/urls.py, after students.teach.urls.
"""

from django.urls import include, path

from courses.teach import lessons, sessions, views

lesson_patterns = [
    path("", lessons.lesson_edit, name="lesson-edit"),
    path("move/", lessons.lesson_move, name="lesson-move"),
    path("publish/", lessons.lesson_publish, name="lesson-publish"),
    path("delete/", lessons.lesson_delete, name="lesson-delete"),
    path("resources/", lessons.lesson_resources, name="lesson-resources"),
    path("resources/<int:resource>/delete/", lessons.resource_delete, name="resource-delete"),
]

module_patterns = [
    path("settings/", views.module_settings, name="module-settings"),
    path("preview/", lessons.markdown_preview, name="markdown-preview"),
    path("lessons/new/", lessons.lesson_create, name="lesson-create"),
    path("lessons/<slug:lesson>/", include(lesson_patterns)),
    path("sessions/new/", sessions.session_create, name="session-create"),
    path("sessions/<int:session>/", sessions.session_edit, name="session-edit"),
]

urlpatterns = [
    path("<slug:edition>/<slug:module>/", include(module_patterns)),
]
