"""Lines normalization's boilerplate step drops from the build files of the People's Daily sample
(readings in ``tools/bylines_audit4.txt``): one line per dropped line, ``file <TAB> line``, page
furniture (版式设计, 责编, 制图, 本期统筹, photo credits, contact lines, 图片报道) left out unless in
brackets, so that what is left is text or metadata the cut may have taken with the furniture.

Build files: ``lexicon_corpus.corpus_files(build=True)`` (names whose SHA-1 is not 0 mod 10, no
annotated file), so no held-out file is read. Each raw file goes through the boilerplate step alone
(``textkit.normalize.boilerplate._boilerplate``), as People's Daily files need no script step first.

    python tools/dropped_lines.py --corpus ../shared/corpora/rmrb-2023-07-08 > /tmp/dropped.txt
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(1, str(REPO / "tools"))

FURNITURE = re.compile(r"版式设计|责编|制图|本期统筹|摄$|邮箱|传真|电话|图片报道")


def dropped(raw: str) -> list[str]:
    """The lines of ``raw`` the boilerplate step drops that are not plain page furniture.

    >>> dropped("正文第一段。\\n（曾译萱参与采写）\\n版式设计：沈亦伶")
    []
    >>> dropped("正文第一段。\\n发言摘编由本报记者银燕整理\\n版式设计：沈亦伶")
    ['发言摘编由本报记者银燕整理']
    """
    from textkit.normalize.boilerplate import _boilerplate

    _, record = _boilerplate(raw)
    return [line for line in record.dropped if line.startswith(("（", "(")) or not FURNITURE.search(line)]


def main(argv: list[str] | None = None) -> int:
    from lexicon_corpus import corpus_files

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    args = parser.parse_args(argv)
    for path in corpus_files(args.corpus, build=True):
        for line in dropped(path.read_text(encoding="utf-8-sig", errors="replace")):
            print(f"{path.relative_to(args.corpus)}\t{line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
