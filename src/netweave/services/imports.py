"""Merge parsed records into the database: add new people, update known ones, never duplicate.

One call is one transaction (the caller's `Store.write()`): with `strict`, any rejected
record raises and nothing is written. A matched person gains new emails, phones, links,
tags and facet items; an empty field is filled; a differing non-empty field is never
overwritten but reported as a conflict. A person who appears twice in one file is added
once, then merged with the later record the same way. Re-importing the same file changes
nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from netweave.collector import collector_paused
from netweave.db.models import Email, Facet, Interaction, Link, Person, PersonTag, Phone
from netweave.db.page_cache import larger_page_cache
from netweave.db.search import search_text_renewed_once
from netweave.db.token_triggers import token_triggers_paused
from netweave.errors import NetweaveError
from netweave.importers.records import (
    InteractionRecord,
    Labelled,
    ParseResult,
    ParseStream,
    PersonRecord,
    Rejection,
)
from netweave.services.bulk import insert_acquaintances, insert_interactions, insert_rows
from netweave.services.matching import PeopleIndex, fold, load_index
from netweave.services.new_people import NewPeople
from netweave.services.people import get_or_create_organisation, link_kind, normalise_email
from netweave.services.snapshot import (
    SNAPSHOT_SCALARS,
    Snapshot,
    is_blank,
    load_snapshots,
    same_value,
)
from netweave.services.vocab import RECORD_FACETS

# the scalar fields a record can fill or conflict on (the name is compared on its own)
RECORD_SCALARS = tuple(name for name in SNAPSHOT_SCALARS if name != "full_name")


@dataclass
class Conflict:
    file: str
    line: int | None
    person_id: int
    person: str
    field: str
    existing: str
    incoming: str


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    interactions: int = 0
    acquaintances: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    skipped: list[Rejection] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "interactions": self.interactions,
            "acquaintances": self.acquaintances,
            "rejected": [
                {"file": r.file, "line": r.line, "reason": r.reason} for r in self.rejected
            ],
            "conflicts": [vars(c) for c in self.conflicts],
            "skipped": [{"file": r.file, "line": r.line, "reason": r.reason} for r in self.skipped],
        }


@dataclass
class _Changes:
    """Rows to write for people who already exist."""

    emails: list[dict[str, Any]] = field(default_factory=list)
    phones: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    tags: list[dict[str, Any]] = field(default_factory=list)
    facets: list[dict[str, Any]] = field(default_factory=list)
    people: dict[int, dict[str, Any]] = field(default_factory=dict)


def _validate(record: PersonRecord) -> str | None:
    """Why a record cannot be imported, or None."""
    if not record.full_name.strip() and not record.emails:
        return "no name and no email"
    for email in record.emails:
        try:
            normalise_email(email.value)
        except NetweaveError as exc:
            return str(exc)
    if not record.full_name.strip():
        record.full_name = record.emails[0].value.split("@")[0]
    return None


def _conflict(
    file: str, record: PersonRecord, snap: Snapshot, name: str, existing: str, incoming: str
) -> Conflict:
    """A differing field of a known person, reported at the record's line, never overwritten."""
    return Conflict(
        file, record.line, snap.pid, snap.scalars["full_name"], name, existing, incoming
    )


def _merge_into(
    snap: Snapshot,
    record: PersonRecord,
    changes: _Changes,
    conflicts: list[Conflict],
    file: str,
    owners: dict[str, int],
) -> bool:
    """Diff a record against what is stored; queue the additions; True if anything changes."""
    row: dict[str, Any] = {}
    incoming_name = " ".join(record.full_name.split())
    if fold(incoming_name) != fold(snap.scalars["full_name"]):
        conflicts.append(
            _conflict(file, record, snap, "name", snap.scalars["full_name"], incoming_name)
        )
    scalars = snap.scalars
    for name in RECORD_SCALARS:
        value = getattr(record, name)
        if value is not None and value != scalars.get(name):  # else nothing to do
            _merge_scalar(snap, name, value, row, conflicts, record, file)
    if record.organisation and not snap.organisation:
        row["organisation"] = record.organisation
    elif record.organisation and fold(record.organisation) != fold(snap.organisation):
        conflicts.append(
            _conflict(
                file, record, snap, "organisation", snap.organisation or "", record.organisation
            )
        )
    new_extra = {k: v for k, v in record.extra.items() if k not in snap.extra}
    if new_extra:
        row["extra"] = {**snap.extra, **new_extra}
    kept: list[Labelled] = []  # the record's emails that are no one else's
    own: list[tuple[str, str | None]] = []  # their normalised addresses and labels
    for email in record.emails:
        address = normalise_email(email.value)
        owner = owners.get(address, snap.pid)
        if owner == snap.pid:
            kept.append(email)
            own.append((address, email.label))
        else:
            conflicts.append(
                _conflict(file, record, snap, "email", f"belongs to #{owner}", email.value)
            )
    record.emails = kept
    added = _queue_items(snap, record, own, changes)
    if row or added:
        changes.people.setdefault(snap.pid, {}).update(row)
    return bool(row or added)


def _merge_scalar(
    snap: Snapshot,
    name: str,
    value: Any,
    row: dict[str, Any],
    conflicts: list[Conflict],
    record: PersonRecord,
    file: str,
) -> None:
    if is_blank(value):
        return
    existing = snap.scalars.get(name)
    if is_blank(existing):
        row[name] = value
        snap.scalars[name] = value
    elif not same_value(existing, value):
        conflicts.append(_conflict(file, record, snap, name, str(existing), str(value)))


def _queue(
    snap: Snapshot,
    known: set[Any],
    key: Any,
    kind: str,
    rows: list[dict[str, Any]],
    row: dict[str, Any],
) -> bool:
    """Queue one new list item (email, phone, link, facet) unless the person has it."""
    if not key or key in known:
        return False
    known.add(key)
    rows.append({"person_id": snap.pid, **row, "position": snap.counts[kind]})
    snap.counts[kind] += 1
    return True


def _queue_items(
    snap: Snapshot, record: PersonRecord, emails: list[tuple[str, str | None]], changes: _Changes
) -> bool:
    """Queue every item of `record` the person lacks, and the (normalised address, label)
    pairs of `emails`; True if anything was queued."""
    added = False
    for address, label in emails:
        row = {"address": address, "label": label}
        added |= _queue(snap, snap.emails, address, "email", changes.emails, row)
    for phone in record.phones:
        number = phone.value.strip()
        row = {"number": number, "label": phone.label}
        added |= _queue(snap, snap.phones, number, "phone", changes.phones, row)
    for link in record.links:
        url = link.value.strip()
        row = {"url": url, "kind": link_kind(url, link.label)}
        added |= _queue(snap, snap.links, url, "link", changes.links, row)
    for tag in {t.strip().lower() for t in record.tags if t.strip()} - snap.tags:
        snap.tags.add(tag)
        changes.tags.append({"person_id": snap.pid, "tag": tag})
        added = True
    for attr, kind in RECORD_FACETS.items():
        for text in getattr(record, attr):
            if (kind, text) in snap.facets:  # most are, on a re-import: no need to tidy them
                continue
            key = (kind, " ".join(text.split()))
            if key[1] and key not in snap.facets:
                row = {"kind": kind, "text": key[1]}
                added |= _queue(snap, snap.facets, key, "facet", changes.facets, row)
    return added


def _write_changes(session: Session, changes: _Changes, snaps: dict[int, Snapshot]) -> None:
    rows_in_all = len(changes.facets) + len(changes.people)
    connection = session.connection()
    with token_triggers_paused(connection, ("person", "facet"), rows_in_all):
        _insert_items(session, changes)
        with search_text_renewed_once(connection, changes.people):
            _update_people(session, changes, snaps)


def _insert_items(session: Session, changes: _Changes) -> None:
    for model, rows in (
        (Email, changes.emails),
        (Phone, changes.phones),
        (Link, changes.links),
        (PersonTag, changes.tags),
        (Facet, changes.facets),
    ):
        if rows:  # every row of a table has the same keys, in the same order
            insert_rows(session, model, tuple(rows[0]), [tuple(r.values()) for r in rows])


def _update_people(session: Session, changes: _Changes, snaps: dict[int, Snapshot]) -> None:
    updates: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for pid, row in changes.people.items():
        values = {k: v for k, v in row.items() if k != "organisation"}
        if "organisation" in row:
            org = get_or_create_organisation(session, row["organisation"])
            values["organisation_id"] = org.id if org else None
            snaps[pid].organisation = row["organisation"]
        values["search_text"] = snaps[pid].search_text()
        updates.setdefault(tuple(sorted(values)), []).append({"pid": pid, **values})
    for columns, rows in updates.items():  # one executemany per set of changed columns
        table = cast(Table, Person.__table__)
        setters = {c: bindparam(c + "_new", type_=table.c[c].type) for c in columns}
        statement = update(table).where(table.c.id == bindparam("pid")).values(setters)
        session.connection().execute(statement, [_renamed(r) for r in rows])


def _renamed(row: dict[str, Any]) -> dict[str, Any]:
    return {k if k == "pid" else k + "_new": v for k, v in row.items()}


def _split_known(
    part: ParseResult,
    index: PeopleIndex,
    adding: NewPeople,
    known: dict[int, list[PersonRecord]],
    file: str,
    summary: ImportSummary,
) -> list[tuple[int, PersonRecord]]:
    """The part's new people, each with the id reserved for it; a record of someone known,
    from the database or from earlier in this file, goes to `known` (never a duplicate)."""
    new: list[tuple[int, PersonRecord]] = []
    for record in part.people:
        reason = _validate(record)
        if reason:
            summary.rejected.append(Rejection(file, record.line, reason))
            continue
        pid = index.match(record)
        if pid is not None:
            known.setdefault(pid, []).append(record)
            continue
        pid = adding.reserve()
        index.add_record(pid, record)
        new.append((pid, record))
    return new


def _merge_known(
    session: Session,
    known: dict[int, list[PersonRecord]],
    adding: NewPeople,
    index: PeopleIndex,
    file: str,
    summary: ImportSummary,
) -> None:
    """Merge the records of known people. A later record of someone this same file added
    merges the same way (new items added, a differing field a conflict), but that person
    counts as added, not as updated."""
    snaps = load_snapshots(session, known)
    changes = _Changes()
    for pid, records in known.items():
        changed = [
            _merge_into(snaps[pid], r, changes, summary.conflicts, file, index.by_email)
            for r in records
        ]
        if not adding.is_new(pid):
            summary.updated += any(changed)
            summary.unchanged += not any(changed)
    _write_changes(session, changes, snaps)


@collector_paused()
def import_parsed(
    session: Session,
    parsed: ParseResult | ParseStream,
    *,
    file: str,
    strict: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Merge one parsed file; with `strict`, any rejection raises and nothing is written.

    A stream is merged part by part: each part's new people are written while the next
    part is read. `progress` is called with the number of records of each part merged.
    """
    stream = parsed if isinstance(parsed, ParseStream) else ParseStream.whole(parsed)
    with larger_page_cache(session.connection()):
        return _import_stream(session, stream, file, strict, progress)


def _import_stream(
    session: Session,
    stream: ParseStream,
    file: str,
    strict: bool,
    progress: Callable[[int], None] | None,
) -> ImportSummary:
    summary = ImportSummary()
    index = load_index(session)
    known: dict[int, list[PersonRecord]] = {}
    knowing: list[PersonRecord] = []
    interactions: list[InteractionRecord] = []
    with NewPeople(session, stream.expected) as adding:
        for part in stream.parts:
            summary.rejected += part.rejected
            new = _split_known(part, index, adding, known, file, summary)
            if not (strict and summary.rejected):  # else only the rejections still matter
                adding.add(new)
            summary.added += len(new)
            knowing += [r for r in part.people if r.knows]
            interactions += part.interactions
            if progress:
                progress(len(part.people) + len(part.interactions))
    if strict and summary.rejected:
        raise StrictImportError(summary)
    _merge_known(session, known, adding, index, file, summary)
    summary.acquaintances = _link_knows(session, knowing, index, file, summary)
    summary.interactions = _import_interactions(session, interactions, index, file, summary)
    return summary


class StrictImportError(NetweaveError):
    def __init__(self, summary: ImportSummary) -> None:
        first = "; ".join(str(r) for r in summary.rejected[:3])
        more = f" (and {len(summary.rejected) - 3} more)" if len(summary.rejected) > 3 else ""
        super().__init__(
            f"--strict: nothing imported; {len(summary.rejected)} rejected: {first}{more}"
        )
        self.summary = summary


def _resolve(index: PeopleIndex, ref: str) -> int | None:
    ref = ref.strip()
    if "@" in ref:
        return index.by_email.get(ref.lower())
    ids = index.by_name.get(fold(ref), [])
    return ids[0] if len(ids) == 1 else None


def _link_knows(
    session: Session,
    records: list[PersonRecord],
    index: PeopleIndex,
    file: str,
    summary: ImportSummary,
) -> int:
    pairs: list[tuple[int, int]] = []
    for record in records:
        me = index.match(record)
        for ref in record.knows:
            other = _resolve(index, ref)
            if me is None or other is None:
                summary.skipped.append(
                    Rejection(file, record.line, f"knows {ref!r}: no such person")
                )
            elif other != me:
                pairs.append((me, other))
    if not pairs:
        return 0
    return insert_acquaintances(
        session, _new_edges(session, pairs), source=f"import:{file}", since=None
    )


def _new_edges(session: Session, pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    from netweave.db.models import Acquaintance

    wanted = {(min(a, b), max(a, b)) for a, b in pairs}
    lows = sorted({lo for lo, _ in wanted})
    existing = set(
        session.execute(
            select(Acquaintance.low_id, Acquaintance.high_id).where(Acquaintance.low_id.in_(lows))
        ).tuples()
    )
    return sorted(wanted - existing)


def _import_interactions(
    session: Session,
    records: list[InteractionRecord],
    index: PeopleIndex,
    file: str,
    summary: ImportSummary,
) -> int:
    """Interactions with known people; idempotent by their `source` id (UID, Message-ID)."""
    sources = [r.source for r in records if r.source]
    seen = (
        set(session.scalars(select(Interaction.source).where(Interaction.source.in_(sources))))
        if sources
        else set()
    )
    fresh: list[InteractionRecord] = []
    for record in records:
        if record.source and record.source in seen:
            continue
        if not any(p.strip().lower() in index.by_email for p in record.people):
            summary.skipped.append(Rejection(file, record.line, "nobody in it is in your contacts"))
            continue
        if record.source:
            seen.add(record.source)
        fresh.append(record)
    return insert_interactions(session, fresh, index.by_email)
