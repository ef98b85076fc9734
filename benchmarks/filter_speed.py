"""CPU seconds of the tokenizer's filter alone on a corpus's segmentations: as ``tokenize_corpus``
runs it, in groups of ``_CHUNK_CHARS`` characters (``_decided_lists``), and text by text
(``Tokenizer._filter_joined``), beside its parts: splitting the joined words, and deciding each
distinct word once (``Tokenizer.keeps``).

The corpus is loaded, normalized, split into articles and segmented once (two workers); the
segmentations (the workers' joined form) are kept in ``--segmented`` so later runs only time the
filter. Each repeat builds a new ``Tokenizer`` (its decisions start empty, as in a pipeline run) and
the measures alternate, so that a shared machine's load falls on all of them alike.

    .venv/bin/python benchmarks/filter_speed.py --corpus ../shared/corpora/rmrb-2023-07-08
"""

from __future__ import annotations

import argparse
import gc
import pickle
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpora" / "rmrb-2023-07-08"


def segmentations(corpus: Path, kept: Path) -> list[str]:
    """Every article's words joined by spaces, as the workers return them (read from ``kept``)."""
    if kept.exists():
        return pickle.loads(kept.read_bytes())
    from textkit.articles import split_articles
    from textkit.corpus import load_corpus
    from textkit.normalize import normalize_corpus
    from textkit.parallel import release_workers
    from textkit.tokenize import NullTokenCache, Tokenizer

    documents, _ = load_corpus(corpus)
    documents, _ = normalize_corpus(documents, n_jobs=2)
    articles = split_articles(documents, default_source="人民日报", n_jobs=2)
    joined = list(Tokenizer(cache=NullTokenCache())._run(articles["text"].tolist(), 2, None))
    release_workers()
    kept.write_bytes(pickle.dumps(joined))
    return joined


def cpu_seconds(work: Callable[[], object]) -> float:
    """CPU seconds of this process for one call of ``work``."""
    gc.collect()
    start = time.process_time()
    work()
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--segmented", type=Path, default=Path("/tmp/textkit-filter-speed.pkl"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from textkit.tokenize import _CHUNK_CHARS, NullTokenCache, Tokenizer, _chunks, _decided_lists

    joined = segmentations(args.corpus, args.segmented)
    segmenter = Tokenizer(cache=NullTokenCache()).segmenter
    vocabulary = sorted({word for text in joined for word in text.split(" ") if text})
    groups = [[text for _, text in group] for group in _chunks(enumerate(joined), _CHUNK_CHARS)]
    measures: dict[str, list[float]] = {
        "filter, groups": [],
        "text by text": [],
        "split only": [],
        "decisions only": [],
    }
    for _ in range(args.repeat):
        grouped = Tokenizer(segmenter, cache=NullTokenCache())  # decisions start empty
        measures["filter, groups"].append(
            cpu_seconds(lambda: [_decided_lists(group, grouped._decisions) for group in groups])  # noqa: B023
        )
        tokenizer = Tokenizer(segmenter, cache=NullTokenCache())
        measures["text by text"].append(cpu_seconds(partial(list, map(tokenizer._filter_joined, joined))))
        measures["split only"].append(cpu_seconds(lambda: [text.split(" ") for text in joined]))
        fresh = Tokenizer(segmenter, cache=NullTokenCache())
        measures["decisions only"].append(cpu_seconds(partial(list, map(fresh.keeps, vocabulary))))
    words = sum(text.count(" ") + 1 for text in joined if text)
    print(f"{len(joined)} texts, {words} words, {len(vocabulary)} distinct; CPU s over {args.repeat} runs:")
    for name, seconds in measures.items():
        print(f"  {name:15} median {statistics.median(seconds):.3f}  min {min(seconds):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
