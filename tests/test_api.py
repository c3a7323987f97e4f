"""`/api/queries`: the listing, running a query (negotiation, parameters, pages), OpenAPI.

The expected rows of every query are in test_queries.py; here is how the API behaves.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from openapi_spec_validator import validate

from server.catalogue.catalogue import Catalogue
from server.config import load_settings
from server.rdf.formats import media_types_for
from server.web.app import EXTENSION, create_app

ID = "https://w3id.org/mannheim-kg/id/"
SOCIAL = ID + "cluster/social-economy"
JSON_RESULTS = "application/sparql-results+json"
STAFF_TOKEN = "staff-token-for-the-api-tests"
STAFF = {"Authorization": f"Bearer {STAFF_TOKEN}"}
"""The phone numbers are in a restricted graph: only a caller with a token sees them."""


def make_client(**overrides):
    app = create_app(load_settings(overrides, environ={}))
    return app, app.test_client()


@pytest.fixture(scope="module")
def api():
    app, client = make_client(tokens=[STAFF_TOKEN])
    yield client
    app.extensions[EXTENSION]["query_service"].close()


@pytest.fixture(scope="module")
def catalogue(settings) -> Catalogue:
    return Catalogue.from_folder(settings.queries)


def bindings(response) -> list[dict]:
    return response.get_json()["results"]["bindings"]


def names(response, variable: str) -> list[str]:
    return [b[variable]["value"] for b in bindings(response) if variable in b]


# -- the listing -----------------------------------------------------------------------------


def test_listing_has_every_query_with_bilingual_texts_and_typed_parameters(api, catalogue):
    response = api.get("/api/queries")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    listing = response.get_json()
    assert [q["name"] for q in listing] == catalogue.names()
    assert response.headers["Link"].startswith('</api/openapi.json>; rel="service-desc"')
    contacts = next(q for q in listing if q["name"] == "contacts")
    assert contacts["summary"] == {
        "en": "Every contact person with phone number and cluster",
        "de": "Alle Ansprechpersonen mit Telefonnummer und Cluster",
    }
    assert set(contacts["description"]) == {"en", "de"}
    assert contacts["tags"] == ["cross-cluster", "contacts", "personal-data"]
    assert contacts["url"] == "/api/queries/contacts"
    assert contacts["parameters"][1] == {
        "name": "lang",
        "type": "language",
        "required": False,
        "default": "de",
        "enum": ["de", "en"],
        "description": {"en": "Language of the cluster names.", "de": "Sprache der Clusternamen."},
    }
    provenance = next(q for q in listing if q["name"] == "provenance")
    assert provenance["parameters"][0]["required"] is True
    assert provenance["parameters"][0]["type"] == "iri"


# -- running: negotiation ----------------------------------------------------------------------


@pytest.mark.parametrize("media", [m.name for m in media_types_for("solutions")])
def test_every_results_format_of_sparql(api, media):
    response = api.get("/api/queries/contacts", headers={"Accept": media})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == media
    assert "Accept" in response.headers["Vary"]
    assert response.headers["X-Result-Rows"] == "7"


def test_csv_by_format_parameter(api):
    response = api.get(
        "/api/queries/contacts", query_string={"format": "csv", "cluster": SOCIAL}, headers=STAFF
    )
    assert response.mimetype == "text/csv"
    assert list(csv.reader(io.StringIO(response.get_data(as_text=True)))) == [
        ["cluster", "clusterLabel", "person", "name", "phone", "phoneKind", "asPrinted"],
        [
            SOCIAL,
            "Social Economy Cluster",
            ID + "person/matthias-henel",
            "Matthias Henel",
            "tel:+491751947568",
            "http://www.w3.org/2006/vcard/ns#Cell",
            "0175 194 7568",
        ],
    ]


def test_unacceptable_format_is_406_listing_the_supported_ones(api):
    response = api.get("/api/queries/contacts", headers={"Accept": "image/png"})
    assert response.status_code == 406
    message = response.get_data(as_text=True)
    for media in media_types_for("solutions"):
        assert media.name in message


def test_an_rdf_format_for_a_select_gets_the_default(api):
    """Accept naming only RDF formats (we have them, not for a SELECT): SPARQL JSON."""
    response = api.get("/api/queries/contacts", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.mimetype == "application/sparql-results+json"


def test_unknown_query_is_404(api):
    response = api.get("/api/queries/nope", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json()["error"]["message"] == "no query named 'nope' in the catalogue"


# -- running: parameters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "query", "message"),
    [
        ("provenance", {}, "parameter 'resource': required by query 'provenance'"),
        ("label-search", {"text": ""}, "parameter 'text': required by query 'label-search'"),
        ("provenance", {"resource": "no iri"}, "parameter 'resource': 'no iri' is not a valid iri"),
        (
            "contacts",
            {"colour": "red"},
            "parameter 'colour': unknown parameter of query 'contacts'",
        ),
        ("contacts", {"lang": "fr"}, "parameter 'lang': 'fr' is not one of the allowed values"),
        ("contacts", {"cluster": ID + "cluster/x"}, "parameter 'cluster': '" + ID + "cluster/x'"),
        ("shared-concepts", {"minClusters": "two"}, "parameter 'minClusters': 'two' is not a"),
        ("shared-concepts", {"minClusters": "9"}, "parameter 'minClusters': '9' is not a valid"),
        ("shared-concepts", {"broader": "perhaps"}, "parameter 'broader': 'perhaps' is not a"),
        ("contacts", {"limit": "-1"}, "parameter 'limit': '-1' is not a non-negative integer"),
        ("contacts", {"offset": "x"}, "parameter 'offset': 'x' is not a non-negative integer"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(api, path, query, message):
    response = api.get(f"/api/queries/{path}", query_string=query)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_a_repeated_parameter_is_400(api):
    response = api.get("/api/queries/contacts?lang=de&lang=en")
    assert response.status_code == 400
    assert "parameter 'lang': given more than once" in response.get_data(as_text=True)


def test_post_form_and_json_give_what_get_gives(api):
    query = {"minClusters": "3", "broader": "true", "lang": "en"}
    get = api.get("/api/queries/shared-concepts", query_string=query)
    form = api.post("/api/queries/shared-concepts", data=query)
    body = api.post(
        "/api/queries/shared-concepts", json={"minClusters": 3, "broader": True, "lang": "en"}
    )
    assert get.status_code == form.status_code == body.status_code == 200
    assert get.get_json() == form.get_json() == body.get_json()
    assert len(bindings(get)) == 7


def test_post_with_another_body_type_is_415(api):
    response = api.post("/api/queries/contacts", data="lang=de", content_type="text/plain")
    assert response.status_code == 415


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"minClusters": "3"}, "parameter 'minClusters': expected a JSON integer, not a string"),
        ({"minClusters": 2.5}, "parameter 'minClusters': expected a JSON integer, not a number"),
        ({"minClusters": True}, "parameter 'minClusters': expected a JSON integer, not a boolean"),
        ({"broader": "true"}, "parameter 'broader': expected a JSON boolean, not a string"),
        ({"broader": 1}, "parameter 'broader': expected a JSON boolean, not a number"),
        ({"lang": ["en"]}, "parameter 'lang': expected a JSON string, not an array"),
        ({"lang": None}, "parameter 'lang': expected a JSON string, not null"),
        ({"limit": "3"}, "parameter 'limit': expected a JSON integer, not a string"),
        ({"format": 1}, "parameter 'format': expected a JSON string, not a number"),
        ({"colour": "red"}, "parameter 'colour': unknown parameter of query 'shared-concepts'"),
    ],
)
def test_a_json_body_value_must_have_its_documented_json_type(api, body, message):
    response = api.post("/api/queries/shared-concepts", json=body)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_an_integral_json_number_is_an_integer_as_json_schema_says(api):
    whole = api.post("/api/queries/shared-concepts", json={"minClusters": 3.0, "limit": 2.0})
    plain = api.post("/api/queries/shared-concepts", json={"minClusters": 3, "limit": 2})
    assert whole.status_code == plain.status_code == 200
    assert whole.get_json() == plain.get_json()
    assert len(bindings(whole)) == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ('{"lang": "en",}', "invalid JSON: Expecting property name enclosed in double quotes "),
        ("{lang: en}", "invalid JSON: Expecting property name enclosed in double quotes "),
        (b"\xff", "invalid JSON: not UTF-8"),
        ('["lang", "en"]', "the JSON body must be an object of parameter names and values"),
    ],
)
def test_a_malformed_json_body_is_400_invalid_json(api, data, message):
    response = api.post("/api/queries/contacts", data=data, content_type="application/json")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


# -- binding cannot change the query -----------------------------------------------------------


@pytest.mark.parametrize(
    "attack",
    [
        'x") } UNION { ?thing ?property ?label } #',
        "x' } UNION { ?thing ?property ?label } #",
        'x"""\n} UNION { ?thing ?property ?label }',
        'x\\" } UNION {',
        "#",
    ],
)
def test_text_cannot_inject(api, attack):
    response = api.get("/api/queries/label-search", query_string={"text": attack})
    assert response.status_code == 200
    assert response.get_json()["head"]["vars"] == ["thing", "label", "property"]
    assert bindings(response) == []


@pytest.mark.parametrize(
    "attack",
    [
        SOCIAL + "> ?p ?o } UNION { ?s ?p ?o",
        SOCIAL + ">",
        "<" + SOCIAL + ">",
        SOCIAL + " ",
        SOCIAL + '"',
        SOCIAL + "}",
    ],
)
def test_iris_cannot_inject(api, attack):
    response = api.get("/api/queries/provenance", query_string={"resource": attack})
    assert response.status_code == 400
    assert "parameter 'resource'" in response.get_data(as_text=True)


# -- pages -------------------------------------------------------------------------------------


def test_limit_and_offset_page_through_with_links(api):
    every = names(api.get("/api/queries/contacts", headers=STAFF), "phone")
    assert len(every) == 7
    first = api.get("/api/queries/contacts?limit=3", headers=STAFF)
    assert names(first, "phone") == every[:3]
    assert first.headers["Link"] == '</api/queries/contacts?limit=3&offset=3>; rel="next"'
    second = api.get("/api/queries/contacts?limit=3&offset=3&lang=de", headers=STAFF)
    assert names(second, "phone") == every[3:6]
    links = second.headers["Link"].split(", ")
    assert links == [
        '</api/queries/contacts?lang=de&limit=3&offset=6>; rel="next"',
        '</api/queries/contacts?lang=de&limit=3&offset=0>; rel="prev"',
    ]
    last = api.get("/api/queries/contacts?limit=3&offset=6", headers=STAFF)
    assert names(last, "phone") == every[6:]
    assert 'rel="next"' not in last.headers["Link"]


def test_a_query_s_pagination_is_its_default_page(api, catalogue):
    assert catalogue["label-search"].pagination == 25
    response = api.get("/api/queries/label-search?text=e")
    assert response.headers["X-Result-Rows"] == "25"
    target = urlsplit(response.headers["Link"].split(";")[0].strip("<>"))
    assert parse_qs(target.query) == {"text": ["e"], "limit": ["25"], "offset": ["25"]}
    everything = api.get("/api/queries/label-search?text=e&limit=100000")
    assert int(everything.headers["X-Result-Rows"]) > 25
    assert bindings(everything)[:25] == bindings(response)


# -- HTTP details ------------------------------------------------------------------------------


def test_cors_preflight_and_head(api):
    preflight = api.options("/api/queries/contacts", headers={"Origin": "https://example.org"})
    assert preflight.status_code == 204
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    head = api.head("/api/queries/contacts")
    assert head.status_code == 200
    assert head.data == b""


# -- the same service as /sparql: row and time limits ------------------------------------------


def test_the_row_limit_of_the_endpoint_applies():
    _app, client = make_client(max_rows=5, workers=0)
    refused = client.get("/api/queries/contacts")
    assert refused.status_code == 422
    assert "more than 5 rows" in refused.get_data(as_text=True)
    assert client.get("/api/queries/contacts?limit=5").status_code == 200


SLOW = """\
#+ summary: Slow
#+ summary_de: Langsam
#+ description: A cross join that would run for minutes.
#+ description_de: Ein Kreuzprodukt, das minutenlang liefe.
SELECT (COUNT(*) AS ?n) WHERE {
  ?s0 ?p0 ?o0 . ?s1 ?p1 ?o1 . ?s2 ?p2 ?o2 . ?s3 ?p3 ?o3 . ?s4 ?p4 ?o4 . ?s5 ?p5 ?o5 .
}
ORDER BY ?n
"""


def test_the_time_limit_of_the_endpoint_applies(tmp_path: Path):
    (tmp_path / "slow.rq").write_text(SLOW, encoding="utf-8")
    app, client = make_client(queries=tmp_path, timeout=1.0, workers=1)
    try:
        response = client.get("/api/queries/slow", headers={"Accept": "application/json"})
        assert response.status_code == 503
        assert "time limit of 1 s" in response.get_json()["error"]["message"]
    finally:
        app.extensions[EXTENSION]["query_service"].close()


# -- OpenAPI -----------------------------------------------------------------------------------


def test_openapi_document_is_valid_and_complete(api, catalogue):
    response = api.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    validate(document)
    assert document["openapi"] == "3.1.0"
    for query in catalogue:
        path = document["paths"][f"/api/queries/{query.name}"]
        get, post = path["get"], path["post"]
        assert get["summary"] == query.summary["en"]
        assert get["x-summary-de"] == query.summary["de"]
        declared = {p["name"]: p for p in get["parameters"] if "name" in p}
        assert set(declared) == {p.name for p in query.parameters}
        for parameter in query.parameters:
            assert declared[parameter.name]["required"] == parameter.required
        media = set(get["responses"]["200"]["content"])
        assert media == {m.name for m in media_types_for("solutions")}
        form = post["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
        controls = {"limit", "offset", "format", "output"}
        assert set(form["properties"]) == {p.name for p in query.parameters} | controls


def test_openapi_types_enums_and_defaults(api):
    document = api.get("/api/openapi.json").get_json()
    get = document["paths"]["/api/queries/shared-concepts"]["get"]
    declared = {p["name"]: p["schema"] for p in get["parameters"] if "name" in p}
    assert declared["minClusters"] == {"type": "integer", "default": 2, "minimum": 1, "maximum": 4}
    assert declared["broader"] == {"type": "boolean", "default": False}
    assert declared["lang"]["enum"] == ["de", "en"]
    refs = [p["$ref"] for p in get["parameters"] if "$ref" in p]
    assert refs == [
        "#/components/parameters/limit",
        "#/components/parameters/offset",
        "#/components/parameters/format",
        "#/components/parameters/output",
    ]
    provenance = document["paths"]["/api/queries/provenance"]["get"]["parameters"][0]
    assert provenance["required"] is True
    assert provenance["schema"] == {"type": "string", "format": "iri"}


def test_openapi_document_round_trips_as_json(api):
    body = api.get("/api/openapi.json").get_data(as_text=True)
    assert json.loads(body)["info"]["title"] == "mannheim-kg query catalogue"


def resolve(document: dict, item: dict) -> dict:
    """An OpenAPI object, following a local $ref."""
    if "$ref" not in item:
        return item
    target = document
    for part in item["$ref"].removeprefix("#/").split("/"):
        target = target[part]
    return target


def test_openapi_documents_every_parameter_of_every_query_for_get_and_post(api, catalogue):
    document = api.get("/api/openapi.json").get_json()
    controls = {"limit", "offset", "format", "output"}
    for query in catalogue:
        path = document["paths"][f"/api/queries/{query.name}"]
        get = {p["name"]: p for p in (resolve(document, p) for p in path["get"]["parameters"])}
        assert set(get) == {p.name for p in query.parameters} | controls, query.name
        post = {p["name"] for p in (resolve(document, p) for p in path["post"]["parameters"])}
        assert post == {"format", "output"}, query.name
        for media in ("application/json", "application/x-www-form-urlencoded"):
            body = path["post"]["requestBody"]["content"][media]["schema"]
            assert set(body["properties"]) == {p.name for p in query.parameters} | controls
            assert body.get("required", []) == [p.name for p in query.parameters if p.required]
        for parameter in query.parameters:
            assert get[parameter.name]["schema"] == parameter.schema(), (query.name, parameter)
            documented = dict(body["properties"][parameter.name])
            documented.pop("description")
            assert documented == parameter.schema(), (query.name, parameter)


@pytest.fixture(scope="module")
def small_api():
    _app, client = make_client(max_rows=5, max_body=200, workers=0)  # no worker pool to close
    return client


ERROR_REQUESTS = [
    ("get", "/api/queries/contacts?lang=fr", {}, 400),
    ("post", "/api/queries/contacts", {"data": "{", "content_type": "application/json"}, 400),
    ("get", "/api/queries/nope", {}, 404),
    ("put", "/api/queries/contacts", {}, 405),
    ("get", "/api/queries/contacts?format=turtle", {}, 406),
    ("post", "/api/queries/contacts", {"data": "x" * 300, "content_type": "text/plain"}, 413),
    ("post", "/api/queries/contacts", {"data": "lang=de", "content_type": "text/plain"}, 415),
    ("get", "/api/queries/contacts", {}, 422),
]


@pytest.mark.parametrize(("method", "url", "extra", "status"), ERROR_REQUESTS)
@pytest.mark.parametrize("accept", [None, "application/json"])
def test_error_responses_come_as_documented(api, small_api, method, url, extra, status, accept):
    document = api.get("/api/openapi.json").get_json()
    operation = document["paths"]["/api/queries/contacts"]["post" if method == "post" else "get"]
    documented = operation["responses"][str(status)]["content"]
    assert set(documented) == {"text/plain", "application/json"}
    headers = {"Accept": accept} if accept else {}
    response = getattr(small_api, method)(url, headers=headers, **extra)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == (accept or "text/plain")
    assert response.mimetype in documented
    if accept:
        assert response.get_json()["error"]["status"] == status
    else:
        assert response.get_data(as_text=True).startswith(f"{status} ")
