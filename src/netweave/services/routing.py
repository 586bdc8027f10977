"""Route a request to the people who can help: expert finding over the routing index.

Relevance S(e) comes from `engine.expertise` (hybrid BM25 + static-vector match of the request
against each person's offers, objectives and interaction notes, aggregated per person by a
smoothed max). It is then adjusted for whether asking them is a good idea now::

    score(e) = S(e) * O(e) * L(e) * R(e)
    O = 1 if open, 0.75 if "ask first" (people "not now" are left out)
    L = 1 / (1 + load(e))            load: decayed opt-in asks to them (`cooldown.optin_load`)
    R = 0.8 + 0.2 * strength / 100  strength of my relationship with them (never scored: 0.8)
    N = 1.2 if their city (location up to the first comma) is named in the request or is the
        requester's city, else 1          (help is easier to give nearby)

so a slightly weaker match I know well, who has not been asked lately, can come first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.db.models import ContactSummary, Email, Openness, Person
from netweave.engine.expertise import ALPHA, aggregate, dense_scores, hybrid
from netweave.engine.text.tokens import words
from netweave.services.routing_index import KINDS, RoutingIndex, open_index

ASK_FIRST = 0.75
STRENGTH_FLOOR = 0.8
CANDIDATES = 50  # people re-ranked after the adjustments, at least
NEAR = 1.2
MIN_ITEM = 0.05  # an item scoring less is not quoted as a reason
KIND_LABELS = {"offer": "offers", "objective": "objective", "note": "noted"}


@dataclass
class Helper:
    person_id: int
    name: str
    emails: list[str]
    score: float
    relevance: float
    reasons: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "person": {"id": self.person_id, "name": self.name, "emails": self.emails},
            "score": round(self.score, 4),
            "reasons": self.reasons,
        }


class Router:
    """The index plus the per-person adjustments, loaded once; `route` per request."""

    def __init__(
        self,
        session: Session,
        today: dt.date,
        data_dir: Path,
        url: str,
        *,
        mode: str = "hybrid",
        rebuild: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        from netweave.services.cooldown import optin_load
        from netweave.services.me import me_id

        if mode not in ("hybrid", "lexical", "dense"):
            raise ValueError(f"unknown routing mode {mode!r}")
        self.session, self.today, self.mode = session, today, mode
        index, embedder = open_index(
            session,
            data_dir,
            url,
            lexical_only=mode == "lexical",
            rebuild=rebuild,
            progress=progress,
        )
        self.index: RoutingIndex = index
        self.embedder = embedder if index.vectors is not None else None
        self.people, self.item_pos = np.unique(index.item_person, return_inverse=True)
        self.order = np.argsort(self.item_pos, kind="stable")
        self.starts = np.searchsorted(self.item_pos[self.order], np.arange(len(self.people) + 1))
        self.kind_weight = index.kind_weights
        rows = session.execute(
            select(Person.id, Person.openness).where(Person.openness != Openness.OPEN.value)
        ).tuples()
        self.openness: dict[int, str] = {int(pid): str(value) for pid, value in rows}
        self.load = optin_load(session, today)
        me = me_id(session)
        self.me = {me} if me is not None else set()

    def text_scores(self, text: str) -> np.ndarray[Any, np.dtype[np.float32]]:
        """s(q, d) for every distinct text d of the index."""
        lex = self.index.bm25.score(text)
        if self.embedder is None or self.index.vectors is None or self.mode == "lexical":
            return lex
        query = self.embedder.embed([text])[0]
        dense = dense_scores(query, self.index.vectors)
        if self.mode == "dense":
            return dense
        return hybrid(lex, dense, ALPHA)

    def relevance(self, text: str) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
        """(S per person position, weighted score per item)."""
        items = self.text_scores(text)[self.index.item_text] * self.kind_weight
        return aggregate(items, self.item_pos, len(self.people)), items

    def route(
        self,
        text: str,
        limit: int = 10,
        exclude: Iterable[int] = (),
        near: str | None = None,
    ) -> list[Helper]:
        """The best `limit` helpers for `text`, best first, with reasons; `near` is the
        requester's location."""
        if not text.strip() or len(self.people) == 0:
            return []
        skip = self.me | set(exclude)
        relevance, items = self.relevance(text)
        k = min(len(relevance), max(CANDIDATES, 5 * limit) + len(skip))
        part = np.argpartition(-relevance, k - 1)[:k] if k < len(relevance) else np.arange(k)
        top = [int(p) for p in part if relevance[p] > 0]
        ids = [int(self.people[p]) for p in top]
        strength = self._strength(ids)
        cities = self._near(ids, text, near)
        scored = []
        for pos, pid in zip(top, ids, strict=True):
            openness = self.openness.get(pid, Openness.OPEN.value)
            if pid in skip or openness == Openness.NOT_NOW.value:
                continue
            factor = ASK_FIRST if openness == Openness.ASK_FIRST.value else 1.0
            factor /= 1.0 + self.load.get(pid, 0.0)
            st = strength.get(pid)
            factor *= STRENGTH_FLOOR + (1 - STRENGTH_FLOOR) * (st or 0.0) / 100.0
            factor *= NEAR if pid in cities else 1.0
            scored.append((float(relevance[pos]) * factor, float(relevance[pos]), pos, pid))
        scored.sort(key=lambda s: (-s[0], s[3]))
        chosen = scored[:limit]
        names, emails = self._people([pid for *_, pid in chosen])
        out = []
        for score, rel, pos, pid in chosen:
            reasons = self._reasons(text, pos, items)
            if pid in cities:
                reasons.append(f"in {cities[pid]}, where the request is")
            reasons += self._notes(pid, strength.get(pid))
            out.append(Helper(pid, names[pid], emails.get(pid, []), score, rel, reasons))
        return out

    def _reasons(self, text: str, pos: int, items: np.ndarray[Any, Any]) -> list[str]:
        mine = self.order[self.starts[pos] : self.starts[pos + 1]]
        best = mine[np.argsort(-items[mine], kind="stable")][:2]
        query_words = set(words(text))
        out = []
        for item in best:
            if items[item] < MIN_ITEM:
                break
            quoted = self.index.texts[int(self.index.item_text[item])]
            label = KIND_LABELS[KINDS[int(self.index.item_kind[item])]]
            shared = sorted(query_words & set(words(quoted)))
            also = f"; shared words: {', '.join(shared)}" if shared else ""
            out.append(f'{label} "{quoted}" (match {items[item]:.2f}{also})')
        return out

    def _notes(self, pid: int, strength: float | None) -> list[str]:
        out = []
        if self.openness.get(pid) == Openness.ASK_FIRST.value:
            out.append("asks to be asked first")
        load = self.load.get(pid, 0.0)
        if load >= 0.5:
            out.append(f"asked for opt-ins recently (load {load:.1f})")
        out.append(
            f"relationship strength {round(strength)}" if strength is not None else "never scored"
        )
        return out

    def _near(self, ids: list[int], text: str, near: str | None) -> dict[int, str]:
        """Candidates whose city is named in `text` or is the requester's city."""
        import re

        from netweave.engine.text.normalize import normalize_text

        said = normalize_text(text)
        home = _city(near)
        out = {}
        for pid, location in self.session.execute(
            select(Person.id, Person.location).where(
                Person.id.in_(ids), Person.location.is_not(None)
            )
        ):
            city = _city(location)
            if city and (city == home or re.search(rf"(?<!\w){re.escape(city)}(?!\w)", said)):
                out[int(pid)] = location.split(",")[0].strip()
        return out

    def _strength(self, ids: list[int]) -> dict[int, float]:
        from netweave.services.strength import strength_expr

        if not ids:
            return {}
        rows = self.session.execute(
            select(ContactSummary.person_id, strength_expr(self.today)).where(
                ContactSummary.person_id.in_(ids)
            )
        )
        return {int(pid): float(value) for pid, value in rows}

    def _people(self, ids: list[int]) -> tuple[dict[int, str], dict[int, list[str]]]:
        names = dict(
            self.session.execute(select(Person.id, Person.full_name).where(Person.id.in_(ids)))
            .tuples()
            .all()
        )
        emails: dict[int, list[str]] = {}
        for pid, address in self.session.execute(
            select(Email.person_id, Email.address)
            .where(Email.person_id.in_(ids))
            .order_by(Email.person_id, Email.position)
        ):
            emails.setdefault(pid, []).append(address)
        return names, emails


def _city(location: str | None) -> str:
    from netweave.engine.text.normalize import normalize_text

    return normalize_text(location.split(",")[0]) if location else ""


def route(
    session: Session,
    texts: Sequence[str],
    *,
    today: dt.date,
    data_dir: Path,
    url: str,
    limit: int = 10,
    exclude: Iterable[int] = (),
    rebuild: bool = False,
    progress: Callable[[int], None] | None = None,
) -> list[list[Helper]]:
    """Helpers for each text, in order, from one index load."""
    router = Router(session, today, data_dir, url, rebuild=rebuild, progress=progress)
    skip = list(exclude)
    return [router.route(text, limit, skip) for text in texts]
