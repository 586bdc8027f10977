"""Symmetric synergies of a pair, each squashed into [0, 1] by squash(x, tau) = 1 - exp(-x / tau).

With M a person x group 0/1 incidence and w_g = 1 / log(1 + |g|) (see `groups`)::

    shared_sources(a, b) = squash(sum_g M[a,g] M[b,g] w_g, tau_sources)     i.e. (M W M^T)[a, b]
    shared_pools(a, b)   = same over prospect-pool phrases,  tau_pools
    interests(a, b)      = same over interests,               tau_interests
    acquaintances(a, b)  = squash(sum_k A[a,k] A[k,b] / log deg(k), tau_acq)  (A D A)[a, b]
    team(a, b)           = squash(#events where both serve a role and the roles differ, tau_team)
    networkers(a, b)     = 1 if both networker levels >= active_level else 0

Group terms are the Adamic–Adar index, the acquaintance one exactly networkx's
`adamic_adar_index`. Everything is computed for arrays of pairs (`terms`), and candidate pairs
come from the same products restricted to a block of rows (`generate`), skipping groups larger
than `max_group_size`: a phrase held by thousands says little and would make the product dense.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from netweave.engine.groups import Groups, item_groups
from netweave.engine.network import Network
from netweave.engine.pairs import canonical, squash, weighted_overlap
from netweave.engine.playbooks import Playbook, title_roles
from netweave.engine.weights import Weights

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

GROUP_TERMS = ("shared_sources", "shared_pools", "interests")


def _indicator(rows: IntArray, cols: IntArray, shape: tuple[int, int]) -> sp.csr_matrix:
    m = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
    m.sum_duplicates()
    m.data[:] = 1.0
    return m


class Synergy:
    """Precomputed incidences for the symmetric synergy terms of one network."""

    def __init__(
        self,
        network: Network,
        weights: Weights,
        playbooks: Sequence[Playbook],
        titles: Groups,
    ) -> None:
        n = network.n
        self.n = n
        self.weights = weights
        self.groups: dict[str, Groups] = {
            "shared_sources": item_groups(network.referral_sources, n),
            "shared_pools": item_groups(network.prospect_pool, n),
            "interests": item_groups(network.interests, n),
        }
        self.taus = {
            "shared_sources": weights.tau_sources,
            "shared_pools": weights.tau_pools,
            "interests": weights.tau_interests,
        }
        self.active = network.networker_level >= weights.active_level

        acq = canonical(network.acquaintances.astype(np.float64))
        acq.data[:] = 1.0
        self.acq = acq
        self.degree = np.asarray(acq.sum(axis=1)).ravel()
        aa = np.zeros(n)
        hub = self.degree >= 2
        aa[hub] = 1.0 / np.log(self.degree[hub])
        self.acq_weight = aa  # 1 / log deg, networkx's Adamic–Adar weight

        # Role of each person in each event (-1: none), via their title.
        self.playbooks = tuple(playbooks)
        roles_by_title = title_roles(titles.phrases, self.playbooks)
        title_id = titles.item_group
        roles = np.full((n, len(self.playbooks)), -1, dtype=np.int16)
        has_title = title_id >= 0
        roles[has_title] = roles_by_title[title_id[has_title]]
        self.roles = roles
        self.in_team: npt.NDArray[np.bool_] = np.asarray((roles >= 0).any(axis=1), dtype=bool)
        # team count by title: titles on some team, numbered 0..t-1 (person -> team_title)
        team_titles = np.flatnonzero((roles_by_title >= 0).any(axis=1))
        self.team_table: npt.NDArray[np.int16] | None = None
        self.team_title = np.full(n, -1, dtype=np.int64)
        if 0 < len(team_titles) <= 4096:
            number = np.full(len(roles_by_title), -1, dtype=np.int64)
            number[team_titles] = np.arange(len(team_titles))
            self.team_title[has_title] = number[title_id[has_title]]
            r = roles_by_title[team_titles]
            table = np.zeros((len(r), len(r)), dtype=np.int16)
            for e in range(r.shape[1]):
                col = r[:, e]
                table += (col[:, None] >= 0) & (col[None, :] >= 0) & (col[:, None] != col[None, :])
            self.team_table = table
        person, event = np.nonzero(roles >= 0)
        n_events = len(self.playbooks)
        self.event_incidence = _indicator(person, event, (n, n_events))
        max_roles = max((len(b.roles) for b in self.playbooks), default=0)
        self.role_incidence = _indicator(
            person,
            event * max(max_roles, 1) + roles[person, event],
            (n, n_events * max(max_roles, 1)),
        )

        # Split every weighted incidence into the part used by candidate products (groups of
        # at most max_group_size) and the rest, added pairwise; the two sum to the whole.
        cap = weights.max_group_size
        self.small: dict[str, sp.csr_matrix] = {}
        self.large: dict[str, sp.csr_matrix] = {}
        for name, groups in self.groups.items():
            small = (groups.sizes <= cap).astype(np.float64)
            self.small[name] = _scale_columns(groups.incidence, small)
            self.large[name] = _scale_columns(groups.incidence, 1.0 - small)
        hub_small = ((self.degree >= 2) & (self.degree <= cap)).astype(np.float64)
        self.small["acquaintances"] = _scale_columns(acq, hub_small)
        self.large["acquaintances"] = _scale_columns(acq, (self.degree > cap).astype(np.float64))
        self.small_weighted = {
            name: _scale_columns(m, self._weights(name)) for name, m in self.small.items()
        }
        sizes = np.asarray(self.event_incidence.sum(axis=0)).ravel()
        small_events = (sizes <= cap).astype(np.float64)
        self.small_events = _scale_columns(self.event_incidence, small_events)
        per_event = self.role_incidence.shape[1] // max(n_events, 1)
        self.small_roles = _scale_columns(self.role_incidence, np.repeat(small_events, per_event))

    def _weights(self, name: str) -> FloatArray:
        if name == "acquaintances":
            return self.acq_weight
        return self.groups[name].weights

    # ---- terms for arrays of pairs -------------------------------------------------------

    def terms(
        self, rows: IntArray, cols: IntArray, raw: dict[str, FloatArray] | None = None
    ) -> dict[str, FloatArray]:
        """All synergy terms for pairs (rows[k], cols[k]); networkers is not gated here.

        `raw` may hold, per group term, the sums over small groups already read off a product
        (see `generate`); only large groups are then added pairwise.
        """
        out: dict[str, FloatArray] = {}
        taus = {**self.taus, "acquaintances": self.weights.tau_acquaintances}
        for name, tau in taus.items():
            if raw is not None and name in raw:
                x = raw[name].copy()
                big = self.large[name]
                if big.nnz:
                    has = np.diff(big.indptr) > 0
                    sub = np.flatnonzero(has[rows] & has[cols])
                    x[sub] += weighted_overlap(big, self._weights(name), rows[sub], cols[sub])
            else:
                full = self.acq if name == "acquaintances" else self.groups[name].incidence
                x = weighted_overlap(full, self._weights(name), rows, cols)
            out[name] = squash(x, tau)
        out["team"] = squash(self.team_counts(rows, cols), self.weights.tau_team)
        out["networkers"] = (self.active[rows] & self.active[cols]).astype(np.float64)
        return out

    def team_counts(self, rows: IntArray, cols: IntArray) -> FloatArray:
        """Number of events where both serve a role and the roles differ.

        It depends only on the two titles, so it is read from a title x title table when the
        titles on any team are few enough (<= 4096); otherwise roles are compared per pair.
        """
        out = np.zeros(len(rows))
        if not len(self.playbooks):
            return out
        both = np.flatnonzero(self.in_team[rows] & self.in_team[cols])
        if self.team_table is not None:
            ta = self.team_title[rows[both]]
            tb = self.team_title[cols[both]]
            out[both] = self.team_table[ta, tb]
            return out
        for start in range(0, len(both), 500_000):
            sel = both[start : start + 500_000]
            ra, rb = self.roles[rows[sel]], self.roles[cols[sel]]
            out[sel] = ((ra >= 0) & (rb >= 0) & (ra != rb)).sum(axis=1)
        return out

    # ---- candidate generation -----------------------------------------------------------

    def generate(self, lo: int, hi: int) -> dict[str, sp.csr_matrix]:
        """(hi - lo) x n products for rows lo..hi-1 over small groups, by term name.

        Group terms hold the Adamic–Adar sums over small groups, M[R] W M^T (or A[R] D A);
        "team" holds E[R] E^T - Q[R] Q^T, the count of shared small events in different roles.
        """
        return self.generate_at(slice(lo, hi))

    def generate_at(self, rows: slice | IntArray) -> dict[str, sp.csr_matrix]:
        """`generate` for a slice or a sorted array of rows (one product row per given row)."""
        found: dict[str, sp.csr_matrix] = {}
        for name, weighted in self.small_weighted.items():
            if weighted.nnz:
                found[name] = sp.csr_matrix(weighted[rows] @ self.small[name].T)
        if self.small_events.nnz:
            ev, ro = self.small_events, self.small_roles
            diff = sp.csr_matrix(ev[rows] @ ev.T - ro[rows] @ ro.T)
            diff.eliminate_zeros()
            found["team"] = diff
        return found

    def expected_per_row(self) -> FloatArray:
        """Upper estimate of the candidates each person's row generates (to size blocks)."""
        est = np.zeros(self.n)
        for m in self.small.values():
            est += m @ np.asarray(m.sum(axis=0)).ravel()
        if self.small_events.nnz:
            est += self.small_events @ np.asarray(self.small_events.sum(axis=0)).ravel()
        return np.asarray(est, dtype=np.float64)


def _scale_columns(m: sp.csr_matrix, scale: FloatArray) -> sp.csr_matrix:
    """m @ diag(scale) with explicit zeros removed."""
    out = sp.csr_matrix(m @ sp.diags(np.asarray(scale, dtype=np.float64)))
    out.eliminate_zeros()
    return canonical(out)
