#!/usr/bin/env bash
# Run all benchmarks (PostgreSQL, 100,000 generated participants). See docs/performance.md.
#   bench/run.sh [--participants N] [--requests N] [--only NAME] [--database-url URL]
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m bench "$@"
