"""Quality checks (queries/checks/*.rq): each breaks a copy of the bundled KG in one way and
expects the finding at the file and line of the break, with its rule, severity and exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from server.cli.main import main
from server.config import PROJECT_ROOT
from server.validate.checks import CheckError, load_check, load_checks
from server.validate.vocabularies import VOCAB_GRAPH, term_index

CHECKS = PROJECT_ROOT / "queries" / "checks"
VOCAB = PROJECT_ROOT / "vocab"
ID = "https://w3id.org/mannheim-kg/id/"
DEF = "https://w3id.org/mannheim-kg/def/"
EXPECTED_CHECKS = {
    "definition-missing": "Warning",
    "graph-undescribed": "Violation",
    "iri-pattern": "Violation",
    "isdefinedby-missing": "Warning",
    "label-duplicate": "Violation",
    "label-missing": "Violation",
    "label-multiple": "Violation",
    "label-whitespace": "Warning",
    "language-tag": "Warning",
    "personal-data-graph": "Violation",
    "term-deprecated": "Warning",
    "term-undeclared": "Violation",
    "vocab-unknown-term": "Violation",
}


# --- helpers -------------------------------------------------------------------------------------


def replace(path: Path, old: str, new: str) -> tuple[int, int]:
    """Replace the first `old` by `new`; the (line, column) where `new` starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is no longer in {path.name}: update this test"
    at = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


def append(path: Path, snippet: str) -> int:
    """Append Turtle (full IRIs only, so it needs no prefix of the file); its first line."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + snippet, encoding="utf-8")
    return text.count("\n") + 1


def validate(runner, copy: Path, *extra) -> tuple[int, list[dict]]:
    """Validate the copy like the bundled KG; exit code and the JSON findings."""
    args = [copy / "ontology", copy / "data", "--ontology", copy / "ontology"]
    args += ["--shapes", copy / "shapes", "--format", "json", *extra]
    result = runner.invoke(main, ["validate", *map(str, args)])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["findings"]


def findings_of(findings: list[dict], rule: str) -> list[dict]:
    return [f for f in findings if f["rule"] == rule]


def at(finding: dict) -> tuple[str, int | None]:
    return Path(finding["file"]).name, finding["line"]


OWL_CLASS = "<http://www.w3.org/2002/07/owl#Class>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
DEFINITION = "<http://www.w3.org/2004/02/skos/core#definition>"
DEFINED_BY = "<http://www.w3.org/2000/01/rdf-schema#isDefinedBy>"


def new_class(local: str, *, labels=True, definitions=True, defined_by=True) -> str:
    lines = [f"<{DEF}{local}> a {OWL_CLASS}"]
    if labels:
        lines.append(f'{LABEL} "{local} (de)"@de , "{local} (en)"@en')
    if definitions:
        lines.append(f'{DEFINITION} "Eine Testklasse."@de , "A test class."@en')
    if defined_by:
        lines.append(f"{DEFINED_BY} <{DEF}>")
    return " ;\n    ".join(lines) + " .\n"


# --- the bundled KG passes every check -----------------------------------------------------------


def test_every_check_is_described_and_the_bundled_kg_passes_them(runner, project_copy):
    checks = load_checks(CHECKS)
    assert {c.id: c.severity for c in checks} == EXPECTED_CHECKS
    for check in checks:
        assert check.summary and check.summary != check.id
        assert set(check.description) == {"de", "en"}, check.id
        assert set(check.message) == {"de", "en"}, check.id
    code, findings = validate(runner, project_copy, "--fail-on", "info")
    assert (code, findings) == (0, [])


# --- one test per kind of break ------------------------------------------------------------------


def test_unknown_terms_of_standard_vocabularies(runner, project_copy):
    events = project_copy / "data" / "events.ttl"
    attendees = append(
        events, f"<{ID}event/road-to-mannheim> <https://schema.org/attendeeCount> 4300 .\n"
    )
    people = project_copy / "data" / "people.ttl"
    member_line, _ = replace(people, "org:headOf", "org:headof")
    contacts = project_copy / "data" / "contact-details.ttl"
    telephone_line, telephone_column = replace(contacts, "a vcard:Cell", "a vcard:Telephone")
    http_schema = append(events, f"<{ID}event/road-to-mannheim> <http://schema.org/nmae> 1 .\n")
    code, findings = validate(runner, project_copy)
    assert code == 1
    unknown = {
        (f["display"]["path"], f["display"]["value"]): f
        for f in findings_of(findings, "vocab-unknown-term")
    }
    assert at(unknown[("schema:attendeeCount", '"4300"^^xsd:integer')]) == (
        "events.ttl",
        attendees,
    )
    assert at(unknown[("org:headof", "unit:wirtschaftsfoerderung")]) == (
        "people.ttl",
        member_line,
    )
    telephone = unknown[("rdf:type", "vcard:Telephone")]
    assert at(telephone) == ("contact-details.ttl", telephone_line)
    assert telephone["column"] == telephone_column + 2  # the object, after "a "
    assert telephone["severity"] == "violation"
    assert (
        "vcard:Telephone is not a term of http://www.w3.org/2006/vcard/ns#"
        in (telephone["message"])
    )
    assert at(next(f for k, f in unknown.items() if k[0].endswith("nmae>"))) == (
        "events.ttl",
        http_schema,
    )
    assert len(unknown) == 4  # existing terms (also http://schema.org/ ones) are fine


def test_unknown_terms_in_shapes(runner, project_copy):
    extra = project_copy / "shapes" / "extra.ttl"
    extra.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix schema: <https://schema.org/> .\n"
        "<https://w3id.org/mannheim-kg/shapes/ExtraShape> a sh:NodeShape ;\n"
        "    sh:targetClass schema:Event ;\n"
        "    sh:property [\n"
        "        sh:path schema:attendeeCount ;\n"  # line 6
        "        sh:maxCount 1\n"
        "    ] .\n",
        encoding="utf-8",
    )
    code, findings = validate(runner, project_copy)
    assert code == 1
    (finding,) = findings_of(findings, "vocab-unknown-term")
    assert at(finding) == ("extra.ttl", 6)
    assert finding["column"] == 17
    assert finding["focusNode"].startswith("_:")  # the blank property shape


def test_undeclared_project_terms(runner, project_copy):
    people = project_copy / "data" / "people.ttl"
    line = append(people, f'<{ID}person/katharina-fox> <{DEF}favouriteColour> "blau"@de .\n')
    code, findings = validate(runner, project_copy)
    assert code == 1
    (finding,) = findings_of(findings, "term-undeclared")
    assert at(finding) == ("people.ttl", line)
    assert finding["message"] == "mkg:favouriteColour is not declared in the ontology"
    assert finding["messages"]["de"] == "mkg:favouriteColour ist nicht in der Ontologie deklariert"


def test_deprecated_terms_in_use(runner, project_copy):
    ontology = project_copy / "ontology" / "mannheim-kg.ttl"
    append(
        ontology,
        new_class("OldThing").replace(
            " .\n", " ;\n    <http://www.w3.org/2002/07/owl#deprecated> true .\n"
        ),
    )
    people = project_copy / "data" / "people.ttl"
    own = append(people, f"<{ID}person/katharina-fox> a <{DEF}OldThing> .\n")
    archaic = append(
        people, f'<{ID}person/katharina-fox> <http://xmlns.com/foaf/0.1/surname> "Fox" .\n'
    )
    code, findings = validate(runner, project_copy, "--fail-on", "warning")
    assert code == 1
    deprecated = {
        f["display"]["value"] if f["display"]["path"] == "rdf:type" else f["display"]["path"]: f
        for f in findings_of(findings, "term-deprecated")
    }
    assert at(deprecated["mkg:OldThing"]) == ("people.ttl", own)
    assert at(deprecated["foaf:surname"]) == ("people.ttl", archaic)
    assert all(f["severity"] == "warning" for f in deprecated.values())
    assert not findings_of(findings, "term-undeclared")  # deprecated, but declared
    # no successor: no "(replaced by: –)"
    assert deprecated["foaf:surname"]["message"] == "foaf:surname is deprecated"
    assert deprecated["foaf:surname"]["messages"]["de"] == "foaf:surname ist veraltet"
    assert deprecated["mkg:OldThing"]["message"] == "mkg:OldThing is deprecated"


def test_a_deprecated_term_names_its_successor(runner, project_copy):
    ontology = project_copy / "ontology" / "mannheim-kg.ttl"
    replaced_by = f"<http://purl.org/dc/terms/isReplacedBy> <{DEF}Cluster>"
    append(
        ontology,
        new_class("OldThing").replace(
            " .\n",
            f" ;\n    <http://www.w3.org/2002/07/owl#deprecated> true ;\n    {replaced_by} .\n",
        ),
    )
    append(
        project_copy / "data" / "people.ttl", f"<{ID}person/katharina-fox> a <{DEF}OldThing> .\n"
    )
    _, findings = validate(runner, project_copy)
    (finding,) = findings_of(findings, "term-deprecated")
    assert finding["message"] == "mkg:OldThing is deprecated (replaced by: mkg:Cluster)"
    assert finding["messages"]["de"] == "mkg:OldThing ist veraltet (Nachfolger: mkg:Cluster)"


def test_the_vocabulary_message_names_the_folder_it_used(runner, project_copy):
    import shutil

    folder = project_copy / "pinned"
    shutil.copytree(PROJECT_ROOT / "vocab", folder)
    append(
        project_copy / "data" / "events.ttl",
        f"<{ID}event/road-to-mannheim> <https://schema.org/attendeeCount> 4300 .\n",
    )
    _, findings = validate(runner, project_copy, "--vocab", folder)
    (finding,) = findings_of(findings, "vocab-unknown-term")
    assert finding["message"] == (
        f"schema:attendeeCount is not a term of https://schema.org/ (checked against {folder}/)"
    )
    assert finding["messages"]["de"].endswith(f"(geprüft gegen {folder}/)")


def test_iris_minted_outside_the_pattern(runner, project_copy):
    people = project_copy / "data" / "people.ttl"
    relative = append(people, '<#oops> <http://www.w3.org/2000/01/rdf-schema#label> "x"@de .\n')
    http = append(
        people,
        '<http://w3id.org/mannheim-kg/id/person/x> <http://xmlns.com/foaf/0.1/name> "x" .\n',
    )
    flat = append(people, f'<{ID}katharina-fox> <http://xmlns.com/foaf/0.1/name> "x" .\n')
    code, findings = validate(runner, project_copy)
    assert code == 1
    lines = sorted(f["line"] for f in findings_of(findings, "iri-pattern"))
    assert lines == [relative, http, flat]
    relative_iri = next(f for f in findings_of(findings, "iri-pattern") if f["line"] == relative)
    assert relative_iri["focusNode"] == "<https://w3id.org/mannheim-kg/graph/people#oops>"


def test_labels_missing_in_a_language(runner, project_copy):
    ontology = project_copy / "ontology" / "mannheim-kg.ttl"
    line = append(ontology, new_class("Unlabelled", labels=False))
    code, findings = validate(runner, project_copy)
    assert code == 1
    missing = findings_of(findings, "label-missing")
    assert sorted(f["message"] for f in missing) == [
        "mkg:Unlabelled has no rdfs:label in de",
        "mkg:Unlabelled has no rdfs:label in en",
    ]
    assert {at(f) for f in missing} == {("mannheim-kg.ttl", line)}


def test_two_labels_in_one_language(runner, project_copy):
    ontology = project_copy / "ontology" / "mannheim-kg.ttl"
    line = append(ontology, f'<{DEF}Cluster> {LABEL} "Zweitname"@de .\n')
    code, findings = validate(runner, project_copy)
    assert code == 1
    (finding,) = findings_of(findings, "label-multiple")
    assert at(finding) == ("mannheim-kg.ttl", line)
    assert finding["display"]["value"] == '"Zweitname"@de'


def test_two_terms_with_one_label(runner, project_copy):
    ontology = project_copy / "ontology" / "mannheim-kg.ttl"
    snippet = new_class("Zluster").replace('"Zluster (de)"@de', '"Cluster"@de')
    line = append(ontology, snippet)
    code, findings = validate(runner, project_copy)
    assert code == 1
    (finding,) = findings_of(findings, "label-duplicate")
    assert at(finding) == ("mannheim-kg.ttl", line + 1)  # the label's line
    assert finding["message"] == 'mkg:Zluster has the same rdfs:label "Cluster"@de as mkg:Cluster'


def test_labels_with_stray_white_space(runner, project_copy):
    contacts = project_copy / "data" / "contact-details.ttl"
    line, column = replace(
        contacts, '"Mobilnummer von Katharina Fox"@de', '"Mobilnummer  von Katharina Fox "@de'
    )
    code, findings = validate(runner, project_copy)
    assert code == 0  # a warning
    (finding,) = findings_of(findings, "label-whitespace")
    assert (at(finding), finding["column"]) == (("contact-details.ttl", line), column)
    assert finding["severity"] == "warning"
    code, _ = validate(runner, project_copy, "--fail-on", "warning")
    assert code == 1


def test_missing_definitions_and_is_defined_by(runner, project_copy):
    ontology = project_copy / "ontology" / "mannheim-kg.ttl"
    undefined = append(ontology, new_class("Undefined", definitions=False))
    orphan = append(ontology, new_class("Orphan", defined_by=False))
    _, findings = validate(runner, project_copy)
    definitions = findings_of(findings, "definition-missing")
    assert {(at(f), f["severity"]) for f in definitions} == {
        (("mannheim-kg.ttl", undefined), "warning")
    }
    assert len(definitions) == 2  # de and en
    (defined_by,) = findings_of(findings, "isdefinedby-missing")
    assert (at(defined_by), defined_by["severity"]) == (("mannheim-kg.ttl", orphan), "warning")


def test_language_tags_other_than_de_and_en(runner, project_copy):
    contacts = project_copy / "data" / "contact-details.ttl"
    line, _ = replace(contacts, '"Mobile number of Katharina Fox"@en', '"Mobile number"@eng')
    append(
        contacts,
        f"<{ID}telephone/katharina-fox> <http://www.w3.org/2004/02/skos/core#note> "
        '"Handy"@de-t-en .\n',
    )
    code, findings = validate(runner, project_copy, "--fail-on", "warning")
    assert code == 1
    (finding,) = findings_of(findings, "language-tag")  # de-t-en is German: fine
    assert at(finding) == ("contact-details.ttl", line)
    assert finding["message"].endswith("is tagged eng, expected one of: de, en")


# --- the machinery -------------------------------------------------------------------------------


def test_broken_check_files_are_unusable_input(runner, project_copy, tmp_path):
    checks = tmp_path / "checks"
    checks.mkdir()
    bad = checks / "bad-syntax.rq"
    bad.write_text("#+ severity: warning\nSELECT ?focus WHERE { ?focus ", encoding="utf-8")
    result = runner.invoke(
        main,
        [
            "validate",
            str(project_copy / "data"),
            "--shapes",
            str(project_copy / "shapes"),
            "--checks",
            str(checks),
        ],
    )
    assert result.exit_code == 2
    assert "bad-syntax.rq" in result.output
    bad.write_text("#+ severity: fatal\nSELECT ?focus WHERE { ?focus ?p ?o }\n", "utf-8")
    with pytest.raises(CheckError, match="severity must be violation, warning or info"):
        load_check(bad)
    bad.write_text("#+ id: other\nSELECT ?focus WHERE { ?focus ?p ?o }\n", "utf-8")
    with pytest.raises(CheckError, match="differs from the file name"):
        load_check(bad)
    bad.write_text("#+ severity: info\nSELECT ?s WHERE { ?s ?p ?o }\n", "utf-8")
    with pytest.raises(CheckError, match="must select"):
        from server.validate.checks import check_dataset, run_checks

        run_checks([load_check(bad)], check_dataset([], [], []))


def test_a_custom_checks_folder_replaces_the_bundled_one(runner, project_copy, tmp_path):
    checks = tmp_path / "checks"
    checks.mkdir()
    (checks / "no-people.rq").write_text(
        "#+ severity: info\n#+ summary: Nobody\n#+ message:\n#+   en: '{focus} is a person'\n"
        "SELECT ?focus WHERE { ?focus a <http://www.w3.org/ns/person#Person> }\n",
        encoding="utf-8",
    )
    code, findings = validate(runner, project_copy, "--checks", checks)
    assert code == 0
    assert {f["rule"] for f in findings} == {"no-people"}
    assert all(f["severity"] == "info" and f["message"].endswith("is a person") for f in findings)
    code, _ = validate(runner, project_copy, "--checks", checks, "--fail-on", "info")
    assert code == 1


def test_every_checked_namespace_has_terms_in_vocab(tmp_path):
    query = (CHECKS / "vocab-unknown-term.rq").read_text(encoding="utf-8")
    namespaces = query.split("VALUES ?namespace {")[1].split("}")[0].split()
    store = ox.Store()
    store.extend(term_index(VOCAB, cache_dir=tmp_path))
    for namespace in (n.strip('"') for n in namespaces):
        namespace = namespace.replace("http://schema.org/", "https://schema.org/")
        found = store.query(
            f"ASK {{ GRAPH <{VOCAB_GRAPH.value}> {{ ?t a ?k FILTER STRSTARTS(STR(?t), "
            f'"{namespace}") }} }}'
        )
        assert found, namespace


def test_the_vocabulary_index_is_cached_by_content(tmp_path):
    first = term_index(VOCAB, cache_dir=tmp_path)
    (cached,) = tmp_path.glob("vocab-index-*.nq")
    assert set(term_index(VOCAB, cache_dir=tmp_path)) == set(first)
    terms = {q.subject.value for q in first}
    assert "https://schema.org/Event" in terms and "http://www.w3.org/ns/org#memberOf" in terms
    assert "https://schema.org/attendeeCount" not in terms
    assert "http://www.w3.org/2006/vcard/ns#Telephone" not in terms
    copy = tmp_path / "vocab"
    copy.mkdir()
    (copy / "tiny.ttl").write_text("<http://e/x> a <http://e/C> .\n", encoding="utf-8")
    tiny = term_index(copy, cache_dir=tmp_path)
    assert {q.subject.value for q in tiny} == {"http://e/x"}
    assert len(list(tmp_path.glob("vocab-index-*.nq"))) == 2  # keyed by content
    cached.write_text("not n-quads", encoding="utf-8")  # a damaged cache is rebuilt
    assert set(term_index(VOCAB, cache_dir=tmp_path)) == set(first)
