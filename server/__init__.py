"""mannheim-kg: the knowledge graph of Mannheim's economic policy strategy, and its services."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mannheim-kg")
except PackageNotFoundError:  # a source tree that is not installed
    __version__ = "0"
