"""Fuzzed importers: structured documents from hypothesis, raw bytes from atheris.

Hypothesis builds valid-ish vCard, CSV (LinkedIn, Google, generic), ICS and mbox files
with random values, folding, encodings, missing and extra fields and garbage lines. For
each: only NetweaveError escapes `parse_bytes`, every rejection names the file, a line and
a reason, and `import_parsed` on a real database writes all or nothing (strict) or exactly
the accepted records. The atheris harness (tools/fuzz.py) runs a small budget here;
`make fuzz` runs 100,000 inputs per format.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from netweave.db.migrate import upgrade
from netweave.db.models import Base, Email, Person
from netweave.db.store import Store
from netweave.errors import NetweaveError
from netweave.importers import detect
from netweave.importers.records import ParseResult
from netweave.services.imports import StrictImportError, import_parsed

ROOT = Path(__file__).resolve().parents[2]
FUZZ = ROOT / "tools" / "fuzz.py"
_spec = importlib.util.spec_from_file_location("netweave_fuzz_harness", FUZZ)
assert _spec and _spec.loader
harness: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)

NAME = harness.NAME
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1", "shift_jis")
FUZZ_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
IMPORT_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# values: ordinary names, then anything (control characters, separators, quotes, emoji)
nice = st.text(
    alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Lo", "Nd"), max_codepoint=0x30FF),
    min_size=1,
    max_size=12,
)
wild = st.text(max_size=30)
value = st.one_of(nice, nice, wild)
email = st.one_of(
    st.builds(lambda a, b: f"{a}@{b}.example", nice, nice),
    st.emails(),
    wild,  # often invalid: importers must reject it, not crash
)
date_text = st.one_of(
    st.dates().map(lambda d: d.strftime("%Y%m%d")),
    st.dates().map(lambda d: d.strftime("%d %b %Y")),
    wild,
)
garbage = st.lists(st.one_of(wild, st.just("END:VCARD"), st.just(":::"), st.just('"')), max_size=3)


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


def fold(line: str, width: int) -> str:
    """RFC 6350 folding: CRLF plus one space every `width` characters."""
    if width <= 0 or len(line) <= width:
        return line
    parts = [line[i : i + width] for i in range(0, len(line), width)]
    return "\r\n ".join(parts)


@st.composite
def vcards(draw: st.DrawFn) -> bytes:
    cards: list[str] = []
    for _ in range(draw(st.integers(0, 4))):
        version = draw(st.sampled_from(["2.1", "3.0", "4.0"]))
        fields = [
            f"FN:{draw(value)}",
            f"N:{draw(value)};{draw(value)};;;",
            f"EMAIL;TYPE={draw(st.sampled_from(['work', 'home', 'x-odd']))}:{draw(email)}",
            f"TEL:{draw(value)}",
            f"ORG:{draw(value)}",
            f"NOTE:{draw(wild)}",
            f"BDAY:{draw(date_text)}",
            f"X-{draw(nice).upper()}:{draw(wild)}",
        ]
        kept = draw(st.lists(st.sampled_from(fields), unique=True, max_size=len(fields)))
        width = draw(st.sampled_from([0, 0, 20, 75]))
        lines = ["BEGIN:VCARD", f"VERSION:{version}", *[fold(f, width) for f in kept]]
        lines += draw(garbage)
        if draw(st.booleans()) or not kept:
            lines.append("END:VCARD")
        cards.append("\r\n".join(lines))
    body = "\r\n".join(cards) or "BEGIN:VCARD\r\nEND:VCARD"
    return encode(body, draw(st.sampled_from(ENCODINGS)))


LAYOUTS = {
    "linkedin": (
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
        'Notes:\n"When exporting your connection data, you may notice that some..."\n\n',
    ),
    "google": (
        ["First Name", "Last Name", "Labels", "E-mail 1 - Label", "E-mail 1 - Value", "Notes"],
        "",
    ),
    "csv": (["name", "email", "company", "notes", "tags"], ""),
}


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[str, bytes]:
    layout = draw(st.sampled_from(sorted(LAYOUTS)))
    header, preamble = LAYOUTS[layout]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=draw(st.sampled_from([",", ",", ";"])))
    columns = draw(st.permutations(header)) if layout == "csv" else header
    writer.writerow(columns)
    for _ in range(draw(st.integers(0, 6))):
        cells = [draw(email) if "mail" in c.lower() else draw(value) for c in columns]
        if draw(st.integers(0, 5)) == 0:
            cells = cells[: draw(st.integers(0, len(cells)))]  # missing fields
        if draw(st.integers(0, 5)) == 0:
            cells.append(draw(wild))  # an extra field
        writer.writerow(cells)
    lines = out.getvalue()
    if draw(st.booleans()):
        lines += "\n".join(draw(garbage))
    return layout, encode(preamble + lines, draw(st.sampled_from(ENCODINGS)))


@st.composite
def calendars(draw: st.DrawFn) -> bytes:
    events = []
    for i in range(draw(st.integers(0, 4))):
        lines = [
            "BEGIN:VEVENT",
            f"UID:{draw(nice)}-{i}",
            f"DTSTART:{draw(date_text)}",
            f"SUMMARY:{fold(draw(wild), draw(st.sampled_from([0, 30])))}",
            f"ORGANIZER:mailto:{draw(email)}",
        ]
        lines += [f"ATTENDEE;CN={draw(value)}:mailto:{draw(email)}" for _ in range(2)]
        lines = draw(st.lists(st.sampled_from(lines), unique=True, min_size=1))
        lines = ["BEGIN:VEVENT", *[x for x in lines if x != "BEGIN:VEVENT"], *draw(garbage)]
        if draw(st.integers(0, 4)):
            lines.append("END:VEVENT")
        events.append("\r\n".join(lines))
    body = "\r\n".join(
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//fuzz//EN", *events, "END:VCALENDAR"]
    )
    return encode(body, draw(st.sampled_from(("utf-8", "utf-8-sig", "cp1252"))))


@st.composite
def mailboxes(draw: st.DrawFn) -> bytes:
    messages = []
    for i in range(draw(st.integers(1, 4))):
        headers = [
            f"From: {draw(value)} <{draw(email)}>",
            f"To: {draw(value)} <{draw(email)}>",
            f"Cc: {draw(email)}",
            f"Date: {draw(st.one_of(st.just('Mon, 02 Nov 2026 10:00:00 +0000'), wild))}",
            f"Subject: {draw(wild)}",
            f"Message-ID: <{i}.{draw(nice)}@fuzz>",
        ]
        kept = draw(st.lists(st.sampled_from(headers), unique=True, min_size=1))
        body = "\n".join(draw(st.lists(st.one_of(wild, st.just("From nobody")), max_size=3)))
        messages.append("\n".join([f"From {draw(email)} Mon Nov  2 10:00:00 2026", *kept]))
        messages[-1] += "\n\n" + body + "\n"
    return encode("\n".join(messages), draw(st.sampled_from(("utf-8", "cp1252", "latin-1"))))


def documents() -> st.SearchStrategy[tuple[str, bytes]]:
    return st.one_of(
        vcards().map(lambda b: ("vcard", b)),
        csv_files(),
        calendars().map(lambda b: ("ics", b)),
        mailboxes().map(lambda b: ("mbox", b)),
    )


def test_harness_formats_match_the_importers() -> None:
    assert tuple(harness.FORMATS) == detect.FORMATS


@FUZZ_SETTINGS
@given(documents())
def test_structured_documents_keep_the_parse_contract(doc: tuple[str, bytes]) -> None:
    layout, data = doc
    harness.check_bytes(data, layout)  # forced format
    harness.check_bytes(data, "detect")  # sniffed


@FUZZ_SETTINGS
@given(st.binary(max_size=2048), st.sampled_from(harness.TARGETS))
def test_raw_bytes_keep_the_parse_contract(data: bytes, target: str) -> None:
    harness.check_bytes(data, target)


# --- through import_parsed on a real database -------------------------------------------


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reliability_fuzz") / "template.db"
    store = Store(f"sqlite:///{path}")
    upgrade(store)
    store.dispose()
    return path


@pytest.fixture
def fresh_store(template_db: Path, tmp_path: Path) -> Iterator[Any]:
    """A factory of fresh, migrated SQLite stores (a file copy each: migrations run once)."""
    made: list[Store] = []

    def make() -> Store:
        path = tmp_path / f"fuzz-{len(made)}.db"
        shutil.copy(template_db, path)
        store = Store(f"sqlite:///{path}")
        made.append(store)
        return store

    yield make
    for store in made:
        store.dispose()


def table_counts(store: Store) -> dict[str, int]:
    with store.read() as s:
        return {
            t.name: s.scalar(select(func.count()).select_from(t)) or 0
            for t in Base.metadata.sorted_tables
        }


def parse_or_none(data: bytes, layout: str) -> ParseResult | None:
    try:
        return detect.parse_bytes(data, NAME, layout)
    except NetweaveError:
        return None


@IMPORT_SETTINGS
@given(documents())
def test_strict_import_is_all_or_nothing(fresh_store: Any, doc: tuple[str, bytes]) -> None:
    result = parse_or_none(doc[1], doc[0])
    if result is None:
        return
    store = fresh_store()
    before = table_counts(store)
    try:
        with store.write() as session:
            summary = import_parsed(session, result, file=NAME, strict=True)
    except StrictImportError as error:
        assert error.summary.rejected
        assert table_counts(store) == before, "a rejected --strict import wrote rows"
        return
    assert not summary.rejected
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == summary.added


@IMPORT_SETTINGS
@given(documents())
def test_import_writes_exactly_the_accepted_records(
    fresh_store: Any, doc: tuple[str, bytes]
) -> None:
    result = parse_or_none(doc[1], doc[0])
    if result is None:
        return
    store = fresh_store()
    with store.write() as session:
        summary = import_parsed(session, result, file=NAME)
    refused = {r.line for r in summary.rejected if r not in result.rejected}
    accepted = [p for p in result.people if p.line not in refused or p.line is None]
    with store.read() as s:
        names = {" ".join(n.split()).casefold() for n in s.scalars(select(Person.full_name))}
        emails = set(s.scalars(select(Email.address)))
        count = s.scalar(select(func.count()).select_from(Person))
    assert count == summary.added
    assert summary.added <= len(accepted)
    for record in accepted:
        mine = {e.value.strip().lower() for e in record.emails}
        name = " ".join(record.full_name.split()).casefold()
        assert (mine & emails) or name in names, f"accepted record lost: {record}"
    if not accepted:
        assert count == 0, "rows written although every record was rejected"


def test_atheris_harness_small_budget() -> None:
    """A few hundred atheris inputs per format through tools/fuzz.py (make fuzz runs 100k)."""
    pytest.importorskip("atheris", reason="atheris is not installed (pip install -e '.[dev]')")
    done = subprocess.run(
        [sys.executable, str(FUZZ), "all", "--runs=300", "--max-len=4096", "--seed=1"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert done.stdout.count("300 inputs") == len(harness.TARGETS), done.stdout
