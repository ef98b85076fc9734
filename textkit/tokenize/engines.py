"""Tokens stage: the segmentation engines (jieba, jieba's algorithm on jieba-next, rjieba)."""

from __future__ import annotations

from collections.abc import Sequence

import jieba

from textkit.tokenize._base import (
    _JIEBA_ENG,
    LexiconEntry,
)

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


