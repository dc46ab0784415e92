"""The dependency direction of the apps (docs/architecture.md, "Dependency direction").

The contracts live in ``.importlinter`` at the repository root; by hand:
``.venv/bin/lint-imports --no-cache``. Every import counts, also those inside
functions: a cycle hidden in a function-level import is still a cycle.
"""

from __future__ import annotations

import configparser
from pathlib import Path

import grimp
from importlinter.cli import lint_imports

CONFIG = Path(__file__).resolve().parents[1] / ".importlinter"


def test_the_import_contracts_are_kept(capsys):
    """Layers (faces on top), core as a floor, calc without Django, services without faces."""
    exit_code = lint_imports(config_filename=str(CONFIG), no_cache=True, no_logo=True)

    report = capsys.readouterr().out
    assert exit_code == 0, report
    assert "Contracts: 4 kept, 0 broken." in report


def test_every_app_is_in_a_layer():
    """A new app must be placed in the layers, or its imports go unchecked."""
    parser = configparser.ConfigParser()
    parser.read(CONFIG)
    layers = parser["importlinter:contract:layers"]["layers"]
    listed = {
        name.strip()
        for line in layers.splitlines()
        for name in line.replace(":", "|").split("|")
        if name.strip()
    }
    packages = {
        f"basisbaan.{path.parent.name}"
        for path in (CONFIG.parent / "src" / "basisbaan").glob("*/__init__.py")
    }
    assert packages - {"basisbaan.locale", "basisbaan.static", "basisbaan.templates"} <= listed


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_module_imports_itself_through_others():
    """No import cycle between modules, not even through a function-level import."""
    graph = grimp.build_graph("basisbaan", cache_dir=None)

    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle_hidden_in_a_function():
    """The check above can fail: two modules that import each other, one lazily."""
    graph = grimp.ImportGraph()
    graph.add_import(importer="pkg.a", imported="pkg.b", line_number=1, line_contents="import")
    graph.add_import(importer="pkg.b", imported="pkg.c", line_number=1, line_contents="import")
    graph.add_import(importer="pkg.c", imported="pkg.a", line_number=9, line_contents="lazy")
    graph.add_import(importer="pkg.c", imported="pkg.d", line_number=1, line_contents="import")

    assert _cycles(graph) == [["pkg.a", "pkg.b", "pkg.c"]]
