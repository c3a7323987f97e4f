"""Operations: `/healthz` (is it up, which data) and `/metrics` (Prometheus text format)."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from server.web.authorisation import caller_authorised
from server.web.context import state
from server.web.metrics import CONTENT_TYPE

bp = Blueprint("ops", __name__)


@bp.route("/healthz")
def healthz() -> Response:
    service = state()["query_service"]
    health = service.health()
    if health["status"] != "ok":  # no worker ready, or the remote engine does not answer: 503
        response = jsonify(
            status=health["status"],
            data_version=service.version,
            backend=health["backend"],
            reason=health.get("reason", ""),
        )
        response.status_code = 503
        return response
    authorised = caller_authorised()
    visible = service.visible_graph_sizes(authorised)
    return jsonify(
        status="ok",
        backend=health["backend"],
        data_version=service.version,
        triples=sum(visible.values()),
        graphs=len(visible),
        access="authorised" if authorised else "public",
        visible_graphs=sorted(visible),
    )


@bp.route("/metrics")
def metrics() -> Response:
    app_state = state()
    service = app_state["query_service"]
    executor = service.executor
    gauges = {
        "mannheim_kg_triples": ("Triples in the dataset.", float(len(service.store))),
        "mannheim_kg_query_workers": (
            "Query worker processes (ready or starting).",
            float(len(executor.pids())),
        ),
        "mannheim_kg_query_workers_busy": (
            "Query worker processes running a query now.",
            float(getattr(executor, "busy", 0)),
        ),
        "mannheim_kg_query_workers_idle": (
            "Query workers ready for the next query in the fast lane.",
            float(executor.idle() if hasattr(executor, "idle") else 0),
        ),
        "mannheim_kg_query_workers_slow": (
            "Query workers running a slow query now (in the slow lane, past the fast budget).",
            float(getattr(executor, "slow", 0)),
        ),
    }
    cache = service.cache
    if cache is not None:
        gauges["mannheim_kg_result_cache_bytes"] = (
            "Bytes of answers in the result cache.",
            float(cache.bytes),
        )
        gauges["mannheim_kg_result_cache_entries"] = (
            "Answers in the result cache.",
            float(len(cache)),
        )
    counters = {
        "mannheim_kg_query_workers_killed_total": (
            "Query workers killed at the time limit or after a failure.",
            float(getattr(executor, "killed", 0)),
        ),
        "mannheim_kg_query_timeouts_total": (
            "Queries stopped at the time limit.",
            float(getattr(executor, "timeouts", 0)),
        ),
        "mannheim_kg_slow_queries_total": (
            "Queries moved to the slow lane.",
            float(getattr(executor, "promoted", 0)),
        ),
        "mannheim_kg_slow_queries_refused_total": (
            "Queries stopped at the fast budget: the slow lane or the client's share was full.",
            float(getattr(executor, "refused_slow", 0)),
        ),
    }
    if cache is not None:
        counters["mannheim_kg_result_cache_hits_total"] = (
            "Queries answered from the result cache.",
            float(cache.hits),
        )
        counters["mannheim_kg_result_cache_misses_total"] = (
            "Cacheable queries that were not in the result cache.",
            float(cache.misses),
        )
    body = app_state["metrics"].render(gauges, counters)
    return Response(body, content_type=CONTENT_TYPE)
