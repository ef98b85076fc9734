"""Draw the seeded sample of build-file lines and quotes for the hand audit of claims and
formulations (``tools/claims_audit.txt``), and score textkit's extraction against the hand
annotation written there.

Sample rule (written before any line was read): the build files of ``rmrb-2023-07-08`` are the
``.txt`` files whose name's SHA-1 is not 0 mod 10 (``lexicon_corpus.held_out``; every held-out set
comes from the 0-mod-10 files) and that are no file of the annotated sets A-K; they are sorted by
path and ``random.Random(SEED).sample`` picks ``FILES`` of them. The picks are prepared as one corpus
(``prepare_corpus``, the articles a user gets); every line (paragraph) of every article is a
candidate. Claims: ``CLAIM_LINES_ARABIC`` lines drawn from the lines holding an ASCII digit and
``CLAIM_LINES_CHINESE`` from those holding a Chinese numeral other than 一 (〇二三四五六七八九十百千万亿两)
and no digit, each with ``rng.sample`` of the sorted pool (one rng, in that order). Formulations:
``QUOTES`` quoted spans (“…”, ‘…’, 「…」, 『…』 read by ``formulations.find_quotes``) drawn from
all the quotes of the picked articles, with the same rng after the lines.

    python tools/claims_audit_sample.py --corpus ../shared/corpora/rmrb-2023-07-08 --draw OUT.json
    python tools/claims_audit_sample.py --draw OUT.json --score tools/claims_audit.txt
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(1, str(REPO / "tools"))

SEED = 20261207
FILES = 40
CLAIM_LINES_ARABIC = 120
CLAIM_LINES_CHINESE = 30
QUOTES = 100
DIGIT = re.compile(r"[0-9]")
CHINESE_NUMERAL = re.compile(r"[〇二三四五六七八九十百千万亿两]")


def annotated_names() -> set[str]:
    """File names of the open annotated sets A-K (set L is never opened)."""
    names = set()
    for letter in "abcdefghijk":
        path = (
            REPO
            / "tests"
            / "data"
            / ("heldout_rmrb.json" if letter == "a" else f"heldout_rmrb_{letter}.json")
        )
        names |= {Path(item["file"]).name for item in json.loads(path.read_text("utf-8"))["articles"]}
    return names


def draw(
    corpus: Path,
    seed: int = SEED,
    skip_files: tuple[str, ...] = (),
    chinese_lines: int = CLAIM_LINES_CHINESE,
    arabic_lines: int = CLAIM_LINES_ARABIC,
) -> dict:
    from lexicon_corpus import held_out

    from textkit.extract import find_quotes
    from textkit.pipeline import prepare_corpus

    skip = annotated_names() | {Path(name).name for name in skip_files}
    files = [p for p in sorted(corpus.rglob("*.txt")) if not held_out(p.name) and p.name not in skip]
    rng = random.Random(seed)
    picks = rng.sample(files, FILES)
    with tempfile.TemporaryDirectory() as folder:
        for path in picks:
            link = Path(folder) / path.relative_to(corpus)
            link.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(path.resolve(), link)
        articles = prepare_corpus(folder, default_source="人民日报").articles
    lines, quotes = [], []
    for row in articles.itertuples():
        offset = 0
        for line in row.text.split("\n"):
            lines.append(
                {"doc_id": row.doc_id, "article_no": int(row.article_no), "start": offset, "line": line}
            )
            offset += len(line) + 1
        for quote in find_quotes(row.text):
            if quote.mark == "《":
                continue
            quotes.append(
                {
                    "doc_id": row.doc_id,
                    "article_no": int(row.article_no),
                    "start": quote.start,
                    "end": quote.end,
                    "quote": row.text[quote.start : quote.end],
                    "context": row.text[max(0, quote.start - 30) : quote.end + 15],
                }
            )
    arabic = [item for item in lines if DIGIT.search(item["line"])]
    chinese = [
        item for item in lines if not DIGIT.search(item["line"]) and CHINESE_NUMERAL.search(item["line"])
    ]
    sample = rng.sample(arabic, min(arabic_lines, len(arabic)))
    sample += rng.sample(chinese, min(chinese_lines, len(chinese)))
    return {
        "files": [str(p.relative_to(corpus)) for p in picks],
        "pools": {"arabic": len(arabic), "chinese": len(chinese), "quotes": len(quotes)},
        "lines": sample,
        "quotes": rng.sample(quotes, min(QUOTES, len(quotes))),
    }


def _articles(corpus: Path, files: list[str]):
    from textkit.pipeline import prepare_corpus

    with tempfile.TemporaryDirectory() as folder:
        for name in files:
            link = Path(folder) / name
            link.parent.mkdir(parents=True, exist_ok=True)
            os.symlink((corpus / name).resolve(), link)
        return prepare_corpus(folder, default_source="人民日报").articles


def read_gold(
    path: Path, prefix: str = "gold"
) -> tuple[dict[str, list[tuple[float, str, bool]]], dict[str, tuple[str, bool]]]:
    """The hand annotation of ``claims_audit.txt``: claim lines ``PREFIX L### <TAB> value unit; ...``
    and quote lines ``PREFIX Q### F|S`` (a leading ``?`` marks an arguable item); the prefix is
    ``gold`` for the first sample, ``gold2`` for the second."""
    claims: dict[str, list[tuple[float, str, bool]]] = {}
    quotes: dict[str, tuple[str, bool]] = {}
    for line in path.read_text("utf-8").splitlines():
        if line.startswith(f"{prefix} L"):
            key, _, items = line[len(prefix) + 1 :].partition("\t")
            claims[key] = []
            for item in filter(None, (part.strip() for part in items.split(";"))):
                arguable = item.startswith("?")
                value, _, unit = item.lstrip("?").partition(" ")
                claims[key].append((round(float(value), 4), unit.strip(), arguable))
        elif line.startswith(f"{prefix} Q"):
            key, label = line[len(prefix) + 1 :].split()
            quotes[key] = (label.lstrip("?"), label.startswith("?"))
    return claims, quotes


def score(corpus: Path, data: dict, gold_path: Path, prefix: str = "gold") -> str:
    from textkit import extract as ex

    claims_gold, quotes_gold = read_gold(gold_path, prefix)
    articles = _articles(corpus, data["files"])
    claims = ex.extract_claims(articles)
    forms = ex.extract_formulations(articles)
    forms = forms[forms["kind"].isin(["quoted", "numbered"])]
    out = ["# claims: line <TAB> expected <TAB> got <TAB> missed <TAB> false"]
    tp = fn = fp = tp_firm = fn_firm = 0
    for index, item in enumerate(data["lines"]):
        key = f"L{index:03d}"
        lo, hi = item["start"], item["start"] + len(item["line"])
        rows = claims[
            (claims["doc_id"] == item["doc_id"])
            & (claims["article_no"] == item["article_no"])
            & (claims["start"] >= lo)
            & (claims["end"] <= hi)
        ]
        got = {(round(float(v), 4), u) for v, u in zip(rows["value"], rows["unit"], strict=True)}
        gold = claims_gold.get(key, [])
        expected = {(v, u) for v, u, _ in gold}
        firm = {(v, u) for v, u, arguable in gold if not arguable}
        arguable = expected - firm
        missed, false = expected - got, got - expected
        tp += len(expected & got)
        fn += len(missed)
        fp += len(false)
        tp_firm += len(firm & got)
        fn_firm += len(firm - got)
        show = lambda pairs: "; ".join(f"{v:g} {u}" for v, u in sorted(pairs))  # noqa: E731
        mark = "" if not (missed or false) else " *"
        out.append(f"{key}{mark}\t{show(expected)}\t{show(got)}\t{show(missed)}\t{show(false - arguable)}")
    ratio = lambda a, b: f"{a / max(1, b):.3f} ({a}/{b})"  # noqa: E731
    firm_total = tp_firm + fn_firm
    head = f"# claims: recall {ratio(tp, tp + fn)}, firm items {ratio(tp_firm, firm_total)}"
    out.insert(0, f"{head}; precision {ratio(tp, tp + fp)}")
    lines = ["# quotes: id <TAB> expected <TAB> got <TAB> quote"]
    counts = {"tp": 0, "fn": 0, "fp": 0, "tn": 0}
    for index, item in enumerate(data["quotes"]):
        key = f"Q{index:03d}"
        label, arguable = quotes_gold[key]
        rows = forms[
            (forms["doc_id"] == item["doc_id"])
            & (forms["article_no"] == item["article_no"])
            & (forms["start"] <= item["start"])
            & (forms["end"] >= item["end"])
        ]
        got = "F" if len(rows) else "S"
        counts[{("F", "F"): "tp", ("F", "S"): "fn", ("S", "F"): "fp", ("S", "S"): "tn"}[(label, got)]] += 1
        mark = " *" if label != got else ""
        lines.append(f"{key}{mark}\t{'?' if arguable else ''}{label}\t{got}\t{item['quote'][:60]}")
    c = counts
    recall, precision = ratio(c["tp"], c["tp"] + c["fn"]), ratio(c["tp"], c["tp"] + c["fp"])
    lines.insert(0, f"# formulations (quotes): recall {recall}, precision {precision}")
    return "\n".join([*out, "", *lines])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "rmrb-2023-07-08")
    parser.add_argument("--draw", type=Path, required=True)
    parser.add_argument(
        "--second",
        type=Path,
        help="draw a second sample (seed SEED + 1, 150 digit lines and no"
        " Chinese-numeral lines, none of the first sample's files) into this file",
    )
    parser.add_argument("--score", type=Path, help="the hand annotation (tools/claims_audit.txt)")
    args = parser.parse_args(argv)
    if not args.draw.exists():
        args.draw.write_text(json.dumps(draw(args.corpus), ensure_ascii=False, indent=1), "utf-8")
    data = json.loads(args.draw.read_text("utf-8"))
    if args.second and not args.second.exists():
        second = draw(args.corpus, SEED + 1, tuple(data["files"]), chinese_lines=0, arabic_lines=150)
        args.second.write_text(json.dumps(second, ensure_ascii=False, indent=1), "utf-8")
    if args.second:
        data = json.loads(args.second.read_text("utf-8"))
    print(data["pools"], len(data["lines"]), len(data["quotes"]))
    if args.score:
        print(score(args.corpus, data, args.score, "gold2" if args.second else "gold"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
