"""Spanish and English are complete: every marked string of the code has a translation."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["manage.py", "diploma", "courses", "students", "templates"]

pytestmark = pytest.mark.skipif(
    shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed"
)


def _statistics(po_file: Path) -> dict[str, int]:
    result = subprocess.run(
        ["msgfmt", "--check-format", "--statistics", "-o", "/dev/null", str(po_file)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for number, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", result.stderr):
        counts[kind] = int(number)
    return counts


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_catalogue_is_fully_translated(language):
    counts = _statistics(ROOT / "locale" / language / "LC_MESSAGES" / "django.po")
    assert counts["translated"] > 300
    assert counts["fuzzy"] == 0
    assert counts["untranslated"] == 0


def test_no_marked_string_is_missing_from_the_catalogue(tmp_path):
    for name in SOURCES:
        source = ROOT / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target)
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "es", "--no-location",
         "--no-obsolete"],
        cwd=tmp_path, check=True, capture_output=True,
    )  # fmt: skip
    counts = _statistics(tmp_path / "locale" / "es" / "LC_MESSAGES" / "django.po")
    assert counts["untranslated"] == 0, "run `make messages` and translate the new strings"
    assert counts["fuzzy"] == 0
