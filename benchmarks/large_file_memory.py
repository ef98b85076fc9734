"""Peak memory of preparing one large file (load + normalize + split into articles).

    .venv/bin/python benchmarks/large_file_memory.py [--mb 30] [--folder /tmp/textkit-large]

Writes one UTF-8 file of about ``--mb`` MB into ``--folder`` (never into the repository) by
repeating the seed articles, each under its own head block (a numbered title and a byline, so
the splitter finds thousands of articles), then runs ``prepare_corpus`` on it in this
process. Prints the MB of text, the resident memory after the imports, the peak resident
memory (``ru_maxrss``) after each stage, and the ratio of the peak (and of the growth over
the imports) to the size of the text. Issue 17's goal: a peak of at most 10× the text.
"""

from __future__ import annotations

import argparse
import resource
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _peak_mb() -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_mb() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def write_large_file(folder: Path, megabytes: float) -> Path:
    """One file of about ``megabytes`` MB of seed text, one head block per article."""
    bodies = []
    for path in sorted((REPO / "seeds").glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        body = [line for line in lines if len(line) >= 30]
        if body:
            bodies.append("\n\n".join(body))
    if not bodies:
        raise SystemExit("no seed text found in seeds/")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "large.txt"
    limit = int(megabytes * 1_000_000)
    names = ["王明", "李华", "张伟", "刘洋", "陈静", "杨帆", "赵磊"]
    written, number = 0, 0
    with target.open("w", encoding="utf-8") as handle:
        while written < limit:
            number += 1
            body = bodies[number % len(bodies)]
            piece = f"第{number}号文章的标题\n\n本报记者 {names[number % len(names)]}\n\n{body}\n\n\n"
            handle.write(piece)
            written += len(piece.encode("utf-8"))
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=30.0, help="size of the generated file")
    parser.add_argument("--folder", default="/tmp/textkit-large-file", help="where the file is written")
    args = parser.parse_args(argv)
    folder = Path(args.folder).resolve()
    if REPO in folder.parents or folder == REPO:
        print("write the generated file outside the repository", file=sys.stderr)
        return 2
    path = write_large_file(folder, args.mb)
    text_mb = path.stat().st_size / 2**20

    from textkit.articles import split_articles
    from textkit.corpus import load_corpus
    from textkit.normalize import normalize_corpus

    base = _current_mb()
    print(f"text: {text_mb:.1f} MB in {path}")
    print(f"resident after imports: {base:.0f} MB")
    documents, _ = load_corpus(folder)
    print(f"peak after load:      {_peak_mb():7.0f} MB")
    documents, _ = normalize_corpus(documents)
    print(f"peak after normalize: {_peak_mb():7.0f} MB")
    articles = split_articles(documents)
    peak = _peak_mb()
    print(f"peak after split:     {peak:7.0f} MB ({len(articles):,} articles)")
    print(f"peak / text: {peak / text_mb:.1f}x; (peak - imports) / text: {(peak - base) / text_mb:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
