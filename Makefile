# One place to look for commands. `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install install-test demo test lint format typecheck clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamp files make the install steps run once, and again whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/strife run examples/ --db demo.db
	$(BIN)/strife export --db demo.db --format acled-csv -o demo-events.csv
	@echo "incidents in demo.db; ACLED-style CSV in demo-events.csv"

test: install-test
	$(BIN)/pytest -q

lint: install-test
	$(BIN)/ruff check strife tests benchmarks
	$(BIN)/ruff format --check strife tests benchmarks
	$(BIN)/mypy

format: install-test
	$(BIN)/ruff format strife tests benchmarks
	$(BIN)/ruff check --fix strife tests benchmarks

clean:
	rm -rf $(VENV) build dist *.egg-info demo.db demo-events.csv strife.db
