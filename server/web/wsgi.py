"""The production server: gunicorn, one process of threads (query worker processes do the work).

One gunicorn worker with several threads: the HTTP side only parses requests and copies bytes,
while queries run in the query worker pool (server.executor), which is started in the gunicorn
worker after it is forked, never in the master (a fork must not inherit the pool's threads).
"""

from __future__ import annotations

import errno
import logging
import socket
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.workers.gthread import ThreadWorker

from server.config import Settings
from server.errors import InputError
from server.web.app import create_app
from server.web.context import EXTENSION

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

    __slots__ = ("idle_timeout",)

    @classmethod
    def adopt(cls, sock: socket.socket, idle_timeout: float) -> IdleTimeoutSocket:
        blocking = sock.getblocking()
        adopted = cls(sock.family, sock.type, sock.proto, fileno=sock.detach())
        adopted.idle_timeout = idle_timeout
        adopted.setblocking(blocking)
        return adopted

    def setblocking(self, flag: bool) -> None:
        # gunicorn switches to blocking mode before it reads a request in a thread
        if flag:
            self.settimeout(self.idle_timeout)
        else:
            super().setblocking(False)

    def recv(self, *args):
        try:
            return super().recv(*args)
        except TimeoutError as exc:
            raise self._stalled() from exc

    def recv_into(self, *args):
        try:
            return super().recv_into(*args)
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

    def enqueue_req(self, conn) -> None:
        if not isinstance(conn.sock, IdleTimeoutSocket):
            seconds = getattr(self.app, "settings", Settings()).read_timeout
            conn.sock = IdleTimeoutSocket.adopt(conn.sock, seconds)
        super().enqueue_req(conn)


def gunicorn_options(settings: Settings) -> dict[str, Any]:
    return {
        "bind": bind_address(settings.host, settings.port),
        "workers": 1,
        "worker_class": ReadTimeoutWorker,
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
    }


class GunicornServer(BaseApplication):
    """gunicorn through its programmatic API, with our settings instead of its config file."""

    def __init__(self, settings: Settings, options: dict[str, Any] | None = None) -> None:
        self.settings = settings
        self.options = {**gunicorn_options(settings), **(options or {})}
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings:  # settings newer than the installed gunicorn are skipped
                self.cfg.set(key, value)

    def load(self):
        app = create_app(self.settings)
        # Ready before the first request: a query that came while the workers still open the
        # dataset would wait, then be refused as busy (the socket's backlog holds it meanwhile).
        app.extensions[EXTENSION]["query_service"].start(wait=True)
        return app
