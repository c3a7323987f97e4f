"""Operations: `/healthz` (is it up, which data) and `/metrics` (Prometheus text format)."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

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
    return jsonify(
        status="ok",
        backend=health["backend"],
        data_version=service.version,
        triples=len(service.store),
        graphs=len(service.graph_sizes()),
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
    }
    counters = {
        "mannheim_kg_query_workers_killed_total": (
            "Query workers killed at the time limit or after a failure.",
            float(getattr(executor, "killed", 0)),
        ),
        "mannheim_kg_query_timeouts_total": (
            "Queries stopped at the time limit.",
            float(getattr(executor, "timeouts", 0)),
        ),
    }
    body = app_state["metrics"].render(gauges, counters)
    return Response(body, content_type=CONTENT_TYPE)
