# Everything a fresh machine needs: `make run` serves the site, `make test` runs the suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
# Tests run in parallel, one worker per core (pytest-xdist); PYTEST_ARGS= runs them in one process.
PYTEST_ARGS ?= -n auto

.PHONY: install run test lint fixtures bench loadtest faults clean

$(VENV)/.installed: requirements.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py load_catalog
	# A first version of every role, so an editor can always go back to the imported text.
	$(PYTHON) manage.py createinitialrevisions --comment "Imported from fixtures/careerguide.json"
	$(PYTHON) manage.py runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install lint
	$(PYTHON) manage.py check
	$(PYTHON) manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

fixtures: install
	$(PYTHON) manage.py build_fixtures

# The benchmark (docs/performance.md): wrk from Debian, installed when missing.
bench: install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PYTHON) bench/run.py
	# Role pages, lists and searches with and without an editor saving a role every second (same catalog).
	$(PYTHON) bench/edit_storm.py

# 100 connections for 60 s on the role, search and job-description pages; fails on any error.
loadtest: install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PYTHON) bench/run.py --load

# Restart PostgreSQL under load (needs root; interrupts the local server for a few seconds):
# the site must answer 503 during the outage and recover by itself. See the README.
faults: install
	$(PYTHON) bench/fault_restart.py

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache
