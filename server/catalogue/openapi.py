"""The catalogue as an OpenAPI 3.1 document: one path per query, its typed parameters, formats.

Built from the catalogue and the media-type table of server.formats, so the document cannot
drift from what the API does. German texts ride along as `x-summary-de` / `x-description-de`
(OpenAPI has one language per document; extensions are its way to carry more).
"""

from __future__ import annotations

from typing import Any

from server.catalogue.catalogue import Catalogue, Parameter, Query
from server.rdf import formats
from server.rdf.formats import RESULT_KINDS

API = "/api/queries"
PAGE_PARAMETERS = ("limit", "offset")
#: Error statuses of every operation of a query (and those only a request body can cause).
ERROR_STATUSES = {
    "400": "A parameter is unknown, missing, repeated or of the wrong type (the message names "
    "it), a JSON body is not valid JSON or not an object, or the query failed to parse.",
    "404": "No query of this name.",
    "405": "The method is not one of GET, HEAD, POST, OPTIONS (the Allow header lists them).",
    "406": "None of the accepted media types fits this query's result (the message lists "
    "the supported ones).",
    "422": "The result has more rows than the server's row limit: ask for a page with limit.",
    "500": "The query failed while it ran (the message says why; details are logged).",
    "503": "The query ran past the server's time or memory limit, or every query worker was "
    "busy (then with Retry-After).",
}
BODY_ERROR_STATUSES = {
    "413": "The request body is larger than the server's limit (max_body).",
    "415": "The body is neither application/x-www-form-urlencoded nor application/json.",
}
#: Errors come as one line of plain text, or as JSON when Accept ranks JSON above text/plain.
ERROR_CONTENT = {
    "text/plain": {
        "schema": {"type": "string"},
        "example": "400 Bad Request: parameter 'lang': 'fr' is not one of the allowed values: "
        "de, en\n",
    },
    "application/json": {"schema": {"$ref": "#/components/schemas/Error"}},
}
FORMAT_PARAMETERS = ("format", "output")


def _page_parameters() -> dict[str, Any]:
    return {
        "limit": {
            "name": "limit",
            "in": "query",
            "required": False,
            "description": "At most this many rows (a page). Reserved: no query parameter "
            "has this name.",
            "schema": {"type": "integer", "minimum": 0},
        },
        "offset": {
            "name": "offset",
            "in": "query",
            "required": False,
            "description": "Skip this many rows first (the start of a page; queries are "
            "ordered, so pages are stable). Reserved like limit.",
            "schema": {"type": "integer", "minimum": 0, "default": 0},
        },
        "format": {
            "name": "format",
            "in": "query",
            "required": False,
            "description": "The result format by short name (json, xml, csv, tsv, turtle, "
            "nt, json-ld, …); wins over the Accept header. Reserved.",
            "schema": {"type": "string"},
        },
        "output": {
            "name": "output",
            "in": "query",
            "required": False,
            "description": "Another name of format (as /sparql accepts it). Reserved.",
            "schema": {"type": "string"},
        },
    }


def _schemas() -> dict[str, Any]:
    term = {
        "type": "object",
        "required": ["type", "value"],
        "properties": {
            "type": {"enum": ["uri", "literal", "bnode", "triple"]},
            "value": {},
            "xml:lang": {"type": "string"},
            "datatype": {"type": "string"},
        },
    }
    return {
        "RdfTerm": term,
        "SparqlResults": {
            "type": "object",
            "description": "SPARQL 1.1 Query Results JSON Format.",
            "required": ["head"],
            "properties": {
                "head": {
                    "type": "object",
                    "properties": {"vars": {"type": "array", "items": {"type": "string"}}},
                },
                "results": {
                    "type": "object",
                    "properties": {
                        "bindings": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "additionalProperties": {"$ref": "#/components/schemas/RdfTerm"},
                            },
                        }
                    },
                },
                "boolean": {"type": "boolean"},
            },
        },
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "properties": {
                        "status": {"type": "integer"},
                        "title": {"type": "string"},
                        "message": {"type": "string"},
                    },
                }
            },
        },
        "Parameter": {
            "type": "object",
            "required": ["name", "type", "required", "description"],
            "properties": {
                "name": {"type": "string"},
                "type": {"type": "string"},
                "required": {"type": "boolean"},
                "default": {"type": "string"},
                "enum": {"type": "array", "items": {"type": "string"}},
                "description": {"$ref": "#/components/schemas/Bilingual"},
            },
        },
        "Bilingual": {
            "type": "object",
            "required": ["en", "de"],
            "properties": {"en": {"type": "string"}, "de": {"type": "string"}},
        },
        "QueryListing": {
            "type": "object",
            "required": ["name", "summary", "description", "tags", "parameters"],
            "properties": {
                "name": {"type": "string"},
                "form": {"enum": ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]},
                "summary": {"$ref": "#/components/schemas/Bilingual"},
                "description": {"$ref": "#/components/schemas/Bilingual"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "parameters": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/Parameter"},
                },
                "pagination": {"type": ["integer", "null"]},
                "url": {"type": "string"},
            },
        },
    }


def _parameter(p: Parameter) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": p.name,
        "in": "query",
        "required": p.required,
        "description": f"{p.description['en']} (RDF type: {p.type})",
        "x-description-de": p.description["de"],
        "schema": p.schema(),
    }
    if p.type == "langString" and not p.lang:
        out["example"] = "Cluster@de"
    return out


def _content(query: Query) -> dict[str, Any]:
    content: dict[str, Any] = {}
    for media in formats.media_types_for(RESULT_KINDS[query.form]):
        if media.results_format is not None and media.name.endswith("json"):
            content[media.name] = {"schema": {"$ref": "#/components/schemas/SparqlResults"}}
        else:
            content[media.name] = {"schema": {"type": "string"}}
    return content


def _body_schema(query: Query) -> dict[str, Any]:
    """The body's fields: the query's parameters, the page and the format (JSON types strict)."""
    properties = {
        p.name: {**p.schema(), "description": p.description["en"]} for p in query.parameters
    }
    pages = _page_parameters()
    for name in (*PAGE_PARAMETERS, *FORMAT_PARAMETERS):
        properties[name] = {**pages[name]["schema"], "description": pages[name]["description"]}
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    required = [p.name for p in query.parameters if p.required]
    if required:
        schema["required"] = required
    return schema


def _errors(statuses: dict[str, str]) -> dict[str, Any]:
    return {
        status: {"description": text, "content": ERROR_CONTENT} for status, text in statuses.items()
    }


def _operation(query: Query, method: str) -> dict[str, Any]:
    errors = ERROR_STATUSES if method == "get" else {**ERROR_STATUSES, **BODY_ERROR_STATUSES}
    operation: dict[str, Any] = {
        "operationId": f"{method}_{query.name.replace('-', '_')}",
        "summary": query.summary["en"],
        "description": query.description["en"],
        "x-summary-de": query.summary["de"],
        "x-description-de": query.description["de"],
        "tags": list(query.tags),
        "parameters": [{"$ref": f"#/components/parameters/{n}"} for n in FORMAT_PARAMETERS],
        "responses": {
            "200": {
                "description": f"The {query.form} result, in the negotiated format "
                "(Accept header, or the format or output parameter).",
                "headers": {
                    "Link": {
                        "description": 'rel="next" (and "prev") pages when limit is given.',
                        "schema": {"type": "string"},
                    }
                },
                "content": _content(query),
            },
            **_errors(dict(sorted(errors.items()))),
        },
    }
    if method == "get":
        operation["parameters"] = [
            *(_parameter(p) for p in query.parameters),
            *(
                {"$ref": f"#/components/parameters/{n}"}
                for n in (*PAGE_PARAMETERS, *FORMAT_PARAMETERS)
            ),
        ]
    else:
        schema = _body_schema(query)
        operation["description"] += (
            " The body is a form or a JSON object; in JSON each value has its parameter's JSON "
            'type (an integer parameter takes 3 or 3.0, not "3"; a boolean true, not '
            '"true"), else 400 naming the parameter.'
        )
        operation["requestBody"] = {
            "required": bool(schema.get("required")),
            "content": {
                "application/x-www-form-urlencoded": {"schema": schema},
                "application/json": {"schema": schema},
            },
        }
    return operation


def openapi_document(catalogue: Catalogue, *, version: str = "", server_url: str = "/") -> dict:
    """The OpenAPI 3.1 description of the catalogue API."""
    paths: dict[str, Any] = {
        API: {
            "get": {
                "operationId": "list_queries",
                "summary": "The query catalogue",
                "description": "Every query: name, summary and description (en, de), tags, "
                "and typed parameters with defaults and allowed values.",
                "x-summary-de": "Der Abfragekatalog",
                "tags": ["catalogue"],
                "responses": {
                    "200": {
                        "description": "The catalogue.",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/QueryListing"},
                                }
                            }
                        },
                    }
                },
            }
        },
        "/api/openapi.json": {
            "get": {
                "operationId": "openapi_document",
                "summary": "This OpenAPI document",
                "tags": ["catalogue"],
                "responses": {
                    "200": {
                        "description": "OpenAPI 3.1",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
            }
        },
    }
    for query in catalogue:
        paths[f"{API}/{query.name}"] = {
            "get": _operation(query, "get"),
            "post": _operation(query, "post"),
        }
    tags = sorted({t for q in catalogue for t in q.tags} | {"catalogue"})
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "mannheim-kg query catalogue",
            "version": version or "0",
            "summary": "Ready queries over the knowledge graph of Mannheim's economic policy "
            "strategy and its four clusters.",
            "description": "Each query of the catalogue (queries/*.rq) is an operation. "
            "Parameters are typed and bound as RDF terms; limit and offset page through "
            "long results; results come in every format of the SPARQL endpoint /sparql.",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "servers": [{"url": server_url}],
        "tags": [{"name": t} for t in tags],
        "paths": paths,
        "components": {"parameters": _page_parameters(), "schemas": _schemas()},
    }
