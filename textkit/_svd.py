"""scikit-learn's randomized ``TruncatedSVD.fit_transform`` for wide sparse matrices, its sparse
products faster: the same random draws and the same steps, so the same result to rounding.

scikit-learn's randomized SVD of a units × features matrix ``X`` with fewer units than features
works on ``M = X.T`` (a CSC view): ``M @ Q`` scatters each unit's entries into a features × k
result, about 2.4 times the time of the same product gathered row by row from a CSR copy of
``X.T`` (the same sums in the same order: each result row adds its units in increasing order).
Here ``M @ Q`` is a CSR matrix times a dense block, cut into row blocks that run on threads
(scipy's sparse kernels release the GIL; each row's sum is the same whichever block computes
it, so the result does not depend on ``n_jobs``). The other product, ``X @ Q`` (units × k from a
features × k block, 50 MB on People's Daily), is the opposite case: gathered row by row from X's
CSR rows it reads ``Q``'s rows in random order, out of cache; scattered from the CSR copy of
``X.T`` (X as CSC) it reads ``Q`` in order and adds into a small result that stays in cache: 4
times faster, and bit for bit the same (each result entry adds the same products in the same
order, by increasing feature; ``ColumnScatter``). Its threads share ``Q``'s columns, so each entry
is still one sum. The last product of scikit-learn's fit, ``X @ components_.T``, is taken from
``B = Q.T @ M`` instead (``X @ Q`` is ``B.T``), one sparse product fewer.

The range finder's last block ``Y`` (features × k) gets its orthonormal basis by Cholesky QR in
float64 (``_orthonormal_basis``) instead of scikit-learn's float32 Householder QR: the span is
what matters, and it is as close to float64's as scikit-learn's is.

On the 4,516 People's Daily articles (115,569 features, 4.7 M non-zeros, float32; one thread, load
average 9) the fit took 2.4–3.3 s of CPU against 4.2–5.8 s for scikit-learn's; ``benchmarks/run.py``
times both in its cluster stage. With ``ColumnScatter`` for ``X @ Q`` (4,608 articles, 115,355
features, load average 5): each of its three products 0.06–0.07 s of CPU instead of 0.23–0.28 s.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial

import numpy as np
from scipy import linalg, sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.utils import check_random_state
from sklearn.utils.sparsefuncs import mean_variance_axis

__all__ = ["ColumnScatter", "RowBlocks", "fast_truncated_svd"]

_CHUNK = 8192  # rows of the range finder's block taken to float64 at a time


def _row_view(matrix: sparse.csr_matrix, lo: int, hi: int) -> sparse.csr_matrix:
    """Rows ``lo:hi`` of ``matrix`` sharing its data and indices (slicing, or scipy's constructor,
    which prunes views of less than half their base, would copy them)."""
    start, stop = matrix.indptr[lo], matrix.indptr[hi]
    view = sparse.csr_matrix((hi - lo, matrix.shape[1]), dtype=matrix.dtype)
    view.data, view.indices = matrix.data[start:stop], matrix.indices[start:stop]
    view.indptr = (matrix.indptr[lo : hi + 1] - start).astype(matrix.indices.dtype)
    return view


class RowBlocks:
    """A CSR matrix cut into ``n_blocks`` row blocks of about equal non-zeros; ``@`` a dense
    block computes each block's rows on its own thread (row for row what ``matrix @ dense``
    computes)."""

    def __init__(
        self, matrix: sparse.csr_matrix, n_blocks: int = 1, pool: ThreadPoolExecutor | None = None
    ) -> None:
        # ``pool``: threads to run the blocks on (the caller's, for a loop of products: NMF's ~180
        # products each started and joined threads of their own); by default a pool per product
        self.shape, self.dtype, self.pool = matrix.shape, matrix.dtype, pool
        n_blocks = max(1, min(int(n_blocks), matrix.shape[0]))
        if n_blocks == 1:
            self.bounds, self.blocks = [0, matrix.shape[0]], [matrix]
            return
        targets = np.linspace(0, matrix.nnz, n_blocks + 1)[1:-1]
        cuts = np.searchsorted(matrix.indptr, targets).tolist()
        self.bounds = [0, *cuts, matrix.shape[0]]
        self.blocks = [
            _row_view(matrix, lo, hi) for lo, hi in zip(self.bounds[:-1], self.bounds[1:], strict=True)
        ]

    def __matmul__(self, dense: np.ndarray) -> np.ndarray:
        return self.matmul(dense)

    def matmul(self, dense: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """``self @ dense``, written into ``out`` when it is a C-ordered array of the result's shape and
        type that nothing else reads (a spare block: no new pages to fault in), else into a new one;
        returns the array written."""
        if len(self.blocks) == 1:
            return self.blocks[0] @ dense
        shape, dtype = (self.shape[0], dense.shape[1]), np.result_type(self.dtype, dense.dtype)
        fits = out is not None and out.shape == shape and out.dtype == dtype and out.flags.c_contiguous
        if not fits or np.shares_memory(out, dense):
            out = np.empty(shape, dtype=dtype)

        def run(index: int) -> None:
            out[self.bounds[index] : self.bounds[index + 1]] = self.blocks[index] @ dense

        if self.pool is not None:
            list(self.pool.map(run, range(len(self.blocks))))
            return out
        with ThreadPoolExecutor(len(self.blocks)) as pool:
            list(pool.map(run, range(len(self.blocks))))
        return out


class ColumnScatter:
    """``X @ dense`` for a wide sparse ``X`` given as the CSR matrix of ``X.T``: scattered feature by
    feature into a units × k result (scipy's CSC kernel on ``X.T.T``), bit for bit ``X @ dense``
    from X's CSR rows with sorted indices (each entry adds ``X[i, j] * dense[j]`` by increasing
    ``j`` either way), with ``n_jobs`` threads each taking a share of ``dense``'s columns (so each
    entry is still one sum and the result does not depend on ``n_jobs``).

    >>> X = sparse.random(4, 30, density=0.3, format="csr", random_state=0)
    >>> dense = np.arange(60.0).reshape(30, 2)
    >>> bool(np.array_equal(ColumnScatter(X.T.tocsr(), 2) @ dense, X @ dense))
    True
    """

    def __init__(self, transposed: sparse.csr_matrix, n_jobs: int = 1) -> None:
        self.matrix = transposed.T  # CSC, sharing the arrays of ``transposed``
        self.shape, self.dtype = self.matrix.shape, self.matrix.dtype
        self.n_jobs = max(1, int(n_jobs))

    def __matmul__(self, dense: np.ndarray) -> np.ndarray:
        parts = [part for part in np.array_split(np.arange(dense.shape[1]), self.n_jobs) if len(part)]
        if len(parts) < 2:
            return self.matrix @ dense
        out = np.empty((self.shape[0], dense.shape[1]), dtype=np.result_type(self.dtype, dense.dtype))

        def run(part: np.ndarray) -> None:
            lo, hi = int(part[0]), int(part[-1]) + 1
            out[:, lo:hi] = self.matrix @ np.ascontiguousarray(dense[:, lo:hi])

        with ThreadPoolExecutor(len(parts)) as pool:
            list(pool.map(run, parts))
        return out


def _normalizer(name: str, n_iter: int):
    """scikit-learn's power-iteration normalizer (``_randomized_range_finder``)."""
    if name == "auto":
        name = "none" if n_iter <= 2 else "LU"
    if name == "QR":
        return partial(linalg.qr, mode="economic", check_finite=False)
    if name == "LU":
        return partial(linalg.lu, permute_l=True, check_finite=False)
    return lambda x: (x, None)


def _orthonormal_basis(Y: np.ndarray, n_jobs: int = 1) -> np.ndarray:
    """An orthonormal basis of the columns of the tall ``Y`` (scikit-learn: Householder QR),
    written over ``Y``.

    Only the span matters (``B = Q.T @ M``, then ``Q @ Uhat``): Cholesky QR in float64 gives it
    in a third of the time and as orthonormal as float32 Householder QR (to about 1e-7 with
    cond(Y) near 1e5 on People's Daily). Householder QR when the Gram matrix is not positive
    definite to float64 precision.

    ``n_jobs`` threads share the row blocks (NumPy's products release the GIL): each block's
    Gram matrix is the same whichever thread computes it, and they are added in block order, so
    the basis does not depend on ``n_jobs``.
    """
    # float64 a row block at a time: the Gram matrix's condition is cond(Y)**2
    starts = list(range(0, Y.shape[0], _CHUNK))

    def block_gram(start: int) -> np.ndarray:
        block = Y[start : start + _CHUNK].astype(np.float64)
        return block.T @ block

    with _pool(n_jobs, len(starts)) as pool:
        gram = np.zeros((Y.shape[1], Y.shape[1]))
        for part in pool.map(block_gram, starts):  # in block order, as one loop adds them
            gram += part
        try:
            R = linalg.cholesky(gram, lower=False, check_finite=False)
        except linalg.LinAlgError:
            return linalg.qr(Y, mode="economic", check_finite=False)[0]
        inverse = linalg.solve_triangular(R, np.eye(R.shape[0]), lower=False, check_finite=False)

        def replace(start: int) -> None:  # in place: a block of rows by its own rows times R^-1
            Y[start : start + _CHUNK] = Y[start : start + _CHUNK].astype(np.float64) @ inverse

        list(pool.map(replace, starts))
    return Y


class _InThisThread:
    """``ThreadPoolExecutor``'s ``map``, ``submit`` and context, run in the calling thread (one job).

    >>> _InThisThread().submit(divmod, 7, 2).result()
    (3, 1)
    """

    def __enter__(self) -> _InThisThread:
        return self

    def __exit__(self, *exc) -> None:
        return None

    @staticmethod
    def map(function, items):
        return map(function, items)

    @staticmethod
    def submit(function, *args, **kwargs) -> Future:
        done: Future = Future()
        done.set_result(function(*args, **kwargs))
        return done


def _draws(random: np.random.RandomState, n_rows: int, n_columns: int, dtype) -> np.ndarray:
    """The range finder's Gaussian block, as scikit-learn draws it (float32 for float32 input)."""
    block = random.normal(size=(n_rows, n_columns))
    return block.astype(np.float32, copy=False) if dtype == np.float32 else block


def _pool(n_jobs: int, n_items: int):
    """``n_jobs`` threads for ``n_items`` independent items, or the calling thread alone."""
    workers = min(int(n_jobs), n_items)
    return ThreadPoolExecutor(workers) if workers > 1 else _InThisThread()


def _transposed(matrix: np.ndarray, over: np.ndarray) -> np.ndarray:
    """``np.ascontiguousarray(matrix.T)``, written into the memory of ``over`` (an array no one reads
    any more) when it is C-ordered, of the same type and at least as large, else into a new array.

    >>> spare = np.zeros((3, 3))
    >>> out = _transposed(np.arange(6.0).reshape(3, 2), over=spare)
    >>> out.tolist(), np.shares_memory(out, spare)
    ([[0.0, 2.0, 4.0], [1.0, 3.0, 5.0]], True)
    """
    if over.dtype != matrix.dtype or not over.flags.c_contiguous or over.size < matrix.size:
        return np.ascontiguousarray(matrix.T)
    if np.shares_memory(over, matrix):
        return np.ascontiguousarray(matrix.T)
    out = over.reshape(-1)[: matrix.size].reshape(matrix.shape[::-1])
    np.copyto(out, matrix.T)
    return out


def _transposed_in_buffer(X: sparse.csr_matrix, least_bytes: int) -> tuple[sparse.csr_matrix, np.ndarray]:
    """``X.T.tocsr()`` (scipy's own conversion kernel and index type: the same arrays), its data and
    indices laid in one new buffer of at least ``least_bytes``, returned with it.

    Once the copy is let go the buffer is memory already faulted in, for a later result
    (``np.matmul(..., out=...)``): on this host new pages cost about 3 ms of system CPU per MB the
    first time they are touched, and scipy's arrays and the later result were two allocations.

    >>> X = sparse.random(3, 5, density=0.4, format="csr", random_state=0, dtype=np.float32)
    >>> T, buffer = _transposed_in_buffer(X, 100)
    >>> bool((T != X.T.tocsr()).nnz == 0), buffer.nbytes >= 100, np.shares_memory(T.data, buffer)
    (True, True, True)
    """
    from scipy.sparse._sparsetools import csr_tocsc
    from scipy.sparse._sputils import get_index_dtype, upcast

    n_rows, n_cols = X.shape
    index = get_index_dtype((X.indptr, X.indices), maxval=max(X.nnz, n_rows))
    dtype = np.dtype(upcast(X.dtype))
    data_bytes = -(-X.nnz * dtype.itemsize // 8) * 8  # the indices start 8-byte aligned
    buffer = np.empty(max(data_bytes + X.nnz * np.dtype(index).itemsize, least_bytes), dtype=np.uint8)
    data = buffer[: X.nnz * dtype.itemsize].view(dtype)
    indices = buffer[data_bytes : data_bytes + X.nnz * np.dtype(index).itemsize].view(index)
    indptr = np.empty(n_cols + 1, dtype=index)
    csr_tocsc(
        n_rows, n_cols, X.indptr.astype(index, copy=False), X.indices.astype(index, copy=False), X.data,
        indptr, indices, data,
    )
    # the arrays set as _row_view sets them: scipy's constructor copies a view of a much larger array
    transposed = sparse.csr_matrix((n_cols, n_rows), dtype=dtype)
    transposed.data, transposed.indices, transposed.indptr = data, indices, indptr
    transposed.has_sorted_indices = True
    return transposed, buffer


def fast_truncated_svd(
    X: sparse.spmatrix,
    n_components: int,
    n_iter: int = 5,
    random_state: int | None = None,
    n_oversamples: int = 10,
    power_iteration_normalizer: str = "auto",
    n_jobs: int = 1,
) -> tuple[np.ndarray, TruncatedSVD]:
    """``TruncatedSVD(n_components, algorithm="randomized", n_iter, n_oversamples,
    power_iteration_normalizer, random_state)``: its ``fit_transform(X)`` and the fitted estimator
    (``components_``, ``explained_variance_``, ``explained_variance_ratio_``, ``singular_values_``),
    equal to scikit-learn's to rounding; ``n_jobs`` threads share each sparse product (and, with
    more than one, a side thread makes the random draws and the column variances beside this
    thread's serial steps).

    Matrices with at least as many rows as columns go to scikit-learn itself.

    >>> from scipy import sparse
    >>> X = sparse.random(30, 80, density=0.2, format="csr", random_state=0)
    >>> mine, svd = fast_truncated_svd(X, 5, n_iter=2, random_state=0)
    >>> theirs = TruncatedSVD(5, n_iter=2, random_state=0).fit_transform(X)
    >>> bool(np.allclose(mine, theirs)), svd.components_.shape
    (True, (5, 80))
    """
    svd = TruncatedSVD(
        n_components=n_components,
        algorithm="randomized",
        n_iter=n_iter,
        n_oversamples=n_oversamples,
        power_iteration_normalizer=power_iteration_normalizer,
        random_state=random_state,
    )
    if not sparse.issparse(X) or X.shape[0] >= X.shape[1] or n_components > X.shape[1]:
        return svd.fit_transform(X), svd
    # With threads, two serial steps of this thread get a thread beside them (``aside``): the random
    # draws beside the transposition, and the column variances (which hold the GIL) beside the small
    # SVD and the product that makes VT (which do not). The same calls on the same data.
    with ThreadPoolExecutor(1) if n_jobs > 1 else _InThisThread() as aside:
        return _randomized_fit(
            sparse.csr_matrix(X), svd, n_components, n_iter, random_state, n_oversamples, n_jobs, aside
        )


def _randomized_fit(
    X: sparse.csr_matrix,
    svd: TruncatedSVD,
    n_components: int,
    n_iter: int,
    random_state,
    n_oversamples: int,
    n_jobs: int,
    aside,
) -> tuple[np.ndarray, TruncatedSVD]:
    """``fast_truncated_svd``'s fit of a wide CSR matrix; ``aside`` runs its side work (a thread, or
    this one)."""
    n_units, n_features = X.shape
    # scikit-learn's _randomized_range_finder on M = X.T, draw for draw
    drawn = aside.submit(
        _draws, check_random_state(random_state), n_units, n_components + n_oversamples, X.dtype
    )
    # X.T's copy, in a buffer that VT's product is later written into (see below)
    product_bytes = n_features * n_components * np.dtype(np.result_type(X.dtype, np.float32)).itemsize
    transposed, buffer = _transposed_in_buffer(X, product_bytes)
    columns = RowBlocks(transposed, n_jobs)  # M = X.T as CSR: M @ Q gathers instead of scattering
    rows = ColumnScatter(transposed, n_jobs)  # X @ Q scattered from the same copy (in cache)
    normalizer = _normalizer(svd.power_iteration_normalizer, n_iter)
    Q = drawn.result()
    spare = None  # the last features × k product once read: the next one is written over it
    for _ in range(n_iter):
        product = columns.matmul(Q, out=spare)
        Q, _ = normalizer(product)
        Q, _ = normalizer(rows @ Q)
        spare = product
    Y = columns.matmul(Q, out=spare)
    del spare
    Q = _orthonormal_basis(Y, n_jobs)
    B_T = rows @ Q  # (Q.T @ M).T
    del rows, columns, transposed  # X.T's copy is not needed past this product
    variances = aside.submit(mean_variance_axis, X, axis=0)
    Uhat, sigma, _ = linalg.svd(B_T.T, full_matrices=False, lapack_driver="gesdd")
    # C order: the sign rule's search along each row of VT reads it in order (its column-order view
    # took 0.09 s of this thread on People's Daily; the same values either way). Written over Y,
    # whose values (the basis) are no longer needed once multiplied: 50 MB of new pages fewer.
    # Q @ Uhat written into X.T's copy's buffer (let go above): pages already faulted in, where a new
    # result took 46 MB of new pages on People's Daily (about 0.1 s of system CPU on this host)
    left = Uhat[:, :n_components]
    shape, dtype = (Q.shape[0], n_components), np.result_type(Q.dtype, left.dtype)
    size = shape[0] * shape[1] * dtype.itemsize
    if buffer.nbytes >= size:
        product = np.matmul(Q, left, out=buffer[:size].view(dtype).reshape(shape))
    else:  # pragma: no cover - another type than the buffer was made for
        product = Q @ left
    VT = _transposed(product, over=Y)
    del Q, Y, product, buffer
    # svd_flip(U, VT, u_based_decision=False): each row's largest entry made positive
    signs = np.sign(VT[np.arange(n_components), np.argmax(np.abs(VT), axis=1)])
    VT *= signs[:, np.newaxis]
    # X @ VT.T = X @ Q @ Uhat * signs = B.T @ Uhat * signs
    transformed = (B_T @ Uhat[:, :n_components]) * signs

    svd.components_ = VT
    svd.explained_variance_ = np.var(transformed, axis=0)
    _, full_var = variances.result()
    svd.explained_variance_ratio_ = svd.explained_variance_ / full_var.sum()
    svd.singular_values_ = sigma[:n_components]
    svd.n_features_in_ = n_features
    return transformed, svd
