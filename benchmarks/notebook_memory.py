"""Which call of notebooks 02-05 makes `make report`'s memory peak (issue 14).

    nice .venv/bin/python benchmarks/notebook_memory.py --notebook 03 --cache DIR [--corpus DIR] [--jobs 2]
        [--papermill /tmp/OUT.ipynb]

Runs the code cells' calls of one notebook, as papermill runs them under ``textkit report``
(``CACHE_DIR``, ``N_JOBS``, ``DEFAULT_SOURCE`` 人民日报; the other parameters at their defaults),
in this process, and samples every 50 ms the memory of this process and its children (the
tokenizer's forked workers) two ways: the sum of their resident sets (RSS: pages shared by
a parent and its forked children, copy-on-write, are counted once per process) and the sum of
their proportional set sizes (PSS, from ``/proc/PID/smaps_rollup``: a shared page counts
1/n in each of the n processes sharing it — what the processes together hold). Prints the
peak of both during each call (and of the calls inside ``fit_topics_cached`` that matter).
Only Linux (``/proc``). Plots are not drawn. With ``--papermill``, the notebook itself is
executed by papermill (into that file, as ``textkit report`` runs it) and the peaks are per cell.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as stages


def tree_memory(root: int) -> tuple[int, int]:
    """(RSS sum, PSS sum) in bytes of ``root`` and its descendants."""
    return stages._tree_rss(root), stages._tree_pss(root)


class Steps:
    """Peak (RSS sum, PSS sum) during each labelled step."""

    def __init__(self) -> None:
        self.label = "start"
        self.peaks: dict[str, list[int]] = {}
        self.running = True
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        while self.running:
            self._sample()
            time.sleep(0.05)

    def _sample(self) -> None:
        rss, pss = tree_memory(os.getpid())
        peak = self.peaks.setdefault(self.label, [0, 0])
        peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)

    def inside(self, owner, name: str) -> None:
        """Report the peak of each call of ``owner.name`` (a function a step calls) on its own line."""
        function = getattr(owner, name)

        def wrapped(*args, **kwargs):
            outer = self.label
            try:
                return self(f"    {name}", function, *args, **kwargs)
            finally:
                self.label = outer

        setattr(owner, name, wrapped)

    def __call__(self, label: str, function, *args, **kwargs):
        self._sample()
        self.label = label
        self.peaks[label] = [0, 0]
        start = time.perf_counter()
        result = function(*args, **kwargs)
        self._sample()
        rss, pss = self.peaks[label]
        after_rss, after_pss = tree_memory(os.getpid())
        print(
            f"{label:<44} {time.perf_counter() - start:7.1f} s   peak RSS sum {rss / 2**20:6,.0f} MiB"
            f"   peak PSS sum {pss / 2**20:6,.0f} MiB   after: RSS {after_rss / 2**20:6,.0f} "
            f"PSS {after_pss / 2**20:6,.0f}",
            flush=True,
        )
        self.label = f"after {label}"
        return result


def notebook_02(step: Steps, corpus: str, cache: str, jobs: int) -> None:
    from textkit.pipeline import cached_call, make_tokenizer, prepare_corpus
    from textkit.terms import adaptive_terms, suggest_terms
    from textkit.vocab import collocations, focus_keyness, kwic, term_frequencies, tfidf_keywords

    articles = step("[3] prepare_corpus", prepare_corpus, corpus, default_source="人民日报", cache_dir=cache,
                    n_jobs=jobs).articles
    tokenizer = step("[3] make_tokenizer", make_tokenizer, cache)
    tokens = step("[3] tokenize_corpus", tokenizer.tokenize_corpus, articles, n_jobs=jobs)
    lexicon = tokenizer.segmenter.terms
    sources = articles.source.replace("", "(unknown)")
    frequencies = step("[5] term_frequencies", term_frequencies, tokens)
    campaign = frequencies[frequencies.term.isin(lexicon)].reset_index(drop=True)
    step("[10] term_frequencies(groups=sources)", term_frequencies, tokens, groups=sources)
    groups = articles.doc_id + " #" + articles.article_no.astype(str)
    step("[12] term_frequencies(groups=articles)", term_frequencies, tokens, groups=groups)
    step("[14] focus_keyness", cached_call, cache, focus_keyness, tokens, articles.text, "政绩观")
    step("[16] kwic", kwic, articles, "政绩观", window=20)
    step("[18] collocations", cached_call, cache, collocations, tokens, min_count=3)
    step("[20] tfidf_keywords", cached_call, cache, tfidf_keywords, tokens, top_n=5, doc_ids=groups)
    min_freq = max(3, len(articles) // 200)
    step("[22] suggest_terms", cached_call, cache, suggest_terms, articles, min_freq=min_freq)
    step("[24] adaptive_terms", cached_call, cache, adaptive_terms, articles, segmenter=tokenizer.segmenter,
         unquoted=True)
    del campaign


def notebook_03(step: Steps, corpus: str, cache: str, jobs: int) -> None:
    import textkit.cluster.select as select
    from textkit.cache import ParquetCache
    from textkit.cluster import (
        TopicClusterer,
        article_theme_table,
        cluster_summary,
        clustering_units,
        nmf_topics,
        units_with_words,
    )
    from textkit.pipeline import cached_call, fit_topics_cached, make_tokenizer, prepare_corpus, refit_outcome

    for owner, name in [(select, "cached_space"), (select, "_scan"), (TopicClusterer, "fit"),
                        (ParquetCache, "put_pickle"), (ParquetCache, "get_pickle")]:
        step.inside(owner, name)
    articles = step("[3] prepare_corpus", prepare_corpus, corpus, default_source="人民日报", cache_dir=cache,
                    n_jobs=jobs).articles
    unit, units = clustering_units(articles, "auto")
    tokens = step("[3] tokenize_corpus", make_tokenizer(cache).tokenize_corpus, units, n_jobs=jobs)
    units, tokens, _ = units_with_words(units, tokens)
    params = {"ks": None, "k": None, "min_stability": 0.75, "random_state": 0, "unit": unit}
    model, _ = step("[3] fit_topics_cached", fit_topics_cached, tokens, cache, **params, n_jobs=jobs)
    step("[7] cluster_summary", cluster_summary, model, units, n_examples=2)
    step("[8] refit_outcome (cached_call)", cached_call, cache, refit_outcome, model, tokens)
    step("[15] article_theme_table", article_theme_table, model, units, unit)
    step("[18] nmf_topics (cached_call)", cached_call, cache, nmf_topics, model, random_state=0)


def notebook_04(step: Steps, corpus: str, cache: str, jobs: int) -> None:
    from textkit.cluster import clustering_units, units_with_words
    from textkit.extract import extract_claims, extract_formulations, extract_places
    from textkit.narrate.findings import outlet_terms, province_terms
    from textkit.pipeline import cached_call, fit_topics_cached, make_tokenizer, prepare_corpus

    articles = step("[3] prepare_corpus", prepare_corpus, corpus, default_source="人民日报", cache_dir=cache,
                    n_jobs=jobs).articles
    tokenizer = make_tokenizer(cache)
    tokens = step("[3] tokenize_corpus", tokenizer.tokenize_corpus, articles, n_jobs=jobs)
    sources = articles.source.replace("", "(unknown)")
    step("[3] extract_formulations", extract_formulations, articles, cache_dir=cache)
    places = step("[3] extract_places", extract_places, articles, cache_dir=cache)
    step("[3] extract_claims", extract_claims, articles, cache_dir=cache)
    unit, units = clustering_units(articles, "auto")
    unit_tokens = step("[8] tokenize_corpus(units)", tokenizer.tokenize_corpus, units, n_jobs=jobs)
    units, unit_tokens, _ = units_with_words(units, unit_tokens)
    params = {"ks": None, "k": None, "min_stability": 0.75, "random_state": 0, "unit": unit}
    step("[8] fit_topics_cached", fit_topics_cached, unit_tokens, cache, **params, n_jobs=jobs)
    step("[10] outlet_terms", outlet_terms, tokens, sources)
    named = places[~places.dateline & (places.province != "")]
    step("[12] province_terms (cached_call)", cached_call, cache, province_terms, tokens, articles, named,
         top_n=15)


def notebook_05(step: Steps, corpus: str, cache: str, jobs: int) -> None:
    from textkit.cluster import clustering_units, units_with_words
    from textkit.pipeline import cached_call, fit_topics_cached, make_tokenizer, prepare_corpus
    from textkit.timeline import compare_periods, default_terms, near_duplicates, term_series

    articles = step("[3] prepare_corpus", prepare_corpus, corpus, default_source="人民日报", cache_dir=cache,
                    n_jobs=jobs).articles
    tokenizer = make_tokenizer(cache)
    terms = step("[3] default_terms (cached_call)", cached_call, cache, default_terms, articles,
                 tokenizer.segmenter.terms, n=6)
    step("[3] term_series", term_series, articles, terms, freq="M")
    tokens = step("[16] tokenize_corpus", tokenizer.tokenize_corpus, articles, n_jobs=jobs)
    step("[16] compare_periods (cached_call)", cached_call, cache, compare_periods, articles, tokens, None)
    unit, units = clustering_units(articles, "auto")
    unit_tokens = step("[18] tokenize_corpus(units)", tokenizer.tokenize_corpus, units, n_jobs=jobs)
    units, unit_tokens, _ = units_with_words(units, unit_tokens)
    params = {"ks": [2, 3, 4, 5, 6, 7, 8], "k": None, "min_stability": 0.8, "random_state": 0, "unit": unit}
    step("[18] fit_topics_cached", fit_topics_cached, unit_tokens, cache, **params, n_jobs=jobs)
    step("[20] near_duplicates (cached_call)", cached_call, cache, near_duplicates, articles, threshold=0.5)


def papermill_run(notebook: str, corpus: str, cache: str, jobs: int, out: str) -> None:
    """The notebook itself, executed by papermill as ``textkit report`` runs it (kernel, parameters),
    into ``out`` (the committed notebook is not touched); the peak of this process tree (papermill
    here, the kernel, its workers) during each cell, from papermill's cell start and end times."""
    from datetime import datetime

    import nbformat
    import papermill

    from textkit._schedule import KERNEL_ARGS as _KERNEL_ARGS
    from textkit.report import resolve_n_jobs

    (source,) = (stages.REPO / "notebooks").glob(f"{notebook}_*.ipynb")
    samples: list[tuple[float, int, int]] = []
    running = [True]

    def loop() -> None:
        while running[0]:
            samples.append((time.time(), *tree_memory(os.getpid())))
            time.sleep(0.05)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    parameters = {"SEEDS_DIR": str(Path(corpus).resolve()), "CACHE_DIR": str(Path(cache).resolve()),
                  "N_JOBS": resolve_n_jobs(jobs), "DEFAULT_SOURCE": "人民日报"}
    papermill.execute_notebook(str(source), out, parameters=parameters, cwd=str(source.parent),
                               progress_bar=False, kernel_name="python3", extra_arguments=_KERNEL_ARGS)
    running[0] = False
    thread.join()
    index = 0
    for cell in nbformat.read(out, as_version=4).cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            continue
        timing = cell.get("metadata", {}).get("papermill", {})
        if cell.cell_type == "code" and timing.get("start_time") and timing.get("end_time"):
            start, end = (datetime.fromisoformat(timing[k].replace("Z", "+00:00")).timestamp()
                          for k in ("start_time", "end_time"))
            inside = [(rss, pss) for moment, rss, pss in samples if start <= moment <= end + 0.05]
            if inside:
                rss, pss = max(r for r, _ in inside), max(p for _, p in inside)
                first = cell.source.splitlines()[-1][:50] if cell.source else ""
                print(f"cell [{index:2d}] {end - start:7.1f} s   peak RSS sum {rss / 2**20:6,.0f} MiB   "
                      f"peak PSS sum {pss / 2**20:6,.0f} MiB   {first}")
        index += 1
    print(f"notebook {notebook} (papermill): peak RSS sum {max(s[1] for s in samples) / 2**20:,.0f} MiB, "
          f"peak PSS sum {max(s[2] for s in samples) / 2**20:,.0f} MiB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebook", choices=["02", "03", "04", "05"], required=True)
    parser.add_argument("--corpus", default=str(stages.DEFAULT_CORPUS))
    parser.add_argument("--cache", required=True)
    parser.add_argument("--jobs", type=int, default=-1)
    parser.add_argument("--papermill", metavar="OUT.ipynb", help="execute the notebook itself into this file")
    args = parser.parse_args()
    if args.papermill:
        papermill_run(args.notebook, args.corpus, args.cache, args.jobs, args.papermill)
        return 0
    from textkit.notebook import setup_notebook

    setup_notebook()
    step = Steps()
    notebooks = {"02": notebook_02, "03": notebook_03, "04": notebook_04, "05": notebook_05}
    notebooks[args.notebook](step, args.corpus, args.cache, args.jobs)
    step.running = False
    overall = [max(p[0] for p in step.peaks.values()), max(p[1] for p in step.peaks.values())]
    print(f"notebook {args.notebook}: peak RSS sum {overall[0] / 2**20:,.0f} MiB, "
          f"peak PSS sum {overall[1] / 2**20:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
