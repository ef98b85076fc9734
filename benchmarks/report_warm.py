"""Issue 14's rerun times, cheaply: `textkit report` warm and after adding one file, cell by cell.

    nice .venv/bin/python benchmarks/report_warm.py --cache DIR [--corpus FOLDER] [--runs warm,onefile]
        [--repeat 3] [--repo CHECKOUT] [--profile DIR] [--jobs 2] [--out FILE]

``--cache`` is a cache folder kept between invocations: when it holds no report of this corpus yet,
a cold run fills it first (timed and printed, not repeated). Then, ``--repeat`` times each:

- **warm**: `textkit report` on the same corpus again (nothing changed);
- **onefile**: a copy of one file with a marker line (``（副本 N）``, N new each time, so
  deduplication keeps it and each repeat adds a file the cache has never seen) added to the
  corpus, then `textkit report`.

The corpus is a folder of symbolic links under ``--work`` (default: a folder beside the cache),
never the original. ``--repo`` runs another checkout (its ``textkit`` and ``notebooks``), so old
and new code run back to back with their own cache folders.

Every notebook runs from a copy with two cells added (first and last) that record, for each cell,
its wall time, the kernel's CPU time and its finished children's CPU time (``os.times``; loky
workers still alive are not counted), and the kernel's CPU time at its first cell (start-up and
imports of ipykernel). Printed per notebook: wall seconds as the runner prints them, the kernel
start (notebook wall minus its cells), and the cells above 0.3 s with wall / CPU. The whole run's
CPU (runner, kernels, finished workers) comes from ``getrusage(RUSAGE_CHILDREN)``. On a machine
shared with other work compare CPU seconds and medians, not single wall times. ``--profile DIR``
also runs cProfile in each kernel and writes ``DIR/<run>-<notebook>.prof``.

Against the plain serial jieba loop (issue 14's target: a one-file rerun within 2× its time), give
``--reference`` to time it in the same invocation (``benchmarks/run.py``'s reference child).

Each run also prints a digest of the notebooks' outputs (``outputs_digest``): two checkouts run on
the same corpus state (the same files added: run them in step, each from its own filled cache)
should print the same one when a change is meant to leave every table, text and figure as it was.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as stages
from report import report_arguments

REPO = stages.REPO

_FIRST = """\
import json as _tk_json, os as _tk_os, time as _tk_time
_tk_cells, _tk_kernel_cpu = [], _tk_time.process_time()
_tk_start = (_tk_time.perf_counter(), _tk_time.process_time(), sum(_tk_os.times()[2:4]), "")
def _tk_pre(info):
    global _tk_start
    _tk_start = (_tk_time.perf_counter(), _tk_time.process_time(), sum(_tk_os.times()[2:4]), info.raw_cell)
def _tk_post(result):
    wall, cpu, children, source = _tk_start
    name = source.strip().splitlines()[-1][:60] if source.strip() else ""
    _tk_cells.append([name, _tk_time.perf_counter() - wall, _tk_time.process_time() - cpu,
                      sum(_tk_os.times()[2:4]) - children])
get_ipython().events.register("pre_run_cell", _tk_pre)
get_ipython().events.register("post_run_cell", _tk_post)
"""
_PROFILE = "import cProfile as _tk_cprofile\n_tk_profile = _tk_cprofile.Profile()\n_tk_profile.enable()\n"
_LAST = """\
_tk_path = PATH
if "_tk_profile" in globals():
    _tk_profile.disable()
    _tk_profile.dump_stats(_tk_path + ".prof")
_tk_out = {"kernel_cpu": _tk_kernel_cpu, "cells": _tk_cells}
_tk_written = open(_tk_path, "w").write(_tk_json.dumps(_tk_out))  # no output: digests of the outputs compare
"""


def instrumented(source: Path, target: Path, profile: bool, record: Path) -> None:
    """Copy a notebook with the timing cells; the last writes ``record`` (its path is written into
    the cell: a kernel started ahead by the runner never sees an environment variable set later)."""
    import nbformat

    notebook = nbformat.read(source, as_version=4)
    first = nbformat.v4.new_code_cell(_FIRST + (_PROFILE if profile else ""))
    last = nbformat.v4.new_code_cell(_LAST.replace("PATH", repr(str(record)), 1))
    notebook.cells = [first, *notebook.cells, last]
    nbformat.write(notebook, target)


def run_report(
    repo: Path, corpus: Path, cache: Path, out: Path, jobs: int, cells_dir: Path, profile: bool,
    extra: tuple[str, ...] = (),
) -> dict:
    notebooks = cells_dir / "notebooks"
    shutil.rmtree(notebooks, ignore_errors=True)
    notebooks.mkdir(parents=True)
    for source in sorted((repo / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        instrumented(source, notebooks / source.name, profile, cells_dir / (source.name + ".json"))
    env = {**os.environ, "PYTHONPATH": str(repo), "PYTHONHASHSEED": "0"}
    env.setdefault("MPLCONFIGDIR", str(REPO / ".venv" / "mplconfig"))
    script = (
        "import sys\n"
        "from textkit.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    command = [sys.executable, "-c", script, *report_arguments(corpus, notebooks, out, cache, jobs), *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=repo, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise RuntimeError(f"report failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    walls = {k: float(v) for k, v in re.findall(r"\] (\d\d)_\S+ \.\.\. done in ([\d.]+) s", done.stdout)}
    notebooks_found = {}
    for path in sorted(cells_dir.glob("[0-9][0-9]_*.ipynb.json")):
        notebooks_found[path.name[:2]] = json.loads(path.read_text())
        path.unlink()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "seconds": seconds, "cpu": cpu, "walls": walls, "cells": notebooks_found,
        "outputs": outputs_digest(out),
    }


def outputs_digest(reports: Path) -> str:
    """SHA-256 (16 hex digits) of every code cell's outputs of the executed notebooks in ``reports``,
    without execution counts and output metadata and without the two timing cells: equal when two
    checkouts' reports show the same tables, text and figures."""
    import hashlib

    import nbformat

    digest = hashlib.sha256()
    for path in sorted(reports.glob("[0-9][0-9]_*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code" or cell.source.startswith(("_tk_path", "import json as _tk_json")):
                continue
            left_out = ("execution_count", "metadata")
            outputs = [{k: v for k, v in o.items() if k not in left_out} for o in cell.outputs]
            digest.update(json.dumps(outputs, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()[:16]


def add_file(corpus: Path, source_root: Path, number: int) -> Path:
    files = sorted(source_root.rglob("*.txt"))
    source = files[(len(files) // 2 + number) % len(files)]
    added = corpus / "added" / f"{source.stem}-added-{number}.txt"
    added.parent.mkdir(parents=True, exist_ok=True)
    added.write_text(
        source.read_text(encoding="utf-8").rstrip("\n") + f"\n　　（副本 {number}）\n", encoding="utf-8"
    )
    return added


def describe(label: str, result: dict, min_seconds: float = 0.3) -> list[str]:
    lines = [
        f"### {label}: {result['seconds']:.1f} s wall, {result['cpu']:.1f} s CPU (runner, kernels, workers); "
        f"outputs sha256 {result.get('outputs', '-')}"
    ]
    for number, wall in sorted(result["walls"].items()):
        record = result["cells"].get(number, {"cells": [], "kernel_cpu": 0.0})
        cells = record["cells"]
        in_cells = sum(c[1] for c in cells)
        cpu = sum(c[2] + c[3] for c in cells)
        slow = [f"{name!r} {w:.1f}/{c + k:.1f}" for name, w, c, k in cells if w >= min_seconds]
        lines.append(
            f"- {number}: {wall:.1f} s wall (cells {in_cells:.1f} s, {cpu:.1f} s CPU; kernel start "
            f"{wall - in_cells:.1f} s, {record['kernel_cpu']:.1f} s CPU); cells ≥ {min_seconds} s wall/CPU: "
            + "; ".join(slow)
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=stages.DEFAULT_CORPUS)
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--repo", type=Path, default=REPO)
    parser.add_argument("--runs", default="warm,onefile")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--reference", action="store_true", help="time the plain jieba loop too")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--runner-args", default="", help="more `textkit report` options, e.g. '--at-once 1'")
    args = parser.parse_args(argv)
    lines: list[str] = []
    extra = tuple(args.runner_args.split())

    def say(line: str = "") -> None:
        lines.append(line)
        print(line, flush=True)
        if args.out:
            args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")

    repo, cache = args.repo.resolve(), args.cache.resolve()
    work = (args.work or cache.with_name(cache.name + "-work")).resolve()
    corpus = work / "corpus"
    if not corpus.is_dir():
        stages.make_subset(sorted(args.corpus.resolve().rglob("*.txt")), args.corpus.resolve(), corpus)
    say(f"repo {repo}; corpus {corpus}; cache {cache}; --jobs {args.jobs}; load {os.getloadavg()[0]:.2f}")
    if args.reference:
        reference = stages.run_child({"kind": "reference", "folder": str(corpus)})
        say(
            f"plain serial jieba loop: {reference['seconds']:.1f} s "
            f"({reference.get('cpu_seconds', 0):.1f} s CPU)"
        )
    profile = args.profile.resolve() if args.profile else None
    if profile:
        profile.mkdir(parents=True, exist_ok=True)
    if not (cache / ".report-filled").exists():
        result = run_report(repo, corpus, cache, work / "reports", args.jobs, work, False, extra)
        (cache / ".report-filled").touch()
        say("\n".join(describe("cold (fills the cache)", result)))
    totals: dict[str, list[dict]] = {}
    counter = work / "added-count"
    for _ in range(args.repeat):
        for run in [name for name in args.runs.split(",") if name]:
            if run == "onefile":
                number = int(counter.read_text()) + 1 if counter.exists() else 1
                counter.write_text(str(number))
                add_file(corpus, args.corpus.resolve(), number)
            reports = work / "reports"
            result = run_report(repo, corpus, cache, reports, args.jobs, work, profile is not None, extra)
            if profile:
                for path in work.glob("*.ipynb.json.prof"):
                    shutil.move(path, profile / f"{run}-{len(totals.get(run, []))}-{path.name[:2]}.prof")
            totals.setdefault(run, []).append(result)
            say("\n".join(describe(f"{run} (load {os.getloadavg()[0]:.2f})", result)))
    say("")
    say("| run | n | wall s (median) | CPU s (median) | per notebook wall s, median (01 02 03 04 05) |")
    say("| --- | ---: | ---: | ---: | --- |")
    for run, results in totals.items():
        numbers = sorted({n for r in results for n in r["walls"]})
        per = " ".join(f"{statistics.median(r['walls'].get(n, 0) for r in results):.1f}" for n in numbers)
        say(
            f"| {run} | {len(results)} | {statistics.median(r['seconds'] for r in results):.1f} | "
            f"{statistics.median(r['cpu'] for r in results):.1f} | {per} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
