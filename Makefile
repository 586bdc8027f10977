# netweave task runner: CI calls `make test` too (see .ci/run).
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
PYTHON ?= $(shell command -v python3.11 || command -v python3)

.PHONY: setup run test lint typecheck pytest browser bench docs screenshots clean fuzz reliability

# `make run` needs only the app (small, no machine-learning runtime); `make setup` and
# `make test` add the development tools and the optional extras (MiniLM, faiss) so they are
# tested too.
setup: $(DEV_STAMP)

$(BIN)/python:
	@bash tools/check_python.sh "$(PYTHON)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[postgres]'
	@touch $(RUN_STAMP)

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(RUN_STAMP) $(DEV_STAMP)

run: $(RUN_STAMP)
	$(BIN)/netweave demo --if-empty
	$(BIN)/netweave serve

lint: setup
	$(BIN)/ruff check src tests tools bench
	$(BIN)/ruff format --check src tests tools bench

typecheck: setup
	$(BIN)/mypy

browser:
	@bash tools/ensure_chromium.sh

pytest: setup browser
	$(BIN)/pytest

test: lint typecheck pytest

# atheris on raw bytes, 100,000 inputs per importer format (#11; ~1 min per format here)
fuzz: setup
	$(BIN)/python tools/fuzz.py all --runs 100000

# the reliability suite on its own (#11): it also runs inside `make test`
reliability: setup browser
	$(BIN)/pytest tests/reliability

bench: setup
	$(BIN)/python bench/run.py

docs: setup
	$(BIN)/python tools/cli_reference.py

screenshots: setup browser
	$(BIN)/python tools/screenshots.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
