"""textkit._svd.fast_truncated_svd = scikit-learn's randomized TruncatedSVD; threads = serial."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize

from textkit._svd import ColumnScatter, RowBlocks, _orthonormal_basis, fast_truncated_svd
from textkit.features import TermFeatures, lsa_embedding


def _tfidf_like(n_rows: int = 300, n_columns: int = 2_000, seed: int = 0) -> sparse.csr_matrix:
    """Rows of a few themes with Zipf-like column frequencies: a decaying spectrum, as TF-IDF has
    (the power iterations then make the range finder's block ill-conditioned, as on real text)."""
    rng = np.random.default_rng(seed)
    themes = rng.dirichlet(np.full(n_columns, 0.05), size=8)
    base = 1.0 / np.arange(1, n_columns + 1) ** 0.8
    rows = []
    for _ in range(n_rows):
        p = 0.5 * base / base.sum() + 0.5 * themes[rng.integers(8)]
        drawn = rng.choice(n_columns, size=rng.integers(20, 120), p=p / p.sum())
        rows.append(np.bincount(drawn, minlength=n_columns))
    matrix = sparse.csr_matrix(np.log1p(np.asarray(rows, dtype=np.float64)))
    return normalize(matrix)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("n_iter", "normalizer"), [(2, "auto"), (5, "auto"), (3, "QR"), (0, "auto")])
def test_equal_to_truncated_svd(dtype, n_iter, normalizer):
    X = _tfidf_like().astype(dtype)
    reference = TruncatedSVD(20, n_iter=n_iter, power_iteration_normalizer=normalizer, random_state=3)
    expected = reference.fit_transform(X)
    got, svd = fast_truncated_svd(X, 20, n_iter=n_iter, power_iteration_normalizer=normalizer, random_state=3)
    tolerance = 2e-4 if dtype == np.float32 else 1e-7
    assert got.dtype == expected.dtype and svd.components_.dtype == reference.components_.dtype
    np.testing.assert_allclose(got, expected, atol=tolerance * np.abs(expected).max())
    np.testing.assert_allclose(svd.components_, reference.components_, atol=tolerance)
    np.testing.assert_allclose(svd.singular_values_, reference.singular_values_, rtol=tolerance)
    np.testing.assert_allclose(svd.explained_variance_ratio_, reference.explained_variance_ratio_, rtol=1e-3)
    # the fitted estimator transforms new rows as scikit-learn's does
    np.testing.assert_allclose(svd.transform(X[:7]), reference.transform(X[:7]), atol=tolerance)


def test_another_seed_gives_another_basis():
    # the random draws are the caller's: the result must follow random_state, as scikit-learn's
    X = _tfidf_like()
    first, _ = fast_truncated_svd(X, 20, n_iter=0, random_state=0)
    second, _ = fast_truncated_svd(X, 20, n_iter=0, random_state=1)
    expected, _ = TruncatedSVD(20, n_iter=0, random_state=1).fit_transform(X), None
    assert not np.allclose(first, second, atol=1e-3)
    np.testing.assert_allclose(second, expected, atol=1e-7)


def test_threads_equal_serial_bit_for_bit():
    X = _tfidf_like(seed=1).astype(np.float32)
    serial, serial_svd = fast_truncated_svd(X, 30, n_iter=2, random_state=0, n_jobs=1)
    for n_jobs in (2, 3, 7):
        threaded, svd = fast_truncated_svd(X, 30, n_iter=2, random_state=0, n_jobs=n_jobs)
        assert np.array_equal(threaded, serial)
        assert np.array_equal(svd.components_, serial_svd.components_)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_side_thread_gives_every_attribute_bit_for_bit(dtype):
    """With threads the draws and the column variances are made on a side thread: every fitted
    attribute is the one thread's, bit for bit, and a generator passed in is advanced as by one
    thread (its next draw is the same)."""
    X = _tfidf_like(seed=6).astype(dtype)
    names = ("components_", "singular_values_", "explained_variance_", "explained_variance_ratio_")
    fits = {}
    for n_jobs in (1, 2, 3):
        random = np.random.RandomState(4)
        embedding, svd = fast_truncated_svd(X, 15, n_iter=2, random_state=random, n_jobs=n_jobs)
        fits[n_jobs] = (embedding, [getattr(svd, name) for name in names], random.normal(size=3))
    for n_jobs in (2, 3):
        assert np.array_equal(fits[n_jobs][0], fits[1][0])
        for name, got, expected in zip(names, fits[n_jobs][1], fits[1][1], strict=True):
            assert np.array_equal(got, expected), name
        assert np.array_equal(fits[n_jobs][2], fits[1][2])


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("n_iter", "normalizer"), [(2, "auto"), (5, "auto"), (3, "QR"), (0, "auto")])
def test_products_written_over_spare_blocks_give_the_same_fit_bit_for_bit(
    dtype, n_iter, normalizer, monkeypatch
):
    """The range finder's products written over the last one, and VT over the basis: the fit with
    every product in new memory (as it was) is the same, bit for bit, serially and on threads."""
    import textkit._svd

    X = _tfidf_like(seed=5).astype(dtype)
    options = {"n_iter": n_iter, "power_iteration_normalizer": normalizer, "random_state": 2}
    reused = {n_jobs: fast_truncated_svd(X, 20, n_jobs=n_jobs, **options) for n_jobs in (1, 2, 3)}
    fresh = RowBlocks.matmul
    monkeypatch.setattr(RowBlocks, "matmul", lambda self, dense, out=None: fresh(self, dense))
    monkeypatch.setattr(textkit._svd, "_transposed", lambda matrix, over: np.ascontiguousarray(matrix.T))
    for n_jobs, (got, svd) in reused.items():
        expected, expected_svd = fast_truncated_svd(X, 20, n_jobs=n_jobs, **options)
        assert np.array_equal(got, expected)
        for name in ("components_", "singular_values_", "explained_variance_", "explained_variance_ratio_"):
            assert np.array_equal(getattr(svd, name), getattr(expected_svd, name)), name
        assert svd.components_.flags.c_contiguous


def test_transposed_over_a_spare_array():
    from textkit._svd import _transposed

    matrix = np.random.default_rng(0).normal(size=(7, 3)).astype(np.float32)
    for spare, shared in [
        (np.zeros((4, 7), np.float32), True),  # larger: its first 21 values
        (np.zeros((2, 3), np.float32), False),  # too small
        (np.zeros((7, 3), np.float64), False),  # another type
        (np.zeros((7, 6), np.float32)[:, :3], False),  # not C-ordered
        (matrix, False),  # the matrix itself
    ]:
        out = _transposed(matrix, over=spare)
        assert np.array_equal(out, np.ascontiguousarray(matrix.T)) and out.flags.c_contiguous
        assert np.shares_memory(out, spare) == shared


def test_orthonormal_basis_on_threads_equals_one_thread_bit_for_bit(monkeypatch):
    # several row blocks (the block size made small), taken by 2 and 3 threads: the same basis
    monkeypatch.setattr("textkit._svd._CHUNK", 64)
    Y = np.random.default_rng(3).normal(size=(1_000, 12)).astype(np.float32)
    Y[:, 1] += 1e-3 * Y[:, 0]  # ill-conditioned, as the range finder's block is
    serial = _orthonormal_basis(Y.copy(), n_jobs=1)
    for n_jobs in (2, 3):
        assert np.array_equal(_orthonormal_basis(Y.copy(), n_jobs=n_jobs), serial)
    # and the whole fit, its basis from many blocks
    X = _tfidf_like(n_rows=200, n_columns=1_500, seed=4).astype(np.float32)
    expected, _ = fast_truncated_svd(X, 25, n_iter=2, random_state=0, n_jobs=1)
    got, _ = fast_truncated_svd(X, 25, n_iter=2, random_state=0, n_jobs=2)
    assert np.array_equal(got, expected)


def test_row_blocks_equal_the_product():
    X = _tfidf_like(seed=2).astype(np.float32)
    dense = np.random.default_rng(0).normal(size=(X.shape[1], 9)).astype(np.float32)
    for n_blocks in (1, 2, 5, X.shape[0] + 10):
        blocks = RowBlocks(X, n_blocks)
        assert blocks.bounds[0] == 0 and blocks.bounds[-1] == X.shape[0]
        assert np.array_equal(blocks @ dense, X @ dense)
        spare = np.full((X.shape[0], 9), np.nan, dtype=np.float32)
        written = blocks.matmul(dense, out=spare)
        assert np.array_equal(written, X @ dense)
        assert (written is spare) == (n_blocks > 1)  # one block: scipy's own product
        assert np.array_equal(blocks.matmul(dense, out=spare[:, :5]), X @ dense)  # not its shape: new
        if n_blocks > 1:  # views of the matrix, not copies
            filled = [block for block in blocks.blocks if block.nnz]
            assert len(filled) >= 2
            assert all(np.shares_memory(block.data, X.data) for block in filled)
            assert all(np.shares_memory(block.indices, X.indices) for block in filled)


def test_column_scatter_equals_the_csr_product_bit_for_bit():
    # X @ Q scattered from X.T's CSR copy = gathered from X's CSR rows, in float32 and float64,
    # with threads sharing Q's columns (more threads than columns too)
    for dtype in (np.float32, np.float64):
        X = _tfidf_like(seed=5).astype(dtype)
        transposed = X.T.tocsr()
        for n_columns in (1, 7, 110):
            dense = np.random.default_rng(n_columns).normal(size=(X.shape[1], n_columns)).astype(dtype)
            expected = X @ dense
            for n_jobs in (1, 2, 3, 200):
                got = ColumnScatter(transposed, n_jobs) @ dense
                assert got.dtype == expected.dtype and np.array_equal(got, expected)


def test_tall_matrices_go_to_scikit_learn():
    X = _tfidf_like(n_rows=400, n_columns=120)
    got, _ = fast_truncated_svd(X, 10, n_iter=2, random_state=0)
    assert np.array_equal(got, TruncatedSVD(10, n_iter=2, random_state=0).fit_transform(X))


def test_orthonormal_basis_spans_the_columns_even_when_rank_deficient():
    rng = np.random.default_rng(0)
    Y = rng.normal(size=(500, 6)).astype(np.float32)
    Q = _orthonormal_basis(Y.copy())
    np.testing.assert_allclose(Q.T @ Q, np.eye(6), atol=1e-5)
    np.testing.assert_allclose(Q @ (Q.T @ Y), Y, atol=1e-4)
    deficient = np.hstack([Y, Y[:, :2]])  # Gram matrix singular: Householder QR takes over
    Q = _orthonormal_basis(deficient.copy())
    assert Q.shape == (500, 8)
    np.testing.assert_allclose(Q @ (Q.T @ Y), Y, atol=1e-4)


def test_lsa_embedding_matches_truncated_svd_on_term_features():
    rng = np.random.default_rng(5)
    vocabulary = [f"词{i}" for i in range(400)]
    tokens = [list(rng.choice(vocabulary, size=40)) for _ in range(120)]
    matrix = TermFeatures().fit_transform(tokens)
    embedding, svd = lsa_embedding(matrix, n_components=20, random_state=0)
    reference = TruncatedSVD(20, n_iter=2, random_state=0).fit_transform(matrix.astype(np.float32))
    np.testing.assert_allclose(embedding, normalize(reference), atol=1e-4)
    threaded, _ = lsa_embedding(matrix, n_components=20, random_state=0, n_jobs=2)
    assert np.array_equal(threaded, embedding)
    assert svd.components_.shape == (20, matrix.shape[1])


def test_lsa_embedding_does_not_depend_on_the_order_of_each_rows_entries():
    # TermFeatures' rows are not sorted (the word block keeps scikit-learn's order); the float32 copy
    # keeps that order (no sort): the embedding is the one of the sorted matrix, bit for bit
    rng = np.random.default_rng(6)
    vocabulary = [f"词{i}" for i in range(300)]
    matrix = TermFeatures().fit_transform([list(rng.choice(vocabulary, size=30)) for _ in range(90)])
    assert not matrix.has_sorted_indices
    ordered = matrix.sorted_indices()
    for n_jobs in (1, 2):
        got, svd = lsa_embedding(matrix, n_components=15, random_state=0, n_jobs=n_jobs)
        expected, expected_svd = lsa_embedding(ordered, n_components=15, random_state=0, n_jobs=n_jobs)
        assert np.array_equal(got, expected)
        assert np.array_equal(svd.components_, expected_svd.components_)
        assert np.array_equal(svd.explained_variance_ratio_, expected_svd.explained_variance_ratio_)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 8),
    st.integers(1, 8),
    st.floats(0.0, 1.0),
    st.sampled_from([np.float32, np.float64]),
    st.integers(0, 400),
)
def test_transposed_copy_in_a_buffer_equals_scipys(n_rows, n_cols, density, dtype, least_bytes):
    """_transposed_in_buffer = X.T.tocsr(): the same arrays and types, its data and indices in the
    buffer it returns (which holds at least least_bytes), so a later product can be written there."""
    from textkit._svd import _transposed_in_buffer

    X = sparse.random(n_rows, n_cols, density=density, format="csr", random_state=0, dtype=dtype)
    expected = X.T.tocsr()
    got, buffer = _transposed_in_buffer(X, least_bytes)
    for name in ("data", "indices", "indptr"):
        assert np.array_equal(getattr(got, name), getattr(expected, name))
        assert getattr(got, name).dtype == getattr(expected, name).dtype
    assert got.shape == expected.shape and buffer.nbytes >= least_bytes
    assert np.shares_memory(got.data, buffer) or got.nnz == 0
    assert np.shares_memory(got.indices, buffer) or got.nnz == 0
