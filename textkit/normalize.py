"""Stage 2 — normalization (first version: script detection and conversion only)."""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

__all__ = ["detect_script", "to_simplified", "traditional_share"]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified with OpenCC ``t2s``.

    >>> to_simplified("樹立和踐行正確政績觀")
    '树立和践行正确政绩观'
    """
    return _t2s().convert(text)


def traditional_share(text: str) -> float:
    """Share of Han characters that ``t2s`` changes (0 for simplified text)."""
    han = _HAN.findall(text)
    if not han:
        return 0.0
    converted = to_simplified("".join(han))
    changed = sum(a != b for a, b in zip(han, converted, strict=False))
    return round(changed / len(han), 4)


def detect_script(text: str, traditional_at: float = 0.08, mixed_at: float = 0.005) -> str:
    """``traditional``, ``mixed`` or ``simplified``, from ``traditional_share``.

    >>> detect_script("树立正确政绩观"), detect_script("樹立正確政績觀")
    ('simplified', 'traditional')
    """
    share = traditional_share(text)
    if share >= traditional_at:
        return "traditional"
    if share >= mixed_at:
        return "mixed"
    return "simplified"
