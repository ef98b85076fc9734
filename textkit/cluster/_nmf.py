"""Cluster stage, NMF: scikit-learn's coordinate-descent fit with its sparse products gathered.

scikit-learn's ``NMF(solver="cd")`` updates H through ``X.T @ W`` with ``X.T`` a CSC view of the
CSR matrix: each unit's entries are scattered into a features × topics result, once per
iteration. ``fit_transform`` here takes the same steps (scikit-learn's checks, start and Cython
update, the same stopping rule) with ``X.T`` copied to CSR once, so that product gathers each
feature's units in the same increasing order (the same sums, bit for bit; ``textkit._svd`` does the
same for the SVD), and both products cut into row blocks that ``n_jobs`` threads share (each row's
sum is computed whole by one thread, so the result does not depend on ``n_jobs``). A test compares
the factors, iterations and error with scikit-learn's ``fit_transform``.
"""

from __future__ import annotations

import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from scipy import sparse
from sklearn import config_context
from sklearn.decomposition import NMF
from sklearn.decomposition._cdnmf_fast import _update_cdnmf_fast
from sklearn.decomposition._nmf import _beta_divergence
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils.validation import validate_data

from textkit._svd import RowBlocks

__all__ = ["fit_transform"]


def _gathered(nmf: NMF, X) -> bool:
    """Whether ``fit_transform`` takes its own loop: plain CD on a canonical CSR matrix."""
    return (
        nmf.solver == "cd"
        and not nmf.shuffle
        and nmf.init != "custom"
        and nmf.alpha_W == 0
        and nmf.alpha_H in (0, "same")
        and sparse.issparse(X)
        and X.format == "csr"
        and X.has_canonical_format
        and X.dtype in (np.float32, np.float64)
    )


def fit_transform(nmf: NMF, X, n_jobs: int = 1) -> np.ndarray:
    """``nmf.fit_transform(X)``: the same W, and ``components_``, ``n_iter_``, ``reconstruction_err_``.

    Other solvers or inputs (dense, CSC, duplicate entries, shuffled coordinates, a given start,
    regularization) go to scikit-learn itself.

    >>> X = sparse.random(40, 60, density=0.2, format="csr", random_state=0)
    >>> ours, theirs = (NMF(4, init="nndsvda", tol=1e-3, random_state=0) for _ in range(2))
    >>> bool((fit_transform(ours, X) == theirs.fit_transform(X)).all())
    True
    >>> bool((ours.components_ == theirs.components_).all()), ours.n_iter_ == theirs.n_iter_
    (True, True)
    """
    if not _gathered(nmf, X):
        return nmf.fit_transform(X)
    nmf._validate_params()
    X = validate_data(nmf, X, accept_sparse=("csr", "csc"), dtype=[np.float64, np.float32])
    with config_context(assume_finite=True):
        nmf._check_params(X)
        if X.min() == 0 and nmf._beta_loss <= 0:
            raise ValueError("When beta_loss <= 0 and X contains zeros, the solver may diverge.")
        W, H = nmf._check_w_h(X, None, None, True)
        W, H, n_iter = _coordinate_descent(X, W, H, nmf.tol, nmf.max_iter, n_jobs)
    if n_iter == nmf.max_iter and nmf.tol > 0:
        warnings.warn(
            f"Maximum number of iterations {nmf.max_iter} reached. Increase it to improve convergence.",
            ConvergenceWarning,
            stacklevel=2,
        )
    nmf.reconstruction_err_ = _beta_divergence(X, W, H, nmf._beta_loss, square_root=True)
    nmf.n_components_ = H.shape[0]
    nmf.components_ = H
    nmf.n_iter_ = n_iter
    return W


def _coordinate_descent(X, W, H, tol: float, max_iter: int, n_jobs: int):
    """scikit-learn's ``_fit_coordinate_descent`` without regularization or shuffling."""
    W = np.ascontiguousarray(W)
    Ht = np.ascontiguousarray(H.T)
    # one pool of threads for every product of the loop (the same blocks, each computed whole by
    # one thread: the same sums as threads started per product, or none)
    with ThreadPoolExecutor(max(1, int(n_jobs))) as pool:
        rows = RowBlocks(X, n_jobs, pool)
        columns = RowBlocks(X.T.tocsr(), n_jobs, pool)  # X.T as CSR: gathered, not scattered
        violation_init = 0.0
        n_iter = 0
        for n_iter in range(1, max_iter + 1):
            violation = 0.0
            violation += _update(rows, W, Ht)
            violation += _update(columns, Ht, W)
            if n_iter == 1:
                violation_init = violation
            if violation_init == 0:
                break
            if violation / violation_init <= tol:
                break
    return W, Ht.T, n_iter


def _update(X: RowBlocks, W: np.ndarray, Ht: np.ndarray) -> float:
    """scikit-learn's ``_update_coordinate_descent`` (no regularization, no shuffle)."""
    HHt = np.dot(Ht.T, Ht)
    XHt = X @ Ht
    permutation = np.arange(Ht.shape[1], dtype=np.intp)
    return _update_cdnmf_fast(W, HHt, XHt, permutation)
