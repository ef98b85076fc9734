"""Audit of article metadata on build files of the People's Daily sample (issue 12; readings in
``tools/bylines_audit.txt``).

Sample rule: the build files of ``rmrb-2023-07-08`` (``build_lexicon.corpus_files(build=True)``:
names whose SHA-1 is not 0 mod 10, so no file of a held-out set, L included, is read), sorted by
path, ``random.Random(SEED).sample(files, N)``, then sorted. For each file it prints the raw head
(the first ``HEAD`` non-blank lines, as the file writes them), every raw line that looks like a
byline or credit (``CREDIT``: 记者, 通讯员, 作者, 摄, 采写, 整理, 执笔, 口述, 统筹, 设计, 文/, 图/,
编辑, a short note in brackets, a line of two to four names), the last two raw lines, and
textkit's rows for it (``split_articles`` on the normalized documents, as the notebooks prepare
them: ``prepare_corpus(folder, default_source="人民日报")`` on a folder of links to the sample).

    python tools/bylines_audit.py --corpus ../shared/corpora/rmrb-2023-07-08 > /tmp/audit.txt
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(1, str(REPO / "tools"))

SEED = 20260712
N = 60
HEAD = 6
CREDIT = re.compile(
    r"记者|通讯员|作者|摄|采写|整理|执笔|口述|统筹|设计|文/|图/|编辑|^[（(][^（）()]{1,40}[）)]$"
    r"|^[\u4e00-\u9fff·]{2,4}(?:\s+[\u4e00-\u9fff·]{1,4}){1,5}$"
)
FIELDS = ["kicker", "title", "subtitle", "column", "author", "author_role", "author_note"]
FIELDS += ["date", "dateline_date"]


def sample(corpus: Path, seed: int = SEED, n: int = N) -> list[Path]:
    """The audited files: ``n`` build files drawn with ``random.Random(seed)``, sorted."""
    from build_lexicon import corpus_files

    files = corpus_files(corpus, build=True)
    return sorted(random.Random(seed).sample(files, n))


def rows_of(corpus: Path, files: list[Path]):
    """textkit's articles of ``files``, prepared as a notebook prepares a folder."""
    from textkit.pipeline import prepare_corpus

    with tempfile.TemporaryDirectory() as folder:
        for path in files:
            link = Path(folder) / path.relative_to(corpus)
            link.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(path.resolve(), link)
        return prepare_corpus(folder, default_source="人民日报").articles


def report(corpus: Path, files: list[Path], articles) -> str:
    out = []
    for path in files:
        name = str(path.relative_to(corpus))
        raw = [line.strip() for line in path.read_text("utf-8-sig", errors="replace").split("\n")]
        raw = [line for line in raw if line]
        out.append(f"=== {name}  ({len(raw)} lines)")
        for line in raw[:HEAD]:
            out.append(f"  head| {line[:90]}")
        for number, line in enumerate(raw):
            if number >= HEAD and len(line) <= 80 and CREDIT.search(line):
                out.append(f"  cred| {number:3d} {line[:90]}")
        for line in raw[max(HEAD, len(raw) - 2) :]:
            out.append(f"  tail| {line[-90:]}")
        rows = articles[articles["doc_id"].astype(str).str.replace("\\", "/") == name]
        for _, row in rows.iterrows():
            values = "  ".join(f"{field}={row[field]!s}" for field in FIELDS if str(row[field]))
            out.append(f"  row{row['article_no']}| {values}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("-n", type=int, default=N)
    args = parser.parse_args(argv)
    files = sample(args.corpus, args.seed, args.n)
    print(report(args.corpus, files, rows_of(args.corpus, files)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
