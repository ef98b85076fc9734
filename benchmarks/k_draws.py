"""Fewer stability draws or seed runs: what they cost in the choice of k and the firm themes, what they save.

``fit_topics`` searches k on a sample of 2,000 units with ``_measure``: one k-means fit, ``n_runs - 1``
fits with other seeds (fit_topics passes ``n_runs = 2``; ``select_k``'s default is 3) and ``n_draws``
(6) subsample refits (``_jaccard_draws``); the chosen k is then fitted on all units with ``n_draws``
(6, ``TopicClusterer``) refits for ``cluster_stability_`` (notebook 03 does that fit twice: the model
and ``refit``). Fewer draws make each cluster's mean Jaccard noisier and its standard error larger,
so ``firm_count_error`` (the z-test) and with it ``firm_needed``/``choose_k`` move too.

Both the draws and the seed runs are prefixes: ``_jaccard_draws`` takes its subsamples from one
generator in order and seeds draw d with ``random_state + 1 + d``, and seed run r uses
``random_state + r``; so the first 4 of 6 draws *are* what ``n_draws = 4`` computes (checked on the
seeds against ``_measure`` itself, every k, every setting). This script therefore runs each search
once at the largest setting, timing every k-means fit (process CPU, one process, one thread, as a
search worker runs), and reads every setting off the same fits: the settings differ by the draws
only, in the same run. Per run it prints, for each setting, the chosen k, the firm themes at that k,
the most firm themes at any k (N) and its SE, the search's CPU seconds, and for the final fit at
the chosen k: firm themes in ``cluster_stability_`` (≥ 0.75 and at most half the units) with 6 and 4
refit draws, the refit draws' CPU, and (THUCNews) the NMI of the final labels against the 10 classes.

    nice env PYTHONPATH=. python benchmarks/k_draws.py --states 3 --seed-states 5 --rmrb-states 2 --files 1

Measured (issue 14, one run each of --only seeds / thucnews / rmrb, on 2 shared cores; chosen k,
settings (n_runs, n_draws) 2,6 (fit_topics today) → 2,4 → 2,3; n_runs changes no k, see below):

- seeds, random_state 0-4: k 6,6,6,6,7 → 6,6,5,6,7 → 6,7,5,6,7.
- THUCNews, random_state 0-2: k 42,50,60 → 50,60,60 → 60,60,50; NMI of the final model
  .3311,.3193,.3164 → .3112,.3186,.3164 → .3095,.3186,.3241.
- rmrb-2023-07-08 (4,605 articles), seed 0, seed 1, one file dropped, one added: k 24,42,29,29 →
  29,42,29,35 → 20,42,29,35.
- Search CPU (one thread): THUCNews 9.0/8.4/9.6 s → 7.1/6.6/7.5 → 6.1/5.7/6.5; rmrb 9.5/9.5/11.2/11.8
  → 7.7/7.8/9.3/9.6 → 6.9/6.9/8.3/8.5. n_runs 2 → 1 keeps every k (the seed ARI is not part of
  the rule) and saves 1.0-1.3 s, but leaves the table's seed_ari a constant 1.0 that plot_select_k draws.
- Final fit's refit draws 6 → 4 (k and labels unchanged): firm themes at the chosen k hold on the seeds
  and THUCNews (18/18, 24/24, 27/27) but not on rmrb (9→10, 15→14, 12→12, 11→10), and 1-6 clusters
  cross 0.75 either way; the draws cost 0.8-1.5 s on rmrb (→ 0.6-0.9 s) and 3.2-4.7 s on THUCNews.
No default was changed: fewer search draws move k on every corpus, fewer refit draws move rmrb's counts.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))
from k_choice_bulk import CORPORA, REPO, load_units, searched, show
from k_choice_stability import picked_files, variant_folder
from thucnews_clustering import load_headlines

from textkit.cluster import STABLE
from textkit.cluster._fit import _jaccard_table, _kmeans, _mean_seen
from textkit.cluster.model import TopicClusterer, class_tfidf, filler_words, topic_coherence
from textkit.cluster.model import topic_diversity as _diversity
from textkit.cluster.select import LARGEST_THEME, TABLE_COLUMNS, _measure, _row, choose_k
from textkit.normalize import normalize_text
from textkit.tokenize import tokenize_corpus

# (n_runs, search n_draws): fit_topics today is (2, 6).
SETTINGS = [(3, 6), (2, 6), (2, 4), (2, 3), (1, 6), (1, 4)]
CURRENT = (2, 6)
REFIT_DRAWS = (6, 4)
clock = time.process_time


def timed_draws(embedding, labels, k, n_draws, subsample, random_state, n_init, minibatch_above):
    """``_jaccard_draws`` step by step (same generator, same seeds), with each refit's CPU seconds."""
    labels = np.asarray(labels)
    n = len(labels)
    rng = np.random.default_rng(random_state)
    size = min(n, max(k + 1, round(subsample * n)))
    scores, aris, seconds = np.full((n_draws, k), np.nan), [], []
    for draw in range(n_draws):
        start = clock()
        rows = np.sort(rng.choice(n, size=size, replace=False))
        new = _kmeans(embedding[rows], k, n_init, random_state + 1 + draw, minibatch_above)[0]
        original = labels[rows]
        present = np.bincount(original, minlength=k) > 0
        best = _jaccard_table(original, new, k).max(axis=1)
        scores[draw, present] = best[present]
        aris.append(adjusted_rand_score(original, new))
        seconds.append(clock() - start)
    return scores, np.asarray(aris), np.asarray(seconds)


def timed_measure(
    embedding, counts, words, k, settings, random_state, runs=3, draws=6, silhouette_sample=1_000
):
    """``_measure`` at ``runs``/``draws``, with the CPU of every part: any smaller setting reads off it."""
    from sklearn.metrics import silhouette_score

    n = embedding.shape[0]
    starts, minibatch_above = min(3, settings["n_init"]), settings["minibatch_above"]
    start = clock()
    labels = _kmeans(embedding, k, starts, random_state, minibatch_above)[0]
    base = clock() - start
    seed_aris, seed_seconds = [], []
    for run in range(1, runs):
        start = clock()
        other = _kmeans(embedding, k, starts, random_state + run, minibatch_above)[0]
        seed_aris.append(adjusted_rand_score(labels, other))
        seed_seconds.append(clock() - start)
    scores, aris, seconds = timed_draws(embedding, labels, k, draws, 0.8, random_state, 3, minibatch_above)
    start = clock()
    silhouette = silhouette_score(
        embedding, labels, metric="cosine", sample_size=min(silhouette_sample, n), random_state=random_state
    )
    filler = filler_words() if settings["filler_weight"] != 1 else ()
    top = class_tfidf(
        (counts, words),
        labels,
        top_n=10,
        weighting=settings["label_weighting"],
        filler=filler,
        filler_weight=settings["filler_weight"],
    )
    coherence, diversity = float(topic_coherence(counts, words, top).mean()), _diversity(top)
    rest = base + clock() - start
    return {
        "k": k,
        "n": n,
        "silhouette": silhouette,
        "coherence": coherence,
        "diversity": diversity,
        "sizes": np.bincount(labels, minlength=k),
        "scores": scores,
        "aris": aris,
        "seed_aris": seed_aris,
        "cpu": {"rest": rest, "seeds": np.asarray(seed_seconds), "draws": seconds},
    }


def at_setting(timed: dict, runs: int, draws: int) -> tuple[dict, float]:
    """``_measure``'s dict for ``n_runs=runs, n_draws=draws`` from the larger timed one, and its CPU."""
    seed = timed["seed_aris"][: runs - 1]
    measured = {key: timed[key] for key in ("k", "n", "silhouette", "coherence", "diversity", "sizes")} | {
        "seed_ari": float(np.mean(seed)) if seed else 1.0,
        "subsample_ari": float(np.mean(timed["aris"][:draws])),
        "draws": timed["scores"][:draws],
    }
    cpu = timed["cpu"]
    return measured, cpu["rest"] + cpu["seeds"][: runs - 1].sum() + cpu["draws"][:draws].sum()


def check_prefix(embedding, counts, words, ks, settings, random_state) -> None:
    """Every setting read off the largest equals ``_measure`` run at that setting (raises otherwise)."""
    for k in ks:
        timed = timed_measure(embedding, counts, words, k, settings, random_state, *SETTINGS[0])
        for runs, draws in SETTINGS:
            mine = at_setting(timed, runs, draws)[0]
            theirs = _measure(embedding, counts, words, k, settings, random_state, runs, draws, 0.8, 1_000)
            assert np.array_equal(mine["draws"], theirs["draws"], equal_nan=True), (k, runs, draws)
            for key in ("seed_ari", "subsample_ari", "silhouette", "coherence"):
                assert np.isclose(mine[key], theirs[key]), (k, runs, draws, key)


def table_at(timed_all: dict, runs: int, draws: int) -> tuple[pd.DataFrame, float]:
    rows, cpu = [], 0.0
    for k in sorted(timed_all):
        measured, seconds = at_setting(timed_all[k], runs, draws)
        rows.append(_row(measured, STABLE))
        cpu += seconds
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS).sort_values("k", ignore_index=True).round(3)
    table.attrs.update(stable_at=STABLE)
    return table, cpu


def final_fit(tokens, space, unit, k, random_state, truth) -> dict:
    """The final model at k (n_init 10) and its stability refits, timed; firm themes at 6 and 4 draws."""
    start = clock()
    model = TopicClusterer(k=k, unit=unit, random_state=random_state, n_draws=0).fit(tokens, _space=space)
    fit_cpu = clock() - start
    scores, _, seconds = timed_draws(
        model.embedding_,
        model.labels_,
        k,
        max(REFIT_DRAWS),
        model.subsample,
        random_state,
        3,
        model.minibatch_above,
    )
    share = model.sizes_.to_numpy() / model.n_units_
    out = {"fit_cpu": fit_cpu}
    for draws in REFIT_DRAWS:
        stability = _mean_seen(scores[:draws]).round(3)
        out[f"firm{draws}"] = int(((stability >= STABLE) & (share <= LARGEST_THEME)).sum())
        out[f"draws{draws}_cpu"] = float(seconds[:draws].sum())
        out[f"stab{draws}"] = stability
    out["moved"] = int(np.sum((out["stab6"] >= STABLE) != (out["stab4"] >= STABLE)))
    out["max_diff"] = float(np.abs(out["stab6"] - out["stab4"]).max())
    if truth is not None:
        out["NMI"] = round(normalized_mutual_info_score(truth, model.labels_), 4)
    return out


def one_run(name: str, tokens, unit: str, random_state: int, truth=None, check: bool = False) -> list[dict]:
    settings, space, embedding, counts, words, ks = searched(tokens, unit, random_state)
    if check:
        with threadpool_limits(limits=1):
            check_prefix(embedding, counts, words, ks, settings, random_state)
        print(f"  {name}: every setting equals _measure run at that setting ({len(ks)} k)", file=sys.stderr)
    with threadpool_limits(limits=1):  # as a search worker runs (_measure_all)
        timed_all = {
            k: timed_measure(embedding, counts, words, k, settings, random_state, *SETTINGS[0]) for k in ks
        }
    finals, rows = {}, []
    for runs, draws in SETTINGS:
        table, cpu = table_at(timed_all, runs, draws)
        k = choose_k(table)
        if k not in finals:
            finals[k] = final_fit(tokens, space, unit, k, random_state, truth)
        most = int(table["n_stable"].max())
        at_k = table.loc[table["k"] == k].iloc[0]
        final = finals[k]
        row = {
            "run": name,
            "runs": runs,
            "draws": draws,
            "k": k,
            "firm@k": int(at_k["n_stable"]),
            "se@k": float(at_k["n_stable_se"]),
            "N": most,
            "N_se": float(table.loc[table["n_stable"] == most, "n_stable_se"].iloc[0]),
            "search_cpu": round(cpu, 1),
            "final firm 6/4 draws": f"{final['firm6']}/{final['firm4']}",
            "crossed": final["moved"],
            "max|Δstab|": round(final["max_diff"], 3),
            "refit draws cpu 6/4": f"{final['draws6_cpu']:.1f}/{final['draws4_cpu']:.1f}",
            "fit cpu": round(final["fit_cpu"], 1),
        }
        if truth is not None:
            row["NMI"] = final["NMI"]
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds-dir", type=Path, default=REPO / "seeds")
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--states", type=int, default=3, help="THUCNews random_state 0 .. R-1")
    parser.add_argument("--seed-states", type=int, default=5, help="seeds random_state 0 .. R-1")
    parser.add_argument("--rmrb-states", type=int, default=2, help="rmrb random_state 0 .. R-1")
    parser.add_argument("--files", type=int, default=1, help="rmrb files to drop / add one at a time")
    parser.add_argument("--cache", default="/tmp/kbulk/cache", help="textkit cache folder (tokens)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kbulk/work"), help="for the rmrb variants")
    parser.add_argument("--only", choices=["seeds", "thucnews", "rmrb"], nargs="+", default=None)
    args = parser.parse_args(argv)
    only = set(args.only or ["seeds", "thucnews", "rmrb"])
    print(f"settings (n_runs, search n_draws): {SETTINGS}; fit_topics: {CURRENT}; refit draws {REFIT_DRAWS}")

    if "seeds" in only:
        unit, tokens, _ = load_units(args.seeds_dir, None, 1, None)
        rows = []
        for state in range(args.seed_states):
            rows += one_run(f"seeds {state}", tokens, unit, state, check=True)
        show(f"Seeds ({len(tokens):,} {unit} units, as notebook 03)", rows)

    if "thucnews" in only:
        texts, truth = load_headlines(args.corpora)
        tokens = tokenize_corpus([normalize_text(text) for text in texts])
        rows = []
        for state in range(args.states):
            rows += one_run(f"thuc {state}", tokens, "headline", state, truth=truth)
            print(f"  thuc {state} done", file=sys.stderr, flush=True)
        show(f"THUCNews headlines ({len(tokens):,}, 10 classes)", rows)

    if "rmrb" in only:
        folder = args.corpora / "rmrb-2023-07-08"
        loaded = {"": load_units(folder, "人民日报", 2, args.cache)}
        runs = [(f"seed={r}", "", r) for r in range(args.rmrb_states)]
        for number, picked in enumerate(picked_files(loaded[""][2], args.files)):
            for kind in ("drop", "add"):
                name = f"{kind}-{number}"
                path = folder / picked
                variant = variant_folder(
                    folder, args.work / name, **({"drop": path} if kind == "drop" else {"add": path})
                )
                loaded[name] = load_units(variant, "人民日报", 2, args.cache)
                runs.append((name, name, 0))
        rows = []
        for name, corpus, state in runs:
            unit, tokens, _ = loaded[corpus]
            rows += one_run(f"rmrb {name}", tokens, unit, state)
            print(f"  rmrb {name} done", file=sys.stderr, flush=True)
        show(f"rmrb-2023-07-08 ({len(loaded[''][1]):,} {loaded[''][0]} units)", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
