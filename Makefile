# factcheck: the front door. `make help` lists every target.
# The two commands a new user needs:  make report   and   make test

SHELL       := /bin/bash
PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
FACTCHECK   := $(BIN)/factcheck
CLAIM       ?= dprk-kursk-casualties-6000
FORMATS     ?= html,pdf
# `make -j N reports` passes N on to factcheck, which renders up to N claims at once (capped at
# the number of cores, so `make -j 100 reports` works too).
JOBS        ?= $(or $(patsubst -j%,%,$(filter -j%,$(MAKEFLAGS))),2)
PIP_FLAGS   := --disable-pip-version-check --no-input -q

.DEFAULT_GOAL := help
.PHONY: help setup setup-test report reports render validate verdict review claim list test test-fast lint format bench lab clean lock system-deps bytecode

## help: list every target with one line each
help:
	@awk 'BEGIN {FS = ": "} /^## / {sub(/^## /, ""); split($$0, a, ": "); printf "  \033[1m%-14s\033[0m %s\n", a[1], substr($$0, length(a[1]) + 3)}' $(MAKEFILE_LIST)

# The venv is rebuilt when its lock file changes; the stamp records which lock it was built from.
$(VENV)/.runtime-stamp: requirements/runtime.txt requirements/build.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing the pinned runtime into $(VENV) (first run only; about a minute)..."
	$(BIN)/pip install $(PIP_FLAGS) -r requirements/build.txt -r requirements/runtime.txt
	$(BIN)/pip install $(PIP_FLAGS) --no-deps --no-build-isolation -e .
	@touch $@

$(VENV)/.test-stamp: requirements/test.txt $(VENV)/.runtime-stamp
	$(BIN)/pip install $(PIP_FLAGS) -r requirements/test.txt
	@touch $@

## setup: create .venv with the pinned runtime (make report does this for you)
setup: $(VENV)/.runtime-stamp bytecode

## setup-test: add the pinned test tools to .venv (make test does this for you)
setup-test: $(VENV)/.test-stamp bytecode

# The package's bytecode, compiled ahead (0.04 s when nothing changed). An editable install
# leaves it to the first import, which never writes it where PYTHONDONTWRITEBYTECODE is set
# (as in some containers): every command, kernel and test process then compiled the package
# again, about 0.2 s of CPU a render. An edited file is still compiled afresh as it is imported.
# Only an optimisation: a read-only tree, or a file with a syntax error, is left to the import
# (which names the error), so nothing here stops a command.
bytecode: $(VENV)/.runtime-stamp
	@$(BIN)/python -m compileall -q src > /dev/null || true

## report: set up if needed, then render the default claim to reports/<claim>/ (CLAIM=id to choose)
report: setup
	$(FACTCHECK) render $(CLAIM) --format $(FORMATS)

## reports: render every claim that changed, then reports/index.html (make -j N reports is safe)
reports: setup
	$(FACTCHECK) render --all --jobs $(JOBS) --format $(FORMATS)

## validate: check every file under data/ and list all problems at once (CLAIM=id: that claim only)
validate: setup
	$(FACTCHECK) validate $(if $(filter command line,$(origin CLAIM)),$(CLAIM))

## verdict: print the derived verdict for CLAIM (add ARGS=--json for machine-readable output)
verdict: setup
	$(FACTCHECK) verdict $(CLAIM) $(ARGS)

## list: show every claim with its current label
list: setup
	$(FACTCHECK) list

## claim: start a new claim file from the commented template (make claim ID=my-claim-id [NOTEBOOK=1])
claim: setup
	@test -n "$(ID)" || { echo "usage: make claim ID=my-claim-id" >&2; exit 2; }
	$(FACTCHECK) new-claim $(ID) $(if $(NOTEBOOK),--notebook)

## review: render the analysts' evidence review notebook to reports/_review/
review: setup
	$(FACTCHECK) review

## test: set up if needed, then run the whole test suite (lint included)
# Whole modules per worker (module-scoped renders are built once), in collection order
# (tests/conftest.py puts the modules that execute notebooks first; xdist would otherwise
# hand out the modules with the most tests first, leaving the long renders for the end).
test: setup-test lint
	$(BIN)/pytest -n 2 --dist loadfile --no-loadscope-reorder

## test-fast: the unit tests only, without notebook execution or browsers
test-fast: setup-test
	$(BIN)/pytest -n 2 -m "not slow and not browser"

## lint: ruff over src/, tests/, scripts/ and the notebooks, and the layering (import-linter)
lint: setup-test
	$(BIN)/ruff check src tests scripts notebooks
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/lint-imports --no-cache

## format: let ruff fix style in place
format: setup-test
	$(BIN)/ruff check --fix src tests scripts notebooks
	$(BIN)/ruff format src tests scripts

## bench: print every benchmark target, met or not (BENCH_ARGS="--only noop,scale --claims 10,20" for some rows)
BENCH_ARGS ?=
bench: setup-test
	$(BIN)/python scripts/bench.py --runs 3 --json bench-results/bench.json $(BENCH_ARGS)

## lab: install the optional Jupyter extra in .venv-lab and open JupyterLab with this project's kernel
lab: setup
	@test -x .venv-lab/bin/python || $(PYTHON) -m venv .venv-lab
	.venv-lab/bin/pip install $(PIP_FLAGS) -r requirements/build.txt -r requirements/lab.txt
	.venv-lab/bin/pip install $(PIP_FLAGS) --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --user --name factcheck --display-name "factcheck (.venv)"
	.venv-lab/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) --ServerApp.root_dir=notebooks

## system-deps: Debian's chromium, poppler-utils and libharfbuzz-subset0 (browser test, PDF pages; the last to test that it changes no PDF; root)
system-deps:
	@command -v chromium >/dev/null && command -v pdftoppm >/dev/null && ldconfig -p | grep -q libharfbuzz-subset || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium poppler-utils fonts-dejavu-core libharfbuzz-subset0 >/dev/null; }

## lock: re-resolve requirements/*.txt from pyproject.toml (then commit them)
lock: setup
	$(BIN)/pip install $(PIP_FLAGS) pip-tools
	for extra in runtime test lab; do \
	  flags=""; [ $$extra = test ] && flags="--extra test --extra cluster"; [ $$extra = lab ] && flags="--extra test --extra lab"; \
	  $(BIN)/pip-compile -q --no-strip-extras --no-header --no-emit-index-url --no-emit-find-links \
	    --annotation-style=line --generate-hashes $$flags -o requirements/$$extra.txt pyproject.toml; \
	  sed -i -E 's| \(/[^)]*pyproject.toml\)| (pyproject.toml)|' requirements/$$extra.txt; \
	done

## clean: remove generated reports (keeps the venv)
clean:
	find reports -mindepth 1 -not -name .gitkeep -exec rm -rf {} +
