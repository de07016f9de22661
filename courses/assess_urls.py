from django.urls import include, path

from courses import assess_views, assess_views_assignments, assess_views_bank

app_name = "assess"

question_patterns = [
    path("", assess_views.question_edit, name="question-edit"),
    path("delete/", assess_views.question_delete, name="question-delete"),
    path("move/", assess_views.question_move, name="question-move"),
]

quiz_patterns = [
    path("", assess_views.quiz_edit, name="quiz-edit"),
    path("delete/", assess_views.quiz_delete, name="quiz-delete"),
    path("questions/new/", assess_views.question_create, name="question-create"),
    path("questions/<int:question>/", include(question_patterns)),
    path("import/", assess_views_bank.question_import, name="question-import"),
    path("export/<str:format>/", assess_views_bank.question_export, name="question-export"),
    path("attempts/", assess_views.quiz_attempts, name="quiz-attempts"),
    path("attempts/finish/", assess_views.attempts_finish, name="attempts-finish"),
    path("attempts/<int:attempt>/", assess_views.attempt_grade, name="attempt-grade"),
    path("attempts/<int:attempt>/history/", assess_views.attempt_history, name="attempt-history"),
]

submission_patterns = [
    path("", assess_views_assignments.submission_grade, name="submission-grade"),
    path("file/", assess_views_assignments.submission_file, name="submission-file"),
    path("returned/", assess_views_assignments.returned_file, name="returned-file"),
    path("history/", assess_views_assignments.submission_history, name="submission-history"),
]

assignment_patterns = [
    path("", assess_views_assignments.assignment_edit, name="assignment-edit"),
    path("rubric/", assess_views_assignments.rubric, name="rubric"),
    path("rubric/<int:criterion>/", assess_views_assignments.criterion_edit, name="criterion-edit"),
    path(
        "rubric/<int:criterion>/delete/",
        assess_views_assignments.criterion_delete,
        name="criterion-delete",
    ),
    path("submissions/", assess_views_assignments.assignment_queue, name="assignment-queue"),
    path("submissions/<int:submission>/", include(submission_patterns)),
    path("release/", assess_views_assignments.assignment_release, name="assignment-release"),
]

module_patterns = [
    path("assessments/", assess_views.overview, name="overview"),
    path("assessments/release/", assess_views.module_release, name="module-release"),
    path("quizzes/new/", assess_views.quiz_create, name="quiz-create"),
    path("quizzes/<slug:quiz>/", include(quiz_patterns)),
    path("assignments/new/", assess_views_assignments.assignment_create, name="assignment-create"),
    path("assignments/<slug:assignment>/", include(assignment_patterns)),
]

urlpatterns = [
    path("<slug:edition>/<slug:module>/", include(module_patterns)),
]
