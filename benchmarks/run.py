"""End-to-end benchmark: every stage on People's Daily, against a plain jieba loop, at three sizes.

    .venv/bin/python benchmarks/run.py [--corpus ../shared/corpora/rmrb-2023-07-08] [--quick | --e2e]

``--e2e``: only the reference, ``n_jobs=1`` and ``n_jobs=2`` on all files (no cache runs, no
other sizes or engines), for repeated runs on a busy machine.

Stages: load (``load_corpus``), normalize (``normalize_corpus``), split (``split_articles``),
tokenize (``Tokenizer.tokenize_corpus`` on the articles), vectorize (``textkit.features.
TermFeatures``: word + character TF-IDF, sparse, its row-wise steps on ``n_jobs`` threads) and
cluster (``lsa_embedding``, 100 LSA dimensions, its sparse products on ``n_jobs`` threads, then
scikit-learn's ``KMeans(k=10, n_init=10, random_state=0)`` with one OpenMP thread, as
``TopicClusterer`` runs it below 20,000 units: with OpenMP's threads on the 2 shared cores the same
fit took 7.4 s instead of 1.0 s at load average 4; its 10 starts on ``n_jobs`` threads,
``textkit._kmeans.fit_kmeans``, the same fit bit for bit). For each: wall time, MB/s (UTF-8 bytes of
the loaded text per second) and peak memory.

The reference is a plain serial ``jieba.lcut`` loop over the same loaded texts (jieba's
global dictionary, built before the clock starts). The ratio printed is *reference
segmentation time / textkit end-to-end time* (all stages, dictionary building and worker
start-up included), for ``n_jobs=1`` and ``n_jobs=2``.

Sizes: 25 %, 50 % and 100 % of the files (every 4th, every 2nd, all, in path order; folders
of symbolic links under a temporary directory, so ``load_corpus`` sees a normal corpus).

``n_jobs=2`` workers are forked from the benchmark's process at each parallel call where the
platform can (``textkit.parallel.forks``): they start with the tables and the segmenter built in
it, so the warm-up there loads the normalization tables in this process while forked workers read
the files (``load_corpus(..., n_jobs, meanwhile=...)``) and builds the segmenter while the forked
workers normalize (``normalize_corpus(..., meanwhile=...)``), as ``prepare_corpus(..., n_jobs,
tokenizer=...)`` does.
With loky workers (elsewhere), ``n_jobs=2`` runs without a cache start the workers (and build
the segmenter in them) while the files load, as ``prepare_corpus(..., n_jobs=2, tokenizer=...)``
does; one run at 100 % without that warm-up shows what it saves.

Cache: at 100 % with ``n_jobs=2`` (no warm-up: a rerun mostly finds its work done), a run with an
empty ``ParquetCache`` folder (cold), the same again (warm), and a rerun after adding one file
(the cache filled from all files but the last, then the run on all files).

Memory: every configuration runs in a fresh subprocess. A thread samples the resident set size
(RSS) of that process *and its worker processes* every 50 ms; each stage reports the highest
total seen while it ran (so it includes what earlier stages still hold, the way a notebook
holds them). The 2 cores are shared with other work: the load average is printed with every
configuration, and the ratios compare runs made minutes apart. CPU seconds are recorded as well
(``time.process_time`` per stage in the main process, and the worker processes' from
``getrusage(RUSAGE_CHILDREN)``, per stage: forked workers end, and are reaped, with their call):
on a busy machine they vary much less than wall time, and the ratio of the jieba loop's CPU
seconds to textkit's is what the wall-time ratio would be with the machine to itself (for
``n_jobs=1``; with workers it is the cost, not the speed).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "rmrb-2023-07-08"
STAGES = ("load", "normalize", "split", "tokenize", "vectorize", "cluster")
PAGE = os.sysconf("SC_PAGE_SIZE")


# --------------------------------------------------------------------------- memory sampling


def _children(pid: int) -> list[int]:
    """Child processes of ``pid``, from the ``children`` file of each of its threads."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", "rb") as handle:
                found.extend(int(child) for child in handle.read().split())
        except OSError:
            continue
    return found


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * PAGE
        except OSError:
            continue
        todo.extend(_children(pid))
    return total


def _tree_pss(root: int) -> int:
    """Proportional set size of ``root`` and all its descendants (``/proc/PID/smaps_rollup``): a page
    shared by n processes (a forked worker's copy-on-write pages) counts 1/n in each, so the sum is
    what the tree holds, where the RSS sum counts shared pages once per process."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                total += next(int(line.split()[1]) for line in handle if line.startswith(b"Pss:")) * 1024
        except (OSError, StopIteration):
            continue
        todo.extend(_children(pid))
    return total


class PeakSampler:
    """Highest process-tree RSS between ``start()`` and ``stop()``, sampled every 50 ms."""

    def __init__(self) -> None:
        self.peak = 0
        self._running = False
        self._thread: threading.Thread | None = None

    def _loop(self) -> None:
        while self._running:
            self.peak = max(self.peak, _tree_rss(os.getpid()))
            time.sleep(0.05)

    def start(self) -> None:
        self.peak = _tree_rss(os.getpid())
        self._running = True
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def stop(self) -> int:
        self._running = False
        self._thread.join()
        self.peak = max(self.peak, _tree_rss(os.getpid()))
        return self.peak


# --------------------------------------------------------------------------- one configuration


def _run_reference(folder: str) -> dict:
    import jieba

    from textkit._jieba import quiet_jieba
    from textkit.corpus import load_corpus

    documents, _ = load_corpus(folder)
    texts = documents["text"].tolist()
    del documents
    with quiet_jieba():
        jieba.initialize()
    sampler = PeakSampler()
    sampler.start()
    start, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        jieba.lcut(text)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "cpu_seconds": time.process_time() - cpu,
        "peak": sampler.stop(),
        "mb": sum(len(t.encode("utf-8")) for t in texts) / 1e6,
        "n_texts": len(texts),
    }


def _timed(function, totals: dict[str, float], name: str, per_call: bool = False):
    """``function`` that adds its running time to ``totals[name]`` (its results materialized)."""

    def timed(*args, **kwargs):
        start = time.perf_counter()
        result = function(*args, **kwargs)
        if not per_call:
            result = list(result)
        totals[name] += time.perf_counter() - start
        return result

    return timed


def _run_pipeline(
    folder: str,
    n_jobs: int,
    engine: str,
    cache_dir: str | None,
    normalize_jobs: int | None = None,
    warm_up: bool = False,
    extras: bool = True,
) -> dict:
    import numpy as np
    from sklearn.cluster import KMeans

    from textkit._kmeans import fit_kmeans
    from textkit.articles import split_articles
    from textkit.cache import ParquetCache
    from textkit.corpus import load_corpus
    from textkit.features import TermFeatures, lsa_embedding, single_thread_if_small
    from textkit.normalize import normalize_corpus
    from textkit.normalize import warm_worker as warm_normalizer
    from textkit.parallel import forks, release_workers, warm_up_workers
    from textkit.pipeline import warm_worker
    from textkit.tokenize import NullTokenCache, Segmenter, Tokenizer
    from textkit.tokenize import warm_worker as warm_segmenter

    timings: dict[str, float] = {}
    peaks: dict[str, int] = {}
    sampler = PeakSampler()
    state: dict = {}
    norm_cache = ParquetCache(cache_dir) if cache_dir else None
    token_cache = ParquetCache(cache_dir) if cache_dir else NullTokenCache()

    def load():
        if warm_up:
            # as prepare_corpus(..., n_jobs, tokenizer=...) does: workers start while files are read,
            # or, forked, the segmenter is built here while they normalize (see normalize below)
            state["segmenter"] = Segmenter(engine=engine)
            if forks(n_jobs):
                # forked workers read the files while this process loads the normalization tables,
                # and it builds the segmenter while the forked workers normalize
                state["load_jobs"], state["reading"] = n_jobs, warm_normalizer
                state["meanwhile"] = partial(warm_segmenter, state["segmenter"])
            else:
                warm_up_workers(n_jobs, partial(warm_worker, state["segmenter"]))
        state["documents"], _ = load_corpus(
            folder, n_jobs=state.get("load_jobs", 1), meanwhile=state.get("reading")
        )

    compute: dict[str, float] = {"normalize": 0.0, "tokenize": 0.0}
    if cache_dir:
        # How long the work that the cache can save takes: normalization of the texts not in the
        # cache (serial here when few), and segmentation with workers' start-up and dictionaries.
        import textkit.normalize
        import textkit.parallel

        # in this process (few texts), and through the workers (many)
        textkit.normalize._normalize_with_audit = _timed(
            textkit.normalize._normalize_with_audit, compute, "normalize", per_call=True
        )
        # normalize_corpus looks map_batches up when it runs; tokenize bound it at import, so
        # segmentation (timed through Tokenizer._run below) is not counted twice
        parallel_map = textkit.parallel.map_batches
        textkit.parallel.map_batches = _timed(parallel_map, compute, "normalize", per_call=True)

    def normalize():
        state["documents"], state["audit"] = normalize_corpus(
            state["documents"],
            n_jobs=n_jobs if normalize_jobs is None else normalize_jobs,
            cache=norm_cache,
            meanwhile=state.get("meanwhile"),
        )

    def split():
        state["articles"] = split_articles(state["documents"], default_source="人民日报", n_jobs=n_jobs)

    def tokenize():
        segmenter = state.get("segmenter") or Segmenter(engine=engine)
        tokenizer = Tokenizer(segmenter, cache=token_cache)
        if cache_dir:
            tokenizer._run = _timed(tokenizer._run, compute, "tokenize")
        state["tokens"] = tokenizer.tokenize_corpus(state["articles"], n_jobs=n_jobs)
        state["engine_used"] = segmenter.engine_used
        if n_jobs != 1:
            release_workers()  # the workers' dictionaries are not needed for the matrices

    def vectorize():
        state["matrix"] = TermFeatures(n_jobs=n_jobs).fit_transform(state["tokens"])

    def cluster():
        embedding, _ = lsa_embedding(state["matrix"], n_components=100, random_state=0, n_jobs=n_jobs)
        k = min(10, embedding.shape[0] - 1)  # 10, except on a toy corpus
        with single_thread_if_small(embedding.shape[0]):  # as TopicClusterer's k-means
            state["labels"] = fit_kmeans(embedding, k, n_init=10, random_state=0, n_jobs=n_jobs).labels_

    cpu: dict[str, float] = {}
    stage_workers: dict[str, float] = {}  # forked workers end with their call: reaped in the stage

    def reaped() -> float:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return children.ru_utime + children.ru_stime

    for name, stage in zip(STAGES, (load, normalize, split, tokenize, vectorize, cluster), strict=True):
        sampler.start()
        start, cpu_start, workers_start = time.perf_counter(), time.process_time(), reaped()
        stage()
        timings[name] = time.perf_counter() - start
        cpu[name] = time.process_time() - cpu_start
        stage_workers[name] = reaped() - workers_start
        peaks[name] = sampler.stop()
    # CPU seconds of the worker processes, all stages together (release_workers has reaped them)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers_cpu = children.ru_utime + children.ru_stime

    result = {
        "timings": timings,
        "cpu": cpu,
        "stage_workers_cpu": stage_workers,
        "workers_cpu": workers_cpu,
        "peaks": peaks,
        "mb": float(state["documents"]["text"].map(lambda t: len(t.encode("utf-8"))).sum() / 1e6),
        "n_documents": len(state["documents"]),
        "n_articles": len(state["articles"]),
        "n_tokens": int(sum(map(len, state["tokens"]))),
        "matrix": [int(state["matrix"].shape[0]), int(state["matrix"].shape[1]), int(state["matrix"].nnz),
                   type(state["matrix"]).__name__],
        "cluster_sizes": np.bincount(state["labels"]).tolist(),
        "engine_used": state["engine_used"],
    }
    if norm_cache is not None:
        result["compute"] = compute
        result["cache"] = {
            "normalize_misses": norm_cache.misses,
            "normalize_hits": norm_cache.hits,
            "token_misses": token_cache.misses,
            "token_hits": token_cache.hits,
        }
    if not extras:  # the timed stages only (report.py --repeat: the later runs)
        return result
    # The same two stages with word features only (char_weight=0): what the character n-grams cost.
    start = time.perf_counter()
    words_only = TermFeatures(char_weight=0.0).fit_transform(state["tokens"])
    timings_words = {"vectorize": time.perf_counter() - start}
    start = time.perf_counter()
    embedding, _ = lsa_embedding(words_only, n_components=100, random_state=0)
    with single_thread_if_small(embedding.shape[0]):
        KMeans(n_clusters=min(10, embedding.shape[0] - 1), n_init=10, random_state=0).fit_predict(embedding)
    timings_words["cluster"] = time.perf_counter() - start
    # And with min_df=5 for both blocks (default 2): on the THUCNews headlines k-means NMI at
    # k = 10 (seeds 0-4) was 0.391 +- 0.012 against 0.384 +- 0.017, seed-to-seed ARI 0.589 / 0.587.
    start, cpu_start = time.perf_counter(), time.process_time()
    fewer = TermFeatures(min_df=5).fit_transform(state["tokens"])
    timings_min_df = {
        "vectorize": time.perf_counter() - start,
        "vectorize_cpu": time.process_time() - cpu_start,
    }
    start, cpu_start = time.perf_counter(), time.process_time()
    embedding, _ = lsa_embedding(fewer, n_components=100, random_state=0)
    with single_thread_if_small(embedding.shape[0]):
        KMeans(n_clusters=min(10, embedding.shape[0] - 1), n_init=10, random_state=0).fit_predict(embedding)
    timings_min_df["cluster"] = time.perf_counter() - start
    timings_min_df["cluster_cpu"] = time.process_time() - cpu_start

    # And the cluster stage with scikit-learn's TruncatedSVD itself (what lsa_embedding ran before
    # textkit._svd: float32, n_iter=2, one thread), for its time beside the stage's.
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize as l2_rows

    start, cpu_start = time.perf_counter(), time.process_time()
    with single_thread_if_small(state["matrix"].shape[0]):
        reduced = TruncatedSVD(100, algorithm="randomized", n_iter=2, random_state=0).fit_transform(
            state["matrix"].astype(np.float32)
        )
        KMeans(n_clusters=min(10, reduced.shape[0] - 1), n_init=10, random_state=0).fit_predict(
            l2_rows(reduced).astype(np.float64)
        )
    timings_sklearn_svd = {
        "cluster": time.perf_counter() - start,
        "cluster_cpu": time.process_time() - cpu_start,
    }

    texts = state["articles"]["text"].tolist()
    segmenter = Segmenter()
    joined = [" ".join(segmenter.segment(t)) for t in texts[:300]]
    crossing = {
        "sent_mb_per_mb_text": len(pickle.dumps(texts[:300])) / sum(len(t.encode()) for t in texts[:300]),
        "joined_mb_per_mb_text": len(pickle.dumps(joined)) / sum(len(t.encode()) for t in texts[:300]),
        "lists_mb_per_mb_text": len(pickle.dumps([j.split(" ") for j in joined]))
        / sum(len(t.encode()) for t in texts[:300]),
    }
    result |= {
        "timings_words_only": timings_words,
        "words_only_matrix": [int(words_only.shape[1]), int(words_only.nnz)],
        "timings_min_df_5": timings_min_df,
        "timings_sklearn_svd": timings_sklearn_svd,
        "min_df_5_matrix": [int(fewer.shape[1]), int(fewer.nnz)],
        "crossing": crossing,
    }
    return result


def child(spec: dict) -> None:
    os.environ.setdefault("PYTHONHASHSEED", "0")
    if spec["kind"] == "reference":
        result = _run_reference(spec["folder"])
    else:
        result = _run_pipeline(
            spec["folder"],
            spec["n_jobs"],
            spec["engine"],
            spec.get("cache_dir"),
            spec.get("normalize_jobs"),
            spec.get("warm_up", False),
            spec.get("extras", True),
        )
    print("RESULT " + json.dumps(result))


def run_child(spec: dict) -> dict:
    load_before = os.getloadavg()[0]
    completed = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps(spec)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    lines = [line for line in completed.stdout.splitlines() if line.startswith("RESULT ")]
    if completed.returncode != 0 or not lines:
        raise RuntimeError(f"benchmark child failed: {spec}\n{completed.stderr[-3000:]}")
    result = json.loads(lines[-1][len("RESULT ") :])
    result["load"] = (load_before, os.getloadavg()[0])
    if completed.stderr.strip():
        result["stderr"] = completed.stderr.strip()[-500:]
    return result


# --------------------------------------------------------------------------- subsets


def make_subset(files: list[Path], root: Path, target: Path) -> Path:
    for path in files:
        link = target / path.relative_to(root)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(path)
    return target


# --------------------------------------------------------------------------- report


def _mb(n_bytes: int) -> str:
    return f"{n_bytes / 2**20:,.0f}"


def stage_table(label: str, result: dict, reference: dict) -> list[str]:
    mb = result["mb"]
    lines = [
        f"### {label}: {result['n_documents']} documents, {result['n_articles']} articles, {mb:.1f} MB, "
        f"engine {result['engine_used']}; load average {result['load'][0]:.2f} → {result['load'][1]:.2f}",
        "| stage | seconds | CPU s (this process) | CPU s (workers) | MB/s | peak RSS MiB (with workers) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for stage in STAGES:
        seconds = result["timings"][stage]
        workers = result.get("stage_workers_cpu", {}).get(stage, 0.0)
        lines.append(
            f"| {stage} | {seconds:.2f} | {result['cpu'][stage]:.2f} | {workers:.2f} | {mb / seconds:.1f} | "
            f"{_mb(result['peaks'][stage])} |"
        )
    total = sum(result["timings"].values())
    to_tokens = sum(result["timings"][s] for s in STAGES[:4])
    lines.append(
        f"| **end-to-end** | {total:.2f} | {sum(result['cpu'].values()):.2f} | {result['workers_cpu']:.2f} "
        f"| {mb / total:.2f} | {_mb(max(result['peaks'].values()))} |"
    )
    cpu = sum(result["cpu"].values()) + result["workers_cpu"]
    lines.append(
        f"reference / textkit end-to-end = {reference['seconds']:.2f} / {total:.2f} = "
        f"**{reference['seconds'] / total:.2f}×**  "
        f"(load → tokens only: {reference['seconds'] / to_tokens:.2f}×); CPU seconds "
        f"{reference['cpu_seconds']:.2f} / {cpu:.2f} = {reference['cpu_seconds'] / cpu:.2f}×"
    )
    words = result["timings_words_only"]
    lines.append(
        f"with word features only (char_weight=0; {result['words_only_matrix'][0]} columns, "
        f"{result['words_only_matrix'][1]:,} non-zeros): vectorize {words['vectorize']:.2f} s, "
        f"cluster {words['cluster']:.2f} s; end-to-end would be "
        f"{to_tokens + words['vectorize'] + words['cluster']:.2f} s"
    )
    fewer = result["timings_min_df_5"]
    lines.append(
        f"with min_df=5 (default 2; {result['min_df_5_matrix'][0]} columns, "
        f"{result['min_df_5_matrix'][1]:,} non-zeros): vectorize {fewer['vectorize']:.2f} s "
        f"({fewer['vectorize_cpu']:.2f} s CPU), cluster {fewer['cluster']:.2f} s "
        f"({fewer['cluster_cpu']:.2f} s CPU); "
        f"end-to-end would be {to_tokens + fewer['vectorize'] + fewer['cluster']:.2f} s"
    )
    if "timings_sklearn_svd" in result:
        old = result["timings_sklearn_svd"]
        lines.append(
            f"cluster with scikit-learn's TruncatedSVD (one thread) instead of textkit._svd: "
            f"{old['cluster']:.2f} s ({old['cluster_cpu']:.2f} s CPU); end-to-end would be "
            f"{total - result['timings']['cluster'] + old['cluster']:.2f} s"
        )
    rows, columns, nnz, kind = result["matrix"]
    lines.append(
        f"matrix: {rows} × {columns}, {nnz:,} non-zeros, {kind}; cluster sizes {result['cluster_sizes']}"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="only 100 %%, fewer configurations")
    parser.add_argument("--e2e", action="store_true", help="only the reference, n_jobs=1 and 2 on 100 %%")
    args = parser.parse_args(argv)
    if args.child:
        child(json.loads(args.child))
        return 0
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    from tqdm import tqdm

    from textkit.tokenize import fast_engine_available

    args.corpus = args.corpus.resolve()  # the subsets are symbolic links to these files
    files = sorted(args.corpus.rglob("*.txt"))
    fractions = [1.0] if args.quick or args.e2e else [0.25, 0.5, 1.0]
    workdir = Path(tempfile.mkdtemp(prefix="textkit-bench-"))
    out: list[str] = [
        f"corpus {args.corpus} ({len(files)} files); {os.cpu_count()} CPUs; python {sys.version.split()[0]}; "
        f"fast engine available: {fast_engine_available()}; load average at start "
        + " ".join(f"{x:.2f}" for x in os.getloadavg())
    ]
    try:
        subsets = {}
        for fraction in fractions:
            step = round(1 / fraction)
            subsets[fraction] = make_subset(files[::step], args.corpus, workdir / f"p{int(fraction * 100)}")
        everything, last = subsets[1.0], files[-1]
        all_but_last = make_subset(files[:-1], args.corpus, workdir / "all-but-last")
        cache = workdir / "cache"

        plan: list[tuple[str, dict]] = []
        for fraction in fractions:
            folder = str(subsets[fraction])
            tag = f"{int(fraction * 100)}%"
            plan.append((f"reference {tag}", {"kind": "reference", "folder": folder}))
            plan.append(
                (f"n_jobs=1 {tag}", {"kind": "pipeline", "folder": folder, "n_jobs": 1, "engine": "auto"})
            )
            plan.append(
                (
                    f"n_jobs=2 {tag}",
                    {"kind": "pipeline", "folder": folder, "n_jobs": 2, "engine": "auto", "warm_up": True},
                )
            )
        full = str(everything)
        plan += [
            (
                "n_jobs=2 100% without warm-up",
                {"kind": "pipeline", "folder": full, "n_jobs": 2, "engine": "auto"},
            ),
            (
                "n_jobs=2 100% engine=jieba",
                {"kind": "pipeline", "folder": full, "n_jobs": 2, "engine": "jieba", "warm_up": True},
            ),
            (
                "n_jobs=2 100% engine=rjieba",
                {"kind": "pipeline", "folder": full, "n_jobs": 2, "engine": "rjieba", "warm_up": True},
            ),
            (
                "cache cold",
                {"kind": "pipeline", "folder": full, "n_jobs": 2, "engine": "auto", "cache_dir": str(cache)},
            ),
            (
                "cache warm",
                {"kind": "pipeline", "folder": full, "n_jobs": 2, "engine": "auto", "cache_dir": str(cache)},
            ),
            (
                "fill cache without the last file",
                {
                    "kind": "pipeline",
                    "folder": str(all_but_last),
                    "n_jobs": 2,
                    "engine": "auto",
                    "cache_dir": str(workdir / "cache-added"),
                },
            ),
            (
                "rerun after adding one file",
                {
                    "kind": "pipeline",
                    "folder": full,
                    "n_jobs": 2,
                    "engine": "auto",
                    "cache_dir": str(workdir / "cache-added"),
                },
            ),
        ]
        if args.quick:
            plan = [item for item in plan if "jieba" not in item[0] or "reference" in item[0]]
        if args.e2e:
            plan = [item for item in plan if item[0] in ("reference 100%", "n_jobs=1 100%", "n_jobs=2 100%")]
        results: dict[str, dict] = {}
        with tqdm(plan, desc="benchmark", unit="run", file=sys.stderr) as bar:
            for label, spec in bar:
                bar.set_postfix_str(label)
                results[label] = run_child(spec)

        for fraction in fractions:
            tag = f"{int(fraction * 100)}%"
            reference = results[f"reference {tag}"]
            out.append("")
            out.append(
                f"## {tag} of the files — reference: plain serial jieba.lcut over the same "
                f"{reference['n_texts']} texts ({reference['mb']:.1f} MB): {reference['seconds']:.2f} s, "
                f"{reference['mb'] / reference['seconds']:.2f} MB/s, peak RSS {_mb(reference['peak'])} MiB; "
                f"load average {reference['load'][0]:.2f} → {reference['load'][1]:.2f}"
            )
            for jobs in (1, 2):
                warm = ", workers warmed up during load" if jobs == 2 else ""
                out += stage_table(
                    f"textkit n_jobs={jobs}, {tag}, no cache{warm}",
                    results[f"n_jobs={jobs} {tag}"],
                    reference,
                )
        reference = results["reference 100%"]
        for label in (
            "n_jobs=2 100% without warm-up",
            "n_jobs=2 100% engine=jieba",
            "n_jobs=2 100% engine=rjieba",
        ):
            if label in results:
                out.append("")
                out += stage_table(label, results[label], reference)

        out.append("")
        out.append("## Growth with corpus size (n_jobs=1, no cache; 25 % = 1)")
        out.append("| size | MB | reference s | textkit end-to-end s | time ×  | peak RSS MiB | peak × |")
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        base = results[f"n_jobs=1 {int(fractions[0] * 100)}%"]
        for fraction in fractions:
            tag = f"{int(fraction * 100)}%"
            result = results[f"n_jobs=1 {tag}"]
            total = sum(result["timings"].values())
            peak = max(result["peaks"].values())
            reference_seconds = results[f"reference {tag}"]["seconds"]
            time_growth = total / sum(base["timings"].values())
            peak_growth = peak / max(base["peaks"].values())
            out.append(
                f"| {tag} | {result['mb']:.1f} | {reference_seconds:.2f} | {total:.2f} | "
                f"{time_growth:.2f} | {_mb(peak)} | {peak_growth:.2f} |"
            )

        if "cache cold" in results:  # not with --e2e
            out.append("")
            out.append("## Cache (100 %, n_jobs=2, ParquetCache)")
            cold, warm = results["cache cold"], results["cache warm"]
            added = results["rerun after adding one file"]
            out.append(
                "| run | load | normalize | split | tokenize | vectorize | cluster | total "
                "| cache misses (norm/tokens) |"
            )
            out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
            for label, result in (("cold", cold), ("warm", warm), ("after adding one file", added)):
                t = result["timings"]
                c = result["cache"]
                out.append(
                    f"| {label} | "
                    + " | ".join(f"{t[s]:.2f}" for s in STAGES)
                    + f" | {sum(t.values()):.2f} | {c['normalize_misses']} / {c['token_misses']} |"
                )
            cached = ("normalize", "tokenize")
            share = sum(added["timings"][s] for s in cached) / sum(cold["timings"][s] for s in cached)
            work_added = sum(added["compute"].values())
            work_cold = sum(cold["compute"].values())
            to_tokens = sum(cold["timings"][s] for s in STAGES[:4])
            out.append(f"added file: {last.relative_to(args.corpus)}")
            out.append(
                "- work the cache saves (normalizing and segmenting texts not in it; workers' start-up "
                f"and jieba's dictionary included): cold {work_cold:.2f} s "
                f"(normalize {cold['compute']['normalize']:.2f}, segment {cold['compute']['tokenize']:.2f}); "
                f"rerun {work_added:.2f} s "
                f"(normalize {added['compute']['normalize']:.3f}, "
                f"segment {added['compute']['tokenize']:.2f}) = "
                f"**{work_added / work_cold:.1%}** of the cold run's, "
                f"{work_added / to_tokens:.1%} of its load → tokens time, "
                f"{work_added / sum(cold['timings'].values()):.1%} of its end-to-end time"
            )
            out.append(
                f"- whole stages: rerun's normalize + tokenize = {share:.1%} of the cold run's (they include "
                "reading the cache and filtering every article's words); whole rerun = "
                f"{sum(added['timings'].values()) / sum(cold['timings'].values()):.1%} of the cold run "
                "(load, split, vectorize and cluster always run on the whole corpus)"
            )
        crossing = results[f"n_jobs=2 {int(fractions[-1] * 100)}%"]["crossing"]
        out.append("")
        out.append(
            "What crosses the process boundary, pickled bytes per byte of UTF-8 text (300 articles): "
            f"texts sent {crossing['sent_mb_per_mb_text']:.2f}, space-joined words back "
            f"{crossing['joined_mb_per_mb_text']:.2f}, "
            f"lists of words back {crossing['lists_mb_per_mb_text']:.2f}"
        )
        out.append(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        for label, result in results.items():
            if result.get("stderr"):
                out.append(f"stderr of {label}: {result['stderr']}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
