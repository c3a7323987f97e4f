"""The README stays a front door and the documentation site stays true: the README's example
prints what it shows, its links exist, the CLI reference is the real `--help`, the layers page
is the import-linter contract, and the site builds strictly and loads nothing from the internet."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from cogapp import Cog

from server.cli.main import main
from server.config import PROJECT_ROOT
from server.web.app import create_app

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
DOCS = PROJECT_ROOT / "docs"
CLI_REFERENCE = DOCS / "cli.md"
# not --quiet: it hides the warnings that --strict counts
MKDOCS = [str(Path(sys.executable).with_name("mkdocs")), "build", "--strict"]


def test_the_readme_is_a_front_door():
    assert len(README.splitlines()) <= 150
    for heading in ("**Deutsch.**", "**English.**", "make run", "make test", "## Try it"):
        assert heading in README, heading


def test_every_docs_link_of_the_readme_exists():
    links = re.findall(r"\]\((docs/[^)#\s]+)(?:#[^)]*)?\)", README)
    assert len(links) >= 7  # one for each page of the site
    for link in links:
        assert (PROJECT_ROOT / link).is_file(), link
    nav = yaml.safe_load((PROJECT_ROOT / "mkdocs.yml").read_text("utf-8"))["nav"]
    pages = {page for entry in nav for page in entry.values()}
    assert {link.removeprefix("docs/") for link in links} <= pages


def test_the_try_it_example_prints_what_the_readme_shows(runner):
    block = re.search(
        r"## Try it\n.*?```console\n\$ \.venv/bin/mannheim-kg (.*?)\n(.*?)```", README, re.S
    )
    args, shown = block.group(1).split(), block.group(2)
    unset = {f"MANNHEIM_KG_{key}": None for key in ("QUERIES", "DATA", "ONTOLOGY")}
    result = runner.invoke(main, args, env=unset)
    assert result.exit_code == 0, result.output
    assert result.stdout == shown


def test_the_readme_curl_examples_answer(settings):
    """The two curl lines of "Try it", through the app: the catalogue API and /sparql."""
    client = create_app(replace(settings, workers=0)).test_client()  # queries run in-process
    api = re.search(r"curl '(?:http://127\.0\.0\.1:5000)(/api/[^']+)' -H 'Accept: ([^']+)'", README)
    sparql = re.search(
        r"curl -G http://127\.0\.0\.1:5000(/sparql) -H 'Accept: ([^']+)' \\\n"
        r"\s+--data-urlencode 'query=([^']+)'",
        README,
    )
    assert api and sparql
    response = client.get(api.group(1), headers={"Accept": api.group(2)})
    assert response.status_code == 200, response.text
    assert response.mimetype == "text/csv"
    assert response.text.splitlines()[0] == "organisation,label,clusters,cluster,links"
    assert len(response.text.splitlines()) == 1 + 8  # the 8 rows shown above
    response = client.get(
        sparql.group(1),
        query_string={"query": sparql.group(3)},
        headers={"Accept": sparql.group(2)},
    )
    assert response.status_code == 200, response.text
    assert sorted(response.text.splitlines()[1:]) == [
        f"https://w3id.org/mannheim-kg/id/cluster/{name}"
        for name in ("green-industry", "medical-technology", "smart-industries", "social-economy")
    ]


def test_the_readme_map_names_the_layers_in_their_order():
    layers = _contract("layers")["layers"]
    flat = " ".join(README.split())
    names = " → ".join(layer.replace("server.", "") for layer in layers)
    assert names.replace("cli → web", "cli, web") in flat


def _contract(kind: str) -> dict:
    """The import-linter contract of this type in pyproject.toml (the first, if several)."""
    config = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text("utf-8"))
    return next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == kind)


def test_the_architecture_page_lists_the_layers_of_the_contract():
    page = (DOCS / "architecture.md").read_text("utf-8")
    rows = re.findall(r"^\| `(server\.[a-z]+(?: \\\| server\.[a-z]+)?)` \|", page, re.M)
    assert [row.replace("\\|", "|") for row in rows] == _contract("layers")["layers"]
    forbidden = _contract("forbidden")
    assert forbidden["forbidden_modules"] == ["flask", "werkzeug"]
    assert "nothing outside `server.web` imports Flask or werkzeug" in page


def _cog_check() -> int:
    """cog --check in this process: 0 when docs/cli.md holds what the commands print now."""
    return Cog().main(["cog", "--check", str(CLI_REFERENCE)])


def test_the_cli_reference_is_the_real_help():
    assert _cog_check() == 0, "docs/cli.md is stale: run `make cog`"
    text = CLI_REFERENCE.read_text("utf-8")
    for name in main.commands:
        assert f"## mannheim-kg {name}\n" in text, name
        assert f"Usage: mannheim-kg {name} [OPTIONS]" in text, name


def test_the_cli_reference_check_fails_on_a_changed_help(monkeypatch):
    monkeypatch.setattr(main.commands["summary"], "help", "A changed help text.")
    assert _cog_check() != 0


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site as `make docs` builds it, into a temporary folder (strict: warnings fail)."""
    target = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run(
        [*MKDOCS, "--site-dir", str(target)], cwd=PROJECT_ROOT, env=env, capture_output=True
    )
    assert built.returncode == 0, built.stderr.decode()
    return target


def test_the_site_builds_strictly_with_every_page(site):
    for page in DOCS.glob("*.md"):
        assert (site / page.with_suffix(".html").name).is_file(), page.name
    assert (site / "validate-report.schema.json").is_file()


def test_the_site_loads_nothing_from_the_internet(site):
    for page in site.glob("*.html"):
        html = page.read_text("utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            if "<link" in tag and re.search(r'rel="?(canonical|alternate)', tag):
                continue
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag), (page.name, tag)
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page.name
        # material fetches mermaid from a CDN for a mermaid block: there must be none
        assert 'class="mermaid"' not in html, page.name


def test_the_broken_link_check_fails(tmp_path):
    """--strict really fails: the same configuration with a page that links nowhere."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# x\n\n[gone](missing.md)\n", encoding="utf-8")
    config = yaml.safe_load((PROJECT_ROOT / "mkdocs.yml").read_text("utf-8"))
    config["nav"] = [{"Home": "index.md"}]
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run(MKDOCS, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert built.returncode == 1
    assert "missing.md" in built.stderr
