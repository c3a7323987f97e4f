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
