"""Seat a small gathering: N guests whose pairwise synergies are highest overall.

A lunch or a small gathering of people "from all kinds of areas" is worth what its pairs are
worth, so a table T of N guests is scored as a whole (not by its best pair)::

    F(T) = 2 / (N (N - 1)) * sum_{a < b in T} v(a, b)
           - (lambda_title * D_title(T) + lambda_kind * D_kind(T)) / (N - 1)

    v(a, b)  = score(a, b) * (acquainted_factor if a and b already know each other else 1)
                           * (0 if the pair is cooling down after an introduction or a decline)
    D_g(T)   = sum over groups g of max(0, guests of T in g - 1)   (repeated titles / kinds)

`score` is the engine's pair score (`PairScorer.score_pairs`), so the table agrees with every
suggestion. A title's kind is its head noun ("family-law attorney" and "corporate attorney"
are both attorneys), so a table of attorneys pays twice. Constraints, never traded for score:
no pair of guests holds a temperament clash (the scorer's clash table); the size is N (fewer
only when the candidates run out); `fixed` guests (`--around`) stay. Tables are compared
lexicographically by (has a newcomer, F): a newcomer is a guest with no acquaintance among
the others, so a table with one beats any table without, whenever one can be found.

The search never enumerates groups or the network's pairs. The pool is the engine's candidate
graph around a few seeds: each seed's best `pool_k` candidates (`Candidates.block`, the
sparse products behind `for_person`) and the candidates of the best of those (one more hop),
capped at `max_pool` people. Within the pool, pairs are scored directly (at most
max_pool^2 / 2). Then, from each start: greedy construction (add the guest with the largest
gain in F, reserving the last seat for a newcomer if the table has none), followed by local
search with swap moves (replace one guest by one outsider, best improvement first) until no
swap improves the table. The best table over the starts wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from netweave.engine.candidates import Candidates
from netweave.engine.network import NOT_NOW
from netweave.engine.scoring import ACQUAINTED, BLOCKED, CLASH, PairScorer

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
_EPS = 1e-12


@dataclass(frozen=True)
class TableParams:
    """Weights of the table objective and bounds of the search (see the module docstring)."""

    lambda_title: float = 0.30
    """Penalty per repeated title, divided by N - 1."""
    lambda_kind: float = 0.10
    """Penalty per repeated kind of title (head noun), divided by N - 1."""
    acquainted_factor: float = 0.5
    """Share of a pair's score kept when the two already know each other."""
    pool_k: int = 40
    """Candidates kept per expanded person."""
    seeds: int = 6
    """People the pool grows from when no guest is fixed (the best connected first)."""
    hops: int = 8
    """How many of the best candidates found are expanded too (the second hop)."""
    max_pool: int = 400
    """Most people considered for one table."""
    starts: int = 4
    """Starting points of the greedy construction when no guest is fixed."""
    max_swaps: int = 200
    """Most swap moves of the local search per start."""


@dataclass(frozen=True, eq=False)
class TableProblem:
    """A pool of P people: pair values, clashes, acquaintances, title and kind groups.

    `value`, `conflict` and `acquainted` are P x P and symmetric with a zero diagonal;
    `title` and `kind` are group ids per person (-1: no title).
    """

    value: FloatArray
    conflict: BoolArray
    acquainted: BoolArray
    title: IntArray
    kind: IntArray

    @property
    def size(self) -> int:
        return len(self.title)


@dataclass(frozen=True)
class Table:
    """The chosen guests (pool indexes, or network positions once mapped) and their objective."""

    members: tuple[int, ...]
    objective: float
    mean_value: float
    has_newcomer: bool
    newcomers: tuple[int, ...] = field(default_factory=tuple)


def _dup(groups: IntArray) -> int:
    """sum over groups of max(0, count - 1), ignoring -1."""
    g = groups[groups >= 0]
    return int(len(g) - len(np.unique(g)))


def evaluate(problem: TableProblem, members: Sequence[int], params: TableParams) -> Table:
    """F(T), the mean pair value and the newcomers of a table (pool indexes)."""
    m = np.asarray(members, dtype=np.int64)
    n = len(m)
    if n < 2:
        return Table(tuple(int(x) for x in m), 0.0, 0.0, n == 1, tuple(int(x) for x in m))
    sub = problem.value[np.ix_(m, m)]
    mean = float(sub.sum() / (n * (n - 1)))  # each pair counted twice
    penalty = params.lambda_title * _dup(problem.title[m]) + params.lambda_kind * _dup(
        problem.kind[m]
    )
    degree = problem.acquainted[np.ix_(m, m)].sum(axis=1)
    newcomers = tuple(int(x) for x in m[degree == 0])
    return Table(
        tuple(int(x) for x in m), mean - penalty / (n - 1), mean, bool(newcomers), newcomers
    )


def _with_each(
    problem: TableProblem, rest: Sequence[int], params: TableParams
) -> tuple[BoolArray, FloatArray]:
    """For every pool person c: whether rest + {c} has a newcomer, and its F (vectorised)."""
    r = np.asarray(rest, dtype=np.int64)
    n = len(r) + 1
    if len(r) == 0:
        return np.ones(problem.size, dtype=bool), np.zeros(problem.size)
    total = problem.value[np.ix_(r, r)].sum() / 2 + problem.value[:, r].sum(axis=1)
    penalty = np.zeros(problem.size)
    for groups, weight in (
        (problem.title, params.lambda_title),
        (problem.kind, params.lambda_kind),
    ):
        present = np.zeros(int(groups.max(initial=-1)) + 2, dtype=bool)
        mine = groups[r]
        present[mine[mine >= 0]] = True
        repeats = _dup(mine) + ((groups >= 0) & present[groups])
        penalty += weight * repeats
    objective = 2 * total / (n * (n - 1)) - penalty / (n - 1)
    acq = problem.acquainted[:, r]
    lonely = problem.acquainted[np.ix_(r, r)].sum(axis=1) == 0
    newcomer = ~acq.any(axis=1) | (~acq[:, lonely]).any(axis=1)
    return np.asarray(newcomer, dtype=bool), np.asarray(objective, dtype=np.float64)


def greedy(
    problem: TableProblem, size: int, start: Sequence[int], params: TableParams
) -> list[int]:
    """Grow `start` to `size` guests, each time adding the largest gain in F (no clashes).

    The last seat goes to someone who leaves the table with a newcomer, when anyone can.
    """
    members = list(dict.fromkeys(int(x) for x in start))
    open_ = np.ones(problem.size, dtype=bool)
    for x in members:
        open_ &= ~problem.conflict[x]
        open_[x] = False
    while len(members) < size and open_.any():
        newcomer, objective = _with_each(problem, members, params)
        allowed = open_.copy()
        if len(members) == size - 1 and (allowed & newcomer).any():
            allowed &= newcomer
        best = int(np.argmax(np.where(allowed, objective, -np.inf)))
        members.append(best)
        open_ &= ~problem.conflict[best]
        open_[best] = False
    return members


def _key(table: Table) -> tuple[int, bool, float]:
    return (len(table.members), table.has_newcomer, table.objective)


def _better(a: tuple[int, bool, float], b: tuple[int, bool, float]) -> bool:
    """Lexicographic (seats filled, has a newcomer, F), F compared with a small tolerance."""
    if a[:2] != b[:2]:
        return a[:2] > b[:2]
    return a[2] > b[2] + _EPS


def _refill(
    problem: TableProblem, members: list[int], size: int, fixed: set[int], params: TableParams
) -> list[int]:
    """A short table (clashes left no seat): drop one guest and refill greedily, if longer."""
    for out in [x for x in members if x not in fixed]:
        rest = [x for x in members if x != out]
        masked = TableProblem(
            problem.value,
            problem.conflict | _only(problem.size, out),
            problem.acquainted,
            problem.title,
            problem.kind,
        )
        longer = greedy(masked, size, rest, params)
        if len(longer) > len(members):
            return longer
    return members


def _only(p: int, person: int) -> BoolArray:
    """A conflict mask that keeps `person` off the table (clashes with everyone)."""
    mask = np.zeros((p, p), dtype=bool)
    mask[person, :] = mask[:, person] = True
    mask[person, person] = False
    return mask


def local_search(
    problem: TableProblem,
    members: list[int],
    fixed: Sequence[int],
    params: TableParams,
    size: int | None = None,
) -> list[int]:
    """Swap one guest for one outsider while it improves (seats, newcomer, F); best first.

    A table left short by clashes first tries drop-one-and-refill moves.
    """
    members = list(members)
    keep = {int(x) for x in fixed}
    size = size or len(members)
    for _ in range(params.max_swaps):
        if len(members) < size:
            longer = _refill(problem, members, size, keep, params)
            if len(longer) > len(members):
                members = longer
                continue
        best_key = _key(evaluate(problem, members, params))
        best_move: tuple[int, int] | None = None
        inside = np.zeros(problem.size, dtype=bool)
        inside[members] = True
        for slot, out in enumerate(members):
            if out in keep:
                continue
            rest = [x for x in members if x != out]
            ok = ~inside & ~problem.conflict[:, rest].any(axis=1)
            if not ok.any():
                continue
            newcomer, objective = _with_each(problem, rest, params)
            pick = ok & (newcomer if (ok & newcomer).any() else ok)
            c = int(np.argmax(np.where(pick, objective, -np.inf)))
            key = (len(members), bool(newcomer[c]), float(objective[c]))
            if _better(key, best_key):
                best_key, best_move = key, (slot, c)
        if best_move is None:
            break
        members[best_move[0]] = best_move[1]
    return members


def plan_table(
    problem: TableProblem,
    size: int,
    starts: Sequence[Sequence[int]],
    fixed: Sequence[int] = (),
    params: TableParams | None = None,
) -> Table:
    """The best table over the starts: greedy construction then swap local search."""
    params = params or TableParams()
    if size < 2:
        raise ValueError("a table needs at least 2 guests")
    fixed = [int(x) for x in fixed]
    for a in fixed:
        for b in fixed:
            if problem.conflict[a, b]:
                raise ValueError("two fixed guests clash")
    best: Table | None = None
    for start in starts or [fixed]:
        seated = greedy(problem, size, [*fixed, *start], params)
        seated = local_search(problem, seated, fixed, params, size)
        table = evaluate(problem, seated, params)
        if best is None or _better(_key(table), _key(best)):
            best = table
    assert best is not None
    return best


# --- From a scorer: the candidate pool, the problem over it, the plan. -------------------


def kinds(scorer: PairScorer) -> tuple[IntArray, IntArray]:
    """Per person: title group (the scorer's) and kind group (the title's head noun), -1 if none."""
    title_id = scorer.title_id
    heads: dict[str, int] = {}
    group_kind = np.full(len(scorer.titles.phrases), -1, dtype=np.int64)
    for g, phrase in enumerate(scorer.titles.phrases):
        if phrase:
            group_kind[g] = heads.setdefault(phrase[-1], len(heads))
    kind = np.where(title_id >= 0, group_kind[np.maximum(title_id, 0)], -1).astype(np.int64)
    return title_id.astype(np.int64), kind


def hub_scores(scorer: PairScorer) -> FloatArray:
    """How much each person could give and gain (benefit row + column sums, active networkers):
    where to grow a pool from when nobody is fixed. O(nnz), no pairs."""
    gain = np.asarray(scorer.need_match.sum(axis=1)).ravel()
    give = np.asarray(scorer.need_match_t.sum(axis=1)).ravel()
    active = scorer.network.networker_level >= scorer.weights.active_level
    hub = gain + give + 0.1 * active
    return np.where(scorer.network.openness == NOT_NOW, -np.inf, hub).astype(np.float64)


@dataclass(frozen=True, eq=False)
class Pool:
    """People considered for one table (network positions) and the best pairs seen."""

    people: IntArray
    best_pairs: list[tuple[int, int, float]]  # (seed, candidate, score), best first


def candidate_pool(scorer: PairScorer, seeds: Sequence[int], params: TableParams) -> Pool:
    """Seeds, their best candidates, and the candidates of the best of those (one hop more)."""
    cand = Candidates(scorer)
    best: dict[int, float] = {int(s): np.inf for s in seeds}
    pairs: list[tuple[int, int, float]] = []

    def expand(person: int) -> list[tuple[int, float]]:
        found = cand.block(person, person + 1)
        order = np.lexsort((found.cols, -found.score))[: params.pool_k]
        out = [(int(found.cols[k]), float(found.score[k])) for k in order]
        for other, score in out:
            best[other] = max(best.get(other, 0.0), score)
        return out

    for s in seeds:
        pairs += [(int(s), c, v) for c, v in expand(int(s))]
    pairs.sort(key=lambda p: (-p[2], p[0], p[1]))
    expanded = {int(s) for s in seeds}
    for _s, c, _v in pairs:
        if len(expanded) >= len(seeds) + params.hops:
            break
        if c not in expanded:
            expanded.add(c)
            expand(c)
    not_now = scorer.network.openness == NOT_NOW
    ranked = sorted((p for p in best if p in seeds or not not_now[p]), key=lambda p: (-best[p], p))
    return Pool(np.asarray(ranked[: params.max_pool], dtype=np.int64), pairs)


def table_problem(scorer: PairScorer, people: IntArray, params: TableParams) -> TableProblem:
    """Score every pair of a (small) pool with the scorer; clashes, acquaintances, groups."""
    p = len(people)
    iu, ju = np.triu_indices(p, k=1)
    scored = scorer.score_pairs(people[iu], people[ju])
    guard = scored.guard.astype(np.int64)
    v = scored.score * np.where(guard & ACQUAINTED, params.acquainted_factor, 1.0)
    v = np.where(guard & BLOCKED, 0.0, v)
    value = np.zeros((p, p))
    value[iu, ju] = v
    value += value.T
    conflict = np.zeros((p, p), dtype=bool)
    conflict[iu, ju] = (guard & CLASH) > 0
    conflict |= conflict.T
    acquainted = np.zeros((p, p), dtype=bool)
    acquainted[iu, ju] = (guard & ACQUAINTED) > 0
    acquainted |= acquainted.T
    title, kind = kinds(scorer)
    return TableProblem(value, conflict, acquainted, title[people], kind[people])


@dataclass(frozen=True)
class Gathering:
    """A planned table in network positions: guests, pair values among them, objective."""

    guests: tuple[int, ...]
    fixed: tuple[int, ...]
    objective: float
    mean_score: float
    newcomers: tuple[int, ...]
    pairs: list[tuple[int, int, float]]  # every pair of guests (i, j, v), best first
    pool_size: int


def plan_gathering(
    scorer: PairScorer,
    size: int,
    around: Sequence[int] = (),
    params: TableParams | None = None,
) -> Gathering:
    """Choose `size` guests (with `around` seated) maximising F over the candidate pool."""
    params = params or TableParams()
    fixed = [int(x) for x in dict.fromkeys(around)]
    if len(fixed) > size:
        raise ValueError("more fixed guests than seats")
    if fixed:
        seeds = fixed
    else:
        hub = hub_scores(scorer)
        k = min(params.seeds, scorer.n)
        top = np.argpartition(-hub, k - 1)[:k] if k else np.zeros(0, np.int64)
        seeds = [int(x) for x in top[np.lexsort((top, -hub[top]))] if np.isfinite(hub[x])]
    pool = candidate_pool(scorer, seeds, params)
    people = pool.people
    where = {int(x): k for k, x in enumerate(people)}
    problem = table_problem(scorer, people, params)
    local_fixed = [where[x] for x in fixed]
    if fixed:
        starts: list[list[int]] = [[]]
    else:
        starts = [[where[s]] for s in seeds[: params.starts] if s in where]
        starts += [
            [where[a], where[b]]
            for a, b, _v in pool.best_pairs[: params.starts]
            if a in where and b in where and not problem.conflict[where[a], where[b]]
        ]
    if len(people) < 2:  # nobody has a candidate: no table to plan
        only = tuple(int(x) for x in people)
        return Gathering(only, tuple(fixed), 0.0, 0.0, only, [], len(people))
    table = plan_table(problem, min(size, len(people)), starts, local_fixed, params)
    guests = people[list(table.members)]
    sub = problem.value[np.ix_(list(table.members), list(table.members))]
    pairs = [
        (int(guests[a]), int(guests[b]), float(sub[a, b]))
        for a in range(len(guests))
        for b in range(a + 1, len(guests))
    ]
    pairs.sort(key=lambda x: (-x[2], x[0], x[1]))
    return Gathering(
        tuple(int(g) for g in guests),
        tuple(fixed),
        table.objective,
        table.mean_value,
        tuple(int(people[x]) for x in table.newcomers),
        pairs,
        len(people),
    )
