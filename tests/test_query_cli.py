"""`mannheim-kg query`: list, run by name or file, formats, parameters, exit status.

These run on a small fixture catalogue and graph (tests/fixtures/queries/); the bundled
catalogue's exact results are in test_queries.py.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from server.cli.main import main
from server.cli.query import QUERY_FORMATS
from server.rdf import formats
from server.rdf.formats import BOOLEAN, GRAPH, SOLUTIONS

FIXTURES = Path(__file__).parent / "fixtures" / "queries"
EX = "https://example.org/"
ENV = {
    "MANNHEIM_KG_QUERIES": str(FIXTURES / "catalogue"),
    "MANNHEIM_KG_ONTOLOGY": str(FIXTURES / "data.ttl"),
    "MANNHEIM_KG_DATA": str(FIXTURES / "data.ttl"),
}


def run(runner, *args: str):
    return runner.invoke(main, ["query", *args], env=ENV)


def test_list_shows_name_parameters_tags_and_summary(runner):
    result = run(runner, "--list")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "name         parameters                                                        "
        "tags            summary",
        "-----------  ----------------------------------------------------------------  "
        "--------------  ---------------------------------",
        "has-label    label                                                             "
        "test            Is there a label with a text?",
        "labels       lang=en, [text]                                                   "
        "test            Labels of things, in one language",
        "sizes-graph  [thing]                                                           "
        "test            Sizes as a graph",
        "thing        thing                                                             "
        "test, describe  One thing and its facts",
        "typed        year=2000, [minSize], [ratio], flag=true, [day], [month], [name]  "
        "test            Things by typed filters",
        "(5 queries)",
    ]


def test_list_in_german_and_as_json(runner):
    german = run(runner, "--list", "--lang", "de")
    assert "Bezeichnungen von Dingen in einer Sprache" in german.output
    listing = json.loads(run(runner, "--list", "--format", "json").output)
    assert [q["name"] for q in listing] == ["has-label", "labels", "sizes-graph", "thing", "typed"]
    assert listing[1]["parameters"][0]["enum"] == ["de", "en"]


def test_table_is_aligned_with_prefixes_and_language_tags(runner):
    result = run(runner, "labels")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "thing  label\n"
        "-----  ---------------------------\n"
        "ex:a   Alpha@en\n"
        "ex:b   Beta@en\n"
        'ex:c   Gamma "quoted" } UNION {@en\n'
        "(3 rows)\n"
    )


def test_table_shows_datatypes_that_carry_precision(runner):
    result = run(runner, "thing", "--param", f"thing={EX}a")
    assert result.output.splitlines()[2:6] == [
        "rdfs:label  Alpha@de",
        "rdfs:label  Alpha@en",
        "ex:since    2011^^xsd:gYear",
        "ex:size     3",
    ]


def test_parameters_limit_and_offset(runner):
    result = run(runner, "labels", "-p", "lang=de", "-p", "text=ee", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert list(csv.reader(io.StringIO(result.output))) == [
        ["thing", "label"],
        [f"{EX}b", "Beeta"],
    ]
    paged = run(runner, "labels", "--limit", "1", "--offset", "1", "--format", "json")
    bindings = json.loads(paged.output)["results"]["bindings"]
    assert [b["label"]["value"] for b in bindings] == ["Beta"]


def test_every_results_format(runner):
    tsv = run(runner, "typed", "-p", "minSize=6", "-f", "tsv").output
    assert tsv.splitlines() == [
        "?thing\t?since\t?size",
        f'<{EX}c>\t"2022"^^<http://www.w3.org/2001/XMLSchema#gYear>\t8',
    ]
    xml = run(runner, "typed", "-p", "minSize=6", "-f", "xml").output
    assert xml.startswith('<?xml version="1.0"?><sparql')
    assert "<uri>https://example.org/c</uri>" in xml


def test_ask_and_construct(runner):
    assert run(runner, "has-label", "-p", "label=Beeta@de").output == "true\n"
    assert run(runner, "has-label", "-p", "label=Beeta@en").output == "false\n"
    assert json.loads(run(runner, "has-label", "-p", "label=Beeta@de", "-f", "json").output) == {
        "head": {},
        "boolean": True,
    }
    turtle = run(runner, "sizes-graph", "-p", f"thing={EX}b", "-f", "turtle")
    assert turtle.exit_code == 0, turtle.output
    assert turtle.output == (
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "@prefix ex: <https://example.org/> .\n"
        "ex:b ex:size 5 .\n"
    )
    nt = run(runner, "sizes-graph", "-p", f"thing={EX}b", "-f", "nt").output
    assert nt == f'<{EX}b> <{EX}size> "5"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
    table = run(runner, "sizes-graph", "-p", f"thing={EX}b").output
    assert table.splitlines() == [
        "subject  predicate  object",
        "-------  ---------  ------",
        "ex:b     ex:size    5",
        "(1 triple)",
    ]


def test_graphs_use_the_project_s_prefix_per_type_of_thing(runner, tmp_path):
    """Turtle and TriG declare cluster:, topic:, people: (not the query's own names for them,
    nor id:, whose local names would need escaped slashes); the table shortens alike."""
    path = tmp_path / "green.rq"
    path.write_text(
        "PREFIX mkg: <https://w3id.org/mannheim-kg/def/>\n"
        "PREFIX id: <https://w3id.org/mannheim-kg/id/>\n"
        "PREFIX person: <https://w3id.org/mannheim-kg/id/person/>\n"
        "CONSTRUCT { ?c mkg:topic ?topic ; mkg:contactPerson ?person } WHERE {\n"
        "  VALUES ?c { id:cluster\\/green-industry }\n"
        "  ?c mkg:topic ?topic ; mkg:contactPerson ?person\n}\n",
        encoding="utf-8",
    )
    for output_format in ("turtle", "trig"):
        result = bundled(runner, str(path), "--format", output_format)
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()  # stderr names the project
        assert sorted(line for line in lines if line.startswith("@prefix")) == [
            "@prefix cluster: <https://w3id.org/mannheim-kg/id/cluster/> .",
            "@prefix mkg: <https://w3id.org/mannheim-kg/def/> .",
            "@prefix people: <https://w3id.org/mannheim-kg/id/person/> .",
            "@prefix topic: <https://w3id.org/mannheim-kg/id/concept/topic/> .",
        ]
        assert lines[4] == "cluster:green-industry mkg:contactPerson people:anna-schmidt ;"
        assert "\\" not in result.output
    table = bundled(runner, str(path)).stdout.splitlines()
    assert table[2:] == [
        "cluster:green-industry  mkg:contactPerson  people:anna-schmidt",
        "cluster:green-industry  mkg:topic          topic:sozialoekologische-transformation",
        "cluster:green-industry  mkg:contactPerson  people:torben-stieglitz",
        "cluster:green-industry  mkg:topic          topic:umwelt-und-klimaschutz",
        "(4 triples)",
    ]


@pytest.mark.parametrize(
    ("args", "kind"),
    [
        (["labels"], SOLUTIONS),
        (["has-label", "-p", "label=Beeta@de"], BOOLEAN),
        (["sizes-graph", "-p", f"thing={EX}b"], GRAPH),
    ],
)
def test_the_formats_a_query_form_takes_are_the_registry_s(runner, args, kind):
    """--format offers table and every short name of the formats registry; a query takes
    exactly the names of the formats that write its kind of result."""
    assert ("table", *formats.short_names()) == QUERY_FORMATS
    taken = {"table", *formats.short_names(kind)}
    for output_format in QUERY_FORMATS:
        result = run(runner, *args, "--format", output_format)
        assert (result.exit_code == 0) == (output_format in taken), result.output


def test_json_and_xml_of_a_graph_are_json_ld_and_rdf_xml(runner):
    args = ("sizes-graph", "-p", f"thing={EX}b", "--format")
    assert run(runner, *args, "json").output == run(runner, *args, "jsonld").output
    assert json.loads(run(runner, *args, "json").output)[0]["@id"] == f"{EX}b"
    assert run(runner, *args, "xml").output == run(runner, *args, "rdfxml").output
    assert "<rdf:RDF" in run(runner, *args, "xml").output


def test_an_ad_hoc_file_needs_no_header(runner, tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text(
        "PREFIX ex: <https://example.org/>\nSELECT ?t WHERE { ?t ex:size 5 }\n", encoding="utf-8"
    )
    result = run(runner, str(path))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[2:] == ["ex:b", "(1 row)"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["thing"], "error: parameter 'thing': required by query 'thing'"),
        (["thing", "-p", "thing=a b"], "error: parameter 'thing': 'a b' is not a valid iri"),
        (["labels", "-p", "colour=red"], "error: parameter 'colour': unknown parameter"),
        (["labels", "-p", "lang=de", "-p", "lang=en"], "parameter 'lang': given more than once"),
        (["typed", "-p", "minSize=many"], "error: parameter 'minSize': 'many' is not a valid"),
        (["nope"], "error: no query named 'nope' in the catalogue"),
        (
            ["labels", "-f", "turtle"],
            "error: --format turtle does not fit a SELECT query; "
            "choose one of: table, json, xml, csv, tsv\n",
        ),
        (
            ["has-label", "-p", "label=Beeta@de", "-f", "nt"],
            "error: --format nt does not fit an ASK query; "
            "choose one of: table, json, xml, csv, tsv\n",
        ),
        (
            ["sizes-graph", "-f", "csv"],
            "error: --format csv does not fit a CONSTRUCT query; "
            "choose one of: table, turtle, nt, jsonld (or json), rdfxml (or xml), nquads, trig, "
            "n3\n",
        ),
        (["missing.rq"], "missing.rq: cannot read"),
    ],
)
def test_unusable_input_exits_2_and_says_why(runner, args, message):
    result = run(runner, *args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_usage_errors(runner):
    assert run(runner).exit_code == 2
    assert "NAME=VALUE" in run(runner, "labels", "-p", "novalue").output


# -- --endpoint: any SPARQL endpoint through SPARQLWrapper; here our own server on loopback ------


@pytest.fixture(scope="module")
def live_endpoint(start_server):
    """`mannheim-kg serve` on the bundled graph: its /sparql URL."""
    return start_server("--no-validate", "--workers", "1").url + "/sparql"


def bundled(runner, *args: str):
    """The CLI on the bundled catalogue and graph (whatever the environment says)."""
    unset = {f"MANNHEIM_KG_{key}": None for key in ("QUERIES", "DATA", "ONTOLOGY")}
    return runner.invoke(main, ["query", *args], env=unset)


@pytest.mark.parametrize(
    "args",
    [
        ["contacts"],
        ["shared-concepts", "-p", "broader=true", "-p", "minClusters=3"],
        ["timeline", "-p", "lang=en", "--limit", "4", "--offset", "2"],
        ["provenance", "-p", "resource=https://w3id.org/mannheim-kg/id/person/katharina-fox"],
    ],
)
def test_a_remote_endpoint_answers_like_the_embedded_store(runner, live_endpoint, args):
    """The server answers a caller without a token: the local store's --public view."""
    for output_format in ("json", "table"):
        local = bundled(runner, *args, "--format", output_format, "--public")
        remote = bundled(runner, *args, "--format", output_format, "--endpoint", live_endpoint)
        assert local.exit_code == remote.exit_code == 0, remote.output
        assert remote.stdout == local.stdout


def test_a_remote_graph_answer(runner, live_endpoint, tmp_path):
    """A graph answer from a server: its public view (no phone numbers without a token)."""
    path = tmp_path / "clusters.rq"
    path.write_text(
        "PREFIX mkg: <https://w3id.org/mannheim-kg/def/>\n"
        "CONSTRUCT { ?cluster a mkg:Cluster } WHERE {\n"
        "  ?cluster a mkg:Cluster . FILTER(STRENDS(STR(?cluster), 'green-industry'))\n}\n",
        encoding="utf-8",
    )
    result = bundled(runner, str(path), "--format", "nt", "--endpoint", live_endpoint)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "<https://w3id.org/mannheim-kg/id/cluster/green-industry> "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/mannheim-kg/def/Cluster> .\n"
    )
    phones = tmp_path / "phones.rq"
    phones.write_text(
        "PREFIX vcard: <http://www.w3.org/2006/vcard/ns#>\n"
        "CONSTRUCT { ?person vcard:hasTelephone ?t } WHERE { ?person vcard:hasTelephone ?t }\n",
        encoding="utf-8",
    )
    public = bundled(runner, str(phones), "--format", "nt", "--endpoint", live_endpoint)
    assert public.exit_code == 0, public.output
    assert public.stdout.strip() == ""


def test_remote_errors_exit_2(runner, live_endpoint, tmp_path, free_port):
    federated = tmp_path / "federated.rq"
    federated.write_text(
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }\n", encoding="utf-8"
    )
    refused = bundled(runner, str(federated), "--endpoint", live_endpoint)
    assert refused.exit_code == 2
    assert refused.output == (
        f"error: {live_endpoint}: HTTP 403 FORBIDDEN: federated query to SERVICE "
        "<http://example.org/sparql> is not allowed (allowed SERVICE endpoints: none; "
        "setting service_allow_list)\n"
    )
    port = free_port
    unreachable = bundled(runner, "contacts", "--endpoint", f"http://127.0.0.1:{port}/sparql")
    assert unreachable.exit_code == 2
    assert f"error: http://127.0.0.1:{port}/sparql: cannot reach the endpoint" in unreachable.output


# -- one query path: the CLI refuses what /sparql refuses, with the same message -------------


@pytest.mark.parametrize(
    ("query", "env"),
    [
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }\n", {}),
        ("SELECT * WHERE { SERVICE ?where { ?s ?p ?o } }\n", {}),
        (
            "PREFIX ex: <https://example.org/>\nSELECT ?t WHERE { ?t ex:size ?s }\n",
            {"MAX_ROWS": "2"},
        ),
    ],
)
def test_the_cli_refuses_what_http_refuses_with_the_same_message(runner, tmp_path, query, env):
    from server.config import load_settings
    from server.web.app import create_app
    from server.web.context import EXTENSION

    path = tmp_path / "refused.rq"
    path.write_text(query, encoding="utf-8")
    environ = {**ENV, **{f"MANNHEIM_KG_{k}": v for k, v in env.items()}}
    cli = runner.invoke(main, ["query", str(path)], env=environ)
    app = create_app(load_settings({"workers": 0}, environ=environ))
    try:
        http = app.test_client().post("/sparql", data={"query": query})
    finally:
        app.extensions[EXTENSION]["query_service"].close()
    assert http.status_code in (403, 422)
    message = http.get_data(as_text=True).split(": ", 1)[1]  # "403 Forbidden: …"
    assert cli.exit_code == 2
    assert cli.output == f"error: {message}"


def test_public_leaves_the_restricted_graphs_out_of_a_local_query(runner):
    """The bundled graph: locally every graph is the caller's own; --public is the server's view."""
    own = runner.invoke(main, ["query", "contacts", "--format", "csv"], env={})
    public = runner.invoke(main, ["query", "contacts", "--format", "csv", "--public"], env={})
    assert own.exit_code == public.exit_code == 0, own.output + public.output
    assert own.stdout.count("tel:+49") == 7
    assert "tel:" not in public.stdout
    assert public.stdout.splitlines()[0] == own.stdout.splitlines()[0]  # same columns
