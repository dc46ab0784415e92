# Basisbaan: `make run` to try it, `make test` to check it. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Running needs the package and its dependencies only (pip install -e .); the test
# and lint tools come with `make test` / `make lint` (pip install -e '.[dev]').
STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/basisbaan
# One pytest worker per core (pytest-xdist); PYTEST_WORKERS= runs the suite in one process.
PYTEST_WORKERS ?= -n auto
PIP := $(BIN)/pip --disable-pip-version-check
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install install-dev venv run serve test lint audit-deps pdf-validator test-sqlite test-postgres smoke bench bench-load lock messages clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
	  echo "Basisbaan needs Python 3.12 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
	  echo "Install Python 3.12 (pyenv reads .python-version) or run: make PYTHON=python3.12 ..."; exit 1; }
	@echo "== Creating the virtual environment in $(VENV)"
	$(PYTHON) -m venv $(VENV)

venv: $(BIN)/python
	@$(BIN)/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
	  echo "$(VENV) has an old Python: remove it (rm -rf $(VENV)) and run make again."; exit 1; }

$(STAMP): pyproject.toml | venv
	@echo "== Updating pip"
	$(PIP) install --upgrade pip
	@echo "== Installing Basisbaan and what it needs to run (pip install -e .); this takes a minute the first time"
	$(PIP) install --progress-bar on -e .
	@touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	@echo "== Installing the test and lint tools (pip install -e '.[dev]')"
	$(PIP) install --progress-bar on -e '.[dev]'
	@touch $(DEV_STAMP)

install: $(STAMP)

install-dev: $(DEV_STAMP)

## run: install, migrate SQLite, load the demo up to today (again when it is from an
##      earlier month), serve on $(HOST):$(PORT) with the development server, and
##      run the background-job worker beside it (make run PORT=8080 HOST=0.0.0.0)
run: install
	@BASISBAAN=$(BIN)/basisbaan scripts/prepare-demo
	@HOST=$(HOST) PORT=$(PORT) scripts/demo-logins
	BASISBAAN=$(BIN)/basisbaan scripts/run-with-worker runserver $(HOST):$(PORT)

## serve: like run, but with the production server (basisbaan serve: gunicorn) and
##        the static files collected first; the worker runs beside it
serve: install
	@BASISBAAN=$(BIN)/basisbaan scripts/prepare-demo
	$(BIN)/basisbaan collectstatic --noinput -v 0
	@HOST=$(HOST) PORT=$(PORT) scripts/demo-logins
	BASISBAAN=$(BIN)/basisbaan scripts/run-with-worker serve --bind $(HOST):$(PORT)

## test: lint, the dependency audit, then all tests on SQLite, then on PostgreSQL when it
##       answers (always with CI set)
test: install-dev lint audit-deps test-sqlite test-postgres

lint: install-dev
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	env -u DATABASE_URL $(BIN)/basisbaan makemigrations --check --dry-run

## audit-deps: known vulnerabilities in the installed, pinned dependencies (pip-audit --strict).
##   A known vulnerability fails. When the vulnerability database cannot be asked (no
##   network, or versions PyPI does not know) it prints NOT CHECKED and passes, unless
##   AUDIT_DEPS=required (set that in a CI with internet access). See SECURITY.md.
audit-deps: install-dev
	@BIN=$(BIN) scripts/audit-deps

## pdf-validator: veraPDF's engine for the PDF/UA tests, in var/tools/verapdf
##   (scripts/install-pdf-validator; a no-op once there). Where it cannot be installed
##   those tests skip, except with CI set: then this fails.
pdf-validator:
	@BIN=$(BIN) scripts/install-pdf-validator || { \
	  if [ -n "$$CI" ]; then echo "FAIL: no PDF validator (CI is set)."; exit 1; fi; \
	  echo "SKIPPED: no PDF validator: the PDF/UA tests will be skipped."; }

test-sqlite: install-dev pdf-validator
	@echo "== Tests on SQLite"
	env -u DATABASE_URL $(BIN)/basisbaan deduce_cache --if-missing
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_WORKERS)

test-postgres: install-dev pdf-validator
	@url="$${DATABASE_URL:-$(PG_URL)}"; \
	if ! $(BIN)/python scripts/db_answers.py "$$url"; then \
	  if [ -n "$$CI" ]; then echo "FAIL: PostgreSQL does not answer at $$url (CI is set)."; exit 1; fi; \
	  echo "SKIPPED: PostgreSQL does not answer at $$url: tests ran on SQLite only."; exit 0; fi; \
	echo "== Tests on PostgreSQL ($$url)"; \
	DATABASE_URL="$$url" $(BIN)/basisbaan deduce_cache --if-missing; \
	DATABASE_URL="$$url" $(BIN)/pytest $(PYTEST_WORKERS) -m "not e2e"

## smoke: the production processes without containers, on PostgreSQL: basisbaan serve
##        and basisbaan worker, a payroll file uploaded and imported through the
##        pages; with the database queue, then with Redis (scripts/smoke-production)
smoke: install
	BASISBAAN=$(BIN)/basisbaan PYTHON=$(BIN)/python scripts/smoke-production database
	BASISBAAN=$(BIN)/basisbaan PYTHON=$(BIN)/python scripts/smoke-production redis

## bench: benchmarks on PostgreSQL (prints figures; see docs/performance.md)
bench: install-dev
	$(BIN)/python -m bench

## lock: write requirements.lock again (every runtime dependency, pinned, with hashes)
##       from pyproject.toml, after a change of the dependencies there. Uses uv in a
##       throw-away venv in /tmp (the project's venv stays as it is); needs the
##       package index. The Dockerfile installs from the lock with --require-hashes.
LOCK_VENV ?= /tmp/basisbaan-lockvenv
lock:
	@test -x $(LOCK_VENV)/bin/uv || { $(PYTHON) -m venv $(LOCK_VENV) && $(LOCK_VENV)/bin/pip --disable-pip-version-check install -q uv; }
	$(LOCK_VENV)/bin/uv pip compile pyproject.toml --generate-hashes --python-version 3.12 \
	  --python-platform linux --custom-compile-command "make lock" --output-file requirements.lock

# Only the load benchmark (gunicorn 3 workers x 2 threads, 100,000 and 1,000,000 participants,
# each in a database of its own, 1 and 16 clients; `make bench` runs it too). Options:
# BENCH_LOAD_ARGS='--quick', '--participants 1000000 --duration 5' or '--workers 2 --threads 4'.
bench-load: install-dev
	$(BIN)/python -m bench.load $(BENCH_LOAD_ARGS)

messages: install-dev
	cd src/basisbaan && ../../$(BIN)/basisbaan makemessages -l en --no-obsolete && ../../$(BIN)/basisbaan compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
