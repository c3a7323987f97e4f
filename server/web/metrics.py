"""Request metrics in the Prometheus text exposition format (version 0.0.4), kept in memory.

Hand-written rather than prometheus_client: three metric families are all we need, and the
server runs one process of threads (the query workers do not serve HTTP), so in-process
counters are the whole truth.
"""

from __future__ import annotations

import threading
from collections import defaultdict

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def _labels(**labels: str) -> str:
    def escape(value: str) -> str:
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')

    return "{" + ",".join(f'{k}="{escape(str(v))}"' for k, v in labels.items()) + "}"


class RequestMetrics:
    """Requests and errors per route, method and status; a latency histogram per route."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: dict[tuple[str, str, str], int] = defaultdict(int)
        self._buckets: dict[str, list[int]] = {}
        self._sums: dict[str, float] = defaultdict(float)
        self._counts: dict[str, int] = defaultdict(int)

    def observe(self, route: str, method: str, status: int, seconds: float) -> None:
        with self._lock:
            self._requests[(route, method, str(status))] += 1
            buckets = self._buckets.setdefault(route, [0] * len(LATENCY_BUCKETS))
            for i, bound in enumerate(LATENCY_BUCKETS):
                if seconds <= bound:
                    buckets[i] += 1
            self._sums[route] += seconds
            self._counts[route] += 1

    def render(
        self,
        gauges: dict[str, tuple[str, float]] | None = None,
        counters: dict[str, tuple[str, float]] | None = None,
    ) -> str:
        """The exposition text; `gauges` and `counters` add name → (help, value) families
        (counter names end in _total)."""
        lines = [
            "# HELP mannheim_kg_http_requests_total HTTP requests by route, method and status.",
            "# TYPE mannheim_kg_http_requests_total counter",
        ]
        with self._lock:
            requests = sorted(self._requests.items())
            histograms = {r: list(b) for r, b in self._buckets.items()}
            sums, counts = dict(self._sums), dict(self._counts)
        for (route, method, status), n in requests:
            labels = _labels(route=route, method=method, status=status)
            lines.append(f"mannheim_kg_http_requests_total{labels} {n}")
        lines += [
            "# HELP mannheim_kg_http_errors_total HTTP responses with status 400 or above.",
            "# TYPE mannheim_kg_http_errors_total counter",
        ]
        for (route, method, status), n in requests:
            if int(status) >= 400:
                labels = _labels(route=route, method=method, status=status)
                lines.append(f"mannheim_kg_http_errors_total{labels} {n}")
        lines += [
            "# HELP mannheim_kg_http_request_duration_seconds Time to answer, by route.",
            "# TYPE mannheim_kg_http_request_duration_seconds histogram",
        ]
        for route in sorted(histograms):
            for bound, n in zip(LATENCY_BUCKETS, histograms[route], strict=True):
                labels = _labels(route=route, le=f"{bound:g}")
                lines.append(f"mannheim_kg_http_request_duration_seconds_bucket{labels} {n}")
            labels = _labels(route=route, le="+Inf")
            total = counts[route]
            lines.append(f"mannheim_kg_http_request_duration_seconds_bucket{labels} {total}")
            only = _labels(route=route)
            lines.append(f"mannheim_kg_http_request_duration_seconds_sum{only} {sums[route]:.6f}")
            lines.append(f"mannheim_kg_http_request_duration_seconds_count{only} {counts[route]}")
        for kind, families in (("gauge", gauges), ("counter", counters)):
            for name, (help_text, value) in sorted((families or {}).items()):
                if kind == "counter" and not name.endswith("_total"):
                    raise ValueError(f"a counter's name ends in _total: {name}")
                lines += [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]
                lines.append(f"{name} {value:g}")
        return "\n".join(lines) + "\n"
