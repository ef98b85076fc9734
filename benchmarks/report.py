"""Issue 14's table: end-to-end and `textkit report` on People's Daily against a plain jieba loop.

    nice .venv/bin/python benchmarks/report.py [--corpus ../shared/corpora/rmrb-2023-07-08]
        [--jobs 2] [--sizes 25,50,100,200,400] [--skip-report] [--repeat N] [--out FILE]

Everything is measured in this one run, each configuration in a fresh subprocess:

- **reference**: a plain serial ``jieba.lcut`` loop over the loaded texts (``benchmarks/run.py``'s
  reference child); measured at every size up to 100 %; above 100 % the files are copies, so
  it is the 100 % time scaled by the megabytes (jieba does the same work per byte);
- **end-to-end** (load → normalize → split → tokenize → vectorize → cluster, no cache; the stages
  and clustering of ``benchmarks/run.py``: word + character TF-IDF, 100 LSA dimensions, k-means
  k = 10), serially and with ``--jobs`` workers; with ``--repeat N``, N rounds of the jieba loop
  and both runs one after the other, and their medians with their range (wall and CPU seconds),
  for a machine other sessions share;
- **`textkit report`** (all notebooks, ``--jobs``, ``-p DEFAULT_SOURCE 人民日报``) with an empty
  cache folder (cold), again (warm), and again after adding one file to the corpus (a copy of
  one file with a marker line, so deduplication keeps it); wall time, per-notebook seconds as
  the runner prints them, peak memory of the runner and its kernels and workers, two ways: the
  sum of their resident sets (RSS; a page a forked worker shares copy-on-write with its kernel
  counts in both) and the sum of their proportional set sizes (PSS; a shared page counts 1/n in
  each of the n processes that share it);
- **topics once**: with a fresh cache folder, ``fit_topics_cached`` as notebook 03 calls it (a
  miss: it fits and stores) against the same call again (what notebook 04 does), and the cost of
  sending every article text to a worker and back (pickle), the most a one-pass
  normalize-and-segment worker call could save;
- **growth**: end-to-end with ``--jobs`` workers at 25/50/100/200/400 % of the files (every
  4th, every 2nd, all; above 100 % every file again with a marker line ``（副本 N）`` so
  deduplication keeps it), with a least-squares line projected to 90 MB and 1 GB.

The corpus folder is never written: subsets are folders of symbolic links and copies under a
temporary directory. The machine is shared: the load average is printed with each run, and
timings are noisy. Results are printed as they come (``--out`` also writes them to a file), so
an interrupted run still shows what it measured.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as stages

REPO = stages.REPO
LINES: list[str] = []
OUT: Path | None = None


def say(line: str = "") -> None:
    LINES.append(line)
    print(line, flush=True)
    if OUT is not None:
        OUT.write_text("\n".join(LINES) + "\n", encoding="utf-8")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# --------------------------------------------------------------------------- corpora


def replicated(files: list[Path], root: Path, target: Path, copies: int) -> Path:
    """All files (links) plus ``copies - 1`` marked copies of each."""
    stages.make_subset(files, root, target)
    for copy in range(2, copies + 1):
        for path in files:
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:  # not in People's Daily; a copy would need its encoding
                continue
            new = target / f"copy{copy}" / path.relative_to(root)
            new.parent.mkdir(parents=True, exist_ok=True)
            new.write_text(text.rstrip("\n") + f"\n　　（副本 {copy}）\n", encoding="utf-8")
    return target


# --------------------------------------------------------------------------- textkit report


def report_arguments(
    corpus: Path,
    notebooks: Path,
    out: Path,
    cache: Path,
    jobs: int,
    at_once: int | None = None,
    memory_budget: float | None = None,
) -> list[str]:
    """The ``textkit report`` arguments both report benchmarks run (People's Daily as the source)."""
    arguments = [
        "report", str(corpus), "--notebooks", str(notebooks), "--out", str(out), "--cache", str(cache),
        "--jobs", str(jobs), "-p", "DEFAULT_SOURCE", "人民日报",
    ]
    arguments += ["--at-once", str(at_once)] if at_once is not None else []
    return arguments + (["--memory-budget", str(memory_budget)] if memory_budget is not None else [])


def run_report(
    corpus: Path,
    out: Path,
    cache: Path,
    jobs: int,
    at_once: int | None = None,
    memory_budget: float | None = None,
) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": "0"}
    command = [
        sys.executable,
        "-m",
        "textkit.cli",
        *report_arguments(corpus, REPO / "notebooks", out, cache, jobs, at_once, memory_budget),
    ]
    load = _load()
    cpu_before = _children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=env
    )
    peak = [0, 0]  # RSS sum, PSS sum
    # Peak per notebook: the runner prints "[3/5] 03_topics.ipynb ... " when a notebook starts.
    peaks: dict[str, int] = {}
    pss_peaks: dict[str, int] = {}
    out_chars: list[str] = []
    err_chars: list[str] = []

    def read(stream, into: list[str]) -> None:
        for char in iter(lambda: stream.read(1), ""):
            into.append(char)

    def sample() -> None:
        while process.poll() is None:
            rss, pss = stages._tree_rss(process.pid), stages._tree_pss(process.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            started = re.findall(r"\[\d+/\d+\] (\d\d)_", "".join(out_chars))
            if started:
                peaks[started[-1]] = max(peaks.get(started[-1], 0), rss)
                pss_peaks[started[-1]] = max(pss_peaks.get(started[-1], 0), pss)
            time.sleep(0.1)

    threads = [
        threading.Thread(target=read, args=(process.stdout, out_chars), daemon=True),
        threading.Thread(target=read, args=(process.stderr, err_chars), daemon=True),
        threading.Thread(target=sample, daemon=True),
    ]
    for thread in threads:
        thread.start()
    process.wait()
    seconds = time.perf_counter() - start
    cpu = _children_cpu() - cpu_before
    for thread in threads:
        thread.join()
    stdout, stderr = "".join(out_chars), "".join(err_chars)
    if process.returncode != 0:
        raise RuntimeError(
            f"textkit report failed ({process.returncode}):\n{stdout[-2000:]}\n{stderr[-3000:]}"
        )
    notebooks = dict(re.findall(r"\] (\d\d)_\S+ \.\.\. done in ([\d.]+) s", stdout))
    cache_mb = sum(p.stat().st_size for p in cache.rglob("*") if p.is_file()) / 1e6 if cache.is_dir() else 0.0
    return {
        "seconds": seconds,
        "cpu": cpu,
        "peak": peak[0],
        "peak_pss": peak[1],
        "peaks": peaks,
        "pss_peaks": pss_peaks,
        "notebooks": notebooks,
        "load": (load, _load()),
        "slowest": slowest_cells(out),
        "cache_mb": cache_mb,
    }


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished children: the runner, its kernels and their
    workers once they are waited for. On a shared machine CPU is steadier than wall time."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def slowest_cells(out: Path, n: int = 3) -> dict[str, list[tuple[int, float]]]:
    """Per executed notebook, its ``n`` slowest cells (index in the source notebook, seconds), as
    papermill timed them (the injected parameters cell is not counted in the index)."""
    import nbformat

    found = {}
    for path in sorted(out.glob("[0-9][0-9]_*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        timed, index = [], 0
        for cell in cells:
            if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
                continue
            duration = cell.get("metadata", {}).get("papermill", {}).get("duration")
            if cell.cell_type == "code" and duration:
                timed.append((index, round(float(duration), 1)))
            index += 1
        found[path.name[:2]] = sorted(timed, key=lambda item: -item[1])[:n]
    return found


# --------------------------------------------------------------------------- topics once


def topics_child(spec: dict) -> None:
    """In a fresh process: notebook 03's fit, computed and read from the cache; the pickle cost."""
    import pickle

    from textkit.cache import ParquetCache
    from textkit.cluster import clustering_units
    from textkit.pipeline import fit_topics_cached, make_tokenizer, prepare_corpus, topics_key

    cache_dir, jobs = spec["cache_dir"], spec["jobs"]
    articles = prepare_corpus(spec["folder"], default_source="人民日报", cache_dir=cache_dir).articles
    unit, units = clustering_units(articles, "auto")
    tokens = make_tokenizer(cache_dir).tokenize_corpus(units)
    params = {"ks": None, "k": None, "min_stability": 0.75, "random_state": 0, "unit": unit}
    start = time.perf_counter()
    model, _ = fit_topics_cached(tokens, cache_dir, **params, n_jobs=jobs)  # a miss: fits and stores
    fit_seconds = time.perf_counter() - start
    start = time.perf_counter()
    cached, _ = fit_topics_cached(tokens, cache_dir, **params, n_jobs=jobs)
    hit_seconds = time.perf_counter() - start
    namespace, key = topics_key(tokens, **params)
    blob = ParquetCache(cache_dir)._blob_path(namespace, key)
    texts = articles["text"].tolist()
    start = time.perf_counter()
    pickle.loads(pickle.dumps(texts, protocol=pickle.HIGHEST_PROTOCOL))
    crossing = time.perf_counter() - start
    result = {
        "units": len(units),
        "unit": unit,
        "k": int(model.k),
        "fit_seconds": fit_seconds,
        "hit_seconds": hit_seconds,
        "same_labels": bool((model.labels_ == cached.labels_).all()),
        "blob_mb": blob.stat().st_size / 1e6 if blob.exists() else None,
        "text_mb": sum(len(t.encode()) for t in texts) / 1e6,
        "pickle_round_trip_seconds": crossing,
    }
    print("RESULT " + json.dumps(result))


def run_topics(folder: Path, cache: Path, jobs: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": "0"}
    spec = json.dumps({"folder": str(folder), "cache_dir": str(cache), "jobs": jobs})
    done = subprocess.run(
        [sys.executable, __file__, "--topics-child", spec],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode or not lines:
        raise RuntimeError(f"topics child failed:\n{done.stderr[-3000:]}")
    return json.loads(lines[-1][len("RESULT ") :])


# --------------------------------------------------------------------------- main


def _pipeline(folder: Path, jobs: int, extras: bool = True) -> dict:
    spec = {
        "kind": "pipeline",
        "folder": str(folder),
        "n_jobs": jobs,
        "engine": "auto",
        "warm_up": jobs != 1,
        "extras": extras,
    }
    return stages.run_child(spec)


def median_summary(label: str, runs: list[dict], references: list[dict]) -> str:
    """One line for ``--repeat``: the median wall and CPU seconds of the runs (with their range),
    the ratio of the median jieba loop to the median textkit run, and the median of the ratios
    taken run by run (each textkit run against the jieba loop measured just before it), and the
    ratio of the median CPU seconds (textkit: all its processes). ``tests/test_benchmarks.py``
    has an example.
    """
    import statistics

    walls = [sum(run["timings"].values()) for run in runs]
    cpus = [sum(run["cpu"].values()) + run.get("workers_cpu", 0.0) for run in runs]
    jieba = [reference["seconds"] for reference in references]
    jieba_cpu = [reference["cpu_seconds"] for reference in references]
    ratios = [ref / wall for ref, wall in zip(jieba, walls, strict=True)]
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    return (
        f"| {label}, median of {len(runs)} | {wall:.1f} s ({min(walls):.1f}–{max(walls):.1f}) | "
        f"{cpu:.1f} s ({min(cpus):.1f}–{max(cpus):.1f}) | **{statistics.median(jieba) / wall:.2f}×** "
        f"(run by run: {statistics.median(ratios):.2f}×, {min(ratios):.2f}–{max(ratios):.2f}) | "
        f"{statistics.median(jieba_cpu) / cpu:.2f}× |"
    )


def _e2e_row(
    label: str, result: dict, reference_seconds: float, note: str = "", reference_cpu: float | None = None
) -> str:
    total = sum(result["timings"].values())
    peak = max(result["peaks"].values())
    stage_seconds = " / ".join(f"{result['timings'][s]:.1f}" for s in stages.STAGES)
    cpu = result.get("cpu", {})
    stage_cpu = " / ".join(f"{cpu[s]:.1f}" for s in stages.STAGES) if cpu else "–"
    total_cpu = sum(cpu.values()) + result.get("workers_cpu", 0.0)
    cpu_ratio = f"{reference_cpu / total_cpu:.2f}×" if cpu and reference_cpu else "–"
    return (
        f"| {label} | {result['mb']:.1f} | {reference_seconds:.1f}{note} | {total:.1f} | "
        f"**{reference_seconds / total:.2f}×** | {stage_seconds} | {stage_cpu} + "
        f"{result.get('workers_cpu', 0.0):.1f} | {cpu_ratio} | {peak / 2**20:,.0f} | "
        f"{result['load'][0]:.2f}→{result['load'][1]:.2f} |"
    )


E2E_HEADER = [
    "| run | MB | jieba loop s | textkit s | jieba / textkit | load/normalize/split/tokenize/vectorize/"
    "cluster s | CPU s, main process per stage + workers | jieba CPU / textkit CPU | peak MiB | load avg |",
    "| --- | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | --- |",
]


def main(argv: list[str] | None = None) -> int:
    global OUT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=stages.DEFAULT_CORPUS)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--at-once", type=int, help="notebooks side by side (default: textkit report's)")
    parser.add_argument(
        "--memory-budget",
        type=float,
        help="MiB the notebooks side by side may expect to use (default: textkit report's)",
    )
    parser.add_argument("--sizes", default="25,50,100,200,400", help="percent of the files, comma-separated")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="end-to-end at 100 %%: this many rounds of jieba loop, n_jobs=1 and --jobs, one after the "
        "other, and their medians (for a shared machine)",
    )
    parser.add_argument("--skip-report", action="store_true", help="no `textkit report` runs")
    parser.add_argument("--skip-topics", action="store_true", help="no topics-once measurement")
    parser.add_argument("--skip-e2e", action="store_true", help="no end-to-end runs at 100 %% first")
    parser.add_argument("--out", type=Path, help="also write the results to this file")
    parser.add_argument("--topics-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.topics_child:
        topics_child(json.loads(args.topics_child))
        return 0
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    OUT = args.out
    corpus = args.corpus.resolve()
    files = sorted(corpus.rglob("*.txt"))
    sizes = [int(s) for s in args.sizes.split(",") if s]
    work = Path(tempfile.mkdtemp(prefix="textkit-report-bench-"))
    say(
        f"corpus {corpus} ({len(files)} files); {os.cpu_count()} CPUs; --jobs {args.jobs}; "
        f"load average {_load()}"
    )
    try:
        full = stages.make_subset(files, corpus, work / "p100")
        references: dict[int, dict] = {100: stages.run_child({"kind": "reference", "folder": str(full)})}
        ref = references[100]
        say(
            f"reference, 100 %: plain serial jieba.lcut over {ref['n_texts']} texts ({ref['mb']:.1f} MB): "
            f"{ref['seconds']:.1f} s ({ref['mb'] / ref['seconds']:.2f} MB/s; "
            f"{ref.get('cpu_seconds', 0):.1f} s CPU), "
            f"peak {ref['peak'] / 2**20:,.0f} MiB"
        )
        parallel = None
        if not args.skip_e2e:
            say("")
            say("## End to end, 100 %, no cache (load → normalize → split → tokenize → vectorize → cluster)")
            for line in E2E_HEADER:
                say(line)
            rounds: list[tuple[dict, dict, dict]] = []
            for number in range(max(1, args.repeat)):
                if number:  # each round its own jieba loop, measured just before its textkit runs
                    ref = stages.run_child({"kind": "reference", "folder": str(full)})
                    say(f"| jieba loop, round {number + 1} | {ref['mb']:.1f} | {ref['seconds']:.1f} "
                        f"({ref['cpu_seconds']:.1f} s CPU) | | | | | | | {_load()} |")
                reference_cpu = ref.get("cpu_seconds")
                serial = _pipeline(full, 1, extras=not number)
                say(_e2e_row("n_jobs=1", serial, ref["seconds"], reference_cpu=reference_cpu))
                parallel = _pipeline(full, args.jobs, extras=not number)
                say(_e2e_row(f"n_jobs={args.jobs}", parallel, ref["seconds"], reference_cpu=reference_cpu))
                rounds.append((ref, serial, parallel))
            say(f"(engine {parallel['engine_used']}; {parallel['n_articles']} articles)")
            if len(rounds) > 1:
                say("")
                say(
                    "| run | textkit wall | textkit CPU (all processes) | jieba / textkit, wall "
                    "| jieba / textkit, CPU |"
                )
                say("| --- | ---: | ---: | ---: | ---: |")
                references_run = [r for r, _, _ in rounds]
                say(median_summary("n_jobs=1", [s for _, s, _ in rounds], references_run))
                say(median_summary(f"n_jobs={args.jobs}", [p for _, _, p in rounds], references_run))
                jieba_walls = sorted(r["seconds"] for r in references_run)
                say(f"jieba loop: {', '.join(f'{w:.1f}' for w in jieba_walls)} s")
                ref = references[100]  # the first round's loop: the growth rows below scale it

        if not args.skip_report:
            say("")
            say(f"## `textkit report` (all notebooks, --jobs {args.jobs}), 100 %")
            say(
                "| run | seconds | CPU s | × jieba loop | peak MiB, RSS sum | peak MiB, PSS sum | "
                "per notebook s (01 02 03 04 05) | load avg |"
            )
            say("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
            corpus_copy = stages.make_subset(files, corpus, work / "report-corpus")
            cache, out = work / "cache", work / "reports"
            runs = {}
            notes: list[str] = []
            for label in ("cold cache", "warm rerun", "rerun after adding one file"):
                if label.startswith("rerun after"):
                    source = files[len(files) // 2]
                    added = corpus_copy / "added" / f"{source.stem}-added.txt"
                    added.parent.mkdir(parents=True, exist_ok=True)
                    text = source.read_text(encoding="utf-8")
                    added.write_text(text.rstrip("\n") + "\n　　（新增的一篇）\n", encoding="utf-8")
                result = runs[label] = run_report(
                    corpus_copy, out, cache, args.jobs, args.at_once, args.memory_budget
                )
                per = " ".join(result["notebooks"].get(f"{n:02d}", "?") for n in range(1, 6))
                say(
                    f"| {label} | {result['seconds']:.1f} | {result['cpu']:.1f} | "
                    f"{result['seconds'] / ref['seconds']:.2f} | "
                    f"{result['peak'] / 2**20:,.0f} | {result['peak_pss'] / 2**20:,.0f} | {per} | "
                    f"{result['load'][0]}→{result['load'][1]} |"
                )
                slow = "; ".join(
                    f"{nb}: " + ", ".join(f"[{cell}] {sec:.1f}" for cell, sec in cells)
                    for nb, cells in result["slowest"].items()
                )
                peaks = " ".join(
                    f"{nb}: {rss / 2**20:,.0f} / {result['pss_peaks'].get(nb, 0) / 2**20:,.0f}"
                    for nb, rss in sorted(result["peaks"].items())
                )
                notes.append(
                    f"- {label}: cache {result['cache_mb']:,.0f} MB; "
                    f"peak MiB per notebook (RSS sum / PSS sum) {peaks}; "
                    f"slowest cells (s) {slow}"
                )
            say("")
            for line in notes:
                say(line)
        if not args.skip_topics:
            say("")
            topics = run_topics(full, work / "topics-cache", args.jobs)
            say(
                f"Topics once ({topics['units']} {topics['unit']} units, k={topics['k']}): "
                "fit_topics_cached as notebook 03 calls it (miss: fit and store) "
                f"{topics['fit_seconds']:.1f} s; "
                "fit_topics_cached reading 03's fit "
                f"{topics['hit_seconds']:.2f} s ({topics['blob_mb']:.0f} MB file), same labels: "
                f"{topics['same_labels']}"
            )
            say(
                f"One pass per text: pickling all article texts ({topics['text_mb']:.1f} MB) there and back "
                f"takes {topics['pickle_round_trip_seconds']:.2f} s — the most a normalize-and-segment "
                "worker call could save over the two calls"
            )

        say("")
        say(f"## Growth, n_jobs={args.jobs}, no cache (above 100 %: marked copies; jieba loop scaled by MB)")
        for line in E2E_HEADER:
            say(line)
        growth: dict[int, dict] = {} if parallel is None else {100: parallel}
        for size in sizes:
            if size not in growth:
                if size == 100:
                    folder = full
                elif size < 100:
                    folder = stages.make_subset(files[:: round(100 / size)], corpus, work / f"p{size}")
                    references[size] = stages.run_child({"kind": "reference", "folder": str(folder)})
                else:
                    folder = replicated(files, corpus, work / f"p{size}", copies=round(size / 100))
                growth[size] = _pipeline(folder, args.jobs, extras=False)  # its timed stages only
                if size != 100:
                    shutil.rmtree(work / f"p{size}", ignore_errors=True)
            result = growth[size]
            if size in references:
                reference_seconds, note = references[size]["seconds"], ""
            else:
                reference_seconds, note = ref["seconds"] * result["mb"] / ref["mb"], " (scaled)"
            say(_e2e_row(f"{size} %", result, reference_seconds, note))
        points = sorted(
            (r["mb"], sum(r["timings"].values()), max(r["peaks"].values())) for r in growth.values()
        )
        if len(points) >= 2:
            import numpy as np

            mb, seconds, peak = (np.array(column, dtype=float) for column in zip(*points, strict=True))
            time_slope, time_base = np.polyfit(mb, seconds, 1)
            peak_slope, peak_base = np.polyfit(mb, peak / 2**20, 1)
            say(
                f"least squares over {len(points)} sizes: time = {time_base:.1f} s + {time_slope:.2f} s/MB; "
                f"peak = {peak_base:,.0f} MiB + {peak_slope:.1f} MiB/MB"
            )
            for target in (90, 1000):
                say(
                    f"projected for {target:,} MB: {time_base + time_slope * target:,.0f} s, "
                    f"{peak_base + peak_slope * target:,.0f} MiB peak "
                    f"(jieba loop at this run's rate: {ref['seconds'] / ref['mb'] * target:,.0f} s)"
                )
        say(f"load average at end: {_load()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
