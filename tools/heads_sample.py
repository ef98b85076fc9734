"""Heads of rmrb-2023-07-08 build files for the headline reading (issue 12): the population and
sample of ``tests/data/rmrb_heads.json`` and the training heads of ``tools/fit_headline_model.py``.

- ``population``: every head block of a build file (``build_lexicon.corpus_files(build=True)``)
  read as 2 or 3 plain heading lines (a box label such as 核心阅读 counted as one, as textkit
  read it before it knew box labels), with no ——kicker or ——subtitle line and no column tag
  at either end of a heading line;
- ``draw``: ``random.Random(seed).sample`` of the population sorted by (file, article_index),
  sorted; the test half is the items whose ``sha1(f"{file}#{article_index}")`` is even;
- ``layout_roles``: the reading the file's head slots give its first article (K, T, S per
  filled slot; O for heading lines after the slots), or None.

Held out: files of ``build_lexicon.held_out`` and of the annotated held-out sets are never read.

Usage (prints the sample, one head a line, and checks it against the committed annotation)::

    python tools/heads_sample.py --corpus ../shared/corpora/rmrb-2023-07-08
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from build_lexicon import corpus_files  # noqa: E402

from textkit import articles  # noqa: E402
from textkit.headlines import TITLE_TAG_END, TITLE_TAG_START, head_slots  # noqa: E402
from textkit.normalize import normalize_text  # noqa: E402

ANNOTATION = REPO / "tests" / "data" / "rmrb_heads.json"


def head_blocks(folder: Path) -> list[dict]:
    """Every head block of every build file: file, article_index, kinds, lines, lead, layout."""
    rows = []
    for path in corpus_files(folder, build=True):
        raw = path.read_text(encoding="utf-8-sig", errors="replace")
        lines = [line for line in normalize_text(raw).split("\n") if line.strip()]
        slots = head_slots(raw)
        if slots:  # as the normalized text gives them (textkit.articles does the same)
            slots = tuple(normalize_text(slot).strip() if slot else "" for slot in slots)
        for index, article in enumerate(articles._split_document(lines)):
            # the box label (核心阅读) that now opens the body was a head line before
            heads = list(article.heads)
            body = list(article.body)
            while heads and body and articles.classify_line(body[0]) == "box":
                heads.append(("heading", body.pop(0)))
            rows.append(
                {
                    "file": str(path.relative_to(folder)),
                    "article_index": index,
                    "kinds": [kind for kind, _ in heads],
                    "lines": [line for _, line in heads],
                    "lead": next((line for line in body if articles.classify_line(line) != "box"), "")[:200],
                    "slots": slots if index == 0 else None,
                }
            )
    return rows


def untagged(row: dict) -> bool:
    kinds, lines = row["kinds"], row["lines"]
    plain = [line for kind, line in zip(kinds, lines, strict=True) if kind == "heading"]
    if len(plain) not in (2, 3) or "kicker" in kinds or "subtitle" in kinds:
        return False
    return not any(TITLE_TAG_END.search(line) or TITLE_TAG_START.search(line) for line in plain)


def layout_roles(row: dict) -> str | None:
    """K/T/S/O per heading line from the file's head slots, or None (no slots, or no match)."""
    if row["slots"] is None:
        return None
    headings = [line for kind, line in zip(row["kinds"], row["lines"], strict=True) if kind == "heading"]
    filled = [(role, slot) for role, slot in zip("KTS", row["slots"], strict=True) if slot]
    if [slot for _, slot in filled] != headings[: len(filled)]:
        return None
    return "".join(role for role, _ in filled) + "O" * (len(headings) - len(filled))


def half(row: dict) -> str:
    key = f"{row['file']}#{row['article_index']}".encode()
    return "test" if int(hashlib.sha1(key).hexdigest(), 16) % 2 == 0 else "dev"


def draw(rows: list[dict], size: int = 120, seed: int = 12) -> list[dict]:
    population = sorted((r for r in rows if untagged(r)), key=lambda r: (r["file"], r["article_index"]))
    sample = random.Random(seed).sample(population, size)
    return sorted(sample, key=lambda r: (r["file"], r["article_index"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    args = parser.parse_args()
    rows = head_blocks(args.corpus)
    sample = draw(rows)
    print(f"population {sum(untagged(r) for r in rows)} heads; sample {len(sample)}")
    for row in sample:
        headings = [line for kind, line in zip(row["kinds"], row["lines"], strict=True) if kind == "heading"]
        print(half(row), row["file"], row["article_index"], " ‖ ".join(headings), "»", row["lead"][:40])
    if ANNOTATION.is_file():
        items = json.loads(ANNOTATION.read_text("utf-8"))["items"]
        drawn = [(r["file"], r["article_index"]) for r in sample]
        committed = [(i["file"], i["article_index"]) for i in items]
        print("matches", ANNOTATION.name, drawn == committed)


if __name__ == "__main__":
    main()
