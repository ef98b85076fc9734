"""Does a cluster holding most of the units count as a firm theme? The choice of k with and without.

``choose_k`` counts firm themes: clusters that refits on subsamples find again (cluster-wise
stability ≥ 0.75) and that are not crumbs (at least half an average cluster). Before issue 14's
fix a cluster holding most of the corpus counted too: on the seeds, k = 2 split 142 paragraphs
into 108 and 34, the 108 (76 %) counted as the one firm theme and k = 2 won. Now a firm theme
holds at most ``LARGEST_THEME`` (half) of the units (``select._row``).

This script runs fit_topics' search (search_on="all": the embedding of all units, a random
sample of 2,000 of them, the automatic range, fit_topics' arguments) once per run and
applies both rules to the *same* measurements, so the two columns differ by the rule only:

- ``before``: ``_row(..., largest=1.0)`` (no upper bound, the old rule);
- ``after``: ``_row(...)`` (at most half of the units).

Each corpus is searched at random_state 0 .. ``--states`` - 1. Corpora: the seed files as
notebook 03 builds its units (``--seeds-dir``); THUCNews headlines
(``test.txt``, 10,000 headlines in 10 classes: NMI of the final model at each rule's k against
the classes, and at k = 10); People's Daily ``rmrb-2023-07-08`` (no labels: the spread of the
chosen k over random states and one-file changes, as ``k_choice_stability.py``).

    nice env PYTHONPATH=. python benchmarks/k_choice_bulk.py --states 5 --files 1

Measured (issue 14, one run, random_state 0-4): the bulk was counted at k = 2 in every run of
every corpus (and at k = 3 in two rmrb runs). Seeds: k 2, 2, 6, 2, 2 before, 6, 6, 6, 6, 7 after.
THUCNews: k 42, 50, 60, 60, 50 and NMI 0.331, 0.319, 0.316, 0.324, 0.323 under both rules.
rmrb-2023-07-08 (4,491 articles, seeds 0-4, one file dropped, one added): k 47, 35, 47, 35, 29,
47, 35 under both rules. On corpora with many firm themes the bulk never decided.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import normalized_mutual_info_score
from thucnews_clustering import load_headlines

from textkit.cluster import STABLE, clustering_units, units_with_words
from textkit.cluster.model import TopicClusterer
from textkit.cluster.select import (
    TABLE_COLUMNS,
    _embed,
    _measure_all,
    _row,
    _usable,
    auto_ks,
    choose_k,
    firm_needed,
)
from textkit.features import _as_tokens, count_matrix
from textkit.normalize import normalize_text
from textkit.pipeline import make_tokenizer, prepare_corpus
from textkit.tokenize import tokenize_corpus

REPO = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("TEXTKIT_CORPORA", REPO.parent / "shared" / "corpora"))
RULES = {"before": 1.0, "after": None}  # largest share of a firm theme (None: the library's)


def search(tokens, unit: str, random_state: int, select_on: int = 2000, n_jobs: int = 2):
    """fit_topics' search measurements (search_on="all") for every k of the automatic range, and the space."""
    settings, space, embedding, counts, words, ks = searched(tokens, unit, random_state, select_on)
    args = (settings, random_state, 2, 6, 0.8, 1_000)
    return _measure_all(embedding, counts, words, ks, args, n_jobs), space


def searched(tokens, unit: str, random_state: int, select_on: int = 2000):
    """What fit_topics' search (search_on="all") reads: settings, space of all units, the sample's
    embedding, word counts and words, and the automatic range of k."""
    rows = _as_tokens(tokens)
    n_units = len(rows)
    settings = TopicClusterer(random_state=random_state, unit=unit).get_params()
    space = _embed(rows, settings, random_state)
    counts, words = space.word_counts if space.word_counts is not None else count_matrix(rows)
    chosen = np.arange(n_units)
    if n_units > select_on:
        chosen = np.sort(np.random.default_rng(random_state).choice(n_units, select_on, replace=False))
    ks = _usable(auto_ks(n_units), len(chosen), 3)
    counts = counts[chosen]
    used = np.flatnonzero(counts.getnnz(axis=0))
    counts, words = counts[:, used], words[used]
    counts.sort_indices()
    return settings, space, space.embedding[chosen], counts, words, ks


def table_of(measured: dict, largest: float | None, stable_at: float = STABLE) -> pd.DataFrame:
    """The search table ``_scan`` builds, with the given upper bound on a firm theme's share."""
    extra = {} if largest is None else {"largest": largest}
    rows = [_row(measured[k], stable_at, **extra) for k in sorted(measured)]
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS).sort_values("k", ignore_index=True).round(3)
    table.attrs.update(stable_at=stable_at)
    return table


def bulk_share(measured: dict, k: int) -> float:
    """Share of the searched units in the largest cluster at k (what the new bound looks at)."""
    sizes = measured[k]["sizes"]
    return float(sizes.max() / sizes.sum())


def summary(table: pd.DataFrame, measured: dict) -> dict:
    k = choose_k(table)
    needed = firm_needed(table)
    most = int(table["n_stable"].max())
    at_most = table.loc[table["n_stable"] == most].iloc[0]
    at_k = table.loc[table["k"] == k].iloc[0]
    accepted = table.loc[table["n_stable"] >= needed, "k"].astype(int).tolist()
    return {
        "k": k,
        "firm": int(at_k["n_stable"]),
        "share": float(at_k["stable_share"]),
        "largest": round(bulk_share(measured, k), 3),
        "N": most,
        "N_at": int(at_most["k"]),
        "se": float(at_most["n_stable_se"]),
        "span": f"{accepted[0]}-{accepted[-1]} ({len(accepted)})" if accepted else "-",
    }


def compare(name: str, measured: dict, space, tokens, unit: str, random_state: int, truth=None) -> list[dict]:
    tables = {rule: table_of(measured, largest) for rule, largest in RULES.items()}
    changed = tables["before"]["n_stable"].ne(tables["after"]["n_stable"])
    bulk_at = tables["before"].loc[changed, "k"].astype(int).tolist()
    out, nmi_at = [], {}
    for rule, table in tables.items():
        row = {"run": name, "rule": rule, **summary(table, measured)}
        if truth is not None:
            k = row["k"]
            if k not in nmi_at:
                model = TopicClusterer(k=k, unit=unit, random_state=random_state, n_draws=0)
                nmi_at[k] = normalized_mutual_info_score(truth, model.fit(tokens, _space=space).labels_)
            row["NMI"] = round(nmi_at[k], 3)
        row["bulk counted at k"] = bulk_at if rule == "before" else ""
        out.append(row)
    return out


def load_units(folder: Path, default_source, n_jobs: int, cache: str | None):
    """The units and tokens of a folder as notebook 03 builds them (UNIT = "auto")."""
    articles = prepare_corpus(folder, default_source=default_source, cache_dir=cache, n_jobs=n_jobs).articles
    unit, units = clustering_units(articles, "auto")
    tokens = make_tokenizer(cache).tokenize_corpus(units, n_jobs=n_jobs)
    units, tokens, _ = units_with_words(units, tokens)
    return unit, tokens, units


def show(title: str, rows: list[dict]) -> None:
    print(f"\n{title}")
    print(pd.DataFrame(rows).to_string(index=False), flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds-dir", type=Path, default=REPO / "seeds")
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--states", type=int, default=3, help="random_state 0 .. R-1 on every corpus")
    parser.add_argument("--files", type=int, default=1, help="rmrb files to drop / add one at a time")
    parser.add_argument("--cache", default="/tmp/kbulk/cache", help="textkit cache folder (tokens)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kbulk/work"), help="for the rmrb variants")
    parser.add_argument("--n-jobs", type=int, default=2)
    parser.add_argument("--only", choices=["seeds", "thucnews", "rmrb"], nargs="+", default=None)
    args = parser.parse_args(argv)
    only = set(args.only or ["seeds", "thucnews", "rmrb"])
    print(f"{os.cpu_count()} CPUs (shared); rules: {RULES} (None: LARGEST_THEME)")

    if "seeds" in only:
        unit, tokens, _ = load_units(args.seeds_dir, None, args.n_jobs, None)
        rows = []
        for state in range(args.states):
            measured, space = search(tokens, unit, state, n_jobs=args.n_jobs)
            rows += compare(f"seeds seed={state}", measured, space, tokens, unit, state)
        show(f"Seeds ({len(tokens):,} {unit} units as notebook 03; its RANDOM_STATE is 0)", rows)

    if "thucnews" in only:
        texts, truth = load_headlines(args.corpora)
        tokens = tokenize_corpus([normalize_text(text) for text in texts])
        rows = []
        for state in range(args.states):
            start = time.perf_counter()
            measured, space = search(tokens, "headline", state, n_jobs=args.n_jobs)
            rows += compare(f"thuc seed={state}", measured, space, tokens, "headline", state, truth)
            at10 = TopicClusterer(k=10, unit="headline", random_state=state, n_draws=0)
            nmi10 = normalized_mutual_info_score(truth, at10.fit(tokens, _space=space).labels_)
            print(
                f"  THUCNews seed {state}: NMI at k = 10 {nmi10:.3f} ({time.perf_counter() - start:.0f} s)",
                file=sys.stderr,
                flush=True,
            )
        show(f"THUCNews headlines ({len(tokens):,}, 10 classes), random_state 0..{args.states - 1}", rows)

    if "rmrb" in only:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from k_choice_stability import picked_files, variant_folder

        folder = args.corpora / "rmrb-2023-07-08"
        loaded = {"": load_units(folder, "人民日报", args.n_jobs, args.cache)}
        runs = [(f"seed={r}", "", r) for r in range(args.states)]
        for number, picked in enumerate(picked_files(loaded[""][2], args.files)):
            for kind in ("drop", "add"):
                name = f"{kind}-{number}"
                path = folder / picked
                variant = variant_folder(
                    folder, args.work / name, **({"drop": path} if kind == "drop" else {"add": path})
                )
                loaded[name] = load_units(variant, "人民日报", args.n_jobs, args.cache)
                print(f"rmrb {name}: {kind} {picked}", flush=True)
                runs.append((name, name, 0))
        rows = []
        for name, corpus, state in runs:
            start = time.perf_counter()
            unit, tokens, _ = loaded[corpus]
            measured, space = search(tokens, unit, state, n_jobs=args.n_jobs)
            rows += compare(f"rmrb {name}", measured, space, tokens, unit, state)
            print(f"  rmrb {name}: {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
        show(f"rmrb-2023-07-08 ({len(loaded[''][1]):,} {loaded[''][0]} units)", rows)
        for rule in RULES:
            chosen = [row["k"] for row in rows if row["rule"] == rule]
            print(
                f"rmrb {rule}: chosen k {chosen}, distinct {len(set(chosen))}, "
                f"range {min(chosen)}-{max(chosen)}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
