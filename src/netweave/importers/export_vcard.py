"""Write PersonRecords as a vCard 4.0 or 3.0 file that netweave (and other clients) read back.

Standard properties carry what every client understands; netweave's own fields (facets, how
met, knows…) travel as X-NETWEAVE-* properties and `extra` as X-NETWEAVE-EXTRA:key;value,
so that a round trip through netweave loses nothing. Lines end in CRLF and fold at 75 octets.
"""

from __future__ import annotations

import re

from netweave.importers.records import Labelled, PersonRecord
from netweave.importers.vcard_lines import Head
from netweave.importers.vcard_map import (
    INT_FIELDS,
    LIST_FIELDS,
    TEXT_FIELDS,
    clean_label,
    label_from_types,
    link_label,
)

_TOKEN = re.compile(r"^[A-Za-z0-9-]+$")
_DATA_URI = re.compile(r"^data:image/([a-z0-9.+-]+);base64,([A-Za-z0-9+/=]+)$")
_SAFE_URI = re.compile(r"^[^\s\\]+$")
_TYPE_TOKENS = {"mobile": "cell"}


def escape(value: str) -> str:
    """vCard text escaping."""
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    if len(line.encode("utf-8")) <= 75:
        return line
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            parts.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n".join(parts)


def people_to_vcard(records: list[PersonRecord], version: str = "4.0") -> str:
    """All records as one vCard file (version "4.0" or "3.0")."""
    if version not in ("4.0", "3.0"):
        raise ValueError(f"unsupported vCard version {version!r}")
    return "".join(card(record, version) for record in records)


def card(person: PersonRecord, version: str) -> str:
    """One record as BEGIN:VCARD … END:VCARD."""
    lines = ["BEGIN:VCARD", f"VERSION:{version}", f"FN:{escape(person.full_name)}"]
    lines.append(f"N:{escape(person.family_name or '')};{escape(person.given_name or '')};;;")
    groups = _Groups()
    lines += [groups.labelled("EMAIL", e) for e in person.emails]
    lines += [groups.labelled("TEL", p) for p in person.phones]
    lines += [groups.link(link) for link in person.links]
    if person.organisation:
        lines.append(f"ORG:{escape(person.organisation)}")
    if person.title:
        lines.append(f"TITLE:{escape(person.title)}")
    if person.notes:
        lines.append(f"NOTE:{escape(person.notes)}")
    if person.tags:
        lines.append("CATEGORIES:" + ",".join(escape(tag) for tag in person.tags))
    lines += _netweave(person)
    lines += _extra(person, version)
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


class _Groups:
    """Hands out item1, item2… for values whose label needs an X-ABLabel."""

    def __init__(self) -> None:
        self.count = 0

    def grouped(self, line: str, label: str) -> str:
        self.count += 1
        return f"item{self.count}.{line}\r\nitem{self.count}.X-ABLabel:{escape(label)}"

    def labelled(self, name: str, item: Labelled) -> str:
        value = escape(item.value)
        if item.label is None:
            return f"{name}:{value}"
        token = _TYPE_TOKENS.get(item.label, item.label)
        if _TOKEN.match(token) and label_from_types((token,)) == item.label:
            return f"{name};TYPE={token}:{value}"
        return self.grouped(f"{name}:{value}", item.label)

    def link(self, item: Labelled) -> str:
        value = item.value.replace("\\", "\\\\").replace("\n", "\\n")
        label = item.label or "website"
        if label == "linkedin" and value.lower().startswith(("http:", "https:")):
            return f"X-SOCIALPROFILE;TYPE=linkedin:{value}"
        for params in ({}, {"TYPE": [label]}):
            if params and not _TOKEN.match(label):
                continue
            if link_label(Head("URL", params), value, None) == label:
                typed = f";TYPE={label}" if params else ""
                return f"URL{typed}:{value}"
        return self.grouped(f"URL:{value}", label)


def _netweave(person: PersonRecord) -> list[str]:
    lines = []
    for field in LIST_FIELDS:
        if field == "tags":
            continue
        tag = "X-NETWEAVE-" + field.upper().replace("_", "-")
        lines += [f"{tag}:{escape(item)}" for item in getattr(person, field)]
    for field in (*TEXT_FIELDS, *INT_FIELDS, "met_on"):
        value = getattr(person, field)
        if value is not None:
            text = value.isoformat() if field == "met_on" else str(value)
            lines.append(f"X-NETWEAVE-{field.upper().replace('_', '-')}:{escape(text)}")
    return lines


def _extra(person: PersonRecord, version: str) -> list[str]:
    lines = []
    for key, value in person.extra.items():
        if key == "photo" and (native := _photo(value, version)):
            lines.append(native)
        elif key in ("birthday", "nickname"):
            lines.append(f"{'BDAY' if key == 'birthday' else 'NICKNAME'}:{escape(value)}")
        else:
            lines.append(f"X-NETWEAVE-EXTRA:{escape(key)};{escape(value)}")
    return lines


def _photo(value: str, version: str) -> str | None:
    """PHOTO in the version's own form, or None when value is not a clean URI."""
    data = _DATA_URI.match(value)
    if data and version == "3.0":
        return f"PHOTO;ENCODING=b;TYPE={data.group(1).upper()}:{data.group(2)}"
    if _SAFE_URI.match(value) and ":" in value and clean_label(value) == value:
        return f"PHOTO:{value}" if version == "4.0" or data else f"PHOTO;VALUE=uri:{value}"
    return None
