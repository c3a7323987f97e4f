"""Page weights and time to first render of the web interface, in Debian's Chromium.

Starts `mannheim-kg serve` on a free loopback port, opens each page RUNS times in a fresh
browser context (empty cache), and prints per page the median first contentful paint
(Performance API), the median load event, the bytes of HTML, CSS and JavaScript (decoded),
and all bytes as sent (compressed where the server compresses).
With --screenshots DIR it also writes the documentation's screenshots there.

    python tests/benchmarks/bench_pages.py [--runs 5] [--screenshots docs/img]
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = [
    "/",
    "/sparql",
    "/queries/",
    "/queries/contacts?_run=1",
    "/pictures/network",
    "/pictures/timeline",
    "/sparql/table?query=SELECT%20*%20%7B%3Fs%20a%20%3Fo%7D%20LIMIT%2020",
]
KINDS = {"document": "html", "stylesheet": "css", "script": "js"}


def serve() -> tuple[str, subprocess.Popen]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(Path(sys.executable).with_name("mannheim-kg")), "serve", "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/", timeout=10) as response:
                if response.status == 200:
                    return base, process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("the server did not start")


def measure(browser, url: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sizes: dict[str, int] = {}

    def count(response) -> None:
        kind = KINDS.get(response.request.resource_type, "other")
        with contextlib.suppress(Exception):  # a redirect or aborted response has no body
            sizes[kind] = sizes.get(kind, 0) + len(response.body())
            sent = response.request.sizes()["responseBodySize"]  # as transferred (gzip)
            sizes["sent"] = sizes.get("sent", 0) + sent

    page.on("response", count)
    page.goto(url, wait_until="load")
    if url[-7:] == "/sparql":
        page.locator(".yasqe .CodeMirror").wait_for()
    timing = page.evaluate(
        """() => new Promise(resolve => {
          const load = performance.getEntriesByType('navigation')[0].loadEventEnd;
          new PerformanceObserver(list => {
            const paint = list.getEntriesByName('first-contentful-paint')[0];
            if (paint) resolve({fcp: paint.startTime, load});
          }).observe({type: 'paint', buffered: true});
          setTimeout(() => resolve({fcp: null, load}), 5000);
        })"""
    )
    context.close()
    return {**timing, **sizes}


def screenshots(browser, base: str, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.goto(base + "/?lang=en")
    page.screenshot(path=str(folder / "landing.png"), full_page=True)
    page.goto(base + "/pictures/network?lang=en")
    page.locator("figure.picture").screenshot(path=str(folder / "network.png"))
    page.goto(base + "/pictures/timeline?lang=en")
    page.locator("figure.picture").screenshot(path=str(folder / "timeline.png"))
    page.goto(base + "/sparql?lang=en")
    page.locator(".yasqe .CodeMirror").wait_for()
    page.evaluate(
        "q => document.querySelector('.CodeMirror').CodeMirror.setValue(q)",
        "PREFIX mkg: <https://w3id.org/mannheim-kg/def/>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?cluster ?field ?management WHERE {\n"
        "  ?cluster a mkg:Cluster ; mkg:competenceField ?field ;\n"
        "           mkg:clusterManagement ?management .\n"
        "}",
    )
    page.locator(".yasqe .CodeMirror").click()
    page.keyboard.press("Control+Enter")
    page.wait_for_function(
        "() => document.querySelectorAll('.yasr table a.iri[data-labelled]').length >= 12"
    )
    page.screenshot(path=str(folder / "editor.png"), full_page=True)
    context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--screenshots", type=Path)
    options = parser.parse_args()
    base, process = serve()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            print(
                f"{'page':44} {'FCP ms':>7} {'load ms':>8} {'HTML':>8} {'CSS':>8} {'JS':>9} "
                f"{'sent':>9}"
            )
            for path in PAGES:
                runs = [measure(browser, base + path) for _ in range(options.runs)]
                median = {k: statistics.median(r.get(k) or 0 for r in runs) for k in runs[0]}
                print(
                    f"{path[:44]:44} {median['fcp']:7.0f} {median['load']:8.0f} "
                    f"{median.get('html', 0):8.0f} {median.get('css', 0):8.0f} "
                    f"{median.get('js', 0):9.0f} {median.get('sent', 0):9.0f}"
                )
            if options.screenshots:
                screenshots(browser, base, options.screenshots)
            browser.close()
    finally:
        process.terminate()
        process.wait(20)


if __name__ == "__main__":
    main()
