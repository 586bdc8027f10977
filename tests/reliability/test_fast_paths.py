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

from netweave.importers.vcard import _parse_general, parse_vcard_text, stream_vcard_text
from netweave.importers.vcard_fast import cut_cards
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


@st.composite
def vcard_files(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 4))):
        body = [draw(folded(item)) for item in draw(st.lists(line, max_size=8))]
        card = ["BEGIN:VCARD", *body]
        if draw(st.integers(0, 9)):
            card.append("END:VCARD")
        parts += card
        parts += draw(st.lists(st.sampled_from(["", "", " ", "\t", "x"]), max_size=1))
    return "\n".join(parts).replace("\n", draw(st.sampled_from(["\r\n", "\n", "\r"])))


@SETTINGS
@given(vcard_files(), st.integers(1, 3))
def test_vcard_fast_path_agrees_with_the_general_path(text: str, part_cards: int) -> None:
    event("fast path" if cut_cards(text) is not None else "general path")
    assert parse_vcard_text(text, "f.vcf") == _parse_general(text, "f.vcf")
    # in parts of a card or a few, every boundary between parts is tried
    assert stream_vcard_text(text, "f.vcf", part_cards).collect() == _parse_general(text, "f.vcf")


def test_vcard_fast_path_reads_regular_files_and_leaves_irregular_ones() -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A B\r\nEMAIL;TYPE=work:a@b.example\r\nEND:VCARD\r\n"
    assert cut_cards(card * 3) is not None
    qp = card.replace("FN:A B", "NOTE;ENCODING=QUOTED-PRINTABLE:x=\r\n y\r\nFN:A B")
    assert parse_vcard_text(card + qp, "f.vcf") == _parse_general(card + qp, "f.vcf")
    assert cut_cards("garbage\r\n" + card) is None  # text outside the cards
    nested = card.replace("EMAIL;", "AGENT:\r\nBEGIN:VCARD\r\nFN:C\r\nEND:VCARD\r\nEMAIL;")
    assert cut_cards(nested) is None
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
