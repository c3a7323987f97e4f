"""The query service: the dataset, the executor that runs queries on it, and the limits.

One value per app (in app.extensions["mannheim_kg"]["query_service"]), free of Flask. The
store and the worker pool are opened on first use, so an app that never answers a query
costs nothing; `start()` opens both at once (what `serve` does, to be ready on the first
request and to fail at start, not on the first query).
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import replace

from server.config import Settings
from server.errors import ServiceBusy
from server.services.cache import ResultCache, cache_key, cacheable
from server.services.executor import InlineExecutor, QueryExecutor, QueryWorkerPool
from server.services.querying import QueryJob, QueryOutcome, refuse_deep_nesting
from server.store.access import graph_access
from server.store.oxigraph import OxigraphStore, dataset_spec, open_dataset

RESERVED_THREADS = 2
"""HTTP threads never running or awaiting a worker: /healthz, /metrics and the pages are
answered (behind at most queue_timeout of a request that waits for a query slot)."""


def query_slots(settings: Settings) -> int:
    """How many query requests may wait or run at once: the HTTP threads less the reserved."""
    return max(1, settings.threads - RESERVED_THREADS)


class QueryService:
    """Runs query jobs on the configured dataset, within the configured limits."""

    def __init__(self, settings: Settings, store: OxigraphStore | None = None) -> None:
        self.settings = settings
        self._store = store
        self._executor: QueryExecutor | None = None
        self._lock = threading.RLock()
        self._graph_sizes: dict[str, int] | None = None
        self._workers_were_ready = False
        self.admission = threading.BoundedSemaphore(query_slots(settings))
        self.cache = ResultCache(settings.cache_bytes) if settings.cache_bytes > 0 else None

    @property
    def store(self) -> OxigraphStore:
        with self._lock:
            if self._store is None:
                if self.settings.remote:
                    from server.store.remote import remote_store

                    self._store = remote_store(self.settings)
                else:
                    self._store = open_dataset(self.settings.sources, self.settings.store)
            return self._store

    @property
    def executor(self) -> QueryExecutor:
        with self._lock:
            if self._executor is None:
                store = self.store
                if self.settings.remote:
                    # a remote engine: no worker processes, the HTTP request has the time limit
                    self._executor = InlineExecutor(store)
                    self._executor.timeout = self.settings.timeout
                elif self.settings.workers > 0:
                    pool = QueryWorkerPool(
                        dataset_spec(store, self.settings.public_copy),
                        size=self.settings.workers,
                        timeout=self.settings.timeout,
                        queue_timeout=self.settings.queue_timeout,
                        max_memory=self.settings.max_memory,
                        fast_budget=self.settings.fast_budget,
                        slow_size=self.settings.slow_workers,
                        slow_per_client=self.settings.slow_per_client,
                    )
                    # An app dropped without close() (a test's) must not leave its workers.
                    weakref.finalize(self, pool.close)
                    self._executor = pool
                else:
                    self._executor = InlineExecutor(store, self.settings.public_copy)
            return self._executor

    def start(self, wait: bool = False, while_waiting=None) -> None:
        """Open the store and start the workers now (optionally wait until they are ready,
        calling `while_waiting()` meanwhile)."""
        executor = self.executor
        if wait and isinstance(executor, QueryWorkerPool):
            executor.wait_ready(while_waiting=while_waiting)

    @property
    def version(self) -> str:
        return self.store.version

    def graph_sizes(self) -> dict[str, int]:
        """Triples per named graph (computed once: the data do not change while serving)."""
        with self._lock:
            if self.settings.remote:
                return self.store.graph_sizes()  # the engine's, counted again after an outage
            if self._graph_sizes is None:
                self._graph_sizes = self.store.graph_sizes()
            return self._graph_sizes

    def visible_graph_sizes(self, authorised: bool) -> dict[str, int]:
        """Triples per named graph the caller may see (the public graphs, or all when
        authorised): what the Service Description, VoID and /healthz report."""
        visible = set(graph_access(self.store).visible(authorised))
        return {g: n for g, n in self.graph_sizes().items() if g in visible}

    @property
    def backend(self) -> str:
        """memory, disk or remote."""
        if self.settings.remote:
            return "remote"
        return "disk" if self.settings.store is not None else "memory"

    def health(self) -> dict:
        """status ok, starting (no query worker ready) or degraded (the remote engine does not
        answer), and why."""
        if self.settings.remote:
            return self.store.health()
        pool = self._executor
        if isinstance(pool, QueryWorkerPool) and not self._workers_were_ready:
            if pool.busy == 0 and pool._idle.qsize() == 0:
                # no worker has opened the dataset yet: a query now would be refused as busy
                reason = pool.start_error or "the query workers are opening the dataset"
                return {"status": "starting", "backend": self.backend, "reason": reason}
            self._workers_were_ready = True  # from now on busy workers are no reason
        return {"status": "ok", "backend": self.backend}

    def limited(self, job: QueryJob) -> QueryJob:
        """The job with this service's row limit, nesting limit and SERVICE allow-list."""
        max_rows = self.settings.max_rows if self.settings.max_rows > 0 else None
        max_depth = self.settings.max_query_depth if self.settings.max_query_depth > 0 else None
        return replace(
            job,
            max_rows=max_rows,
            max_depth=max_depth,
            service_allow_list=self.settings.service_allow_list,
        )

    def run(self, job: QueryJob) -> QueryOutcome:
        """Run a job (limits applied); raises the core's typed errors, QueryTimeout included.

        At most `query_slots` jobs at once, waiting or running; one more waits its turn up to
        queue_timeout (a burst queues instead of failing), then gets ServiceBusy (503 with
        Retry-After). The HTTP threads left over answer /healthz, /metrics and pages.
        """
        job = self.limited(job)
        refuse_deep_nesting(job.query, job.max_depth)  # never worth a worker
        key = None
        if self.cache is not None and cacheable(job):
            key = cache_key(self.version, job)
            cached = self.cache.get(key)
            if cached is not None:
                return cached
        if not self.admission.acquire(timeout=self.settings.queue_timeout):
            raise ServiceBusy(
                f"the endpoint is busy: {query_slots(self.settings)} queries are running or "
                "waiting for a query worker; try again shortly"
            )
        try:
            outcome = self.executor.run(job)
        finally:
            self.admission.release()
        if key is not None:
            self.cache.put(key, outcome)
        return outcome

    def close(self) -> None:
        with self._lock:
            if self._executor is not None:
                self._executor.close()
                self._executor = None
