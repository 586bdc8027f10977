"""Map vCard properties to a PersonRecord: names, labels, photos, and everything else to `extra`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from netweave.importers.records import FACET_FIELDS, Labelled, PersonRecord
from netweave.importers.vcard_lines import Prop

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
    return value.replace("\r\n", "\n").replace("\r", "\n")


def split_escaped(value: str, sep: str) -> list[str]:
    """Split on unescaped separators and unescape each part."""
    if "\\" not in value:
        return [unescape(part) for part in value.split(sep)]
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


def label_from_types(types: list[str]) -> str | None:
    """A label from TYPE values, without the noise (`internet`, `pref`, `voice`)."""
    kept: list[str] = []
    for raw in types:
        name = raw.lower().removeprefix("x-")
        name = _TYPE_RENAME.get(name, name)
        if name and name not in _NOISE_TYPES and not name.startswith("pref") and name not in kept:
            kept.append(name)
    return " ".join(kept) or None


def link_label(prop: Prop, ablabel: str | None) -> str:
    """Label a URL or social profile: the custom label, else linkedin / website / other."""
    types = prop.types()
    # The service dedupes on LinkedIn URLs, so the domain wins over any label.
    if "linkedin" in types or "linkedin.com" in prop.value.lower():
        return "linkedin"
    if ablabel:
        return clean_label(ablabel)
    if prop.name == "X-SOCIALPROFILE":
        return "other"
    return next((t for t in types if t in ("sample", "other")), "website")


def _photo(prop: Prop) -> str:
    """Keep a photo as a data: URI (or the URL it points to)."""
    value = "".join(prop.value.split())
    encoding = {e.lower() for e in prop.params.get("ENCODING", [])}
    if not encoding & {"b", "base64"}:
        return unescape(prop.value.strip())
    media = next((t for t in prop.types() if t not in ("pref",)), "jpeg").removeprefix("image/")
    return f"data:image/{media};base64,{value}"


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
    """Accumulate one card's properties into a PersonRecord."""

    def __init__(self, props: list[Prop], line: int) -> None:
        self.props = props
        self.person = PersonRecord(full_name="", line=line)
        self.labels = {
            p.group.lower(): unescape(p.value)
            for p in props
            if p.group and p.name == "X-ABLABEL" and p.value.strip()
        }
        self.parts: dict[str, str] = {}
        self.address: list[str] | None = None  # the work address, else the first one
        self.address_types: list[str] = []

    def ablabel(self, prop: Prop) -> str | None:
        return self.labels.get(prop.group.lower()) if prop.group else None

    def label(self, prop: Prop) -> str | None:
        custom = self.ablabel(prop)
        return clean_label(custom) if custom else label_from_types(prop.types())

    def build(self) -> PersonRecord | str:
        """Return the person, or the reason the card holds nobody."""
        for prop in self.props:
            handler = _HANDLERS.get(prop.name)
            if prop.name.startswith("X-NETWEAVE-"):
                self.netweave(prop)
            elif handler is not None:
                handler(self, prop)
            elif prop.name not in _IGNORED:
                put_extra(
                    self.person, _keyed(prop.name.lower(), self.label(prop)), unescape(prop.value)
                )
        return self.finish()

    def finish(self) -> PersonRecord | str:
        person = self.person
        name = " ".join(self.parts[k] for k in self.name_order() if self.parts.get(k))
        for key, title in _NAME_EXTRAS:
            if self.parts.get(key) and self.parts[key] not in person.full_name:
                put_extra(person, title, self.parts[key])
        fallbacks = [person.full_name, name, person.extra.get("nickname"), person.organisation]
        fallbacks += [e.value for e in person.emails] + [p.value for p in person.phones]
        person.full_name = next((f for f in fallbacks if f), "")
        if not person.full_name:
            return "card has no name, email, phone or organisation"
        if person.location is None and self.address:
            place = (self.address[3], self.address[4], self.address[6])
            person.location = ", ".join(p for p in place if p) or None
        return person

    def name_order(self) -> tuple[str, ...]:
        """Family name first for Chinese, Japanese and Korean names, as they are written."""
        if _CJK.search(self.parts.get("family", "") + self.parts.get("given", "")):
            return ("family", "given", "middle")
        return ("prefix", "given", "middle", "family", "suffix")

    def fn(self, prop: Prop) -> None:
        self.person.full_name = self.person.full_name or unescape(prop.value).strip()

    def n(self, prop: Prop) -> None:
        parts = [p.strip() for p in split_escaped(prop.value, ";")] + [""] * 5
        keys = ("family", "given", "middle", "prefix", "suffix")
        self.parts = {k: v for k, v in zip(keys, parts, strict=False) if v}
        self.person.family_name = self.parts.get("family")
        self.person.given_name = self.parts.get("given")

    def email(self, prop: Prop) -> None:
        value = unescape(prop.value).strip().removeprefix("mailto:")
        if value:
            self.person.emails.append(Labelled(value, self.label(prop)))

    def tel(self, prop: Prop) -> None:
        value = unescape(prop.value).strip().removeprefix("tel:")
        if value:
            self.person.phones.append(Labelled(value, self.label(prop)))

    def url(self, prop: Prop) -> None:
        value = unescape(prop.value).strip()
        if prop.name == "X-SOCIALPROFILE" and not value.lower().startswith(("http:", "https:")):
            put_extra(self.person, _keyed("social profile", label_from_types(prop.types())), value)
        elif value:
            self.person.links.append(Labelled(value, link_label(prop, self.ablabel(prop))))

    def org(self, prop: Prop) -> None:
        parts = [p.strip() for p in split_escaped(prop.value, ";") if p.strip()]
        if parts and not self.person.organisation:
            self.person.organisation = parts[0]
            parts = parts[1:]
        if parts:
            put_extra(self.person, "department", ", ".join(parts))

    def title(self, prop: Prop) -> None:
        value = unescape(prop.value).strip()
        if self.person.title is None and value:
            self.person.title = value
        else:
            put_extra(self.person, "title", value)

    def note(self, prop: Prop) -> None:
        value = unescape(prop.value).strip()
        if value:
            self.person.notes = f"{self.person.notes}\n\n{value}" if self.person.notes else value

    def categories(self, prop: Prop) -> None:
        for tag in split_escaped(prop.value, ","):
            if tag.strip() and tag.strip() not in self.person.tags:
                self.person.tags.append(tag.strip())

    def adr(self, prop: Prop) -> None:
        parts = [p.strip() for p in split_escaped(prop.value, ";")] + [""] * 7
        if self.address is None or ("work" in prop.types() and "work" not in self.address_types):
            self.address, self.address_types = parts, prop.types()
        put_extra(
            self.person, _keyed("address", self.label(prop)), ", ".join(p for p in parts if p)
        )

    def impp(self, prop: Prop) -> None:
        value = unescape(prop.value).strip()
        service = prop.params.get("X-SERVICE-TYPE", [""])[0] or value.partition(":")[0]
        label = ", ".join(filter(None, (service.lower(), self.label(prop))))
        put_extra(self.person, _keyed("impp", label), value)

    def sound(self, prop: Prop) -> None:
        if "x-irmc-n" in prop.types():
            reading = " ".join(p.strip() for p in split_escaped(prop.value, ";") if p.strip())
            put_extra(self.person, "name reading", reading)
        else:
            put_extra(self.person, _keyed("sound", self.label(prop)), unescape(prop.value))

    def photo(self, prop: Prop) -> None:
        put_extra(self.person, prop.name.lower(), _photo(prop))

    def simple(self, prop: Prop, key: str) -> None:
        put_extra(self.person, _keyed(key, self.label(prop)), unescape(prop.value))

    def netweave(self, prop: Prop) -> None:
        field = prop.name.removeprefix("X-NETWEAVE-").lower().replace("-", "_")
        value = unescape(prop.value).strip()
        person = self.person
        if field in LIST_FIELDS:
            getattr(person, field).append(value)
        elif field in TEXT_FIELDS:
            setattr(person, field, value)
        elif field in INT_FIELDS and value.lstrip("-").isdigit():
            setattr(person, field, int(value))
        elif field == "met_on" and _iso_date(value):
            person.met_on = _iso_date(value)
        elif field == "extra":
            key, *rest = split_escaped(prop.value, ";")
            if key:
                put_extra(person, key, ";".join(rest))
        else:
            put_extra(person, prop.name.lower(), value)


def _iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


_SIMPLE = {
    "BDAY": "birthday", "ANNIVERSARY": "anniversary", "NICKNAME": "nickname", "ROLE": "role",
    "RELATED": "related", "X-ABRELATEDNAMES": "related", "X-ABDATE": "date",
    "LABEL": "address label", "GENDER": "gender", "UID": "uid",
}  # fmt: skip
_HANDLERS: dict[str, Callable[[CardBuilder, Prop], None]] = {
    "FN": CardBuilder.fn, "N": CardBuilder.n, "EMAIL": CardBuilder.email, "TEL": CardBuilder.tel,
    "URL": CardBuilder.url, "X-SOCIALPROFILE": CardBuilder.url, "ORG": CardBuilder.org,
    "TITLE": CardBuilder.title, "NOTE": CardBuilder.note, "CATEGORIES": CardBuilder.categories,
    "ADR": CardBuilder.adr, "PHOTO": CardBuilder.photo, "LOGO": CardBuilder.photo,
    "IMPP": CardBuilder.impp, "SOUND": CardBuilder.sound,
}  # fmt: skip


def _simple(key: str) -> Callable[[CardBuilder, Prop], None]:
    return lambda builder, prop: builder.simple(prop, key)


_HANDLERS.update({name: _simple(key) for name, key in _SIMPLE.items()})


def props_to_person(props: list[Prop], line: int) -> PersonRecord | str:
    """Build the person a card describes, or say why it describes nobody."""
    return CardBuilder(props, line).build()
