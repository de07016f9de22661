"""The apps depend one way: students -> courses -> the programme domain in diploma.

Only the project wiring (urls, settings, admin, site-wide views and signals, the demo loader
and management commands) may import every app.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("courses", "students", "diploma")
DOMAIN = ["access.py", "content_versions.py", "models.py", "queries.py", "uploads.py"]


def _imports(path: Path) -> set[str]:
    """The top-level packages a module imports, at any depth of its code."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
    return found


def _sources(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("path", _sources(ROOT / "courses"), ids=lambda p: p.name)
def test_what_is_taught_never_imports_who_learns(path):
    assert "students" not in _imports(path), f"{path.relative_to(ROOT)} imports students"


@pytest.mark.parametrize("name", DOMAIN)
def test_the_programme_domain_imports_neither_app(name):
    assert not _imports(ROOT / "diploma" / name) & {"courses", "students"}


def test_it_finds_an_import_that_breaks_the_direction(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("def f():\n    from students.models import Enrolment\n")
    assert "students" in _imports(module)


def test_no_view_imports_another_view_module():
    for path in _sources(ROOT / "courses") + _sources(ROOT / "students"):
        for node in ast.walk(ast.parse(path.read_text())):
            ours = isinstance(node, ast.ImportFrom) and (node.module or "").startswith(APPS)
            if ours:
                assert not node.module.endswith(("views", "_views")), (
                    f"{path.relative_to(ROOT)} imports {node.module}"
                )
