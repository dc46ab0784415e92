"""The calculations are pure: no module in basisbaan.calc imports Django."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import basisbaan.calc

CALC = Path(basisbaan.calc.__file__).parent
MODULES = sorted(p for p in CALC.glob("*.py"))


def imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_calc_module_names_django():
    assert len(MODULES) >= 6
    for path in MODULES:
        bad = {name for name in imported_names(path) if name.split(".")[0] == "django"}
        assert not bad, f"{path.name} imports {bad}"
        # Also no import of a Django-side package of this project.
        project = {n for n in imported_names(path) if n.startswith("basisbaan.")}
        assert all(n.startswith("basisbaan.calc") for n in project), (path.name, project)


def test_calc_modules_import_with_django_unavailable():
    """Import every calc module in a fresh interpreter in which ``import django`` fails."""
    names = [f"basisbaan.calc.{p.stem}" for p in MODULES if p.stem != "__init__"]
    code = (
        "import sys\n"
        "sys.modules['django'] = None\n"
        f"for name in {names!r}:\n"
        "    __import__(name)\n"
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules\n"
        "               if sys.modules[m] is not None)\n"
        "print('ok')\n"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
