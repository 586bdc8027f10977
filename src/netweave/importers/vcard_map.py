"""Map vCard properties to a PersonRecord: names, labels, photos, and everything else to `extra`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from netweave.importers.records import FACET_FIELDS, Labelled, PersonRecord
from netweave.importers.vcard_lines import Head, read_head

# Machine bookkeeping, not something a person typed.
_IGNORED = {
    "BEGIN", "END", "VERSION", "PRODID", "REV", "X-ABLABEL", "CLIENTPIDMAP", "X-ABUID",
    "PROFILE", "NAME", "X-MS-OL-DESIGN", "SOURCE", "MAILER", "X-MOZILLA-HTML", "X-ABADR",
}  # fmt: skip
_NOISE_TYPES = {"internet", "pref", "voice", "x400", "msg", "x-internet", "uri", "text"}
_TYPE_RENAME = {"cell": "mobile", "homepage": "website", "home page": "website"}
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ESCAPES = {"n": "\n", "N": "\n"}
_NAME_EXTRAS = (("middle", "middle name"), ("prefix", "name prefix"), ("suffix", "name suffix"))
# Netweave's own fields travel as X-NETWEAVE-* so that vCard is a lossless exchange format.
LIST_FIELDS = ("tags", "temperament", "knows", *FACET_FIELDS)
TEXT_FIELDS = ("location", "how_met", "where_met", "openness", "tier")
INT_FIELDS = ("networker_level", "cadence_days")


def unescape(value: str) -> str:
    """Undo vCard text escaping (\\n, \\, \\; \\\\) and normalise line ends."""
    if "\\" in value:
        value = _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), value)
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def split_escaped(value: str, sep: str) -> list[str]:
    """Split on unescaped separators and unescape each part."""
    if "\\" not in value:
        return [unescape(part) for part in value.split(sep)] if "\r" in value else value.split(sep)
    parts: list[str] = []
    buf: list[str] = []
    index = 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            buf.append(value[index : index + 2])
            index += 2
            continue
        if char == sep:
            parts.append(unescape("".join(buf)))
            buf = []
        else:
            buf.append(char)
        index += 1
    parts.append(unescape("".join(buf)))
    return parts


def clean_label(label: str) -> str:
    """Turn Apple's `_$!<Mobile>!$_` into `mobile`; keep custom labels as typed."""
    label = label.strip()
    match = _APPLE_LABEL.match(label)
    cleaned = match.group(1).lower() if match else label
    return _TYPE_RENAME.get(cleaned.lower(), cleaned)


@lru_cache(maxsize=4096)
def label_from_types(types: tuple[str, ...]) -> str | None:
    """A label from TYPE values, without the noise (`internet`, `pref`, `voice`)."""
    kept: list[str] = []
    for raw in types:
        name = raw.lower().removeprefix("x-")
        name = _TYPE_RENAME.get(name, name)
        if name and name not in _NOISE_TYPES and not name.startswith("pref") and name not in kept:
            kept.append(name)
    return " ".join(kept) or None


def link_label(head: Head, value: str, ablabel: str | None) -> str:
    """Label a URL or social profile: the custom label, else linkedin / website / other."""
    types = head.types
    # The service dedupes on LinkedIn URLs, so the domain wins over any label.
    if "linkedin" in types or "linkedin.com" in value.lower():
        return "linkedin"
    if ablabel:
        return clean_label(ablabel)
    if head.name == "X-SOCIALPROFILE":
        return "other"
    return next((t for t in types if t in ("sample", "other")), "website")


def _photo(head: Head, value: str) -> str:
    """Keep a photo as a data: URI (or the URL it points to)."""
    data = "".join(value.split())
    encoding = {e.lower() for e in head.params.get("ENCODING", [])}
    if not encoding & {"b", "base64"}:
        return unescape(value.strip())
    media = next((t for t in head.types if t not in ("pref",)), "jpeg").removeprefix("image/")
    return f"data:image/{media};base64,{data}"


def put_extra(person: PersonRecord, key: str, value: str) -> None:
    """Store value under key, numbering repeated keys (`address (home) 2`)."""
    value = value.strip()
    if not value:
        return
    candidate, number = key, 1
    while candidate in person.extra:
        if person.extra[candidate] == value:
            return
        number += 1
        candidate = f"{key} {number}"
    person.extra[candidate] = value


def _keyed(base: str, label: str | None) -> str:
    return f"{base} ({label})" if label else base


class CardBuilder:
    """Accumulate one card's properties, `(head, value)` pairs, into a PersonRecord."""

    def __init__(self, props: Sequence[tuple[Head, str]], line: int) -> None:
        self.props = props
        self.person = PersonRecord(full_name="", line=line)
        self.labels: dict[str, str] | None = None  # X-ABLABEL by group, read when first needed
        self.parts: dict[str, str] = {}
        self.address: list[str] | None = None  # the work address, else the first one
        self.address_types: tuple[str, ...] = ()

    def ablabel(self, head: Head) -> str | None:
        if not head.group:
            return None
        if self.labels is None:
            self.labels = {
                head.group.lower(): unescape(value)
                for head, value in self.props
                if head.group and head.name == "X-ABLABEL" and value.strip()
            }
        return self.labels.get(head.group.lower())

    def label(self, head: Head) -> str | None:
        custom = self.ablabel(head)
        return clean_label(custom) if custom else label_from_types(head.types)

    def build(self) -> PersonRecord | str:
        """Return the person, or the reason the card holds nobody."""
        for head, value in self.props:
            self.read(head, handler_for(head.name), value)
        return self.finish()

    def read(self, head: Head, handler: Handler | str | None, value: str) -> None:
        """Read one property with what `handler_for` gave for its name."""
        if isinstance(handler, str):  # a list of netweave's own: most lines of an export
            getattr(self.person, handler).append(unescape(value).strip())
        elif handler is not None:
            handler(self, head, value)

    def finish(self) -> PersonRecord | str:
        person = self.person
        for key, title in _NAME_EXTRAS:
            if self.parts.get(key) and self.parts[key] not in person.full_name:
                put_extra(person, title, self.parts[key])
        person.full_name = person.full_name or self.fallback_name()
        if not person.full_name:
            return "card has no name, email, phone or organisation"
        if person.location is None and self.address:
            place = (self.address[3], self.address[4], self.address[6])
            person.location = ", ".join(p for p in place if p) or None
        return person

    def fallback_name(self) -> str:
        """The name of a card without FN: from N, else the nickname, the organisation, the
        first email or the first phone; "" if it has none of them."""
        person = self.person
        name = " ".join(self.parts[k] for k in self.name_order() if self.parts.get(k))
        fallbacks = [name, person.extra.get("nickname"), person.organisation]
        fallbacks += [e.value for e in person.emails] + [p.value for p in person.phones]
        return next((f for f in fallbacks if f), "")

    def name_order(self) -> tuple[str, ...]:
        """Family name first for Chinese, Japanese and Korean names, as they are written."""
        if _CJK.search(self.parts.get("family", "") + self.parts.get("given", "")):
            return ("family", "given", "middle")
        return ("prefix", "given", "middle", "family", "suffix")

    def fn(self, head: Head, value: str) -> None:
        self.person.full_name = self.person.full_name or unescape(value).strip()

    def n(self, head: Head, value: str) -> None:
        parts = [p.strip() for p in split_escaped(value, ";")] + [""] * 5
        keys = ("family", "given", "middle", "prefix", "suffix")
        self.parts = {k: v for k, v in zip(keys, parts, strict=False) if v}
        self.person.family_name = self.parts.get("family")
        self.person.given_name = self.parts.get("given")

    def email(self, head: Head, value: str) -> None:
        text = unescape(value).strip().removeprefix("mailto:")
        if text:
            self.person.emails.append(Labelled(text, self.label(head)))

    def tel(self, head: Head, value: str) -> None:
        text = unescape(value).strip().removeprefix("tel:")
        if text:
            self.person.phones.append(Labelled(text, self.label(head)))

    def url(self, head: Head, value: str) -> None:
        text = unescape(value).strip()
        if head.name == "X-SOCIALPROFILE" and not text.lower().startswith(("http:", "https:")):
            put_extra(self.person, _keyed("social profile", label_from_types(head.types)), text)
        elif text:
            self.person.links.append(Labelled(text, link_label(head, value, self.ablabel(head))))

    def org(self, head: Head, value: str) -> None:
        parts = [p.strip() for p in split_escaped(value, ";") if p.strip()]
        if parts and not self.person.organisation:
            self.person.organisation = parts[0]
            parts = parts[1:]
        if parts:
            put_extra(self.person, "department", ", ".join(parts))

    def title(self, head: Head, value: str) -> None:
        text = unescape(value).strip()
        if self.person.title is None and text:
            self.person.title = text
        else:
            put_extra(self.person, "title", text)

    def note(self, head: Head, value: str) -> None:
        text = unescape(value).strip()
        if text:
            self.person.notes = f"{self.person.notes}\n\n{text}" if self.person.notes else text

    def categories(self, head: Head, value: str) -> None:
        for tag in split_escaped(value, ","):
            if tag.strip() and tag.strip() not in self.person.tags:
                self.person.tags.append(tag.strip())

    def adr(self, head: Head, value: str) -> None:
        parts = [p.strip() for p in split_escaped(value, ";")] + [""] * 7
        if self.address is None or ("work" in head.types and "work" not in self.address_types):
            self.address, self.address_types = parts, head.types
        put_extra(
            self.person, _keyed("address", self.label(head)), ", ".join(p for p in parts if p)
        )

    def impp(self, head: Head, value: str) -> None:
        text = unescape(value).strip()
        service = head.params.get("X-SERVICE-TYPE", [""])[0] or text.partition(":")[0]
        label = ", ".join(filter(None, (service.lower(), self.label(head))))
        put_extra(self.person, _keyed("impp", label), text)

    def sound(self, head: Head, value: str) -> None:
        if "x-irmc-n" in head.types:
            reading = " ".join(p.strip() for p in split_escaped(value, ";") if p.strip())
            put_extra(self.person, "name reading", reading)
        else:
            put_extra(self.person, _keyed("sound", self.label(head)), unescape(value))

    def photo(self, head: Head, value: str) -> None:
        put_extra(self.person, head.name.lower(), _photo(head, value))

    def simple(self, head: Head, value: str, key: str) -> None:
        put_extra(self.person, _keyed(key, self.label(head)), unescape(value))

    def other(self, head: Head, value: str) -> None:
        put_extra(self.person, _keyed(head.name.lower(), self.label(head)), unescape(value))

    def netweave(self, head: Head, value: str, field: str) -> None:
        """An `X-NETWEAVE-<FIELD>` property that is neither a list nor text (`handler_for`
        reads those); `field` is its attribute name."""
        text = unescape(value).strip()
        person = self.person
        if field in INT_FIELDS and text.lstrip("-").isdecimal():
            setattr(person, field, int(text))
        elif field == "met_on" and (date := _iso_date(text)):
            person.met_on = date
        elif field == "extra":
            key, *rest = split_escaped(value, ";")
            if key:
                put_extra(person, key, ";".join(rest))
        else:
            put_extra(person, head.name.lower(), text)


def _iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


Handler = Callable[[CardBuilder, Head, str], None]
_SIMPLE = {
    "BDAY": "birthday", "ANNIVERSARY": "anniversary", "NICKNAME": "nickname", "ROLE": "role",
    "RELATED": "related", "X-ABRELATEDNAMES": "related", "X-ABDATE": "date",
    "LABEL": "address label", "GENDER": "gender", "UID": "uid",
}  # fmt: skip
_HANDLERS: dict[str, Handler] = {
    "FN": CardBuilder.fn, "N": CardBuilder.n, "EMAIL": CardBuilder.email, "TEL": CardBuilder.tel,
    "URL": CardBuilder.url, "X-SOCIALPROFILE": CardBuilder.url, "ORG": CardBuilder.org,
    "TITLE": CardBuilder.title, "NOTE": CardBuilder.note, "CATEGORIES": CardBuilder.categories,
    "ADR": CardBuilder.adr, "PHOTO": CardBuilder.photo, "LOGO": CardBuilder.photo,
    "IMPP": CardBuilder.impp, "SOUND": CardBuilder.sound,
}  # fmt: skip


def _simple(key: str) -> Handler:
    return lambda builder, head, value: builder.simple(head, value, key)


_HANDLERS.update({name: _simple(key) for name, key in _SIMPLE.items()})
_LIST_FIELDS, _TEXT_FIELDS = frozenset(LIST_FIELDS), frozenset(TEXT_FIELDS)


@lru_cache(maxsize=4096)
def handler_for(name: str) -> Handler | str | None:
    """What reads a property called `name`: netweave's own, a known one, `extra`, or nothing.

    For netweave's own lists, the name of the PersonRecord list the value goes to."""
    if name.startswith("X-NETWEAVE-"):
        field = name.removeprefix("X-NETWEAVE-").lower().replace("-", "_")
        if field in _LIST_FIELDS:
            return field
        if field in _TEXT_FIELDS:  # the most common of the rest: read without a detour
            return lambda builder, _head, value: setattr(
                builder.person, field, unescape(value).strip()
            )
        return lambda builder, head, value: builder.netweave(head, value, field)
    if name in _HANDLERS:
        return _HANDLERS[name]
    return None if name in _IGNORED else CardBuilder.other


def props_to_person(props: Sequence[tuple[Head, str]], line: int) -> PersonRecord | str:
    """Build the person a card describes, or say why it describes nobody."""
    return CardBuilder(props, line).build()


# A content line's head as the fast path reads it, parsed once per file: the Head and what
# reads it (`handler_for`); None for a head only the general path reads (`read_head`).
Entry = tuple[Head, Handler | str | None] | None


class Entries(dict[str, Entry]):
    """The heads of a file read so far: `entries[head]` parses a head the first time."""

    def __missing__(self, head: str) -> Entry:
        parsed = read_head(head)
        entry = self[head] = None if parsed is None else (parsed, handler_for(parsed.name))
        return entry


def lines_to_person(lines: list[str], entries: Entries, line: int) -> PersonRecord | str | None:
    """Build the person from a regular card's unfolded content lines in one pass, as
    `props_to_person` would; None if a line needs that two-pass way: a grouped property
    (Apple's labels are read across the card, `CardBuilder.ablabel`), or a head the fast
    path cannot read alone. Most lines are netweave's own lists: `read`, inlined."""
    builder = CardBuilder((), line)
    person = builder.person
    for text in lines:
        name, colon, value = text.partition(":")
        entry = entries[name]
        if entry is None or not colon or entry[0].group is not None:
            return None
        head, handler = entry
        if isinstance(handler, str):
            getattr(person, handler).append(unescape(value).strip())
        elif handler is not None:
            handler(builder, head, value)
    return builder.finish()
