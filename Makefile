# The tech-controls briefing. `make` alone lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
KERNEL := $(VENV)/share/jupyter/kernels/briefing/kernel.json
AS_OF ?=
FOCUS ?= JP

.DEFAULT_GOAL := help
.PHONY: help setup chromium briefing test bench lab serve publish lock clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: $(INSTALLED) $(KERNEL) chromium ## Create .venv with the pinned dependencies, Chromium and the Jupyter kernel

$(INSTALLED): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --constraint requirements.lock --editable '.[test]'
	touch $@

$(KERNEL): $(INSTALLED)
	$(BIN)/python -m ipykernel install --sys-prefix --name briefing --display-name "Python (briefing)"

chromium: ## Install Debian's chromium (static chart images, browser tests) if it is missing
	@scripts/ensure-chromium.sh

briefing: setup ## Set up, then build the site and the PDF into reports/site (AS_OF=YYYY-MM-DD FOCUS=JP)
	$(BIN)/briefing build $(if $(AS_OF),--as-of $(AS_OF)) --focus $(FOCUS)

test: setup ## Set up, then run the test suite
	$(BIN)/pytest

bench: setup ## Measure build times against a naive pipeline; writes benchmarks/results.json
	$(BIN)/python benchmarks/run.py

lab: setup ## Start JupyterLab with the project's kernel
	$(BIN)/python -m pip install --quiet --constraint requirements.lock jupyterlab
	$(BIN)/jupyter lab notebooks/

serve: ## Preview the built site on http://localhost:8000
	$(BIN)/python -m http.server --directory reports/site --bind 127.0.0.1 8000

publish: setup ## Push the built site (PDF included) to the gh-pages branch
	$(BIN)/briefing publish

lock: ## Re-pin every dependency into requirements.lock (after editing pyproject.toml)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet '.[test]' jupyterlab
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^tech-controls-briefing' > requirements.lock
	rm -rf .lock-venv build

clean: ## Remove build products (reports/, assets/)
	rm -rf reports/site reports/executed reports/.staging assets
