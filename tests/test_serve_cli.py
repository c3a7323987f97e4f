"""`mannheim-kg serve` says what it does on stderr (project, validating, conforms, loaded,
serving at), and `serve --get` takes request headers (-H) and shows the response's (-i)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

from server.cli.main import main
from server.config import PROJECT_ROOT
from server.store.oxigraph import OxigraphStore

DATA = Path(__file__).parent / "fixtures" / "sparql"  # people.ttl, places.trig
SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
<urn:shape:person> a sh:NodeShape ; sh:targetClass <http://example.org/Person> ;
    sh:property [ sh:path <http://example.org/age> ; sh:{constraint} 1 ] .
"""
AGES = "PREFIX ex: <http://example.org/> SELECT ?person ?age { ?person ex:age ?age } ORDER BY ?age"


@pytest.fixture
def serve_env(tmp_path, monkeypatch, free_port):
    """serve on the fixture data with conforming shapes; gunicorn replaced by a stub."""
    from server.web import wsgi

    started = []
    monkeypatch.setattr(wsgi.GunicornServer, "run", lambda self: started.append(self.settings))
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES.format(constraint="maxCount"), encoding="utf-8")
    env = {
        "MANNHEIM_KG_PORT": str(free_port),
        "MANNHEIM_KG_ONTOLOGY": "",
        "MANNHEIM_KG_DATA": str(DATA),
        "MANNHEIM_KG_SHAPES": str(shapes),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    return env, shapes, started


@pytest.fixture(scope="module")
def triples() -> int:
    return len(OxigraphStore.from_paths([DATA]))


def steps(stderr: str) -> list[str]:
    """stderr with the seconds made constant, for exact comparison."""
    return re.sub(r"in \d+\.\d s", "in X s", stderr).splitlines()


def test_serve_says_what_it_does(runner, serve_env, triples, tmp_path):
    env, _, started = serve_env
    result = runner.invoke(main, ["serve"], env=env)
    assert result.exit_code == 0, result.output
    assert steps(result.stderr) == [
        "validating 2 files against 1 shapes files …",
        "conforms in X s",
        f"loaded {triples} triples into memory in X s",  # once, shared by the forked worker
        f"serving at http://127.0.0.1:{env['MANNHEIM_KG_PORT']}/",
    ]
    assert result.stdout == ""
    again = runner.invoke(main, ["serve"], env=env)
    assert steps(again.stderr)[0] == (
        "conforms (remembered: the same files, shapes and code conformed before)"
    )
    store = tmp_path / "store"
    on_disk = runner.invoke(main, ["serve", "--store", str(store)], env=env)
    assert on_disk.exit_code == 0, on_disk.output
    assert steps(on_disk.stderr) == [  # the store keeps its own record of the validation
        "validating 2 files against 1 shapes files …",
        "conforms in X s",
        f"loaded {triples} triples into disk ({store}) in X s",
        f"serving at http://127.0.0.1:{env['MANNHEIM_KG_PORT']}/",
    ]
    assert len(started) == 3


def test_serve_on_violations_says_so_and_loads_nothing(runner, serve_env):
    env, shapes, started = serve_env
    shapes.write_text(SHAPES.format(constraint="minCount"), encoding="utf-8")
    result = runner.invoke(main, ["serve"], env=env)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "validating 2 files against 1 shapes files …"
    assert lines[-1] == "error: the data violate the shapes; not serving (--no-validate to force)"
    assert "carol" in result.stderr
    assert not any(line.startswith(("conforms", "loaded", "serving")) for line in lines)
    assert started == []


def test_serve_names_the_project_it_serves(
    runner, serve_env, project_copy, tmp_path_factory, monkeypatch, triples
):
    env, _, started = serve_env
    for name in ("MANNHEIM_KG_ONTOLOGY", "MANNHEIM_KG_DATA", "MANNHEIM_KG_SHAPES"):
        env[name] = None  # unset: the discovered project's folders
    shutil.copytree(DATA, project_copy / "data", dirs_exist_ok=True)
    monkeypatch.chdir(project_copy)
    here = runner.invoke(main, ["serve", "--no-validate"], env=env)
    assert here.exit_code == 0, here.output
    assert steps(here.stderr)[0] == f"using the project at {project_copy}"
    assert started[-1].data == (project_copy / "data",)
    monkeypatch.chdir(tmp_path_factory.mktemp("nowhere"))
    bundled = runner.invoke(main, ["serve", "--no-validate"], env=env)
    assert bundled.exit_code == 0, bundled.output
    assert steps(bundled.stderr)[0] == "using the bundled Mannheim graph"
    assert started[-1].data == (PROJECT_ROOT / "data",)  # a checkout is its own bundle
    given = runner.invoke(main, ["serve", "--data", str(DATA)], env=env)
    assert steps(given.stderr)[0] == f"loaded {triples} triples into memory in X s"


def get(runner, path: str, *options: str):
    return runner.invoke(main, ["serve", "--data", str(DATA), "--get", path, *options])


def head_and_body(text: str) -> tuple[list[str], str]:
    head, _, body = text.partition("\n\n")
    return head.splitlines(), body


def test_get_include_prints_status_and_headers_first(runner):
    result = get(runner, "/healthz", "--include")
    assert result.exit_code == 0, result.output
    head, body = head_and_body(result.stdout)
    assert head == [
        "HTTP/1.1 200 OK",
        "Content-Type: application/json",
        f"Content-Length: {len(body)}",
        "Vary: Authorization",  # what /healthz lists depends on the caller's token
    ]
    assert json.loads(body)["status"] == "ok"


def test_get_header_is_sent_and_repeatable(runner):
    path = "/sparql?query=" + quote(AGES)
    csv = get(runner, path, "-H", "Accept: text/csv", "-i")
    assert csv.exit_code == 0, csv.output
    head, body = head_and_body(csv.stdout)
    assert head[:2] == ["HTTP/1.1 200 OK", "Content-Type: text/csv; charset=utf-8"]
    assert body.splitlines()[0] == "person,age"
    etag = dict(line.split(": ", 1) for line in head[1:])["ETag"]
    unchanged = get(runner, path, "-H", "Accept: text/csv", "-H", f"If-None-Match: {etag}", "-i")
    assert unchanged.exit_code == 0, unchanged.output
    head, body = head_and_body(unchanged.stdout)
    assert head[0] == "HTTP/1.1 304 NOT MODIFIED"
    assert body == ""
    plain = get(runner, path, "--header", "Accept: text/tab-separated-values")
    assert plain.stdout.splitlines()[0] == "?person\t?age"  # no -i: the body alone


def test_get_include_of_an_error_goes_to_stderr(runner):
    result = get(runner, "/sparql?query=ASK%20%7B", "-i")
    assert result.exit_code == 1
    assert result.stdout == ""
    head, body = head_and_body(result.stderr)
    assert head[:2] == ["HTTP/1.1 400 BAD REQUEST", "Content-Type: text/plain; charset=utf-8"]
    assert body.startswith("400 Bad Request: ")
    assert result.stderr.splitlines()[-1] == "error: 400 BAD REQUEST"


@pytest.mark.parametrize(
    ("options", "complaint"),
    [
        (["--get", "/healthz", "-H", "Accept"], "Invalid value for --header: 'Accept' is not"),
        (["--get", "/healthz", "-H", " Accept: x"], "Invalid value for --header: ' Accept: x'"),
        (["-H", "Accept: text/csv"], "--header and --include go with --get PATH"),
        (["--include"], "--header and --include go with --get PATH"),
    ],
)
def test_get_options_misused_exit_2(runner, options, complaint):
    result = runner.invoke(main, ["serve", "--data", str(DATA), *options])
    assert result.exit_code == 2
    assert complaint in result.stderr
    assert result.stdout == ""


# -- make run: runtime dependencies only; --host/--port only when HOST/PORT are given --------


def make_run(*assignments: str, environ: dict[str, str] | None = None) -> list[str]:
    """The commands `make run` would execute (make -n) in a checkout without a venv yet."""
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if k not in ("HOST", "PORT")} | (environ or {})
    command = ["make", "-n", "-C", str(PROJECT_ROOT), "run", "VENV=/nonexistent", *assignments]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return [line for line in result.stdout.splitlines() if not line.startswith("make")]


@pytest.mark.skipif(shutil.which("make") is None, reason="no make here")
def test_make_run_installs_the_runtime_only_and_passes_only_given_addresses():
    commands = make_run()
    # the runtime and the faster SHACL engine, no [test] extra
    assert "/nonexistent/bin/pip install --quiet -e '.[turbo]'" in commands
    assert "touch /nonexistent/.installed-run" in commands  # not make test's .installed
    assert commands[-1].split() == ["/nonexistent/bin/mannheim-kg", "serve"]
    by_environment = make_run(environ={"MANNHEIM_KG_PORT": "5201"})
    assert by_environment[-1].split() == ["/nonexistent/bin/mannheim-kg", "serve"]  # 5201 applies
    given = make_run("PORT=5201", environ={"HOST": "::1"})
    assert given[-1].split()[2:] == ["--host", "::1", "--port", "5201"]
