"""`serve --store memory|DIR|URL` and `mannheim-kg load`: one option picks the backend, and
every backend serves the same files (the HTTP suites run on all three through the `backend`
fixture; this file checks the choosing and the loading)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from server.cli.main import main

DATA = Path(__file__).parent / "fixtures" / "sparql"


def healthz(runner, *store: str) -> dict:
    result = runner.invoke(main, ["serve", "--data", str(DATA), *store, "--get", "/healthz"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_memory_is_the_default(runner):
    assert healthz(runner)["backend"] == "memory"
    assert healthz(runner, "--store", "memory")["backend"] == "memory"


def test_a_folder_is_the_disk_store(runner, tmp_path):
    health = healthz(runner, "--store", str(tmp_path / "db"))
    assert health["backend"] == "disk" and health["triples"] == 14
    assert (tmp_path / "db" / "dataset.json").is_file()


def test_load_then_serve_from_virtuoso(runner, virtuoso):
    virtuoso.ensure()
    result = runner.invoke(
        main,
        [
            "load",
            virtuoso.graph_store,
            "--auth",
            "digest",
            "--user",
            "dba:dba",
            "--data",
            str(DATA),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"14 triples in 2 graphs loaded into {virtuoso.graph_store}"
    health = healthz(runner, "--store", virtuoso.sparql)
    assert health["backend"] == "remote" and health["triples"] == 14 and health["graphs"] == 2


def test_load_with_wrong_credentials_is_a_clear_error(runner, virtuoso):
    virtuoso.ensure()
    result = runner.invoke(
        main,
        [
            "load",
            virtuoso.graph_store,
            "--auth",
            "digest",
            "--user",
            "dba:wrong",
            "--data",
            str(DATA),
        ],
    )
    assert result.exit_code == 2
    assert "HTTP 401" in result.output and "loading <" in result.output


@pytest.mark.parametrize(
    "bad", ["SELECT * { ?s ?p }", "PREFIX bif: <bif:> SELECT (bif:sprintf('%d', 1) AS ?x) {}"]
)
def test_refusals_are_the_same_on_every_backend(runner, virtuoso, tmp_path, bad):
    """A malformed query, an engine procedure: the same status on every backend."""
    from urllib.parse import quote

    remote = virtuoso.load([DATA])
    statuses = []
    for store in ((), ("--store", str(tmp_path / "db")), ("--store", remote)):
        result = runner.invoke(
            main, ["serve", "--data", str(DATA), *store, "--get", "/sparql?query=" + quote(bad)]
        )
        statuses.append(result.stderr.splitlines()[-1])
    assert len(set(statuses)) == 1 and statuses[0].startswith("error: 400")
