"""The one `#+` header reader, used by the catalogue and the quality checks alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from server.catalogue.header import read_header
from server.errors import CatalogueError, CheckError
from server.validate.checks import load_check

QUERY = "SELECT ?focus WHERE { ?focus ?p ?o }\n"


def write(tmp_path: Path, name: str, header: str) -> Path:
    path = tmp_path / name
    path.write_text(header + QUERY, encoding="utf-8")
    return path


def test_lines_keys_and_nesting(tmp_path):
    text = "#+ summary: Sizes\n#+ message:\n#+   en: '{focus} is big'\n# a comment\n" + QUERY
    header = read_header(text, tmp_path / "q.rq")
    assert header.value == {"summary": "Sizes", "message": {"en": "{focus} is big"}}
    assert header.file_lines == [1, 2, 3]
    assert (header.line_of("summary"), header.line_of("message")) == (1, 2)
    assert header.line_of("en", header.value["message"]) == 3


def test_the_space_after_the_mark_is_cut_only_when_every_line_has_it(tmp_path):
    """`#+a: 1` and `#+  b: 2` keep their relative indentation: b is no child of a."""
    header = read_header("#+a:\n#+  b: 2\n" + QUERY, tmp_path / "q.rq")
    assert header.value == {"a": {"b": 2}}
    # one line with the space and one without: not cut per line (that changes the nesting)
    with pytest.raises(CatalogueError, match=r"q\.rq:2: broken header"):
        read_header("#+ a: 1\n#+b: 2\n" + QUERY, tmp_path / "q.rq")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("#+ severity: info\n#+ severity: warning\n", r"bad\.rq:2: broken header: .*duplicate key"),
        ("#+ severty: warning\n", r"bad\.rq:1: unknown header key 'severty'"),
        ("#+ summary: x\n#+ severity: fatal\n", r"bad\.rq:2: severity must be violation"),
        ("#+ id: other\n", r"bad\.rq:1: id 'other' differs from the file name"),
        ("#+ - a list\n", r"bad\.rq:1: the header must be a YAML mapping"),
        ("#+ summary: [unclosed\n", r"bad\.rq:1: broken header"),
    ],
)
def test_a_check_s_header_errors_name_file_and_line(tmp_path, header, message):
    with pytest.raises(CheckError, match=message):
        load_check(write(tmp_path, "bad.rq", header))


def test_a_check_and_a_query_read_the_same_header_alike(tmp_path):
    header = "#+ summary: Nobody\n#+ description:\n#+   en: People\n#+   de: Leute\n"
    check = load_check(write(tmp_path, "nobody.rq", header))
    read = read_header(header + QUERY, tmp_path / "nobody.rq")
    assert check.summary == read.value["summary"] == "Nobody"
    assert check.description == read.value["description"] == {"en": "People", "de": "Leute"}


def test_a_check_without_header_takes_its_defaults(tmp_path):
    check = load_check(write(tmp_path, "plain.rq", ""))
    assert (check.id, check.severity, check.summary) == ("plain", "Violation", "plain")
    with pytest.raises(CatalogueError, match=r"plain\.rq:1: no `#\+` header"):
        read_header(QUERY, tmp_path / "plain.rq")
