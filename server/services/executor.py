"""Query execution with a hard time limit: a small pool of worker processes that can be ended.

pyoxigraph releases the GIL while it evaluates but cannot cancel a query. So each query runs
in a worker process that opened the dataset itself (in memory: it parses the same files; on
disk: it opens the store read-only). The worker evaluates *and* serialises, and sends back
the bytes. The caller waits at most the time limit; past it, the worker is killed (SIGKILL
frees its CPU at once), a replacement is started in the background, and the caller gets
QueryTimeout. Other requests go on meanwhile on the other workers.

Two lanes, so that a few expensive queries cannot take every worker. Every query starts in
the fast lane with a short budget (`fast_budget`, 1 s). A query still running past it is moved
to the slow lane *as it runs*: its worker is counted there and niced (the kernel gives cheap
queries the CPU first), and a spare worker, started beforehand, takes its place in the fast
lane at once (a new spare starts in the background). The slow lane holds at most `slow_size`
queries, and at most `slow_per_client` of one client address: the one over either limit is
stopped and answered ServiceBusy (503 with Retry-After). A slow query's worker is ended when it
finishes (its nice value cannot be lowered again without privileges).

Workers are started with the "spawn" method: a fresh interpreter, never a fork of a threaded
server.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from dataclasses import dataclass
from typing import Protocol

from server.errors import (
    MannheimKGError,
    QueryMemoryLimit,
    QueryTimeout,
    QueryWorkerFault,
    ServiceBusy,
)
from server.services.querying import QueryJob, QueryOutcome, evaluate
from server.store.access import public_view
from server.store.oxigraph import DatasetSpec, OxigraphStore

log = logging.getLogger(__name__)

START_TIMEOUT = 300.0
"""Seconds a new worker may take to open the dataset before it counts as failed."""


class QueryExecutor(Protocol):
    """Runs query jobs; `run` raises the core's typed errors."""

    timeout: float | None

    def run(self, job: QueryJob) -> QueryOutcome: ...

    def close(self) -> None: ...


class InlineExecutor:
    """Evaluates in the calling thread: no time limit. For one-shot commands (`serve --get`)."""

    def __init__(self, store: OxigraphStore, public_copy: bool = False) -> None:
        self.store = store
        if isinstance(store, OxigraphStore):
            store.keeps_public_view = public_copy
        self.timeout = None

    def run(self, job: QueryJob) -> QueryOutcome:
        return evaluate(self.store, job)

    def close(self) -> None:
        pass

    def pids(self) -> list[int]:
        return []


def _worker_main(conn, spec: DatasetSpec, max_memory: int = 0) -> None:
    """A query worker: open the dataset, then answer jobs until the pipe closes."""
    _die_with_parent()
    try:
        store = spec.open()
    except BaseException as exc:  # reported to the pool, which logs it
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    store.keeps_public_view = spec.public_copy
    public_view(store)  # built before the first query (in memory; see public_view)
    if max_memory > 0:
        _limit_memory(max_memory)
    conn.send(("ready", os.getpid(), store.version, len(store)))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = ("ok", evaluate(store, job))
        except MemoryError:
            conn.send(("memory",))
            return  # the pool replaces this worker: its heap may be in any state
        except MannheimKGError as exc:
            reply = ("error", type(exc).__module__, type(exc).__qualname__, str(exc))
        except Exception as exc:
            reply = ("fault", f"{type(exc).__name__}: {exc}")
        conn.send(reply)


def _limit_memory(limit: int) -> None:
    """Cap this worker's address space (RLIMIT_AS), so that a runaway query (ORDER BY over a
    cross product) fails here instead of exhausting the host. An allocation past it ends the
    worker (pyoxigraph aborts) or raises MemoryError; the pool reports and replaces it."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError) as exc:
        log.warning("query worker memory limit not set: %s", exc)


def _die_with_parent() -> None:
    """Linux: ask the kernel to kill this worker when the server process that started it dies.

    Without it an orphaned worker would finish its query before it notices the closed pipe.
    """
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _rebuild_error(module: str, qualname: str, message: str) -> MannheimKGError:
    """The worker's typed error again, with its status and message (without re-running init)."""
    import importlib

    cls = getattr(importlib.import_module(module), qualname, None)
    if not (isinstance(cls, type) and issubclass(cls, MannheimKGError)):
        cls = QueryWorkerFault
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    return error


SLOW_LANE_NICE = 19
"""A slow-lane worker's nice value: the lowest priority, so that cheap queries get the CPU."""


@dataclass(eq=False)
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: object
    spare: bool = False

    @property
    def pid(self) -> int | None:
        return self.process.pid


class QueryWorkerPool:
    """`size` worker processes; `run` gives a job to an idle one and waits at most `timeout`."""

    def __init__(
        self,
        spec: DatasetSpec,
        size: int = 2,
        timeout: float = 30.0,
        start_method: str = "spawn",
        queue_timeout: float = 2.0,
        max_memory: int = 0,
        fast_budget: float = 1.0,
        slow_size: int = 0,
        slow_per_client: int = 1,
    ) -> None:
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.spec = spec
        self.size = size
        self.timeout = timeout
        self.queue_timeout = queue_timeout
        self.max_memory = max_memory
        self.fast_budget = fast_budget
        self.slow_size = slow_size
        self.slow_per_client = max(1, slow_per_client)
        self._context = multiprocessing.get_context(start_method)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._spares: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._slow_by_client: dict[str, int] = {}
        self._closed = False
        self.start_error: str | None = None
        self.killed = 0
        self.busy = 0
        self.timeouts = 0
        self.slow = 0
        self.promoted = 0
        self.refused_slow = 0
        self._ready = threading.Event()  # set once the fast lane is complete the first time
        for _ in range(size):
            self._start_worker()

    @property
    def lanes(self) -> bool:
        """Whether queries past the fast budget move to a slow lane (else they run to timeout)."""
        return self.slow_size > 0 and self.fast_budget < self.timeout

    # -- life cycle --------------------------------------------------------------------------

    def _start_worker(self, spare: bool = False) -> None:
        parent_conn, child_conn = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main,
            args=(child_conn, self.spec, self.max_memory),
            name="mannheim-kg-query",
            daemon=True,
        )
        process.start()
        child_conn.close()
        worker = _Worker(process, parent_conn, spare)
        with self._lock:
            self._workers.add(worker)
        threading.Thread(target=self._await_ready, args=(worker,), daemon=True).start()

    def _await_ready(self, worker: _Worker) -> None:
        try:
            message = worker.conn.recv() if worker.conn.poll(START_TIMEOUT) else ("failed", "")
        except (EOFError, OSError):
            message = ("failed", "the process ended while opening the dataset")
        if message[0] == "ready":
            _, pid, version, triples = message
            if version == self.spec.version:
                log.info("query worker %s ready (%s triples)", pid, triples)
                (self._spares if worker.spare else self._idle).put(worker)
                if not self._ready.is_set() and self._idle.qsize() >= self.size:
                    self._ready.set()
                    if self.lanes:  # after the fast lane: the first queries need it first
                        self._start_worker(spare=True)
                return
            # Another dataset than the server's (a store rebuilt under it): answering from it
            # would mix two versions of the data, so the worker counts as failed to start.
            message = ("failed", f"it opened data version {version}, not {self.spec.version}")
        if self._closed:
            return  # close() ended it while it was starting: not a failure
        self.start_error = message[1] or f"no answer within {START_TIMEOUT:g} s"
        self._ready.set()  # nobody waits for a pool that cannot start: run() reports it
        log.error("query worker could not open the dataset: %s", self.start_error)
        self._discard(worker)

    def _discard(self, worker: _Worker) -> None:
        """End a worker once: close() and a starting worker's thread may both try."""
        with self._lock:
            if worker not in self._workers:
                return  # closing its pipe twice could close a descriptor reused meanwhile
            self._workers.discard(worker)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=10)
        worker.conn.close()

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker (its query is abandoned) and start another in its place."""
        self._discard(worker)
        self.killed += 1
        self._hand_over()

    def _hand_over(self) -> None:
        """A fast-lane worker left (moved to the slow lane, or ended): the spare takes its place
        at once (or a new worker, when there is no spare ready), and a new spare starts."""
        if self._closed:
            return
        try:
            spare = self._spares.get_nowait()
        except queue.Empty:
            self._start_worker()
            return
        spare.spare = False
        self._idle.put(spare)
        self._start_worker(spare=True)

    def close(self) -> None:
        """End every worker (idle or busy)."""
        self._closed = True
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            self._discard(worker)

    def pids(self) -> list[int]:
        """Process ids of the current workers (ready or starting)."""
        with self._lock:
            return sorted(w.pid for w in self._workers if w.pid is not None)

    def wait_ready(self, timeout: float = START_TIMEOUT, while_waiting=None) -> bool:
        """Block until every worker is idle and ready; `while_waiting()` is called meanwhile
        (every 10 ms: a server's heartbeat while its query workers load)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            spares = self._spares.qsize() >= (1 if self.lanes else 0)
            if self._idle.qsize() >= self.size and spares:
                return True
            if self.start_error:
                return False
            if while_waiting is not None:
                while_waiting()
            time.sleep(0.01)
        return False

    def _memory_limit(self) -> QueryMemoryLimit:
        log.warning("a query passed the memory limit of %d MiB", self.max_memory // 2**20)
        return QueryMemoryLimit(
            f"the query needed more memory than the limit of {self.max_memory // 2**20} MiB "
            "(max_memory) and was stopped; make it more selective, or use LIMIT"
        )

    # -- running -----------------------------------------------------------------------------

    def run(self, job: QueryJob) -> QueryOutcome:
        # A short wait for a free worker: a request must not hold an HTTP thread for a whole
        # query time limit behind slow queries (ServiceBusy is a 503 with Retry-After).
        if not self._ready.is_set():  # starting, not busy: wait for it (serve waits at start)
            self._ready.wait(START_TIMEOUT)
        try:
            worker = self._idle.get(timeout=min(self.queue_timeout, self.timeout))
        except queue.Empty:
            if self.start_error:
                raise QueryWorkerFault(
                    "the query workers could not open the dataset (see the server log)"
                ) from None
            raise ServiceBusy(
                f"the endpoint is busy: all {self.size} query workers are running other queries; "
                "try again shortly"
            ) from None
        with self._lock:
            self.busy += 1
        try:
            return self._run_on(worker, job)
        finally:
            with self._lock:
                self.busy -= 1

    def _run_on(self, worker: _Worker, job: QueryJob) -> QueryOutcome:
        deadline = time.monotonic() + self.timeout
        slow_client: str | None = None
        try:
            worker.conn.send(job)
            if self.lanes:
                finished = worker.conn.poll(self.fast_budget)
                if not finished:
                    slow_client = self._promote(worker, job)
                    finished = worker.conn.poll(max(0.0, deadline - time.monotonic()))
            else:
                finished = worker.conn.poll(max(0.0, deadline - time.monotonic()))
            reply = worker.conn.recv() if finished else None
        except (EOFError, OSError) as exc:
            worker.process.join(timeout=5)
            aborted = worker.process.exitcode == -signal.SIGABRT
            log.error(
                "query worker %s failed: %s (exit %s)", worker.pid, exc, worker.process.exitcode
            )
            if slow_client is None:
                self._replace(worker)
            if aborted and self.max_memory > 0:  # pyoxigraph aborts when an allocation fails
                raise self._memory_limit() from None
            raise QueryWorkerFault(
                "the query worker stopped unexpectedly (the query may need too much memory)"
            ) from None
        except BaseException:
            if slow_client is None:
                self._replace(worker)  # its state is unknown: never hand it out again
            raise
        finally:
            if slow_client is not None:
                self._leave_slow_lane(worker, slow_client)
        if reply is None:
            log.warning("query passed the %g s limit: killing worker %s", self.timeout, worker.pid)
            self.timeouts += 1
            if slow_client is None:
                self._replace(worker)
            raise QueryTimeout(
                f"the query ran longer than the time limit of {self.timeout:g} s "
                "and was stopped; make it more selective, or use LIMIT"
            )
        if reply[0] == "memory":
            if slow_client is None:
                self._replace(worker)
            raise self._memory_limit()
        if slow_client is None:
            self._idle.put(worker)
        if reply[0] == "ok":
            return reply[1]
        if reply[0] == "error":
            raise _rebuild_error(*reply[1:])
        log.error("query worker %s: %s", worker.pid, reply[1])
        raise QueryWorkerFault("the query failed inside the server (it has been logged)")

    def _promote(self, worker: _Worker, job: QueryJob) -> str:
        """Move a query past the fast budget to the slow lane, or stop it (ServiceBusy) when
        the slow lane or the client's share of it is full. Returns the client it counts for."""
        client = job.client or "-"
        with self._lock:
            admitted = (
                self.slow < self.slow_size
                and self._slow_by_client.get(client, 0) < self.slow_per_client
            )
            if admitted:
                self.slow += 1
                self.promoted += 1
                self._slow_by_client[client] = self._slow_by_client.get(client, 0) + 1
            else:
                self.refused_slow += 1
                mine = self._slow_by_client.get(client, 0)
        if not admitted:  # the caller ends the worker, as for any error while it runs
            if mine >= self.slow_per_client:
                reason = (
                    f"this client already runs {mine} slow "
                    f"{'query' if mine == 1 else 'queries'} (the limit per client address)"
                )
            else:
                reason = f"all {self.slow_size} places for slow queries are taken"
            raise ServiceBusy(
                f"the query ran longer than {self.fast_budget:g} s and {reason}; "
                "it was stopped: try again once the others have finished"
            )
        try:
            os.setpriority(os.PRIO_PROCESS, worker.pid, SLOW_LANE_NICE)
        except (OSError, TypeError) as exc:
            log.warning("could not lower the priority of worker %s: %s", worker.pid, exc)
        log.info("query past %g s: worker %s moved to the slow lane", self.fast_budget, worker.pid)
        self._hand_over()
        return client

    def _leave_slow_lane(self, worker: _Worker, client: str) -> None:
        """A slow query ended (answered, stopped or failed): its worker is ended, not reused."""
        with self._lock:
            self.slow -= 1
            left = self._slow_by_client.get(client, 1) - 1
            if left > 0:
                self._slow_by_client[client] = left
            else:
                self._slow_by_client.pop(client, None)
        self._discard(worker)

    def idle(self) -> int:
        """Fast-lane workers ready for a query now."""
        return self._idle.qsize()
