"""The evaluation surveys, under /learn/surveys/."""

from django.urls import path

from students import survey_views

app_name = "surveys"

urlpatterns = [
    path("<slug:edition>/", survey_views.edition_survey, name="edition"),
    path("<slug:edition>/<slug:module>/", survey_views.module_survey, name="module"),
]
