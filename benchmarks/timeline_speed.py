"""Timeline speed on the People's Daily corpus: ``term_series`` for 50 terms and
``near_duplicates`` on all articles, with a plain serial jieba loop over the same texts as a
reference in the same run.

    .venv/bin/python benchmarks/timeline_speed.py [CORPUS_DIR]   (default ../shared/corpora/rmrb-2023-07-08)

Prints seconds and the process's peak resident memory after each step (the peak is for the
whole process, so each line includes what came before it). Timings on a shared machine are noisy.
"""

from __future__ import annotations

import logging
import resource
import sys
import time
import warnings
from pathlib import Path

from textkit.pipeline import prepare_corpus
from textkit.timeline import default_terms, near_duplicates, reprint_summary, term_series
from textkit.tokenize import Segmenter

warnings.filterwarnings("ignore")
REPO = Path(__file__).resolve().parent.parent
root = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "corpora" / "rmrb-2023-07-08"
if not root.is_dir():
    sys.exit(f"corpus not found: {root}")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


articles = prepare_corpus(root, default_source="人民日报").articles
megabytes = sum(len(t.encode("utf-8")) for t in articles["text"]) / 1e6
print(f"{len(articles)} articles, {megabytes:.1f} MB of body text; peak so far {peak_mb():.0f} MB")

lexicon = sorted(Segmenter().terms)
terms = list(
    dict.fromkeys(["大运会", "防汛", "主题教育", *default_terms(articles, lexicon, n=len(lexicon))])
)[:50]
start = time.perf_counter()
series = term_series(articles, terms, freq="D")
seconds = time.perf_counter() - start
print(
    f"term_series     {len(terms)} terms  {seconds:6.2f} s  {megabytes / seconds:6.1f} MB/s  "
    f"{len(series):,} rows  peak {peak_mb():.0f} MB"
)

start = time.perf_counter()
groups = near_duplicates(articles, threshold=0.5)
seconds = time.perf_counter() - start
summary = reprint_summary(groups)
print(
    f"near_duplicates {len(articles)} articles  {seconds:6.2f} s  {summary['stories']:,} stories, "
    f"{summary['folded']:,} reprints folded  peak {peak_mb():.0f} MB"
)

import jieba  # noqa: E402

jieba.setLogLevel(logging.WARNING)
tokenizer = jieba.Tokenizer()
tokenizer.initialize()
start = time.perf_counter()
for text in articles["text"]:
    tokenizer.lcut(text)
reference = time.perf_counter() - start
print(f"jieba.lcut      {reference:6.2f} s  {megabytes / reference:6.2f} MB/s  (reference, same texts)")
print(f"peak memory {peak_mb():.0f} MB")
