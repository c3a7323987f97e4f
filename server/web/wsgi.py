"""The production server: gunicorn, one process of threads (query worker processes do the work).

One gunicorn worker with several threads: the HTTP side only parses requests and copies bytes,
while queries run in the query worker pool (server.executor), which is started in the gunicorn
worker after it is forked, never in the master (a fork must not inherit the pool's threads).

Its worker class is GatheringWorker: gthread whose main loop reads each request whole before a
thread takes it, so stalled clients hold no thread. Measured with tests/benchmarks/bench_load.py
on this 2-core machine against waitress (whose main loop does the same): gunicorn with this
worker answered 195 cheap req/s (p99 109 ms) with 4 clients, waitress 81 (p99 189 ms), and
waitress was slower in every other situation too (docs/load.md has the table). granian and
gevent workers were not measured.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import re
import selectors
import socket
import time
from functools import cached_property, partial
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.workers.gthread import ThreadWorker

from server.config import Settings
from server.errors import InputError, RequestTimeout
from server.store.oxigraph import OxigraphStore
from server.web.app import create_app
from server.web.context import EXTENSION
from server.web.errors import error_document

log = logging.getLogger(__name__)


def bind_address(host: str, port: int) -> str:
    """HOST:PORT as gunicorn and URLs want it: an IPv6 address in brackets ([::1]:5000)."""
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"{host}:{port}"


def check_bindable(host: str, port: int) -> None:
    """Bind HOST:PORT once and let go, so that a port in use is one line and exit status 2
    before anything starts (gunicorn would retry, then exit 1, which means violations)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host.strip("[]"), port, type=socket.SOCK_STREAM
        )[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn does
            probe.bind(address)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError(f"cannot listen on {bind_address(host, port)}: {reason}") from None


class ClientStalled(TimeoutError):
    """A client sent (or took) nothing for read_timeout seconds: its connection is closed.

    Its errno is ECONNRESET so that gunicorn closes the connection quietly, as for a client
    that went away, instead of logging a traceback per stalled connection.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(
            errno.ECONNRESET, f"no progress from the client within {seconds:g} s (read_timeout)"
        )


class IdleTimeoutSocket(socket.socket):
    """A client socket whose blocking mode has a time limit on every read and write.

    gunicorn's gthread worker reads a request in a blocking socket in one of its threads: a
    client that sends half a request (or a shorter body than its Content-Length) and stalls
    would hold that thread for ever. Here each recv or send that waits longer than
    `idle_timeout` fails, which frees the thread. The limit is on idleness, not on the whole
    transfer: a large result sent to a slow client that keeps reading is not cut.
    """

    __slots__ = ("gathered", "idle_timeout")

    @classmethod
    def adopt(cls, sock: socket.socket, idle_timeout: float) -> IdleTimeoutSocket:
        blocking = sock.getblocking()
        adopted = cls(sock.family, sock.type, sock.proto, fileno=sock.detach())
        adopted.idle_timeout = idle_timeout
        adopted.gathered = b""
        adopted.setblocking(blocking)
        return adopted

    def gather(self) -> bytes:
        """Read what has arrived (non-blocking) into `gathered`, for recv to give out first;
        returns the new bytes (b"" at the client's end of sending)."""
        data = super().recv(65536)
        self.gathered += data
        return data

    def setblocking(self, flag: bool) -> None:
        # gunicorn switches to blocking mode before it reads a request in a thread
        if flag:
            self.settimeout(self.idle_timeout)
        else:
            super().setblocking(False)

    def recv(self, size, *args):
        if self.gathered:
            data, self.gathered = self.gathered[:size], self.gathered[size:]
            return data
        try:
            return super().recv(size, *args)
        except TimeoutError as exc:
            raise self._stalled() from exc

    def recv_into(self, buffer, size=0, *args):
        if self.gathered:
            size = min(size or len(buffer), len(self.gathered))
            buffer[:size] = self.gathered[:size]
            self.gathered = self.gathered[size:]
            return size
        try:
            return super().recv_into(buffer, size, *args)
        except TimeoutError as exc:
            raise self._stalled() from exc

    def sendall(self, data, *args) -> None:
        # socket.sendall's timeout bounds the whole transfer; send's bounds one wait.
        view = memoryview(data).cast("B")
        while view:
            try:
                sent = self.send(view, *args)
            except TimeoutError as exc:
                raise self._stalled() from exc
            view = view[sent:]

    def _stalled(self) -> ClientStalled:
        log.warning("closing a connection: the client stalled for %g s", self.idle_timeout)
        return ClientStalled(self.idle_timeout)


class ReadTimeoutWorker(ThreadWorker):
    """gunicorn's gthread worker, with client sockets that time out when the client stalls."""

    @cached_property
    def settings(self) -> Settings:
        """The server's settings (made once: a Settings() per request cost a quarter of this
        process's time, finding the project from the working directory each time)."""
        return getattr(self.app, "settings", None) or Settings()

    def enqueue_req(self, conn) -> None:
        if not isinstance(conn.sock, IdleTimeoutSocket):
            conn.sock = IdleTimeoutSocket.adopt(conn.sock, self.settings.read_timeout)
        super().enqueue_req(conn)

    def notify(self) -> None:
        """The heartbeat to the arbiter (a chmod of a file), at most once a second: gthread
        sends it on every turn of its loop, i.e. for every request and more."""
        now = time.monotonic()
        if now - getattr(self, "_notified", 0.0) >= 1.0:
            self._notified = now
            super().notify()


_HEAD_END = b"\r\n\r\n"
_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length[ \t]*:[ \t]*(\d+)", re.IGNORECASE)
_CHUNKED = re.compile(rb"\r\ntransfer-encoding[ \t]*:[^\r\n]*chunked", re.IGNORECASE)
HEAD_LIMIT = 128 * 1024
"""Past this many bytes without the end of the headers, gunicorn's parser refuses the head."""


def whole_request(data: bytes, max_body: int) -> bool:
    """Whether `data` holds a whole request (head and body), or enough for the parser to refuse
    it at once (a head or a declared body over the limits)."""
    end = data.find(_HEAD_END)
    if end < 0:
        return len(data) > HEAD_LIMIT
    head = data[:end]
    body = len(data) - end - len(_HEAD_END)
    if _CHUNKED.search(head):
        return data.endswith(b"\r\n0\r\n\r\n") or data.endswith(b"\n0\r\n\r\n") or body > max_body
    length = _CONTENT_LENGTH.search(head)
    if length is None:
        return True
    declared = int(length.group(1))
    return declared > max_body or body >= declared


class GatheringWorker(ReadTimeoutWorker):
    """gthread, except that a request is read whole in the main loop before a thread takes it.

    gthread gives a connection to a thread as soon as it is readable, and the thread then
    blocks until the request is complete: 30 clients that send half a request held every
    thread for read_timeout, and nobody else was answered (p99 29.6 s). Here the main loop
    gathers the bytes (non-blocking, with the poller gthread already has) until the head and
    the body are complete, or the client ends its side, and only then hands the connection to
    a thread, whose parser reads the gathered bytes first. A connection that stalls costs a
    poller entry: it is closed after read_timeout, with 408 when its head had arrived.
    """

    def init_process(self) -> None:
        self.gathering: dict[object, float] = {}
        super().init_process()

    def enqueue_req(self, conn) -> None:
        settings = self.settings
        if not isinstance(conn.sock, IdleTimeoutSocket):
            conn.sock = IdleTimeoutSocket.adopt(conn.sock, settings.read_timeout)
        pending = conn.parser is not None and conn.parser.unreader.buf.getvalue()
        if pending or whole_request(conn.sock.gathered, settings.max_body):
            conn.data_ready = True
            ThreadWorker.enqueue_req(self, conn)
            return
        conn.sock.setblocking(False)
        self.gathering[conn] = time.monotonic() + settings.read_timeout
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._gather, conn))

    def _gather(self, conn, _sock) -> None:
        try:
            data = conn.sock.gather()
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self._drop(conn)
            return
        settings = self.settings
        if data and not whole_request(conn.sock.gathered, settings.max_body):
            self.gathering[conn] = time.monotonic() + settings.read_timeout  # idleness
            return
        # complete, or the client ended its side: the parser says what it makes of it
        self.poller.unregister(conn.sock)
        del self.gathering[conn]
        conn.data_ready = True
        ThreadWorker.enqueue_req(self, conn)

    def _drop(self, conn, answer: bytes = b"") -> None:
        self.gathering.pop(conn, None)
        with contextlib.suppress(OSError, KeyError, ValueError):
            self.poller.unregister(conn.sock)
        if answer:
            with contextlib.suppress(OSError):
                conn.sock.send(answer)  # small: fits the socket's buffer, never blocks
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self) -> None:
        super().murder_pending()
        now = time.monotonic()
        for conn, deadline in list(self.gathering.items()):
            if deadline <= now:
                head_arrived = _HEAD_END in conn.sock.gathered
                log.warning("closing a connection: the client stalled mid-request")
                self._drop(conn, _TIMEOUT_ANSWER if head_arrived else b"")


def _timeout_answer() -> bytes:
    """The whole 408 response for a request whose body stopped arriving (the one rendering of
    errors, server.web.errors.error_document, as plain text)."""
    status, body, content_type = error_document(
        RequestTimeout("the request body stopped arriving before its end (read_timeout)"), False
    )
    head = (
        f"HTTP/1.1 {status} Request Timeout\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


_TIMEOUT_ANSWER = _timeout_answer()


def gunicorn_options(settings: Settings) -> dict[str, Any]:
    return {
        "bind": bind_address(settings.host, settings.port),
        "workers": 1,
        "worker_class": GatheringWorker,
        "worker_connections": 1000,  # stalled ones cost a poller entry each, not a thread
        "threads": max(1, settings.threads),
        # gunicorn's own timeout is a heartbeat of the worker process; queries have theirs.
        "timeout": int(max(30, settings.timeout + 30)),
        "graceful_timeout": 10,
        "keepalive": 5,
        "limit_request_line": 8190,  # gunicorn's maximum: longer queries go by POST
        "accesslog": "-",
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "mannheim-kg",
        # gunicorn 27+ opens a control socket in the home folder: not wanted for a data service.
        "control_socket_disable": True,
        # An in-memory dataset is loaded once, in the master, before the worker is forked: the
        # worker shares its pages (copy-on-write) instead of loading a copy of its own. Not for
        # an on-disk store (RocksDB's threads do not survive a fork) or a remote one (its
        # connection pool belongs in the process that uses it).
        "preload_app": settings.store is None and not settings.remote,
        "post_worker_init": _start_query_workers,
    }


def _start_query_workers(worker) -> None:
    """In the forked worker, before it accepts connections: start the query worker pool and
    wait until it is ready (a query that came earlier would wait, then be refused as busy).

    While the query workers load the files (half a minute at a million triples), the worker
    keeps sending its heartbeat: the arbiter kills a worker that is silent for `timeout`."""
    service = worker.wsgi.extensions[EXTENSION]["query_service"]
    service.start(wait=True, while_waiting=worker.notify)  # notify: at most once a second


class GunicornServer(BaseApplication):
    """gunicorn through its programmatic API, with our settings instead of its config file."""

    def __init__(
        self,
        settings: Settings,
        options: dict[str, Any] | None = None,
        store: OxigraphStore | None = None,
    ) -> None:
        """`store`: the in-memory dataset, loaded already (serve's start-up gate), which the
        forked worker then shares; else the app opens the configured store itself."""
        self.settings = settings
        self.store = store
        self.options = {**gunicorn_options(settings), **(options or {})}
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings:  # settings newer than the installed gunicorn are skipped
                self.cfg.set(key, value)

    def load(self):
        app = create_app(self.settings, store=self.store)
        if self.cfg.preload_app:  # in the master: the dataset, and what is read from it once
            service = app.extensions[EXTENSION]["query_service"]
            service.visible_graph_sizes(authorised=True)
        return app
