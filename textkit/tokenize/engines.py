"""Tokens stage: the segmentation engines (jieba, jieba exactly on jieba-rs or jieba-next, rjieba)."""

from __future__ import annotations

import re
import sys
import threading
from collections import deque
from collections.abc import Iterable, Sequence
from itertools import compress, repeat

import jieba

from textkit.tokenize._base import (
    _JIEBA_ENG,
    LexiconEntry,
)
from textkit.tokenize._hmm import hmm_cut, hmm_cut_joined_many

# --------------------------------------------------------------------------- engines

# Which algorithm turns a text into words. "jieba", "exact" and "fast" give the same words
# (tests check it on the seeds, on the People's Daily sample and on random text, and they
# share one cache namespace); "rjieba" is jieba-rs used as it comes, whose output differs on a
# few articles (see ENGINES in the README section "Scaling up") and has its own namespace.
ENGINES = ("auto", "jieba", "exact", "fast", "rjieba")
# The engines whose words are jieba's: they share cached segmentations.
EXACT_ENGINES = frozenset({"auto", "jieba", "exact", "fast"})

# jieba-next's Rust prefix dictionary stops after 12 dictionary words that start at one
# position; jieba has no such limit. The "fast" engine is only used where no word can have
# more than 12 prefixes in the dictionary (jieba's own dictionary has at most 7).
_RUST_PREFIX_LIMIT = 12
_HMM_MEMO_MAX = 200_000


def _split_like_jieba(text: str, cut_han_block, out: list[str]) -> None:
    """Split ``text`` into blocks exactly as ``jieba.Tokenizer.cut`` does.

    Han blocks (``jieba.re_han_default``) go to ``cut_han_block``; in the rest, runs of
    whitespace (``jieba.re_skip_default``) are appended whole and anything else character by
    character, as jieba does. The engines differ only in how they cut a Han block.
    """
    for block in jieba.re_han_default.split(text):
        if not block:
            continue
        if jieba.re_han_default.match(block):
            cut_han_block(block)
            continue
        for piece in jieba.re_skip_default.split(block):
            if jieba.re_skip_default.match(piece):
                out.append(piece)
            else:
                out.extend(piece)


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
            words = memo[run] = tuple(hmm_cut(run))
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
        _split_like_jieba(text, lambda block: self._cut_block(block, out), out)
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


# jieba-rs (rjieba 0.2.2 bundles jieba-rs 0.11) computes jieba's word graph and best route
# (checked on every Unicode character, on People's Daily and on random strings), but:
# - its blocks also hold the Han characters of CJK extension A, B–F, the compatibility
#   ideographs and U+9FD6–U+9FFF, which jieba treats as characters outside any block; a text
#   with one of these is split into jieba's blocks here and only those go to jieba-rs;
# - its HMM is not jieba's: its model's probabilities differ in the last digits (常在的 is
#   常在 + 的 there, 常 + 在 + 的 in jieba) and it keeps 163.com or 3.0T whole. So jieba-rs only
#   gives the route (hmm=False) and jieba's own finalseg cuts the unknown runs, as in jieba.
_RUST_ONLY_HAN = re.compile(
    "[\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0002a6df\U0002a700-\U0002ebef\U0002f800-\U0002fa1f]"
)
# Words are joined with this separator so that one regular expression finds, at C speed, the
# runs jieba's HMM sees: two or more one-character steps of the route inside one block. In
# the HMM-free output such a step is a single block character, or part of a run of ASCII
# letters and digits that jieba joins into one word. A text containing the separator itself
# is cut by jieba.
_SEP = "\x00"
_STEP = "(?:[\u4e00-\u9fd5+#&._%\\-]|[a-zA-Z0-9]+)"
# The words are joined with a separator in front too, and a run is found with the separator
# before it (group 1 is the run): a pattern that starts with a literal character is searched for
# at C speed between separators, where a look-behind was tried at every character (about 30 %
# less time on the text). The look-ahead after it says what every run starts with (one character
# and a separator, or an ASCII letter or digit): most words, two Han characters or more, fail it
# at once instead of through each alternative (about 10 % less time on People's Daily).
_UNKNOWN_RUN = re.compile(
    f"{_SEP}(?=[^{_SEP}]{_SEP}|[a-zA-Z0-9])((?:{_STEP}(?:{_SEP}{_STEP})+|[a-zA-Z0-9]{{2,}}))(?![^{_SEP}])"
)
# A step of several characters (only a run of ASCII letters and digits can be one) in runs joined
# by line breaks: the characters between separators.
_LONG_STEP = re.compile(f"[^{_SEP}\n]{{2,}}")
# The total frequency jieba divides by counts a re-added word twice (jieba's add_word only
# adds); jieba-rs sums its entries. The difference goes to one entry that can never match,
# a private-use character outside every block.
_UNMATCHABLE_WORD = "\ue000"
# Texts the engine checks itself against jieba on when it is built, so that another jieba-rs
# release that segments differently is refused instead of giving other words.
_PROBES = (
    "坚持以学促干，推动主题教育走深走实。监督执纪震慑常在的利剑高悬",
    "他来到了网易杭研大厦，访问163.com和3.0T、a.5b、K-PLUG、v1.2.3版。",
    "中国\u3400人民\u4dbf\u4dbf的\U00020000x \u9fe0\u9fe0 \uf967\uf967\r\n  AT&T c++ 2023年7月8日 98.2%",
)


class _Ambiguous(Exception):
    """A run of ASCII letters and digits in jieba-rs's output is also a dictionary word: it may
    be one step of the route or several, which jieba's HMM treats differently."""


class _ExactRJiebaEngine:
    """jieba's words from jieba-rs: rjieba's route with this jieba tokenizer's frequencies, and
    jieba's own HMM.

    jieba-rs is loaded with every word of *this* tokenizer that has a frequency (dictionary and
    lexicon terms, with the frequencies jieba's ``add_word`` gave them) and with jieba's total,
    so its best route is jieba's; its HMM-free cut of the whole text (one call per text) is
    jieba's ``HMM=False`` result. With the HMM, every run of two or more one-character steps
    inside a block is found by one regular expression and cut as ``jieba.Tokenizer.cut``
    does: jieba's HMM (``jieba.finalseg``, through its transcription ``hmm_cut``) unless the run
    is itself a dictionary word (memoized: the result
    depends on the run only). Where a step cannot be told from a run (an ASCII dictionary word
    such as a user term G20 next to single characters) the text is cut by jieba itself.
    """

    name = "exact"

    def __init__(self, tokenizer: jieba.Tokenizer, hmm: bool) -> None:
        try:
            rust = _rjieba_class().empty()
        except ImportError as error:  # pragma: no cover - depends on the environment
            raise EngineUnavailable("engine='exact' needs rjieba (pip install 'textkit[fast]')") from error
        # every word with a frequency (jieba's prefix entries, frequency 0, are not words), loaded
        # by a loop at C speed (349,000 words: 0.20-0.22 s of CPU against 0.23-0.26 s in Python)
        freq = tokenizer.FREQ
        words, counts = compress(freq.keys(), freq.values()), compress(freq.values(), freq.values())
        deque(map(rust.add_word, words, counts, repeat(None)), maxlen=0)
        loaded = sum(freq.values())
        if tokenizer.total > loaded:
            rust.add_word(_UNMATCHABLE_WORD, tokenizer.total - loaded, None)
        self._tokenizer = tokenizer
        self._freq = tokenizer.FREQ
        self._route_cut = rust.cut
        self._hmm = hmm
        self._hmm_memo: dict[str, str] = {}
        for probe in _PROBES:
            if self.cut(probe) != tokenizer.lcut(probe, HMM=hmm):
                raise EngineUnavailable(f"engine='exact' cannot reproduce jieba with this rjieba: {probe!r}")

    def _cut_run(self, match: re.Match) -> str:
        """jieba's words for one run of one-character steps, joined by ``_SEP`` (with the
        separator in front of the match kept)."""
        return self._run_words(match.group(1))

    def _run_words(self, joined: str) -> str:
        """jieba's words for one run (its steps joined by ``_SEP``), joined by ``_SEP``, with a
        ``_SEP`` in front (the one before the run, as ``_UNKNOWN_RUN`` finds it). The memo holds
        them so, ready to put back in place."""
        memo = self._hmm_memo
        words = memo.get(joined)
        if words is None:
            steps = joined.split(_SEP)
            if any(len(step) > 1 and self._freq.get(step) for step in steps):
                raise _Ambiguous(joined)
            run = "".join(steps)
            # a dictionary word the route did not take: jieba keeps its characters apart
            words = _SEP + (_SEP.join(run) if self._freq.get(run) else _SEP.join(hmm_cut(run)))
            if len(memo) >= _HMM_MEMO_MAX:
                memo.clear()
            memo[joined] = words
        return words

    def _prime(self, runs: Iterable[str]) -> None:
        """Cut the runs the memo does not hold yet all together and keep them in it: what
        ``_run_words`` would compute one by one. The runs are handled as one text at C speed: their
        steps' characters put together, the several-character steps (letters and digits) checked,
        and the HMM's cuts made by ``hmm_cut_joined_many``."""
        memo, freq = self._hmm_memo, self._freq
        new = list(set(runs).difference(memo))
        if not new or len(new) > _HMM_MEMO_MAX:
            return
        steps = "\n".join(new)  # (a run never holds a line break)
        texts = steps.replace(_SEP, "").split("\n")
        ambiguous = {step for step in _LONG_STEP.findall(steps) if freq.get(step)}
        if ambiguous:  # a run with such a step is left to _run_words, which raises
            plain = [ambiguous.isdisjoint(run.split(_SEP)) for run in new]
            new, texts = list(compress(new, plain)), list(compress(texts, plain))
        in_dictionary = list(map(freq.get, texts))
        unknown = [not count for count in in_dictionary]
        # the words as the memo holds them, with a _SEP in front (no second string made for it)
        cut = hmm_cut_joined_many(list(compress(texts, unknown)), _SEP, lead=True)
        if len(memo) + len(new) > _HMM_MEMO_MAX:
            memo.clear()
        memo.update(zip(compress(new, unknown), cut, strict=True))
        # a dictionary word the route did not take: jieba keeps its characters apart
        words = compress(zip(new, texts, strict=True), in_dictionary)
        memo.update((run, _SEP + _SEP.join(text)) for run, text in words)

    def _cut_route(self, text: str) -> list[str]:
        words = self._route_cut(text, False)
        if not self._hmm:
            return words
        return _UNKNOWN_RUN.sub(self._cut_run, _SEP + _SEP.join(words))[1:].split(_SEP)

    def cut_joined(self, text: str) -> str | None:
        """``_SEP.join(cut(text))`` without the list, or None where only ``cut`` can say (a text
        with the separator, with a Han character jieba-rs treats otherwise, or ambiguous)."""
        if _SEP in text or _RUST_ONLY_HAN.search(text):
            return None
        if not self._hmm:
            return _SEP.join(self._route_cut(text, False))
        joined = _SEP + _SEP.join(self._route_cut(text, False))
        try:
            return _UNKNOWN_RUN.sub(self._cut_run, joined)[1:]
        except _Ambiguous:
            return None

    def cut_joined_many(self, texts: Sequence[str]) -> list[str | None]:
        """``[cut_joined(text) for text in texts]``, the HMM's runs of all the texts found first
        and the new ones cut together (``_prime``)."""
        if not self._hmm:
            return [self.cut_joined(text) for text in texts]
        split = _UNKNOWN_RUN.split  # one group: the odd pieces are the runs, each after a _SEP
        route, declined = self._route_cut, _RUST_ONLY_HAN.search
        pieces: list[list[str] | None] = [
            None if _SEP in text or declined(text) else split(_SEP + _SEP.join(route(text, False)))
            for text in texts
        ]
        self._prime(run for parts in pieces if parts is not None for run in parts[1::2])
        memo_get = self._hmm_memo.get
        out: list[str | None] = []
        for parts in pieces:
            if parts is None:
                out.append(None)
                continue
            # the runs' words straight from the memo (_prime put them there); a run it does not
            # hold (a dictionary word, an ambiguous run) sends the text through _run_words
            runs = parts[1::2]
            words = list(map(memo_get, runs))
            if None in words:
                try:
                    words = list(map(self._run_words, runs))
                except _Ambiguous:
                    out.append(None)
                    continue
            parts[1::2] = words
            out.append("".join(parts)[1:])
        return out

    def _cut_blocks(self, text: str) -> list[str]:
        out: list[str] = []
        _split_like_jieba(text, lambda block: out.extend(self._cut_route(block)), out)
        return out

    def cut(self, text: str) -> list[str]:
        if not text:
            return []
        if _SEP in text:
            return self._tokenizer.lcut(text, HMM=self._hmm)
        try:
            if _RUST_ONLY_HAN.search(text):
                return self._cut_blocks(text)
            return self._cut_route(text)
        except _Ambiguous:
            return self._tokenizer.lcut(text, HMM=self._hmm)


def exact_engine_available() -> bool:
    """Whether ``engine="exact"`` can be used (rjieba is installed)."""
    from importlib.util import find_spec

    return "rjieba" in sys.modules or find_spec("rjieba") is not None


def _rjieba_class():
    """rjieba's ``Jieba`` class, from its compiled module.

    ``import rjieba`` runs the package's ``__init__``, which builds a default ``Jieba`` with
    jieba-rs's own dictionary (0.10-0.11 s of CPU on a quiet machine, 0.2-0.45 s under load, and
    33 MiB of resident memory) that the "exact" engine never uses: it loads its own words into
    ``Jieba.empty()``. The compiled module ``rjieba.rjieba`` is loaded on its own instead and
    registered under its name, so a later ``import rjieba`` finds it and uses the same class.
    Raises ImportError when rjieba is not installed.
    """
    with _RJIEBA_LOCK:  # two threads building engines load the module once
        known = sys.modules.get("rjieba.rjieba") or sys.modules.get("rjieba")
        return known.Jieba if known is not None else _load_rjieba()


_RJIEBA_LOCK = threading.Lock()


def _load_rjieba():
    """``rjieba.rjieba``'s ``Jieba``, the compiled module loaded and registered without its package."""
    from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader
    from importlib.util import find_spec, module_from_spec, spec_from_file_location
    from pathlib import Path

    package = find_spec("rjieba")
    if package is None or not package.submodule_search_locations:
        raise ImportError("No module named 'rjieba'")
    for folder in package.submodule_search_locations:
        for suffix in EXTENSION_SUFFIXES:
            path = Path(folder) / f"rjieba{suffix}"
            if path.is_file():
                loader = ExtensionFileLoader("rjieba.rjieba", str(path))
                module = module_from_spec(spec_from_file_location("rjieba.rjieba", path, loader=loader))
                loader.exec_module(module)
                sys.modules["rjieba.rjieba"] = module
                return module.Jieba
    import rjieba  # pragma: no cover - another layout: the package as it comes

    return rjieba.Jieba  # pragma: no cover


def fast_engine_available() -> bool:
    """Whether ``engine="fast"`` can be used (jieba-next is installed)."""
    try:
        from jieba_next.jieba_next_rust import PrefixDict  # noqa: F401
    except ImportError:
        return False
    return True
