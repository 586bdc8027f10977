"""Every weight and threshold of pair scoring, in one place.

These are prior weights, chosen by hand from the practices in the source texts, until enough
debriefed introductions exist to calibrate them. The score of a pair is (see `scoring`)::

    score = (w_reciprocal * H(benefit_ab, benefit_ba)
             + w_shared_sources * sources + w_shared_pools * pools + w_team * team
             + w_networkers * networkers + w_interests * interests
             + w_acquaintances * acquaintances)
            * difficult_factor ** (number of difficult people in the pair)
            * load_multiplier(a) * load_multiplier(b)

The seven `w_*` weights sum to 1 and every term is in [0, 1], so the score is in [0, 1].
"""

from __future__ import annotations

from dataclasses import dataclass, field

HARD_CHARGER = "hard charger"
TAKES_CRITICISM_POORLY = "takes criticism poorly"
DIFFICULT = "difficult to deal with"


@dataclass(frozen=True)
class Weights:
    """Prior weights and thresholds (see the module docstring for how they combine)."""

    w_reciprocal: float = 0.50
    """Weight of the harmonic mean of the two one-sided benefits (both must gain)."""
    w_shared_sources: float = 0.12
    """Weight of shared referral sources (Adamic–Adar: rare sources count more)."""
    w_shared_pools: float = 0.10
    """Weight of shared prospect pools (Adamic–Adar)."""
    w_team: float = 0.12
    """Weight of serving the same trigger event in different roles (playbook team)."""
    w_networkers: float = 0.05
    """Weight of both being active networkers; counts only with another positive term."""
    w_interests: float = 0.06
    """Weight of common interests (Adamic–Adar): rapport, the raw material of a connection."""
    w_acquaintances: float = 0.05
    """Weight of common acquaintances (Adamic–Adar over the acquaintance graph)."""

    objective_factor: float = 0.8
    """An offer answering an objective counts this fraction of one answering a stated need."""
    second_match_weight: float = 0.5
    """beta in m1 + beta * m2 * (1 - m1): how much a second answered need adds to the best one."""
    min_item_similarity: float = 0.15
    """Item similarities below this are treated as noise and ignored."""
    referral_bonus: float = 0.5
    """Benefit to A when B's profession is one of A's referral sources (noisy-OR with items)."""
    prospect_bonus: float = 0.4
    """Benefit to A when B's profession is in A's prospect pool: B is a potential client."""

    tau_sources: float = 1.0
    """Scale of the saturating squash 1 - exp(-x / tau) for shared sources."""
    tau_pools: float = 1.0
    """Scale of the squash for shared prospect pools."""
    tau_team: float = 1.0
    """Scale of the squash for the number of shared trigger events (different roles)."""
    tau_interests: float = 1.5
    """Scale of the squash for common interests (several are needed to saturate)."""
    tau_acquaintances: float = 2.0
    """Scale of the squash for common acquaintances."""

    active_level: int = 3
    """Networker level (0–4) from which a person counts as an active networker."""
    difficult_factor: float = 0.6
    """Score multiplier per person in the pair noted as "difficult to deal with"."""
    max_optin_load: float = 3.0
    """Guard: a person whose decayed count of recent opt-in asks exceeds this is not suggested."""
    optin_load_slope: float = 0.25
    """Below the limit each person's load L multiplies the score by 1 / (1 + slope * L)."""
    clashes: tuple[tuple[str, str], ...] = field(
        default=(
            (HARD_CHARGER, HARD_CHARGER),
            (HARD_CHARGER, TAKES_CRITICISM_POORLY),
        )
    )
    """Unordered temperament pairs that must not be introduced (one trait on each side)."""

    max_group_size: int = 500
    """Candidate generation skips groups (a source, pool, interest, event team, profession or
    common acquaintance) with more members than this: they would make products dense and say
    little about a pair (a shared group of 500 has Adamic–Adar weight 0.16, worth at most
    0.018 of score). Scores themselves never depend on it."""
    block_pairs: int = 2_000_000
    """Approximate number of candidate pairs processed at once in batch scoring (memory bound)."""

    reason_strong_similarity: float = 0.5
    """An item match at least this similar is stated plainly ("A needs X; B offers Y")."""
    reason_min_similarity: float = 0.2
    """Weaker item matches are stated as loosely related; below this they are not mentioned."""

    def __post_init__(self) -> None:
        total = sum(self.term_weights().values())
        if abs(total - 1.0) > 1e-9:
            raise ValueError(f"term weights must sum to 1, not {total:.6f}")
        if any(w < 0 for w in self.term_weights().values()):
            raise ValueError("term weights must be non-negative")

    def term_weights(self) -> dict[str, float]:
        """The weight of each additive term of the score, by term name."""
        return {
            "reciprocal": self.w_reciprocal,
            "shared_sources": self.w_shared_sources,
            "shared_pools": self.w_shared_pools,
            "team": self.w_team,
            "networkers": self.w_networkers,
            "interests": self.w_interests,
            "acquaintances": self.w_acquaintances,
        }
