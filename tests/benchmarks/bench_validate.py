"""Benchmark (not a test): how long `mannheim-kg validate` takes on the bundled KG, and where.

Prints medians of whole processes (start to exit) for the default run and its variants, then
the phases in one process: parsing, pyshacl with and without inference and with and without
the SHACL-SPARQL constraints, the quality checks, and the source-position pass. Last, why the
SPARQL constraints cost what they cost: pyshacl hands rdflib the query text once per focus
node, so rdflib parses it every time. Run with `make bench-validate`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import pyshacl  # noqa: E402
from owlrl import DeductiveClosure, RDFS_Semantics  # noqa: E402
from rdflib import Graph  # noqa: E402
from rdflib.namespace import RDF, SH  # noqa: E402
from rdflib.plugins.sparql import prepareQuery  # noqa: E402

from server.config import load_settings  # noqa: E402
from server.store.files import discover, parse_all  # noqa: E402
from server.validate.checks import check_dataset, default_checks_folder, load_checks, run_checks  # noqa: E402
from server.validate.engine import to_graph, validate  # noqa: E402
from server.validate.positions import file_positions  # noqa: E402
from server.validate.vocabularies import default_vocab_folder, term_index  # noqa: E402

BIN = Path(sys.executable).parent / "mannheim-kg"


def median_of(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def process(*args: str) -> None:
    subprocess.run([str(BIN), *args], stdout=subprocess.DEVNULL, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    print(f"whole process, median of {runs} (start to exit):")
    baseline = median_of(lambda: process("--help"), runs)
    print(f"  mannheim-kg --help                        {baseline:6.3f} s")
    default = median_of(lambda: process("validate"), runs)
    print(f"  mannheim-kg validate                      {default:6.3f} s   (target < 2 s)")
    for variant in (["--no-checks"], ["--inference", "none"], ["--format", "sarif"]):
        seconds = median_of(lambda v=variant: process("validate", *v), runs)
        print(f"  mannheim-kg validate {' '.join(variant):<20} {seconds:6.3f} s")

    settings = load_settings(environ={})
    files = parse_all(discover(settings.sources))
    shape_files = parse_all(discover(settings.shapes))
    data, shapes = to_graph(files), to_graph(shape_files)
    without_sparql = Graph()
    for triple in shapes:
        if triple[1] != SH.sparql:
            without_sparql.add(triple)
    constraints = list(shapes.triples((None, SH.sparql, None)))

    print(f"\nphases in one process, median of {runs}:")
    phases = {
        "parse files (pyoxigraph) + rdflib graphs": lambda: to_graph(
            parse_all(discover(settings.sources))
        ),
        "pyshacl, rdfs inference": lambda: pyshacl.validate(
            data, shacl_graph=shapes, inference="rdfs", allow_warnings=True
        ),
        "pyshacl, rdfs, without sh:sparql": lambda: pyshacl.validate(
            data, shacl_graph=without_sparql, inference="rdfs", allow_warnings=True
        ),
        "pyshacl, no inference": lambda: pyshacl.validate(
            data, shacl_graph=shapes, inference="none", allow_warnings=True
        ),
        "pyshacl, no inference, without sh:sparql": lambda: pyshacl.validate(
            data, shacl_graph=without_sparql, inference="none", allow_warnings=True
        ),
    }
    measured = {label: median_of(f, runs) for label, f in phases.items()}
    checks = load_checks(default_checks_folder())
    vocabulary = term_index(default_vocab_folder())
    measured["vocabulary term index (cached)"] = median_of(
        lambda: term_index(default_vocab_folder()), runs
    )
    measured[f"{len(checks)} quality checks (dataset + queries)"] = median_of(
        lambda: run_checks(
            checks,
            check_dataset(
                (q for f in files for q in f.quads),
                (q for f in shape_files for q in f.quads),
                vocabulary,
            ),
        ),
        runs,
    )
    measured["source positions of every file"] = median_of(
        lambda: [file_positions(f) for f in files + shape_files], runs
    )
    measured["validate() end to end, in process"] = median_of(
        lambda: validate(
            settings.sources,
            settings.shapes,
            settings.ontology,
            checks=checks,
            vocabulary=vocabulary,
        ),
        runs,
    )
    for label, seconds in measured.items():
        print(f"  {label:<44} {seconds:6.3f} s")
    sparql_cost = (
        measured["pyshacl, no inference"] - measured["pyshacl, no inference, without sh:sparql"]
    )
    share = sparql_cost / measured["pyshacl, no inference"]
    print(
        f"  → {len(constraints)} SHACL-SPARQL constraints cost {sparql_cost:.3f} s "
        f"({share:.0%} of pyshacl without inference)"
    )

    print("\nwhy: each SPARQL constraint is parsed by rdflib once per focus node")
    expanded = Graph()
    for triple in data:
        expanded.add(triple)
    DeductiveClosure(RDFS_Semantics).expand(expanded)  # what pyshacl's inference="rdfs" does
    print(f"  (RDFS inference grows the data graph from {len(data)} to {len(expanded)} triples)")
    namespaces = {**dict(data.namespaces()), **dict(shapes.namespaces())}
    prefixes = "".join(f"PREFIX {p}: <{n}>\n" for p, n in namespaces.items())
    for shape, _, constraint in constraints:
        query = prefixes + str(shapes.value(constraint, SH.select))
        parse = median_of(lambda q=query: prepareQuery(q), runs)
        prepared = prepareQuery(query)
        focus = focus_nodes(shapes, shape, expanded)
        evaluate = median_of(
            lambda p=prepared, nodes=tuple(focus): [
                list(expanded.query(p, initBindings={"this": n})) for n in nodes
            ],
            runs,
        )
        name = shapes.namespace_manager.normalizeUri(shape)
        print(
            f"  {name:<28} {len(focus):3d} focus nodes × parse {parse * 1000:5.1f} ms = "
            f"{len(focus) * parse:5.3f} s; all of them evaluated, parsed once: {evaluate:5.3f} s"
        )


def focus_nodes(shapes: Graph, shape, data: Graph) -> set:
    """The focus nodes of a shape's targets (class, node, subjects-of, objects-of)."""
    found = set(shapes.objects(shape, SH.targetNode))
    for cls in shapes.objects(shape, SH.targetClass):
        found.update(data.subjects(RDF.type, cls))
    for predicate in shapes.objects(shape, SH.targetSubjectsOf):
        found.update(data.subjects(predicate, None))
    for predicate in shapes.objects(shape, SH.targetObjectsOf):
        found.update(data.objects(None, predicate))
    return found


if __name__ == "__main__":
    main()
