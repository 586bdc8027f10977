"""Allowed values of enumerated fields, and parsing of what users type for them."""

from __future__ import annotations

from netweave.db.models import FacetKind, NetworkerLevel, Openness, Tier
from netweave.errors import NetweaveError

TIER_CADENCE_DAYS: dict[str, int | None] = {
    Tier.INNER: 14,
    Tier.ACTIVE: 30,
    Tier.NETWORK: 90,
    Tier.DORMANT: None,
}

FACET_LABELS: dict[str, str] = {
    FacetKind.OBJECTIVE: "objectives",
    FacetKind.NEED: "needs",
    FacetKind.OFFER: "offers",
    FacetKind.INTEREST: "interests",
    FacetKind.REFERRAL_SOURCE: "referral sources",
    FacetKind.PROSPECT_POOL: "prospect pool",
}

# PersonRecord list attribute -> facet kind
RECORD_FACETS: dict[str, str] = {
    "objectives": FacetKind.OBJECTIVE,
    "needs": FacetKind.NEED,
    "offers": FacetKind.OFFER,
    "interests": FacetKind.INTEREST,
    "referral_sources": FacetKind.REFERRAL_SOURCE,
    "prospect_pool": FacetKind.PROSPECT_POOL,
}


def choice(value: str, allowed: list[str], what: str) -> str:
    """Normalise `value` (case, `-`/`_`/space) and check it is one of `allowed`."""
    key = value.strip().lower().replace(" ", "_").replace("-", "_")
    for option in allowed:
        if key == option.replace("-", "_"):
            return option
    raise NetweaveError(f"unknown {what} {value!r}; choose one of: {', '.join(allowed)}")


def parse_openness(value: str) -> str:
    return choice(value, [o.value for o in Openness], "openness")


def parse_tier(value: str) -> str:
    return choice(value, [t.value for t in Tier], "tier")


def parse_facet_kind(value: str) -> str:
    return choice(value, [k.value for k in FacetKind], "facet kind")


def parse_networker_level(value: str | int) -> int:
    """Accept 0–4 or a level name (passive, occasional, active, connector)."""
    if isinstance(value, int) or str(value).strip().isdecimal():
        level = int(value)
        if 0 <= level <= 4:
            return level
        raise NetweaveError(f"networker level must be 0–4, not {value}")
    names = [n.name.lower() for n in NetworkerLevel]
    return int(NetworkerLevel[choice(str(value), names, "networker level").upper()])


FACET_TITLES = {
    "objectives": "Objectives",
    "needs": "Needs",
    "offers": "Offers",
    "interests": "Interests",
    "referral_sources": "Referral sources",
    "prospect_pool": "Prospect pool",
}

QUESTION_TITLES = {
    "why_connect": "Why this connection",
    "how_connect": "How",
    "why_they_connect": "Why they would connect",
    "how_keep_up": "How I keep it up",
}
