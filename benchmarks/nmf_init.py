"""Notebook 03's NMF topics from other starts: CPU, iterations and quality against today's.

    nice env PYTHONPATH=. python benchmarks/nmf_init.py [--states 0,1] [--inits nndsvd,nndsvda]
        [--only seeds thucnews rmrb rmrb+1] [--cache /tmp/nmfinit/cache]

For each corpus and random state the topics are fitted as notebook 03 fits them (``fit_topics``
with its defaults: the automatic range, the chosen k), then ``nmf_topics``' factorization (the
word columns of the TF-IDF matrix, float32, tol 1e-3, one thread) is run from each start:

- ``nndsvd`` / ``nndsvda`` / ``nndsvdar`` / ``random``: scikit-learn's starts (``random`` twice,
  seeds 0 and 1, as the spread of NMF's own local optima);
- ``kmeans``: ``init="custom"`` from the clusterer's solution (H: each cluster's centroid in the
  word TF-IDF space; W: each unit's least-squares weight on its own cluster's centroid);
- ``nndsvd@df5``: today's start on the word columns in at least 5 units only.

Printed per start: CPU seconds of the factorization, iterations, reconstruction error relative
to the matrix's norm (over all word columns: a column left out is reconstructed as 0), mean NPMI
coherence of the topics' top 10 terms over the units (``topic_coherence``), the topics that share
at least half their units with one k-means cluster (what ``describe_nmf`` counts), on THUCNews
the NMI between each headline's strongest topic and its class, and how many topics keep the same
top 3 / top 8 terms as the first start's (topics matched one to one by the Jaccard of their terms).

Corpora: the seed files (notebook 03's units), THUCNews headlines (``test.txt``, 10 classes),
``rmrb-2023-07-08`` (``人民日报``) and the same plus one file copied with a marker line (what a
one-file rerun of the report sees). The machine is shared: compare CPU seconds within one run.
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
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from sklearn.decomposition import NMF
from sklearn.metrics import normalized_mutual_info_score
from threadpoolctl import threadpool_limits

from textkit.cluster import clustering_units, fit_topics, units_with_words
from textkit.cluster.model import topic_coherence
from textkit.normalize import normalize_text
from textkit.pipeline import make_tokenizer, prepare_corpus
from textkit.tokenize import tokenize_corpus

REPO = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("TEXTKIT_CORPORA", REPO.parent / "shared" / "corpora"))
MARKER = "\n　　（新增的一篇）\n"


def load_folder(folder: Path, default_source, cache: str | None):
    articles = prepare_corpus(folder, default_source=default_source, cache_dir=cache, n_jobs=2).articles
    unit, units = clustering_units(articles, "auto")
    tokens = make_tokenizer(cache).tokenize_corpus(units, n_jobs=2)
    units, tokens, _ = units_with_words(units, tokens)
    return unit, tokens, None


def plus_one(folder: Path, work: Path) -> Path:
    """``folder`` (links) plus a copy of its middle file with a marker line (benchmarks/report.py's)."""
    if work.exists():
        shutil.rmtree(work)
    files = sorted(folder.rglob("*.txt"))
    for path in files:
        link = work / path.relative_to(folder)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(path)
    source = files[len(files) // 2]
    added = work / "added" / f"{source.stem}-added.txt"
    added.parent.mkdir(parents=True, exist_ok=True)
    added.write_text(source.read_text(encoding="utf-8").rstrip("\n") + MARKER, encoding="utf-8")
    return work


def kmeans_start(model, matrix) -> tuple[np.ndarray, np.ndarray]:
    labels, k = model.labels_, model.k
    members = sparse.csr_matrix(
        (np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(k, len(labels))
    )
    sizes = np.asarray(members.sum(axis=1)).ravel()
    centroids = np.asarray((members @ matrix).todense()) / sizes[:, None]
    own = centroids[labels]
    scale = np.asarray(matrix.multiply(own).sum(axis=1)).ravel() / np.maximum((own**2).sum(axis=1), 1e-12)
    weights = np.zeros((len(labels), k))
    weights[np.arange(len(labels)), labels] = np.maximum(scale, 0)
    return weights.astype(matrix.dtype), centroids.astype(matrix.dtype)


def factorize(model, matrix, start: str):
    """(weights, loadings, used columns, iterations, CPU s) of one start."""
    columns = np.arange(matrix.shape[1])
    init, seed, extra = start, model.random_state, {}
    if start.endswith("@df5"):
        columns = np.flatnonzero(np.bincount(matrix.indices, minlength=matrix.shape[1]) >= 5)
        init = start.split("@")[0]
    if start.startswith("random"):
        init, seed = "random", int(start.removeprefix("random") or 0)
    part = matrix[:, columns]
    if start == "kmeans":
        init, (w, h) = "custom", kmeans_start(model, part)
        extra = {"W": w, "H": h}
    nmf = NMF(n_components=model.k, init=init, random_state=seed, max_iter=1000, tol=1e-3)
    begin = time.process_time()
    with threadpool_limits(limits=1):
        weights = nmf.fit_transform(part, **extra)
    return weights, nmf.components_, columns, nmf.n_iter_, time.process_time() - begin


def top_terms(loadings, columns, names, n: int = 10) -> pd.DataFrame:
    rows = []
    for topic, row in enumerate(loadings):
        ranked = sorted(np.flatnonzero(row > 0), key=lambda j: (-row[j], names[columns[j]]))[:n]
        rows += [(topic, rank, names[columns[j]]) for rank, j in enumerate(ranked, start=1)]
    return pd.DataFrame(rows, columns=["cluster", "rank", "term"])


def kept(reference: pd.DataFrame, other: pd.DataFrame, k: int, n: int) -> int:
    """Topics of ``other`` with the same top-``n`` term set as their matched topic of ``reference``."""
    sets = [[set(t[(t.cluster == c) & (t["rank"] <= n)].term) for c in range(k)] for t in (reference, other)]
    jaccard = np.array([[len(a & b) / max(len(a | b), 1) for b in sets[1]] for a in sets[0]])
    rows, cols = linear_sum_assignment(-jaccard)
    return int((jaccard[rows, cols] == 1).sum())


def measure(name: str, tokens, unit: str, state: int, starts: list[str], truth=None) -> list[dict]:
    model, _ = fit_topics(tokens, random_state=state, unit=unit, n_jobs=2)
    n_words = model.features_.n_word_features_
    matrix = model.matrix_[:, :n_words].astype(np.float32).tocsr()
    names = model.features_.word_names_
    norm2 = sparse.linalg.norm(matrix) ** 2
    rows, reference = [], None
    for start in starts:
        weights, loadings, columns, iterations, cpu = factorize(model, matrix, start)
        part = matrix[:, columns]
        error2 = (
            norm2
            - 2 * np.sum(weights * (part @ loadings.T))
            + np.sum((weights.T @ weights) * (loadings @ loadings.T))
        )
        terms = top_terms(loadings, columns, names)
        strongest = weights.argmax(axis=1)
        table = pd.crosstab(strongest, model.labels_).to_numpy()
        row = {
            "corpus": name,
            "state": state,
            "k": model.k,
            "start": start,
            "cpu s": round(cpu, 1),
            "iter": iterations,
            "rel. error": round(float(np.sqrt(max(error2, 0) / norm2)), 5),
            "NPMI": round(float(topic_coherence(model.word_counts_, model.words_, terms).mean()), 4),
            "topics ≥ .5 one cluster": int((table.max(axis=1) / table.sum(axis=1) >= 0.5).sum()),
        }
        if truth is not None:
            row["NMI topic/class"] = round(normalized_mutual_info_score(truth, strongest), 4)
        reference = terms if reference is None else reference
        row["same top 3"] = f"{kept(reference, terms, model.k, 3)}/{model.k}"
        row["same top 8"] = f"{kept(reference, terms, model.k, 8)}/{model.k}"
        rows.append(row)
        print(row, file=sys.stderr, flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--states", default="0,1", help="random states, comma-separated")
    parser.add_argument(
        "--inits", default="nndsvd,nndsvda,nndsvdar,random0,random1,kmeans,nndsvd@df5", help="starts to run"
    )
    parser.add_argument("--only", nargs="+", default=["seeds", "thucnews", "rmrb", "rmrb+1"])
    parser.add_argument("--cache", default="/tmp/nmfinit/cache", help="textkit cache folder (tokens)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/nmfinit/plus1"))
    args = parser.parse_args(argv)
    states = [int(s) for s in args.states.split(",")]
    starts = args.inits.split(",")
    rows = []
    for corpus in args.only:
        truth = None
        if corpus == "seeds":
            unit, tokens, _ = load_folder(REPO / "seeds", None, None)
        elif corpus == "thucnews":
            lines = (
                (args.corpora / "thucnews-headlines" / "test.txt").read_text(encoding="utf-8").splitlines()
            )
            texts, labels = zip(*(line.rsplit("\t", 1) for line in lines if line), strict=True)
            unit, tokens, truth = (
                "headline",
                tokenize_corpus([normalize_text(t) for t in texts]),
                np.asarray(labels),
            )
        else:
            folder = args.corpora / "rmrb-2023-07-08"
            folder = plus_one(folder, args.work) if corpus == "rmrb+1" else folder
            unit, tokens, _ = load_folder(folder, "人民日报", args.cache)
        for state in states:
            rows += measure(corpus, tokens, unit, state, starts, truth)
    print(pd.DataFrame(rows).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
