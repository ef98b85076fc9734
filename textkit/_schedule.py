"""Helper of ``textkit.report``: run the notebooks, two side by side where they do not depend on each other.

A notebook names the notebooks whose results it reads from the cache in its metadata,
``{"textkit": {"after": ["01_corpus", "03_topics"]}}`` (stems of other notebooks of the folder);
it starts once all of them have finished. A notebook without that entry waits for every
notebook before it (the order of the folder), so notebooks that say nothing run one by one.
Each notebook runs in its own process (its kernel inherits that process's environment: the
tables folder of ``setup_notebook``), which also renders its page.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nbformat import NotebookNode

__all__ = [
    "AHEAD_IMPORTS",
    "KernelAhead",
    "ahead_level",
    "can_pair",
    "changed_bytes",
    "corpus_files",
    "corpus_megabytes",
    "expected_peaks",
    "kernel_ahead",
    "kernel_environment",
    "memory_plan",
    "name_injected_cell",
    "notebook_waits",
    "record_run",
    "run_key",
    "run_kind",
    "run_notebooks",
    "run_state",
    "setup_key",
    "stop_kernel",
    "warm_cache",
]




def notebook_waits(sources: Sequence[Path]) -> dict[str, set[str]]:
    """For each notebook (by file name), the file names of the notebooks it waits for.

    ``textkit.after`` in the notebook's metadata names them by stem; a stem that is not a
    notebook of ``sources`` raises ``ValueError`` (a misspelt name would silently run the
    notebook too early); a stem of a *later* notebook is refused as well. Without the entry:
    every earlier notebook.
    """
    import nbformat

    names = [path.name for path in sources]
    stems = {path.stem: path.name for path in sources}
    waits: dict[str, set[str]] = {}
    for position, path in enumerate(sources):
        metadata = nbformat.read(path, as_version=4).metadata.get("textkit", {})
        after = metadata.get("after") if isinstance(metadata, dict) else None
        if after is None:
            waits[path.name] = set(names[:position])
            continue
        unknown = [stem for stem in after if stems.get(stem) not in names[:position]]
        if unknown:
            raise ValueError(
                f"{path.name} waits for {', '.join(map(repr, unknown))}: "
                "not a notebook before it in the folder"
            )
        waits[path.name] = {stems[stem] for stem in after}
    return waits


def _say(text: str, end: str = "\n") -> None:
    print(text, end=end, flush=True)


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_notebooks(
    sources: Sequence[Path],
    execute: Callable[[Path], dict],
    at_once: int,
    announce: Callable[..., None] = _say,
    peaks: Mapping[str, float] | None = None,
    budget: float | None = None,
    start_ahead: Callable[[Path, bool], KernelAhead] | None = None,
) -> list[dict]:
    """``execute(source)`` for every notebook, at most ``at_once`` at a time, each after the
    notebooks it waits for (``notebook_waits``); results in the order of ``sources``.

    With ``peaks`` (each notebook's expected peak memory, by file name) and a ``budget`` (same
    unit), a notebook starts beside running ones only while the sum of their expected peaks and
    its own stays within the budget (alone, it always starts): which notebooks may run together
    depends only on these numbers, not on timing.

    ``execute`` returns a dict (picklable); one with a ``"failed"`` entry stops the scheduling:
    the notebooks already running finish, no other starts, and the results so far are returned
    (the failed one last). ``at_once`` 1 runs them in this process, in order; then, with
    ``start_ahead(source, imports)`` (a ``KernelAhead``), the next notebook's kernel starts while
    one runs, within the budget (``ahead_level``), and ``execute(source, kernel=manager)`` runs
    a notebook in the kernel started for it.
    """
    total = len(sources)
    number = {path.name: position for position, path in enumerate(sources, 1)}
    if at_once <= 1 or total <= 1:
        return _one_by_one(sources, execute, announce, peaks, budget, start_ahead)
    waits = notebook_waits(sources)
    pending = list(sources)
    finished: dict[str, dict] = {}
    running: dict[Future, Path] = {}
    failed = None
    with ProcessPoolExecutor(max_workers=at_once, mp_context=_context()) as pool:
        while running or (pending and failed is None):
            if failed is None:
                for source in list(pending):
                    if len(running) >= at_once:
                        break
                    if waits[source.name] <= set(finished) and _fits(source, running.values(), peaks, budget):
                        pending.remove(source)
                        announce(f"[{number[source.name]}/{total}] {source.name} started")
                        running[pool.submit(execute, source)] = source
            if not running:  # pragma: no cover - notebook_waits only names earlier notebooks
                raise RuntimeError(f"no notebook can start: {[p.name for p in pending]}")
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                source = running.pop(future)
                result = future.result()
                finished[source.name] = result
                mark = f"[{number[source.name]}/{total}] {source.name} ..."
                if "failed" in result:
                    failed = failed or source
                    announce(f"{mark} failed")
                else:
                    announce(f"{mark} done in {result['seconds']:.1f} s")
    results = [finished[path.name] for path in sources if path.name in finished and path != failed]
    if failed is not None:
        results.append(finished[failed.name])
    return results


def _one_by_one(sources, execute, announce, peaks, budget, start_ahead) -> list[dict]:
    """``run_notebooks`` with ``at_once`` 1: in this process, in order; each notebook's kernel
    started (``start_ahead``) while the one before runs, when the budget allows it."""
    total, results, ahead = len(sources), [], None
    try:
        for position, source in enumerate(sources):
            kernel = ahead.take() if ahead is not None else None
            ahead = None
            level = ahead_level(peaks.get(source.name) if peaks else None, budget)
            if start_ahead is not None and level is not None and position + 1 < total:
                ahead = start_ahead(sources[position + 1], level == "imports")
            announce(f"[{position + 1}/{total}] {source.name} ...", end=" ")
            result = execute(source) if kernel is None else execute(source, kernel=kernel)
            results.append(result)
            announce("failed" if "failed" in result else f"done in {result['seconds']:.1f} s")
            if "failed" in result:
                break
    finally:
        if ahead is not None:  # after a failure (or an interrupt): a kernel no notebook will use
            ahead.stop()
    return results


# Modules the next notebook's kernel imports while the notebook before it runs: a kernel's start
# and these imports took ~2.5 s of CPU of each notebook run one after the other (0.5 s the kernel,
# 1.2-1.4 s NumPy, pandas, SciPy, scikit-learn, 0.3 s Matplotlib and jieba, 0.25 s textkit's
# modules). Importing a module earlier changes no result: none of them prints, seeds a generator
# or reads a notebook's settings when imported (setup_notebook sets fonts, logging and warnings
# when called; the backend of Matplotlib is chosen by pyplot, imported by the notebooks), and code
# run silently adds no execution count, no history, no output and no name to the notebook.
AHEAD_IMPORTS = (
    "numpy", "pandas", "pyarrow.parquet", "scipy.sparse", "scipy.stats", "sklearn.base", "sklearn.cluster",
    "sklearn.decomposition", "sklearn.metrics", "matplotlib", "jieba", "textkit.pipeline", "textkit.cluster",
)
# Proportional set size (MiB) of a kernel started ahead: after AHEAD_IMPORTS ("imports", 177
# measured) or bare ("kernel", 38 measured).
AHEAD_MIB = {"imports": 195.0, "kernel": 45.0}


def ahead_level(running: float | None, budget: float | None) -> str | None:
    """How far the next notebook's kernel may be started beside a notebook expected to peak at
    ``running`` MiB (``None``: unknown) within ``budget`` (``None``: no limit): ``"imports"``
    (started, ``AHEAD_IMPORTS`` imported), ``"kernel"`` (started only) or ``None`` (not at all).

    >>> ahead_level(800.0, 1000.0), ahead_level(940.0, 1000.0), ahead_level(980.0, 1000.0)
    ('imports', 'kernel', None)
    >>> ahead_level(None, 1000.0), ahead_level(2000.0, None)
    ('imports', 'imports')
    """
    if running is None or budget is None:
        return "imports"
    return next((level for level, mib in AHEAD_MIB.items() if running + mib <= budget), None)


class KernelAhead:
    """A notebook's kernel started on a thread of this process as papermill would start it
    (``jupyter_client``'s ``KernelManager``, the notebook's ``cwd``, ``env`` and kernel
    ``extra_arguments``), then with ``imports`` importing ``AHEAD_IMPORTS`` silently. ``take()``
    waits for the start and gives the manager, for ``papermill.execute_notebook(km=…)`` (``None``
    if the kernel did not start or died: the notebook then starts its own); ``stop()`` shuts an
    untaken kernel down."""

    def __init__(self, cwd: str, env: Mapping[str, str], extra_arguments: Sequence[str], imports: bool):
        import threading

        self.manager = None
        self._thread = threading.Thread(
            target=self._start, args=(cwd, dict(env), list(extra_arguments), imports), daemon=True
        )
        self._thread.start()

    def _start(self, cwd: str, env: dict, extra_arguments: list, imports: bool) -> None:
        from jupyter_client import KernelManager

        manager = KernelManager(kernel_name="python3")
        try:
            # nbclient gives every kernel it starts an in-memory history
            manager.start_kernel(
                extra_arguments=[*extra_arguments, "--HistoryManager.hist_file=:memory:"], cwd=cwd, env=env
            )
            if imports:
                client = manager.client()
                client.start_channels()
                try:
                    client.wait_for_ready(timeout=60)
                    code = f"list(map(__import__, {AHEAD_IMPORTS!r}))"
                    # waits for the reply: a request left unsent when the channels close is lost
                    client.execute(code, silent=True, store_history=False, reply=True, timeout=120)
                finally:
                    client.stop_channels()
        except Exception:  # whatever failed, the notebook starts its own kernel
            stop_kernel(manager)
            return
        finally:
            _close_thread_loop()
        self.manager = manager

    def take(self):
        self._thread.join()
        manager, self.manager = self.manager, None
        if manager is not None and not manager.is_alive():
            stop_kernel(manager)
            return None
        return manager

    def stop(self) -> None:
        stop_kernel(self.take())


def _close_thread_loop() -> None:
    """Close the event loop that jupyter_client's synchronous calls made for this thread
    (jupyter_core's ``ensure_event_loop`` makes one per thread and never closes it: collected
    later, it was reported as an unclosed event loop and unclosed sockets)."""
    import asyncio
    from contextlib import suppress

    with suppress(RuntimeError):  # no loop was made for this thread
        loop = asyncio.get_event_loop_policy().get_event_loop()
        if not loop.is_running():
            loop.close()
        asyncio.set_event_loop(None)


def stop_kernel(manager) -> None:
    """Shut a kernel down as nbclient does after a notebook (gracefully); a dead one is let be."""
    from contextlib import suppress

    if manager is None:
        return
    with suppress(Exception):  # already gone
        if manager.has_kernel:
            manager.shutdown_kernel(now=False)
    with suppress(Exception):
        manager.cleanup_resources()


def _fits(source: Path, running, peaks: Mapping[str, float] | None, budget: float | None) -> bool:
    """Whether ``source`` may start beside the ``running`` notebooks within the memory budget.

    >>> peaks = {"a": 600.0, "b": 700.0, "c": 300.0}
    >>> [_fits(Path(n), [Path("a")], peaks, 1000) for n in "bc"], _fits(Path("b"), [], peaks, 100)
    ([False, True], True)
    """
    running = list(running)
    if not running or peaks is None or budget is None:
        return True
    return sum(peaks[path.name] for path in running) + peaks[source.name] <= budget


def corpus_megabytes(seeds_dir: str | os.PathLike) -> float:
    """Megabytes (10^6 bytes) of the ``*.txt`` files under ``seeds_dir``."""
    return sum(path.stat().st_size for path in Path(seeds_dir).rglob("*.txt") if path.is_file()) / 1e6


# Peak entries of a notebook's metadata by kind of run (``run_kind``): measured cold, on a rerun
# of the last run, on a rerun after adding one file (``tools/notebook_peaks.py``, ``--rerun``).
PEAK_ENTRIES = {"cold": "peak_mib", "warm": "peak_mib_warm", "rerun": "peak_mib_rerun"}


def expected_peaks(
    sources: list[Path], megabytes: float, budget: float, kind: str = "cold"
) -> dict[str, float]:
    """Each notebook's expected peak memory (MiB) on ``megabytes`` of text, from the
    ``textkit.peak_mib`` entry of its metadata (``[base, per_mb]``: base + per_mb × megabytes,
    measured with a cold cache); for another ``kind`` of run (``run_kind``: ``"warm"``, the cache
    holds every result of this very run; ``"rerun"``, the last run differed by a few new or
    edited files) from its entry (``PEAK_ENTRIES``: ``peak_mib_warm``, ``peak_mib_rerun``) where the
    notebook has one (measured on such a run, ``tools/notebook_peaks.py``), never above the cold
    one. A notebook without ``peak_mib`` is given the whole ``budget``, so it runs alone.
    """
    import nbformat

    if kind not in PEAK_ENTRIES:
        raise ValueError(f"kind is one of {', '.join(PEAK_ENTRIES)}, got {kind!r}")
    peaks = {}
    for path in sources:
        metadata = nbformat.read(path, as_version=4).metadata.get("textkit", {})
        cold, measured = metadata.get("peak_mib"), metadata.get(PEAK_ENTRIES[kind])
        peaks[path.name] = float(cold[0] + cold[1] * megabytes) if cold else float(budget)
        if measured and cold:
            peaks[path.name] = min(peaks[path.name], float(measured[0] + measured[1] * megabytes))
    return peaks


# The kernel's TCP-without-encryption warning (ipykernel 7) is noise for a local run.
KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR"]
# pyarrow's default allocator (mimalloc) kept some 65-100 MiB of freed pages after each read of the
# cache's Parquet files; the kernels use the C library's, which gives them back.
KERNEL_ENVIRONMENT = {"ARROW_DEFAULT_MEMORY_POOL": "system"}


def kernel_environment(source: Path, build: Path) -> dict[str, str]:
    """What a notebook's kernel gets besides this process's environment: where setup_notebook
    writes each table shown as CSV (under ``build``), and ``KERNEL_ENVIRONMENT``."""
    kernel = {name: os.environ.get(name, value) for name, value in KERNEL_ENVIRONMENT.items()}
    tables = str(build / "tables" / source.stem)
    return {"TEXTKIT_TABLES_DIR": tables, "TEXTKIT_TABLES_HREF": f"tables/{source.stem}", **kernel}


def kernel_ahead(source: Path, imports: bool, *, cwd: Path, build: Path) -> KernelAhead:
    """``source``'s kernel started now in ``cwd``, as ``textkit.report`` would start it."""
    return KernelAhead(str(cwd), {**os.environ, **kernel_environment(source, build)}, KERNEL_ARGS, imports)


def setup_key(sources: Sequence[Path], parameters: Mapping) -> str:
    """What a report run computes from besides the corpus's files (``run_key``): the notebooks'
    bytes, their parameters (``parameters``: per notebook, the corpus folder among them), the
    source and data files of textkit and the installed distributions with their versions."""
    import hashlib
    import json
    import sys
    from importlib.metadata import distributions

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"python {sys.version}\0".encode())
    for path in sources:
        digest.update(f"notebook\0{path.name}\0".encode() + hashlib.sha256(path.read_bytes()).digest())
    digest.update(json.dumps(parameters, sort_keys=True, default=repr).encode())
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(f"file\0{path.relative_to(package).as_posix()}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    # a set: one distribution found twice on sys.path (an editable install's egg-info in the
    # working folder, found again through PYTHONPATH=.) is the same installation, not another run
    installed = sorted({f"{d.metadata['Name']}={d.version}" for d in distributions()})
    digest.update("\0".join(installed).encode())
    return digest.hexdigest()


def run_key(
    seeds_dir: str | os.PathLike, sources: Sequence[Path], parameters: Mapping, setup: str | None = None
) -> str:
    """What a report run computes from: every corpus file (``corpus_fingerprint``, the files the
    notebooks load) and everything else (``setup_key``; ``setup``: already computed). Two runs with
    the same key ask the cache for the same entries.

    >>> # run_key("seeds", find_notebooks("notebooks"), typed) -> 64 hex digits
    """
    from textkit.corpus import corpus_fingerprint

    setup = setup_key(sources, parameters) if setup is None else setup
    return _run_key(corpus_fingerprint(seeds_dir), setup)


def _run_key(corpus: str, setup: str) -> str:
    import hashlib

    return hashlib.sha256(f"corpus {corpus}\0setup {setup}".encode()).hexdigest()


def corpus_files(seeds_dir: str | os.PathLike) -> dict[str, tuple[int, str]]:
    """Each corpus file the notebooks load (path relative to ``seeds_dir``): its size in bytes and
    the SHA-256 of its bytes (hex), ``textkit.corpus.corpus_state``'s. What ``changed_bytes``
    compares between runs."""
    from textkit.corpus import corpus_state

    return corpus_state(seeds_dir)[1]


def warm_cache(cache_dir: str | os.PathLike | None, key: str) -> bool:
    """Whether the last report run that finished with ``cache_dir`` had this ``key`` (``record_run``).

    Then every entry this run reads is there: cache keys are made of the same inputs, the prune
    at the end of a run never removes what that run used (the record is written after it), and
    ``ParquetCache.prune``/``clear`` delete the record whenever they delete an entry. A run with
    any new or edited file, notebook, parameter or line of textkit is not warm. (Files deleted
    from the folder by hand are not noticed: such a run computes them again, with its notebooks
    side by side as if warm.)
    """
    record = _last_run(cache_dir)
    return record is not None and record["key"] == key


def _last_run(cache_dir: str | os.PathLike | None) -> dict | None:
    """The record ``record_run`` wrote in ``cache_dir``, or ``None`` (none, or unreadable)."""
    import json

    from textkit.cache import LAST_RUN_FILE

    if cache_dir in (None, ""):
        return None
    try:
        record = json.loads((Path(cache_dir) / LAST_RUN_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return record if isinstance(record, dict) and isinstance(record.get("key"), str) else None


def record_run(
    cache_dir: str | os.PathLike | None,
    key: str,
    setup: str | None = None,
    files: Mapping[str, tuple[int, str]] | None = None,
) -> None:
    """Write ``key`` as the last run that finished with ``cache_dir`` (nothing without a folder),
    with its ``setup_key`` and its ``corpus_files`` when given (``changed_bytes`` reads them)."""
    import json

    from textkit.cache import LAST_RUN_FILE

    if cache_dir in (None, ""):
        return
    record = Path(cache_dir) / LAST_RUN_FILE
    listed = {name: list(entry) for name, entry in (files or {}).items()}
    content = {"key": key, "setup": setup, "files": listed}
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        temporary = record.with_name(f"{record.name}.{os.getpid()}")
        temporary.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, record)
    except OSError:  # a read-only folder: the next run is simply not known to be warm
        pass


def changed_bytes(
    cache_dir: str | os.PathLike | None, setup: str, files: Mapping[str, tuple[int, str]]
) -> int | None:
    """Bytes of the ``files`` (``corpus_files``) that are new or edited since the last run that
    finished with ``cache_dir``, when that run had the same ``setup`` (``setup_key``: notebooks,
    parameters, code); ``None`` when it had another or there is no record. Removed files count
    nothing: they leave nothing to compute."""
    record = _last_run(cache_dir)
    if record is None or record.get("setup") != setup or not isinstance(record.get("files"), dict):
        return None
    before = {name: tuple(entry) for name, entry in record["files"].items() if isinstance(entry, list)}
    return sum(size for name, (size, digest) in files.items() if before.get(name) != (size, digest))


def run_state(
    seeds_dir: str | os.PathLike, sources: Sequence[Path], parameters: Mapping, cache_dir
) -> tuple[str, str, dict[str, tuple[int, str]]]:
    """``(run_key, setup_key, corpus_files)`` of a run with ``cache_dir``; without one, nothing
    is recorded or compared: ``("", "", {})``."""
    if cache_dir in (None, ""):
        return "", "", {}
    from textkit.corpus import corpus_state

    setup = setup_key(sources, parameters)
    corpus, files = corpus_state(seeds_dir)  # the files read once for both
    return _run_key(corpus, setup), setup, files


# A rerun whose new or edited files hold less than this many bytes is a "rerun" (``run_kind``): their
# text (fewer characters than bytes) is loaded, normalized and tokenized in the kernel
# (``textkit.parallel.PARALLEL_MIN_CHARS``), as on the one-file rerun that ``peak_mib_rerun`` measures.
RERUN_MAX_BYTES = 1_000_000


def run_kind(cache_dir: str | os.PathLike | None, key: str, setup: str, files: Mapping) -> str:
    """``"warm"`` when the last run that finished with ``cache_dir`` was this very run
    (``warm_cache``), ``"rerun"`` when it differed only by new or edited files of less than
    ``RERUN_MAX_BYTES`` (``changed_bytes``), else ``"cold"``: which peaks to expect (``expected_peaks``)."""
    if warm_cache(cache_dir, key):
        return "warm"
    changed = changed_bytes(cache_dir, setup, files)
    return "rerun" if changed is not None and changed < RERUN_MAX_BYTES else "cold"


def can_pair(sources: Sequence[Path], peaks: Mapping[str, float], budget: float) -> bool:
    """Whether any two notebooks could ever run side by side: neither waits for the other (through
    others too, ``notebook_waits``) and their expected peaks add up to at most ``budget``. When
    none can, the runner runs them one by one in its own process (no pool of notebook processes)."""
    waits = notebook_waits(sources)
    before: dict[str, set[str]] = {}
    for path in sources:  # notebook_waits names earlier notebooks only: one pass closes them
        before[path.name] = set().union(*(before[name] | {name} for name in waits[path.name]))
    names = [path.name for path in sources]
    return any(
        peaks[a] + peaks[b] <= budget and a not in before[b]
        for position, b in enumerate(names)
        for a in names[:position]
    )


_KIND_NAMES = {"cold": "cold", "warm": "warm: a rerun of the last run", "rerun": "rerun: a few files new"}


def memory_plan(
    sources: Sequence[Path], megabytes: float, budget: float, kind: str, at_once: int, announce=print
) -> tuple[dict[str, float], float, int]:
    """``(peaks, budget, at_once)`` for ``run_notebooks``: the expected peaks (``expected_peaks`` for
    this ``kind`` of run) and ``at_once`` 1 when no two notebooks can ever share the budget
    (``can_pair``: then they run one by one in the runner's own process). Announces the plan."""
    budget = float(budget)
    peaks = expected_peaks(list(sources), megabytes, budget, kind)
    if not can_pair(sources, peaks, budget):
        at_once = 1
    announce(
        f"expected peaks ({_KIND_NAMES[kind]}, MiB): "
        + ", ".join(f"{name[:2]} {peak:,.0f}" for name, peak in peaks.items())
        + f"; budget {budget:,.0f}: {'side by side' if at_once > 1 else 'one at a time'}"
    )
    return peaks, budget, at_once


def timed(function: Callable[[], dict]) -> dict:
    """``function()``'s dict with its wall time in ``seconds``."""
    started = time.perf_counter()
    result = function()
    result.setdefault("seconds", time.perf_counter() - started)
    return result


def set_environment(values: dict[str, str]) -> dict[str, str | None]:
    """Set environment variables; returns what to restore with ``restore_environment``."""
    previous = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    return previous


def restore_environment(previous: dict[str, str | None]) -> None:
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def name_injected_cell(notebook: NotebookNode, name: str = "injected-parameters") -> bool:
    """Give papermill's injected-parameters cell the id ``name`` (papermill draws a random one each
    run, and the page shows it: a rerun with the same outputs never found its page kept), unless
    another cell has it; whether the notebook changed.

    >>> import nbformat
    >>> cell = nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["injected-parameters"]})
    >>> nb = nbformat.v4.new_notebook(cells=[cell])
    >>> name_injected_cell(nb), nb.cells[0].id, name_injected_cell(nb)
    (True, 'injected-parameters', False)
    """
    tagged = [i for i, c in enumerate(notebook.cells) if "injected-parameters" in c.metadata.get("tags", [])]
    ids = [cell.get("id") for cell in notebook.cells]
    if len(tagged) != 1 or ids[tagged[0]] in (None, name) or name in ids:
        return False
    notebook.cells[tagged[0]].id = name
    return True
