"""Run the benchmarks: ``python -m bench`` (what ``make bench`` calls).

    python -m bench              # every benchmark in bench/, with its defaults
    python -m bench web payroll  # only these
    python -m bench.web --help   # one benchmark with its own options

A benchmark is a module in this package with a ``main(argv) -> int`` function
(``report``, the load benchmark's ``load_settings`` and ``load_urls``
and this file excepted). The exit code is the highest of theirs.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

NOT_BENCHMARKS = {"__main__", "report", "load_settings", "load_urls"}


def available() -> list[str]:
    here = str(Path(__file__).resolve().parent)
    names = sorted(m.name for m in pkgutil.iter_modules([here]) if m.name not in NOT_BENCHMARKS)
    # The web benchmark first: it generates the data others may reuse.
    return sorted(names, key=lambda name: name != "web")


def main(argv: list[str]) -> int:
    names = available()
    unknown = [name for name in argv if name not in names]
    if unknown:
        print(f"Onbekende benchmark: {', '.join(unknown)}. Beschikbaar: {', '.join(names)}.")
        print("Opties per benchmark: python -m bench.<naam> --help")
        return 2
    code = 0
    for name in argv or names:
        module = importlib.import_module(f"bench.{name}")
        if not hasattr(module, "main"):
            continue
        print(f"\n=== Benchmark: {name}\n")
        code = max(code, module.main([]) or 0)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
