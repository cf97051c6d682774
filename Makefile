# The tech-controls briefing. `make` alone lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
KERNEL := $(VENV)/share/jupyter/kernels/briefing/kernel.json
# JupyterLab is for `make lab` only, so it is installed on first use (pinned by requirements.lock).
LAB := $(VENV)/.jupyterlab
# Jupyter refuses to run as root without --allow-root (containers and CI machines run as root).
ALLOW_ROOT = $(if $(filter 0,$(shell id -u)),--allow-root)
AS_OF ?=
FOCUS ?= JP

.DEFAULT_GOAL := help
.PHONY: help setup system briefing test test-fast lint bench lab serve publish lock clean messages

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: $(INSTALLED) $(KERNEL) system ## Create .venv with the pinned dependencies, the system packages and the Jupyter kernel

$(INSTALLED): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --constraint requirements.lock --editable '.[test]'
	touch $@

$(KERNEL): $(INSTALLED)
	$(BIN)/python -m ipykernel install --sys-prefix --name briefing --display-name "Python (briefing)"

# After .venv: the browser driver's libraries are checked in it.
system: $(INSTALLED) ## Install what is missing of Chromium and the browser driver's libraries (apt-get)
	@scripts/ensure-system-packages.sh $(VENV)

briefing: setup ## Set up, then build the site and the PDF into reports/site (AS_OF=YYYY-MM-DD FOCUS=JP)
	$(BIN)/briefing build $(if $(AS_OF),--as-of $(AS_OF)) --focus $(FOCUS)

# Two pytest-xdist workers, each taking whole modules (their fixtures are made once) in the
# order tests/conftest.py sorts them (first those that wait for no build); the
# session's builds are made once for both (tests/support/shared.py).
test: setup ## Set up, then run the test suite
	$(BIN)/pytest -n 2 --dist loadscope --no-loadscope-reorder

test-fast: setup ## Set up, then run the tests that build nothing and start no notebook or browser
	$(BIN)/pytest -m "not e2e" -n 2

lint: $(INSTALLED) ## Check the code style (ruff) and the import layers (import-linter)
	$(BIN)/ruff check src tests notebooks benchmarks
	$(BIN)/ruff format --check src tests notebooks benchmarks
	$(if $(wildcard $(BIN)/lint-imports),$(BIN)/lint-imports,@echo "import-linter is not installed: import layers not checked")

# Babel: the messages of the package and the notebooks' captions into the template, then into
# each language's catalog (a changed English message keeps its old translation, marked fuzzy:
# the suite fails until a translator confirms it).
LOCALE := src/briefing/locale
messages: $(INSTALLED) ## Extract the messages to translate and update the catalogs (src/briefing/locale/*/LC_MESSAGES/briefing.po)
	$(BIN)/pybabel extract -F babel.cfg -k N_ --no-location --sort-output --project "The tech-controls briefing" -o $(LOCALE)/briefing.pot src/briefing notebooks
	$(BIN)/pybabel update -i $(LOCALE)/briefing.pot -d $(LOCALE) -D briefing --no-wrap

bench: setup ## Measure build times against a naive pipeline; writes benchmarks/results.json
	$(BIN)/python benchmarks/run.py

lab: setup $(LAB) ## Start JupyterLab with the project's kernel
	$(BIN)/jupyter lab $(strip $(ALLOW_ROOT) notebooks/)

$(LAB): $(INSTALLED)
	$(BIN)/python -m pip install --quiet --constraint requirements.lock jupyterlab
	touch $@

serve: ## Preview the built site on http://localhost:8000
	$(BIN)/python -m http.server --directory reports/site --bind 127.0.0.1 8000

publish: setup ## Push the built site (PDF included) to the gh-pages branch
	$(BIN)/briefing publish

lock: ## Re-pin every dependency into requirements.lock (after editing pyproject.toml)
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet '.[test]' jupyterlab
	.lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^tech-controls-briefing' > requirements.lock
	rm -rf .lock-venv build

clean: ## Remove what the build writes (in reports/ and assets/)
	rm -rf reports/site reports/executed reports/downloads reports/failed reports/.image-cache reports/.pandoc-cache
	rm -rf reports/.staging-* reports/.*@* reports/.validated.json reports/.build.lock assets
