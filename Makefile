# Two commands for a fresh machine with Python 3.11+ (see README.md):
#   make demo   set up .venv and build the documents of the built-in example lab into ./labkit-demo
#   make test   set up .venv and run lint, type checks, the docs build and the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PLUGINS := $(sort $(wildcard plugins/labkit-*))
STAMP := $(VENV)/.installed

# Tests run on every core (pytest-xdist), a test module (or plugin test class) on one worker, so module fixtures
# such as one LibreOffice call for a module's documents run once. PYTEST_WORKERS=0 runs them in this process.
PYTEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadscope
# The fast lane while developing: everything but the slow tests (fresh virtual environments, LibreOffice,
# the browser, the publication proofreading). make test and CI run them all.
FAST := not slow and not libreoffice and not browser and not publication

.PHONY: setup demo test test-fast lint typecheck docs pytest publication benchmark clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml $(addsuffix /pyproject.toml,$(PLUGINS))
	@# Older checkouts installed labkit under the distribution name "labkit" (now labkit-core): remove that copy.
	$(BIN)/python -m pip uninstall --quiet --yes labkit 2>/dev/null || true
	$(BIN)/python -m pip install --quiet -e ".[dev]" $(foreach p,$(PLUGINS),-e $(p))
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/labkit demo --out labkit-demo

lint: setup
	$(BIN)/ruff check src tests plugins tools examples benchmarks docs/_hooks
	$(BIN)/ruff format --check src tests plugins tools examples benchmarks docs/_hooks

typecheck: setup
	$(BIN)/mypy

docs: setup
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet --site-dir $(VENV)/site

pytest: setup
	$(PYTEST)

# Render every document of every installed method and of the demo lab in sv and en, print them to PDF with
# LibreOffice and proofread the pages (also part of `make test`). LABKIT_PUBLICATION_DIR=dir keeps the files.
publication: setup
	$(BIN)/pytest -m publication tests/publication

test: lint typecheck docs pytest

test-fast: lint typecheck
	$(PYTEST) -m "$(FAST)"

benchmark: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) labkit-demo .pytest_cache .mypy_cache .ruff_cache
