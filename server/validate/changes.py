"""`validate --changed REF`: the RDF files that differ from a git ref (committed, staged,
unstaged or untracked), so that CI on a large repository validates only what they describe."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from server.errors import InputError
from server.store.files import discover


def changed_files(ref: str, within: Sequence[Path]) -> list[Path]:
    """The RDF files under `within` (files or folders) that `git diff --name-only REF` lists
    or git does not track yet, as they are found under `within`; deleted files are left out.

    InputError when git is missing, the working directory is not in a git repository, or
    `ref` names no commit.
    """
    top = Path(_git("rev-parse", "--show-toplevel").strip())
    _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", what=f"{ref!r} is no commit")
    listed = _git("diff", "--name-only", "-z", ref, "--") + _git(
        "ls-files", "--others", "--exclude-standard", "-z", "--full-name", top.as_posix()
    )
    paths = {(top / name).resolve() for name in listed.split("\0") if name}
    return [s.path for s in discover(within) if s.path.resolve() in paths]


def _git(*args: str, what: str | None = None) -> str:
    try:
        done = subprocess.run(["git", *args], capture_output=True, text=True, check=False)
    except OSError as exc:
        raise InputError(f"--changed needs git: {exc}") from None
    if done.returncode != 0:
        said = done.stderr.strip().splitlines()
        detail = what or (said[-1].removeprefix("fatal: ") if said else "git failed")
        raise InputError(f"--changed: {detail}")
    return done.stdout
