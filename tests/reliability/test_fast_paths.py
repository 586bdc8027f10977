"""Fast paths give exactly what the general code gives (issue #4's import speed).

The vCard fast path (`importers/vcard_fast.py`) must parse any file it accepts to the same
people and rejections, with the same line numbers, as the general path of `vcard_lines`;
files it cannot read alone go to the general path, a card, the rest of the file from a card
on, or the whole file; a file read in parts gives what it gives read at once. Hypothesis
builds files mixing regular cards with everything irregular the general path handles.
`linkedin_key`'s regex shortcut must agree with reading the URL with `urlsplit`.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from netweave.importers.vcard import (
    _parse_general,
    parse_vcard,
    parse_vcard_text,
    stream_vcard_text,
)
from netweave.importers.vcard_fast import cut_cards
from netweave.importers.vcard_lines import decode_vcard
from netweave.services.matching import linkedin_key

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

text = st.text(alphabet="abcé ,;:\\=\"^'", max_size=12)
regular = st.sampled_from(
    [
        "VERSION:4.0",
        "FN:Zoë Ångström",
        "N:Ångström;Zoë;;;",
        "EMAIL;TYPE=work:zoe@example.com",
        "EMAIL;TYPE=INTERNET;TYPE=pref:zoe@example.org",
        'TEL;TYPE="work,voice":+46 8 555 010 99',
        "item1.EMAIL:board@example.org",
        "item1.X-ABLabel:_$!<Other>!$_",
        "X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/zoe",
        "URL:https://nordlys.se",
        "ORG:Nordlys;Strategy",
        "CATEGORIES:a,b",
        "ADR;TYPE=work:;;Main St 1;Stockholm;;111 22;Sweden",
        "X-NETWEAVE-NEEDS:intros to Nordic VCs",
        "X-NETWEAVE-LOCATION:Cork\\, Ireland",
        "X-NETWEAVE-NETWORKER-LEVEL:2",
        "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ",
        "NOTE:two\\nlines",
    ]
)
irregular = st.sampled_from(
    [
        "",  # a blank line inside a card
        " ",
        "\t",
        "no colon here",
        "NOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=A9=",  # a soft break: the next line joins
        "NOTE;ENCODING=QUOTED-PRINTABLE:=",
        "PHOTO;ENCODING=BASE64:AAAA",
        "QUJD==",  # an unindented base64 continuation line
        "AGENT:",
        "BEGIN:VCARD",
        "begin:vcard",
        "END:VCARD ",
        "end:vcard",
        "E N D:VCARD",
        'X-ODD;X="a:b":c',
        "a.b.c:d",
        ":value",
        "\ufeffFN:bom",
        "garbage outside",
    ]
)
line = st.one_of(
    *[regular] * 8, irregular, st.builds("X-{}:{}".format, st.sampled_from("ABC"), text)
)


@st.composite
def folded(draw: st.DrawFn, line: str) -> str:
    """Fold a line at a random place, as RFC 6350 allows (CRLF then a space or a tab)."""
    if len(line) < 4 or not draw(st.booleans()):
        return line
    at = draw(st.integers(1, len(line) - 1))
    return line[:at] + "\n" + draw(st.sampled_from([" ", "\t"])) + line[at:]


LINE_ENDS = st.sampled_from(["\r\n", "\n", "\r", "mixed"])


@st.composite
def vcard_files(draw: st.DrawFn, line_ends: st.SearchStrategy[str] = LINE_ENDS) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 4))):
        body = [draw(folded(item)) for item in draw(st.lists(line, max_size=8))]
        card = ["BEGIN:VCARD", *body]
        if draw(st.integers(0, 9)):
            card.append("END:VCARD")
        parts += card
        parts += draw(st.lists(st.sampled_from(["", "", " ", "\t", "x"]), max_size=1))
    ends = draw(line_ends)
    if ends != "mixed":
        return "\n".join(parts).replace("\n", ends)
    # most lines CRLF, a few LF or CR: what a file edited by hand on two systems holds
    mixed = st.sampled_from(["\r\n"] * 6 + ["\n", "\r"])
    return "".join(part + draw(mixed) for part in parts)


@SETTINGS
@given(vcard_files(), st.integers(1, 3))
def test_vcard_fast_path_agrees_with_the_general_path(text: str, part_cards: int) -> None:
    event("fast path" if cut_cards(text.encode()) is not None else "general path")
    assert parse_vcard_text(text, "f.vcf") == _parse_general(text, "f.vcf")
    # in parts of a card or a few, every boundary between parts is tried
    assert stream_vcard_text(text, "f.vcf", part_cards).collect() == _parse_general(text, "f.vcf")


@SETTINGS
@given(vcard_files(st.just("mixed")))
def test_vcard_files_mixing_line_ends_read_as_the_general_path_reads_them(text: str) -> None:
    """A file is cut with its CRLF line ends only if every line ends so: an LF or a CR
    among them would join or split lines the general path splits or joins."""
    assert parse_vcard_text(text, "f.vcf") == _parse_general(text, "f.vcf")


@SETTINGS
@given(vcard_files(), st.sampled_from(["utf-8", "cp1252", "utf-8 then cp1252", "utf-16"]))
def test_vcard_bytes_read_as_their_decoded_text(text: str, encoding: str) -> None:
    """A file is cut as bytes when it is UTF-8, and decoded whole first when it is not (a
    card in another charset, a byte-order mark): either way it reads as its decoded text."""
    if encoding == "utf-8 then cp1252":
        half = len(text) // 2
        data = text[:half].encode() + text[half:].encode("cp1252", "replace")
    else:
        data = text.encode(encoding, "replace")
    assert parse_vcard(data, "f.vcf") == _parse_general(decode_vcard(data), "f.vcf")


def test_vcard_fast_path_reads_regular_files_and_leaves_irregular_ones() -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A B\r\nEMAIL;TYPE=work:a@b.example\r\nEND:VCARD\r\n"
    cut = cut_cards(card.encode() * 3)
    assert cut is not None and cut.eol == "\r\n"  # read with its CRLF, not copied to LF
    assert [c.line for c in cut.cards] == [1, 6, 11]
    mixed = cut_cards((card * 2 + card.replace("\r\n", "\n")).encode())
    assert mixed is not None and mixed.eol == "\n" and len(mixed.cards) == 3
    one_lf = card.replace("FN:A B\r\n", "FN:A B\n") * 2  # within a card: made LF first
    assert cut_cards(one_lf.encode()).eol == "\n"  # type: ignore[union-attr]
    assert parse_vcard_text(one_lf, "f.vcf").people[0].emails[0].value == "a@b.example"
    qp = card.replace("FN:A B", "NOTE;ENCODING=QUOTED-PRINTABLE:x=\r\n y\r\nFN:A B")
    assert parse_vcard_text(card + qp, "f.vcf") == _parse_general(card + qp, "f.vcf")
    assert cut_cards(("garbage\r\n" + card).encode()) is None  # text outside the cards
    nested = card.replace("EMAIL;", "AGENT:\r\nBEGIN:VCARD\r\nFN:C\r\nEND:VCARD\r\nEMAIL;")
    assert cut_cards(nested.encode()) is None
    assert [p.full_name for p in parse_vcard_text(nested, "f.vcf").people] == ["A B"]
    # A 2.1 photo whose base64 goes on in an unindented line that a fold then joins: the
    # general path reads "V" + "ERSION:4.0" as more base64, not as a VERSION line.
    photo = card.replace("FN:A B", "FN:A B\r\nPHOTO;ENCODING=b:/9j/4AAQ\r\nV\r\n ERSION:4.0")
    fast = parse_vcard_text(photo, "f.vcf")
    assert fast == _parse_general(photo, "f.vcf")
    assert fast.people[0].extra["photo"].endswith("4AAQVERSION:4.0")


def test_a_large_vcard_file_is_read_in_parts_with_the_rest_general_after_an_odd_card() -> None:
    cards = [f"BEGIN:VCARD\nVERSION:3.0\nFN:P{i}\nEND:VCARD\n" for i in range(5)]
    stream = stream_vcard_text("".join(cards), "f.vcf", 2)
    assert stream.expected == 5
    assert [[p.full_name for p in part.people] for part in stream.parts] == [
        ["P0", "P1"],
        ["P2", "P3"],
        ["P4"],
    ]
    # A soft break swallows card 3's END:VCARD: read alone it is no card, so from it on the
    # rest is read as the general path reads the whole file (card 3 runs into card 4).
    cards[3] = cards[3].replace("FN:P3\n", "FN:P3\nNOTE;ENCODING=QUOTED-PRINTABLE:x=\n")
    text = "".join(cards)
    parts = list(stream_vcard_text(text, "f.vcf", 2).parts)
    assert [p.full_name for p in parts[0].people] == ["P0", "P1"]
    assert [p.full_name for p in parts[1].people] == ["P2"]
    assert parts[2] == _parse_general(
        text[text.index("BEGIN:VCARD\nVERSION:3.0\nFN:P3") :], "f.vcf", 13
    )
    assert [(r.line, r.reason) for r in parts[2].rejected] == [
        (13, "card has no END:VCARD before the next BEGIN:VCARD")
    ]
    assert parse_vcard_text(text, "f.vcf") == _parse_general(text, "f.vcf")


def _linkedin_key_by_urlsplit(url: str) -> str | None:
    """`linkedin_key` as it was before its shortcut: every URL read with urlsplit."""
    raw = unquote(url.strip())
    parts = urlsplit(raw if "://" in raw else f"https://{raw}")
    host = parts.netloc.lower().removeprefix("www.")
    if not host.endswith("linkedin.com"):
        return None
    path = parts.path.rstrip("/").lower()
    return f"linkedin.com{path}" if path else None


url_part = st.sampled_from(
    [
        "https://", "http://", "HTTPS://", "ftp://", "", "www.", "linkedin.com", "LinkedIn.COM",
        "x.", "/in/", "/", "?q=1", "#f", "%2F", "%C3%A9", "\t", "\n", " ", "@", ":8080", "ü",
        "\u212a", "linked", "in.com", "http:", "//", "\\", "[::1]",
    ]
)  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(st.lists(url_part, max_size=8).map("".join))
def test_linkedin_key_shortcut_agrees_with_urlsplit(url: str) -> None:
    assert linkedin_key(url) == _linkedin_key_by_urlsplit(url)
