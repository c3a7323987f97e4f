"""Mutation test: realistic mistakes in the graph, each caught by `validate` at the right file:line.

Each mutation edits a copy of ontology/ + data/ (a tmp dir) the way a careless edit would. They
touch distinct resources, so they are applied together to one copy and validated once,
in-process (the engine behind `mannheim-kg validate`, with the bundled shapes and checks): every
mutation must produce its own Violation at the line it names — the location ties each finding to
its mutation, and the unmutated copy conforms. A few are also run alone through the CLI to show
the exit status 1.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from server.cli.main import main
from server.config import PROJECT_ROOT
from server.validate.checks import default_checks_folder, load_checks
from server.validate.engine import Report, validate
from server.validate.vocabularies import default_vocab_folder, term_index


@dataclass(frozen=True)
class Mutation:
    """Replace `old` (once, in `file`) by `new`; expect a Violation on the line of `where` in
    `expect_file` (default: `file`); `rule` is part of the finding's rule or shape, if given."""

    name: str
    file: str
    old: str
    new: str
    where: str
    expect_file: str | None = None
    rule: str | None = None


TEL = "https://w3id.org/mannheim-kg/id/telephone/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
MUTATIONS = [
    Mutation(
        "wrong digit in a tel: IRI",
        "contact-details.ttl",
        "vcard:hasValue <tel:+4915127698412> ;",
        "vcard:hasValue <tel:+4915127698413> ;",
        "<tel:+4915127698413>",
    ),
    Mutation(
        "mobile number not typed mobile",
        "contact-details.ttl",
        "telephone:matthias-henel a vcard:Cell , vcard:Voice ;",
        "telephone:matthias-henel a vcard:Voice ;",
        "<tel:+491751947568>",
    ),
    Mutation(
        "landline typed mobile",
        "contact-details.ttl",
        "telephone:anna-schmidt a vcard:Voice ;",
        "telephone:anna-schmidt a vcard:Cell , vcard:Voice ;",
        "<tel:+496212933358>",
    ),
    Mutation(
        "'rund 50' given the qualifier exact",
        "networks.ttl",
        'schema:unitText "Netzwerkmitglieder"@de , "network members"@en ;\n'
        "    mkg:qualifier qualifier:about",
        'schema:unitText "Netzwerkmitglieder"@de , "network members"@en ;\n'
        "    mkg:qualifier qualifier:exact",
        "mkg:qualifier qualifier:exact",
    ),
    Mutation(
        "'über 4.000' stored as an exact value",
        "events.ttl",
        "schema:minValue 4000 ;",
        "schema:value 4000 ;",
        "quantity:summit-teilnehmende a schema:QuantitativeValue",
    ),
    Mutation(
        "Summit dated to a day the source never gives",
        "events.ttl",
        'schema:startDate "2021-05"^^xsd:gYearMonth ;',
        'schema:startDate "2021-05-12"^^xsd:date ;',
        '"2021-05-12"^^xsd:date',
    ),
    Mutation(
        "cluster management dated to a day",
        "clusters.ttl",
        'schema:startDate "2011"^^xsd:gYear ;',
        'schema:startDate "2011-01-01"^^xsd:date ;',
        '"2011-01-01"^^xsd:date',
    ),
    Mutation(
        "Q2119 replaced by another Wikidata id",
        "places.ttl",
        "<http://www.wikidata.org/entity/Q2119>",
        "<http://www.wikidata.org/entity/Q2118>",
        "Q2118",
    ),
    Mutation(
        "GND number with a wrong check digit",
        "networks.ttl",
        "<https://d-nb.info/gnd/4023996-2>",
        "<https://d-nb.info/gnd/4023996-3>",
        "4023996-3",
    ),
    Mutation(
        "a planned thing switched to existing",
        "networks.ttl",
        "organisation:green-industry-cluster-ev a mkg:PlannedOrganisation ;\n"
        '    rdfs:label "Green Industry Cluster e.V."@de , "Green Industry Cluster e.V."@en ;\n'
        "    mkg:status status:planned ;",
        "organisation:green-industry-cluster-ev a mkg:PlannedOrganisation ;\n"
        '    rdfs:label "Green Industry Cluster e.V."@de , "Green Industry Cluster e.V."@en ;\n'
        "    mkg:status status:existing ; # m-existing",
        "# m-existing",
    ),
    Mutation(
        "a planned measure given a start date",
        "clusters.ttl",
        "    schema:result organisation:green-industry-cluster-ev ;",
        "    schema:result organisation:green-industry-cluster-ev ;\n"
        '    schema:startDate "2022"^^xsd:gYear ;',
        'schema:startDate "2022"^^xsd:gYear',
    ),
    Mutation(
        "a phone number moved into a public graph",
        "people.ttl",
        "# Contact persons per cluster, in the order of the source.",
        f"<{TEL}katharina-fox-mobile> <{VCARD}hasValue> <tel:+4915127698412> .\n"
        "# Contact persons per cluster, in the order of the source.",
        "<tel:+4915127698412>",
        rule="personal-data-graph",
    ),
    Mutation(
        "the contact-details graph made public",
        "source.ttl",
        "    dct:accessRights access:RESTRICTED ;",
        "    dct:accessRights access:PUBLIC ;",
        "<tel:+496212939978>",
        expect_file="contact-details.ttl",
        rule="personal-data-graph",
    ),
    Mutation(
        "the legal basis of the contact details changed",
        "source.ttl",
        "    dpv:hasLegalBasis eu-gdpr:A6-1-e ;",
        "    dpv:hasLegalBasis eu-gdpr:A6-1-f ;",
        "graph:contact-details a dcat:Dataset",
        rule="PersonalDataGraphShape",
    ),
    Mutation(
        "org:hasMember on a cluster",
        "clusters.ttl",
        "    mkg:partner organisation:smart-production-ev , organisation:rhein-neckar-kreis ;",
        "    mkg:partner organisation:smart-production-ev , organisation:rhein-neckar-kreis ;\n"
        "    org:hasMember organisation:smart-production-ev ;",
        "org:hasMember organisation:smart-production-ev",
    ),
    Mutation(
        "a contact person made a member of the office",
        "people.ttl",
        '    foaf:familyName "Bley" .',
        '    foaf:familyName "Bley" ;\n    org:memberOf unit:wirtschaftsfoerderung .',
        "org:memberOf unit:wirtschaftsfoerderung",
    ),
    Mutation(
        "an e-mail address the source redacted",
        "people.ttl",
        '    foaf:familyName "Link" .',
        '    foaf:familyName "Link" ;\n    foaf:mbox <mailto:sandra.link@mannheim.de> .',
        "foaf:mbox",
    ),
    Mutation(
        "prov:wasDerivedFrom on an activity",
        "strategy.ttl",
        "    prov:wasAssociatedWith unit:gemeinderat ;",
        "    prov:wasAssociatedWith unit:gemeinderat ;\n"
        "    prov:wasDerivedFrom doc:pressemitteilung-kompetenzfelder ;",
        "prov:wasDerivedFrom doc:pressemitteilung-kompetenzfelder",
    ),
    Mutation(
        "a status from another scheme",
        "places.ttl",
        "    mkg:status status:growing ;",
        "    mkg:status field:green-tech ;",
        "mkg:status field:green-tech",
    ),
    Mutation(
        "two statuses on one thing",
        "places.ttl",
        "    mkg:status status:being-created ;",
        "    mkg:status status:being-created , status:existing ; # m-two",
        "# m-two",
    ),
    Mutation(
        "an actor type used as target group",
        "clusters.ttl",
        "    dct:audience group:medizintechnik-produktentwicklung ;",
        "    dct:audience actor:klinik ;",
        "dct:audience actor:klinik",
    ),
    Mutation(
        "a bare integer instead of a qualified quantity",
        "events.ttl",
        "    mkg:participantCount quantity:road-to-mannheim-teilnehmende ;",
        "    mkg:participantCount 4300 ;",
        "mkg:participantCount 4300",
    ),
    Mutation(
        "the co-organiser made the organiser",
        "events.ttl",
        "    mkg:coOrganizer organisation:europaeische-kommission ;",
        "    schema:organizer organisation:europaeische-kommission ;",
        "schema:organizer organisation:europaeische-kommission",
    ),
    Mutation(
        "a quotation attributed to the wrong speaker",
        "quotations.ttl",
        "    schema:creator people:michael-groetsch ;",
        "    schema:creator people:christiane-ram ; # m-speaker",
        "# m-speaker",
    ),
    Mutation(
        "a description that lost its passage",
        "passages.ttl",
        "    oa:hasBody unit:clustermanagement-social-economy .",
        "    oa:hasBody unit:wirtschaftsfoerderung .",
        "unit:clustermanagement-social-economy a mkg:ClusterManagement",
        expect_file="clusters.ttl",
    ),
    Mutation(
        "a label with a wrong language tag",
        "organisations.ttl",
        '"Gemeinderat der Stadt Mannheim"@de',
        '"Gemeinderat der Stadt Mannheim"@ger',
        '"Gemeinderat der Stadt Mannheim"@ger',
    ),
]

NEW_FILE = Mutation(
    "a new data file with no graph description",
    "extra.ttl",
    "",
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "<https://w3id.org/mannheim-kg/id/concept/topic/extra> rdfs:label"
    ' "Extra"@de , "Extra"@en .\n',
    "<https://w3id.org/mannheim-kg/id/concept/topic/extra>",
    rule="graph-undescribed",
)


def _copy(root: Path) -> Path:
    for name in ("ontology", "data"):
        shutil.copytree(PROJECT_ROOT / name, root / name)
    return root


def _apply(root: Path, mutation: Mutation) -> None:
    path = root / "data" / mutation.file
    if not mutation.old:
        path.write_text(mutation.new, encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    assert text.count(mutation.old) == 1, f"{mutation.name}: {mutation.old!r} is not unique"
    path.write_text(text.replace(mutation.old, mutation.new), encoding="utf-8")


def _expected_line(root: Path, mutation: Mutation) -> tuple[str, int]:
    name = mutation.expect_file or mutation.file
    lines = (root / "data" / name).read_text(encoding="utf-8").splitlines()
    hits = [number for number, line in enumerate(lines, 1) if mutation.where in line]
    assert len(hits) == 1, f"{mutation.name}: {mutation.where!r} is on lines {hits}"
    return name, hits[0]


def _run(root: Path) -> Report:
    return validate(
        targets=[root / "ontology", root / "data"],
        shapes=[PROJECT_ROOT / "shapes"],
        ontology=[root / "ontology"],
        checks=load_checks(default_checks_folder()),
        vocabulary=VOCABULARY,
    )


VOCABULARY = term_index(default_vocab_folder())
ALL = [*MUTATIONS, NEW_FILE]


@pytest.fixture(scope="module")
def mutated(tmp_path_factory) -> tuple[Path, Report]:
    root = _copy(tmp_path_factory.mktemp("mutated"))
    for mutation in ALL:
        _apply(root, mutation)
    return root, _run(root)


def test_there_are_at_least_twenty_mutations() -> None:
    assert len(ALL) >= 20
    assert len({m.name for m in ALL}) == len(ALL)


def test_the_unmutated_copy_conforms(tmp_path) -> None:
    report = _run(_copy(tmp_path))
    violations = [f for f in report.findings if f.severity == "Violation"]
    assert [f"{f.file}:{f.line} {f.rule}" for f in violations] == []


@pytest.mark.parametrize("mutation", ALL, ids=[m.name for m in ALL])
def test_mutation_is_caught_at_its_line(mutated, mutation: Mutation) -> None:
    root, report = mutated
    name, line = _expected_line(root, mutation)
    here = [
        f
        for f in report.findings
        if f.severity == "Violation"
        and f.file is not None
        and (f.file.name, f.line) == (name, line)
    ]
    found = sorted(f"{f.file.name}:{f.line} {f.rule} {f.shape}" for f in report.findings)
    assert here, f"{mutation.name}: no violation at {name}:{line}; findings: {found}"
    if mutation.rule:
        assert any(mutation.rule in f.rule or mutation.rule in f.shape for f in here), found


@pytest.mark.parametrize("mutation", [MUTATIONS[0], MUTATIONS[11], NEW_FILE], ids=lambda m: m.name)
def test_alone_it_makes_validate_exit_1(runner, tmp_path, mutation: Mutation) -> None:
    root = _copy(tmp_path)
    _apply(root, mutation)
    name, line = _expected_line(root, mutation)
    result = runner.invoke(
        main,
        [
            "validate",
            str(root / "ontology"),
            str(root / "data"),
            "--shapes",
            str(PROJECT_ROOT / "shapes"),
            "--ontology",
            str(root / "ontology"),
        ],
    )
    assert result.exit_code == 1, result.output
    assert f"{name}:{line}:" in result.output
