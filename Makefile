# coop: `make run` serves the demo, `make test` runs the suite. Only python3 (3.11) is needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# Test worker processes (pytest-xdist): one per CPU by default; PYTEST_WORKERS=0 runs serially.
PYTEST_WORKERS ?= auto

.PHONY: run test install bench lint migrate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

run: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 COOP_DEMO=1 $(BIN)/python manage.py demo --if-empty
	DEBUG=1 $(BIN)/python manage.py apply_schedules
	DEBUG=1 COOP_DEMO=1 $(BIN)/python manage.py serve --addr $(HOST)

test: install
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# e.g. make bench BENCH="--sizes tiny --only api" (the api benchmark needs DATABASE_URL=postgres://…)
bench: install
	DEBUG=1 $(BIN)/python -m bench $(BENCH)

clean:
	rm -rf $(VENV) var db.sqlite3
