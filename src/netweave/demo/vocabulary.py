"""Curated demo vocabulary (professions, names, interests, temperaments, playbooks) from YAML.

Everything is package data read with `importlib.resources`, parsed once and cached; the
records are frozen and hold tuples so that the cached copy cannot be changed by a caller.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available
_DEMO_DATA = ("demo", "data")
_ENGINE_DATA = ("engine", "data")


@dataclass(frozen=True, slots=True)
class Profession:
    """A role a contact holds and what it typically gives and looks for."""

    name: str
    category: str
    offers: tuple[str, ...]
    needs: tuple[str, ...]
    objectives: tuple[str, ...]
    referral_sources: tuple[str, ...]
    prospect_pool: tuple[str, ...]
    triggers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PlaybookRole:
    """One role a trigger event creates and the professions that fill it."""

    role: str
    professions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Playbook:
    """A trigger event and the team of roles it calls for."""

    key: str
    label: str
    description: str
    roles: tuple[PlaybookRole, ...]

    def professions(self) -> tuple[str, ...]:
        """Return every profession named by the roles, first mention first."""
        return tuple(dict.fromkeys(p for role in self.roles for p in role.professions))


@dataclass(frozen=True, slots=True)
class Trait:
    """A temperament trait and the share of people who carry it."""

    trait: str
    share: float
    guard: bool


@dataclass(frozen=True, slots=True)
class Group:
    """A kind of networking group (BNI chapter, chamber, alumni association…)."""

    tag: str
    label: str
    share: float
    size: int


@dataclass(frozen=True, slots=True)
class HowMet:
    """How and where two people met; `where` may hold {city} and {group}."""

    how: str
    where: str


@dataclass(frozen=True, slots=True)
class PairTemplate:
    """Two complementary professions with needs and offers that answer each other."""

    a: str
    b: str
    segments: tuple[str, ...]
    a_need: str
    b_offer: str
    b_need: str
    a_offer: str


@dataclass(frozen=True, slots=True)
class Specialty:
    """A rare specific offer and the request, worded differently, that it answers."""

    profession: str
    variants: tuple[str, ...]
    offer: str
    ask: str
    askers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """All the curated lists the demo generator draws from."""

    professions: tuple[Profession, ...]
    playbooks: tuple[Playbook, ...]
    given_names: tuple[str, ...]
    family_names: tuple[str, ...]
    org_patterns: dict[str, tuple[str, ...]]
    org_words: tuple[str, ...]
    webmail_domains: tuple[str, ...]
    org_tlds: tuple[str, ...]
    cities: tuple[str, ...]
    interests: tuple[str, ...]
    traits: tuple[Trait, ...]
    groups: tuple[Group, ...]
    how_met: tuple[HowMet, ...]
    notes: dict[str, tuple[str, ...]]
    pair_templates: tuple[PairTemplate, ...]
    specialties: tuple[Specialty, ...]

    def profession_index(self) -> dict[str, int]:
        """Map each profession name to its position in `professions`."""
        return {p.name: i for i, p in enumerate(self.professions)}


def _read_yaml(*parts: str) -> Any:
    """Parse one YAML file of the `netweave` package data."""
    path = resources.files("netweave").joinpath(*parts)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # a safe loader


def _strs(items: Any) -> tuple[str, ...]:
    """Return a YAML list as a tuple of stripped strings."""
    return tuple(str(item).strip() for item in items or ())


def _profession(raw: dict[str, Any]) -> Profession:
    """Build a profession from its YAML mapping."""
    return Profession(
        name=str(raw["name"]),
        category=str(raw["category"]),
        offers=_strs(raw["offers"]),
        needs=_strs(raw["needs"]),
        objectives=_strs(raw["objectives"]),
        referral_sources=_strs(raw["referral_sources"]),
        prospect_pool=_strs(raw["prospect_pool"]),
        triggers=_strs(raw.get("triggers")),
    )


def _playbook(raw: dict[str, Any]) -> Playbook:
    """Build a playbook from its YAML mapping."""
    roles = tuple(
        PlaybookRole(role=str(r["role"]), professions=_strs(r["professions"])) for r in raw["roles"]
    )
    return Playbook(
        key=str(raw["key"]),
        label=str(raw["label"]),
        description=str(raw["description"]),
        roles=roles,
    )


def _pair_template(raw: dict[str, Any], segments: dict[str, tuple[str, ...]]) -> PairTemplate:
    """Build a pair template, resolving its segment list."""
    own = _strs(raw.get("segments"))
    return PairTemplate(
        a=str(raw["a"]),
        b=str(raw["b"]),
        segments=own or segments[str(raw.get("segment_kind", "people"))],
        a_need=str(raw["a_need"]),
        b_offer=str(raw["b_offer"]),
        b_need=str(raw["b_need"]),
        a_offer=str(raw["a_offer"]),
    )


def _specialty(raw: dict[str, Any]) -> Specialty:
    """Build a specialty from its YAML mapping."""
    return Specialty(
        profession=str(raw["profession"]),
        variants=_strs(raw["variants"]),
        offer=str(raw["offer"]),
        ask=str(raw["ask"]),
        askers=_strs(raw.get("askers")),
    )


def load_playbooks() -> tuple[Playbook, ...]:
    """Load the default trigger-event playbooks shipped in `netweave/engine/data`."""
    return _cached_playbooks()


@functools.cache
def _cached_playbooks() -> tuple[Playbook, ...]:
    """Parse playbooks.yaml once."""
    raw = _read_yaml(*_ENGINE_DATA, "playbooks.yaml")
    return tuple(_playbook(item) for item in raw["playbooks"])


@functools.cache
def load_vocabulary() -> Vocabulary:
    """Load and check every demo vocabulary file once; later calls return the same object."""
    names = _read_yaml(*_DEMO_DATA, "names.yaml")
    contexts = _read_yaml(*_DEMO_DATA, "contexts.yaml")
    planted = _read_yaml(*_DEMO_DATA, "planted.yaml")
    segments = {
        "people": _strs(planted["people_segments"]),
        "business": _strs(planted["business_segments"]),
    }
    vocabulary = Vocabulary(
        professions=tuple(
            _profession(p) for p in _read_yaml(*_DEMO_DATA, "professions.yaml")["professions"]
        ),
        playbooks=load_playbooks(),
        given_names=_strs(names["given_names"]),
        family_names=_strs(names["family_names"]),
        org_patterns={str(k): _strs(v) for k, v in names["org_patterns"].items()},
        org_words=_strs(names["org_words"]),
        webmail_domains=_strs(names["webmail_domains"]),
        org_tlds=_strs(names["org_tlds"]),
        cities=_strs(names["cities"]),
        interests=_strs(_read_yaml(*_DEMO_DATA, "interests.yaml")["interests"]),
        traits=tuple(
            Trait(trait=str(t["trait"]), share=float(t["share"]), guard=bool(t.get("guard")))
            for t in _read_yaml(*_DEMO_DATA, "temperaments.yaml")["traits"]
        ),
        groups=tuple(
            Group(
                tag=str(g["tag"]),
                label=str(g["label"]),
                share=float(g["share"]),
                size=int(g["size"]),
            )
            for g in contexts["groups"]
        ),
        how_met=tuple(
            HowMet(how=str(h["how"]), where=str(h["where"])) for h in contexts["how_met"]
        ),
        notes={str(k): _strs(v) for k, v in contexts["notes"].items()},
        pair_templates=tuple(_pair_template(t, segments) for t in planted["pair_templates"]),
        specialties=tuple(_specialty(s) for s in planted["specialties"]),
    )
    check_vocabulary(vocabulary)
    return vocabulary


def check_vocabulary(vocabulary: Vocabulary) -> None:
    """Raise ValueError if a name or key refers to something the vocabulary lacks."""
    known = vocabulary.profession_index()
    if len(known) != len(vocabulary.professions):
        raise ValueError("profession names must be unique")
    keys = {p.key for p in vocabulary.playbooks}
    referenced = [
        *(name for book in vocabulary.playbooks for name in book.professions()),
        *(name for t in vocabulary.pair_templates for name in (t.a, t.b)),
        *(s.profession for s in vocabulary.specialties),
        *(name for s in vocabulary.specialties for name in s.askers),
    ]
    unknown = sorted({name for name in referenced if name not in known})
    if unknown:
        raise ValueError(f"unknown professions referenced: {', '.join(unknown)}")
    bad = sorted({t for p in vocabulary.professions for t in p.triggers if t not in keys})
    if bad:
        raise ValueError(f"unknown trigger keys: {', '.join(bad)}")
    missing = sorted(set(vocabulary.org_patterns) ^ {p.category for p in vocabulary.professions})
    if missing:
        raise ValueError(f"org_patterns and profession categories differ: {', '.join(missing)}")
