"""Character n-gram machinery shared by ``textkit.terms`` and ``textkit.cohesion``: the corpus as
one array of character ids, 64-bit polynomial hashes of character strings, and the occurrences
of given strings counted by hash (vectorized with numpy)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

_HAN_RANGES = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF))
_MULTIPLIER = 0x9E3779B97F4A7C15  # odd 64-bit constant; the hash wraps modulo 2**64
_MASK64 = (1 << 64) - 1


@dataclass
class _CharCorpus:
    """The corpus as one array of character ids; 0 marks every non-Han character and separates
    the texts, so that no n-gram crosses a boundary."""

    ids: np.ndarray
    alphabet: np.ndarray
    text_starts: np.ndarray
    n_han: int
    char_ids: dict[str, int]

    @classmethod
    def from_texts(cls, texts: Sequence[str]) -> _CharCorpus:
        codes = np.frombuffer("\x00".join(texts).encode("utf-32-le"), dtype=np.uint32)
        is_han = np.zeros(0xA000, dtype=bool)
        for low, high in _HAN_RANGES:
            is_han[low : high + 1] = True
        han = codes < 0xA000
        han[han] = is_han[codes[han]]
        # Dense ids 1..V in code-point order, through a lookup table rather than a sort.
        present = np.zeros(0xA000, dtype=bool)
        present[codes[han]] = True
        alphabet = np.flatnonzero(present).astype(np.uint32)
        lookup = np.zeros(0xA000, dtype=np.int64)
        lookup[alphabet] = np.arange(1, len(alphabet) + 1)
        ids = np.zeros(len(codes), dtype=np.int64)
        ids[han] = lookup[codes[han]]
        text_starts = np.cumsum([0] + [len(text) + 1 for text in texts[:-1]]).astype(np.int64)
        char_ids = {chr(code): index for index, code in enumerate(alphabet.tolist(), start=1)}
        return cls(ids, alphabet, text_starts, int(han.sum()), char_ids)

    def decode(self, start: int, n: int) -> str:
        return "".join(chr(self.alphabet[i - 1]) for i in self.ids[start : start + n])

    def hash_of(self, term: str) -> int:
        """The hash of a string of Han characters (same wrap-around arithmetic as numpy)."""
        value = 0
        for char in term:
            value = (value * _MULTIPLIER + self.char_ids[char]) & _MASK64
        return value

    def docs_of(self, positions: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.text_starts, positions, side="right") - 1


def string_counts(corpus: _CharCorpus, strings: Iterable[str]) -> dict[str, tuple[int, int]]:
    """``(occurrences, texts)`` of each of ``strings`` (Han characters only) in ``corpus``;
    strings that never occur are absent.

    One pass over the corpus finds the positions where a wanted string's first two characters
    occur; from there each position is extended a character at a time only while its hash is
    the prefix of a wanted string (the corpus was hashed once per length before, 16 passes for
    strings of up to 16 characters).

    >>> corpus = _CharCorpus.from_texts(["制度优势，制度的优势", "制度优势"])
    >>> string_counts(corpus, ["制度优势", "制度的优势", "优势制度"])
    {'制度优势': (2, 2), '制度的优势': (1, 1)}
    """
    by_len: dict[int, dict[int, str]] = {}
    prefixes: dict[int, set[int]] = {}
    for term in set(strings):
        if len(term) >= 2 and all(char in corpus.char_ids for char in term):
            value = 0
            for n, char in enumerate(term, 1):
                value = (value * _MULTIPLIER + corpus.char_ids[char]) & _MASK64
                prefixes.setdefault(n, set()).add(value)
            by_len.setdefault(len(term), {})[value] = term
    out: dict[str, tuple[int, int]] = {}
    ids = corpus.ids
    if not by_len or len(ids) < 2:
        return out
    multiplier = np.uint64(_MULTIPLIER)
    hashes = ids[:-1].astype(np.uint64) * multiplier + ids[1:].astype(np.uint64)
    starts = np.flatnonzero(_member(hashes, prefixes[2]) & (ids[:-1] > 0) & (ids[1:] > 0))
    hashes = hashes[starts]
    for n in range(2, max(by_len) + 1):
        if n > 2:
            following = starts + (n - 1)
            inside = following < len(ids)
            starts, hashes, following = starts[inside], hashes[inside], following[inside]
            hashes = hashes * multiplier + ids[following].astype(np.uint64)
            kept = (ids[following] > 0) & _member(hashes, prefixes[n])
            starts, hashes = starts[kept], hashes[kept]
        wanted = by_len.get(n)
        if not wanted or not len(starts):
            continue
        matched = _member(hashes, wanted)
        positions = starts[matched]
        found, index, counts = np.unique(hashes[matched], return_inverse=True, return_counts=True)
        pairs = np.unique(index.astype(np.int64) * len(corpus.text_starts) + corpus.docs_of(positions))
        texts = np.bincount(pairs // len(corpus.text_starts), minlength=len(found))
        for key, count, n_texts in zip(found.tolist(), counts.tolist(), texts.tolist(), strict=True):
            out[wanted[key]] = (count, n_texts)
    return dict(sorted(out.items()))


def branching_entropy(group: np.ndarray, neighbour: np.ndarray, freq: np.ndarray) -> np.ndarray:
    """Branching entropy (bits) of the neighbours of each group's occurrences.

    ``group[i]`` (0..len(freq)-1) has ``neighbour[i]`` (a character or token id ≥ 0) next to it;
    ``freq`` is each group's number of occurrences. Neighbour 0 is a text or punctuation
    boundary: each boundary counts as a different neighbour (a boundary is evidence of a word
    edge, not one repeated context). The (group, neighbour) pairs are counted by hashing and
    summed in sorted order, the order of the sparse matrix this replaces (same bits).

    >>> branching_entropy(np.array([0, 0, 1, 1]), np.array([3, 4, 3, 3]), np.array([2, 2])).tolist()
    [1.0, 0.0]
    """
    width = int(neighbour.max(initial=0)) + 1
    pair_index, pairs = pd.factorize(group.astype(np.int64) * width + neighbour, sort=True)
    c = np.bincount(pair_index, minlength=len(pairs)).astype(np.float64)
    rows, columns = np.divmod(pairs, width)
    c_log_c = np.where(columns > 0, c * np.log2(c), 0.0)
    sum_c_log_c = np.bincount(rows, weights=c_log_c, minlength=len(freq))
    f = freq.astype(float)
    return np.log2(f) - sum_c_log_c / f


def texts_per_group(group: np.ndarray, text: np.ndarray, n_groups: int, n_texts: int) -> np.ndarray:
    """In how many different texts each group (0..n_groups-1) occurs (``text[i]``: the text of
    ``group[i]``'s occurrence).

    >>> texts_per_group(np.array([0, 0, 1]), np.array([4, 4, 2]), 2, 5).tolist()
    [1, 1]
    """
    pairs = pd.unique(group.astype(np.int64) * n_texts + text)
    return np.bincount(pairs // n_texts, minlength=n_groups)


def _member(hashes: np.ndarray, keys) -> np.ndarray:
    """Which ``hashes`` are among ``keys``: a hash table of the keys (pandas' ``isin``), no sort,
    about 10x faster than a binary search of 10 M hashes in sorted keys.

    >>> _member(np.array([3, 5, 7], dtype=np.uint64), {7, 3})
    array([ True, False,  True])
    """
    table = np.fromiter(keys, dtype=np.uint64, count=len(keys))
    return pd.Series(hashes, copy=False).isin(table).to_numpy()
