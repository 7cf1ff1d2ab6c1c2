# newsgraph — set-up, tests, evaluation and benchmarks. Everything installs into ./.venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
DATA   := $(SHARED)/data

.PHONY: install demo test eval gate bench clean

# The venv is rebuilt when the pinned dependencies or the project metadata change.
$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip setuptools
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/newsgraph extract --summary examples

test: install
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/newsgraph eval all $(DATA) --markdown docs/EVAL.md

gate: install
	$(BIN)/newsgraph eval all $(DATA) --floors eval/floors.json

bench: install
	$(BIN)/newsgraph bench $(DATA)/polnear/dev/text --store 10000 --markdown docs/BENCH.md

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
