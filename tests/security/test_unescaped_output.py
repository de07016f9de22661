"""Every place that turns escaping off is known and carries no user data unescaped.

Each file that uses `|safe`, `mark_safe`, `format_html` or `{% autoescape off %}` is listed
below with the reason it is safe; a new one fails the inventory until it is reviewed and
listed. The tests after it check the reasons themselves with hostile input.
"""

import re
from pathlib import Path

from django.conf import settings

from courses.checkin import qr_svg
from courses.markdown import render_markdown
from students.reports.charts import bars
from students.reports.suppression import Cell

ROOT = Path(settings.BASE_DIR)
SEARCHED = ("templates", "diploma", "courses", "students")
UNESCAPED = re.compile(r"\|\s*safe\b|mark_safe|format_html|autoescape off")

TEXT_EMAIL = "plain-text e-mail or file: no HTML is ever made of it"
STORED_MARKDOWN = "HTML stored by render_markdown, sanitised by nh3 when the text is saved"
REVIEWED = {
    "courses/admin.py": STORED_MARKDOWN,
    "diploma/templatetags/diploma_tags.py": "markdown filter sanitises; aria_current is fixed",
    "students/application_forms.py": "format_html escapes the uploaded file's name",
    "students/reports/charts.py": "format_html escapes labels, titles and values",
    "students/teach/roster.py": "format_html_join escapes names and cells",
    "templates/courses/teach/session_qr.html": "SVG by segno, which escapes the title",
    "templates/courses/teach/announcements_preview.html": "render_markdown of the draft",
    "templates/courses/teach/includes/_preview.html": "render_markdown of the draft",
    "templates/students/discussions/includes/_post.html": STORED_MARKDOWN,
    "templates/students/discussions/post_report.html": STORED_MARKDOWN,
    "templates/students/discussions/reports.html": STORED_MARKDOWN,
    "templates/students/discussions/post_hide.html": STORED_MARKDOWN,
    "templates/students/learn/module_offline.html": "static print.css and stored lesson HTML",
    "templates/students/learn/lesson_detail.html": STORED_MARKDOWN,
    "templates/students/learn/includes/_announcement.html": STORED_MARKDOWN,
}

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">'


def _files_turning_escaping_off() -> set[str]:
    found = set()
    for folder in SEARCHED:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in (".py", ".html", ".txt") or "migrations" in path.parts:
                continue
            if UNESCAPED.search(path.read_text(encoding="utf-8")):
                found.add(path.relative_to(ROOT).as_posix())
    return found


def _is_text_email(name: str) -> bool:
    return name.endswith(".txt")


def test_every_place_that_turns_escaping_off_has_been_reviewed():
    unreviewed = {name for name in _files_turning_escaping_off() if not _is_text_email(name)} - set(
        REVIEWED
    )
    assert not unreviewed, (
        "Review these for user data printed unescaped, then list them in REVIEWED: "
        f"{sorted(unreviewed)}"
    )


def test_autoescape_is_turned_off_only_in_plain_text():
    for name in _files_turning_escaping_off():
        text = (ROOT / name).read_text(encoding="utf-8")
        if "autoescape off" in text:
            assert _is_text_email(name), f"{name}: {TEXT_EMAIL} only"


def test_markdown_keeps_no_script_handler_or_javascript_link():
    html = render_markdown(f"Hello {HOSTILE}").lower()
    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


def test_the_check_in_code_escapes_the_session_topic():
    svg = qr_svg("https://example.org/c/1", title=f"Check-in for {HOSTILE}")
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg


def test_a_chart_escapes_its_labels_and_title():
    svg = str(bars(HOSTILE, HOSTILE, ["<b>Perú</b>"], [Cell(7)]))
    assert "<script" not in svg and "<b>" not in svg
    assert "&lt;b&gt;Perú&lt;/b&gt;" in svg
