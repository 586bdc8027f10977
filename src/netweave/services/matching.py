"""Who a record is: match imported records to people already in the database.

Rules, in order (the first that applies wins):
1. the same email address (case-insensitive);
2. the same LinkedIn profile URL (normalised: scheme, `www.`, query, trailing slash and
   percent-encoding ignored);
3. the same normalised name (case, accents and spacing ignored) and the same organisation,
   where organisations compare fuzzily (rapidfuzz `token_sort_ratio` ≥ ORG_THRESHOLD) and
   two empty organisations count as the same;
4. a fuzzy name (`token_sort_ratio` ≥ NAME_THRESHOLD) within the same normalised
   organisation (blocking on the organisation keeps this linear, not all-pairs), but only
   when the two carry no conflicting identity: if both have emails (none shared, or rule 1
   would have matched), "Maria Silva" and "Mario Silva" at one firm are two people.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.db.models import Email, Link, LinkKind, Organisation, Person
from netweave.importers.records import PersonRecord
from netweave.services.snapshot import rows_of

NAME_THRESHOLD = 90.0
ORG_THRESHOLD = 85.0
# An http(s) URL with a plain host and no query or fragment.
_PLAIN_URL = re.compile(r"https?://([A-Za-z0-9.-]+)(/[^?#\s\\]*)?")


@lru_cache(maxsize=131_072)
def fold(text: str | None) -> str:
    """Casefold, strip accents and collapse whitespace: "  Zoë  O'Neil" -> "zoe o'neil"."""
    if not text:
        return ""
    if text.isascii():
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


@lru_cache(maxsize=65_536)  # an import asks for each record's links three times
def linkedin_key(url: str) -> str | None:
    """A LinkedIn profile URL reduced to `linkedin.com/in/<slug>`, else None."""
    raw = unquote(url.strip())
    if "linkedin.com" not in raw.lower() and not any(c in raw for c in "\t\r\n"):
        return None  # the cheap answer for most links (urlsplit would delete TAB, CR, LF)
    full = raw if "://" in raw else f"https://{raw}"
    plain = _PLAIN_URL.fullmatch(full)
    if plain:  # what urlsplit would find, without its cost
        netloc, path = plain[1], plain[2] or ""
    else:
        parts = urlsplit(full)
        netloc, path = parts.netloc, parts.path
    if not netloc.lower().removeprefix("www.").endswith("linkedin.com"):
        return None
    path = path.rstrip("/").lower()
    return f"linkedin.com{path}" if path else None


def org_similar(a: str, b: str) -> bool:
    if not a and not b:
        return True
    if not a or not b:
        return False
    return a == b or fuzz.token_sort_ratio(a, b) >= ORG_THRESHOLD


@dataclass
class PeopleIndex:
    """In-memory keys of everyone in the database, grown as an import adds people."""

    by_email: dict[str, int] = field(default_factory=dict)
    by_linkedin: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    # folded name by id, per folded organisation: everyone, and those without an email
    by_org: dict[str, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    by_org_no_email: dict[str, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    org_of: dict[int, str] = field(default_factory=dict)

    def add(
        self, pid: int, name: str, org: str | None, emails: list[str], links: list[str]
    ) -> None:
        folded_org, folded_name = fold(org), fold(name)
        self.by_name[folded_name].append(pid)
        self.by_org[folded_org][pid] = folded_name
        if not emails:
            self.by_org_no_email[folded_org][pid] = folded_name
        self.org_of[pid] = folded_org
        for email in emails:
            self.by_email.setdefault(email.strip().lower(), pid)
        for url in links:
            key = linkedin_key(url)
            if key:
                self.by_linkedin.setdefault(key, pid)

    def add_record(self, pid: int, record: PersonRecord) -> None:
        self.add(
            pid,
            record.full_name,
            record.organisation,
            [e.value for e in record.emails],
            [link.value for link in record.links],
        )

    def match(self, record: PersonRecord) -> int | None:
        """The id of the person this record describes, or None if it is someone new."""
        for email in record.emails:
            pid = self.by_email.get(email.value.strip().lower())
            if pid is not None:
                return pid
        for link in record.links:
            key = linkedin_key(link.value)
            if key and key in self.by_linkedin:
                return self.by_linkedin[key]
        name, org = fold(record.full_name), fold(record.organisation)
        for pid in self.by_name.get(name, []):
            if org_similar(org, self.org_of[pid]):
                return pid
        return self._fuzzy(name, org, bool(record.emails))

    def _fuzzy(self, name: str, org: str, has_email: bool) -> int | None:
        if not org or not name:
            return None  # without an organisation a similar name is too weak a signal
        block = (self.by_org_no_email if has_email else self.by_org).get(org)
        if not block:
            return None
        best = process.extractOne(
            name, block, scorer=fuzz.token_sort_ratio, score_cutoff=NAME_THRESHOLD
        )
        return int(best[2]) if best else None


def load_index(session: Session) -> PeopleIndex:
    """Read the matching keys of every person with three Core queries, in batches."""
    index = PeopleIndex()
    session.flush()
    connection = session.connection()
    emails: dict[int, list[str]] = defaultdict(list)
    for pid, address in rows_of(connection, select(Email.person_id, Email.address)):
        emails[pid].append(address)
    links: dict[int, list[str]] = defaultdict(list)
    linkedin = select(Link.person_id, Link.url).where(Link.kind == LinkKind.LINKEDIN.value)
    for pid, url in rows_of(connection, linkedin):
        links[pid].append(url)
    rows = rows_of(
        connection,
        select(Person.id, Person.full_name, Organisation.name).outerjoin(Person.organisation),
    )
    for pid, name, org in rows:
        index.add(pid, name, org, emails.get(pid, []), links.get(pid, []))
    return index
