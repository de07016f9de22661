"""Writing quizzes, questions, assignments and rubrics; the question bank.

Spliced into the "assess" namespace by diploma/urls.py, with students.grading.urls.
"""

from django.urls import include, path

from courses.assess import assignments, bank, history, views

question_patterns = [
    path("", views.question_edit, name="question-edit"),
    path("delete/", views.question_delete, name="question-delete"),
    path("move/", views.question_move, name="question-move"),
]

quiz_patterns = [
    path("", views.quiz_edit, name="quiz-edit"),
    path("delete/", views.quiz_delete, name="quiz-delete"),
    path("questions/new/", views.question_create, name="question-create"),
    path("questions/<int:question>/", include(question_patterns)),
    path("import/", bank.question_import, name="question-import"),
    path("export/<str:format>/", bank.question_export, name="question-export"),
]

assignment_patterns = [
    path("", assignments.assignment_edit, name="assignment-edit"),
    path("rubric/", assignments.rubric, name="rubric"),
    path("rubric/<int:criterion>/", assignments.criterion_edit, name="criterion-edit"),
    path("rubric/<int:criterion>/delete/", assignments.criterion_delete, name="criterion-delete"),
]

module_patterns = [
    path("quizzes/new/", views.quiz_create, name="quiz-create"),
    path("quizzes/<slug:quiz>/", include(quiz_patterns)),
    path("assignments/new/", assignments.assignment_create, name="assignment-create"),
    path("assignments/<slug:assignment>/", include(assignment_patterns)),
    path("assessments/settings-history/", history.settings_history, name="settings-history"),
]

urlpatterns = [
    path("<slug:edition>/<slug:module>/", include(module_patterns)),
]
