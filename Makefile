# netweave task runner: CI calls `make test` too (see .ci/run).
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXTRAS ?= dev
PYTHON ?= $(shell command -v python3.11 || command -v python3)

.PHONY: setup run test lint typecheck pytest browser bench docs screenshots clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@bash tools/check_python.sh "$(PYTHON)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	@touch $(STAMP)

run: setup
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

bench: setup
	$(BIN)/python bench/run.py

docs: setup
	$(BIN)/python tools/cli_reference.py

screenshots: setup browser
	$(BIN)/python tools/screenshots.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
