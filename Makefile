# Two set-up commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test lint bench bench-validate validate clean

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

# Median latencies over HTTP, interleaved: ours on memory, disk and remote (Virtuoso) against
# rdflib-endpoint and Virtuoso directly, at the bundled graph and ~170k triples (a few minutes;
# BENCH_ARGS="--sizes kg,170k,1m" adds the million). Virtuoso: apt-get install virtuoso-opensource.
BENCH_ARGS ?=
$(VENV)/.bench: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

bench: $(VENV)/.bench
	$(BIN)/python tests/benchmarks/bench_endpoint.py $(BENCH_ARGS)

# Median times of `mannheim-kg validate` (whole process and phases) and what SHACL-SPARQL costs.
bench-validate: $(VENV)/.installed
	$(BIN)/python tests/benchmarks/bench_validate.py

validate: $(VENV)/.installed
	$(BIN)/mannheim-kg validate

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
