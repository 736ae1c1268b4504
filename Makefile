# mangfold – the two commands a new user runs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
PROD_ENV := MANGFOLD_PRODUCTION=1 SECRET_KEY=check-deploy-only-0123456789abcdefghijklmnopqrstuvwxyz ALLOWED_HOSTS=mangfold.example.org

.PHONY: run test install install-dev lint typecheck checks messages bench fuzz demo clean

$(VENV)/bin/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "mangfold needs Python 3.11 ($(PYTHON) not found); set PYTHON=..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e ".[web,reports]"
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e ".[web,reports,dev]"
	touch $@ $(VENV)/.installed-run

install: $(VENV)/.installed-run
install-dev: $(VENV)/.installed-dev

messages: install
	$(MANAGE) compilemessages --ignore=.venv --ignore=var --ignore=node_modules -v 0

demo: install messages
	mkdir -p var
	$(MANAGE) migrate --noinput -v 0
	$(BIN)/mangfold load-demo

## make run: install into .venv, migrate SQLite, load the demo network, collect the static files, start the
## worker and the production server (gunicorn) in the local demo mode on http://127.0.0.1:8000/.
run:
	scripts/system-deps.sh run
	$(MAKE) --no-print-directory demo
	MANGFOLD_DEMO=1 $(MANAGE) collectstatic --noinput -v 0
	scripts/serve.sh

lint: install-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: install-dev
	$(BIN)/mypy --strict

checks: install-dev
	$(MANAGE) check --fail-level WARNING
	$(PROD_ENV) $(MANAGE) check --deploy --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

## make test: system packages, dev install, format, lint, types, Django checks, catalogues, the suite.
test:
	scripts/system-deps.sh test
	$(MAKE) --no-print-directory install-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy --strict
	$(MAKE) --no-print-directory checks
	$(MAKE) --no-print-directory messages
	$(BIN)/pytest -n 2 --dist loadfile $(PYTEST_ARGS)

## make bench: every benchmark, then benchmarks/README.md from the results.
bench: install-dev
	@for bench in benchmarks/[a-z]*.py; do \
	  [ "$$bench" = benchmarks/report.py ] && continue; \
	  echo "== $$bench"; $(PY) $$bench || exit 1; \
	done
	$(PY) benchmarks/report.py

## make fuzz: 11,400 seeded mutations of the fixtures for every reader (2 workers, 10 s each); results in
## benchmarks/results/fuzz.json; fails on any crash or timeout.
fuzz: install-dev
	$(PY) benchmarks/fuzz.py --strict; status=$$?; $(PY) benchmarks/report.py; exit $$status

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
