"""/calendar/: an edition's calendar (month and list), one event as .ics, the person's feed."""

from django.urls import path

from students import calendar_views

app_name = "calendar"

urlpatterns = [
    # Before the edition's pages, which would otherwise read "feed" as an edition.
    path("feed/<str:token>.ics", calendar_views.feed, name="feed"),
    path("feed/renew/", calendar_views.renew_feed, name="feed-renew"),
    path("<slug:edition>/", calendar_views.month, name="month"),
    path("<slug:edition>/list/", calendar_views.agenda_list, name="list"),
    path(
        "<slug:edition>/events/<slug:kind>/<int:pk>.ics",
        calendar_views.event_ics,
        name="event-ics",
    ),
]
