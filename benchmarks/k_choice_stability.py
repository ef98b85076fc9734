"""How stable is fit_topics' choice of k? The k search rerun under seeds and one-file corpus changes.

``fit_topics`` chooses k as the fewest clusters within one standard error of the most
firm themes at any k (``choose_k``), searched on a random sample of 2,000 units (with
``--search-on content``: fit_topics' ``search_on="content"``, a sample chosen by content and
embedded on its own). This
script reruns exactly that search (``search_table``: the embedding, the sample, the
automatic range and ``_scan`` with fit_topics' arguments, without the final fit) for

- ``seed=r``: random_state r = 0 .. R-1 on the corpus (embedding, sample and k-means seeds);
- ``scan=r`` (``--scan-seeds``): the sample and embedding of seed 0, only the k-means and
  subsample seeds of the search changed (noise of the search itself, sample held fixed);
- ``drop-i``: the corpus without file i (``--files``; random_state 0);
- ``add-i``: the corpus plus a copy of file i with a marker line (random_state 0).

For each run it prints the chosen k, the most firm themes at any k (N, at which k, its
SE), the firm count and SE at the chosen k, and the range of k that the same rule would
accept (every k with at least N - SE firm themes). Then, for the whole grid, the firm
count's mean, standard deviation, min and max across runs, and what the rule picks on
the mean curve. Tokens are cached (``--cache``) so the corpus is segmented once.

    nice env PYTHONPATH=. python benchmarks/k_choice_stability.py --seeds 10 --scan-seeds 5 --files 3
    # a search on every unit, on a grid past the automatic range:
    nice env PYTHONPATH=. python benchmarks/k_choice_stability.py --seeds 3 --files 0 \
        --select-on 5000 --ks 20,29,35,42,48,57,68,80
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from textkit.cluster import STABLE, clustering_units, units_with_words
from textkit.cluster.model import TopicClusterer
from textkit.cluster.select import _embed, _scan, _usable, auto_ks, choose_k, content_sample, firm_needed
from textkit.features import _as_tokens, count_matrix
from textkit.pipeline import make_tokenizer, prepare_corpus

CORPORA = Path(
    os.environ.get("TEXTKIT_CORPORA", Path(__file__).resolve().parents[1].parent / "shared" / "corpora")
)
MARKER = "（本文为 k 选择稳定性测试的副本。）"


def search_table(
    tokens,
    unit: str,
    random_state: int = 0,
    sample_state: int | None = None,
    select_on: int = 2000,
    n_jobs: int = 2,
    n_draws: int = 6,
    min_stability: float = STABLE,
    ks: list[int] | None = None,
    search_on: str = "all",
) -> pd.DataFrame:
    """The table ``fit_topics(tokens, unit=unit, random_state=...)`` chooses k from, without the final fit.

    ``sample_state`` (default ``random_state``) seeds the embedding and the searched
    sample; ``random_state`` the k-means and subsample refits of the search; ``ks`` as
    fit_topics' (None: the automatic range).
    """
    sample_state = random_state if sample_state is None else sample_state
    rows = _as_tokens(tokens)
    n_units = len(rows)
    settings = TopicClusterer(random_state=sample_state, unit=unit).get_params()
    if search_on == "content":  # as fit_topics: a sample chosen by content, embedded on its own
        searched = rows
        if n_units > select_on:
            searched = [rows[i] for i in content_sample(rows, select_on, sample_state)]
        space = _embed(searched, settings, sample_state)
        chosen = np.arange(len(searched))
        counts, words = space.word_counts if space.word_counts is not None else count_matrix(searched)
    else:  # fit_topics' default: a random draw of rows of the embedding of all units
        space = _embed(rows, settings, sample_state)
        chosen = np.arange(n_units)
        if n_units > select_on:
            chosen = np.sort(np.random.default_rng(sample_state).choice(n_units, select_on, replace=False))
        counts, words = space.word_counts if space.word_counts is not None else count_matrix(rows)
    usable = _usable(auto_ks(n_units) if ks is None else ks, len(chosen), 3)
    counts = counts[chosen]
    used = np.flatnonzero(counts.getnnz(axis=0))
    counts, words = counts[:, used], words[used]
    counts.sort_indices()
    return _scan(
        space.embedding[chosen], counts, words, usable, settings, random_state, 2, n_draws, 0.8,
        min_stability, 1_000, n_jobs,
    )


def run_summary(table: pd.DataFrame) -> dict:
    """One run's choice: chosen k, N and its SE at the first k reaching it, firm count at the chosen k,
    and every k the rule accepts (``n_stable`` at least ``firm_needed``).

    >>> t = pd.DataFrame({"k": [2, 5, 10, 20], "n_stable": [1, 4, 6, 5], "n_stable_se": [0, .5, 1.5, 1]})
    >>> s = run_summary(t)
    >>> s["k"], s["firm_at_k"], s["most"], s["k_at_most"], s["needed"], s["accepted"]
    (10, 6, 6, 10, 4.5, [10, 20])
    """
    k = choose_k(table)
    needed = firm_needed(table)
    most = int(table["n_stable"].max())
    at_most = table.loc[table["n_stable"] == most].iloc[0]
    at_k = table.loc[table["k"] == k].iloc[0]
    return {
        "k": k,
        "firm_at_k": int(at_k["n_stable"]),
        "se_at_k": float(at_k["n_stable_se"]),
        "most": most,
        "k_at_most": int(at_most["k"]),
        "se_at_most": float(at_most["n_stable_se"]),
        "needed": round(needed, 2),
        "accepted": [int(value) for value in table.loc[table["n_stable"] >= needed, "k"]],
    }


def grid_summary(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Firm count per k across runs: mean, sd (ddof 1), min, max, mean within-run SE; k in every run only.

    >>> a = pd.DataFrame({"k": [2, 3], "n_stable": [1, 4], "n_stable_se": [0.0, 1.0]})
    >>> b = pd.DataFrame({"k": [2, 3], "n_stable": [1, 2], "n_stable_se": [0.0, 0.5]})
    >>> grid_summary({"a": a, "b": b}).to_dict("list")["sd"]
    [0.0, 1.414]
    """
    long = pd.concat([table.assign(run=name) for name, table in tables.items()], ignore_index=True)
    wide = long.pivot(index="k", columns="run", values="n_stable").dropna()
    se = long.pivot(index="k", columns="run", values="n_stable_se").loc[wide.index]
    return pd.DataFrame(
        {
            "k": wide.index.astype(int),
            "mean": wide.mean(axis=1).round(2).to_numpy(),
            "sd": wide.std(axis=1, ddof=1).fillna(0.0).round(3).to_numpy(),
            "min": wide.min(axis=1).astype(int).to_numpy(),
            "max": wide.max(axis=1).astype(int).to_numpy(),
            "mean_se": se.mean(axis=1).round(2).to_numpy(),
        }
    ).reset_index(drop=True)


def pooled_choice(grid: pd.DataFrame, n_runs: int) -> dict:
    """The one-SE rule on the mean firm-count curve, the SE of the mean from the runs' spread.

    Returns the fewest k within one SE of the best mean and every k so accepted.

    >>> g = pd.DataFrame({"k": [2, 5, 10, 20], "mean": [1.0, 5.0, 6.0, 5.5], "sd": [0, 1.0, 2.0, 1.0]})
    >>> pooled_choice(g, 4)
    {'k': 5, 'best_mean': 6.0, 'se_of_mean': 1.0, 'accepted': [5, 10, 20]}
    """
    best = grid.loc[grid["mean"].idxmax()]
    se = float(best["sd"]) / np.sqrt(max(n_runs, 1))
    accepted = grid.loc[grid["mean"] >= best["mean"] - se, "k"].astype(int).tolist()
    best_mean = float(best["mean"])
    return {"k": accepted[0], "best_mean": best_mean, "se_of_mean": round(float(se), 3), "accepted": accepted}


def variant_folder(source: Path, dest: Path, drop: Path | None = None, add: Path | None = None) -> Path:
    """A copy of ``source`` without ``drop`` and/or with ``add`` copied beside it plus a marker line."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source, dest)
    if drop is not None:
        (dest / drop.relative_to(source)).unlink()
    if add is not None:
        copy = dest / add.relative_to(source)
        copy = copy.with_name(copy.stem + "-kstab-copy" + copy.suffix)
        copy.write_text(add.read_text(encoding="utf-8").rstrip("\n") + "\n" + MARKER + "\n", encoding="utf-8")
    return dest


def load_tokens(folder: Path, cache: str | None, n_jobs: int):
    articles = prepare_corpus(folder, default_source="人民日报", cache_dir=cache, n_jobs=n_jobs).articles
    unit, units = clustering_units(articles, "auto")
    tokens = make_tokenizer(cache).tokenize_corpus(units, n_jobs=n_jobs)
    units, tokens, _ = units_with_words(units, tokens)
    return unit, tokens, units


def picked_files(units: pd.DataFrame, count: int) -> list[str]:
    """``count`` article files kept in the corpus, evenly spaced: the ones to drop or add a copy of.

    >>> picked_files(pd.DataFrame({"doc_id": ["a", "b", "c", "d", "e"]}), 2)
    ['b', 'd']
    """
    ids = units["doc_id"].drop_duplicates().tolist()
    return [ids[len(ids) * (i + 1) // (count + 1)] for i in range(count)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPORA / "rmrb-2023-07-08")
    parser.add_argument("--cache", default="/tmp/kstab/cache", help="textkit cache folder (tokens)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kstab/work"), help="for the corpus variants")
    parser.add_argument("--out", type=Path, default=None, help="write each run's table here as CSV")
    parser.add_argument("--seeds", type=int, default=3, help="R: random_state 0 .. R-1")
    parser.add_argument("--scan-seeds", type=int, default=0, help="sample fixed, search seeds 1 .. S")
    parser.add_argument("--files", type=int, default=1, help="files to drop / add one at a time (0: none)")
    parser.add_argument("--select-on", type=int, default=2000)
    parser.add_argument("--n-jobs", type=int, default=2)
    parser.add_argument("--ks", default=None, help="comma-separated k to try (default: the automatic range)")
    parser.add_argument("--search-on", choices=["all", "content"], default="all", help="as fit_topics'")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"error: corpus folder {args.corpus} not found", file=sys.stderr)
        return 2
    corpora = {"": args.corpus}
    loaded = {"": load_tokens(args.corpus, args.cache, args.n_jobs)}
    for number, picked in enumerate(picked_files(loaded[""][2], args.files)):
        path = args.corpus / picked
        corpora[f"drop-{number}"] = variant_folder(args.corpus, args.work / f"drop-{number}", drop=path)
        corpora[f"add-{number}"] = variant_folder(args.corpus, args.work / f"add-{number}", add=path)
        print(f"variant file {number}: {picked}")
    runs = [(f"seed={r}", "", r, r) for r in range(args.seeds)]
    runs += [(f"scan={r}", "", r, 0) for r in range(1, args.scan_seeds + 1)]
    runs += [(name, name, 0, 0) for name in corpora if name]
    tables = {}
    for name, corpus, random_state, sample_state in runs:
        if corpus not in loaded:
            loaded[corpus] = load_tokens(corpora[corpus], args.cache, args.n_jobs)
        unit, tokens, _ = loaded[corpus]
        start = time.perf_counter()
        ks = None if args.ks is None else [int(value) for value in args.ks.split(",")]
        table = search_table(
            tokens, unit, random_state, sample_state, args.select_on, args.n_jobs, ks=ks,
            search_on=args.search_on,
        )
        tables[name] = table
        if args.out is not None:
            args.out.mkdir(parents=True, exist_ok=True)
            table.to_csv(args.out / f"{name}.csv", index=False)
        s = run_summary(table)
        print(
            f"{name:9} units {len(tokens):,}  k = {s['k']:2}  firm {s['firm_at_k']} ± {s['se_at_k']:.2f}  |  "
            f"max {s['most']} at k = {s['k_at_most']} ± {s['se_at_most']:.2f}  needed {s['needed']}  "
            f"accepted k: {s['accepted']}  ({time.perf_counter() - start:.0f} s)",
            flush=True,
        )
    grid = grid_summary(tables)
    print("\nfirm themes per k across runs", list(tables))
    print(grid.to_string(index=False))
    print("\none-SE rule on the mean curve:", pooled_choice(grid, len(tables)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
