# Basisbaan: `make run` to try it, `make test` to check it. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/basisbaan
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install run test lint test-sqlite test-postgres bench messages clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
	  echo "Basisbaan needs Python 3.12 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
	  echo "Install Python 3.12 (pyenv reads .python-version) or run: make PYTHON=python3.12 ..."; exit 1; }
	@[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
	  echo "$(VENV) has an old Python: remove it (rm -rf $(VENV)) and run make again."; exit 1; }
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## run: install, migrate SQLite, load the Leeuwarden demo on a new database, serve on :8000
run: install
	@if [ -f var/basisbaan.sqlite3 ]; then new=0; else new=1; fi; \
	$(BIN)/basisbaan migrate --noinput -v 0 && \
	if [ $$new = 1 ]; then $(BIN)/basisbaan load_demo; fi
	@scripts/demo-logins
	$(BIN)/basisbaan runserver 127.0.0.1:8000

## test: lint, then all tests on SQLite, then on PostgreSQL when it answers (always with CI set)
test: install lint test-sqlite test-postgres

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	env -u DATABASE_URL $(BIN)/basisbaan makemigrations --check --dry-run

test-sqlite: install
	@echo "== Tests on SQLite"
	env -u DATABASE_URL $(BIN)/pytest

test-postgres: install
	@url="$${DATABASE_URL:-$(PG_URL)}"; \
	if ! $(BIN)/python scripts/db_answers.py "$$url"; then \
	  if [ -n "$$CI" ]; then echo "FAIL: PostgreSQL does not answer at $$url (CI is set)."; exit 1; fi; \
	  echo "SKIPPED: PostgreSQL does not answer at $$url: tests ran on SQLite only."; exit 0; fi; \
	echo "== Tests on PostgreSQL ($$url)"; \
	DATABASE_URL="$$url" $(BIN)/pytest -m "not e2e"

## bench: benchmarks on PostgreSQL (prints figures; see docs/performance.md)
bench: install
	$(BIN)/python -m bench

messages: install
	cd src/basisbaan && ../../$(BIN)/basisbaan makemessages -l en --no-obsolete && ../../$(BIN)/basisbaan compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
