"""Format detection from content, --format forcing, and the single clear error."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from netweave.errors import NetweaveError
from netweave.importers.detect import (
    FORMATS,
    UnreadableFile,
    UnrecognisedFormat,
    parse_bytes,
    parse_file,
)
from netweave.importers.text import guess_decode

EXPECTED = {
    "apple_iphone_3.0.vcf": "vcard",
    "utf16_3.0.vcf": "vcard",
    "japanese_sjis_2.1.vcf": "vcard",
    "linkedin_connections.csv": "linkedin",
    "linkedin_connections_old.csv": "linkedin",
    "google_contacts_legacy.csv": "google",
    "google_contacts_current.csv": "google",
    "outlook_contacts_cp1252.csv": "outlook",
    "outlook_com_bom.csv": "outlook",
    "thunderbird_addressbook.csv": "thunderbird",
    "generic.csv": "csv",
    "generic_semicolon_aliases.csv": "csv",
    "google_calendar.ics": "ics",
    "outlook_calendar.ics": "ics",
    "thunderbird_local_folder.mbox": "mbox",
    "outlook_message.eml": "eml",
}


@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED.items()))
def test_detects_from_content_not_extension(name, expected, tmp_path):
    renamed = tmp_path / "export.dat"
    renamed.write_bytes((FIXTURES / name).read_bytes())
    assert parse_file(renamed).format == expected


def test_not_contacts_names_the_formats_tried(parse):
    with pytest.raises(UnrecognisedFormat) as error:
        parse("not_contacts.txt")
    message = str(error.value)
    assert "not_contacts.txt" in message
    assert all(name in message for name in FORMATS)


def test_empty_and_missing_files(tmp_path):
    with pytest.raises(UnrecognisedFormat, match="empty"):
        parse_bytes(b"  \n", "empty.csv")
    with pytest.raises(UnreadableFile):
        parse_file(tmp_path / "missing.vcf")
    assert issubclass(UnreadableFile, NetweaveError)


def test_format_forcing(parse):
    # A Connections.csv forced through the generic parser still yields people.
    result = parse("linkedin_connections_old.csv", "csv")
    assert result.format == "csv"
    with pytest.raises(UnrecognisedFormat, match="unknown format"):
        parse("generic.csv", "excel")


def test_garbage_forced_into_a_parser_gives_rejections_not_crashes():
    result = parse_bytes(b"\x00\xff garbage \xfe", "x.vcf", "vcard")
    assert result.people == []
    result = parse_bytes(b"no calendar here", "x.ics", "ics")
    assert result.interactions == [] and result.rejected


@pytest.mark.parametrize(
    "text",
    ["Renée Dupont, Zoë Müller", "Agnès Varda", "Åsa Öberg", "It’s “great” — really"],
)
def test_western_windows_1252_is_not_mistaken_for_shift_jis(text):
    assert guess_decode(text.encode("cp1252")) == text


@pytest.mark.parametrize("text", ["山田太郎", "鈴木 一郎 税理士", "ヤマダ", "すずき"])
def test_shift_jis_is_recognised(text):
    assert guess_decode(text.encode("cp932")) == text


def test_utf16_without_bom():
    text = "BEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n"
    assert guess_decode(text.encode("utf-16-le")) == text
