"""Benchmark (not a test): how long `mannheim-kg publish DIR` takes on the bundled KG, and how
long one resource page takes per format. Prints medians. Run with
`python tests/benchmarks/bench_publish.py [--runs N]`.

Each export run uses a fresh cache folder (MANNHEIM_KG_CACHE), so the dumps and the pyLODE
page are made again: the time of a first publication of a data version.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from server.cli.publish import export  # noqa: E402
from server.config import load_settings  # noqa: E402
from server.publish.documents import DESCRIPTION_FORMATS  # noqa: E402
from server.web.app import create_app  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    settings = load_settings(environ={})
    seconds, files = [], 0
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as site:
            os.environ["MANNHEIM_KG_CACHE"] = cache
            files, _, took = export(settings, Path(site), progress=False)
            seconds.append(took)
    print(f"publish: {files} files, median {statistics.median(seconds):.2f} s of {args.runs} runs")
    app = create_app(replace(settings, workers=0))
    client = app.test_client()
    iri_path = "/doc/id/cluster/green-industry"
    client.get(iri_path + ".ttl")  # warm the description cache and the ontology page
    for media in DESCRIPTION_FORMATS:
        times = []
        for _ in range(20):
            started = time.perf_counter()
            client.get(f"{iri_path}.{media.extension}")
            times.append(time.perf_counter() - started)
        print(f"{iri_path}.{media.extension}: median {statistics.median(times) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
