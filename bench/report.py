"""Print the results of a benchmark run (var/bench/web.json) as a Markdown table,
for docs/performance.md.

    .venv/bin/python -m bench.report [path/to/web.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def cell(value: Any) -> str:
    return "–" if value is None else str(value)


def markdown(report: dict[str, Any]) -> str:
    data = report["data"]
    db = report["database"]
    machine = report["machine"]
    lines = [
        f"Run of {report['date'][:10]} (commit {report.get('commit') or '?'}), "
        f"{db['vendor']} {db['version'].split()[0]}, "
        f"{data['participants']:,} participants in the measured municipality "
        f"({data['participants_all_municipalities']:,} in all), "
        f"{data['placements']:,} placements, {data['contracts']:,} contracts with "
        f"{data['contract_periods']:,} periods, {data['hosts']:,} hosts; "
        f"{report['requests_per_endpoint']} requests per endpoint after "
        f"{report['warmup']} warm-up requests; {machine.get('cpus')} CPUs, load average "
        f"{report.get('load_average_start', '?')} at the start and "
        f"{machine.get('load_average', ['?'])[0]} at the end.",
        "",
        "| Endpoint | Path | Median (ms) | p95 (ms) | App CPU (ms) | SQL queries | Result |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for row in report["rows"]:
        queries = cell(row["queries"])
        if row.get("queries_max") not in (None, row["queries"]):
            queries += f"–{row['queries_max']}"
        result = row["result"] + (f" ({row['note']})" if row.get("note") else "")
        lines.append(
            f"| {row['name']} | `{row['path']}` | {cell(row['median_ms'])} | "
            f"{cell(row['p95_ms'])} | {cell(row.get('cpu_ms'))} | {queries} | {result} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else ROOT / "var" / "bench" / "web.json"
    print(markdown(json.loads(path.read_text())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
