"""The HTML pages through the test client: language choice, the landing page's clusters, the
catalogue's forms, the pictures, the plain SPARQL form, assets, CSP and the dict catalogue."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from markupsafe import escape

from server.config import PROJECT_ROOT
from server.rdf.namespace import XSD
from server.services.overview import moment
from server.web.i18n import LANGUAGES, MESSAGES
from server.web.security import CONTENT_SECURITY_POLICY

CLUSTERS = {
    "medical-technology": "Mannheim Medical Technology Cluster",
    "social-economy": "Social Economy Cluster",
    "smart-industries": "Cluster Smart Industries",
    "green-industry": "Green Industry Cluster",
}
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def page_app(settings):
    from server.web.app import create_app

    app = create_app(settings)
    app.extensions["mannheim_kg"]["query_service"].start(wait=True)
    yield app
    app.extensions["mannheim_kg"]["query_service"].close()


@pytest.fixture
def web(page_app):
    return page_app.test_client()


def html(response) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def test_the_two_languages_have_the_same_messages():
    for key, texts in MESSAGES.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(texts.values()), key


@pytest.mark.parametrize(
    ("headers", "query", "lang", "heading"),
    [
        ({"Accept-Language": "en-GB,en;q=0.9"}, "", "en", "The four clusters"),
        ({"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"}, "", "de", "Die vier Cluster"),
        ({"Accept-Language": "fr"}, "", "de", "Die vier Cluster"),  # neither: German
        ({"Accept-Language": "en"}, "?lang=de", "de", "Die vier Cluster"),  # ?lang= wins
        ({"lang": "en", "Accept-Language": "de"}, "", "en", "The four clusters"),
        ({"lang": "xx"}, "?lang=xx", "de", "Die vier Cluster"),  # unknown: ignored
    ],
)
def test_language_is_chosen_by_parameter_cookie_then_accept_language(
    web, headers, query, lang, heading
):
    if "lang" in headers:
        web.set_cookie("lang", headers.pop("lang"))
    page = html(web.get("/" + query, headers=headers))
    assert f'<html lang="{lang}">' in page
    assert f'<h2 id="clusters-heading">{heading}</h2>' in page


def test_lang_parameter_is_remembered_in_a_cookie(web):
    response = web.get("/?lang=en")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("lang=en;")
    assert "SameSite=Lax" in cookie
    assert "Max-Age=31536000" in cookie
    assert {"Accept-Language", "Cookie"} <= set(response.vary)
    assert "Set-Cookie" not in web.get("/?lang=en").headers  # the client has the cookie now
    web.delete_cookie("lang")
    assert "Set-Cookie" not in web.get("/").headers


def test_landing_page_shows_the_four_clusters_linked_to_their_resource_pages(web):
    page = html(web.get("/?lang=en"))
    for slug, label in CLUSTERS.items():
        assert f'<a href="/id/cluster/{slug}" class="cluster-link">{label}</a>' in page
    assert page.count('<li class="card"') == 4
    for link in ('href="/sparql"', 'href="/queries/"', 'href="/download/"', 'href="/def/"'):
        assert link in page


def test_landing_page_shows_no_phone_numbers(web):
    page = html(web.get("/?lang=de"))
    assert "tel:" not in page
    assert not re.search(r"\+49|0621|015[0-9]", page)


@pytest.mark.parametrize(
    ("value", "datatype", "wording", "lang", "precision", "text"),
    [
        ("2011", "gYear", "", "de", "year", "2011"),
        ("2021-03", "gYearMonth", "", "de", "month", "März 2021"),
        ("2021-03", "gYearMonth", "", "en", "month", "March 2021"),
        ("2022-04-01", "date", "", "en", "day", "2022-04-01"),
        ("Frühjahr 2022", "string", "", "en", "season", "spring 2022"),
        ("2022", "string", "im Frühjahr 2022", "de", "season", "Frühjahr 2022"),
    ],
)
def test_dates_keep_their_precision(value, datatype, wording, lang, precision, text):
    found = moment({"type": "literal", "value": value, "datatype": XSD + datatype}, lang, wording)
    assert (found.precision, found.text) == (precision, text)


def test_a_season_spans_a_quarter_of_its_year():
    spring = moment({"type": "literal", "value": "Frühjahr 2022"}, "de")
    assert (spring.start, spring.end) == (2022 + 2 / 12, 2022 + 5 / 12)
    assert moment({"type": "literal", "value": "vor rund zehn Jahren"}, "de") is None


def test_network_picture_is_svg_linking_every_node(web):
    response = web.get("/pictures/network.svg?lang=en")
    assert response.mimetype == "image/svg+xml"
    root = ET.fromstring(response.data)
    assert root.find(f"{SVG}title").text == "The clusters' network"
    links = root.findall(f".//{SVG}a")
    clusters = {a.get("href") for a in links if a.get("class") == "node cluster"}
    assert clusters == {f"/id/cluster/{slug}" for slug in CLUSTERS}
    assert all(a.find(f"{SVG}title") is not None for a in links)
    assert all(a.get("href").startswith("/id/") for a in links)
    legend = {t.text for t in root.findall(f".//{SVG}g[@class='legend']/{SVG}text")}
    assert legend == {"Cluster", "Site", "Organisation, network, partner", "Contact person"}


def test_network_page_lists_the_pictures_links_as_text(web):
    page = html(web.get("/pictures/network?lang=en"))
    picture, text = page.split('<section aria-labelledby="network-text">')
    text = text.split("</section>")[0]
    drawn = set(re.findall(r'<a href="([^"]+)" class="node', picture))
    listed = set(re.findall(r'<a href="([^"]+)">', text))
    assert drawn == listed


def test_timeline_draws_years_as_years(web):
    root = ET.fromstring(web.get("/pictures/timeline.svg?lang=de").data)
    facts = root.findall(f".//{SVG}a")
    assert facts
    for fact in facts:
        kind = fact.get("class").split()[1]
        when = fact.find(f"{SVG}title").text.split(":")[0]
        pattern = {
            "year": r"20[0-9]{2}",
            "season": r"(Frühjahr|Sommer|Herbst|Winter) 20[0-9]{2}",
            "month": r"(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober"
            r"|November|Dezember) 20[0-9]{2}",
        }.get(kind, r".+")
        assert re.fullmatch(pattern, when), (kind, when)
    lanes = {t.text for t in root.findall(f".//{SVG}g[@class='axis']/{SVG}text")}
    assert "Strategie" in lanes
    assert {label[:20] for label in CLUSTERS.values()} <= {lane[:20] for lane in lanes}
    assert "2011" in lanes
    assert "2025" in lanes


def test_catalogue_listing_links_every_query(web, page_app):
    page = html(web.get("/queries/?lang=de"))
    for query in page_app.extensions["mannheim_kg"]["catalogue"]:
        assert f'<a href="/queries/{query.name}">{query.name}</a>' in page
    assert "<h1>Abfragekatalog</h1>" in page


def test_query_form_has_enums_as_selects_with_labels(web):
    page = html(web.get("/queries/contacts?lang=en"))
    assert '<select id="p-cluster" name="cluster" aria-describedby="d-cluster">' in page
    option = (
        '<option value="https://w3id.org/mannheim-kg/id/cluster/green-industry">'
        "Green Industry Cluster</option>"
    )
    assert option in page
    assert '<option value="en" selected>' in page  # the page's language is the default
    assert 'id="query-result"' not in page  # not run before the form is sent


def test_query_form_runs_and_shows_labels_and_api_links(web):
    page = html(
        web.get(
            "/queries/contacts?cluster=https%3A%2F%2Fw3id.org%2Fmannheim-kg%2Fid%2Fcluster"
            "%2Fgreen-industry&lang=en&_run=1"
        )
    )
    table = page.split('id="query-result"')[1].split("</table>")[0]
    rows = table.split("<tbody>")[1].split("<tr>")[1:]
    assert rows
    # only the chosen cluster's contacts, the cluster shown by its label
    first_cells = {row.split("</td>")[0] for row in rows}
    assert first_cells == {
        '<td><a href="/id/cluster/green-industry" '
        'title="https://w3id.org/mannheim-kg/id/cluster/green-industry">Green Industry Cluster</a>'
    }
    api = (
        "/api/queries/contacts?cluster=https%3A%2F%2Fw3id.org%2Fmannheim-kg%2Fid%2Fcluster"
        "%2Fgreen-industry&amp;lang=en"
    )
    assert f'<a href="{api}"><code>{api}</code></a>' in page
    assert f'<a href="{api}&amp;format=csv">SPARQL Results in CSV</a>' in page  # pyoxigraph's label


def test_pages_link_their_machine_readable_twins(web):
    assert web.get("/queries/").headers["Link"] == (
        '</api/queries>; rel="alternate"; type="application/json"'
    )
    assert web.get("/queries/strategy?lang=en").headers["Link"] == (
        '</api/queries/strategy?lang=en>; rel="alternate"; type="application/sparql-results+json"'
    )
    assert web.get("/pictures/network").headers["Link"] == (
        '</pictures/network.svg>; rel="alternate"; type="image/svg+xml"'
    )


def test_query_form_with_a_bad_value_shows_the_error_inline(web):
    response = web.get("/queries/cluster-profile?cluster=not-an-iri&_run=1&lang=en")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert '<div class="error" role="alert" id="query-error">' in page
    assert "cluster" in page.split('id="query-error"')[1].split("</div>")[0]


def test_plain_sparql_form_shows_a_table_with_labels(web):
    query = (
        "PREFIX mkg: <https://w3id.org/mannheim-kg/def/> "
        "SELECT ?c WHERE { ?c a mkg:Cluster } ORDER BY ?c"
    )
    page = html(web.get("/sparql/table", query_string={"query": query, "lang": "en"}))
    table = page.split('id="query-result"')[1].split("</table>")[0]
    for slug, label in CLUSTERS.items():
        assert (
            f'<a href="/id/cluster/{slug}" title="https://w3id.org/mannheim-kg/id/cluster/{slug}">'
            f"{label}</a>"
        ) in table
    assert "&lt;/textarea&gt;" not in page
    assert "mkg:Cluster" in page.split("<textarea")[1]  # the query stays in the form


def test_plain_sparql_form_shows_the_parsers_message_and_keeps_the_query(web):
    query = "SELECT ?s WHERE { ?s undeclared:p ?o }"
    response = web.get("/sparql/table", query_string={"query": query})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    error = page.split('id="query-error"')[1].split("</div>")[0]
    assert re.search(r"<pre>error at 1:[0-9]+: [^<]+</pre>", error)
    assert f">{query}</textarea>" in page


def test_plain_sparql_form_answers_ask_and_construct(web):
    ask = html(web.get("/sparql/table", query_string={"query": "ASK { ?s ?p ?o }"}))
    assert '<p class="boolean" id="query-result">' in ask
    construct = html(
        web.get(
            "/sparql/table",
            query_string={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"},
        )
    )
    header = construct.split('id="query-result"')[1].split("</thead>")[0]
    assert re.findall(r'<th scope="col">(\w+)</th>', header) == ["subject", "predicate", "object"]


def test_plain_form_loads_a_catalogue_example_without_running_it(web, page_app):
    query = page_app.extensions["mannheim_kg"]["catalogue"]["timeline"]
    page = html(web.get("/sparql/table?example=timeline"))
    assert f">{escape(query.text)}</textarea>" in page
    assert 'id="query-result"' not in page


def test_editor_page_without_npm_assets_is_a_plain_form(settings, tmp_path):
    from server.web.app import create_app

    app = create_app(settings)
    app.config["NODE_MODULES"] = tmp_path  # nothing installed there
    page = html(app.test_client().get("/sparql", headers={"Accept": "text/html"}))
    assert '<form action="/sparql/table" method="get" id="plain-form">' in page
    assert "yasgui" not in page
    assert "<script" not in page


def test_editor_page_loads_yasgui_from_this_origin(web):
    if not (PROJECT_ROOT / "node_modules/@zazuko/yasgui/build/yasgui.min.js").is_file():
        pytest.skip("npm ci has not run")
    page = html(web.get("/sparql", headers={"Accept": "text/html"}))
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert [re.sub(r"\.[0-9a-f]{12}\.", ".", s) for s in scripts] == [
        "/static/yasgui.js",
        "/static/editor.js",
    ]
    asset = web.get(scripts[0])
    assert asset.status_code == 200
    assert len(asset.data) > 100_000
    asset.close()
    assert asset.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert '<script type="application/json" id="editor-config">' in page
    assert re.search(r"<script>", page) is None  # no inline script


def test_assets_are_gzipped_for_clients_that_accept_it(web):
    import gzip

    page = html(web.get("/"))
    css = re.search(r'href="(/static/site\.[0-9a-f]{12}\.css)"', page).group(1)
    plain = (PROJECT_ROOT / "server/web/static/site.css").read_bytes()
    packed = web.get(css, headers={"Accept-Encoding": "gzip, br"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert packed.mimetype == "text/css"
    assert gzip.decompress(packed.data) == plain
    assert "Accept-Encoding" in packed.vary
    again = web.get(
        css, headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["ETag"]}
    )
    assert again.status_code == 304
    identity = web.get(css, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in identity.headers
    assert identity.data == plain
    identity.close()


def test_assets_are_served_only_under_their_hash(web):
    page = html(web.get("/"))
    css = re.search(r'href="(/static/site\.[0-9a-f]{12}\.css)"', page).group(1)
    response = web.get(css)
    assert response.status_code == 200
    assert response.data == (PROJECT_ROOT / "server/web/static/site.css").read_bytes()
    response.close()
    assert web.get("/static/site.css").status_code == 404
    assert web.get("/static/site.000000000000.css").status_code == 404


@pytest.mark.parametrize(
    "path", ["/", "/queries/", "/queries/contacts", "/pictures/network", "/sparql/table"]
)
def test_html_pages_carry_the_content_security_policy(web, path):
    response = web.get(path, headers={"Accept": "text/html"})
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY.split("script-src")[1].split(";")[0]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_machine_answers_carry_no_page_headers(web):
    response = web.get("/sparql", query_string={"query": "ASK {}"})
    assert response.mimetype == "application/sparql-results+json"
    assert "Content-Security-Policy" not in response.headers
    assert "Set-Cookie" not in web.get("/api/queries?lang=en").headers


def test_unknown_query_page_is_404(web):
    assert web.get("/queries/no-such-query").status_code == 404


def test_every_message_is_used():
    sources = "".join(
        p.read_text(encoding="utf-8")
        for p in (PROJECT_ROOT / "server/web").rglob("*")
        if p.suffix in (".html", ".py") and p.name != "i18n.py"
    )
    dynamic = {f"kind.{kind}" for kind in ("cluster", "site", "organisation", "person")}
    unused = [
        k
        for k in MESSAGES
        if k not in dynamic and not re.search(f"[\"']{re.escape(k)}[\"']", sources)
    ]
    assert unused == []


def test_landing_page_and_pictures_answer_while_every_query_slot_is_taken(web, page_app):
    from server.services.query_service import query_slots

    service = page_app.extensions["mannheim_kg"]["query_service"]
    slots = query_slots(service.settings)
    for _ in range(slots):
        assert service.admission.acquire(blocking=False)
    try:
        assert web.get("/").status_code == 200
        assert web.get("/pictures/network").status_code == 200
        busy = web.get("/queries/strategy?_run=1")  # a visitor's query waits its turn
        assert busy.status_code == 503
        assert "busy" in busy.get_data(as_text=True).split('id="query-error"')[1]
    finally:
        for _ in range(slots):
            service.admission.release()
