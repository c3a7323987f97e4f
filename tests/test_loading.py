"""server.loading: syntax errors carry the file and, wherever it can be known, line:column."""

from __future__ import annotations

import pytest

from server.errors import RdfSyntaxError
from server.store.files import discover, parse

RDF_XML_HEAD = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
"""


def test_ill_formed_rdf_xml_is_located_by_expat(tmp_path):
    """pyoxigraph's RDF/XML errors have no position; an XML error has one."""
    path = tmp_path / "broken.rdf"
    path.write_text(
        RDF_XML_HEAD
        + '  <rdf:Description rdf:about="http://example.org/a">\n'
        + "  </rdf:Descriptio>\n</rdf:RDF>\n",
        encoding="utf-8",
    )
    with pytest.raises(RdfSyntaxError) as caught:
        parse(discover([path])[0])
    assert (caught.value.line, caught.value.column) == (4, 5)
    assert str(caught.value).startswith(f"{path}:4:5: ")


def test_well_formed_xml_with_an_rdf_error_names_the_file_only(tmp_path):
    """The XML is fine, the RDF is not: expat knows no position, so none is invented."""
    path = tmp_path / "wrong.rdf"
    path.write_text(
        RDF_XML_HEAD
        + '  <rdf:Description rdf:about="http://example.org/a" rdf:nodeID="n" rdf:resource="x"/>\n'
        + "</rdf:RDF>\n",
        encoding="utf-8",
    )
    with pytest.raises(RdfSyntaxError) as caught:
        parse(discover([path])[0])
    assert caught.value.line is None and caught.value.column is None
    assert str(caught.value).startswith(f"{path}: ")
