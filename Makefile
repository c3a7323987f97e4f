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

# The SPARQL editor (YASGUI) and axe-core for the browser tests, pinned in package-lock.json.
# Without npm the pages still work: /sparql falls back to a plain form.
NPM_STAMP := node_modules/.package-lock.json
$(NPM_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: the SPARQL editor falls back to a plain form"; fi

# serve validates the bundled graph first and refuses to start on violations.
run: $(VENV)/.installed $(NPM_STAMP)
	$(BIN)/mannheim-kg serve --host $(HOST) --port $(PORT)

test: $(VENV)/.installed $(NPM_STAMP) lint
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

validate: $(VENV)/.installed
	$(BIN)/mannheim-kg validate

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
