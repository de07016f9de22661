"""Grading students' work: the assessments overview, quiz attempts, submissions, release.

Spliced into the "assess" namespace by diploma/urls.py, with courses.assess.urls.
"""

from django.urls import include, path

from students.grading import assignments, quizzes

attempt_patterns = [
    path("", quizzes.quiz_attempts, name="quiz-attempts"),
    path("finish/", quizzes.attempts_finish, name="attempts-finish"),
    path("<int:attempt>/", quizzes.attempt_grade, name="attempt-grade"),
    path("<int:attempt>/history/", quizzes.attempt_history, name="attempt-history"),
]

submission_patterns = [
    path("", assignments.submission_grade, name="submission-grade"),
    path("file/", assignments.submission_file, name="submission-file"),
    path("returned/", assignments.returned_file, name="returned-file"),
    path("history/", assignments.submission_history, name="submission-history"),
]

assignment_patterns = [
    path("submissions/", assignments.assignment_queue, name="assignment-queue"),
    path("submissions/<int:submission>/", include(submission_patterns)),
    path("release/", assignments.assignment_release, name="assignment-release"),
]

module_patterns = [
    path("assessments/", quizzes.overview, name="overview"),
    path("assessments/release/", quizzes.module_release, name="module-release"),
    path("quizzes/<slug:quiz>/attempts/", include(attempt_patterns)),
    path("assignments/<slug:assignment>/", include(assignment_patterns)),
]

urlpatterns = [
    path("<slug:edition>/<slug:module>/", include(module_patterns)),
]
