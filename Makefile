# Two commands for a new user on a fresh machine:
#   make demo   installs eventwire into .venv and runs it on the bundled (synthetic) sample
#   make test   installs eventwire with its test tools into .venv and runs the linter and the whole suite:
#               it installs Debian's postgresql and chromium for the store and browser tests when it can
#               (root or passwordless sudo), else stops naming what is missing (scripts/check_test_deps.py);
#               `make test SKIP_BROWSER=1` / `SKIP_POSTGRES=1` leave a half out, and say so loudly
#   make serve  stores the samples and serves the web page and the API on http://127.0.0.1:8000/
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: install demo serve test lint bench gate schema clean

$(BIN)/eventwire: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/eventwire

demo: install
	$(BIN)/eventwire extract examples/sample.jsonl --format summary

# The web page and the API on the bundled samples: http://127.0.0.1:8000/
serve: install
	$(BIN)/eventwire ingest examples/sample.jsonl examples/followups.jsonl --db examples.db --workers 1
	$(BIN)/eventwire serve --db examples.db

lint: install
	$(BIN)/ruff check src tests benchmarks scripts

test: lint
	SKIP_BROWSER=$(SKIP_BROWSER) SKIP_POSTGRES=$(SKIP_POSTGRES) \
	  $(BIN)/python scripts/check_test_deps.py -- $(BIN)/python -m pytest $(PYTEST_ARGS)

# Accuracy and speed on the public gold data in ../shared/benchmarks (rewrites BENCHMARKS.md).
bench: install
	$(BIN)/python benchmarks/run_all.py

# Fails when a benchmark number falls below its floor in benchmarks/floors.json.
gate: install
	$(BIN)/python benchmarks/run_all.py --gate

schema: install
	$(BIN)/python -m eventwire.schema

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
