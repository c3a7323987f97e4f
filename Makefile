# Two set-up commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# HOST and PORT (make run PORT=5201, or from the environment) are passed to serve only when
# given, so that MANNHEIM_KG_HOST / MANNHEIM_KG_PORT and the defaults (127.0.0.1:5000) apply.
HOST   ?=
PORT   ?=

.PHONY: run test lint docs cog bench bench-validate bench-load validate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Two marker files: .installed-run for the runtime dependencies (make run), .installed for
# those plus the test extra (make test and the rest); neither stands in for the other.
$(VENV)/.installed: pyproject.toml setup.py | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,docs]'
	touch $@

# The SPARQL editor (YASGUI) and axe-core for the browser tests, pinned in package-lock.json.
# Without npm the pages still work: /sparql falls back to a plain form.
NPM_STAMP := node_modules/.package-lock.json
$(NPM_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; \
	else echo "npm not found: the SPARQL editor falls back to a plain form"; fi

$(VENV)/.installed-run: pyproject.toml setup.py | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[turbo]'
	touch $@

# serve validates the project's graph first and refuses to start on violations.
run: $(VENV)/.installed-run $(NPM_STAMP)
	@echo "public: curl -L -H 'Accept: text/turtle' http://$(or $(HOST),127.0.0.1):$(or $(PORT),5000)/id/cluster/green-industry"
	@echo "staff:  MANNHEIM_KG_TOKENS=s3cret make run, then"
	@echo "        curl -H 'Authorization: Bearer s3cret' http://$(or $(HOST),127.0.0.1):$(or $(PORT),5000)/api/queries/contacts"
	$(BIN)/mannheim-kg serve $(if $(HOST),--host $(HOST)) $(if $(PORT),--port $(PORT))

test: $(VENV)/.installed $(NPM_STAMP) lint docs
	$(BIN)/python -m pytest

# The documentation site, into site/; --strict: a broken link or anchor fails the build
# (not --quiet: it hides the warnings that --strict counts).
docs: $(VENV)/.installed
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# Regenerate the generated parts of docs/ (the CLI reference from the real --help);
# tests/test_docs.py fails while they are stale.
cog: $(VENV)/.installed
	$(BIN)/cog -r docs/cli.md

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

# The four load situations of issue 13 (cheap queries; with 2 pathological ones; 48 clients;
# 30 stalled connections), ours and Virtuoso's side by side when virtuoso-t is installed.
bench-load: $(VENV)/.installed
	$(BIN)/python tests/benchmarks/bench_load.py

validate: $(VENV)/.installed
	$(BIN)/mannheim-kg validate

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache site
