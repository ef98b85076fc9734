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

__all__ = ["can_pair", "corpus_megabytes", "expected_peaks", "notebook_waits", "run_notebooks"]


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
) -> list[dict]:
    """``execute(source)`` for every notebook, at most ``at_once`` at a time, each after the
    notebooks it waits for (``notebook_waits``); results in the order of ``sources``.

    With ``peaks`` (each notebook's expected peak memory, by file name) and a ``budget`` (same
    unit), a notebook starts beside running ones only while the sum of their expected peaks and
    its own stays within the budget (alone, it always starts): which notebooks may run together
    depends only on these numbers, not on timing.

    ``execute`` returns a dict (picklable); one with a ``"failed"`` entry stops the scheduling:
    the notebooks already running finish, no other starts, and the results so far are returned
    (the failed one last). ``at_once`` 1 runs them in this process, in order.
    """
    total = len(sources)
    number = {path.name: position for position, path in enumerate(sources, 1)}
    if at_once <= 1 or total <= 1:
        results = []
        for source in sources:
            announce(f"[{number[source.name]}/{total}] {source.name} ...", end=" ")
            result = execute(source)
            results.append(result)
            announce("failed" if "failed" in result else f"done in {result['seconds']:.1f} s")
            if "failed" in result:
                break
        return results
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


def expected_peaks(sources: list[Path], megabytes: float, budget: float) -> dict[str, float]:
    """Each notebook's expected peak memory (MiB) on ``megabytes`` of text, from the
    ``textkit.peak_mib`` entry of its metadata (``[base, per_mb]``: base + per_mb × megabytes);
    a notebook without it is given the whole ``budget``, so it runs alone."""
    import nbformat

    peaks = {}
    for path in sources:
        entry = nbformat.read(path, as_version=4).metadata.get("textkit", {}).get("peak_mib")
        peaks[path.name] = float(entry[0] + entry[1] * megabytes) if entry else float(budget)
    return peaks


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
