# coop: `make run` serves the demo, `make test` runs the suite. Only python3 (3.11) is needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
# Test worker processes (pytest-xdist): one per CPU by default; PYTEST_WORKERS=0 runs serially.
PYTEST_WORKERS ?= auto

.PHONY: run test install bench lint mypy mypy-baseline migrate clean

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

# ruff, the import layers (import-linter, contracts in pyproject.toml) and mypy.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(MAKE) mypy

# mypy: strict on the pure modules and the kernel; elsewhere no error that is not in
# mypy-baseline.txt (exit 1 is "errors found": the baseline filter decides).
mypy: install
	mkdir -p var
	$(BIN)/mypy > var/mypy.txt || test $$? -eq 1
	$(BIN)/mypy-baseline filter < var/mypy.txt

# After fixing errors (or moving a module): write the current errors as the baseline.
mypy-baseline: install
	mkdir -p var
	$(BIN)/mypy > var/mypy.txt || test $$? -eq 1
	$(BIN)/mypy-baseline sync < var/mypy.txt

# e.g. make bench BENCH="--sizes tiny --only api" (the api benchmark needs DATABASE_URL=postgres://…)
bench: install
	DEBUG=1 $(BIN)/python -m bench $(BENCH)

clean:
	rm -rf $(VENV) var db.sqlite3
