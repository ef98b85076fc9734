"""Stage 6 — extract: formulations (提法), places and quantitative claims from articles.

Input is the articles table of ``split_articles`` (``doc_id, article_no, text`` and, when known,
``source`` and ``date``), with normalized simplified text: one paragraph per line, full-width
``，；：？！（）`` between Han characters, no space between Han characters and digits. Every
function also takes a single text (it becomes article ``("text", 1)``). Out come tidy DataFrames
with ``doc_id`` and ``article_no`` on every row, sorted by position in the corpus.

A package: ``formulations``, ``places`` and ``claims`` hold the three extractors, ``summaries``
the counts, ``_common`` what they share. Each extractor has a text-level ``find_*`` and a
table-level ``extract_*``:

- **formulations** — quoted phrases (“…”, ‘…’, 「…」, 『…』) and numeral-led formulations
  (两个确立, 三会一课, 1+6); ``《…》`` titles are kept apart (``extract_titles``);
- **places** — provinces, prefectures and counties of ``data/gazetteer_cn_admin.tsv``, each
  mention resolved to its official name, level and province;
- **claims** — an Arabic number with its unit or ``%`` (433.6万名党员 → 4,336,000 名), dates,
  ordinals and identifiers excluded.

Summary helpers (``count_by_article``, ``count_by_source``, ``formulation_counts``,
``formulation_table``, ``place_counts``, ``place_table``, ``claims_by_unit``) turn those tables
into the ones a notebook shows.

>>> claims = extract_claims("排查受理各类矛盾纠纷10.2万起，化解成功率达98.2%")
>>> claims[["match", "value", "unit", "noun"]].values.tolist()
[['10.2万起', 102000.0, '起', '矛盾纠纷'], ['98.2%', 98.2, '%', '成功率']]
"""

from __future__ import annotations

from textkit.extract.claims import (
    CLAIM_COLUMNS,
    extract_claims,
    find_claims,
    parse_chinese_number,
)
from textkit.extract.formulations import (
    FORMULATION_COLUMNS,
    Quote,
    default_lexicon,
    extract_formulations,
    extract_titles,
    find_formulations,
    find_quotes,
    formulation_key,
    is_numbered,
)
from textkit.extract.places import (
    PLACE_COLUMNS,
    PlaceMatcher,
    extract_places,
    find_places,
    load_gazetteer,
    short_name,
)
from textkit.extract.summaries import (
    claims_by_unit,
    count_by_article,
    count_by_source,
    formulation_counts,
    formulation_table,
    place_counts,
    place_table,
)

__all__ = [
    "CLAIM_COLUMNS",
    "FORMULATION_COLUMNS",
    "PLACE_COLUMNS",
    "PlaceMatcher",
    "Quote",
    "claims_by_unit",
    "count_by_article",
    "count_by_source",
    "default_lexicon",
    "extract_claims",
    "extract_formulations",
    "extract_places",
    "extract_titles",
    "find_claims",
    "find_formulations",
    "find_places",
    "find_quotes",
    "formulation_counts",
    "formulation_key",
    "formulation_table",
    "is_numbered",
    "load_gazetteer",
    "parse_chinese_number",
    "place_counts",
    "place_table",
    "short_name",
]
