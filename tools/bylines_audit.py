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

The second audit (``tools/bylines_audit2.txt``) draws with ``--seed 20261207 -n 80 --exclude-first
--by-page``: the first audit's 60 files left out, and the draw stratified by the page number PP of
the file name YYYYMMDD-PP-NN (each page's files shuffled with one ``random.Random(seed)``, pages in
order, then taken a file per page in turn), so the back pages (theory, international, culture,
supplements) count as much as page 1 rather than by their share of the files.

    python tools/bylines_audit.py --corpus ../shared/corpora/rmrb-2023-07-08 > /tmp/audit.txt
    python tools/bylines_audit.py --corpus ../shared/corpora/rmrb-2023-07-08 --seed 20261207 -n 80 \\
        --exclude-first --by-page > /tmp/audit2.txt

The third audit (``tools/bylines_audit3.txt``) draws with ``--seed 20261208 -n 80 --exclude-earlier
--by-page``: both earlier audits' files (``EARLIER``: the first's 60 and the second's 80) left out.

    python tools/bylines_audit.py --corpus ../shared/corpora/rmrb-2023-07-08 --seed 20261208 -n 80 \\
        --exclude-earlier --by-page > /tmp/audit3.txt
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
# The earlier audits' draws (seed, n, exclude_first, by_page), in order: the first's 60 files and the
# second's 80 (tools/bylines_audit.txt, tools/bylines_audit2.txt).
EARLIER = [(SEED, N, False, False), (20261207, 80, True, True)]


def sample(
    corpus: Path,
    seed: int = SEED,
    n: int = N,
    *,
    exclude_first: bool = False,
    by_page: bool = False,
    exclude_earlier: bool = False,
) -> list[Path]:
    """The audited files: ``n`` build files drawn with ``random.Random(seed)``, sorted; without the
    first audit's files (``exclude_first``) or without every earlier audit's (``exclude_earlier``:
    ``earlier_files``), and stratified by page number (``by_page``)."""
    from build_lexicon import corpus_files

    files = corpus_files(corpus, build=True)
    if exclude_first or exclude_earlier:
        drawn = set(earlier_files(corpus) if exclude_earlier else sample(corpus))
        files = [path for path in files if path not in drawn]
    if by_page:
        return sorted(by_page_draw(files, random.Random(seed), n))
    return sorted(random.Random(seed).sample(files, n))


def earlier_files(corpus: Path) -> list[Path]:
    """The files every earlier audit read (``EARLIER``, each drawn as its audit drew it), sorted."""
    drawn: set[Path] = set()
    for seed, n, exclude_first, by_page in EARLIER:
        drawn.update(sample(corpus, seed, n, exclude_first=exclude_first, by_page=by_page))
    return sorted(drawn)


def page_of(path: Path) -> str:
    """The page number PP of a file named YYYYMMDD-PP-NN.txt.

    >>> page_of(Path("20230701/20230701-05-03.txt"))
    '05'
    """
    return path.stem.split("-")[1]


def by_page_draw(files: list[Path], rng: random.Random, n: int) -> list[Path]:
    """``n`` files taken a page at a time: each page's files shuffled by ``rng`` (pages in order),
    then the next file of each page in turn, so every page is drawn about ``n / pages`` times.

    >>> names = [Path(f"2023070{d}-{p:02d}-01.txt") for p in (1, 2) for d in range(1, 10)]
    >>> sorted(page_of(path) for path in by_page_draw(names, random.Random(0), 4))
    ['01', '01', '02', '02']
    """
    pages: dict[str, list[Path]] = {}
    for path in sorted(files):
        pages.setdefault(page_of(path), []).append(path)
    for page in sorted(pages):
        rng.shuffle(pages[page])
    drawn: list[Path] = []
    for turn in range(max(map(len, pages.values()), default=0)):
        for page in sorted(pages):
            if turn < len(pages[page]) and len(drawn) < n:
                drawn.append(pages[page][turn])
    return drawn


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
    parser.add_argument("--exclude-first", action="store_true", help="leave out the first audit's 60 files")
    parser.add_argument(
        "--exclude-earlier", action="store_true", help="leave out both earlier audits' 140 files"
    )
    parser.add_argument("--by-page", action="store_true", help="stratify the draw by page number")
    parser.add_argument("--list", action="store_true", help="print the drawn files only")
    args = parser.parse_args(argv)
    files = sample(
        args.corpus,
        args.seed,
        args.n,
        exclude_first=args.exclude_first,
        by_page=args.by_page,
        exclude_earlier=args.exclude_earlier,
    )
    if args.list:
        print("\n".join(str(path.relative_to(args.corpus)) for path in files))
        return 0
    print(report(args.corpus, files, rows_of(args.corpus, files)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
