"""What `serve` checks before it listens: the data parse, the store is loaded, the shapes hold."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from server import project
from server.config import Settings
from server.store.files import discover
from server.store.oxigraph import OxigraphStore


def prepare_to_serve(
    settings: Settings, validate_bundled: bool, say: Callable[[str], None] = lambda line: None
):
    """Validation, then the load: (the Report or None if not validated, the in-memory store).

    Runs in the server's master process before the worker is forked, so a broken file stops
    the start with its file:line:column, an on-disk store is loaded once, not per worker, and
    an in-memory dataset is loaded here once and shared by the forked worker (copy-on-write;
    the query worker processes load their own). The store is returned for the memory backend
    only (None for disk and remote). A conforming validation is remembered (see
    `validation_key`): validating the same files with the same shapes and code again could only
    conform again, and it is most of the start-up time. `say` gets one line per step (what is
    validated, its outcome and time, how many triples were loaded where): `serve` prints them
    on stderr. Nothing is loaded when the data do not conform.
    """
    sources = discover(settings.sources)
    report = None
    if validate_bundled:
        key = validation_key(settings)
        record = _cache_file(settings)
        if _remembered(record) == key:
            say("conforms (remembered: the same files, shapes and code conformed before)")
        else:
            from server.validate.engine import validate

            shapes = discover(settings.shapes)
            say(f"validating {len(sources)} files against {len(shapes)} shapes files …")
            started = time.perf_counter()
            report = validate(
                targets=settings.sources, shapes=settings.shapes, ontology=settings.ontology
            )
            if not report.conforms:
                return report, None
            say(f"conforms in {time.perf_counter() - started:.1f} s")
            _remember(record, key)
    started = time.perf_counter()
    if settings.remote:
        say("remote store: the files are not loaded here (mannheim-kg load puts them there)")
        return report, None
    if settings.store is not None:
        store = OxigraphStore.persistent(sources, settings.store)
        where, kept = f"disk ({settings.store})", None  # each worker opens it read-only
    else:
        store = OxigraphStore()
        store.load(sources)
        where, kept = "memory", store
    say(f"loaded {len(store)} triples into {where} in {time.perf_counter() - started:.1f} s")
    return report, kept


def validation_key(settings: Settings) -> str:
    """A hash of what a validation's outcome depends on: files, shapes, engine, code, settings."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    for group in (settings.sources, settings.shapes, settings.ontology):
        for source in sorted(discover(group), key=lambda s: str(s.path)):
            digest.update(str(source.graph).encode() + b"\0" + source.path.read_bytes())
        digest.update(b"\1")
    from server.validate.engines import default_engine

    for package in ("pyshacl", "rdflib", "pyoxigraph", default_engine()):
        digest.update(f"{package}={version(package)}".encode())
    # the version and every source file: moving code between modules keeps no stale record
    digest.update(project.code_fingerprint().encode())
    # the settings that choose what is validated (the files themselves are hashed above)
    digest.update(repr((settings.ontology, settings.data, settings.shapes)).encode())
    return digest.hexdigest()


def _cache_file(settings: Settings) -> Path:
    if settings.store is not None:
        return Path(settings.store) / "validated.json"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mannheim-kg" / "validated.json"


def _remembered(record: Path) -> str | None:
    try:
        return json.loads(record.read_text(encoding="utf-8")).get("conforms")
    except (OSError, ValueError, AttributeError):
        return None


def _remember(record: Path, key: str) -> None:
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        partial = record.with_suffix(".tmp")
        partial.write_text(json.dumps({"conforms": key}) + "\n", encoding="utf-8")
        os.replace(partial, record)
    except OSError:
        pass  # a read-only home only costs the next start the validation again
