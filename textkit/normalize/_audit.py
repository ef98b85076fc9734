"""Normalization stage: the audit record each step returns, and the character classes steps share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from textkit._chars import HAN

# Punctuation and symbols that only occur in CJK typesetting (plus the curly quotes,
# ellipsis and dashes Chinese text uses): a neighbour of this class makes a context Chinese.
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026\u2014\u2015\u00b7\ufe30-\ufe4f"
_CJK_RE = re.compile(f"[{HAN}{CJK_PUNCT}]")


# --------------------------------------------------------------------------- audit


@dataclass
class StepRecord:
    """What one step did to one text."""

    chars_removed: int = 0
    chars_changed: int = 0
    lines_joined: int = 0
    lines_dropped: int = 0
    dropped: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


AUDIT_COLUMNS = [
    "doc_id",
    "step",
    "chars_removed",
    "han_removed",
    "chars_changed",
    "lines_joined",
    "lines_dropped",
    "dropped_text",
    "notes",
]


# Counts run over slices of this many characters: four bytes a character (UTF-32) and the
# comparison arrays for a slice, not for a whole 150 MB file at once.
_SLICE = 1 << 20


def _count_changed(before: str, after: str) -> int:
    """Positions that differ, for steps that replace characters one for one."""
    if len(before) != len(after):
        return sum(a != b for a, b in zip(before, after, strict=False)) + abs(len(before) - len(after))
    return sum(
        int((_codes(before[i : i + _SLICE]) != _codes(after[i : i + _SLICE])).sum())
        for i in range(0, len(before), _SLICE)
    )


class _AlignedChanges:
    """``_count_changed(before, after)`` of two long texts, given a slice of each at a time.

    Positions are compared across the whole texts (a slice whose length changed shifts the
    rest, as it does in the whole text); only the part of one text that the other has not
    reached yet is kept between slices.

    >>> changes = _AlignedChanges()
    >>> for before, after in [("ab", "xbc"), ("cd", "d")]:
    ...     changes.add(before, after)
    >>> changes.total() == _count_changed("abcd", "xbcd")
    True
    """

    def __init__(self) -> None:
        self.count = 0
        self.before = ""
        self.after = ""

    def add(self, before: str, after: str) -> None:
        before, after = self.before + before, self.after + after
        common = min(len(before), len(after))
        self.count += _count_changed(before[:common], after[:common])
        self.before, self.after = before[common:], after[common:]

    def total(self) -> int:
        return self.count + len(self.before) + len(self.after)


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _han_count(text: str) -> int:
    return sum(_han_count_slice(text[i : i + _SLICE]) for i in range(0, len(text), _SLICE))


def _han_count_slice(text: str) -> int:
    codes = _codes(text)
    return int(
        ((codes >= 0x3400) & (codes <= 0x4DBF)).sum()
        + ((codes >= 0x4E00) & (codes <= 0x9FFF)).sum()
        + ((codes >= 0xF900) & (codes <= 0xFAFF)).sum()
        + ((codes >= 0x20000) & (codes <= 0x323AF)).sum()
    )
