"""The catalogue core: reading `#+` headers, typed parameters, binding as RDF terms, paging."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from server.catalogue.catalogue import (
    RESERVED_NAMES,
    Catalogue,
    CatalogueError,
    ParameterError,
    Query,
    QueryNotFound,
)
from server.store.oxigraph import OxigraphStore

FIXTURES = Path(__file__).parent / "fixtures" / "queries"
EX = "https://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.from_folder(FIXTURES / "catalogue")


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    return OxigraphStore.from_paths([FIXTURES / "data.ttl"])


def execute(store, query, values=None, **window):
    """The query bound with `values` and run on `store` (running is the services' job)."""
    return store.query(query.bind(values or {}, **window))


def rows(store, query, values=None, **window) -> list[tuple[str, ...]]:
    result = execute(store, query, values, **window)
    names = [v.value for v in result.variables]
    return [tuple(r[n].value if r[n] is not None else "" for n in names) for r in result]


# -- reading the folder ---------------------------------------------------------------------


def test_folder_reads_top_level_queries_only(catalogue):
    assert catalogue.names() == ["has-label", "labels", "sizes-graph", "thing", "typed"]
    assert "ignored" not in catalogue  # queries/checks/ belongs to the validation checks


def test_unknown_query_is_not_found(catalogue):
    with pytest.raises(QueryNotFound, match="no query named 'nope'") as caught:
        catalogue["nope"]
    assert caught.value.status == 404


def test_metadata_is_bilingual_and_grlc_shaped(catalogue):
    labels = catalogue["labels"]
    assert labels.summary == {
        "en": "Labels of things, in one language",
        "de": "Bezeichnungen von Dingen in einer Sprache",
    }
    assert labels.description["de"].startswith("Jedes Ding mit seiner Bezeichnung")
    assert labels.tags == ("test",)
    assert labels.pagination == 2
    assert labels.form == "SELECT"
    # grlc reads `summary` and `description` as plain strings: they stay English strings.
    assert isinstance(labels.metadata["summary"], str)
    assert labels.describe()["parameters"] == [
        {
            "name": "lang",
            "type": "language",
            "required": False,
            "description": {
                "en": "Language of the labels.",
                "de": "Sprache der Bezeichnungen.",
            },
            "default": "en",
            "enum": ["de", "en"],
        },
        {
            "name": "text",
            "type": "string",
            "required": False,
            "description": {
                "en": "Only labels containing this text (any case).",
                "de": "Nur Bezeichnungen, die diesen Text enthalten (Groß-/Kleinschreibung egal).",
            },
        },
    ]


def test_forms(catalogue):
    assert [catalogue[n].form for n in ("thing", "has-label", "sizes-graph")] == [
        "SELECT",
        "ASK",
        "CONSTRUCT",
    ]


# -- broken headers: file:line and what is wrong ---------------------------------------------

GOOD_HEAD = """\
#+ summary: S
#+ summary_de: S de
#+ description: D
#+ description_de: D de
#+ tags: [t]
"""
PARAM = """\
#+ parameters:
#+   x:
#+     type: iri
#+     description: X
#+     description_de: X de
"""
BODY = "SELECT ?x WHERE { ?x ?p ?o }\n"


def broken(tmp_path: Path, text: str) -> str:
    path = tmp_path / "broken.rq"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        Query.from_file(path)
    message = str(caught.value)
    assert message.startswith(str(path) + ":"), message
    return message[len(str(path)) :]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GOOD_HEAD + "#+ tags: [a\n" + BODY, r"^:6: broken header: "),
        (GOOD_HEAD + "#+ sumary: typo\n" + BODY, r"^:6: unknown header key 'sumary'$"),
        (GOOD_HEAD.replace("#+ summary_de: S de\n", "") + BODY, r"^:1: summary_de is missing$"),
        (GOOD_HEAD.replace("D de", "''") + BODY, r"^:4: description_de must be a non-empty"),
        (GOOD_HEAD + "#+ summary: again\n" + BODY, r"^:6: broken header: .*duplicate key"),
        (GOOD_HEAD + "#+ pagination: -1\n" + BODY, r"^:6: pagination must be a positive"),
        (GOOD_HEAD + "#+ tags: 3\n" + BODY, r"^:.*duplicate key 'tags'"),
        (GOOD_HEAD + PARAM.replace("type: iri", "type: url") + BODY, r"^:8: parameter 'x': type"),
        (GOOD_HEAD + PARAM + "#+     colour: red\n" + BODY, r"^:11: parameter 'x': unknown key"),
        (GOOD_HEAD + PARAM.replace("x:", "y:") + BODY, r"^:7: parameter 'y': the query never"),
        (
            GOOD_HEAD + PARAM.replace("x:", "limit:") + BODY.replace("?x", "?limit"),
            r"^:7: parameter 'limit': the name is reserved",
        ),
        (
            GOOD_HEAD + PARAM + "#+     enum: [not an iri]\n" + BODY,
            r"^:11: parameter 'x': allowed value 'not an iri' is not a valid iri",
        ),
        (
            GOOD_HEAD + PARAM + "#+     default: 'a>b'\n" + BODY,
            r"^:11: parameter 'x': default 'a>b' is not a valid iri",
        ),
        (
            GOOD_HEAD + PARAM + "#+     required: true\n#+     default: http://x.org/\n" + BODY,
            r"^:11: parameter 'x': a required parameter cannot have a default",
        ),
        (
            GOOD_HEAD + PARAM.replace("#+     description_de: X de\n", "") + BODY,
            r"^:7: parameter 'x': description_de .* is missing",
        ),
        (
            GOOD_HEAD + "#+ defaults:\n#+   - z: 1\n" + BODY,
            r"^:6: defaults: 'z' is not a declared parameter",
        ),
        (GOOD_HEAD + "SELECT ?x WHERE { ?x ?p . }\n", r"^:6:\d+: SPARQL syntax error: "),
        (GOOD_HEAD + "INSERT DATA { <a:b> <a:c> <a:d> }\n", r"^:1: not a SPARQL query"),
        (BODY, r"^:1: no `#\+` header"),
    ],
)
def test_broken_header_names_file_and_line(tmp_path, text, expected):
    assert re.search(expected, broken(tmp_path, text)), broken(tmp_path, text)


def test_grlc_defaults_and_enumerate_are_read(tmp_path):
    path = tmp_path / "grlc.rq"
    path.write_text(
        GOOD_HEAD
        + PARAM
        + "#+ defaults:\n#+   - x: https://example.org/a\n"
        + "#+ enumerate:\n#+   - x:\n#+     - https://example.org/a\n#+     - https://example.org/b\n"
        + BODY,
        encoding="utf-8",
    )
    x = Query.from_file(path).parameter("x")
    assert x.default == EX + "a"
    assert x.enum == (EX + "a", EX + "b")


def test_ad_hoc_file_needs_no_header(tmp_path):
    path = tmp_path / "plain.rq"
    path.write_text(BODY, encoding="utf-8")
    query = Query.from_file(path, strict=False)
    assert (query.name, query.parameters, query.summary) == ("plain", (), {})


def test_bad_query_name(tmp_path):
    (tmp_path / "Bad_Name.rq").write_text(GOOD_HEAD + BODY, encoding="utf-8")
    with pytest.raises(CatalogueError, match="lower-case letters, digits and hyphens"):
        Catalogue.from_folder(tmp_path)


def test_reserved_names_cover_the_api_controls():
    assert {"limit", "offset", "format", "output"} <= RESERVED_NAMES


# -- parameter values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "values", "message"),
    [
        ("thing", {}, "parameter 'thing': required by query 'thing'"),
        ("thing", {"thing": "not an iri"}, "'not an iri' is not a valid iri"),
        ("thing", {"thing": "https://example.org/a>"}, "is not a valid iri"),
        ("thing", {"thing": EX + "a", "other": "1"}, "parameter 'other': unknown parameter"),
        ("thing", {"thing": [EX + "a", EX + "b"]}, "parameter 'thing': given more than once"),
        ("labels", {"lang": "fr"}, "'fr' is not one of the allowed values: de, en"),
        ("typed", {"minSize": "4.5"}, "parameter 'minSize': '4.5' is not a valid integer"),
        ("typed", {"minSize": "101"}, "must be at most 100"),
        ("typed", {"minSize": "-1"}, "must be at least 0"),
        ("typed", {"ratio": "1,5"}, "parameter 'ratio': '1,5' is not a valid decimal"),
        ("typed", {"flag": "yes"}, "parameter 'flag': 'yes' is not a valid boolean"),
        ("typed", {"day": "2021-02-30"}, "parameter 'day': '2021-02-30' is not a valid date"),
        ("typed", {"year": "21"}, "parameter 'year': '21' is not a valid gYear"),
        ("typed", {"month": "2021-13"}, "'2021-13' is not a valid gYearMonth"),
        ("typed", {"name": "Alpha"}, "parameter 'name': 'Alpha' is not a valid langString"),
        ("typed", {"name": "Alpha@d e"}, "'d e' is not a language tag"),
    ],
)
def test_bad_values_name_the_parameter(catalogue, name, values, message):
    with pytest.raises(ParameterError, match=re.escape(message)) as caught:
        catalogue[name].bind(values)
    assert caught.value.status == 400
    assert caught.value.parameter in str(caught.value)


@pytest.mark.parametrize(
    ("parameter", "raw", "term"),
    [
        ("year", "2011", ox.Literal("2011", datatype=ox.NamedNode(XSD + "gYear"))),
        ("minSize", "+007", ox.Literal("7", datatype=ox.NamedNode(XSD + "integer"))),
        ("ratio", "1.50", ox.Literal("1.50", datatype=ox.NamedNode(XSD + "decimal"))),
        ("ratio", "2", ox.Literal("2.0", datatype=ox.NamedNode(XSD + "decimal"))),
        ("flag", "1", ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))),
        ("flag", "False", ox.Literal("false", datatype=ox.NamedNode(XSD + "boolean"))),
        ("day", "2021-03-01", ox.Literal("2021-03-01", datatype=ox.NamedNode(XSD + "date"))),
        ("month", "2021-05", ox.Literal("2021-05", datatype=ox.NamedNode(XSD + "gYearMonth"))),
        ("name", "Alpha@DE", ox.Literal("Alpha", language="de")),
        ("name", "a@b@en", ox.Literal("a@b", language="en")),
    ],
)
def test_values_become_typed_terms(catalogue, parameter, raw, term):
    assert catalogue["typed"].parameter(parameter).term(raw) == term


def test_defaults_apply_and_optional_parameters_stay_unbound(catalogue, store):
    labels = catalogue["labels"]
    assert rows(store, labels) == [
        (EX + "a", "Alpha"),
        (EX + "b", "Beta"),
        (EX + "c", 'Gamma "quoted" } UNION {'),
    ]
    assert rows(store, labels, {"lang": "de"}) == [(EX + "a", "Alpha"), (EX + "b", "Beeta")]
    assert rows(store, labels, {"lang": "de", "text": "EE"}) == [(EX + "b", "Beeta")]
    # An empty value of an optional non-string parameter counts as not given (HTML forms).
    assert rows(store, catalogue["typed"], {"minSize": ""}) == rows(store, catalogue["typed"])


def test_typed_parameters_filter(catalogue, store):
    typed = catalogue["typed"]
    assert rows(store, typed, {"minSize": "4"}) == [
        (EX + "b", "2018", "5"),
        (EX + "c", "2022", "8"),
    ]
    assert rows(store, typed, {"year": "2020"}) == [(EX + "c", "2022", "8")]
    assert rows(store, typed, {"flag": "false"}) == []


# -- binding cannot change the query ----------------------------------------------------------

INJECTIONS = [
    '"',
    "'",
    '") } UNION { ?thing ?p ?label } #',
    "') } UNION { ?thing ?p ?label } #",
    '"""',
    "} UNION { ?thing <http://www.w3.org/2000/01/rdf-schema#label> ?label }",
    "# comment\n} UNION { ?s ?p ?o",
    "\\",
    "\\u0022) } UNION {",
    "a\nb\r\nc\t",
    "{ } . ; , ( ) [ ] < > ? $ @ ^^",
    "?label",
    'Gamma "quoted" } UNION {',
]


def values_free(text: str) -> str:
    """The bound text without the one VALUES line the binding inserted."""
    return re.sub(r"\n  VALUES \([^)]*\) \{ \(.*\) \}\n", "", text, count=1, flags=re.DOTALL)


@pytest.mark.parametrize("attack", INJECTIONS)
def test_string_values_cannot_change_the_query(catalogue, store, attack):
    labels = catalogue["labels"]
    bound = labels.bind({"text": attack})
    assert values_free(bound) == labels.text
    result = execute(store, labels, {"text": attack})
    assert [v.value for v in result.variables] == ["thing", "label"]
    expected = [
        (EX + "c", 'Gamma "quoted" } UNION {')
        for _ in [0]
        if attack.lower() in 'gamma "quoted" } union {'
    ]
    got = [(r["thing"].value, r["label"].value) for r in result]
    assert got == expected


@pytest.mark.parametrize(
    "attack",
    [
        "https://example.org/a> ?p ?o } UNION { ?s ?p ?o",
        "https://example.org/a>",
        'https://example.org/"a',
        "https://example.org/{a}",
        "https://example.org/a b",
        "https://example.org/a\n",
        "<https://example.org/a>",
        "relative/a",
        "",
    ],
)
def test_iri_values_cannot_change_the_query(catalogue, attack):
    # An empty value of the required parameter counts as missing.
    expected = "required by query 'thing'" if attack == "" else ".* is not a valid iri"
    with pytest.raises(ParameterError, match=rf"parameter 'thing': {expected}"):
        catalogue["thing"].bind({"thing": attack})


def test_an_iri_is_bound_as_an_iri(catalogue, store):
    thing = catalogue["thing"]
    assert "VALUES (?thing) { (<https://example.org/b>) }" in thing.bind({"thing": EX + "b"})
    assert rows(store, thing, {"thing": EX + "b"})[-1] == (EX + "size", "5")
    # An IRI nobody uses gives no rows: never more than the query asks for.
    assert rows(store, thing, {"thing": EX + "zzz#UNION"}) == []


@pytest.mark.parametrize("attack", ['"x"@en } UNION {', "x@en } #", "x@en-} UNION {"])
def test_lang_string_values_cannot_change_the_query(catalogue, store, attack):
    has_label = catalogue["has-label"]
    try:
        bound = has_label.bind({"label": attack})
    except ParameterError as exc:
        assert exc.parameter == "label"
        return
    assert values_free(bound) == has_label.text
    assert bool(execute(store, has_label, {"label": attack})) is False


# -- pages -----------------------------------------------------------------------------------


def test_limit_and_offset_page_through_the_rows(catalogue, store):
    labels = catalogue["labels"]
    every = rows(store, labels)
    assert rows(store, labels, limit=2) == every[:2]
    assert rows(store, labels, limit=2, offset=2) == every[2:]
    assert rows(store, labels, offset=1) == every[1:]
    assert rows(store, labels, limit=0) == []


def query_with(tmp_path, body: str) -> Query:
    path = tmp_path / "paged.rq"
    path.write_text(GOOD_HEAD + body, encoding="utf-8")
    return Query.from_file(path)


def test_a_page_stays_inside_the_query_s_own_window(tmp_path, store):
    query = query_with(
        tmp_path,
        "PREFIX ex: <https://example.org/>\n"
        "SELECT ?t WHERE { ?t ex:size ?s . { SELECT ?x WHERE { ?x ?p ?o } LIMIT 1 } }\n"
        "ORDER BY ?s LIMIT 2 OFFSET 1\n",
    )
    assert rows(store, query) == [(EX + "b",), (EX + "c",)]
    assert rows(store, query, limit=1) == [(EX + "b",)]
    assert rows(store, query, offset=1) == [(EX + "c",)]
    assert rows(store, query, limit=5, offset=1) == [(EX + "c",)]
    assert rows(store, query, offset=2) == []


def test_a_trailing_values_clause_keeps_its_place(tmp_path, store):
    query = query_with(
        tmp_path,
        "PREFIX ex: <https://example.org/>\n"
        "SELECT ?t ?s WHERE { ?t ex:size ?s } ORDER BY ?s\n"
        "VALUES ?t { ex:a ex:c }\n",
    )
    assert rows(store, query, limit=1, offset=1) == [(EX + "c", "8")]


def test_graph_and_boolean_answers(catalogue, store):
    triples = list(execute(store, catalogue["sizes-graph"], {"thing": EX + "a"}))
    assert [(t.subject.value, t.predicate.value, t.object.value) for t in triples] == [
        (EX + "a", EX + "size", "3")
    ]
    assert bool(execute(store, catalogue["has-label"], {"label": "Beeta@de"})) is True
    assert bool(execute(store, catalogue["has-label"], {"label": "Beeta@en"})) is False


def test_parameters_reach_subqueries_at_markers(tmp_path, store):
    """Without a marker a subquery cannot see the parameter; `# @parameters` binds it there."""
    header = GOOD_HEAD + (
        "#+ parameters:\n#+   min:\n#+     type: integer\n#+     default: 4\n"
        "#+     description: M\n#+     description_de: M de\n"
    )
    body = (
        "PREFIX ex: <https://example.org/>\n"
        "SELECT ?t WHERE {\n"
        "  { SELECT ?t WHERE {\n"
        "      # @parameters\n"
        "      ?t ex:size ?s . FILTER(?s >= ?min) } }\n"
        "} ORDER BY ?t\n"
    )
    with_marker = query_with(tmp_path, header.removeprefix(GOOD_HEAD) + body)
    integer = '"4"^^<http://www.w3.org/2001/XMLSchema#integer>'
    assert with_marker.bind().count(f"VALUES (?min) {{ ({integer}) }}") == 1
    assert rows(store, with_marker) == [(EX + "b",), (EX + "c",)]
    assert rows(store, with_marker, {"min": "6"}) == [(EX + "c",)]
    without = query_with(tmp_path, header.removeprefix(GOOD_HEAD) + body.replace("# @par", "# par"))
    assert rows(store, without, {"min": "6"}) == []  # the FILTER sees an unbound ?min


def test_a_marker_outside_any_group_is_an_error(tmp_path):
    message = broken(tmp_path, GOOD_HEAD + "# @parameters\n" + BODY)
    assert message == ":1: a `# @parameters` marker belongs inside a group { … }"


def test_without_comments_keeps_strings_and_iris():
    from server.rdf.sparql_text import without_comments

    text = (
        "#+ summary: loaded\n"
        "PREFIX ex: <https://example.org/#> # the namespace\n"
        'SELECT * WHERE { ?s ex:p "# not a comment" } # LOAD\n'
    )
    assert without_comments(text) == (
        '\nPREFIX ex: <https://example.org/#> \nSELECT * WHERE { ?s ex:p "# not a comment" } \n'
    )
