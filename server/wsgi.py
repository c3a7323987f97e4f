"""The production server: gunicorn, one process of threads (query worker processes do the work).

One gunicorn worker with several threads: the HTTP side only parses requests and copies bytes,
while queries run in the query worker pool (server.executor), which is started in the gunicorn
worker after it is forked, never in the master (a fork must not inherit the pool's threads).
"""

from __future__ import annotations

import socket
from typing import Any

from gunicorn.app.base import BaseApplication

from . import EXTENSION, create_app
from .config import Settings
from .errors import InputError


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


def gunicorn_options(settings: Settings) -> dict[str, Any]:
    return {
        "bind": bind_address(settings.host, settings.port),
        "workers": 1,
        "worker_class": "gthread",
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
        app.extensions[EXTENSION]["query_service"].start()
        return app
