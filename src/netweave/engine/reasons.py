"""Plain-word reasons for a suggestion, built only from facts in a `PairExplanation`.

Each side gets up to three sentences, strongest term first: what that person gains (their need
and the other's offer, quoted as recorded; the other's profession among their referral sources
or clients), then what the two share. Item matches below `reason_strong_similarity` are called
"loosely related" and those below `reason_min_similarity` are not mentioned: the words never
claim more than the numbers. Notes (a difficult reputation, "ask first", guards) go apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from netweave.engine.explain import ItemMatch, PairExplanation, Shared, Side
from netweave.engine.network import Network
from netweave.engine.weights import Weights

MAX_SENTENCES = 3
_LETTER_AN = set("aeiofhlmnrsx")  # acronyms read letter by letter: "an MBA", "an SEO expert"


@dataclass(frozen=True)
class PairReasons:
    """Sentences for person i, for person j, and notes for the connector."""

    for_i: list[str]
    for_j: list[str]
    notes: list[str]


def _clean(text: str) -> str:
    """Item text for the middle of a sentence: no trailing full stop, first letter lowered
    unless the first word looks like an acronym or a name."""
    text = text.strip().rstrip(".")
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and not (len(first) > 1 and first[1:2].isupper()):
        return text[0].lower() + text[1:]
    return text


def with_article(noun: str) -> str:
    """'a CPA', 'an accountant', 'an MBA'."""
    noun = _clean(noun)
    first = noun.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        vowel = first[0].lower() in _LETTER_AN
    else:
        vowel = first[:1].lower() in set("aeiou")
    return f"{'an' if vowel else 'a'} {noun}"


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _item_sentence(m: ItemMatch, a: str, b: str, weights: Weights) -> str:
    want, offer = _clean(m.want), _clean(m.offer)
    if m.similarity >= weights.reason_strong_similarity:
        verb = "needs" if m.kind == "need" else "is working toward"
        return f"{a} {verb} {want}; {b} offers {offer}."
    noun = "need" if m.kind == "need" else "objective"
    return f"{b}'s offer ({offer}) is loosely related to {a}'s {noun} ({want})."


def _side_sentences(
    side: Side, names: tuple[str, ...], titles: tuple[str, ...], weights: Weights
) -> list[tuple[float, str]]:
    a, b = names[side.person], names[side.other]
    out: list[tuple[float, str]] = []
    for m in side.wants[:2]:
        if m.similarity >= weights.reason_min_similarity:
            factor = 1.0 if m.kind == "need" else weights.objective_factor
            out.append(
                (weights.w_reciprocal * m.similarity * factor, _item_sentence(m, a, b, weights))
            )
    title = titles[side.other]
    if side.referral_sources:
        source = _clean(side.referral_sources[0])
        text = f"{a} gets referrals from {source}; {b} is {with_article(title)}."
        out.append((weights.w_reciprocal * weights.referral_bonus, text))
    if side.prospect_pool:
        pool = _clean(side.prospect_pool[0])
        text = f"{a}'s clients include {pool}; {b} is {with_article(title)}."
        out.append((weights.w_reciprocal * weights.prospect_bonus, text))
    return out


def _shared_texts(shared: list[Shared]) -> list[str]:
    return [_clean(s.text_a) for s in shared[:2]]


def _shared_sentences(
    ex: PairExplanation, names: tuple[str, ...], weights: Weights
) -> list[tuple[float, str]]:
    t = ex.terms
    out: list[tuple[float, str]] = []
    if ex.shared_sources:
        text = f"You both get referrals from {_join(_shared_texts(ex.shared_sources))}."
        out.append((weights.w_shared_sources * t["shared_sources"], text))
    if ex.shared_pools:
        text = f"You both serve {_join(_shared_texts(ex.shared_pools))}."
        out.append((weights.w_shared_pools * t["shared_pools"], text))
    if ex.team_events:
        ev = ex.team_events[0]
        a, b = names[ex.i], names[ex.j]
        text = (
            f"Both of you serve people at the same trigger event, {_clean(ev.label)} "
            f"({a} as {ev.role_a}, {b} as {ev.role_b})."
        )
        out.append((weights.w_team * t["team"], text))
    if ex.shared_interests:
        text = f"You share an interest in {_join(_shared_texts(ex.shared_interests))}."
        out.append((weights.w_interests * t["interests"], text))
    if ex.common_acquaintances:
        shown = [names[k] for k in ex.common_acquaintances[:2]]
        more = len(ex.common_acquaintances) - len(shown)
        tail = f" and {more} other{'s' if more > 1 else ''}" if more else ""
        if more:
            text = f"You both know {', '.join(shown)}{tail}."
        else:
            text = f"You both know {_join(shown)}."
        out.append((weights.w_acquaintances * t["acquaintances"], text))
    if t.get("networkers", 0.0) > 0:
        out.append((weights.w_networkers * t["networkers"], "You are both active networkers."))
    return out


def _pick(candidates: list[tuple[float, str]]) -> list[str]:
    ranked = sorted(enumerate(candidates), key=lambda x: (-x[1][0], x[0]))
    return [text for _k, (_s, text) in ranked[:MAX_SENTENCES]]


def reasons(ex: PairExplanation, network: Network, weights: Weights | None = None) -> PairReasons:
    """Up to three sentences per side, strongest first, and notes."""
    w = weights or Weights()
    names, titles = network.names, network.titles
    shared = _shared_sentences(ex, names, w)
    for_i = _pick(_side_sentences(ex.side_a, names, titles, w) + shared)
    for_j = _pick(_side_sentences(ex.side_b, names, titles, w) + shared)
    notes = [f"Note: {names[p]} can be difficult to deal with." for p in ex.difficult]
    notes += [
        f"Ask {names[p]} first: they want to be asked before an introduction." for p in ex.ask_first
    ]
    if ex.guards:
        notes.append(f"Not suggested: {_join(ex.guards)}.")
    return PairReasons(for_i, for_j, notes)
