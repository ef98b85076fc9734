"""Segmentation quality on the SIGHAN 2005 gold sets, and segmentation throughput.

Quality (default): scores plain jieba and ``textkit.tokenize`` against the icwb2 gold files with
the standard SIGHAN measure — every word is a character span of its line; precision, recall and
F1 over spans, and the recall of gold words that are not in the training word list (OOV):

- pku (simplified): plain ``jieba`` (HMM on), textkit ``segment`` without and with the campaign
  lexicon only and with the campaign and policy lexicons;
- cityu (traditional): plain jieba on the raw text, plain jieba after OpenCC t2s, and textkit
  (``to_simplified`` then ``segment``); words found on the converted text are mapped back to
  the original characters (t2s changes characters one for one; lines where it does not are
  converted character by character, and counted).

Throughput (``--throughput``): on the People's Daily sample, plain serial ``jieba.lcut`` (the
reference), textkit ``Segmenter.segment`` serially, ``Tokenizer.tokenize_corpus`` with
``n_jobs=1`` and ``n_jobs=2`` (fresh caches), a second call (cache hits), what crossing the
process boundary costs (space-joined strings against lists of words), and
``textkit.terms.suggest_terms`` on the whole sample.

Usage::

    .venv/bin/python benchmarks/segmentation_eval.py                       # quality
    .venv/bin/python benchmarks/segmentation_eval.py --throughput          # + speed
    .venv/bin/python benchmarks/segmentation_eval.py --limit 200           # first 200 lines
    .venv/bin/python benchmarks/segmentation_eval.py --cohesive            # + cohesive terms

``--corpora`` defaults to ``../shared/corpora`` relative to the repository (or
``$TEXTKIT_CORPORA``). The machine's cores may be shared: timings are noisy, compare the
ratios printed in the same run.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = Path(os.environ.get("TEXTKIT_CORPORA", REPO.parent / "shared" / "corpora"))


# --------------------------------------------------------------------------- reading


def read_lines(path: str | Path) -> list[str]:
    """Lines of an icwb2 file: UTF-8 with or without BOM, CRLF or LF line ends."""
    return Path(path).read_text(encoding="utf-8-sig").splitlines()


def read_gold(path: str | Path) -> list[list[str]]:
    """Words of each gold line. ``str.split`` splits on ASCII and ideographic (U+3000) spaces."""
    return [line.split() for line in read_lines(path)]


def read_words(path: str | Path) -> set[str]:
    """A training word list (one word per line)."""
    return {line.strip() for line in read_lines(path) if line.strip()}


# --------------------------------------------------------------------------- scoring


def word_spans(words: Iterable[str]) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of consecutive words.

    >>> word_spans(["共同", "创造", "美好"])
    [(0, 2), (2, 4), (4, 6)]
    """
    spans, start = [], 0
    for word in words:
        spans.append((start, start + len(word)))
        start += len(word)
    return spans


@dataclass(frozen=True)
class Score:
    """SIGHAN scores of one system on one gold set."""

    precision: float
    recall: float
    f1: float
    oov_recall: float | None
    iv_recall: float | None
    n_gold: int
    n_predicted: int
    n_correct: int
    n_oov: int


def score(
    gold: Sequence[Sequence[str]],
    predicted: Sequence[Sequence[str]],
    training_words: set[str] | None = None,
) -> Score:
    """Precision, recall and F1 of predicted words against gold words, line by line.

    A predicted word is correct when a gold word has exactly its character span in the same
    line. With ``training_words``, ``oov_recall`` is the recall of gold words not in that list
    and ``iv_recall`` of those in it.

    >>> s = score([["共同", "创造", "美好"]], [["共同", "创", "造", "美好"]])
    >>> s.precision, s.recall, round(s.f1, 4)
    (0.5, 0.6667, 0.5714)
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold lines but {len(predicted)} predicted lines")
    n_gold = n_predicted = n_correct = n_oov = oov_correct = 0
    for number, (gold_words, predicted_words) in enumerate(zip(gold, predicted, strict=True), start=1):
        if "".join(gold_words) != "".join(predicted_words):
            raise ValueError(f"line {number}: predicted words do not spell the gold line")
        gold_spans = word_spans(gold_words)
        predicted_spans = set(word_spans(predicted_words))
        n_gold += len(gold_spans)
        n_predicted += len(predicted_spans)
        for word, span in zip(gold_words, gold_spans, strict=True):
            hit = span in predicted_spans
            n_correct += hit
            if training_words is not None and word not in training_words:
                n_oov += 1
                oov_correct += hit
    precision = n_correct / n_predicted if n_predicted else 0.0
    recall = n_correct / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    oov_recall = iv_recall = None
    if training_words is not None:
        oov_recall = round(oov_correct / n_oov, 4) if n_oov else 0.0
        n_iv = n_gold - n_oov
        iv_recall = round((n_correct - oov_correct) / n_iv, 4) if n_iv else 0.0
    return Score(
        precision=round(precision, 4),
        recall=round(recall, 4),
        f1=round(f1, 4),
        oov_recall=oov_recall,
        iv_recall=iv_recall,
        n_gold=n_gold,
        n_predicted=n_predicted,
        n_correct=n_correct,
        n_oov=n_oov,
    )


# --------------------------------------------------------------------------- segmenting


@dataclass
class Converted:
    """Lines converted for segmentation, and how many needed the character-by-character path."""

    lines: list[str]
    n_char_by_char: int


def convert_lines(lines: Sequence[str], convert: Callable[[str], str]) -> Converted:
    """Convert each line keeping its length, so that spans map back to the original.

    OpenCC t2s converts phrases, and a phrase could in principle change length; a line whose
    length changes is converted again one character at a time, and any character that still
    changes length is kept as it was.
    """
    out, n_char_by_char = [], 0
    for line in lines:
        converted = convert(line)
        if len(converted) != len(line):
            n_char_by_char += 1
            chars = [convert(char) for char in line]
            converted = "".join(new if len(new) == 1 else old for old, new in zip(line, chars, strict=True))
        out.append(converted)
    return Converted(out, n_char_by_char)


def map_back(words: Sequence[str], converted: str, original: str) -> list[str]:
    """The words of ``converted`` as slices of ``original`` (same length, whitespace dropped).

    >>> map_back(["树立", "政绩观"], "树立 政绩观", "樹立 政績觀")
    ['樹立', '政績觀']
    """
    if len(converted) != len(original):
        raise ValueError("map_back needs a length-preserving conversion")
    out, position = [], 0
    for word in words:
        # words never contain whitespace; whitespace between them is skipped here
        while converted[position].isspace():
            position += 1
        if converted[position : position + len(word)] != word:
            raise ValueError(f"word {word!r} not found at {position}")
        out.append(original[position : position + len(word)])
        position += len(word)
    return out


def plain_jieba() -> Callable[[str], list[str]]:
    """jieba's own default dictionary in a fresh ``jieba.Tokenizer``, accurate mode, HMM on."""
    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()

    def cut(text: str) -> list[str]:
        return [word for word in tokenizer.lcut(text, HMM=True) if not word.isspace()]

    return cut


def run_system(
    lines: Sequence[str], segment: Callable[[str], list[str]], convert: Callable[[str], str] | None = None
) -> tuple[list[list[str]], float, int]:
    """Segment every line; returns words (in original characters), seconds, lines converted per char."""
    start = time.perf_counter()
    if convert is None:
        words = [segment(line) for line in lines]
        n_char = 0
    else:
        converted = convert_lines(lines, convert)
        words = [map_back(segment(new), new, old) for new, old in zip(converted.lines, lines, strict=True)]
        n_char = converted.n_char_by_char
    return words, time.perf_counter() - start, n_char


# --------------------------------------------------------------------------- reports


def lexicon_in_gold(terms: Iterable[str], lines: Sequence[str], gold: Sequence[Sequence[str]]) -> list[str]:
    """For each lexicon term found in the test lines: the gold words over its occurrences.

    A term the gold splits costs F1 wherever the segmenter keeps it whole.
    """
    out = []
    for term in sorted(terms):
        forms: dict[str, int] = {}
        for line, words in zip(lines, gold, strict=True):
            compact = "".join(line.split())
            start = compact.find(term)
            while start >= 0:
                end = start + len(term)
                form = " ".join(
                    w for (s, e), w in zip(word_spans(words), words, strict=True) if e > start and s < end
                )
                forms[form] = forms.get(form, 0) + 1
                start = compact.find(term, start + 1)
        if forms:
            listing = ", ".join(f"{form!r} ×{count}" for form, count in sorted(forms.items()))
            out.append(f"- {term}: {listing}")
    return out


def _row(corpus: str, system: str, result: Score, seconds: float, note: str = "") -> str:
    oov = "" if result.oov_recall is None else f"{result.oov_recall:.4f}"
    return (
        f"| {corpus} | {system} | {result.precision:.4f} | {result.recall:.4f} | {result.f1:.4f} "
        f"| {oov} | {seconds:.1f} | {note} |"
    )


def with_cohesive(segmenter, lines: Sequence[str]):
    """``segmenter`` with the cohesive terms (``textkit.cohesion.cohesive_terms``) that the test
    lines themselves give, each line an article: the mechanism applied to the test set as a
    corpus. Returns the segmenter and the number of terms added."""
    from textkit.cohesion import cohesive_terms

    terms = cohesive_terms(list(lines), segmenter=segmenter)["term"].tolist()
    return segmenter.with_terms(terms), len(terms)


def quality(corpora: Path, limit: int | None, cohesive: bool = False) -> list[str]:
    from textkit.normalize import to_simplified
    from textkit.tokenize import POLICY_LEXICON, Segmenter

    icwb2 = corpora / "icwb2"
    plain = plain_jieba()
    textkit_segmenter = Segmenter(policy_lexicon=POLICY_LEXICON)
    shaped = Segmenter(policy_lexicon=POLICY_LEXICON, shapes=True)  # make_tokenizer's
    campaign_only = Segmenter()
    no_lexicon = Segmenter(lexicon=None)
    rows = [
        "| corpus | system | P | R | F1 | OOV recall | seconds | note |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]

    pku_lines = read_lines(icwb2 / "pku_test.utf8")[:limit]
    pku_gold = read_gold(icwb2 / "pku_test_gold.utf8")[:limit]
    training = read_words(icwb2 / "pku_training_words.utf8")
    for name, segment in [
        ("jieba 0.42.1 plain (HMM)", plain),
        ("textkit segment, no lexicon", no_lexicon.segment),
        ("textkit segment (campaign lexicon only)", campaign_only.segment),
        ("textkit segment (campaign + policy lexicon)", textkit_segmenter.segment),
        ("textkit segment (campaign + policy lexicon + shapes: the notebooks')", shaped.segment),
    ]:
        words, seconds, _ = run_system(pku_lines, segment)
        rows.append(_row("pku", name, score(pku_gold, words, training), seconds))
    if cohesive:
        adapted, n_terms = with_cohesive(textkit_segmenter, pku_lines)
        words, seconds, _ = run_system(pku_lines, adapted.segment)
        name = "textkit segment (campaign + policy + cohesive terms of the test lines)"
        rows.append(_row("pku", name, score(pku_gold, words, training), seconds, f"{n_terms} terms"))

    cityu_lines = read_lines(icwb2 / "cityu_test.utf8")[:limit]
    cityu_gold = read_gold(icwb2 / "cityu_test_gold.utf8")[:limit]
    for name, segment, convert in [
        ("jieba plain on raw traditional", plain, None),
        ("jieba plain after OpenCC t2s", plain, to_simplified),
        ("textkit: to_simplified, segment (campaign only)", campaign_only.segment, to_simplified),
        ("textkit: to_simplified, segment (campaign + policy)", textkit_segmenter.segment, to_simplified),
        ("textkit: to_simplified, segment (campaign + policy + shapes)", shaped.segment, to_simplified),
    ]:
        words, seconds, n_char = run_system(cityu_lines, segment, convert)
        note = "" if convert is None else f"{n_char} line(s) converted char by char"
        rows.append(_row("cityu", name, score(cityu_gold, words), seconds, note))
    if cohesive:
        adapted, n_terms = with_cohesive(textkit_segmenter, [to_simplified(line) for line in cityu_lines])
        words, seconds, _ = run_system(cityu_lines, adapted.segment, to_simplified)
        name = "textkit: to_simplified, segment (campaign + policy + cohesive terms of the test lines)"
        rows.append(_row("cityu", name, score(cityu_gold, words), seconds, f"{n_terms} terms"))
    rows.append("")
    rows.append("Campaign-lexicon terms in pku_test and how the gold segments those occurrences:")
    rows += lexicon_in_gold(textkit_segmenter.terms, pku_lines, pku_gold) or ["(none)"]
    return rows


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _segment_batch_lists(segmenter, texts):
    """Like textkit.tokenize._segment_batch but returning lists (to measure the difference)."""
    from textkit.tokenize import _process_segmenter

    worker = _process_segmenter(segmenter)
    return [worker.segment(text) for text in texts]


def throughput(corpora: Path, limit: int | None, repeats: int = 2) -> list[str]:
    """Timings on the People's Daily sample.

    Other processes may share the cores, so each comparison is measured so that load falls
    on both sides alike: plain jieba and textkit alternate chunk by chunk, and the whole-corpus
    runs alternate over ``repeats`` rounds (the fastest round is reported).
    """
    from joblib import Parallel, delayed

    from textkit.parallel import _balanced_batches
    from textkit.terms import suggest_terms
    from textkit.tokenize import MemoryTokenCache, Segmenter, Tokenizer, _segment_batch

    folder = corpora / "rmrb-2023-07-08"
    paths = sorted(folder.rglob("*.txt"))[:limit]
    texts = [path.read_text(encoding="utf-8") for path in paths]
    mb = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    n_distinct = len(set(texts))
    rows = [
        f"People's Daily sample: {len(texts)} files ({n_distinct} distinct), {mb:.1f} MB, "
        f"{os.cpu_count()} CPU(s) visible, load average {os.getloadavg()[0]:.1f} at start",
        "| step | seconds | MB/s | speed vs plain jieba | peak RSS MB |",
        "| --- | --- | --- | --- | --- |",
    ]

    def row(label: str, seconds: float, reference: float | None = None) -> None:
        ratio = "" if reference is None else f"{reference / seconds:.2f}x"
        rows.append(f"| {label} | {seconds:.1f} | {mb / seconds:.2f} | {ratio} | {_peak_mb():.0f} |")

    def clock(function: Callable[[], object]) -> float:
        start = time.perf_counter()
        function()
        return time.perf_counter() - start

    plain = plain_jieba()
    segmenter = Segmenter()
    segmenter.segment("预热")  # build the dictionary outside the timings

    # Serial segmentation, plain jieba against textkit, alternating over 20 chunks.
    seconds = {"plain": 0.0, "textkit": 0.0}
    for number, chunk in enumerate(_balanced_batches(texts, 20)):
        systems = [("plain", plain), ("textkit", segmenter.segment)]
        for name, cut in systems if number % 2 == 0 else systems[::-1]:
            seconds[name] += clock(lambda cut=cut, chunk=chunk: [cut(text) for text in chunk])
    reference = seconds["plain"]
    row("plain jieba.lcut, serial (reference)", reference)
    row("textkit Segmenter.segment, serial", seconds["textkit"], reference)

    # Whole corpus through tokenize_corpus, empty caches; worker start-up measured apart.
    cold = clock(lambda: Tokenizer(segmenter, cache=MemoryTokenCache()).tokenize_corpus(texts[:50], 2))
    rows.append(f"(starting 2 loky workers and building their dictionaries: {cold:.1f} s, not counted below)")
    serial_runs, parallel_runs = [], []
    for round_number in range(repeats):
        runs = [
            (serial_runs, lambda: Tokenizer(segmenter, cache=MemoryTokenCache()).tokenize_corpus(texts, 1)),
            (parallel_runs, lambda: Tokenizer(segmenter, cache=MemoryTokenCache()).tokenize_corpus(texts, 2)),
        ]
        for store, run in runs if round_number % 2 == 0 else runs[::-1]:
            store.append(clock(run))
    row(f"tokenize_corpus n_jobs=1, empty cache (best of {repeats})", min(serial_runs), reference)
    row(f"tokenize_corpus n_jobs=2, empty cache (best of {repeats})", min(parallel_runs), reference)
    rounded = [[round(x, 1) for x in runs] for runs in (serial_runs, parallel_runs)]
    rows.append(f"all rounds, seconds: n_jobs=1 {rounded[0]}, n_jobs=2 {rounded[1]}")
    cached = Tokenizer(segmenter, cache=MemoryTokenCache())
    first = cached.tokenize_corpus(texts)
    row(
        "tokenize_corpus n_jobs=1, second call (all cache hits)",
        clock(lambda: cached.tokenize_corpus(texts)),
        reference,
    )
    same = first == Tokenizer(segmenter, cache=MemoryTokenCache()).tokenize_corpus(texts, 2)
    rows.append(f"n_jobs=2 tokens identical to n_jobs=1: {same}")

    # What crosses the process boundary: one string per text, or one list of words per text.
    batches = _balanced_batches(texts, 8)
    joined_runs, list_runs = [], []
    for round_number in range(repeats):
        runs = [
            (joined_runs, lambda: Parallel(n_jobs=2)(delayed(_segment_batch)(segmenter, b) for b in batches)),
            (
                list_runs,
                lambda: Parallel(n_jobs=2)(delayed(_segment_batch_lists)(segmenter, b) for b in batches),
            ),
        ]
        for store, run in runs if round_number % 2 == 0 else runs[::-1]:
            store.append(clock(run))
    row(f"joblib n_jobs=2 returning space-joined strings (best of {repeats})", min(joined_runs), reference)
    row(f"joblib n_jobs=2 returning lists of words (best of {repeats})", min(list_runs), reference)

    found = []
    row(
        "suggest_terms, default parameters",
        clock(lambda: found.append(suggest_terms(texts, segmenter=segmenter))),
    )
    rows.append(f"suggest_terms: {len(found[0])} rows returned (top_n=200)")
    rows.append(f"load average at end: {os.getloadavg()[0]:.1f}")
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpora", type=Path, default=DEFAULT_CORPORA, help="folder with icwb2/ and rmrb-*/"
    )
    parser.add_argument("--limit", type=int, default=None, help="use only the first N lines / files")
    parser.add_argument("--throughput", action="store_true", help="also time segmentation on People's Daily")
    parser.add_argument("--no-quality", action="store_true", help="skip the SIGHAN scores")
    parser.add_argument("--repeats", type=int, default=2, help="rounds of each whole-corpus timing")
    parser.add_argument(
        "--cohesive",
        action="store_true",
        help="also score textkit with the cohesive terms each test set gives (textkit.cohesion)",
    )
    args = parser.parse_args(argv)
    if not (args.corpora / "icwb2").is_dir():
        print(f"corpora not found at {args.corpora}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(REPO))
    import jieba

    print(f"jieba {jieba.__version__}; corpora {args.corpora}")
    if not args.no_quality:
        print("\n".join(quality(args.corpora, args.limit, args.cohesive)))
    if args.throughput:
        print()
        print("\n".join(throughput(args.corpora, args.limit, args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
