"""Run every benchmark: ``python -m bench`` (what ``make bench`` calls).

Arguments are passed to each benchmark; see ``python -m bench.web --help``.
"""

from __future__ import annotations

import sys

from bench import web


def main(argv: list[str]) -> int:
    return web.main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
