"""Turn the bytes of an exported file into text, guessing the encoding the client used."""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Browsers treat these labels as windows-1252, and so do the clients that claim them.
_WESTERN = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii", "windows-1252"}

_JAPANESE = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff01-\uff5e]")
_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")
_HALFWIDTH_OR_PRIVATE = re.compile(r"[\uff61-\uff9f\ue000-\uf8ff]")


def strip_bom(data: bytes) -> tuple[bytes, str | None]:
    """Return the data without its byte-order mark, and the encoding the mark names."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :], encoding
    return data, None


def _utf16_without_bom(data: bytes) -> str | None:
    """Name UTF-16 when NUL bytes fill every other position, as in BOM-less UTF-16 files."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def normalise_charset(name: str) -> str | None:
    """Map a declared charset label to a Python codec name, or None if unknown."""
    label = name.strip().strip('"').lower()
    if label in _WESTERN:
        return "cp1252"
    if label in {"shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis"}:
        return "cp932"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_western(data: bytes) -> str:
    """Decode as windows-1252, falling back to ISO-8859-1 for its five unassigned bytes."""
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _looks_japanese(data: bytes) -> str | None:
    """Return the Shift_JIS reading of data if it reads as Japanese rather than Western text."""
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        return None
    if not _JAPANESE.search(text) or _HALFWIDTH_OR_PRIVATE.search(text):
        return None
    if _KANA.search(text):
        # Kana need lead bytes 0x82/0x83, which are "‚" and "ƒ" in windows-1252: rare in prose.
        return text
    high = [c for c in decode_western(data) if ord(c) > 127]
    # Accented Western text decodes to letters; Shift_JIS bytes read as cp1252 give symbols.
    symbols = sum(1 for c in high if not c.isalpha())
    return text if high and symbols / len(high) > 0.25 else None


def guess_decode(data: bytes, declared: str | None = None) -> str:
    """Decode bytes using a BOM, a declared charset, UTF-8, Shift_JIS or windows-1252."""
    data, bom = strip_bom(data)
    encoding = bom or _utf16_without_bom(data)
    if encoding:
        return data.decode(encoding, errors="replace").lstrip("\ufeff")
    if declared and (codec := normalise_charset(declared)):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _looks_japanese(data) or decode_western(data)


def split_lines(text: str) -> list[str]:
    """Split on CRLF, LF or CR only (str.splitlines also splits on form feeds and U+2028)."""
    return re.split(r"\r\n|\r|\n", text)
