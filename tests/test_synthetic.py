"""`mannheim-kg generate`: seeded synthetic graphs, same seed same bytes, our vocabulary."""

from __future__ import annotations

import pyoxigraph as ox

from server.cli.main import main

MKG = "https://w3id.org/mannheim-kg/def/"


def test_generate_is_seeded_and_parses(runner, tmp_path):
    first, second, other = tmp_path / "a.ttl", tmp_path / "b.ttl", tmp_path / "c.ttl"
    for out, seed in ((first, "5"), (second, "5"), (other, "6")):
        result = runner.invoke(main, ["generate", "--triples", "2000", "--seed", seed, str(out)])
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() != other.read_bytes()
    store = ox.Store()
    store.load(path=first, format=ox.RdfFormat.TURTLE)
    assert 2000 <= len(store) < 2050
    classes = {r["c"].value for r in store.query("SELECT DISTINCT ?c { ?s a ?c }")}
    assert {
        MKG + "Cluster",
        MKG + "Measure",
        "http://www.w3.org/ns/org#FormalOrganization",
        "http://www.w3.org/ns/person#Person",
        "http://www.w3.org/2004/02/skos/core#Concept",
        "https://schema.org/Event",
    } <= classes


def test_landscape_is_seeded_and_conforms_with_the_bundled_graph(runner, tmp_path):
    """`generate --orgs`: same seed same bytes; with the bundled graph it conforms to our
    shapes; the phone numbers are only in the restricted file."""
    import shutil

    from server.config import PROJECT_ROOT
    from server.rdf.namespace import GRAPH
    from server.store.access import graph_access
    from server.store.oxigraph import open_dataset
    from server.validate.checks import default_checks_folder, load_checks
    from server.validate.engine import validate
    from server.validate.vocabularies import default_vocab_folder

    runs = {}
    for name, seed in (("a", "3"), ("b", "3"), ("c", "4")):
        out = tmp_path / name
        result = runner.invoke(main, ["generate", "--orgs", "25", "--seed", seed, str(out)])
        assert result.exit_code == 0, result.output
        runs[name] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert runs["a"] == runs["b"] != runs["c"]
    assert set(runs["a"]) == {
        "synthetic-organisations.ttl",
        "synthetic-contact-details.ttl",
        "synthetic-records.trig",
    }
    organisations = ox.Store()
    organisations.load(
        path=tmp_path / "a" / "synthetic-organisations.ttl", format=ox.RdfFormat.TURTLE
    )
    companies = organisations.query(
        "SELECT (COUNT(DISTINCT ?c) AS ?n) { ?c a <http://www.w3.org/ns/org#FormalOrganization> }"
    )
    assert int(next(companies)["n"].value) == 25
    assert "tel:" not in runs["a"]["synthetic-organisations.ttl"].decode()
    assert runs["a"]["synthetic-contact-details.ttl"].decode().count("<tel:+49621") == 25
    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data", data)
    for path in (tmp_path / "a").iterdir():
        shutil.copy(path, data)
    report = validate(
        targets=[PROJECT_ROOT / "ontology", data],
        shapes=[PROJECT_ROOT / "shapes"],
        ontology=[PROJECT_ROOT / "ontology"],
        checks=load_checks(default_checks_folder()),
        vocabulary=default_vocab_folder(),
    )
    assert report.conforms, [str(f) for f in report.findings][:5]
    # the records make the organisations public and keep the telephone numbers restricted
    access = graph_access(open_dataset([PROJECT_ROOT / "ontology", data]))
    assert GRAPH + "synthetic-organisations" in access.public
    assert GRAPH + "synthetic-contact-details" in access.restricted
