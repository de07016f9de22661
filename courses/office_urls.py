from django.urls import path

from courses import office_views

urlpatterns = [
    path("instructors/", office_views.instructors, name="instructors"),
    path(
        "instructors/<slug:edition>/",
        office_views.edition_instructors,
        name="instructors-edition",
    ),
    path(
        "instructors/<slug:edition>/assign/",
        office_views.assign_instructor,
        name="instructor-assign",
    ),
    path(
        "instructors/<slug:edition>/<int:assignment>/remove/",
        office_views.remove_instructor,
        name="instructor-remove",
    ),
]
