"""Infrastructure (no stage): a function over many items in worker processes or on a Dask cluster.

This module knows no stage: the caller passes the function (each stage module owns its
top-level worker function, so that it pickles) and, for ``warm_up_workers``, the callable
that gets a worker ready. Normalization and segmentation are per-text work: the texts are
cut into batches of about equal length, sent to worker processes (or, with ``backend="dask"``, to the
``dask.distributed`` cluster of the current ``Client``), and the results come back in order.
Where the platform can fork (Linux), the workers are forked from this process at each call
(``forks``): they start in milliseconds with everything this process has built (jieba's
dictionary, the normalization tables), so the caller builds that once, here, before the call.
Elsewhere, or with ``backend="loky"``, they are joblib's loky processes, which import textkit
and build their own tables (about 2 s each) and stay alive between calls.
What crosses the process boundary is measured in ``benchmarks/run.py``: texts go out, and
space-joined words come back (1.19 bytes per byte of text, against 1.56 for lists).

>>> map_batches(apply_each, len, ["政绩观", "主题教育"], n_jobs=1)
[3, 4]
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

__all__ = [
    "PARALLEL_MIN_CHARS",
    "apply_each",
    "forks",
    "imap_batches",
    "map_batches",
    "release_workers",
    "warm_up_workers",
    "worth_parallel",
]

# Below this many characters (about 3 MB of Chinese text, some 800 People's Daily articles), work
# is done in this process even when n_jobs > 1 or a Dask backend is asked for: starting workers
# and building jieba's dictionary in each costs several seconds on a busy machine, more than two
# cores save on less text. Measured (2 shared cores, load average 4.4, cold loky workers): 250,000
# characters took 1.5 s to normalize and 3.3 s to segment in-process, 8.7 s and 5.7 s with
# n_jobs=2. A rerun that finds a few new files missing from the cache, and the seeds, are done
# here. The result is the same either way.
PARALLEL_MIN_CHARS = 1_000_000


def forks(n_jobs: int = 2, backend: str | None = None) -> bool:
    """Whether ``map_batches(..., n_jobs=n_jobs, backend=backend)`` forks its workers from this
    process (``backend=None`` or ``"fork"``, more than one worker, a platform with ``fork``), so
    that what this process builds before the call (a dictionary, tables) the workers have too.

    >>> forks(1), forks(2, backend="loky")
    (False, False)
    """
    import multiprocessing

    from joblib import effective_n_jobs

    if backend not in (None, "fork") or effective_n_jobs(n_jobs) < 2:
        return False
    return "fork" in multiprocessing.get_all_start_methods()


def worth_parallel(texts: Sequence[str], min_chars: int | None = None) -> bool:
    """Whether ``texts`` hold at least ``min_chars`` characters (default ``PARALLEL_MIN_CHARS``).

    >>> worth_parallel(["政绩观"] * 10), worth_parallel(["政绩观"] * 10, min_chars=30)
    (False, True)
    """
    limit = PARALLEL_MIN_CHARS if min_chars is None else min_chars
    total = 0
    for text in texts:
        total += len(text)
        if total >= limit:
            return True
    return False


def map_batches(
    function: Callable[[Any, list], list],
    first: Any,
    items: list,
    *,
    n_jobs: int = 2,
    backend: str | None = None,
    progress: bool = False,
    desc: str | None = None,
    meanwhile: Callable[[], Any] | None = None,
) -> list:
    """``function(first, batch)`` over consecutive batches of ``items`` in parallel; results in order.

    The items (texts) are cut into about four batches per worker of equal total length, so
    that one long text does not leave a worker idle at the end. ``function`` must be
    importable by the workers (a module-level function) and return one result per item;
    ``first`` is sent with every batch (keep it small: pass an object that pickles without
    its large state, such as a dictionary it builds on first use).

    ``backend=None`` forks ``n_jobs`` worker processes from this one where the platform can
    (``forks``; ``"fork"`` asks for it), else uses joblib's loky processes (``"loky"`` asks for them);
    ``backend="dask"`` uses the ``dask.distributed`` cluster of the current ``Client``
    (through joblib's Dask backend), with as many batches as the cluster has threads.
    ``progress`` shows a bar on stderr, one step per finished batch. ``meanwhile`` is called once
    in this process after the work is handed out (with forked workers: after they are forked, so
    what it builds is not copied into them) and before the results are read: this process's own
    work, such as building the dictionary a later parallel call forks with, done while the workers
    compute instead of before or after them (it is called even when there are no items).

    >>> map_batches(apply_each, len, ["政绩观", "主题教育"], n_jobs=1)
    [3, 4]
    """
    return list(
        imap_batches(
            function,
            first,
            items,
            n_jobs=n_jobs,
            backend=backend,
            progress=progress,
            desc=desc,
            meanwhile=meanwhile,
        )
    )


def imap_batches(
    function: Callable[[Any, list], list],
    first: Any,
    items: list,
    *,
    n_jobs: int = 2,
    backend: str | None = None,
    progress: bool = False,
    desc: str | None = None,
    meanwhile: Callable[[], Any] | None = None,
) -> Iterator:
    """``map_batches`` as a generator: results one by one, in order, as batches finish."""
    from joblib import Parallel, delayed, effective_n_jobs, parallel_config
    from tqdm import tqdm

    if not items:
        if meanwhile is not None:
            meanwhile()
        return
    if backend == "dask":
        try:
            from distributed import get_client
        except ImportError as error:  # pragma: no cover - depends on the environment
            raise ImportError("backend='dask' needs distributed (pip install 'textkit[dask]')") from error
        try:
            client = get_client()
        except ValueError as error:
            raise RuntimeError(
                "backend='dask' runs on the current dask.distributed Client: create one first, e.g. "
                "Client(LocalCluster()) or Client('tcp://scheduler:8786')"
            ) from error
        workers, n_jobs = max(1, sum(client.nthreads().values())), -1
    else:
        workers = effective_n_jobs(n_jobs)
    batches = _balanced_batches(items, n_batches=max(1, 4 * workers))
    if forks(n_jobs, backend):
        yield from _fork_imap(function, first, batches, workers, progress, desc, meanwhile)
        return
    if backend == "fork":
        backend = None  # no fork here: joblib's default processes
    _wait_for_warm_up()
    # The backend is fixed when the call is made; the results are read after the context.
    with parallel_config(backend=backend) if backend else _no_context():
        results = Parallel(n_jobs=n_jobs, return_as="generator")(
            delayed(function)(first, batch) for batch in batches
        )
    if meanwhile is not None:
        meanwhile()
    for batch in tqdm(results, total=len(batches), disable=not progress, desc=desc):
        yield from batch


def _fork_imap(
    function, first, batches: list[list], workers: int, progress: bool, desc: str | None, meanwhile=None
):
    """``function(first, batch)`` for each batch in processes forked from this one, in order.

    The workers are forked after the batches are made, so they find them in their own memory:
    a task is a batch number, and only the results are pickled (the texts are not sent).
    """
    from tqdm import tqdm

    call = next(_FORK_CALLS)
    _FORKED_WORK[call] = (function, first, batches)
    try:
        # The workers end with the call (a generator left unfinished terminates them).
        with _forked_pool(min(workers, len(batches))) as pool:
            tasks = zip(itertools.repeat(call), range(len(batches)))
            results = pool.imap(_forked_batch, tasks)
            if meanwhile is not None:
                meanwhile()
            for batch in tqdm(results, total=len(batches), disable=not progress, desc=desc):
                yield from batch
    finally:
        del _FORKED_WORK[call]


def _forked_pool(processes: int):
    """A ``multiprocessing`` pool of ``processes`` workers forked from this process, forked with this
    process's objects out of the garbage collector's reach (``gc.freeze``): a collection in a worker
    never walks them (nor writes to their pages, which copy-on-write would then copy). They are
    back in its reach here once the workers are forked (what Python's ``gc`` documentation advises
    for processes that fork without exec). On People's Daily (benchmarks/run.py's stages, n_jobs=2)
    the page faults of normalization (this process and its workers) went from 55,000 to 23,000 and
    those of segmentation from 58,000 to 37,000; the workers' CPU time fell by 0.1-0.3 s each."""
    import gc
    import multiprocessing

    gc.freeze()
    try:
        return multiprocessing.get_context("fork").Pool(processes)
    finally:
        gc.unfreeze()


# What each running call of _fork_imap gives its forked workers, by call number.
_FORKED_WORK: dict[int, tuple] = {}
_FORK_CALLS = itertools.count()


def _forked_batch(task: tuple[int, int]) -> list:
    call, number = task
    function, first, batches = _FORKED_WORK[call]
    return function(first, batches[number])


# The background thread of warm_up_workers, if one is running: a parallel call waits for it
# first, so that two calls never start the same worker pool at once.
_WARM_UP: threading.Thread | None = None


def warm_up_workers(n_jobs: int = 2, initializer: Callable[[], Any] | None = None) -> None:
    """Start joblib's worker processes in the background and run ``initializer`` in each.

    ``initializer`` is a picklable callable supplied by the caller (a module-level function or
    a ``functools.partial`` of one), e.g. one that builds a jieba dictionary — a second or two
    of start-up that would otherwise come at the start of the first parallel call. Returns at
    once, so the start-up overlaps with serial work such as reading the files
    (``textkit.pipeline.prepare_corpus(..., n_jobs=2, tokenizer=...)`` does this). Any failure
    is ignored here: the parallel call itself reports it.

    Forked workers (``forks(n_jobs)``) need no warm-up: they start with what this process has
    built, so nothing is started here then.

    >>> warm_up_workers(1, len)   # one worker: nothing to warm up
    """
    global _WARM_UP
    from joblib import Parallel, delayed, effective_n_jobs

    workers = effective_n_jobs(n_jobs)
    if workers < 2 or forks(n_jobs):
        return
    _wait_for_warm_up()

    def run() -> None:
        # optional: the parallel call that follows reports any problem itself
        with suppress(Exception):
            Parallel(n_jobs=n_jobs)(delayed(_warm_worker)(initializer) for _ in range(workers))

    _WARM_UP = threading.Thread(target=run, name="textkit-warm-up", daemon=True)
    _WARM_UP.start()


def _warm_worker(initializer: Callable[[], Any] | None) -> int:
    import os
    import time

    if initializer is not None:
        initializer()
    time.sleep(0.05)  # so that the next warm-up task goes to another worker
    return os.getpid()


def _wait_for_warm_up() -> None:
    if _WARM_UP is not None and _WARM_UP is not threading.current_thread():
        _WARM_UP.join()


def release_workers() -> None:
    """Stop joblib's worker processes now instead of after their idle timeout (5 minutes).

    Each worker keeps jieba's dictionary (about 150 MB with the fast engine's index) so that
    the next ``n_jobs`` call starts at once; call this when the parallel part of an analysis
    is over and the memory is needed for the matrices. Nothing to do when none runs (forked
    workers end with their call).

    >>> release_workers()
    """
    from joblib.externals.loky import reusable_executor

    _wait_for_warm_up()
    # Only a running executor: asking for one when none runs would start one (about a second)
    # just to stop it, and forked workers (``forks``) leave none.
    executor = reusable_executor._executor
    if executor is not None:
        executor.shutdown(wait=True)


@contextmanager
def _no_context():
    yield


def apply_each(function: Callable[[Any], Any], batch: list) -> list:
    """``function`` on each item of a batch (for ``map_batches`` with a per-item function).

    >>> apply_each(len, ["政绩观", "主题教育"])
    [3, 4]
    """
    return [function(item) for item in batch]


def _balanced_batches(texts: list, n_batches: int) -> list[list]:
    """Consecutive batches of roughly equal total length (order kept)."""
    total = sum(len(text) for text in texts)
    target = max(1, total // n_batches)
    batches, batch, size = [], [], 0
    for text in texts:
        batch.append(text)
        size += len(text)
        if size >= target:
            batches.append(batch)
            batch, size = [], 0
    if batch:
        batches.append(batch)
    return batches
