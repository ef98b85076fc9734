"""Extraction speed on the People's Daily corpus (all files, duplicates included), with a plain-jieba
reference in the same run.

    .venv/bin/python benchmarks/extract_speed.py [CORPUS_DIR]   (default ../shared/corpora/rmrb-2023-07-08)
"""

from __future__ import annotations

import logging
import resource
import sys
import time
from pathlib import Path

import pandas as pd

from textkit import extract as ex

REPO = Path(__file__).resolve().parent.parent
root = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "corpora" / "rmrb-2023-07-08"
if not root.is_dir():
    sys.exit(f"corpus not found: {root}")
files = sorted(root.rglob("*.txt"))
articles = pd.DataFrame(
    {
        "doc_id": [f.relative_to(root).as_posix() for f in files],
        "article_no": 1,
        "text": [f.read_text(encoding="utf-8") for f in files],
    }
)
megabytes = sum(len(t.encode("utf-8")) for t in articles["text"]) / 1e6
print(f"{len(articles)} articles, {megabytes:.1f} MB, {articles['text'].str.len().sum():,} characters")

# warm-up: gazetteer, jieba dictionaries, compiled patterns
ex.extract_places("兰州"), ex.extract_claims("433.6万名党员"), ex.extract_formulations("“两个确立”")

timings = {}
for name, function in [
    ("formulations", ex.extract_formulations),
    ("places", ex.extract_places),
    ("claims", ex.extract_claims),
]:
    start = time.perf_counter()
    table = function(articles)
    timings[name] = time.perf_counter() - start
    print(f"{name:13s} {timings[name]:6.1f} s  {megabytes / timings[name]:5.2f} MB/s  {len(table):7,} rows")
total = sum(timings.values())
print(f"{'all three':13s} {total:6.1f} s  {megabytes / total:5.2f} MB/s")

import jieba  # noqa: E402

jieba.setLogLevel(logging.WARNING)
tokenizer = jieba.Tokenizer()
tokenizer.initialize()
start = time.perf_counter()
for text in articles["text"]:
    tokenizer.lcut(text)
reference = time.perf_counter() - start
print(f"{'jieba.lcut':13s} {reference:6.1f} s  {megabytes / reference:5.2f} MB/s  (reference, same run)")
print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
