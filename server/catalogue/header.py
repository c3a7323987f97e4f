"""The `#+` header of a .rq file (grlc's decorators): YAML in comment lines, read one way.

Catalogue queries (queries/*.rq) and quality checks (queries/checks/*.rq) share it. The rule:
every line that starts with `#+` is a header line; `#+` is cut off, and one space more when
every header line has it (or is blank), so the YAML's indentation is the same on every line.
The YAML must be a mapping without duplicate keys; every key remembers its file line, so an
error says `file:line: what is wrong`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import yaml

from server.errors import CatalogueError, InputError

MARK = "#+"


class Marked(dict):
    """A YAML mapping that remembers the (0-based header) line of each key."""

    line: int = 0
    lines: dict[Any, int]


class _MarkedLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _MarkedLoader, node: yaml.MappingNode) -> Marked:
    mapping = Marked()
    mapping.line = node.start_mark.line
    mapping.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line
    return mapping


_MarkedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass
class Header:
    """A file's header: its mapping, the file line of each header line, and how to complain."""

    path: Path
    value: Marked
    file_lines: list[int]  # header line i is file line file_lines[i] (1-based)
    error: type[InputError] = CatalogueError

    @property
    def first_line(self) -> int:
        return self.file_lines[0]

    def line_of(self, key: Any, mapping: Marked | None = None) -> int:
        """The file line of `key` in `mapping` (the top level by default)."""
        mapping = self.value if mapping is None else mapping
        index = getattr(mapping, "lines", {}).get(key, getattr(mapping, "line", 0))
        return self.file_lines[min(index, len(self.file_lines) - 1)]

    def at(self, key: Any, message: str, mapping: Marked | None = None) -> NoReturn:
        """Raise this header's error class pointing at the file line of `key`."""
        raise self.error(f"{self.path}:{self.line_of(key, mapping)}: {message}")


def read_header(
    text: str,
    path: Path,
    *,
    required: bool = True,
    error: type[InputError] = CatalogueError,
    expected: str = "summary, description, tags, …",
) -> Header:
    """Collect the `#+` lines of `text` and parse them as YAML (see the module docstring).

    No header: an empty one, or with `required` an error naming the `expected` keys.
    """
    lines, numbers = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(MARK):
            lines.append(line[len(MARK) :])
            numbers.append(number)
    if lines and all(line.startswith(" ") or not line.strip() for line in lines):
        lines = [line[1:] for line in lines]
    if not lines:
        if required:
            raise error(f"{path}:1: no `{MARK}` header ({expected})")
        empty = Marked()
        empty.lines = {}
        return Header(path, empty, [1], error)
    try:
        value = yaml.load("\n".join(lines), Loader=_MarkedLoader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = numbers[min(mark.line, len(numbers) - 1)] if mark else numbers[0]
        detail = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise error(f"{path}:{line}: broken header: {detail}") from None
    except yaml.YAMLError as exc:
        raise error(f"{path}:{numbers[0]}: broken header: {exc}") from None
    if not isinstance(value, Marked):
        raise error(f"{path}:{numbers[0]}: the header must be a YAML mapping")
    return Header(path, value, numbers, error)
