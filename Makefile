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
	$(BIN)/pip install --quiet -e ".[serve]"
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

# The dashboard's map libraries come from npm into node_modules/, never into the repo.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

install-test: $(VENV)/.installed-test node_modules/.installed

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
	rm -rf $(VENV) node_modules build dist *.egg-info demo.db demo-events.csv strife.db test-artifacts
