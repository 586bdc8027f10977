"""Community structure (organisations, groups, cities) and acquaintance edges, vectorised.

Every step is O(N) or O(E log E) numpy work; nothing compares all pairs of people.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

# Mean number of acquaintances a person starts, by networker level 1..4 (index 0 unused).
STUBS_BY_LEVEL = np.array([0.0, 2.3, 4.0, 7.0, 16.0])
# Where a started acquaintance is found: same organisation, same group, same city, anywhere.
CHANNEL_WEIGHTS = np.array([0.35, 0.30, 0.28, 0.07])
MAX_DEGREE = 80


@dataclass
class Communities:
    """Community ids per person; -1 where a person has none."""

    org: IntArray
    group1: IntArray
    group2: IntArray
    city: IntArray


@dataclass
class _Members:
    """People sorted by community, with where each community starts and how big it is."""

    people: IntArray
    starts: IntArray
    sizes: IntArray

    def pick(self, community: IntArray, rng: np.random.Generator) -> IntArray:
        """One random member of each given community (all ids must be valid)."""
        offset = np.floor(rng.random(community.size) * self.sizes[community]).astype(np.int64)
        return np.asarray(self.people[self.starts[community] + offset], dtype=np.int64)


def _members(owner: IntArray, community: IntArray, count: int) -> _Members:
    """Index people by community id (ids 0..count-1; entries with id -1 are skipped)."""
    keep = community >= 0
    owner, community = owner[keep], community[keep]
    order = np.argsort(community, kind="stable")
    sizes = np.bincount(community, minlength=count).astype(np.int64)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
    return _Members(owner[order], starts, sizes)


def dense_ids(keys: IntArray) -> tuple[IntArray, int]:
    """Renumber non-negative keys 0..k-1 in sorted key order; -1 stays -1."""
    out = np.full(keys.size, -1, dtype=np.int64)
    valid = keys >= 0
    uniq, inverse = np.unique(keys[valid], return_inverse=True)
    out[valid] = inverse
    return out, int(uniq.size)


def _stub_channels(
    n_stubs: int, available: BoolArray, rng: np.random.Generator
) -> npt.NDArray[np.int64]:
    """Choose for each stub where its partner comes from, among the available channels."""
    weights = available * CHANNEL_WEIGHTS
    cumulative = np.cumsum(weights, axis=1)
    target = rng.random(n_stubs) * cumulative[:, -1]
    return np.asarray((target[:, None] >= cumulative).sum(axis=1), dtype=np.int64)


def _stub_communities(
    source: IntArray, channel: IntArray, comm: Communities, rng: np.random.Generator
) -> IntArray:
    """The community id each stub draws from: a key per channel, offset to be distinct."""
    n_org = int(comm.org.max(initial=-1)) + 1
    n_group = int(max(comm.group1.max(initial=-1), comm.group2.max(initial=-1))) + 1
    g1, g2 = comm.group1[source], comm.group2[source]
    group = np.where((g2 >= 0) & (rng.random(source.size) < 0.5), g2, g1)
    out = np.full(source.size, -1, dtype=np.int64)
    out[channel == 0] = comm.org[source[channel == 0]]
    out[channel == 1] = n_org + group[channel == 1]
    out[channel == 2] = n_org + n_group + comm.city[source[channel == 2]]
    return out


def _all_members(comm: Communities, n: int) -> _Members:
    """One index over organisations, groups and cities, numbered as in `_stub_communities`."""
    everyone = np.arange(n, dtype=np.int64)
    n_org = int(comm.org.max(initial=-1)) + 1
    n_group = int(max(comm.group1.max(initial=-1), comm.group2.max(initial=-1))) + 1
    n_city = int(comm.city.max(initial=-1)) + 1

    def shifted(ids: IntArray, offset: int) -> IntArray:
        """Community ids moved into their block; -1 stays -1."""
        return np.where(ids >= 0, ids + offset, -1)

    owners = np.concatenate((everyone, everyone, everyone, everyone))
    ids = np.concatenate(
        (
            comm.org,
            shifted(comm.group1, n_org),
            shifted(comm.group2, n_org),
            shifted(comm.city, n_org + n_group),
        )
    )
    return _members(owners, ids, n_org + n_group + n_city)


def _partners(
    source: IntArray, channel: IntArray, comm: Communities, n: int, rng: np.random.Generator
) -> IntArray:
    """A partner for each stub from the community its channel names (re-drawn if it is self)."""
    partner = rng.integers(0, n, size=source.size, dtype=np.int64)
    community = _stub_communities(source, channel, comm, rng)
    members = _all_members(comm, n)
    todo = np.flatnonzero(community >= 0)
    for _ in range(3):
        partner[todo] = members.pick(community[todo], rng)
        todo = todo[partner[todo] == source[todo]]
    partner[todo] = rng.integers(0, n, size=todo.size, dtype=np.int64)  # alone: anyone
    return partner


def _cap_degree(i: IntArray, j: IntArray, cap: int, rng: np.random.Generator) -> BoolArray:
    """Mask of edges to keep so that (in a random order) nobody exceeds `cap` edges."""
    e = i.size
    order = rng.permutation(e)
    ends = np.concatenate((i[order], j[order]))
    edge = np.concatenate((order, order))
    by_end = np.argsort(ends, kind="stable")
    sorted_ends = ends[by_end]
    first = np.searchsorted(sorted_ends, sorted_ends, side="left")
    rank = np.arange(2 * e) - first
    over = np.zeros(e, dtype=np.bool_)
    over[edge[by_end][rank >= cap]] = True
    return ~over


def acquaintances(
    comm: Communities, level: IntArray, rng: np.random.Generator, cap: int = MAX_DEGREE
) -> tuple[IntArray, IntArray]:
    """Acquaintance edges (i < j, sorted, no duplicates) with community structure."""
    n = level.size
    if n < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    stubs = rng.poisson(STUBS_BY_LEVEL[level])
    source = np.repeat(np.arange(n, dtype=np.int64), stubs)
    org_size = np.bincount(comm.org[comm.org >= 0], minlength=int(comm.org.max(initial=-1)) + 1)
    has_colleague = np.zeros(n, dtype=np.bool_)
    has_colleague[comm.org >= 0] = org_size[comm.org[comm.org >= 0]] > 1
    available = np.stack(
        (
            has_colleague[source],
            comm.group1[source] >= 0,
            np.ones(source.size, dtype=np.bool_),
            np.ones(source.size, dtype=np.bool_),
        ),
        axis=1,
    )
    channel = _stub_channels(source.size, available, rng)
    partner = _partners(source, channel, comm, n, rng)
    i, j = np.minimum(source, partner), np.maximum(source, partner)
    keys = np.unique(i[i != j] * n + j[i != j])
    i, j = keys // n, keys % n
    keep = _cap_degree(i, j, cap, rng)
    return i[keep], j[keep]


def drop_edges(i: IntArray, j: IntArray, pairs: IntArray, n: int) -> tuple[IntArray, IntArray]:
    """Remove the given (k, 2) pairs, in either order, from the edge list."""
    if pairs.size == 0:
        return i, j
    lo, hi = pairs.min(axis=1), pairs.max(axis=1)
    keep = ~np.isin(i * n + j, lo * n + hi)
    return i[keep], j[keep]


def adjacency(i: IntArray, j: IntArray, n: int) -> tuple[IntArray, IntArray]:
    """Compressed neighbour lists (indptr, indices) of the undirected edges."""
    ends = np.concatenate((i, j))
    other = np.concatenate((j, i))
    order = np.argsort(ends, kind="stable")
    indptr = np.concatenate(([0], np.cumsum(np.bincount(ends, minlength=n)))).astype(np.int64)
    return indptr, other[order]
