"""Tokens stage: ``Segmenter`` (text to words with a lexicon), its worker and token caches."""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import jieba
import pandas as pd

from textkit._jieba import quiet_jieba
from textkit._jieba_dict import dictionary_frequencies, dictionary_path
from textkit.tokenize._base import (
    _FULLWIDTH_FOLD,
    _JIEBA_BLOCK,
    _RUN_MARK,
    _RUN_MARKS,
    _SEGMENTER_VERSION,
    DEFAULT_LEXICON,
    LexiconEntry,
    _jieba_dictionary_digest,
    read_lexicon,
)
from textkit.tokenize._shapes import SHAPES_VERSION, join_shapes
from textkit.tokenize.engines import (
    _SEP,
    ENGINES,
    EXACT_ENGINES,
    EngineUnavailable,
    _ExactRJiebaEngine,
    _FastJiebaEngine,
    _JiebaEngine,
    _RJiebaEngine,
    exact_engine_available,
    fast_engine_available,
)

_Engine = _JiebaEngine | _ExactRJiebaEngine | _FastJiebaEngine | _RJiebaEngine

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
        and on 5,158 People's Daily files). ``"exact"``: jieba-rs's route with this
        segmenter's jieba frequencies and jieba's HMM, same words as jieba (same tests plus
        random text), about 4 times faster than jieba. ``"auto"`` (default): the first of
        ``"exact"``, ``"fast"`` that is installed and passes its self-check, else ``"jieba"``.
        ``"rjieba"``: jieba-rs, about 10 times faster but not
        identical (it keeps ``163.com`` or ``3.0T`` whole and computes lexicon frequencies
        slightly differently; 46 of 4,656 People's Daily files differ), with its own cache
        namespace.
    shapes
        Join coordinated four-character forms the dictionary does not explain (敢|拼敢|赢 ->
        敢拼敢赢, 应|投尽|投 -> 应投尽投), derived -化 words of a bound prefix (泛|安全|化 ->
        泛安全化) and strong-polity goals (工业|强市 -> 工业强市: ``textkit.tokenize._shapes``).
        Default ``False``;
        ``textkit.pipeline.make_tokenizer`` turns it on. Part of the fingerprint when on.

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
        shapes: bool = False,
    ) -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}; known: {ENGINES}")
        if engine == "fast" and not fast_engine_available():
            raise EngineUnavailable("engine='fast' needs jieba-next (pip install 'textkit[fast]')")
        if engine == "exact" and not exact_engine_available():
            raise EngineUnavailable("engine='exact' needs rjieba (pip install 'textkit[fast]')")
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
        self.shapes = bool(shapes)
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
        self._engine: _Engine | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return (
            f"Segmenter(lexicon={self.lexicon!r}, policy_lexicon={self.policy_lexicon!r}, "
            f"user_lexicons={list(self.user_lexicons)!r}, "
            f"user_terms={len(self.user_terms)} terms, hmm={self.hmm}, fold_fullwidth={self.fold_fullwidth}, "
            f"engine={self.engine!r}, shapes={self.shapes})"
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
        if self.shapes:  # absent when off: the fingerprints (and caches) of before stay valid
            spec["shapes"] = SHAPES_VERSION
        # "jieba", "exact", "fast" and "auto" give the same words: they share cached segmentations.
        if self.engine not in EXACT_ENGINES:
            spec["engine"] = self.engine
        blob = json.dumps(spec, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:24]

    def with_terms(self, terms: Iterable[str]) -> Segmenter:
        """A segmenter like this one with ``terms`` added to its ``user_terms`` (a new
        fingerprint when they add anything).

        >>> Segmenter(lexicon=None).with_terms(["智改数转"]).user_terms
        ('智改数转',)
        """
        if isinstance(terms, str):
            raise TypeError("terms is a list of terms: pass [term]")
        added = tuple(dict.fromkeys(t for t in terms if t not in self.user_terms))
        return Segmenter(
            self.lexicon,
            self.user_lexicons,
            self.user_terms + added,
            hmm=self.hmm,
            fold_fullwidth=self.fold_fullwidth,
            engine=self.engine,
            policy_lexicon=self.policy_lexicon,
            shapes=self.shapes,
        )

    @property
    def terms(self) -> frozenset[str]:
        """Every lexicon term (campaign and user); built once per ``entries`` (a loop asking
        ``term in segmenter.terms`` rebuilt a set of 3,000 terms each time)."""
        built = self.__dict__.get("_terms")
        if built is None or built[0] is not self.entries:
            built = self.__dict__["_terms"] = (self.entries, frozenset(entry.term for entry in self.entries))
        return built[1]

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
        state.pop("_terms", None)
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
                    tokenizer = _default_dictionary_tokenizer()
                    for entry in self.entries:
                        tokenizer.add_word(entry.term, entry.freq, entry.pos)
                    self._jieba = tokenizer
        return self._jieba

    @property
    def built(self) -> bool:
        """Whether this segmenter's dictionary is built in this process."""
        return self._engine is not None or self._jieba is not None

    def release(self) -> None:
        """Let go of the built dictionary (about 40 MiB; the next ``segment`` builds it again, about
        a second): the same words before and after."""
        with self._lock:
            self._engine = None
            self._jieba = None

    @property
    def engine_used(self) -> str:
        """The engine that actually segments: ``"auto"`` resolves to the first of ``"exact"``
        (rjieba installed), ``"fast"`` (jieba-next installed) and ``"jieba"`` that can
        reproduce jieba with this dictionary."""
        return self._cutter.name

    @property
    def _cutter(self) -> _Engine:
        if self._engine is None:
            engine = self._build_engine()
            with self._lock:
                if self._engine is None:
                    self._engine = engine
        return self._engine

    def _build_engine(self) -> _Engine:
        if self.engine == "rjieba":
            return _RJiebaEngine(self.entries, self.hmm)
        tokenizer = self.jieba_tokenizer
        candidates = {"auto": ("exact", "fast"), "exact": ("exact",), "fast": ("fast",)}.get(self.engine, ())
        builders = {
            "exact": (exact_engine_available, _ExactRJiebaEngine),
            "fast": (fast_engine_available, _FastJiebaEngine),
        }
        for name in candidates:
            available, build = builders[name]
            if not available():
                continue
            try:
                return build(tokenizer, self.hmm)
            except EngineUnavailable:
                if self.engine == name:
                    raise
        return _JiebaEngine(tokenizer, self.hmm)

    def segment(self, text: str) -> list[str]:
        """Every word of ``text`` in order, whitespace dropped.

        ``''.join(segment(text))`` is ``text`` without its whitespace.
        """
        joined = self.segment_joined(text)
        return joined.split(" ") if joined else []

    def segment_joined(self, text: str) -> str:
        """``" ".join(segment(text))`` (words never hold whitespace), the form workers send back.
        With ``shapes`` the coordinated forms are joined last (``_shaped``).

        With the ``"exact"`` engine the words stay in one string from jieba-rs's cut to the
        result: the HMM's runs, the dash and ellipsis runs and the whitespace are rewritten by
        regular expressions instead of list by list. Other engines, and texts that need the
        full-width fold or that the engine's ``cut_joined`` declines, take ``_segment_words``.
        """
        return self._shaped(self._segment_joined(text))

    def _segment_joined(self, text: str) -> str:
        cut_joined = getattr(self._cutter, "cut_joined", None)
        if cut_joined is None or not text or (self.fold_fullwidth and _FULLWIDTH.search(text)):
            return " ".join(self._segment_words(text))
        joined = cut_joined(text)
        if joined is None:
            return " ".join(self._segment_words(text))
        return self._finish_joined(text, joined)

    def _shaped(self, joined: str) -> str:
        """``joined`` with the coordinated forms joined when ``shapes`` is on (a word of the
        dictionary is one this segmenter's jieba table gives a frequency)."""
        if not self.shapes:
            return joined
        freq = self.jieba_tokenizer.FREQ
        return join_shapes(joined, lambda word: freq.get(word, 0) > 0)

    def segment_joined_many(self, texts: Sequence[str]) -> list[str]:
        """``[segment_joined(text) for text in texts]``; with the ``"exact"`` engine the HMM's
        unknown runs of all the texts are cut together (``hmm_cut_joined_many``), the same words."""
        many = getattr(self._cutter, "cut_joined_many", None)
        if many is None or len(texts) < 2:
            return [self.segment_joined(text) for text in texts]
        direct = [bool(text) and not (self.fold_fullwidth and _FULLWIDTH.search(text)) for text in texts]
        cut = iter(many([text for text, take in zip(texts, direct, strict=True) if take]))
        out = []
        for text, take in zip(texts, direct, strict=True):
            joined = next(cut) if take else None
            if joined is None:
                out.append(self.segment_joined(text))
            else:
                out.append(self._shaped(self._finish_joined(text, joined)))
        return out

    def _finish_joined(self, text: str, joined: str) -> str:
        """``segment_joined``'s result from the engine's words of ``text`` joined by ``_SEP``."""
        if len(joined) - joined.count(_SEP) != len(text):
            raise RuntimeError(f"engine {self.engine_used!r} did not give back the text it was given")
        if _RUN_MARK.search(text):  # a run of one dash or ellipsis character is one word
            joined = _MARK_RUN.sub(_join_run, joined)
        if _WHITESPACE.search(text):  # whitespace words (never part of another word) go
            joined = _drop_whitespace_words(joined)
        return joined.replace(_SEP, " ")

    def _segment_words(self, text: str) -> list[str]:
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


def _default_dictionary_tokenizer() -> jieba.Tokenizer:
    """A new ``jieba.Tokenizer`` holding jieba's default dictionary, initialized.

    Its table is a copy of ``textkit._jieba_dict.dictionary_frequencies()``, the table jieba's
    ``initialize`` builds (a test compares them): a process that normalized text (line joining
    reads it) has it already, and copying it takes some 20 ms where jieba's cache takes 0.7 s
    to load.
    """
    tokenizer = jieba.Tokenizer()
    default = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
    if tokenizer.dictionary != jieba.DEFAULT_DICT or str(default) != str(dictionary_path()):
        with quiet_jieba():  # pragma: no cover - a jieba whose default dictionary is elsewhere
            tokenizer.initialize()
        return tokenizer
    frequencies, total = dictionary_frequencies()
    with tokenizer.lock:
        tokenizer.FREQ, tokenizer.total = dict(frequencies), total
        tokenizer.initialized = True
    return tokenizer


# segment_joined's rewrites of the engine's words joined by _SEP (a character no text it handles
# holds): the words never hold whitespace unless they are whitespace (\\s is str.isspace), and a
# dash or ellipsis character is always a word of its own (jieba yields every character outside
# its blocks alone), so a run of them is a run of words. The pattern starts with a character
# class, which the regular expression engine scans for at C speed, and needs no look-around (one
# in front, tried at every character, took twice the time).
_FULLWIDTH = re.compile("[" + "".join(map(chr, sorted(_FULLWIDTH_FOLD))) + "]")
_WHITESPACE = re.compile(r"\s+")
_MARK_RUN = re.compile(f"([{''.join(sorted(_RUN_MARKS))}])(?:{_SEP}\\1)+")


def _join_run(match: re.Match) -> str:
    return match.group().replace(_SEP, "")


def _drop_whitespace_words(joined: str) -> str:
    """Words joined by ``_SEP`` without the words that are whitespace (a word never holds
    whitespace otherwise): ``str.split`` cuts at them at C speed, and the separators next to them
    go (a third of the time of one regular expression over the text, on People's Daily).

    >>> words = ["\\n", "中国", " ", "\\u3000", "人民", "\\r\\n"]
    >>> _drop_whitespace_words(_SEP.join(words)).split(_SEP)
    ['中国', '人民']
    """
    return _SEP.join([words for chunk in joined.split() if (words := chunk.strip(_SEP))])


# Worker processes (loky, or a Dask cluster) keep initialized segmenters by
# fingerprint, so the jieba dictionary is built once per process, not once per batch. This is
# the only module-level state besides ``default_tokenizer()``; it holds at most two. Forked workers
# find the segmenter their parent registered here before forking (``warm_worker``), built.
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
    return _process_segmenter(segmenter).segment_joined_many(texts)


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
