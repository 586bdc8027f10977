"""Share something: who it fits, a note to each, and the give logged (issue #10).

"Keep in touch: once in a while, forward something that relates to their area of expertise
and simply say 'I thought you might find this of interest'." The text (a title, or a few
words about it) is matched against everyone's offers (expertise), objectives and interests
with the hybrid text layer (`engine.text.match.match_items`: TF-IDF plus static embeddings
when installed, vectors cached in the database). Per person, with the best item similarity
m1 and the second m2 (each times its kind's weight)::

    fit = m1 + 0.5 * m2 * (1 - m1)

the same saturating "a second match adds a little" rule as the pair benefit. Items below
`MIN_SIMILARITY` are ignored; reasons quote the matching items as recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.db.models import Direction, Facet, FacetKind, GiveKind, Person
from netweave.errors import NetweaveError
from netweave.messages.drafts import Draft, render
from netweave.services.embeddings import DbEmbeddingCache
from netweave.services.interactions import InteractionInput, log_interaction, resolve_people
from netweave.services.intro_drafts import person_context
from netweave.services.me import get_me, me_id

KIND_WEIGHT = {FacetKind.OFFER: 1.0, FacetKind.INTEREST: 1.0, FacetKind.OBJECTIVE: 0.9}
KIND_WORDS = {
    FacetKind.OFFER: ("their expertise", "your work on"),
    FacetKind.INTEREST: ("their interest", "your interest in"),
    FacetKind.OBJECTIVE: ("what they are working toward", "what you're working toward:"),
}
MIN_SIMILARITY = 0.15
SECOND_WEIGHT = 0.5
ITEMS_K = 300  # items kept from the text match before aggregating per person


@dataclass
class ShareFit:
    person_id: int
    name: str
    title: str | None
    score: float
    items: list[tuple[str, str, float]] = field(default_factory=list)  # (kind, text, sim)

    def reasons(self) -> list[str]:
        return [f'{KIND_WORDS[FacetKind(k)][0]}: "{t}" ({s:.2f})' for k, t, s in self.items[:3]]

    def because(self) -> str:
        kind, text, _sim = self.items[0]
        return f"{KIND_WORDS[FacetKind(kind)][1]} {text}"

    def as_dict(self, rank: int) -> dict[str, Any]:
        return {
            "rank": rank,
            "person": {"id": self.person_id, "name": self.name, "title": self.title},
            "score": round(self.score, 4),
            "reasons": self.reasons(),
        }


def rank(session: Session, text: str, limit: int = 10) -> list[ShareFit]:
    """The people the text fits best, best first."""
    from netweave.engine.text.backends import default_embedder
    from netweave.engine.text.match import match_items, ranked

    text = text.strip()
    if not text:
        raise NetweaveError("say what you are sharing: a title or a few words about it")
    mine = me_id(session)
    rows = session.execute(
        select(Facet.person_id, Facet.kind, Facet.text)
        .where(Facet.kind.in_(list(KIND_WEIGHT)), Facet.person_id != (mine or -1))
        .order_by(Facet.person_id, Facet.position)
    ).all()
    if not rows:
        return []
    texts = [r[2] for r in rows]
    result = match_items(
        [text],
        texts,
        k=min(ITEMS_K, len(texts)),
        embedder=default_embedder(False),
        cache=DbEmbeddingCache(session),
    )
    cols, sims = ranked(result.scores, 0)
    per_person: dict[int, list[tuple[str, str, float]]] = {}
    for c, sim in zip(cols.tolist(), sims.tolist(), strict=True):
        pid, kind, item = rows[c]
        weighted = float(sim) * KIND_WEIGHT[FacetKind(kind)]
        if weighted >= MIN_SIMILARITY:
            per_person.setdefault(pid, []).append((str(kind), item, weighted))
    fits = []
    for pid, items in per_person.items():
        items.sort(key=lambda x: -x[2])
        m1 = items[0][2]
        m2 = items[1][2] if len(items) > 1 else 0.0
        fits.append((pid, m1 + SECOND_WEIGHT * m2 * (1 - m1), items))
    fits.sort(key=lambda f: (-f[1], f[0]))
    fits = fits[:limit]
    people = {
        p.id: p for p in session.scalars(select(Person).where(Person.id.in_([f[0] for f in fits])))
    }
    return [
        ShareFit(pid, people[pid].full_name, people[pid].title, score, items)
        for pid, score, items in fits
    ]


def picked(fits: list[ShareFit], picks: list[int]) -> list[int]:
    """Person ids at the given 1-based ranks."""
    out = []
    for k in picks:
        if not 1 <= k <= len(fits):
            raise NetweaveError(f"--pick {k} is not in the ranking (1 to {len(fits)})")
        out.append(fits[k - 1].person_id)
    return out


@dataclass
class Shared:
    person_id: int
    name: str
    draft: Draft
    interaction_id: int


def share(
    session: Session,
    text: str,
    url: str | None,
    people_refs: list[str],
    today: dt.date,
    user_dir: Path | None = None,
) -> list[Shared]:
    """Draft the note to each person and log a give of kind content with each (one apiece)."""
    text = text.strip()
    if not text:
        raise NetweaveError("say what you are sharing: a title or a few words about it")
    people = resolve_people(session, people_refs)
    fits = {f.person_id: f for f in rank(session, text, limit=200)}
    me = person_context(get_me(session))
    out = []
    for person in people:
        fit = fits.get(person.id)
        context = {
            "me": me,
            "me_to": person_context(person),
            "title": text,
            "url": (url or "").strip() or None,
            "because": fit.because() if fit and fit.items else None,
        }
        to = [person.emails[0].address] if person.emails else []
        draft = render("share_note", context, to, user_dir)
        note = f"shared: {text}" + (f" ({url})" if url else "")
        interaction = log_interaction(
            session,
            [person],
            InteractionInput(
                channel="content",
                direction=Direction.GIVE.value,
                give_kind=GiveKind.CONTENT.value,
                occurred_on=today,
                note=note,
            ),
        )
        out.append(Shared(person.id, person.full_name, draft, interaction.id))
    return out
