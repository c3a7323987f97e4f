# Two set-up commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test lint bench bench-validate bench-load validate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# serve validates the bundled graph first and refuses to start on violations.
run: $(VENV)/.installed
	$(BIN)/mannheim-kg serve --host $(HOST) --port $(PORT)

test: $(VENV)/.installed lint
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check server tests
	$(BIN)/ruff format --check server tests
	$(BIN)/lint-imports

# Median latencies, pyoxigraph vs rdflib, bundled and synthetic ~170k-triple graphs (a few minutes).
bench: $(VENV)/.installed
	$(BIN)/python tests/benchmarks/bench_endpoint.py

# Median times of `mannheim-kg validate` (whole process and phases) and what SHACL-SPARQL costs.
bench-validate: $(VENV)/.installed
	$(BIN)/python tests/benchmarks/bench_validate.py

# The four load situations of issue 13 (cheap queries; with 2 pathological ones; 48 clients;
# 30 stalled connections), ours and Virtuoso's side by side when virtuoso-t is installed.
bench-load: $(VENV)/.installed
	$(BIN)/python tests/benchmarks/bench_load.py

validate: $(VENV)/.installed
	$(BIN)/mannheim-kg validate

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
