"""A result cache for repeated queries: written answers, bounded in bytes, least recently used
out first.

The key is everything that shapes an answer: the data version, the normalised request (query
text, the protocol's dataset, the negotiated format, the row limit) and the caller's access
(`QueryJob.authorised`), so that an answer for one level of access is never served to another.
Volatile queries (NOW, RAND, UUID, STRUUID, BNODE(), SERVICE) are never cached: the caller
checks `cacheable` first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

from server.rdf.sparql_text import is_volatile
from server.services.querying import QueryJob, QueryOutcome

ENTRY_SHARE = 8
"""One answer may take at most 1/ENTRY_SHARE of the cache: a few big ones cannot evict all."""


def cache_key(version: str, job: QueryJob) -> Hashable:
    """The key of a job's answer: data version, normalised request, limits and access."""
    return (
        version,
        job.authorised,
        job.query.strip(),
        job.default_graph,
        job.named_graphs,
        job.media_types,
        job.max_rows,
        job.base_iri,
    )


def cacheable(job: QueryJob) -> bool:
    """Whether the same job on the same data always gives the same answer."""
    return not is_volatile(job.query)


class ResultCache:
    """Written answers by key, at most `max_bytes` of bodies; thread-safe."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, QueryOutcome] = OrderedDict()
        self._lock = threading.Lock()
        self.bytes = 0
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> QueryOutcome | None:
        with self._lock:
            outcome = self._entries.get(key)
            if outcome is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return outcome

    def put(self, key: Hashable, outcome: QueryOutcome) -> None:
        """Keep a successful answer (if it fits), evicting the least recently used."""
        size = len(outcome.body)
        if outcome.status != 200 or size > self.max_bytes // ENTRY_SHARE:
            return
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self.bytes -= len(previous.body)
            self._entries[key] = outcome
            self.bytes += size
            while self.bytes > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self.bytes -= len(evicted.body)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
