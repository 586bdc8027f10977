"""Small text helpers for the demo generator: ASCII slugs, unique names and emails."""

from __future__ import annotations

import random
import re
import unicodedata

# Letters that NFKD does not decompose into an ASCII base letter.
_FOLD = str.maketrans(
    {
        "Ø": "O",
        "ø": "o",
        "Æ": "Ae",
        "æ": "ae",
        "Œ": "Oe",
        "œ": "oe",
        "ß": "ss",
        "Ł": "L",
        "ł": "l",
        "Đ": "D",
        "đ": "d",
        "Ð": "D",
        "ð": "d",
        "Þ": "Th",
        "þ": "th",
        "ı": "i",
    }
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_INITIALS = "ABCDEFGHJKLMNPRSTVW"
_SUFFIXES = ("Jr.", "Sr.", "II", "III", "IV")


def ascii_fold(text: str) -> str:
    """Return `text` with accents and special letters replaced by plain ASCII."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def slug(text: str, sep: str = "") -> str:
    """Lower-case ASCII letters and digits of `text`, runs of anything else replaced by `sep`."""
    return _NOT_SLUG.sub(sep, ascii_fold(text).lower()).strip(sep)


def city_name(location: str) -> str:
    """The city part of a "City, Region" location."""
    return location.split(",", 1)[0]


def unique_full_name(given: str, family: str, used: set[str], rng: random.Random) -> str:
    """A full name not in `used` (adding a middle initial or suffix if needed); records it."""
    name = f"{given} {family}"
    attempt = 0
    while name in used:
        initial = rng.choice(_INITIALS)
        if attempt < 6:
            name = f"{given} {initial}. {family}"
        elif attempt < 30:
            name = f"{given} {initial}. {family} {rng.choice(_SUFFIXES)}"
        else:
            name = f"{given} {initial}. {rng.choice(_INITIALS)}. {family} {attempt}"
        attempt += 1
    used.add(name)
    return name


def unique_email(local: str, domain: str, used: dict[str, int]) -> str:
    """An address `local@domain` made unique with a number; `used` counts each base address."""
    base = f"{local}@{domain}"
    count = used.get(base, 0)
    used[base] = count + 1
    if count == 0:
        return base
    while True:
        count += 1
        email = f"{local}{count}@{domain}"
        if email not in used:
            used[email] = 1
            return email


def short_code(index: int) -> str:
    """A stable 8-character hex code, distinct for every index below 2**32."""
    return f"{(index * 2654435761) % (1 << 32):08x}"
