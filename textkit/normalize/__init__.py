"""Stage 2 — normalization: from scraped text to clean, simplified paragraphs.

Small pure ``str -> str`` functions, one job each, composed into one pipeline
(textacy's ``preprocessing`` is the model). In pipeline order:

1. ``normalize_unicode``  HTML entities, full-width letters/digits/symbols, odd spaces, zero-width characters
2. ``strip_inline_pinyin`` ``領(lǐng)導(dǎo)`` → ``領導``; damaged annotations flagged
3. ``simplify_script``    traditional → simplified (OpenCC t2s + a table of known misses)
4. ``drop_boilerplate``   web chrome and page furniture, by patterns in ``data/boilerplate.tsv``
5. ``join_broken_lines``  paragraphs split mid-sentence are rejoined; one paragraph per line
6. ``unify_punctuation``  one convention: full-width ，；：？！（） in Chinese, ASCII in numbers/Latin
7. ``normalize_spacing``  ``2020 年11 月`` → ``2020年11月``; no space next to CJK punctuation

The line structure is settled (steps 4–5) before the punctuation convention reads each
mark's neighbours, so no later step can change a mark's context: that is what makes the
pipeline idempotent.

``normalize_text`` runs all seven. ``normalize_corpus`` runs them on a
documents table and returns an audit with one row per document and step:
characters removed and changed, lines joined and dropped, and the dropped text.

>>> normalize_text("習(xí)近平總書記指出,2020 年11 月13 日")
'习近平总书记指出，2020年11月13日'
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable
from typing import Any

import pandas as pd

from textkit._chars import text_sha256

__all__ = [
    "AUDIT_COLUMNS",
    "STEPS",
    "detect_script",
    "drop_boilerplate",
    "examples_by_step",
    "join_broken_lines",
    "normalize_corpus",
    "normalize_spacing",
    "normalize_text",
    "normalize_unicode",
    "simplify_script",
    "strip_inline_pinyin",
    "to_simplified",
    "traditional_share",
    "unify_punctuation",
    "warm_worker",
]

from textkit.normalize._audit import (  # noqa: F401 (re-exported)
    _CJK_RE,
    AUDIT_COLUMNS,
    CJK_PUNCT,
    StepRecord,
    _AlignedChanges,
    _codes,
    _count_changed,
    _han_count,
)
from textkit.normalize.boilerplate import (  # noqa: F401 (re-exported)
    _AUTHOR_NOTE,
    _BYLINE,
    _DATELINE,
    _REPEAT_WINDOW,
    _SENTENCE_MARK,
    BoilerplatePatterns,
    _alternation,
    _boilerplate,
    _is_protected,
    _is_short_non_sentence,
    _visible_length,
    default_boilerplate,
    drop_boilerplate,
)
from textkit.normalize.lines import (  # noqa: F401 (re-exported)
    _CLOSING,
    _FOLD_PARENS,
    _LATIN_CHAR,
    _OPEN_END,
    _OPENING,
    _SHORT_FIRST_CLAUSE,
    _SKIP,
    _WORD_BLOCK,
    _closes_first,
    _continues,
    _dictionary_words,
    _ends_mid_sentence,
    _is_body_like,
    _line_break_words,
    _lines,
    _unbalanced,
    _word_frequencies,
    join_broken_lines,
)
from textkit.normalize.steps import (  # noqa: F401 (re-exported)
    _ANNOTATION,
    _ANNOTATION_START,
    _ANNOTATIONS,
    _ANY_CONTEXT_PUNCT,
    _ASCII_MARK,
    _CJK_PUNCT_RE,
    _CONTEXT_PUNCT_ASCII,
    _CONTEXT_PUNCT_FULL,
    _DAMAGED,
    _ENTITY,
    _HAN_OR_DIGIT,
    _ONE_ANNOTATION,
    _PAREN_PAIR,
    _PUNCT_RUN,
    _RUN_AFTER_ASCII,
    _SKIPPABLE,
    _SKIPPED,
    _SPACE_RUN,
    _SPACES,
    _TO_ASCII,
    _TO_FULL,
    _TONE_LETTERS,
    _ZERO_WIDTH,
    _apply_script_fixes,
    _chinese_context,
    _decode_entities,
    _document_script,
    _is_reading,
    _line_slices,
    _mixed_record,
    _neighbour,
    _paren_partners,
    _pinyin,
    _pinyin_parts,
    _pinyin_record,
    _punctuation,
    _punctuation_candidates,
    _readings,
    _script,
    _script_fixes,
    _space_replacement,
    _spacing,
    _strip_tones,
    _t2s,
    _traditional_chars,
    _traditional_counts,
    _two_hop_fixes,
    _unicode,
    _unicode_candidates,
    _unicode_counts,
    _unicode_record,
    _unicode_table,
    detect_script,
    normalize_spacing,
    normalize_unicode,
    simplify_script,
    strip_inline_pinyin,
    to_simplified,
    traditional_share,
    unify_punctuation,
)

# --------------------------------------------------------------------------- pipeline

Step = Callable[[str], tuple[str, StepRecord]]
STEPS: tuple[tuple[str, Step], ...] = (
    ("unicode", _unicode),
    ("pinyin", _pinyin),
    ("script", _script),
    ("boilerplate", _boilerplate),
    ("lines", _lines),
    ("punctuation", _punctuation),
    ("spacing", _spacing),
)


def normalize_text(text: str) -> str:
    """The whole pipeline on one text: clean simplified paragraphs, one per line.

    >>> normalize_text("領(lǐng)導(dǎo)干部,2400 余條\\n\\n浏览16 评论0")
    '领导干部，2400余条'
    """
    for _, step in STEPS:
        text = step(text)[0]
    return text


# A document longer than this many characters is normalized a slice of lines at a time in
# the steps that read nothing beyond a line (see _normalize_sliced).
SLICE_CHARS = 1 << 20


def _audit_row(doc_id: str, name: str, record: StepRecord) -> dict:
    dropped_text = "\n".join(record.dropped)
    return {
        "doc_id": doc_id,
        "step": name,
        "chars_removed": record.chars_removed,
        "han_removed": _han_count(dropped_text) if dropped_text else 0,
        "chars_changed": record.chars_changed,
        "lines_joined": record.lines_joined,
        "lines_dropped": record.lines_dropped,
        "dropped_text": dropped_text,
        "notes": "; ".join(record.flags),
    }


def _normalize_with_audit(
    doc_id: str, text: str, slice_chars: int = SLICE_CHARS
) -> tuple[str, str, list[dict]]:
    script = _document_script(text)
    if len(text) > slice_chars:
        text, records = _normalize_sliced(text, script, slice_chars)
        return text, script, [_audit_row(doc_id, name, record) for name, record in records]
    rows = []
    for name, step in STEPS:
        text, record = step(text, script) if name == "script" else step(text)
        rows.append(_audit_row(doc_id, name, record))
    return text, script, rows


def _normalize_rows(text: str) -> tuple[str, str, list[list]]:
    """``_normalize_with_audit`` of one text, its audit rows as lists of the values of
    ``AUDIT_COLUMNS[1:]`` (as they are cached): made where the text is normalized, in a worker
    when there are workers, so that this process only collects them."""
    normalized, script, rows = _normalize_with_audit("", text)
    return normalized, script, [[row[c] for c in AUDIT_COLUMNS[1:]] for row in rows]


def _normalize_sliced(text: str, script: str, size: int) -> tuple[str, list[tuple[str, StepRecord]]]:
    """The seven steps on a long text, a slice of lines at a time where a step allows it.

    Steps 1–3 and 6–7 read nothing beyond a line (none of their patterns or lookarounds
    crosses a line break), so they run on slices of about ``size`` characters cut after a
    line break, and their counts add up; boilerplate (which looks at the first and the last
    lines of a file) and line joining (which looks 50,000 characters around a break) run on
    the whole text, as for any text. Text and audit are those of the whole-text steps (a test
    compares them on slices of a few lines); what is held at once is the text, a slice and the
    output so far, instead of every step's whole-text copies and per-mark bookkeeping (a
    150 MB file took several times its size in Python integers and small strings).
    """
    unicode_counts = (0, 0, 0, 0)
    annotations: list[str] = []  # one string per slice: its annotations, one a line
    damaged: list[str] = []
    pinyin_removed = pinyin_changed = 0
    traditional: Counter = Counter()
    changes = _AlignedChanges()
    pieces = []
    for piece in _line_slices(text, size):
        piece, counts = _unicode_counts(piece)
        unicode_counts = tuple(a + b for a, b in zip(unicode_counts, counts, strict=True))
        piece, found, broken, removed, changed = _pinyin_parts(piece)
        if found:
            annotations.append("\n".join(found))
        damaged.extend(broken)
        pinyin_removed, pinyin_changed = pinyin_removed + removed, pinyin_changed + changed
        if script == "traditional":
            converted = _apply_script_fixes(to_simplified(piece))
            changes.add(piece, converted)
            piece = converted
        elif script == "mixed":
            traditional.update(_traditional_counts(piece))
        pieces.append(piece)
    if script == "traditional":
        script_record = StepRecord(chars_changed=changes.total(), flags=["script: traditional"])
    else:
        script_record = _mixed_record(traditional) if script == "mixed" else StepRecord()
    records = [
        ("unicode", _unicode_record(*unicode_counts)),
        ("pinyin", _pinyin_record(annotations, damaged, pinyin_removed, pinyin_changed)),
        ("script", script_record),
    ]
    text = "".join(pieces)
    del pieces
    text, record = _boilerplate(text)
    records.append(("boilerplate", record))
    text, record = _lines(text)
    records.append(("lines", record))
    punctuation, spacing, pieces = StepRecord(), StepRecord(), []
    for piece in _line_slices(text, size):
        piece, record = _punctuation(piece)
        punctuation.chars_changed += record.chars_changed
        piece, record = _spacing(piece)
        spacing.chars_removed += record.chars_removed
        pieces.append(piece)
    del text
    records += [("punctuation", punctuation), ("spacing", spacing)]
    return "".join(pieces), records


def normalize_corpus(
    documents: pd.DataFrame,
    progress: bool = False,
    *,
    n_jobs: int = 1,
    backend: str | None = None,
    cache=None,
    meanwhile: Callable[[], Any] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Normalize every document and audit every step.

    Parameters
    ----------
    documents:
        The ``documents`` table of ``textkit.corpus.load_corpus`` (``doc_id``
        and ``text`` are needed).
    progress:
        Show a progress bar on stderr (for consoles, not notebooks).
    n_jobs:
        Worker processes (forked from this one where the platform can, else joblib's; -1 for
        all cores). The result does not depend on it.
        Less than ``textkit.parallel.PARALLEL_MIN_CHARS`` characters to normalize are done
        in this process (starting workers would take longer).
    backend:
        A joblib backend; ``"dask"`` runs on the ``dask.distributed`` cluster of the
        current ``Client`` (see ``textkit.parallel.map_batches``).
    cache:
        Where normalizations are kept between runs, by the SHA-256 of the raw text, e.g.
        ``textkit.cache.ParquetCache(folder)``: the normalized text, the script and the
        audit rows are cached together (namespace ``normalize-<normalizer_version()>``),
        so a cached document gives the same audit as a fresh one.
    meanwhile:
        Called once in this process: while the workers normalize (``textkit.parallel.map_batches``'
        ``meanwhile``), else before the documents are normalized here. E.g. building the segmenter
        that tokenization will fork its workers with (``textkit.pipeline.prepare_corpus`` does).

    Returns
    -------
    documents:
        A copy with ``text_norm`` (the normalized text) and ``script``
        (``simplified``/``traditional``/``mixed``, detected on the raw text).
    audit:
        One row per document and step (``AUDIT_COLUMNS``): characters removed
        (of them Han), characters changed one for one, lines joined, lines
        dropped, the dropped text (one item per line) and flags such as a
        damaged pinyin annotation.
    """
    import json

    from tqdm import tqdm

    from textkit.parallel import apply_each, forks, map_batches, worth_parallel

    raw = documents["text"].tolist()
    keys = [text_sha256(text, "surrogatepass") for text in raw]
    pending = dict(zip(keys, raw, strict=True))  # each distinct text is normalized once
    results: dict[str, tuple[str, str, list]] = {}
    namespace = None
    if cache is not None:
        from textkit.cache import normalizer_version

        namespace = f"normalize-{normalizer_version()}"
        for key, value in cache.get_many(namespace, list(pending)).items():
            record = json.loads(value)
            results[key] = (record["text"], record["script"], record["audit"])
            del pending[key]
    if pending:
        work = _normalize_rows
        texts = list(pending.values())
        if (n_jobs == 1 and backend is None) or not worth_parallel(texts):
            if meanwhile is not None:
                meanwhile()
            done = [work(text) for text in tqdm(texts, disable=not progress, desc="normalize")]
        else:
            if forks(n_jobs, backend):
                warm_worker()  # the tables are loaded here once: the forked workers have them
            done = map_batches(
                apply_each,
                work,
                texts,
                n_jobs=n_jobs,
                backend=backend,
                progress=progress,
                desc="normalize",
                meanwhile=meanwhile,
            )
        computed = dict(zip(pending, done, strict=True))
        del done
        if cache is not None:
            cache.put_many(
                namespace,
                {
                    key: json.dumps(
                        {"text": normalized, "script": script, "audit": rows},
                        ensure_ascii=False,
                        separators=(",", ":"),
                    )
                    for key, (normalized, script, rows) in computed.items()
                },
            )
        results.update(computed)
    elif meanwhile is not None:
        meanwhile()
    out = documents.copy()
    # Python strings (object dtype), as load_corpus keeps "text": an Arrow str column would
    # hold a large file again as UTF-8 and build it anew at every read.
    out["text_norm"] = pd.Series([results[key][0] for key in keys], index=out.index, dtype=object)
    out["script"] = [results[key][1] for key in keys]
    doc_keys = zip(documents["doc_id"], keys, strict=True)
    audit = pd.DataFrame(
        [[doc_id, *row] for doc_id, key in doc_keys for row in results[key][2]], columns=AUDIT_COLUMNS
    )
    return out, audit


def warm_worker() -> None:
    """Load the normalization tables in this (worker) process, for ``parallel.warm_up_workers``
    (and before forking workers): the step tables and jieba's dictionary for line joining."""
    normalize_text("習(xí)近平總書記指出,2020 年")
    _word_frequencies()


def _visible(text: str) -> str:
    """Line breaks as ⏎ and invisible or unusual spaces as ⟨U+XXXX⟩, so a change can be seen."""
    out = []
    for char in text:
        if char == "\n":
            out.append("⏎")
        elif char in _ZERO_WIDTH or (char.isspace() and char != " "):
            out.append(f"⟨U+{ord(char):04X}⟩")
        else:
            out.append(char)
    return "".join(out)


def _changed_window(before: str, after: str, context: int = 12, limit: int = 80) -> tuple[str, str]:
    """The stretch of ``before`` and ``after`` around their first difference."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end_before, end_after = len(before), len(after)
    while end_before > start and end_after > start and before[end_before - 1] == after[end_after - 1]:
        end_before -= 1
        end_after -= 1
    left = max(0, start - context)
    show_before = before[left : min(end_before + context, left + limit)]
    show_after = after[left : min(end_after + context, left + limit)]
    return _visible(show_before), _visible(show_after)


def _join_window(before: str, after: str, context: int = 12) -> tuple[str, str] | None:
    """Where a paragraph broken across lines was rejoined, if anywhere."""
    lines = [line.strip() for line in before.split("\n") if line.strip()]
    joined = set(after.split("\n"))
    for index, line in enumerate(lines[:-1]):
        if line not in joined and any(p.startswith(line) for p in joined):
            following = lines[index + 1]
            gap = before[before.index(line) + len(line) : before.index(following, before.index(line))]
            return _visible(line[-context:] + gap + following[:context]), line[-context:] + following[
                :context
            ]
    return None


def _document_examples(text: str, context: int) -> dict[str, tuple[str, str]]:
    """Step name -> (before, after) windows of every step that changes this document (for
    ``lines``, only where a rejoined paragraph is found), the steps applied in order."""
    examples: dict[str, tuple[str, str]] = {}
    script = _document_script(text)
    for name, step in STEPS:
        after = (step(text, script) if name == "script" else step(text))[0]
        if after != text:
            window = _join_window(text, after, context) if name == "lines" else None
            if name != "lines" or window:
                examples[name] = tuple(window or _changed_window(text, after, context))
        text = after
    return examples


def examples_by_step(
    documents: pd.DataFrame, context: int = 12, *, cache_dir: str | os.PathLike | None = None
) -> pd.DataFrame:
    """One before/after example per normalization step, taken from the documents themselves.

    For each step, the first document (in ``doc_id`` order) that the step
    changes gives the example: the text around the first change, just before
    and just after the step (for ``lines``, the first rejoined paragraph).
    Line breaks show as ``⏎``, invisible characters as ``⟨U+XXXX⟩``. Steps that
    change nothing in the corpus get no row.

    ``cache_dir``: each document's examples are kept there (``textkit.cache.ParquetCache``,
    namespace ``examples-<normalizer_version()>``, by its text and ``context``), so a rerun
    reads them and a folder with one new file steps through that file only. The table does not
    depend on it.
    """
    cache = namespace = None
    stored: dict[str, str] = {}
    keys = [""] * len(documents)
    if cache_dir is not None:
        from textkit.cache import ParquetCache, normalizer_version

        cache = ParquetCache(cache_dir)
        namespace = f"examples-{normalizer_version()}"
        keys = [f"{text_sha256(text, 'surrogatepass')}-{context}" for text in documents["text"]]
        stored = cache.get_many(namespace, list(dict.fromkeys(keys)))
    found: dict[str, dict] = {}
    fresh: dict[str, str] = {}
    for doc_id, text, key in zip(documents["doc_id"], documents["text"], keys, strict=True):
        if key in stored:
            examples = json.loads(stored[key])
        else:
            examples = _document_examples(text, context)
            if cache is not None:
                fresh[key] = json.dumps(examples, ensure_ascii=False)
        for name, (before_window, after_window) in examples.items():
            if name not in found:
                found[name] = {"step": name, "doc_id": doc_id, "before": before_window, "after": after_window}
        if len(found) == len(STEPS):
            break
    if cache is not None:
        cache.put_many(namespace, fresh)
    order = [name for name, _ in STEPS]
    rows = sorted(found.values(), key=lambda row: order.index(row["step"]))
    return pd.DataFrame(rows, columns=["step", "doc_id", "before", "after"])
