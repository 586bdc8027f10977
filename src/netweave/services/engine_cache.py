"""Warm suggestions: the prepared engine and its answers, cached under a fingerprint.

Everything a suggestion depends on goes into one fingerprint (`fingerprint`):

- the `engine_state` token, which database triggers renew on any change to facets,
  acquaintances or the scored columns of people (migration 0006), whoever writes;
- the pairing guards of the introductions workflow, computed afresh (blocked pairs, opt-in
  load, cool-downs): they are cheap, and hashing them also covers their dependence on the date;
- who "me" is, the embedder's name, the weights, the playbooks, `MATCH_K` and `CACHE_VERSION`.

A prepared engine (network, item matches, scorer) is cached in this process (the web app) and,
when a directory is given (the CLI passes `<data_dir>/cache`), as pickle files, with answers
(whole-network lists, one person's list) next to it. Item matches have their own key, the hash
of the item texts and the embedder, so an edit that leaves needs, objectives and offers alone
(a title, an acquaintance, an introduction) rebuilds the scorer but does not re-match items.
Files are written atomically (temp file, then rename) and read back only from that directory,
which belongs to the user like the database does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

CACHE_VERSION = "1"
KEEP_FILES = 4  # newest files kept per kind
Guards = tuple[list[tuple[int, int]], dict[int, float], set[int]]


def digest(*parts: object) -> str:
    """A short stable hash of the reprs of `parts` (plain data: tuples, strings, numbers)."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(repr(part).encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()


def texts_digest(*lists: Sequence[str]) -> str:
    """Hash of several lists of texts (the inputs of item matching)."""
    h = hashlib.blake2b(digest_size=16)
    for texts in lists:
        h.update("\x1f".join(texts).encode("utf-8"))
        h.update(f"\x1e{len(texts)}\x1e".encode())
    return h.hexdigest()


def inputs_token(session: Session) -> str:
    """The random token renewed by triggers whenever a scoring input changes."""
    token = session.scalar(text("SELECT token FROM engine_state WHERE id = 1"))
    return str(token) if token else "missing"


@dataclass(frozen=True)
class Fingerprint:
    key: str
    guards: Guards


def fingerprint(session: Session, today: dt.date, parts: Sequence[object]) -> Fingerprint:
    """Hash of the inputs token, the guards on `today` and `parts` (embedder, weights, ...)."""
    from netweave.services import cooldown

    guards: Guards = (
        cooldown.blocked_pairs(session, today),
        cooldown.optin_load(session, today),
        cooldown.cooled_down(session, today),
    )
    blocked, load, cooled = guards
    key = digest(
        CACHE_VERSION,
        inputs_token(session),
        sorted(tuple(sorted(p)) for p in blocked),
        sorted(load.items()),
        sorted(cooled),
        *parts,
    )
    return Fingerprint(key, guards)


class FileCache:
    """Pickled objects under `directory`, one file per (kind, key); None disables it."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory

    def _path(self, kind: str, key: str) -> Path | None:
        return self.directory / f"{kind}-{key}.pickle" if self.directory else None

    def get(self, kind: str, key: str) -> Any:
        path = self._path(kind, key)
        if path is None or not path.exists():
            return None
        try:
            with path.open("rb") as f:
                return pickle.load(f)
        except Exception:  # a truncated or foreign file is a miss, never an error
            return None

    def put(self, kind: str, key: str, value: Any) -> None:
        path = self._path(kind, key)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{kind}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        self._prune(kind)

    def _prune(self, kind: str) -> None:
        assert self.directory is not None
        files = sorted(
            self.directory.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for old in files[KEEP_FILES:]:
            old.unlink(missing_ok=True)

    def clear(self) -> int:
        """Delete every cached file; return how many there were."""
        if self.directory is None or not self.directory.exists():
            return 0
        files = list(self.directory.glob("*.pickle"))
        for path in files:
            path.unlink(missing_ok=True)
        return len(files)


class Memo:
    """The last few values by key, in this process (the web app keeps its engine warm)."""

    def __init__(self, size: int = 2) -> None:
        self.size = size
        self._items: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        return self._items.get(key)

    def put(self, key: str, value: Any) -> None:
        self._items.pop(key, None)
        self._items[key] = value
        while len(self._items) > self.size:
            self._items.pop(next(iter(self._items)))

    def clear(self) -> None:
        self._items.clear()


ENGINES = Memo(2)
ANSWERS = Memo(64)
EXPLAINED = Memo(4_096)  # pair explanations, by engine key and pair
