"""Months of interaction history between the connector and the demo people, vectorised."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from netweave.importers.records import InteractionRecord, PersonRecord

IntArray = npt.NDArray[np.int64]

CHANNELS = ("in-person", "call", "video", "email", "message", "event", "content")
DIRECTIONS = ("give", "ask", "receive", "neutral")
GIVE_KINDS = ("referral", "introduction", "content", "advice", "favour")
TIERS = ("inner", "active", "network", "dormant")
HORIZON_DAYS = 270  # about nine months
DORMANT_AFTER = 150  # dormant people were last seen at least this many days ago

# Mean interactions per person over the horizon, by tier.
RATE_BY_TIER = np.array([14.0, 5.0, 1.5, 0.3])
# Channel probabilities by tier (rows follow TIERS, columns CHANNELS).
CHANNEL_P = np.array(
    [
        [0.30, 0.20, 0.10, 0.08, 0.22, 0.05, 0.05],
        [0.20, 0.16, 0.14, 0.14, 0.16, 0.12, 0.08],
        [0.12, 0.12, 0.14, 0.22, 0.14, 0.16, 0.10],
        [0.08, 0.10, 0.10, 0.32, 0.14, 0.16, 0.10],
    ]
)
DIRECTION_P = np.array([0.38, 0.15, 0.20, 0.27])
GIVE_KIND_P = np.array([0.25, 0.22, 0.13, 0.28, 0.12])
# Minutes spent: low and high bound by channel.
MINUTES = np.array([[30, 120], [10, 45], [20, 60], [5, 15], [2, 10], [60, 180], [5, 20]])
GROUP_CHANNELS = np.array([True, True, True, False, False, True, False])
GROUP_SHARE = 0.15
NOTE_SHARE = 0.8


@dataclass
class History:
    """One row per interaction; `other1`/`other2` are extra participants or -1."""

    owner: IntArray
    days_ago: IntArray
    channel: IntArray
    direction: IntArray
    give_kind: IntArray
    minutes: IntArray
    other1: IntArray
    other2: IntArray

    def earliest(self, n: int) -> IntArray:
        """Days since each person's first interaction (-1 for none)."""
        out = np.full(n, -1, dtype=np.int64)
        np.maximum.at(out, self.owner, self.days_ago)
        for other in (self.other1, self.other2):
            has = other >= 0
            np.maximum.at(out, other[has], self.days_ago[has])
        return out


def _categorical(p: npt.NDArray[np.float64], u: npt.NDArray[np.float64]) -> IntArray:
    """Index of the category each uniform draw falls in (p: (k,) or one row per draw)."""
    cumulative = np.cumsum(p, axis=-1)
    cumulative = cumulative / cumulative[..., -1:]
    if cumulative.ndim == 1:
        return np.asarray(np.searchsorted(cumulative, u, side="right"), dtype=np.int64)
    return np.asarray((u[:, None] >= cumulative).sum(axis=1), dtype=np.int64)


def _neighbour(
    people: IntArray, indptr: IntArray, indices: IntArray, rng: np.random.Generator
) -> IntArray:
    """A random acquaintance of each person, or -1 for people with none."""
    degree = indptr[people + 1] - indptr[people]
    pick = np.floor(rng.random(people.size) * degree).astype(np.int64)
    out = np.full(people.size, -1, dtype=np.int64)
    has = degree > 0
    out[has] = indices[indptr[people[has]] + pick[has]]
    return out


def draw_history(
    tier: IntArray, indptr: IntArray, indices: IntArray, rng: np.random.Generator
) -> History:
    """Draw counts, dates, channels, directions and participants for every interaction."""
    counts = rng.poisson(RATE_BY_TIER[tier])
    owner = np.repeat(np.arange(tier.size, dtype=np.int64), counts)
    owner_tier = tier[owner]
    low = np.where(owner_tier == 3, DORMANT_AFTER, 1)
    days = low + np.floor(rng.random(owner.size) * (HORIZON_DAYS + 1 - low)).astype(np.int64)
    channel = _categorical(CHANNEL_P[owner_tier], rng.random(owner.size))
    direction = _categorical(DIRECTION_P, rng.random(owner.size))
    direction[channel == CHANNELS.index("content")] = DIRECTIONS.index("give")
    give_kind = np.where(
        direction == 0, _categorical(GIVE_KIND_P, rng.random(owner.size)), -1
    ).astype(np.int64)
    give_kind[(direction == 0) & (channel == CHANNELS.index("content"))] = GIVE_KINDS.index(
        "content"
    )
    spoken = GROUP_CHANNELS[channel] & (give_kind == GIVE_KINDS.index("content"))
    give_kind[spoken] = GIVE_KINDS.index("advice")  # content is sent, not handed over in a call
    lo, hi = MINUTES[channel, 0], MINUTES[channel, 1]
    minutes = lo + np.floor(rng.random(owner.size) * (hi - lo + 1)).astype(np.int64)
    grouped = GROUP_CHANNELS[channel] & (rng.random(owner.size) < GROUP_SHARE)
    other1 = np.where(grouped, _neighbour(owner, indptr, indices, rng), -1)
    other2 = np.where(
        grouped & (rng.random(owner.size) < 0.3), _neighbour(owner, indptr, indices, rng), -1
    )
    other2[(other2 == other1) | (other2 == owner)] = -1
    order = np.lexsort((owner, -days))
    return History(
        owner[order],
        days[order],
        channel[order],
        direction[order],
        give_kind[order],
        minutes[order],
        other1[order],
        other2[order],
    )


def _pick(items: list[str], draw: int, default: str) -> str:
    """The item a random integer selects, or `default` for an empty list."""
    return items[draw % len(items)] if items else default


def _note(template: str, person: PersonRecord, draw: int) -> str:
    """Fill a note template with the person's first name and one of their items."""
    return template.format(
        first=person.given_name or person.full_name,
        interest=_pick(person.interests, draw, "work"),
        offer=_pick(person.offers, draw, "their work"),
        need=_pick(person.needs, draw, "what they need next"),
    )


def interactions(
    history: History,
    people: list[PersonRecord],
    notes: dict[str, tuple[str, ...]],
    today: dt.date,
    rng: np.random.Generator,
) -> list[InteractionRecord]:
    """Turn the drawn history into records whose `people` are emails, oldest first."""
    emails = [p.emails[0].value for p in people]
    dates = [today - dt.timedelta(days=d) for d in range(HORIZON_DAYS + 1)]
    templates = [notes.get(c, ()) for c in CHANNELS]
    out: list[InteractionRecord] = []
    rows = zip(
        history.owner.tolist(),
        history.days_ago.tolist(),
        history.channel.tolist(),
        history.direction.tolist(),
        history.give_kind.tolist(),
        history.minutes.tolist(),
        history.other1.tolist(),
        history.other2.tolist(),
        (rng.random(history.owner.size) < NOTE_SHARE).tolist(),
        rng.integers(0, 1 << 30, size=history.owner.size).tolist(),
        strict=True,
    )
    for owner, days, channel, direction, kind, minutes, other1, other2, noted, draw in rows:
        who = [emails[owner]]
        if other1 >= 0:
            who.append(emails[other1])
        if other2 >= 0:
            who.append(emails[other2])
        options = templates[channel]
        note = None
        if noted and options:
            note = _note(options[draw % len(options)], people[owner], draw // len(options))
        out.append(
            InteractionRecord(
                occurred_on=dates[days],
                channel=CHANNELS[channel],
                direction=DIRECTIONS[direction],
                people=who,
                minutes=minutes,
                give_kind=GIVE_KINDS[kind] if kind >= 0 else None,
                note=note,
            )
        )
    return out
