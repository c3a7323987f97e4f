"""The web interface in a real browser: Debian's Chromium driven by Playwright, against a
`mannheim-kg serve` on loopback, with axe-core checking every page.

Locally the tests skip (saying why) when Chromium, Playwright or the npm packages are
missing; with CI=true they fail instead, never skip. Screenshots go to artifacts/ (git-ignored).
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import time
import urllib.request
from pathlib import Path

import pytest

from server.config import PROJECT_ROOT

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
if not CHROMIUM.is_file() and shutil.which("chromium"):
    CHROMIUM = Path(shutil.which("chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
YASGUI = PROJECT_ROOT / "node_modules" / "@zazuko" / "yasgui" / "build" / "yasgui.min.js"
ARTIFACTS = PROJECT_ROOT / "artifacts"
CLUSTERS_EN = {
    "Mannheim Medical Technology Cluster",
    "Social Economy Cluster",
    "Cluster Smart Industries",
    "Green Industry Cluster",
}
#: The pages axe checks (each in both languages).
PAGES = [
    "/",
    "/sparql",
    "/sparql/table?query=SELECT%20*%20%7B%20%3Fs%20a%20%3Fo%20%7D%20LIMIT%205",
    "/queries/",
    "/queries/contacts?_run=1",
    "/pictures/network",
    "/pictures/timeline",
    "/doc/id/cluster/green-industry.html",
]


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    if not CHROMIUM.is_file():
        return f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"
    if not AXE.is_file() or not YASGUI.is_file():
        return "the npm packages are not installed (npm ci)"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(start_server):
    """The live server, once its query workers answer (serve starts them without waiting)."""
    live = start_server()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(live.url + "/", timeout=10) as response:
                if response.status == 200:
                    return live
        except OSError:
            time.sleep(0.5)
    pytest.fail("the landing page did not answer 200 within a minute")


class Visit:
    """A page in a fresh context that records CSP violations, page errors and outside requests."""

    def __init__(self, browser, base: str, **options) -> None:
        self.base = base
        self.context = browser.new_context(
            viewport=options.pop("viewport", {"width": 1200, "height": 900}),
            accept_downloads=True,
            **options,
        )
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.script_bytes = 0
        self.page.on("response", self._response)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("console", self._console)
        self.page.on("request", self._request)

    def _console(self, message) -> None:
        noted = "Content Security Policy" in message.text or message.type == "error"
        if noted and "favicon" not in message.text:
            self.problems.append(f"console {message.type}: {message.text}")

    def _response(self, response) -> None:
        if response.request.resource_type == "script":
            self.script_bytes += len(response.body())

    def _request(self, request) -> None:
        if not request.url.startswith((self.base, "data:", "blob:")):
            self.problems.append(f"request to another origin: {request.url}")

    def open(self, path: str):
        response = self.page.goto(self.base + path)
        return response

    def shoot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def axe(self) -> list[str]:
        """axe-core's serious and critical violations on the page (evaluated past the CSP)."""
        if not self.page.evaluate("() => typeof window.axe === 'object'"):
            self.page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
        result = self.page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        return [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:3])
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, server):
    visits: list[Visit] = []

    def make(**options) -> Visit:
        v = Visit(browser, server.url, **options)
        visits.append(v)
        return v

    yield make
    for v in visits:
        v.close()


def test_landing_page_switches_language_and_remembers_it(visit):
    v = visit(locale="en-GB")
    v.open("/")
    assert v.page.locator("html").get_attribute("lang") == "en"
    assert v.page.locator("h2#clusters-heading").inner_text() == "The four clusters"
    names = set(v.page.locator(".card h3").all_inner_texts())
    assert names == CLUSTERS_EN
    v.shoot("landing-en")
    v.page.get_by_role("link", name="Deutsch").click()
    v.page.wait_for_url(re.compile(r"lang=de"))
    assert v.page.locator("html").get_attribute("lang") == "de"
    assert v.page.locator("h2#clusters-heading").inner_text() == "Die vier Cluster"
    assert v.page.get_by_role("link", name="Abfragen", exact=True).is_visible()
    assert "Ansprechpersonen" in v.page.locator(".card").first.inner_text()
    v.shoot("landing-de")
    v.open("/queries/")  # no ?lang=: the cookie remembers German
    assert v.page.locator("h1").inner_text() == "Abfragekatalog"
    assert v.problems == []


def test_landing_page_has_no_phone_numbers(visit):
    v = visit(locale="de-DE")
    v.open("/")
    text = v.page.locator("main").inner_text()
    assert not re.search(r"tel:|\+49|\(0621\)|0621", text)
    assert v.page.locator("main a[href^='tel:']").count() == 0


def test_open_a_cluster_from_the_landing_page(visit):
    v = visit(locale="en-GB")
    v.open("/")
    link = v.page.locator(".card a.cluster-link", has_text="Green Industry Cluster")
    assert link.get_attribute("href") == "/id/cluster/green-industry"
    with v.page.expect_navigation():
        link.click()
    # /id/… is the thing: 303 See Other to its description (docs/publishing.md)
    assert v.page.url == v.base + "/doc/id/cluster/green-industry.html"
    assert "Green Industry Cluster" in v.page.locator("h1").inner_text()


def test_network_picture_links_are_keyboard_reachable_and_followed(visit):
    v = visit(locale="en-GB")
    v.open("/pictures/network")
    svg = v.page.locator("svg.picture")
    assert svg.get_attribute("aria-labelledby") == "network-title network-desc"
    for kind in ("Cluster", "Site", "Contact person"):
        assert v.page.locator("svg .legend text", has_text=kind).count() >= 1
    nodes = v.page.locator("svg a.node.cluster")
    assert nodes.count() == 4
    v.shoot("network")
    # Tab from the page's top until the focus reaches a cluster node of the picture.
    for _ in range(40):
        v.page.keyboard.press("Tab")
        focused = v.page.evaluate("() => document.activeElement.getAttribute('class')")
        if focused and "node" in focused:
            break
    else:
        pytest.fail("no node of the picture is reachable with the Tab key")
    href = v.page.evaluate("() => document.activeElement.getAttribute('href')")
    assert href.startswith("/id/")
    # The text alternative lists the same links as the picture.
    listed = set(
        v.page.locator("section[aria-labelledby='network-text'] a").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))"
        )
    )
    drawn = set(v.page.locator("svg a").evaluate_all("els => els.map(e => e.getAttribute('href'))"))
    assert drawn == listed
    with v.page.expect_navigation():
        v.page.keyboard.press("Enter")
    assert v.page.url == v.base + "/doc" + href + ".html"  # 303 to the page


def test_timeline_shows_each_date_at_its_precision(visit):
    v = visit(locale="de-DE")
    v.open("/pictures/timeline")
    marks = v.page.locator("svg a.fact")
    assert marks.count() >= 1
    precisions = set(marks.evaluate_all("els => els.map(e => e.getAttribute('class'))"))
    assert "fact year" in precisions
    texts = v.page.locator("table .when").all_inner_texts()
    for text, kind in zip(
        texts,
        v.page.locator("table .when").evaluate_all("els => els.map(e => e.className)"),
        strict=True,
    ):
        if kind == "when year":
            assert re.fullmatch(r"20[0-9]{2}", text)
        elif kind == "when season":
            assert re.fullmatch(r"(Frühjahr|Sommer|Herbst|Winter) 20[0-9]{2}", text)
    v.shoot("timeline")


def test_catalogue_query_from_its_form(visit):
    v = visit(locale="en-GB")
    v.open("/queries/contacts")
    select = v.page.get_by_label(re.compile("^cluster"))
    options = select.locator("option").all_inner_texts()
    assert "Green Industry Cluster" in options  # IRIs shown by their labels
    select.select_option(label="Green Industry Cluster")
    v.page.get_by_role("button", name="Run query").click()
    v.page.wait_for_url(re.compile(r"_run=1"))
    table = v.page.locator("table#query-result")
    assert table.is_visible()
    clusters = set(table.locator("tbody tr td:nth-child(1)").all_inner_texts())
    assert clusters == {"Green Industry Cluster"}
    assert v.page.locator("a", has_text="/api/queries/contacts").count() == 1
    v.shoot("catalogue-query")
    assert v.problems == []


def test_editor_runs_with_ctrl_enter_and_shows_labels(visit):
    v = visit(locale="en-GB")
    v.open("/sparql")
    editor = v.page.locator(".yasqe .CodeMirror")
    editor.wait_for()
    query = (
        "PREFIX mkg: <https://w3id.org/mannheim-kg/def/>\n"
        "SELECT ?cluster WHERE { ?cluster a mkg:Cluster } ORDER BY ?cluster"
    )
    v.page.evaluate("q => document.querySelector('.CodeMirror').CodeMirror.setValue(q)", query)
    editor.click()
    v.page.keyboard.press("Control+Enter")
    cells = v.page.locator(".yasr table a.iri[data-labelled]")
    cells.first.wait_for()
    v.page.wait_for_function(
        "() => document.querySelectorAll('.yasr table a.iri[data-labelled]').length === 4"
    )
    assert set(cells.all_inner_texts()) == CLUSTERS_EN
    hrefs = set(cells.evaluate_all("els => els.map(e => e.getAttribute('href'))"))
    assert "/id/cluster/green-industry" in hrefs
    v.shoot("editor-results")
    assert v.axe() == []  # the editor with a result table, too
    # CSV download of the result
    with v.page.expect_download() as download:
        v.page.locator(".yasr_downloadIcon").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text())))
    assert rows[0] == ["cluster"]
    assert sorted(r[0] for r in rows[1:]) == sorted(
        f"https://w3id.org/mannheim-kg/id/cluster/{slug}"
        for slug in ("green-industry", "medical-technology", "smart-industries", "social-economy")
    )
    assert v.problems == []
    # A result link leads to the resource page on this server.
    with v.page.expect_navigation():
        v.page.locator(".yasr table a.iri", has_text="Green Industry Cluster").click()
    assert v.page.url == v.base + "/doc/id/cluster/green-industry.html"


def test_editor_loads_catalogue_examples_and_queries_opened_from_the_catalogue(visit):
    v = visit(locale="en-GB")
    v.open("/queries/timeline")
    with v.page.expect_navigation():
        v.page.get_by_role("link", name="Open in the editor").click()
    v.page.locator(".yasqe .CodeMirror").wait_for()
    value = v.page.evaluate("() => document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert value.startswith("#+ summary: Timeline of the strategy and its clusters")
    examples = v.page.get_by_label("Examples from the catalogue")
    examples.select_option(examples.locator("option", has_text="(graphs)").get_attribute("value"))
    value = v.page.evaluate("() => document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert value == (PROJECT_ROOT / "queries" / "graphs.rq").read_text(encoding="utf-8")


def test_editor_completes_the_projects_prefixes(visit):
    v = visit(locale="en-GB")
    v.open("/sparql")
    editor = v.page.locator(".yasqe .CodeMirror")
    editor.wait_for()
    v.page.evaluate("() => document.querySelector('.CodeMirror').CodeMirror.setValue('')")
    editor.click()
    v.page.keyboard.type("PREFIX mk", delay=40)
    hint = v.page.locator(".CodeMirror-hints li")
    hint.first.wait_for()
    assert hint.all_inner_texts() == ["mkg: <https://w3id.org/mannheim-kg/def/>"]
    v.page.keyboard.press("Enter")
    # A known prefix typed in the query is declared on the fly.
    v.page.keyboard.press("Enter")
    v.page.keyboard.type("SELECT * { ?s vcard:", delay=20)
    v.page.wait_for_function(
        "() => document.querySelector('.CodeMirror').CodeMirror.getValue().includes('PREFIX vcard')"
    )
    text = v.page.evaluate("() => document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert text.splitlines()[:2] == [
        "PREFIX vcard: <http://www.w3.org/2006/vcard/ns#>",
        "PREFIX mkg: <https://w3id.org/mannheim-kg/def/>",
    ]
    assert v.problems == []


def test_editor_shows_a_broken_query_error_inline_and_keeps_it(visit):
    v = visit(locale="en-GB")
    v.open("/sparql")
    v.page.locator(".yasqe .CodeMirror").wait_for()
    broken = "SELECT ?s WHERE { ?s undeclared:p ?o }"
    v.page.evaluate("q => document.querySelector('.CodeMirror').CodeMirror.setValue(q)", broken)
    v.page.locator(".yasqe .CodeMirror").click()
    v.page.keyboard.press("Control+Enter")
    error = v.page.locator("#editor-error[role=alert]")
    error.wait_for()
    assert re.fullmatch(
        r"400 Bad Request: error at 1:[0-9]+: .+", error.locator("pre").inner_text()
    )
    kept = v.page.evaluate("() => document.querySelector('.CodeMirror').CodeMirror.getValue()")
    assert kept == broken
    v.shoot("editor-error")


def test_plain_form_shows_table_and_inline_errors(visit):
    v = visit(locale="en-GB", java_script_enabled=False)
    v.open("/sparql/table")
    v.page.get_by_label("Query").fill("SELECT ?s WHERE { ?s oops:p ?o }")
    v.page.get_by_role("button", name="Run").click()
    assert v.page.locator("#query-error").is_visible()
    assert "error at 1:" in v.page.locator("#query-error pre").inner_text()
    assert v.page.get_by_label("Query").input_value() == "SELECT ?s WHERE { ?s oops:p ?o }"
    v.page.get_by_label("Query").fill(
        "PREFIX mkg: <https://w3id.org/mannheim-kg/def/> SELECT ?c { ?c a mkg:Cluster }"
    )
    v.page.get_by_role("button", name="Run").click()
    labels = set(v.page.locator("table#query-result tbody a").all_inner_texts())
    assert labels == CLUSTERS_EN


def test_resource_page_switches_language(visit):
    v = visit(locale="en-GB")
    v.open("/id/cluster/green-industry")  # 303 to the HTML page
    assert v.page.url.endswith("/doc/id/cluster/green-industry.html")
    assert v.page.locator("html").get_attribute("lang") == "en"
    assert v.page.locator("h2#properties-heading").inner_text() == "Properties"
    unit = v.page.locator("a[href$='/id/unit/clustermanagement-green-industry']").first
    assert unit.inner_text() == "Cluster management of the Green Industry Cluster"
    v.page.get_by_role("link", name="Deutsch").click()
    v.page.wait_for_url(re.compile(r"green-industry\.html\?lang=de$"))
    assert v.page.locator("html").get_attribute("lang") == "de"
    assert v.page.locator("h2#properties-heading").inner_text() == "Eigenschaften"
    assert unit.inner_text() == "Clustermanagement Green Industry Cluster"
    assert v.page.locator("th a[href$='/def/clusterManagement']").inner_text() == (
        "Clustermanagement"
    )
    v.shoot("resource-de")
    assert v.problems == []


@pytest.mark.parametrize("lang", ["de", "en"])
def test_axe_finds_no_serious_violation_on_any_page(visit, lang):
    v = visit()
    found = {}
    for path in PAGES:
        v.script_bytes = 0
        v.open(path + ("&" if "?" in path else "?") + f"lang={lang}")
        if path == "/sparql":
            v.page.locator(".yasqe .CodeMirror").wait_for()
        violations = v.axe()
        if violations:
            found[path] = violations
        # No page but the editor carries JavaScript (the limit is 300 KB; these carry none).
        if path != "/sparql" and v.script_bytes:
            found[path] = [f"{v.script_bytes} bytes of JavaScript"]
    assert found == {}
    assert v.problems == []


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/queries/contacts?_run=1",
        "/pictures/network",
        "/sparql",
        "/doc/id/cluster/green-industry.html",
    ],
)
def test_pages_fit_a_narrow_screen(visit, path):
    v = visit(viewport={"width": 360, "height": 740})
    v.open(path)
    if path == "/sparql":
        v.page.locator(".yasqe .CodeMirror").wait_for()
    overflow = v.page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    if path == "/":
        v.shoot("landing-360")
