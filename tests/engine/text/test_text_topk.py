import numpy as np
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from netweave.engine.text.topk import csr_row_topk, sparse_topk


@st.composite
def sparse_matrices(draw: st.DrawFn, cols: int | None = None) -> sp.csr_matrix:
    n = draw(st.integers(1, 12))
    m = cols or draw(st.integers(1, 15))
    density = draw(st.floats(0.0, 1.0))
    seed = draw(st.integers(0, 2**16))
    a = sp.random(n, m, density=density, random_state=seed, format="csr", dtype=np.float32)
    if draw(st.booleans()):  # many ties
        a.data = np.round(a.data, 1)
    return a


def brute_topk(a: sp.csr_matrix, k: int) -> list[dict[int, float]]:
    out = []
    for i in range(a.shape[0]):
        row = a.getrow(i)
        order = np.lexsort((row.indices, -row.data))[:k]
        out.append(dict(zip(row.indices[order].tolist(), row.data[order].tolist(), strict=True)))
    return out


def as_dicts(a: sp.csr_matrix) -> list[dict[int, float]]:
    return [
        dict(zip(a.getrow(i).indices.tolist(), a.getrow(i).data.tolist(), strict=True))
        for i in range(a.shape[0])
    ]


@settings(max_examples=150, deadline=None)
@given(sparse_matrices(), st.integers(0, 6), st.sampled_from([2, 16, 1024]))
def test_row_topk_matches_brute_force(a: sp.csr_matrix, k: int, buckets: int) -> None:
    assert as_dicts(csr_row_topk(a, k, buckets=buckets)) == brute_topk(a, k)


@settings(max_examples=80, deadline=None)
@given(st.data(), st.integers(1, 5))
def test_sparse_topk_blocks_do_not_change_the_answer(data: st.DataObject, k: int) -> None:
    a = data.draw(sparse_matrices(cols=9))
    b = data.draw(sparse_matrices(cols=9))
    whole = sparse_topk(a, b, k, budget=10**9)
    blocked = sparse_topk(a, b, k, budget=1)
    assert as_dicts(whole) == as_dicts(blocked) == brute_topk(sp.csr_matrix(a @ b.T), k)
