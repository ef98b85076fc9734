"""Stage 3 — tokenize: jieba segmentation with a campaign lexicon, then analysis filters.

Two small objects do the work; the module-level functions use a documented default instance
(``default_tokenizer()``), so nothing else is shared between analyses:

- ``Segmenter`` owns one ``jieba.Tokenizer`` (never jieba's global default) with the campaign
  lexicon ``textkit/data/campaign_lexicon.txt`` and any user lexicons loaded into it.
  ``segment`` returns every word in order, whitespace dropped. Its ``engine`` runs jieba
  itself or, where jieba-next is installed, jieba's algorithm with the dictionary lookup in
  Rust (``"fast"``: the same words, about three times faster; the default).
- ``Tokenizer`` turns segmentations into analysis tokens: stopwords (``stopwordsiso`` ``zh`` plus
  ``textkit/data/stopwords_domain.txt``) and token classes (punctuation, numbers, Latin) are
  dropped; lexicon terms are always kept. It caches segmentations by the content hash of the
  text and the segmenter's ``fingerprint`` in an explicit ``TokenCache`` object (on disk:
  ``textkit.cache.ParquetCache``), and segments a corpus in worker processes (joblib) or on a
  ``dask.distributed`` cluster (``backend="dask"``) with ``textkit.parallel.imap_batches``.

Input is normalized simplified text (``textkit.normalize``); output feeds ``textkit.vocab``.

>>> segment("坚持以学促干，推动主题教育走深走实")             # doctest: +SKIP
['坚持', '以学促干', '，', '推动', '主题教育', '走深走实']
>>> tokenize("坚持以学促干，推动主题教育走深走实")            # doctest: +SKIP
['坚持', '以学促干', '推动', '主题教育', '走深走实']
>>> tok = Tokenizer(Segmenter(user_lexicons=["my_terms.txt"]))   # doctest: +SKIP
>>> tokens = tok.tokenize_corpus(articles, n_jobs=2)               # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol, runtime_checkable

import jieba
import pandas as pd

from textkit._jieba import quiet_jieba
from textkit.parallel import imap_batches, worth_parallel

__all__ = [
    "DEFAULT_DROP_CLASSES",
    "DEFAULT_LEXICON",
    "DOMAIN_STOPWORDS",
    "ENGINES",
    "POLICY_LEXICON",
    "TOKEN_CLASSES",
    "EngineUnavailable",
    "LexiconEntry",
    "MemoryTokenCache",
    "NullTokenCache",
    "Segmenter",
    "TokenCache",
    "Tokenizer",
    "default_stopwords",
    "default_tokenizer",
    "fast_engine_available",
    "read_lexicon",
    "segment",
    "token_class",
    "tokenize",
    "tokenize_corpus",
]

_DATA = Path(__file__).resolve().parent / "data"
DEFAULT_LEXICON = _DATA / "campaign_lexicon.txt"
POLICY_LEXICON = _DATA / "policy_lexicon.txt"
DOMAIN_STOPWORDS = _DATA / "stopwords_domain.txt"

# Bump when the segmentation logic changes in a way that changes output for the same
# lexicon: it is part of every cache key.
_SEGMENTER_VERSION = "1"

# jieba keeps only these characters together in a block (jieba.re_han_default); a term with
# any other character (a space, 、, a Han character outside U+4E00–U+9FD5) can never come out
# as one token, so the lexicon reader rejects it instead of letting it fail silently.
_JIEBA_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
_POS = re.compile(r"[a-z]+")
_INLINE_COMMENT = re.compile(r"\s#")
_JIEBA_ENG = jieba.re_eng

# Full-width digits, letters and decimal point fold to ASCII before jieba sees them, so that
# ２０２３ or １．５ stay one number as 2023 and 1.5 do (jieba only groups ASCII). The fold is
# one character for one character, so tokens map back to the original text. ％ is left alone:
# the SIGHAN gold sets disagree on it (pku joins 30％, cityu splits it), and it is dropped as
# part of a number either way.
_FULLWIDTH_FOLD = {
    **{cp: cp - 0xFEE0 for cp in range(ord("０"), ord("９") + 1)},
    **{cp: cp - 0xFEE0 for cp in range(ord("Ａ"), ord("Ｚ") + 1)},
    **{cp: cp - 0xFEE0 for cp in range(ord("ａ"), ord("ｚ") + 1)},
    ord("．"): ord("."),
}

# A dash or an ellipsis is written as a run of two or more of the same character (——, ……);
# jieba yields each character alone. A run is one punctuation mark, and one token.
_RUN_MARKS = frozenset("—―─…⋯")
_RUN_MARK = re.compile("[—―─…⋯]")

TOKEN_CLASSES = ("han", "number", "latin", "punct", "space", "other")
DEFAULT_DROP_CLASSES = frozenset({"number", "latin", "punct", "space", "other"})

_CHINESE_NUMERALS = frozenset("〇○零一二三四五六七八九十百千万亿两")
_NUMBER_MARKS = frozenset(".,%‰·:/+-．，％：／")


def _is_han(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
        or char == "〇"
    )


def token_class(token: str) -> str:
    """Class of a token: ``han``, ``number``, ``latin``, ``punct``, ``space`` or ``other``.

    ``number`` is digits of any script (with decimal point, comma, percent) or Chinese
    numerals only (十五, 二〇二三); ``latin`` is any token with Latin letters and no Han
    character (APP, pH, 5G, B404#); a token with a Han character that is not all numerals is
    ``han``.

    >>> [token_class(t) for t in ["政绩观", "党", "98.2%", "１５", "二○○一", "APP", "，", " "]]
    ['han', 'han', 'number', 'number', 'number', 'latin', 'punct', 'space']
    """
    if not token or token.isspace():
        return "space"
    if all(char in _CHINESE_NUMERALS for char in token):
        return "number"
    if any(_is_han(char) for char in token):
        return "han"
    categories = [unicodedata.category(char) for char in token]
    if any(cat[0] == "N" for cat in categories) and all(
        cat[0] == "N" or char in _NUMBER_MARKS for char, cat in zip(token, categories, strict=True)
    ):
        return "number"
    if any(
        cat[0] == "L" and "LATIN" in unicodedata.name(char, "")
        for char, cat in zip(token, categories, strict=True)
    ):
        return "latin"
    if all(cat[0] in "PS" for cat in categories):
        return "punct"
    return "other"


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class LexiconEntry:
    """One lexicon line: a term, an optional jieba frequency and part of speech."""

    term: str
    freq: int | None = None
    pos: str | None = None


def read_lexicon(path: str | Path) -> list[LexiconEntry]:
    """Read a lexicon file: one term per line, optionally followed by a frequency and a POS tag.

    The format is jieba's user dictionary (``term [freq] [pos]``, separated by spaces) plus
    ``#`` comment lines and blank lines; UTF-8, with or without BOM. Without a frequency the
    term gets the smallest frequency that makes jieba keep it whole (``suggest_freq``).

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
    ...     _ = f.write("# my terms\\n以学促干\\n国之大者 50 nz\\n")
    >>> read_lexicon(f.name)
    [LexiconEntry(term='以学促干', freq=None, pos=None), LexiconEntry(term='国之大者', freq=50, pos='nz')]
    >>> os.unlink(f.name)
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ValueError(f"{path}: cannot read lexicon file: {error.strerror or error}") from None
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ValueError(
            f"{path}:{line}: not UTF-8 (byte {raw[error.start]:#04x} at offset {error.start}); "
            "save the lexicon as UTF-8"
        ) from None
    entries = []
    for number, line in enumerate(content.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        # A '#' after whitespace starts a comment (the source of the term, say).
        stripped = _INLINE_COMMENT.split(stripped, maxsplit=1)[0].strip()
        fields = stripped.split()
        where = f"{path}:{number}"
        if len(fields) > 3:
            raise ValueError(f"{where}: expected 'term [freq] [pos]', got {len(fields)} fields: {stripped!r}")
        term, freq, pos = fields[0], None, None
        for field in fields[1:]:
            if field.isdigit() and freq is None and pos is None:
                freq = int(field)
            elif _POS.fullmatch(field) and pos is None:
                pos = field
            else:
                raise ValueError(
                    f"{where}: expected 'term [freq] [pos]', got {stripped!r} "
                    "(a term cannot contain spaces: jieba would split it there)"
                )
        if freq == 0:
            # jieba treats frequency 0 as "always split" through a process-wide list in
            # jieba.finalseg, which would leak into every other tokenizer.
            raise ValueError(f"{where}: frequency 0 (forced split) is not supported: {stripped!r}")
        if not _JIEBA_BLOCK.fullmatch(term):
            raise ValueError(
                f"{where}: {term!r} contains characters jieba never keeps in one token "
                "(only Han U+4E00–U+9FD5, ASCII letters and digits, + # & . _ % -); "
                "put each part on its own line (不忘初心、牢记使命 as 不忘初心 and 牢记使命), and "
                "count the whole phrase with textkit.vocab.kwic or textkit.extract"
            )
        entries.append(LexiconEntry(term, freq, pos))
    if not entries:
        raise ValueError(f"{path}: the lexicon file has no terms (only blank or # comment lines)")
    return entries


@cache
def _jieba_dictionary_digest() -> str:
    dictionary = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
    return hashlib.sha256(dictionary.read_bytes()).hexdigest()[:16]


# --------------------------------------------------------------------------- engines

# Which algorithm turns a text into words. "jieba" and "fast" give the same words (a test
# checks it on the seeds and on the People's Daily sample, and both share one cache
# namespace); "rjieba" is a different implementation whose output differs on a few
# articles (see ENGINES in the README section "Scaling up") and has its own namespace.
ENGINES = ("auto", "jieba", "fast", "rjieba")

# jieba-next's Rust prefix dictionary stops after 12 dictionary words that start at one
# position; jieba has no such limit. The "fast" engine is only used where no word can have
# more than 12 prefixes in the dictionary (jieba's own dictionary has at most 7).
_RUST_PREFIX_LIMIT = 12
_HMM_MEMO_MAX = 200_000


class EngineUnavailable(ImportError):
    """The segmentation engine asked for is not installed or cannot reproduce jieba here."""


class _JiebaEngine:
    """jieba 0.42.1 itself (pure Python)."""

    name = "jieba"

    def __init__(self, tokenizer: jieba.Tokenizer, hmm: bool) -> None:
        self._tokenizer = tokenizer
        self._hmm = hmm

    def cut(self, text: str) -> list[str]:
        return self._tokenizer.lcut(text, HMM=self._hmm)


class _FastJiebaEngine:
    """jieba's algorithm with the dictionary lookup and best path computed in Rust.

    The word graph and the most probable route through it come from jieba-next's
    ``PrefixDict`` (a trie built from *this* jieba tokenizer's frequencies, lexicon terms
    included); the block splitting, the handling of single characters and the HMM for unknown
    words are jieba's own code (``jieba.finalseg``), transcribed from ``jieba.Tokenizer.cut``.
    jieba-next's own ``cut`` is not used: its HMM and its block pattern differ from jieba's
    (it joins rare characters such as 劏房 and does not keep ``-`` inside a block).
    The HMM result of each run of unknown characters is memoized: it depends on the run only.
    """

    name = "fast"

    def __init__(self, tokenizer: jieba.Tokenizer, hmm: bool) -> None:
        try:
            from jieba_next.jieba_next_rust import PrefixDict
        except ImportError as error:  # pragma: no cover - depends on the environment
            raise EngineUnavailable("engine='fast' needs jieba-next (pip install 'textkit[fast]')") from error
        freq = tokenizer.FREQ
        for word, count in freq.items():
            if count and len(word) > _RUST_PREFIX_LIMIT:
                prefixes = sum(1 for end in range(1, len(word) + 1) if freq.get(word[:end]))
                if prefixes > _RUST_PREFIX_LIMIT:
                    raise EngineUnavailable(
                        f"engine='fast' cannot reproduce jieba here: {word!r} has {prefixes} "
                        f"dictionary words as prefixes (the Rust lookup stops at {_RUST_PREFIX_LIMIT})"
                    )
        self._freq = freq
        self._route = PrefixDict(freq, float(tokenizer.total)).get_dag_and_calc
        self._hmm = hmm
        self._hmm_memo: dict[str, tuple[str, ...]] = {}

    def _unknown(self, run: str) -> tuple[str, ...] | str:
        memo = self._hmm_memo
        words = memo.get(run)
        if words is None:
            if len(memo) >= _HMM_MEMO_MAX:
                memo.clear()
            words = memo[run] = tuple(jieba.finalseg.cut(run))
        return words

    def _flush(self, run: str, out: list[str]) -> None:
        if len(run) == 1:
            out.append(run)
        elif self._hmm and not self._freq.get(run):
            out.extend(self._unknown(run))
        elif self._hmm:
            out.extend(run)
        else:
            out.append(run)

    def _cut_block(self, block: str, out: list[str]) -> None:
        route = self._route(block)
        hmm = self._hmm
        position, run, end = 0, "", len(block)
        while position < end:
            following = route[position] + 1
            word = block[position:following]
            # With the HMM, consecutive single characters are collected and cut by it; without,
            # only runs of ASCII letters and digits are collected (and kept as one word).
            if (following - position == 1) and (hmm or _JIEBA_ENG.match(word)):
                run += word
            else:
                if run:
                    self._flush(run, out)
                    run = ""
                out.append(word)
            position = following
        if run:
            self._flush(run, out)

    def cut(self, text: str) -> list[str]:
        out: list[str] = []
        for block in jieba.re_han_default.split(text):
            if not block:
                continue
            if jieba.re_han_default.match(block):
                self._cut_block(block, out)
            else:
                for piece in jieba.re_skip_default.split(block):
                    if jieba.re_skip_default.match(piece):
                        out.append(piece)
                    else:
                        out.extend(piece)
        return out


class _RJiebaEngine:
    """rjieba, the binding of jieba-rs: a Rust reimplementation with its own copy of jieba's
    dictionary. Several times faster than "fast", but not identical to jieba."""

    name = "rjieba"

    def __init__(self, entries: Sequence[LexiconEntry], hmm: bool) -> None:
        try:
            import rjieba
        except ImportError as error:  # pragma: no cover - depends on the environment
            raise EngineUnavailable("engine='rjieba' needs rjieba (pip install 'textkit[fast]')") from error
        self._jieba = rjieba.Jieba()
        for entry in entries:
            self._jieba.add_word(entry.term, entry.freq, entry.pos)
        self._hmm = hmm

    def cut(self, text: str) -> list[str]:
        return self._jieba.cut(text, self._hmm)


def fast_engine_available() -> bool:
    """Whether ``engine="fast"`` can be used (jieba-next is installed)."""
    try:
        from jieba_next.jieba_next_rust import PrefixDict  # noqa: F401
    except ImportError:
        return False
    return True


# --------------------------------------------------------------------------- segmenter


class Segmenter:
    """jieba word segmentation (accurate mode) with the campaign lexicon and user lexicons.

    Parameters
    ----------
    lexicon
        The base lexicon file; ``DEFAULT_LEXICON`` is textkit's campaign lexicon, ``None`` is
        plain jieba.
    policy_lexicon
        A policy lexicon, e.g. ``POLICY_LEXICON`` (words and formulations from CC-CEDICT and
        term discovery on People's Daily, built by ``tools/build_lexicon.py``), loaded before
        ``lexicon`` (whose entries win for a term in both). Default ``None``: not loaded (it
        would change the seeds' tokens; see the README). Only loaded when ``lexicon`` is given.
    user_lexicons
        More lexicon files in the same format (see ``read_lexicon``), loaded after ``lexicon``.
    user_terms
        Terms given directly (each kept whole, default frequency), loaded last.
    hmm
        Let jieba's HMM join unknown characters into words (names, new words).
    fold_fullwidth
        Segment full-width digits and Latin letters as their ASCII forms; tokens keep the
        original characters.
    engine
        ``"jieba"``: jieba itself. ``"fast"``: jieba's algorithm with its dictionary lookup in
        Rust (jieba-next), about 3 times faster and giving the same words (tested on the seeds
        and on 5,158 People's Daily files). ``"auto"`` (default): ``"fast"`` where jieba-next
        is installed, else ``"jieba"``. ``"rjieba"``: jieba-rs, about 10 times faster but not
        identical (it keeps ``163.com`` or ``3.0T`` whole and computes lexicon frequencies
        slightly differently; 46 of 4,656 People's Daily files differ), with its own cache
        namespace.

    The jieba dictionary is built at the first ``segment`` call (about a second) and the
    lexicon terms are added, shortest first, so that a long term's default frequency is
    computed against the shorter terms it contains (习近平新时代中国特色社会主义思想 against
    新时代). ``fingerprint`` identifies everything that changes the output.

    >>> seg = Segmenter()                                            # doctest: +SKIP
    >>> seg.segment("教育引导广大干部树立和践行正确政绩观")           # doctest: +SKIP
    ['教育引导', '广大干部', '树立', '和', '践行', '正确政绩观']
    """

    def __init__(
        self,
        lexicon: str | Path | None = DEFAULT_LEXICON,
        user_lexicons: Sequence[str | Path] = (),
        user_terms: Iterable[str] = (),
        *,
        hmm: bool = True,
        fold_fullwidth: bool = True,
        engine: str = "auto",
        policy_lexicon: str | Path | None = None,
    ) -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}; known: {ENGINES}")
        if engine == "fast" and not fast_engine_available():
            raise EngineUnavailable("engine='fast' needs jieba-next (pip install 'textkit[fast]')")
        if isinstance(user_lexicons, str | Path):
            raise TypeError("user_lexicons is a list of paths: pass [path]")
        if isinstance(user_terms, str):
            raise TypeError("user_terms is a list of terms: pass [term]")
        self.lexicon = None if lexicon is None else Path(lexicon)
        self.policy_lexicon = None if lexicon is None or policy_lexicon is None else Path(policy_lexicon)
        self.user_lexicons = tuple(Path(path) for path in user_lexicons)
        self.user_terms = tuple(user_terms)
        self.hmm = hmm
        self.fold_fullwidth = fold_fullwidth
        self.engine = engine
        entries: list[LexiconEntry] = []
        # the campaign lexicon after the policy lexicon, so that its frequencies win
        bases = [path for path in (self.policy_lexicon, self.lexicon) if path is not None]
        for path in bases + list(self.user_lexicons):
            entries.extend(read_lexicon(path))
        for term in self.user_terms:
            if not _JIEBA_BLOCK.fullmatch(term):
                raise ValueError(f"user term {term!r} contains characters jieba never keeps in one token")
            entries.append(LexiconEntry(term))
        # A later entry for the same term replaces an earlier one (a user file can change the
        # frequency of a campaign term); then shortest first, stable.
        by_term = {entry.term: entry for entry in entries}
        self.entries: tuple[LexiconEntry, ...] = tuple(sorted(by_term.values(), key=lambda e: len(e.term)))
        self.fingerprint = self._fingerprint()
        self._jieba: jieba.Tokenizer | None = None
        self._engine: _JiebaEngine | _FastJiebaEngine | _RJiebaEngine | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return (
            f"Segmenter(lexicon={self.lexicon!r}, policy_lexicon={self.policy_lexicon!r}, "
            f"user_lexicons={list(self.user_lexicons)!r}, "
            f"user_terms={len(self.user_terms)} terms, hmm={self.hmm}, fold_fullwidth={self.fold_fullwidth}, "
            f"engine={self.engine!r})"
        )

    def _fingerprint(self) -> str:
        spec = {
            "textkit_segmenter": _SEGMENTER_VERSION,
            "jieba": jieba.__version__,
            "dictionary": _jieba_dictionary_digest(),
            "hmm": self.hmm,
            "fold_fullwidth": self.fold_fullwidth,
            "entries": [[e.term, e.freq, e.pos] for e in self.entries],
        }
        # "jieba", "fast" and "auto" give the same words, so they share cached segmentations.
        if self.engine == "rjieba":
            spec["engine"] = "rjieba"
        blob = json.dumps(spec, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:24]

    @property
    def terms(self) -> frozenset[str]:
        """Every lexicon term (campaign and user)."""
        return frozenset(entry.term for entry in self.entries)

    def lexicon_table(self) -> pd.DataFrame:
        """The loaded lexicon as a table: term, freq (as given, or the one jieba uses), pos."""
        tokenizer = self.jieba_tokenizer
        rows = [(e.term, tokenizer.FREQ.get(e.term), e.pos or "") for e in self.entries]
        return pd.DataFrame(rows, columns=["term", "freq", "pos"]).sort_values("term", ignore_index=True)

    # jieba's Tokenizer holds a lock and a 500k-entry dictionary: neither is sent to worker
    # processes; each process builds its own on first use (see _process_segmenter).
    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_jieba"] = None
        state["_engine"] = None
        del state["_lock"]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    @property
    def jieba_tokenizer(self) -> jieba.Tokenizer:
        """This segmenter's own ``jieba.Tokenizer``, initialized with the lexicon on first use."""
        if self._jieba is None:
            with self._lock:
                if self._jieba is None:
                    tokenizer = jieba.Tokenizer()
                    with quiet_jieba():
                        tokenizer.initialize()
                    for entry in self.entries:
                        tokenizer.add_word(entry.term, entry.freq, entry.pos)
                    self._jieba = tokenizer
        return self._jieba

    @property
    def engine_used(self) -> str:
        """The engine that actually segments: ``"auto"`` resolves to ``"fast"`` where jieba-next
        is installed and can reproduce jieba with this dictionary, otherwise to ``"jieba"``."""
        return self._cutter.name

    @property
    def _cutter(self) -> _JiebaEngine | _FastJiebaEngine | _RJiebaEngine:
        if self._engine is None:
            if self.engine == "rjieba":
                engine = _RJiebaEngine(self.entries, self.hmm)
            else:
                tokenizer = self.jieba_tokenizer
                engine = None
                if self.engine in ("fast", "auto") and fast_engine_available():
                    try:
                        engine = _FastJiebaEngine(tokenizer, self.hmm)
                    except EngineUnavailable:
                        if self.engine == "fast":
                            raise
                engine = engine or _JiebaEngine(tokenizer, self.hmm)
            with self._lock:
                if self._engine is None:
                    self._engine = engine
        return self._engine

    def segment(self, text: str) -> list[str]:
        """Every word of ``text`` in order, whitespace dropped.

        ``''.join(segment(text))`` is ``text`` without its whitespace.
        """
        folded = text.translate(_FULLWIDTH_FOLD) if self.fold_fullwidth else text
        words = self._cutter.cut(folded)
        if sum(map(len, words)) != len(text):
            raise RuntimeError(f"engine {self.engine_used!r} did not give back the text it was given")
        if folded != text:  # the fold is one character for one: take the words from the original
            originals, start = [], 0
            for word in words:
                originals.append(text[start : start + len(word)])
                start += len(word)
            words = originals
        if not _RUN_MARK.search(text):
            return [word for word in words if not word.isspace()]
        out: list[str] = []
        previous = ""
        for word in words:
            if word.isspace():
                previous = ""
            elif word in _RUN_MARKS and previous and previous[-1] == word and set(previous) == {word}:
                out[-1] = previous = previous + word
            else:
                out.append(word)
                previous = word
        return out


# Worker processes (joblib/loky, or a Dask cluster later) keep initialized segmenters by
# fingerprint, so the jieba dictionary is built once per process, not once per batch. This is
# the only module-level state besides ``default_tokenizer()``; it holds at most two.
_PROCESS_SEGMENTERS: OrderedDict[tuple[str, str], Segmenter] = OrderedDict()
_PROCESS_SEGMENTERS_MAX = 2


def _process_segmenter(segmenter: Segmenter) -> Segmenter:
    key = (segmenter.fingerprint, segmenter.engine)
    known = _PROCESS_SEGMENTERS.get(key)
    if known is None:
        known = _PROCESS_SEGMENTERS[key] = segmenter
        while len(_PROCESS_SEGMENTERS) > _PROCESS_SEGMENTERS_MAX:
            _PROCESS_SEGMENTERS.popitem(last=False)
    return known


def warm_worker(segmenter: Segmenter) -> None:
    """Build ``segmenter``'s dictionary in this (worker) process, for ``parallel.warm_up_workers``."""
    _process_segmenter(segmenter).segment("预热")


def _segment_batch(segmenter: Segmenter, texts: Sequence[str]) -> list[str]:
    """Segment texts in a worker; words come back space-joined (one string per text).

    One string per text pickles several times faster than a list of words.
    """
    worker = _process_segmenter(segmenter)
    return [" ".join(worker.segment(text)) for text in texts]


# --------------------------------------------------------------------------- cache


@runtime_checkable
class TokenCache(Protocol):
    """Where ``Tokenizer`` keeps segmentations between calls.

    Keys are SHA-256 digests of the text; ``namespace`` is ``"tokens-"`` followed by the
    segmenter's fingerprint (jieba version and dictionary, lexicon contents, HMM), so a lexicon
    change never reuses old segmentations. Values are the words of the text joined by single
    spaces (words never contain whitespace). ``textkit.cache.ParquetCache`` keeps them on disk.
    """

    def get_many(self, namespace: str, keys: Sequence[str]) -> dict[str, str]:
        """The cached values among ``keys`` (missing keys are simply absent)."""
        ...

    def put_many(self, namespace: str, items: Mapping[str, str]) -> None:
        """Store values by key."""
        ...


class MemoryTokenCache:
    """A ``TokenCache`` in a dict, with hit and miss counters.

    >>> cache = MemoryTokenCache()
    >>> cache.put_many("ns", {"k": "以学促干 走深走实"})
    >>> cache.get_many("ns", ["k", "other"]), cache.hits, cache.misses
    ({'k': '以学促干 走深走实'}, 1, 1)
    """

    def __init__(self) -> None:
        self._store: dict[tuple[str, str], str] = {}
        self.hits = 0
        self.misses = 0

    def get_many(self, namespace: str, keys: Sequence[str]) -> dict[str, str]:
        found = {}
        for key in keys:
            value = self._store.get((namespace, key))
            if value is not None:
                found[key] = value
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def put_many(self, namespace: str, items: Mapping[str, str]) -> None:
        for key, value in items.items():
            self._store[(namespace, key)] = value

    def clear(self) -> None:
        self._store.clear()

    def __len__(self) -> int:
        return len(self._store)


class NullTokenCache:
    """A ``TokenCache`` that stores nothing (every call segments again)."""

    def get_many(self, namespace: str, keys: Sequence[str]) -> dict[str, str]:
        return {}

    def put_many(self, namespace: str, items: Mapping[str, str]) -> None:
        return None


def _text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# --------------------------------------------------------------------------- tokenizer


@cache
def default_stopwords() -> frozenset[str]:
    """``stopwordsiso`` ``zh`` plus ``textkit/data/stopwords_domain.txt``."""
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords("zh")) | frozenset(_read_word_list(DOMAIN_STOPWORDS))


def _read_word_list(path: str | Path) -> list[str]:
    words = []
    for line in Path(path).read_text(encoding="utf-8-sig").splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            words.append(stripped)
    return words


class Tokenizer:
    """Analysis tokens: segmentation, then stopword and token-class filters; cached, parallel.

    Parameters
    ----------
    segmenter
        The ``Segmenter`` to use (default: campaign lexicon, HMM on).
    stopwords
        Words to drop. ``None`` means ``default_stopwords()`` (stopwordsiso ``zh`` plus the
        domain file); pass ``()`` to keep every word.
    extra_stopwords
        Added to ``stopwords``.
    keep
        Words never dropped, whatever their class or stopword status. Lexicon terms are
        always kept as well.
    drop_classes
        Token classes dropped (see ``token_class``); default punctuation, numbers, Latin
        letters, whitespace and other symbols. Single Han characters (党, 民) are kept.
    min_chars
        Drop tokens shorter than this (default 1: keep single characters).
    cache
        A ``TokenCache`` for segmentations; default a new ``MemoryTokenCache`` (which keeps a
        second copy of the corpus in memory: on large corpora pass
        ``textkit.cache.ParquetCache(folder)``, or ``NullTokenCache()`` for none).

    ``tokenize_corpus(articles, n_jobs=2)`` gives the same tokens as ``n_jobs=1``. The filter
    decisions are memoized per token: build a new ``Tokenizer`` (it can share the segmenter
    and the cache) rather than changing the attributes of one.
    """

    def __init__(
        self,
        segmenter: Segmenter | None = None,
        *,
        stopwords: Iterable[str] | None = None,
        extra_stopwords: Iterable[str] = (),
        keep: Iterable[str] = (),
        drop_classes: Iterable[str] = DEFAULT_DROP_CLASSES,
        min_chars: int = 1,
        cache: TokenCache | None = None,
    ) -> None:
        self.segmenter = segmenter if segmenter is not None else Segmenter()
        base = default_stopwords() if stopwords is None else frozenset(stopwords)
        self.stopwords = base | frozenset(extra_stopwords)
        self.keep = frozenset(keep) | self.segmenter.terms
        unknown = set(drop_classes) - set(TOKEN_CLASSES)
        if unknown:
            raise ValueError(f"unknown token classes {sorted(unknown)}; known: {TOKEN_CLASSES}")
        self.drop_classes = frozenset(drop_classes)
        self.min_chars = min_chars
        self.cache = cache if cache is not None else MemoryTokenCache()
        self._kept: dict[str, str] = {}
        self._dropped: set[str] = set()

    def __repr__(self) -> str:
        return (
            f"Tokenizer({self.segmenter!r}, {len(self.stopwords)} stopwords, keep={len(self.keep)}, "
            f"drop_classes={sorted(self.drop_classes)}, min_chars={self.min_chars}, "
            f"cache={type(self.cache).__name__})"
        )

    def keeps(self, token: str) -> bool:
        """Whether ``tokenize`` keeps this token."""
        if token in self.keep:
            return True
        return not (
            token in self.stopwords or len(token) < self.min_chars or token_class(token) in self.drop_classes
        )

    def _filter(self, words: list[str]) -> list[str]:
        # Each distinct word is decided once per Tokenizer; a kept word is returned as one
        # shared string object, so a large corpus holds each kept word once.
        kept, dropped = self._kept, self._dropped
        for word in set(words):
            if word not in kept and word not in dropped:
                if self.keeps(word):
                    kept[word] = word
                else:
                    dropped.add(word)
        return [kept[word] for word in words if word in kept]

    # -- segmentation with the cache --------------------------------------------------------

    def segment_texts(
        self, texts: Sequence[str], n_jobs: int = 1, *, backend: str | None = None
    ) -> list[list[str]]:
        """``segment`` for many texts: cached by content hash, each distinct text segmented once.

        ``n_jobs`` > 1 (or -1 for all cores) segments the texts not in the cache in worker
        processes through joblib; ``backend`` is a joblib backend: ``"dask"`` sends the work
        to the ``dask.distributed`` cluster of the current ``Client`` (``n_jobs`` is then
        ignored), see ``textkit.parallel.map_batches``. The words do not depend on either.
        """
        return self._segment_each(texts, n_jobs, backend, _split_joined)

    def _segment_each(
        self, texts: Sequence[str], n_jobs: int, backend: str | None, each: Callable[[str], list[str]]
    ) -> list[list[str]]:
        """``each(words joined by spaces)`` for every text, in order.

        Segmentations come from the cache or are computed (once per distinct text); ``each`` is
        applied as results arrive, so the filters run while the workers are still segmenting.
        """
        for row, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"text of row {row} is {type(text).__name__}, not str")
        keys = [_text_key(text) for text in texts]
        pending = dict(zip(keys, texts, strict=True))  # one entry per distinct text
        namespace = f"tokens-{self.segmenter.fingerprint}"
        found = self.cache.get_many(namespace, list(pending))
        results = {key: each(joined) for key, joined in found.items()}
        for key in found:
            del pending[key]
        del found
        if pending:
            keep_joined = not isinstance(self.cache, NullTokenCache)
            computed: dict[str, str] = {}
            produced = self._run(list(pending.values()), n_jobs, backend)
            for key, joined in zip(pending, produced, strict=True):
                results[key] = each(joined)
                if keep_joined:
                    computed[key] = joined
            self.cache.put_many(namespace, computed)
        out, seen = [], set()
        for key in keys:
            # a repeated text gets its own list, so that changing one row never changes another
            out.append(list(results[key]) if key in seen else results[key])
            seen.add(key)
        return out

    def _run(self, texts: list[str], n_jobs: int, backend: str | None) -> Iterable[str]:
        if (n_jobs == 1 and backend is None) or not worth_parallel(texts):
            return (" ".join(self.segmenter.segment(text)) for text in texts)
        return imap_batches(_segment_batch, self.segmenter, texts, n_jobs=n_jobs, backend=backend)

    # -- public API ------------------------------------------------------------------------

    def segment(self, text: str) -> list[str]:
        """Every word in order, whitespace dropped (cached)."""
        return self.segment_texts([text])[0]

    def tokenize(self, text: str) -> list[str]:
        """``segment`` followed by the stopword and token-class filters."""
        return self._filter(self.segment(text))

    def tokenize_corpus(
        self,
        articles: pd.DataFrame | pd.Series | Sequence[str],
        n_jobs: int = 1,
        *,
        backend: str | None = None,
    ) -> list[list[str]]:
        """One token list per row of ``articles`` (its ``text`` column), in row order.

        ``articles`` may also be a Series or list of texts. See ``segment_texts`` for
        ``n_jobs`` and ``backend``; the tokens do not depend on either.
        """
        return self._segment_each(_texts_of(articles), n_jobs, backend, self._filter_joined)

    def _filter_joined(self, joined: str) -> list[str]:
        return self._filter(joined.split(" ")) if joined else []


def _split_joined(joined: str) -> list[str]:
    return joined.split(" ") if joined else []


def _texts_of(articles: pd.DataFrame | pd.Series | Sequence[str]) -> list[str]:
    if isinstance(articles, pd.DataFrame):
        if "text" not in articles.columns:
            raise KeyError("articles has no 'text' column")
        return articles["text"].tolist()
    if isinstance(articles, str):
        raise TypeError("tokenize_corpus takes a table or a list of texts; use tokenize() for one text")
    return list(articles)


# --------------------------------------------------------------------------- default instance


@cache
def default_tokenizer() -> Tokenizer:
    """The tokenizer behind ``segment``, ``tokenize`` and ``tokenize_corpus``.

    ``Tokenizer()``: campaign lexicon, HMM on, default stopwords and filters, an in-memory
    cache. Build your own ``Tokenizer`` to change any of these; this one is never modified.
    """
    return Tokenizer()


def segment(text: str, *, tokenizer: Tokenizer | None = None) -> list[str]:
    """Every word of ``text`` in order, whitespace dropped (``''.join`` gives ``text`` back
    without whitespace).

    >>> segment("推动主题教育走深走实")                        # doctest: +SKIP
    ['推动', '主题教育', '走深走实']
    """
    return (tokenizer or default_tokenizer()).segment(text)


def tokenize(text: str, *, tokenizer: Tokenizer | None = None) -> list[str]:
    """Analysis tokens of normalized simplified ``text``: ``segment`` plus filters.

    >>> tokenize("党员干部要以学促干，2023年取得实效。")            # doctest: +SKIP
    ['党员干部', '以学促干', '取得实效']
    """
    return (tokenizer or default_tokenizer()).tokenize(text)


def tokenize_corpus(
    articles: pd.DataFrame | pd.Series | Sequence[str],
    n_jobs: int = 1,
    *,
    tokenizer: Tokenizer | None = None,
    backend: str | None = None,
) -> list[list[str]]:
    """One token list per row of ``articles`` (its ``text`` column), same order.

    ``n_jobs=2`` segments in two worker processes and returns the same tokens.

    >>> tokens = tokenize_corpus(articles, n_jobs=2)            # doctest: +SKIP
    """
    return (tokenizer or default_tokenizer()).tokenize_corpus(articles, n_jobs, backend=backend)
