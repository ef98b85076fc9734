"""Score the headline reading (kicker, title, subtitle, column) on ``tests/data/rmrb_heads.json``.

Each annotated head is read by ``split_articles`` on its own file (raw text and normalized
text, as ``prepare_corpus`` gives them) and counted right when its kicker, title and subtitle
are those of the annotation (``roles``: K kicker, T title, S subtitle, C a column, P the
collective title of a page of several pieces, O not a headline field), every C line is in
``column`` and a P line is the ``page_title``. Prints, per half, heads right and the
share of kicker, title and subtitle right.

``--dump FILE`` writes instead the head of every article of the corpus's build files (or all
files with ``--all-files``: counted only, never printed), and ``--diff BEFORE AFTER`` counts
the heads whose reading changed and prints a seeded sample of changed build-file heads.
``--head-layout lines`` reads heads from their lines alone (no file slots). A textkit without
``head_layout`` (before issue 12's headlines) is run as it is: put it first on PYTHONPATH.

Usage::

    python benchmarks/heads_score.py --corpus ../shared/corpora/rmrb-2023-07-08 [--half test]
    python benchmarks/heads_score.py --corpus … --dump after.json [--all-files]
    python benchmarks/heads_score.py --diff before.json after.json --sample 20
"""

from __future__ import annotations

import argparse
import inspect
import json
import random
import sys
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
ANNOTATION = REPO / "tests" / "data" / "rmrb_heads.json"
FIELDS = ("kicker", "title", "subtitle", "column")


def _documents(corpus: Path, files: list[str]) -> pd.DataFrame:
    from textkit.corpus import read_text_file
    from textkit.normalize import normalize_text

    raw = [read_text_file(corpus / name).text or "" for name in files]
    return pd.DataFrame({"doc_id": files, "text": raw, "text_norm": [normalize_text(t) for t in raw]})


def _split(documents: pd.DataFrame, head_layout: str) -> pd.DataFrame:
    from textkit.articles import split_articles

    if "head_layout" in inspect.signature(split_articles).parameters:
        return split_articles(documents, head_layout=head_layout)
    return split_articles(documents)


def expected(item: dict) -> dict[str, str]:
    """Kicker, title and subtitle the annotation's roles give (column tags off the title)."""
    lines = dict.fromkeys("KTSCOP", "")
    for role, line in zip(item["roles"], item["lines"], strict=True):
        lines[role] = " ".join(filter(None, [lines[role], line]))
    title = lines["T"]
    try:
        from textkit.headlines import column_tags

        title = column_tags(title)[0]
    except ImportError:
        pass
    return {"kicker": lines["K"], "title": title, "subtitle": lines["S"]}


def score(corpus: Path, half: str, head_layout: str, show: bool = False) -> None:
    items = [i for i in json.loads(ANNOTATION.read_text("utf-8"))["items"] if i["roles"]]
    files = sorted({i["file"] for i in items})
    table = _split(_documents(corpus, files), head_layout)
    rows = {(r.doc_id, r.article_no): r for r in table.itertuples()}
    for name in ["dev", "test"] if half == "all" else [half]:
        chosen = [i for i in items if i["half"] == name]
        right = dict.fromkeys(("head", "kicker", "title", "subtitle"), 0)
        for item in chosen:
            row = rows.get((item["file"], item["article_no"]))
            want = expected(item)
            got = {f: getattr(row, f, "") if row is not None else None for f in want}
            columns = [line for role, line in zip(item["roles"], item["lines"], strict=True) if role == "C"]
            ok = {f: got[f] == want[f] for f in want}
            for f in ok:
                right[f] += ok[f]
            head_ok = all(ok.values()) and all(c in (getattr(row, "column", "") or "") for c in columns)
            pages = [line for role, line in zip(item["roles"], item["lines"], strict=True) if role == "P"]
            head_ok = head_ok and all(getattr(row, "page_title", None) == page for page in pages)
            right["head"] += head_ok
            if show and not head_ok:
                print(f"  wrong {item['file']}#{item['article_no']} {item['roles']}: want {want}, got {got}")
        n = len(chosen)
        shares = "  ".join(f"{f} {right[f] / n:.3f}" for f in ("kicker", "title", "subtitle"))
        print(f"{name}: {right['head']}/{n} heads right ({right['head'] / n:.3f});  {shares}")


def dump(corpus: Path, out: Path, all_files: bool, head_layout: str) -> None:
    import textkit.articles  # noqa: F401  (the textkit first on the path, before build_lexicon adds this one)

    sys.path.insert(0, str(REPO / "tools"))
    from build_lexicon import corpus_files, held_out

    paths = sorted(corpus.rglob("*.txt")) if all_files else corpus_files(corpus, build=True)
    files = [str(p.relative_to(corpus)) for p in paths]
    table = _split(_documents(corpus, files), head_layout)
    built = {str(p.relative_to(corpus)) for p in corpus_files(corpus, build=True)}
    records = [
        {"doc_id": r["doc_id"], "article_no": int(r["article_no"]), "build": r["doc_id"] in built}
        | {f: r[f] for f in FIELDS}
        for r in table.to_dict("records")
    ]
    out.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    held = sum(held_out(Path(name).name) for name in files)
    print(f"{len(records)} articles of {len(files)} files ({held} hash-held-out) written to {out}")


def diff(before: Path, after: Path, sample: int, seed: int) -> None:
    old = {(r["doc_id"], r["article_no"]): r for r in json.loads(before.read_text("utf-8"))}
    new = {(r["doc_id"], r["article_no"]): r for r in json.loads(after.read_text("utf-8"))}
    common = sorted(old.keys() & new.keys())
    changed = [k for k in common if any(old[k][f] != new[k][f] for f in ("kicker", "title", "subtitle"))]
    print(f"articles: {len(old)} before, {len(new)} after, {len(common)} in both")
    print(f"heads whose kicker/title/subtitle changed: {len(changed)}")
    build = [k for k in changed if new[k]["build"]]
    print(f"  of them in build files: {len(build)}")
    for key in sorted(random.Random(seed).sample(build, min(sample, len(build)))):
        a, b = old[key], new[key]
        print(f"{key[0]}#{key[1]}")
        print("  before: " + " | ".join(f"{f}={a[f]}" for f in FIELDS if a[f]))
        print("  after:  " + " | ".join(f"{f}={b[f]}" for f in FIELDS if b[f]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--half", choices=["dev", "test", "all"], default="all")
    parser.add_argument("--head-layout", choices=["auto", "slots", "lines"], default="auto")
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--all-files", action="store_true")
    parser.add_argument("--show", action="store_true", help="print the heads read wrong (dev half only)")
    parser.add_argument("--diff", nargs=2, type=Path)
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    if args.diff:
        diff(*args.diff, args.sample, args.seed)
    elif args.dump:
        dump(args.corpus, args.dump, args.all_files, args.head_layout)
    else:
        score(args.corpus, args.half, args.head_layout, args.show)


if __name__ == "__main__":
    main()
