"""What `serve` checks before it listens: the data parse, the store is loaded, the shapes hold."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import server
from server import __version__
from server.config import Settings
from server.store.files import discover, parse_all
from server.store.oxigraph import OxigraphStore


def prepare_to_serve(settings: Settings, validate_bundled: bool):
    """Parse gate (and the on-disk load), then validation; returns the Report or None.

    Runs in the server's master process before any worker starts, so a broken file stops the
    start with its file:line:column, and an on-disk store is loaded once, not per worker.
    A conforming validation is remembered (see `validation_key`): validating the same files
    with the same shapes and code again could only conform again, and it is most of the
    start-up time.
    """
    sources = discover(settings.sources)
    if settings.store is not None:
        OxigraphStore.persistent(sources, settings.store)
    if not validate_bundled:
        if settings.store is None:
            parse_all(sources)  # the syntax gate alone
        return None
    key = validation_key(settings)
    record = _cache_file(settings)
    if _remembered(record) == key:
        if settings.store is None:
            parse_all(sources)  # the syntax gate; an on-disk store holds these very files parsed
        return None
    from server.validate.engine import validate

    report = validate(targets=settings.sources, shapes=settings.shapes, ontology=settings.ontology)
    if report.conforms:
        _remember(record, key)
    return report


def validation_key(settings: Settings) -> str:
    """A hash of what a validation's outcome depends on: files, shapes, engine, code, settings."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    for group in (settings.sources, settings.shapes, settings.ontology):
        for source in sorted(discover(group), key=lambda s: str(s.path)):
            digest.update(str(source.graph).encode() + b"\0" + source.path.read_bytes())
        digest.update(b"\1")
    for package in ("pyshacl", "rdflib", "pyoxigraph"):
        digest.update(f"{package}={version(package)}".encode())
    digest.update(f"mannheim-kg={__version__}".encode())
    # every source file of the package: moving code between modules must not keep a stale record
    package = Path(server.__file__).parent
    for module in sorted(package.rglob("*.py")):
        digest.update(str(module.relative_to(package)).encode() + b"\0" + module.read_bytes())
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
