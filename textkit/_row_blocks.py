"""The matrix stage's row blocks (infrastructure of ``textkit.features``): a CSR matrix cut into
row blocks that share its arrays, the blocks stacked again on threads, and the weighted blocks of
each row block joined side by side and normalized, written straight into one matrix.

>>> X = sparse.csr_matrix(np.arange(6.0).reshape(3, 2))
>>> bool((_stack(_blocks(X, [0, 1, 3])) != X).nnz == 0)
True
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize

from textkit._svd import _row_view

__all__ = ["_blocks", "_joined_on", "_stack", "_stack_on", "_weighted_join"]


def _blocks(matrix: sparse.csr_matrix, bounds: list[int]) -> list[sparse.csr_matrix]:
    """Rows ``bounds[i]:bounds[i + 1]`` of ``matrix`` for each ``i``, as views of its arrays."""
    return [_row_view(matrix, lo, hi) for lo, hi in pairwise(bounds)]


def _stack(blocks: list[sparse.csr_matrix]) -> sparse.csr_matrix:
    """Row blocks one under another (the block itself when there is one).

    >>> X = sparse.csr_matrix(np.arange(6.0).reshape(3, 2))
    >>> bool((_stack(_blocks(X, [0, 1, 3])) != X).nnz == 0)
    True
    """
    return blocks[0] if len(blocks) == 1 else sparse.vstack(blocks, format="csr")


def _weighted_join(parts, weights) -> sparse.csr_matrix:
    """The weighted parts side by side, each row normalized: ``normalize(hstack([part * weight,
    ...]))`` with the parts weighted in place and the join normalized in place, without two copies
    of the data. The parts' data is changed: pass matrices no one else reads. Renormalized so that
    a unit whose words were all filtered out keeps its character similarity rather than being
    shrunk towards zero.

    >>> a, b = sparse.csr_matrix([[3.0, 0.0]]), sparse.csr_matrix([[4.0]])
    >>> _weighted_join([a, b], [1.0, 1.0]).toarray().tolist(), a.toarray().tolist()
    ([[0.6, 0.0, 0.8]], [[3.0, 0.0]])
    """
    for part, weight in zip(parts, weights, strict=True):
        part.data *= weight
    return normalize(sparse.hstack(parts, format="csr"), copy=False)


def _stack_on(pool, blocks: list[sparse.csr_matrix]) -> sparse.csr_matrix:
    """``_stack(blocks)``, each block's arrays copied into the result by ``pool``'s threads (NumPy's
    copies release the GIL): the same arrays, index type and result as ``sparse.vstack``.

    >>> X = sparse.csr_matrix(np.arange(12.0).reshape(4, 3))
    >>> from textkit._svd import _InThisThread
    >>> bool((_stack_on(_InThisThread(), _blocks(X, [0, 1, 4])) != X).nnz == 0)
    True
    """
    if len(blocks) == 1:
        return blocks[0]
    from scipy.sparse._sputils import get_index_dtype

    nnz = [block.nnz for block in blocks]
    n_cols = blocks[0].shape[1]
    if any(block.shape[1] != n_cols for block in blocks):
        raise ValueError("incompatible dimensions for axis 1")
    index = get_index_dtype(arrays=[block.indptr for block in blocks], maxval=max(sum(nnz), n_cols))
    data = np.empty(sum(nnz), dtype=np.result_type(*(block.data for block in blocks)))
    indices = np.empty(sum(nnz), dtype=index)
    indptr = np.empty(sum(block.shape[0] for block in blocks) + 1, dtype=index)
    starts = np.cumsum([0, *nnz]).tolist()
    rows = np.cumsum([0, *(block.shape[0] for block in blocks)]).tolist()

    def copy(number: int) -> None:
        block, lo, hi = blocks[number], starts[number], starts[number + 1]
        data[lo:hi] = block.data
        indices[lo:hi] = block.indices
        np.add(block.indptr[:-1], index(lo), out=indptr[rows[number] : rows[number + 1]])

    list(pool.map(copy, range(len(blocks))))
    indptr[-1] = starts[-1]
    return sparse.csr_matrix((data, indices, indptr), shape=(rows[-1], n_cols))


def _joined_on(pool, row_blocks: list[tuple[sparse.csr_matrix, ...]], weights) -> sparse.csr_matrix:
    """``_stack_on(pool, [_weighted_join(parts, weights) for parts in row_blocks])``: each row block's
    weighted parts side by side, normalized, one row block under another, written straight into the
    result's arrays by ``pool``'s threads. scipy's ``hstack`` made two copies of each row block's
    parts (their arrays put together, then the rows interleaved) and the stacking a third: on People's
    Daily (4.7 M non-zeros, two row blocks) the join took 0.05-0.26 s of CPU and 3,500 page faults
    (about 115 MB of new pages), here 0.04-0.10 s and 500. Each row's entries are put in the order
    ``hstack`` gives them (the first part's, then the next part's with its columns moved after the
    first's), so the row norms add the same squares in the same order: the same arrays. The parts'
    data is changed (weighted in place), as ``_weighted_join`` changes it.

    >>> a, b = sparse.csr_matrix([[3.0, 0.0], [0.0, 1.0]]), sparse.csr_matrix([[4.0], [0.0]])
    >>> from textkit._svd import _InThisThread
    >>> rows = [(a[:1], b[:1]), (a[1:], b[1:])]
    >>> _joined_on(_InThisThread(), rows, [1.0, 1.0]).toarray().tolist()
    [[0.6, 0.0, 0.8], [0.0, 1.0, 0.0]]
    """
    from scipy.sparse._sputils import get_index_dtype

    if len(row_blocks) == 1 or len(row_blocks[0]) == 1:
        return _stack_on(pool, list(pool.map(lambda parts: _weighted_join(parts, weights), row_blocks)))
    widths = [part.shape[1] for part in row_blocks[0]]
    if any([part.shape[1] for part in parts] != widths for parts in row_blocks):
        raise ValueError("incompatible dimensions for axis 1")
    shifts = np.cumsum([0, *widths[:-1]]).tolist()  # each part's first column in the result
    parts_of = [part for parts in row_blocks for part in parts]
    nnz = [sum(part.nnz for part in parts) for parts in row_blocks]
    starts = np.cumsum([0, *nnz]).tolist()
    rows = np.cumsum([0, *(parts[0].shape[0] for parts in row_blocks)]).tolist()
    # the index type stacking the joined blocks would choose (each join's own is never wider)
    index = get_index_dtype(arrays=[part.indptr for part in parts_of], maxval=max(starts[-1], sum(widths)))
    data = np.empty(starts[-1], dtype=np.result_type(*(part.data for part in parts_of)))
    indices = np.empty(starts[-1], dtype=index)
    indptr = np.empty(rows[-1] + 1, dtype=index)
    indptr[0] = 0

    def join(number: int) -> None:
        parts, first, lo, hi = row_blocks[number], starts[number], rows[number], rows[number + 1]
        for part, weight in zip(parts, weights, strict=True):
            part.data *= weight
        lengths = sum(np.diff(part.indptr) for part in parts)
        local = np.zeros(hi - lo + 1, dtype=index)  # this block's row pointers from 0
        np.cumsum(lengths, out=local[1:])
        np.add(local[1:], index(first), out=indptr[lo + 1 : hi + 1])
        ends = [part.indptr.tolist() for part in parts]
        at = first
        for row in range(hi - lo):  # each row: the parts' entries one after the other
            for part, pointers, shift in zip(parts, ends, shifts, strict=True):
                begin, end = pointers[row], pointers[row + 1]
                if end > begin:
                    data[at : at + end - begin] = part.data[begin:end]
                    np.add(part.indices[begin:end], index(shift), out=indices[at : at + end - begin])
                    at += end - begin
        # this block's rows normalized in place in the result (a view of its arrays)
        view = sparse.csr_matrix((hi - lo, sum(widths)), dtype=data.dtype)
        span = slice(first, starts[number + 1])
        view.data, view.indices, view.indptr = data[span], indices[span], local
        normalize(view, copy=False)

    list(pool.map(join, range(len(row_blocks))))
    return sparse.csr_matrix((data, indices, indptr), shape=(rows[-1], sum(widths)))
