"""Fast paths give exactly what the general code gives (issue #4's import speed).

The vCard fast path (`importers/vcard_fast.py`) must parse any file it accepts to the same
people and rejections, with the same line numbers, as the general path of `vcard_lines`;
files it cannot read alone go to the general path, a card or the whole file. Hypothesis
builds files mixing regular cards with everything irregular the general path handles.
`linkedin_key`'s regex shortcut must agree with reading the URL with `urlsplit`.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from netweave.importers.vcard import _parse_fast, _parse_general, parse_vcard_text
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
@given(vcard_files())
def test_vcard_fast_path_agrees_with_the_general_path(text: str) -> None:
    fast = _parse_fast(text, "f.vcf")
    event("fast path" if fast is not None else "general path")
    if fast is not None:
        assert fast == _parse_general(text, "f.vcf")


def test_vcard_fast_path_reads_regular_files_and_leaves_irregular_ones() -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A B\r\nEMAIL;TYPE=work:a@b.example\r\nEND:VCARD\r\n"
    assert _parse_fast(card * 3, "f.vcf") is not None
    qp = card.replace("FN:A B", "NOTE;ENCODING=QUOTED-PRINTABLE:x=\r\n y\r\nFN:A B")
    assert _parse_fast(card + qp, "f.vcf") == _parse_general(card + qp, "f.vcf")  # card alone
    assert _parse_fast("garbage\r\n" + card, "f.vcf") is None  # text outside the cards
    nested = card.replace("EMAIL;", "AGENT:\r\nBEGIN:VCARD\r\nFN:C\r\nEND:VCARD\r\nEMAIL;")
    assert _parse_fast(nested, "f.vcf") is None
    assert [p.full_name for p in parse_vcard_text(nested, "f.vcf").people] == ["A B"]
    # A 2.1 photo whose base64 goes on in an unindented line that a fold then joins: the
    # general path reads "V" + "ERSION:4.0" as more base64, not as a VERSION line.
    photo = card.replace("FN:A B", "FN:A B\r\nPHOTO;ENCODING=b:/9j/4AAQ\r\nV\r\n ERSION:4.0")
    fast = _parse_fast(photo, "f.vcf")
    assert fast == _parse_general(photo, "f.vcf")
    assert fast is not None and fast.people[0].extra["photo"].endswith("4AAQVERSION:4.0")


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
