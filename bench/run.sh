#!/usr/bin/env bash
# Run the benchmarks (PostgreSQL, generated data). See docs/performance.md.
#   bench/run.sh              every benchmark, with its defaults
#   bench/run.sh web          only the web benchmark
# Options of one benchmark: .venv/bin/python -m bench.web --help
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m bench "$@"
