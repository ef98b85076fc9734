"""Score textkit on 12 hand-annotated People's Daily articles (set A: ``tests/data/heldout_rmrb.json``).

The 12 files of ``../shared/corpora/rmrb-2023-07-08`` were picked by a fixed rule before any
building (files sorted by path, every 400th from the 200th, page-credit files skipped; see the
file's ``about``) and annotated by hand. Set A's misses have been read for several rounds, so
``--set b`` scores a second set, ``tests/data/heldout_rmrb_b.json``: 12 other files, all held out
of the lexicon build by its hash rule, picked by ``pick_files`` (every 40th of those files from
the 20th) and annotated blind, before textkit was run on them. Set B was then read by builders
too; ``--set c`` scores a third blind set, ``tests/data/heldout_rmrb_c.json``: 12 more hash-held-out
files, none of A or B, picked by ``pick_set(..., "c")`` (every 40th of the rest from the 10th),
annotated from the raw text and committed before textkit was run on them. Set C's misses were read
by builders in turn; ``--set d`` scores a fourth blind set, ``tests/data/heldout_rmrb_d.json``: 12
more hash-held-out files, none of A, B or C, picked by ``pick_set(..., "d")`` (every 40th of the
rest from the 30th, counted round past the last file) and annotated the same way. Set D's misses
were read by builders too; ``--set e`` scores a fifth blind set, ``tests/data/heldout_rmrb_e.json``:
12 more hash-held-out files, none of A to D, picked by ``pick_set(..., "e")`` (every 40th of the
rest from the first) and annotated the same way. Set E's misses were read by builders too;
``--set f`` scores a sixth blind set, ``tests/data/heldout_rmrb_f.json``: 12 more hash-held-out
files, none of A to E, picked by ``pick_set(..., "f")`` (every 40th of the rest from the 25th) and
annotated the same way. Set F's misses were read by builders too; ``--set g`` scores a seventh blind
set, ``tests/data/heldout_rmrb_g.json``: 12 more hash-held-out files, none of A to F, picked by
``pick_set(..., "g")`` (every 40th of the rest from the 15th) and annotated the same way. Set G's
misses were read by builders too; ``--set h`` scores an eighth blind set,
``tests/data/heldout_rmrb_h.json``: 12 more hash-held-out files, none of A to G, picked by
``pick_set(..., "h")`` (every 40th of the rest from the 35th) and annotated the same way. Set H's
misses were read by builders too; ``--set i`` scores a ninth blind set,
``tests/data/heldout_rmrb_i.json``: 12 more hash-held-out files, none of A to H, picked by
``pick_set(..., "i")`` (every 40th of the rest from the 5th) and annotated the same way. Set I's
misses were read by builders too; ``--set j`` scores a tenth blind set,
``tests/data/heldout_rmrb_j.json``: 12 more hash-held-out files, none of A to I, picked by
``pick_set(..., "j")`` (every 40th of the rest from the 22nd) and annotated the same way. Set J's
misses were read by builders too; ``--set k`` scores an eleventh blind set,
``tests/data/heldout_rmrb_k.json``: 12 more hash-held-out files, none of A to J, picked by
``pick_set(..., "k")`` (every 40th of the rest from the 12th) and annotated the same way. Set K's
misses were read by builders too; ``--set l`` scores a twelfth blind set,
``tests/data/heldout_rmrb_l.json``: 12 more hash-held-out files, none of A to K, picked by
``pick_set(..., "l")`` (every 30th of the rest from the 32nd: the rest is 360 files, 9 times 40, so
step 40 would pick the first file again at the tenth pick; 30 is 360 / 12) and annotated the same
way. Set L's misses were read by builders too; ``--set m`` scores a thirteenth blind set,
``tests/data/heldout_rmrb_m.json``: 12 more hash-held-out files, none of A to L, picked by
``pick_set(..., "m")`` (every 29th of the rest from the 17th: the rest is 348 files, 12 times 29)
and annotated the same way. Set M's misses were read by builders too; ``--set n`` scores a
fourteenth blind set, ``tests/data/heldout_rmrb_n.json``: 12 more hash-held-out files, none of A to
M, picked by ``pick_set(..., "n")`` (every 28th of the rest from the 8th: the rest is 336 files, 12
times 28) and annotated the same way. Prints, per
task, matches out of 12 (title, kicker, subtitle, column, author, publication date, dateline
date) or precision and recall (places, claims, formulations), the share of campaign terms the
default tokenizer keeps whole (one token has exactly the term's characters) and the share with no
token boundary inside (some occurrence is one token or lies inside a longer token).

    .venv/bin/python benchmarks/heldout_score.py                    # this checkout
    .venv/bin/python benchmarks/heldout_score.py --repo /work/main  # another checkout's textkit
    .venv/bin/python benchmarks/heldout_score.py --set b            # the second set
    .venv/bin/python benchmarks/heldout_score.py --set c            # the third set
    .venv/bin/python benchmarks/heldout_score.py --set d            # the fourth set
    .venv/bin/python benchmarks/heldout_score.py --set e            # the fifth set
    .venv/bin/python benchmarks/heldout_score.py --set f            # the sixth set
    .venv/bin/python benchmarks/heldout_score.py --set g            # the seventh set
    .venv/bin/python benchmarks/heldout_score.py --set h            # the eighth set
    .venv/bin/python benchmarks/heldout_score.py --set i            # the ninth set
    .venv/bin/python benchmarks/heldout_score.py --set j            # the tenth set
    .venv/bin/python benchmarks/heldout_score.py --set k            # the eleventh set
    .venv/bin/python benchmarks/heldout_score.py --set l            # the twelfth set
    .venv/bin/python benchmarks/heldout_score.py --set m            # the thirteenth set
    .venv/bin/python benchmarks/heldout_score.py --set n            # the fourteenth, blind set
    .venv/bin/python benchmarks/heldout_score.py --annotation FILE  # any file in the same format

``--adaptive`` adds the corpus-adaptive terms of the whole corpus folder (its articles as
``prepare_corpus`` reads them, as a notebook passes them: the held-out articles are scored as part
of that corpus) to the tokenizer: the quoted ones
(``textkit.terms.adaptive_terms``), and with ``--unquoted`` the cohesive unquoted ones too
(``adaptive_terms(..., unquoted=True)``, ``textkit.cohesion``); ``--unquoted-only`` leaves the
quoted ones out; ``--parallel`` adds the items of the parallel lists the corpus repeats
(``adaptive_terms(..., parallel=True)``, ``textkit.enumerations``).
``--misses`` lists what was missed and what was found wrongly.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
ANNOTATIONS = {
    "a": HERE.parent / "tests" / "data" / "heldout_rmrb.json",
    "b": HERE.parent / "tests" / "data" / "heldout_rmrb_b.json",
    "c": HERE.parent / "tests" / "data" / "heldout_rmrb_c.json",
    "d": HERE.parent / "tests" / "data" / "heldout_rmrb_d.json",
    "e": HERE.parent / "tests" / "data" / "heldout_rmrb_e.json",
    "f": HERE.parent / "tests" / "data" / "heldout_rmrb_f.json",
    "g": HERE.parent / "tests" / "data" / "heldout_rmrb_g.json",
    "h": HERE.parent / "tests" / "data" / "heldout_rmrb_h.json",
    "i": HERE.parent / "tests" / "data" / "heldout_rmrb_i.json",
    "j": HERE.parent / "tests" / "data" / "heldout_rmrb_j.json",
    "k": HERE.parent / "tests" / "data" / "heldout_rmrb_k.json",
    "l": HERE.parent / "tests" / "data" / "heldout_rmrb_l.json",
    "m": HERE.parent / "tests" / "data" / "heldout_rmrb_m.json",
    "n": HERE.parent / "tests" / "data" / "heldout_rmrb_n.json",
}
ANNOTATION = ANNOTATIONS["a"]
# ../shared/corpora beside the main checkout; worktrees sit a level deeper (TEXTKIT_CORPORA overrides)
_CANDIDATES = [HERE.parent.parent / "shared" / "corpora", HERE.parent.parent.parent / "shared" / "corpora"]
CORPORA = Path(
    os.environ.get("TEXTKIT_CORPORA", next((c for c in _CANDIDATES if c.is_dir()), _CANDIDATES[0]))
)
CORPUS = CORPORA / "rmrb-2023-07-08"


def _page_credit(path: Path) -> bool:
    """A page-credit or advertisement file: under 500 bytes, or a first line starting 本版责编 or 广告."""
    data = path.read_bytes()
    first = data.decode("utf-8-sig", errors="replace").split("\n")[0].strip()
    return len(data) < 500 or first.startswith(("本版责编", "广告"))


# The written selection rules of the blind sets: candidate offset and the earlier sets left out.
SELECTION = {
    "b": {"start": 20, "after": ("a",)},
    "c": {"start": 10, "after": ("a", "b")},
    # set D: 456 candidates, so k = 11 (index 470) wraps round to index 14
    "d": {"start": 30, "after": ("a", "b", "c")},
    # set E: offset 0, the files of sets A to D left out
    "e": {"start": 0, "after": ("a", "b", "c", "d")},
    # set F: offset 25 (none of B-E's 20, 10, 30, 0), the files of sets A to E left out
    "f": {"start": 25, "after": ("a", "b", "c", "d", "e")},
    # set G: offset 15 (none of B-F's 20, 10, 30, 0, 25), the files of sets A to F left out
    "g": {"start": 15, "after": ("a", "b", "c", "d", "e", "f")},
    # set H: offset 35 (none of B-G's 20, 10, 30, 0, 25, 15), the files of sets A to G left out
    "h": {"start": 35, "after": ("a", "b", "c", "d", "e", "f", "g")},
    # set I: offset 5 (none of B-H's 20, 10, 30, 0, 25, 15, 35), the files of sets A to H left out
    "i": {"start": 5, "after": ("a", "b", "c", "d", "e", "f", "g", "h")},
    # set J: offset 22 (none of B-I's 20, 10, 30, 0, 25, 15, 35, 5), the files of sets A to I left out
    "j": {"start": 22, "after": ("a", "b", "c", "d", "e", "f", "g", "h", "i")},
    # set K: offset 12 (none of B-J's 20, 10, 30, 0, 25, 15, 35, 5, 22), the files of sets A to J left out
    "k": {"start": 12, "after": ("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")},
    # set L: offset 32 (none of B-K's 20, 10, 30, 0, 25, 15, 35, 5, 22, 12), the files of sets A to K
    # left out, step 30: the 360 candidates are 9 steps of 40, so step 40 would take index 32 again
    # as its tenth pick whatever the offset; 30 = 360 / 12 spreads the 12 picks evenly, counted round once
    "l": {"start": 32, "step": 30, "after": ("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k")},
    # set M: the files of sets A to L left out, 348 candidates = 12 x 29, so step 29 spreads the 12
    # picks evenly and none counts round (17 + 29 * 11 = 336 < 348); offset 17 is none of B-L's
    # 20, 10, 30, 0, 25, 15, 35, 5, 22, 12, 32
    "m": {"start": 17, "step": 29, "after": ("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l")},
    # set N: the files of sets A to M left out, 336 candidates = 12 x 28, so step 28 spreads the 12
    # picks evenly and none counts round (8 + 28 * 11 = 316 < 336); offset 8 is none of B-M's
    # 20, 10, 30, 0, 25, 15, 35, 5, 22, 12, 32, 17
    "n": {"start": 8, "step": 28, "after": tuple("abcdefghijklm")},
}


def pick_files(
    folder: Path,
    held_out: Callable[[str], bool],
    exclude: Iterable[str] = (),
    *,
    start: int = 20,
    step: int = 40,
    count: int = 12,
) -> list[str]:
    """The blind sets' selection rule (set B with the defaults): of the files whose name
    ``held_out`` accepts and that are not in ``exclude`` (names), sorted by path, those at
    ``start + step * k`` (k < ``count``), counted round from the first file past the last
    (modulo the number of files: set D's last index, 470, is 14 of its 456 candidates); a
    page-credit or advertisement file is replaced by the next one. Paths relative to ``folder``."""
    excluded = set(exclude)
    files = [p for p in sorted(folder.rglob("*.txt")) if held_out(p.name) and p.name not in excluded]
    picks = []
    for k in range(count):
        at = (start + step * k) % len(files)
        while _page_credit(files[at]):
            at = (at + 1) % len(files)
        pick = files[at].relative_to(folder).as_posix()
        if pick in picks:
            raise ValueError(f"{pick} picked twice: too few candidates for start={start}, step={step}")
        picks.append(pick)
    return picks


def pick_set(folder: Path, held_out: Callable[[str], bool], name: str) -> list[str]:
    """The files ``SELECTION[name]`` picks: ``pick_files`` from its offset, step 40 unless the rule
    names its own, leaving out every file of the earlier sets (set C: offset 10, without the files
    of sets A and B; set D: offset 30, without the files of sets A, B and C; set E: offset 0,
    without the files of sets A to D; set F: offset 25, without the files of sets A to E; set G:
    offset 15, without the files of sets A to F; set H: offset 35, without the files of sets A to
    G; set I: offset 5, without the files of sets A to H; set J: offset 22, without the files of
    sets A to I; set K: offset 12, without the files of sets A to J; set L: offset 32 and step 30,
    without the files of sets A to K; set M: offset 17 and step 29, without the files of sets A
    to L; set N: offset 8 and step 28, without the files of sets A to M)."""
    rule = SELECTION[name]
    earlier = {
        Path(item["file"]).name
        for key in rule["after"]
        for item in json.loads(ANNOTATIONS[key].read_text("utf-8"))["articles"]
    }
    return pick_files(folder, held_out, exclude=earlier, start=rule["start"], step=rule.get("step", 40))


def _squash(text: str) -> str:
    return "".join(str(text or "").split())


def _authors(value: str) -> set[str]:
    return {name for name in str(value or "").replace("、", " ").replace("，", " ").split() if name}


def file_authors_of(rows: pd.DataFrame) -> set[str]:
    """The authors of all of a file's rows (articles), each name once.

    >>> sorted(file_authors_of(pd.DataFrame({"author": ["林丽鹂", "齐志明 林丽鹂", None]})))
    ['林丽鹂', '齐志明']
    """
    names: set[str] = set()
    for value in rows.get("author", ()):
        names |= _authors(value if isinstance(value, str) else "")
    return names


def _pr(found: set, gold: set) -> tuple[float, float, int, int, int]:
    hit = len(found & gold)
    precision = hit / len(found) if found else 1.0
    recall = hit / len(gold) if gold else 1.0
    return precision, recall, hit, len(found), len(gold)


def _boundaries(words: list[str]) -> set[int]:
    """Character offsets where one token of the segmentation ends and the next begins."""
    cuts, at = set(), 0
    for word in words:
        at += len(word)
        cuts.add(at)
    return cuts


def _unbroken(text: str, term: str, cuts: set[int]) -> bool:
    """Whether some occurrence of ``term`` in ``text`` (the tokens joined) has no token boundary
    strictly inside it: it is one token, or inside a longer one (生态文明 inside 生态文明建设)."""
    start = text.find(term)
    while start >= 0:
        if not any(start < cut < start + len(term) for cut in cuts):
            return True
        start = text.find(term, start + 1)
    return False


def adaptive_texts(folder: Path) -> list[str]:
    """The texts ``--adaptive`` learns from: the folder's articles as ``prepare_corpus`` reads them,
    what a notebook passes to ``adaptive_terms`` (headlines apart, a duplicate file read once). The
    raw files would count one article printed in two files as two (rmrb-2023-07-08 holds 516
    exact copies: 1,238 quoted terms learnt from its raw files against 438 from its articles)."""
    from textkit.pipeline import prepare_corpus

    return prepare_corpus(folder, default_source="人民日报").articles["text"].tolist()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repo", type=Path, default=HERE.parent, help="checkout whose textkit is scored")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--misses", action="store_true", help="list misses and false hits")
    parser.add_argument(
        "--set",
        choices=sorted(ANNOTATIONS),
        default="a",
        help="a: tests/data/heldout_rmrb.json (default); b: the second set, heldout_rmrb_b.json; "
        "c: the third set, heldout_rmrb_c.json; d: the fourth set, heldout_rmrb_d.json; "
        "e: the fifth set, heldout_rmrb_e.json; f: the sixth set, heldout_rmrb_f.json; "
        "g: the seventh set, heldout_rmrb_g.json; h: the eighth set, heldout_rmrb_h.json; "
        "i: the ninth set, heldout_rmrb_i.json; j: the tenth set, heldout_rmrb_j.json; "
        "k: the eleventh set, heldout_rmrb_k.json; l: the twelfth set, heldout_rmrb_l.json; "
        "m: the thirteenth set, heldout_rmrb_m.json; "
        "n: the fourteenth, blind set (M now open), heldout_rmrb_n.json",
    )
    parser.add_argument("--annotation", type=Path, help="an annotation file of the same format (beats --set)")
    parser.add_argument(
        "--adaptive",
        action="store_true",
        help="add the corpus-adaptive terms of the whole corpus folder (textkit.terms.adaptive_terms)",
    )
    parser.add_argument(
        "--unquoted",
        action="store_true",
        help="with --adaptive: the unquoted cohesive terms too (adaptive_terms(..., unquoted=True))",
    )
    parser.add_argument(
        "--unquoted-only",
        action="store_true",
        help="with --adaptive --unquoted: the unquoted cohesive terms alone, not the quoted ones",
    )
    parser.add_argument(
        "--parallel",
        action="store_true",
        help="with --adaptive: the items of repeated parallel lists too (adaptive_terms(..., parallel=True))",
    )
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}")
        return 1
    sys.path.insert(0, str(args.repo.resolve()))
    import logging

    logging.getLogger("jieba").setLevel(logging.WARNING)
    from textkit import extract as ex
    from textkit.pipeline import make_tokenizer, prepare_corpus

    annotation = args.annotation or ANNOTATIONS[args.set]
    gold = json.loads(annotation.read_text("utf-8"))["articles"]
    with tempfile.TemporaryDirectory() as tmp:
        for item in gold:
            target = Path(tmp) / item["file"]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(args.corpus / item["file"], target)
        corpus = prepare_corpus(tmp, default_source="人民日报")
    articles = corpus.articles
    extra: list[str] = []
    if args.adaptive:
        from textkit.terms import adaptive_terms

        table = adaptive_terms(adaptive_texts(args.corpus), unquoted=args.unquoted, parallel=args.parallel)
        if args.unquoted_only:
            table = table[table["kind"] == "cohesive"]
        extra = table["term"].tolist()
        kinds = table["kind"].value_counts().to_dict()
        print(f"{len(extra)} corpus-adaptive terms added ({kinds})")
    tokenizer = make_tokenizer(extra_terms=extra) if extra else make_tokenizer()
    places = ex.extract_places(articles)
    claims = ex.extract_claims(articles)
    formulations = ex.extract_formulations(articles)
    formulations = formulations[formulations["kind"].isin(["quoted", "numbered"])]

    fields = ["title", "kicker", "subtitle", "column", "author", "date", "dateline_date"]
    right = dict.fromkeys(fields, 0)
    found_sets: dict[str, set] = {"places": set(), "claims": set(), "formulations": set()}
    gold_sets: dict[str, set] = {"places": set(), "claims": set(), "formulations": set()}
    whole = total_terms = unbroken = authors_of_file = 0
    misses: list[str] = []
    for item in gold:
        doc = item["file"]
        rows = articles[articles["doc_id"].astype(str).str.replace("\\", "/") == doc]
        first = rows.iloc[0].to_dict() if len(rows) else {}
        for name in fields:
            if name == "author":
                ok = _authors(first.get("author", "")) == set(item["author"])
            else:
                ok = _squash(first.get(name, "")) == _squash(item[name])
            right[name] += ok
            if not ok:
                misses.append(f"{doc} {name}: got {first.get(name, '(no column)')!r}, want {item[name]!r}")
        # the annotation names a file's authors; a page textkit splits into pieces (readers'
        # letters, compiled speeches) has them spread over its rows, as places and claims are
        file_authors = file_authors_of(rows)
        authors_of_file += file_authors == set(item["author"])
        if file_authors != set(item["author"]):
            misses.append(f"{doc} author of the file: got {sorted(file_authors)}, want {item['author']}")
        keys = rows[["doc_id", "article_no"]].astype(str).agg("/".join, axis=1).tolist()

        def of(table, doc=doc):
            return table[table["doc_id"].astype(str).str.replace("\\", "/") == doc]

        found_sets["places"] |= {(doc, n) for n in of(places)["name"]}
        gold_sets["places"] |= {(doc, n) for n in item["places"]}
        found_sets["claims"] |= {
            (doc, round(float(v), 4), u) for v, u in zip(of(claims)["value"], of(claims)["unit"], strict=True)
        }
        gold_sets["claims"] |= {(doc, round(float(v), 4), u) for v, u in item["claims"]}
        found_sets["formulations"] |= {(doc, f) for f in of(formulations)["formulation"]}
        gold_sets["formulations"] |= {(doc, ex.formulation_key(f)) for f in item["formulations"]}
        text = "\n".join(rows["text"]) if len(rows) else ""
        tokens = set(tokenizer.segment(text)) if keys else set()
        words = tokenizer.segment(text) if keys else []
        joined, cuts = "".join(words), _boundaries(words)
        for term in item["campaign_terms"]:
            total_terms += 1
            whole += term in tokens
            unbroken += _unbroken(joined, term, cuts)
            if term not in tokens:
                misses.append(f"{doc} campaign term split: {term}")

    named = "" if annotation == ANNOTATION else f" of {annotation.name}"
    print(f"held-out check: {len(gold)} People's Daily articles{named}, textkit from {args.repo.resolve()}")
    print("| task | result |")
    print("| --- | --- |")
    for name in fields:
        print(f"| {name} | {right[name]}/{len(gold)} |")
    print(f"| author, all pieces of the file | {authors_of_file}/{len(gold)} |")
    for task in ("places", "claims", "formulations"):
        precision, recall, hit, n_found, n_gold = _pr(found_sets[task], gold_sets[task])
        print(f"| {task} | P {precision:.3f} ({hit}/{n_found}), R {recall:.3f} ({hit}/{n_gold}) |")
        misses.extend(f"{task} missed: {x}" for x in sorted(gold_sets[task] - found_sets[task], key=str))
        misses.extend(f"{task} false hit: {x}" for x in sorted(found_sets[task] - gold_sets[task], key=str))
    print(f"| campaign terms whole | {whole}/{total_terms} |")
    print(f"| campaign terms with no token boundary inside | {unbroken}/{total_terms} |")
    if args.misses:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
