"""Merge two records of the same person, and rank likely duplicates left after imports."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import Column, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from netweave.db.models import Acquaintance, Base, Facet, Organisation, Person, Phone
from netweave.errors import NetweaveError
from netweave.services.matching import fold
from netweave.services.people import compose_search_text
from netweave.services.snapshot import SNAPSHOT_SCALARS, is_blank

DUPLICATE_THRESHOLD = 85.0


def _person_references() -> list[Column[Any]]:
    """Every column of every table that points at person.id (found from the schema)."""
    found = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if any(fk.column.table.name == "person" for fk in column.foreign_keys):
                found.append(column)
    return found


def _move_rows(session: Session, column: Column[Any], keep: int, gone: int) -> None:
    """Point rows at `keep`; a row that would duplicate one `keep` already has is dropped."""
    table = column.table
    key = list(table.primary_key.columns)
    rows = session.execute(select(*key).where(column == gone)).all()
    for row in rows:
        match = [k == v for k, v in zip(key, row, strict=True)]
        try:
            with session.begin_nested():
                session.execute(update(table).where(*match).values({column.name: keep}))
        except IntegrityError:
            session.execute(delete(table).where(*match))


def _move_acquaintances(session: Session, keep: int, gone: int) -> None:
    edges = session.execute(
        select(
            Acquaintance.low_id, Acquaintance.high_id, Acquaintance.source, Acquaintance.since
        ).where((Acquaintance.low_id == gone) | (Acquaintance.high_id == gone))
    ).all()
    session.execute(
        delete(Acquaintance).where((Acquaintance.low_id == gone) | (Acquaintance.high_id == gone))
    )
    mine = set(
        session.execute(
            select(Acquaintance.low_id, Acquaintance.high_id).where(
                (Acquaintance.low_id == keep) | (Acquaintance.high_id == keep)
            )
        ).tuples()
    )
    for low, high, source, since in edges:
        other = high if low == gone else low
        pair = (min(keep, other), max(keep, other))
        if other != keep and pair not in mine:
            session.add(Acquaintance(low_id=pair[0], high_id=pair[1], source=source, since=since))
            mine.add(pair)
    session.flush()


def _drop_repeated_items(session: Session, pid: int) -> None:
    """After a merge, keep one facet item per (kind, text) and one phone per number."""
    seen: set[tuple[str, str]] = set()
    for fid, kind, text in session.execute(
        select(Facet.id, Facet.kind, Facet.text).where(Facet.person_id == pid).order_by(Facet.id)
    ):
        if (kind, text) in seen:
            session.execute(delete(Facet).where(Facet.id == fid))
        seen.add((kind, text))
    numbers: set[str] = set()
    for phone_id, number in session.execute(
        select(Phone.id, Phone.number).where(Phone.person_id == pid).order_by(Phone.id)
    ):
        if number in numbers:
            session.execute(delete(Phone).where(Phone.id == phone_id))
        numbers.add(number)


def merge_people(session: Session, keep: Person, gone: Person) -> Person:
    """Fold `gone` into `keep` with all its history; `keep`'s non-empty fields win."""
    if keep.id == gone.id:
        raise NetweaveError("cannot merge a person with themselves")
    for name in (
        *SNAPSHOT_SCALARS,
        "organisation_id",
        "cadence_days",
        "why_connect",
        "how_connect",
        "why_they_connect",
        "how_keep_up",
    ):
        if is_blank(getattr(keep, name)) and not is_blank(getattr(gone, name)):
            setattr(keep, name, getattr(gone, name))
    keep.temperament = sorted({*keep.temperament, *gone.temperament})
    keep.extra = {**(gone.extra or {}), **(keep.extra or {})}
    keep.networker_level = max(keep.networker_level, gone.networker_level)
    if gone.notes and gone.notes != keep.notes:
        keep.notes = f"{keep.notes}\n\n{gone.notes}" if keep.notes else gone.notes
    gone_id, keep_id = gone.id, keep.id
    session.flush()
    _move_acquaintances(session, keep_id, gone_id)
    for column in _person_references():
        if column.table.name != "acquaintance":
            _move_rows(session, column, keep_id, gone_id)
    _drop_repeated_items(session, keep_id)
    session.expire_all()
    session.execute(delete(Person).where(Person.id == gone_id))
    merged = session.get(Person, keep_id)
    assert merged is not None
    merged.search_text = compose_search_text(merged)
    session.flush()
    return merged


@dataclass
class DuplicatePair:
    a_id: int
    a_name: str
    b_id: int
    b_name: str
    score: float
    reasons: list[str]


def _block_key(name: str) -> str:
    tokens = sorted(fold(name).split())
    return tokens[-1][:4] if tokens else ""


def find_duplicates(session: Session, limit: int = 50) -> list[DuplicatePair]:
    """Likely duplicates, best first: similar names (blocked by a name token) plus shared
    phone numbers or organisation. Linear in people, not all pairs."""
    rows = session.execute(
        select(Person.id, Person.full_name, Organisation.name).outerjoin(Person.organisation)
    ).all()
    phones: dict[str, set[int]] = defaultdict(set)
    for pid, number in session.execute(select(Phone.person_id, Phone.number)):
        phones["".join(c for c in number if c.isdigit())[-9:]].add(pid)
    shared_phone = {frozenset(p) for p in phones.values() if len(p) == 2}
    blocks: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for pid, name, org in rows:
        for token in fold(name).split():
            blocks[token[:4]].append((pid, name, fold(org)))
    found: dict[tuple[int, int], DuplicatePair] = {}
    for members in blocks.values():
        if len(members) > 200:  # a very common token blocks too much; other tokens still pair
            continue
        for i, (a, a_name, a_org) in enumerate(members):
            for b, b_name, b_org in members[i + 1 :]:
                _consider(found, a, a_name, a_org, b, b_name, b_org, shared_phone)
    return sorted(found.values(), key=lambda d: -d.score)[:limit]


def _consider(
    found: dict[tuple[int, int], DuplicatePair],
    a: int,
    a_name: str,
    a_org: str,
    b: int,
    b_name: str,
    b_org: str,
    shared_phone: set[frozenset[int]],
) -> None:
    key = (min(a, b), max(a, b))
    if key in found:
        return
    score = fuzz.token_sort_ratio(fold(a_name), fold(b_name))
    reasons = [f"names {score:.0f}% alike"]
    if a_org and a_org == b_org:
        score += 5
        reasons.append("same organisation")
    if frozenset((a, b)) in shared_phone:
        score += 10
        reasons.append("same phone number")
    if score >= DUPLICATE_THRESHOLD:
        first, second = (a, a_name), (b, b_name)
        if b < a:
            first, second = second, first
        found[key] = DuplicatePair(
            first[0], first[1], second[0], second[1], min(score, 100.0), reasons
        )


def duplicates_json(pairs: list[DuplicatePair]) -> list[dict[str, Any]]:
    return [vars(p) for p in pairs]
