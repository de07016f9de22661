"""What instructors see and record of their students: the teaching home, a module's
dashboard, announcements, messages to a group, attendance and check-in, roster, one student,
gradebook.

Spliced into the "teach" namespace by diploma/urls.py, before courses.teach.urls.
"""

from django.urls import include, path

from students.teach import announcements, attendance, messages, roster, views

module_patterns = [
    path("", views.module_detail, name="module"),
    path("announcements/", announcements.announcements, name="announcements"),
    path(
        "announcements/<int:announcement>/edit/",
        announcements.announcement_edit,
        name="announcement-edit",
    ),
    path(
        "announcements/<int:announcement>/delete/",
        announcements.announcement_delete,
        name="announcement-delete",
    ),
    path("sessions/<int:session>/attendance/", attendance.attendance, name="attendance"),
    path("sessions/<int:session>/check-in/", attendance.session_qr, name="session-qr"),
    path("messages/", messages.module_messages, name="messages"),
    path("students/", roster.roster, name="roster"),
    path("students/<int:enrolment>/", roster.student_detail, name="student-detail"),
    path("gradebook/", roster.gradebook_page, name="gradebook"),
    path("gradebook.csv", roster.gradebook_csv, name="gradebook-csv"),
    path("gradebook.xlsx", roster.gradebook_xlsx, name="gradebook-xlsx"),
]

urlpatterns = [
    path("", views.home, name="home"),
    # Before the module patterns, which would otherwise read "check-in" as an edition.
    path("check-in/<str:token>/", attendance.check_in, name="check-in"),
    path("messages/<slug:edition>/", messages.edition_messages, name="edition-messages"),
    path("<slug:edition>/<slug:module>/", include(module_patterns)),
]
