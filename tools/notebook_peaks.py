"""Measure each report notebook's peak memory on a warm rerun and write it as ``textkit.peak_mib_warm``.

    .venv/bin/python tools/notebook_peaks.py --corpus ../shared/corpora/rmrb-2023-07-08 \
        --cache DIR [--jobs 2] [--repeat 2] [--notebooks notebooks] [--write]
    .venv/bin/python tools/notebook_peaks.py --corpus ../shared/corpora/rmrb-2023-07-08 --rerun \
        [--jobs 2] [--repeat 2] [--notebooks notebooks] [--write]

``DIR`` must be a cache folder with which ``textkit report`` last finished on this corpus with
these notebooks and parameters (``--jobs``, ``-p DEFAULT_SOURCE 人民日报``): the tool checks it
(``textkit._schedule.warm_cache``) and refuses otherwise, so what it measures is the run the runner
will call warm. Each notebook is executed by papermill as the runner executes it (its kernel
arguments and environment, the typed parameters), ``--repeat`` times; the proportional set size
(PSS, ``/proc/PID/smaps_rollup``) of the kernel and its workers is sampled every 50 ms (the
papermill client, this process, is not counted: the cold ``peak_mib`` entries were measured the
same way). With ``--write``, each notebook's metadata gets
``peak_mib_warm = [max(0, ceil(peak - per_mb * MB)), per_mb]``, with the per-MB slope of its cold
``peak_mib`` (a warm rerun holds the same tables; only one corpus size is measured here, and a
slope that is too steep only overestimates larger corpora).
Executed notebooks go to a temporary folder; the notebooks' cells and outputs are not touched.
Only Linux (``/proc``).

With ``--rerun`` (no ``--cache``) the run measured is a rerun after adding one file, which
``textkit._schedule.rerun_share`` tells from a warm one: the corpus is copied to a temporary
folder, ``textkit report`` runs on it once with a temporary cache (cold), one file is added (a
copy of the first file of the last folder with a marker line, ``（副本 1）``, so deduplication keeps
it), and each ``--repeat`` restores the cache as the cold run left it and runs the notebooks in
order, one at a time, each measured. ``--write`` then sets ``peak_mib_rerun`` (same form).
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
import run as stages  # noqa: E402  (the process-tree memory readers of the benchmarks)


def descendants_pss(root: int) -> int:
    """PSS in bytes of every descendant of ``root`` (not ``root`` itself)."""
    return sum(stages._tree_pss(child) for child in stages._children(root))


def measure(source: Path, parameters: dict, build: Path) -> float:
    """Peak PSS (MiB) of the kernel and its workers while papermill runs ``source`` as the runner does."""
    import papermill

    from textkit._schedule import KERNEL_ARGS as _KERNEL_ARGS
    from textkit._schedule import KERNEL_ENVIRONMENT as _KERNEL_ENVIRONMENT

    peak = [0]
    running = [True]

    def sample() -> None:
        while running[0]:
            peak[0] = max(peak[0], descendants_pss(os.getpid()))
            time.sleep(0.05)

    previous = {name: os.environ.get(name) for name in _KERNEL_ENVIRONMENT}
    os.environ.update({"TEXTKIT_TABLES_DIR": str(build / "tables"), **_KERNEL_ENVIRONMENT})
    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        papermill.execute_notebook(
            str(source), str(build / source.name), parameters=parameters, cwd=str(source.parent),
            progress_bar=False, request_save_on_cell_execute=False, kernel_name="python3",
            extra_arguments=_KERNEL_ARGS,
        )
    finally:
        running[0] = False
        thread.join()
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return peak[0] / 2**20


def add_one_file(corpus: Path) -> Path:
    """A copy of the first file of the last folder of ``corpus`` with a marker line (``（副本 1）``)."""
    folder = sorted(path for path in corpus.iterdir() if path.is_dir())[-1]
    first = sorted(folder.glob("*.txt"))[0]
    copy = folder / "zz-copy.txt"
    copy.write_text(first.read_text(encoding="utf-8").rstrip("\n") + "\n　　（副本 1）\n", encoding="utf-8")
    return copy


def rerun_peaks(corpus: Path, sources: list[Path], jobs: int, repeat: int, folder: Path) -> dict[str, list]:
    """Peaks (MiB) of each notebook in ``repeat`` one-file reruns of ``corpus`` (``--rerun``)."""
    from textkit.report import parse_parameters, resolve_n_jobs, run_report

    copied, cache, cold = folder / "corpus", folder / "cache", folder / "cache-cold"
    shutil.copytree(corpus, copied)
    parameters = {"DEFAULT_SOURCE": "人民日报"}
    run_report(copied, sources[0].parent, folder / "cold-report", cache, parameters=parameters, n_jobs=jobs)
    shutil.copytree(cache, cold)
    add_one_file(copied)
    given = {**parameters, "SEEDS_DIR": str(copied), "N_JOBS": resolve_n_jobs(jobs), "CACHE_DIR": str(cache)}
    typed = parse_parameters(sources, given)
    peaks: dict[str, list] = {source.name: [] for source in sources}
    for _ in range(repeat):
        shutil.rmtree(cache)
        shutil.copytree(cold, cache)
        for source in sources:
            peaks[source.name].append(measure(source, typed[source.name], folder))
            print(f"  {source.name}: {peaks[source.name][-1]:,.0f} MiB", flush=True)
    return peaks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--cache", type=Path, help="a warm cache folder (not with --rerun)")
    parser.add_argument("--rerun", action="store_true", help="measure a rerun after adding one file")
    parser.add_argument("--notebooks", type=Path, default=REPO / "notebooks")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument(
        "--write", action="store_true", help="write peak_mib_warm (--rerun: peak_mib_rerun) in the metadata"
    )
    args = parser.parse_args(argv)

    from textkit._schedule import run_key, warm_cache
    from textkit.report import find_notebooks, parse_parameters, resolve_n_jobs

    corpus = args.corpus.resolve()
    sources = find_notebooks(args.notebooks.resolve())
    if args.rerun:
        if args.cache is not None:
            parser.error("--rerun makes its own cache folder: no --cache")
        return write_peaks(sources, corpus, args, "peak_mib_rerun", "one-file rerun")
    if args.cache is None:
        parser.error("--cache is required (or --rerun)")
    cache = args.cache.resolve()
    given = {"DEFAULT_SOURCE": "人民日报", "SEEDS_DIR": str(corpus), "N_JOBS": resolve_n_jobs(args.jobs),
             "CACHE_DIR": str(cache)}
    typed = parse_parameters(sources, given)
    if not warm_cache(cache, run_key(corpus, sources, typed)):
        command = f"textkit report {corpus} --cache {cache} --jobs {args.jobs} -p DEFAULT_SOURCE 人民日报"
        print(f"{cache} is not warm for this corpus, notebooks and parameters: run `{command}` first",
              file=sys.stderr)
        return 2
    print(f"cache {cache}")
    return write_peaks(sources, corpus, args, "peak_mib_warm", "warm", typed)


def write_peaks(sources: list[Path], corpus: Path, args, entry_name: str, kind: str, typed=None) -> int:
    """Measure (``typed``: warm, on the given cache; ``None``: ``rerun_peaks``), print, and with
    ``args.write`` set ``entry_name`` in each notebook's metadata."""
    import nbformat

    from textkit._schedule import corpus_megabytes

    megabytes = corpus_megabytes(corpus)
    print(f"corpus {corpus} ({megabytes:.1f} MB), --jobs {args.jobs}; load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="notebook-peaks-") as folder:
        if typed is None:
            measured = rerun_peaks(corpus, sources, args.jobs, args.repeat, Path(folder))
            megabytes = corpus_megabytes(Path(folder) / "corpus")
        else:
            measured = {
                source.name: [measure(source, typed[source.name], Path(folder)) for _ in range(args.repeat)]
                for source in sources
            }
    for source in sources:
        peaks = measured[source.name]
        notebook = nbformat.read(source, as_version=4)
        cold = notebook.metadata.get("textkit", {}).get("peak_mib")
        per_mb = float(cold[1]) if cold else 0.0
        entry = [max(0, math.ceil(max(peaks) - per_mb * megabytes)), per_mb]
        cold_text = f"{cold[0] + cold[1] * megabytes:,.0f}" if cold else "-"
        print(f"{source.name}: {kind} peak PSS (kernel + workers) {', '.join(f'{p:,.0f}' for p in peaks)} "
              f"MiB; cold peak_mib gives {cold_text} MiB; {entry_name} = {entry}", flush=True)
        if args.write:
            notebook.metadata.setdefault("textkit", {})[entry_name] = entry
            nbformat.write(notebook, source)
    return 0


if __name__ == "__main__":
    sys.exit(main())
