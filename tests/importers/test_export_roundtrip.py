"""Exporters round-trip through the importers; random input never escapes as a crash."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netweave.errors import NetweaveError
from netweave.importers.detect import FORMATS, PARSERS, parse_bytes
from netweave.importers.export_csv import people_to_csv
from netweave.importers.export_vcard import people_to_vcard
from netweave.importers.records import Labelled, PersonRecord

_CHARS = st.characters(blacklist_categories=("Cs", "Cc"))


def _text(alphabet=_CHARS, max_size=25):
    return st.text(alphabet, min_size=1, max_size=max_size).map(str.strip).filter(bool)


_item = _text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=";"))
_notes = st.lists(_text(), min_size=1, max_size=3).map("\n".join)
_email = st.from_regex(r"[a-z0-9._]{1,10}@[a-z0-9]{1,10}\.[a-z]{2,4}", fullmatch=True)
_phone = st.from_regex(r"\+[0-9]{1,3} [0-9()-]{3,12}[0-9]", fullmatch=True)
_slug = st.from_regex(r"[a-z0-9-]{1,12}", fullmatch=True)
_label = st.sampled_from([None, "work", "home", "mobile", "other", "Board work"])


@st.composite
def _link(draw):
    label = draw(st.sampled_from(["website", "linkedin", "sample", "other", "Portfolio"]))
    host = "www.linkedin.com/in" if label == "linkedin" else "example.com"
    return Labelled(f"https://{host}/{draw(_slug)}", label)


def _labelled(values):
    return st.lists(
        st.builds(Labelled, values, _label), max_size=3, unique_by=lambda item: item.value
    )


def _list():
    return st.lists(_item, max_size=3, unique=True)


def _optional(strategy):
    return st.none() | strategy


people = st.builds(
    PersonRecord,
    full_name=_text(),
    given_name=_optional(_text()),
    family_name=_optional(_text()),
    emails=_labelled(_email),
    phones=_labelled(_phone),
    links=st.lists(_link(), max_size=3, unique_by=lambda item: item.value),
    organisation=_optional(_text()),
    title=_optional(_text()),
    location=_optional(_text()),
    how_met=_optional(_text()),
    where_met=_optional(_text()),
    met_on=_optional(st.dates(min_value=dt.date(1900, 1, 1))),
    tags=_list(),
    temperament=_list(),
    networker_level=_optional(st.integers(0, 5)),
    openness=_optional(_text()),
    tier=_optional(_text()),
    cadence_days=_optional(st.integers(1, 400)),
    objectives=_list(),
    needs=_list(),
    offers=_list(),
    interests=_list(),
    referral_sources=_list(),
    prospect_pool=_list(),
    notes=_optional(_notes),
    knows=_list(),
    extra=st.dictionaries(st.from_regex(r"[a-z]{1,8}( [a-z]{1,8})?", fullmatch=True), _text()),
)


def _without_lines(records):
    return [dataclasses.replace(record, line=None) for record in records]


@pytest.mark.parametrize("version", ["4.0", "3.0"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=st.lists(people, min_size=1, max_size=4))
def test_vcard_round_trip(version, records):
    text = people_to_vcard(records, version)
    result = parse_bytes(text.encode("utf-8"), "export.vcf")
    assert result.format == "vcard" and result.rejected == []
    assert _without_lines(result.people) == records


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=st.lists(people, min_size=1, max_size=4))
def test_csv_round_trip(records):
    text = people_to_csv(records)
    result = parse_bytes(text.encode("utf-8"), "export.csv", "csv")
    assert result.rejected == []
    assert _without_lines(result.people) == records


def test_photo_survives_both_vcard_versions():
    photo = "data:image/jpeg;base64,/9j/4AAQSkZJRg=="
    record = PersonRecord(full_name="Pic", extra={"photo": photo})
    for version in ("3.0", "4.0"):
        text = people_to_vcard([record], version)
        assert "X-NETWEAVE-EXTRA" not in text
        assert parse_bytes(text.encode(), "p.vcf").people[0].extra["photo"] == photo


def test_long_lines_fold_at_75_octets():
    text = people_to_vcard([PersonRecord(full_name="Ünïcödé " * 30)])
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


_FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_SEEDS = st.sampled_from(
    [
        b"",
        b"BEGIN:VCARD\r\n",
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n",
        b"From a@b Mon\n",
        b"name,email\n",
    ]
)


@_FUZZ
@given(seed=_SEEDS, data=st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
@pytest.mark.parametrize("format", [None, *FORMATS])
def test_random_input_only_raises_netweave_errors(format, seed, data):
    with contextlib.suppress(NetweaveError):
        parse_bytes(seed + data, "fuzz.bin", format)


@_FUZZ
@given(seed=_SEEDS, data=st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
@pytest.mark.parametrize("format", FORMATS)
def test_parsers_themselves_never_raise(format, seed, data):
    """Stricter than the contract: the safety net in parse_bytes should never be needed."""
    PARSERS[format](seed + data, "fuzz.bin")
