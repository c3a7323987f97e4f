"""`mannheim-kg summary`: triples, things per class, each cluster with its contact persons."""

from __future__ import annotations

from server.cli.main import main


def test_summary_lists_clusters_with_their_contacts(runner, kg_store):
    result = runner.invoke(main, ["summary"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()  # stderr names the project
    assert lines[0] == f"{len(kg_store)} triples (data version {kg_store.version})"
    clusters = lines[lines.index("Clusters and their contact persons:") + 1 :]
    contacts = {
        name: sorted(people.split(", "))
        for name, people in (c.strip().split(": ") for c in clusters)
    }
    assert contacts == {
        "Cluster Smart Industries": ["Sandra Link", "Stefan Bley"],
        "Green Industry Cluster": ["Anna Schmidt", "Torben Stieglitz"],
        "Mannheim Medical Technology Cluster": ["Anna Gustedt", "Katharina Fox"],
        "Social Economy Cluster": ["Matthias Henel"],
    }
    assert "      4  https://w3id.org/mannheim-kg/def/Cluster" in lines
