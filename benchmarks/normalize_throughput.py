"""Normalization throughput on a real corpus, with OpenCC alone as the reference.

    .venv/bin/python benchmarks/normalize_throughput.py [--corpus ../shared/corpora/rmrb-2023-07-08]

Prints MB/s (UTF-8 bytes of the decoded text per second of CPU time on one core) for:
OpenCC t2s alone, each normalization step, ``normalize_text`` (the whole pipeline) and
``normalize_corpus`` (pipeline plus the audit), and the peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _cpu(function, *args):
    start = time.process_time()
    result = function(*args)
    return time.process_time() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpora" / "rmrb-2023-07-08"))
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"corpus not found: {corpus}", file=sys.stderr)
        return 2

    from textkit.corpus import load_corpus
    from textkit.normalize import STEPS, _t2s, normalize_corpus, normalize_text

    documents, _ = load_corpus(corpus)
    texts = list(documents.text)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {corpus.name}, {len(texts)} documents, {megabytes:.1f} MB of UTF-8 text")

    from textkit._jieba import plain_tokenizer

    # One-time loading of dictionaries (OpenCC, pypinyin, jieba for the line-break check),
    # reported on its own rather than spread over the throughput figures.
    seconds, _ = _cpu(lambda: (normalize_text("領(lǐng)導(dǎo)"), plain_tokenizer()))
    print(f"{'one-time dictionary loading':34s} {seconds:7.2f} s CPU")
    converter = _t2s()
    seconds, _ = _cpu(lambda: [converter.convert(t) for t in texts])
    print(f"{'reference: OpenCC t2s alone':34s} {megabytes / seconds:7.1f} MB/s")

    current = texts
    for name, step in STEPS:
        seconds, current = _cpu(lambda s=step, c=current: [s(t)[0] for t in c])
        print(f"{'step ' + name:34s} {megabytes / seconds:7.1f} MB/s")

    seconds, _ = _cpu(lambda: [normalize_text(t) for t in texts])
    print(f"{'normalize_text (pipeline)':34s} {megabytes / seconds:7.1f} MB/s  ({seconds:.2f} s CPU)")
    seconds, _ = _cpu(normalize_corpus, documents)
    print(f"{'normalize_corpus (with audit)':34s} {megabytes / seconds:7.1f} MB/s  ({seconds:.2f} s CPU)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
