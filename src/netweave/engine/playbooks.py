"""Trigger-event playbooks: an event (divorce, relocation…), the roles it creates, who serves them.

The default set ships as `netweave/engine/data/playbooks.yaml`; a user file of the same shape
replaces playbooks with the same key and adds new ones. Either file is a list of
``{key, label, description, roles: [{role, professions: [names]}]}`` or a mapping with that list
under ``playbooks``.

A person serves a role when the role name or one of its profession names covers their title
(`phrases.covers`: every word of the profession, after normalisation, is in the title). If a
title serves several roles of one event, the first listed role is theirs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import yaml

from netweave.engine.network import Network
from netweave.engine.pairs import canonical, lookup
from netweave.engine.phrases import Phrase, PhraseIndex, covers, normalise
from netweave.errors import NetweaveError


@dataclass(frozen=True)
class Role:
    role: str
    professions: tuple[str, ...]

    def phrases(self) -> tuple[Phrase, ...]:
        """Normalised role name and profession names (empty ones dropped)."""
        found = [normalise(self.role), *(normalise(p) for p in self.professions)]
        return tuple(p for p in found if p)


@dataclass(frozen=True)
class Playbook:
    key: str
    label: str
    description: str
    roles: tuple[Role, ...]


def default_path() -> Path:
    """Where the packaged default playbooks live."""
    return Path(str(resources.files("netweave.engine") / "data" / "playbooks.yaml"))


def _parse(raw: Any, source: str) -> list[Playbook]:
    if isinstance(raw, Mapping):
        raw = raw.get("playbooks")
    if not isinstance(raw, list):
        raise NetweaveError(f"{source}: expected a list of playbooks")
    books: list[Playbook] = []
    for k, entry in enumerate(raw, start=1):
        where = f"{source}: playbook {k}"
        if not isinstance(entry, Mapping) or not entry.get("key"):
            raise NetweaveError(f"{where}: each playbook needs a key")
        roles_raw = entry.get("roles") or []
        if not isinstance(roles_raw, list):
            raise NetweaveError(f"{where} ({entry['key']}): roles must be a list")
        roles: list[Role] = []
        for role in roles_raw:
            if not isinstance(role, Mapping) or not role.get("role"):
                raise NetweaveError(f"{where} ({entry['key']}): each role needs a name")
            professions = role.get("professions") or []
            if isinstance(professions, str) or not isinstance(professions, list):
                raise NetweaveError(f"{where} ({entry['key']}): professions must be a list")
            roles.append(Role(str(role["role"]), tuple(str(p) for p in professions)))
        key = str(entry["key"])
        books.append(
            Playbook(
                key=key,
                label=str(entry.get("label") or key.replace("_", " ").capitalize()),
                description=str(entry.get("description") or ""),
                roles=tuple(roles),
            )
        )
    return books


def _read(path: Path) -> list[Playbook]:
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise NetweaveError(f"cannot read playbooks file {path}: {exc.strerror}") from exc
    return list(_read_cached(path, stamp))


@lru_cache(maxsize=16)
def _read_cached(path: Path, _stamp: int) -> tuple[Playbook, ...]:
    """Parse a playbooks file once per version of it (the stamp is its modification time)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise NetweaveError(f"cannot read playbooks file {path}: {exc.strerror}") from exc
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise NetweaveError(f"{path}: not valid YAML ({exc})") from exc
    return tuple(_parse(raw, str(path)))


def load_playbooks(
    user_path: Path | None = None, *, defaults: Path | None = None
) -> tuple[Playbook, ...]:
    """Load the default playbooks, then let the user file replace (same key) or extend them."""
    books = {b.key: b for b in _read(defaults or default_path())}
    if user_path is not None:
        for book in _read(user_path):
            books[book.key] = book
    return tuple(books.values())


def get_playbook(playbooks: Sequence[Playbook], key: str) -> Playbook:
    """The playbook with this key, or a NetweaveError naming the known keys."""
    for book in playbooks:
        if book.key == key:
            return book
    known = ", ".join(sorted(b.key for b in playbooks)) or "none"
    raise NetweaveError(f"unknown trigger event {key!r}; known events: {known}")


def title_roles(titles: Sequence[Phrase], playbooks: Sequence[Playbook]) -> npt.NDArray[np.int16]:
    """Role index of each normalised title in each playbook (titles x playbooks, -1 = none)."""
    index = PhraseIndex(titles)
    out = np.full((len(titles), len(playbooks)), -1, dtype=np.int16)
    for e, book in enumerate(playbooks):
        for r in range(len(book.roles) - 1, -1, -1):  # reverse, so the first listed role wins
            for phrase in book.roles[r].phrases():
                out[index.covered_by(phrase), e] = r
    return out


def serves(title: str, role: Role) -> bool:
    """True when the title serves the role (see the module docstring)."""
    phrase = normalise(title)
    return any(covers(p, phrase) for p in role.phrases())


@dataclass(frozen=True)
class EventTeam:
    """The people serving one trigger event, by role, and the cross-role pairs not acquainted."""

    playbook: Playbook
    members: dict[str, list[int]]
    unacquainted: list[tuple[int, int]]


def team(
    event_key: str, network: Network, playbooks: Sequence[Playbook] | None = None
) -> EventTeam:
    """Group the network's people by the roles of one event; list cross-role strangers (i < j)."""
    books = tuple(playbooks) if playbooks is not None else load_playbooks()
    book = get_playbook(books, event_key)
    roles = title_roles([normalise(t) for t in network.titles], [book])[:, 0]
    members = {role.role: np.flatnonzero(roles == r).tolist() for r, role in enumerate(book.roles)}
    people = np.flatnonzero(roles >= 0).astype(np.int64)
    x, y = np.triu_indices(len(people), 1)
    a, b = people[x], people[y]
    cross = roles[a] != roles[b]
    a, b = a[cross], b[cross]
    known = lookup(canonical(network.acquaintances), a, b) > 0
    strangers = [(int(i), int(j)) for i, j in zip(a[~known], b[~known], strict=True)]
    return EventTeam(book, members, strangers)
