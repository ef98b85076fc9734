"""Measure each report notebook's peak memory on a warm rerun and write it as ``textkit.peak_mib_warm``.

    .venv/bin/python tools/notebook_peaks.py --corpus ../shared/corpora/rmrb-2023-07-08 \
        --cache DIR [--jobs 2] [--repeat 2] [--notebooks notebooks] [--write]

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
"""

from __future__ import annotations

import argparse
import math
import os
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--notebooks", type=Path, default=REPO / "notebooks")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--write", action="store_true", help="write peak_mib_warm into their metadata")
    args = parser.parse_args(argv)

    import nbformat

    from textkit._schedule import corpus_megabytes, run_key, warm_cache
    from textkit.report import find_notebooks, parse_parameters, resolve_n_jobs

    corpus, cache = args.corpus.resolve(), args.cache.resolve()
    sources = find_notebooks(args.notebooks.resolve())
    given = {"DEFAULT_SOURCE": "人民日报", "SEEDS_DIR": str(corpus), "N_JOBS": resolve_n_jobs(args.jobs),
             "CACHE_DIR": str(cache)}
    typed = parse_parameters(sources, given)
    if not warm_cache(cache, run_key(corpus, sources, typed)):
        command = f"textkit report {corpus} --cache {cache} --jobs {args.jobs} -p DEFAULT_SOURCE 人民日报"
        print(f"{cache} is not warm for this corpus, notebooks and parameters: run `{command}` first",
              file=sys.stderr)
        return 2
    megabytes = corpus_megabytes(corpus)
    print(f"corpus {corpus} ({megabytes:.1f} MB), cache {cache}, N_JOBS {given['N_JOBS']}; "
          f"load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="notebook-peaks-") as folder:
        for source in sources:
            peaks = [measure(source, typed[source.name], Path(folder)) for _ in range(args.repeat)]
            notebook = nbformat.read(source, as_version=4)
            cold = notebook.metadata.get("textkit", {}).get("peak_mib")
            per_mb = float(cold[1]) if cold else 0.0
            entry = [max(0, math.ceil(max(peaks) - per_mb * megabytes)), per_mb]
            cold_text = f"{cold[0] + cold[1] * megabytes:,.0f}" if cold else "-"
            print(f"{source.name}: warm peak PSS (kernel + workers) {', '.join(f'{p:,.0f}' for p in peaks)} "
                  f"MiB; cold peak_mib gives {cold_text} MiB; peak_mib_warm = {entry}", flush=True)
            if args.write:
                notebook.metadata.setdefault("textkit", {})["peak_mib_warm"] = entry
                nbformat.write(notebook, source)
    return 0


if __name__ == "__main__":
    sys.exit(main())
