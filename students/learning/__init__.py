"""What the pages of the learning space (/learn/) show a student, cached: the dashboard
(dashboard.py), a module's and a lesson's pages (module_pages.py), their keys (caching.py).

The keys are also those of the fragments of the pages that show the values, with their
`fragment_seconds` as timeout; they carry the content versions of the editions and the
progress versions of the enrolments (diploma/content_versions.py). Lessons are not cached for
readers who preview (enrolment None): they are the ones who edit them.
"""
