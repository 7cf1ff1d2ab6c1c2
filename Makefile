# newsgraph — set-up, tests, evaluation and benchmarks. Everything installs into ./.venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
DATA   := $(SHARED)/data

.PHONY: install browser demo test eval gate bench clean

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

# the browser the web UI tests drive: Debian's chromium (where it cannot be installed, those tests skip)
browser:
	@test -x /usr/bin/chromium || apt-get install -y -qq chromium >/dev/null 2>&1 \
	  || (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1) \
	  || echo "make: /usr/bin/chromium is missing and could not be installed: the browser tests will skip"

test: install browser
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/newsgraph eval all $(DATA) --markdown docs/EVAL.md

gate: install
	$(BIN)/newsgraph eval all $(DATA) --floors eval/floors.json

bench: install
	$(BIN)/newsgraph bench $(DATA)/polnear/dev/text --store 10000 --ray --markdown docs/BENCH.md

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
