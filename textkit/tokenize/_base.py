"""Tokens stage: token classes, lexicon files and the data they come from."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jieba

_DATA = Path(__file__).resolve().parent.parent / "data"
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


_ALL_NUMERALS = re.compile("[" + "".join(sorted(_CHINESE_NUMERALS)) + "]+")
_HAN_CHAR = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003134f〇]")
# token_class(token) == "han" in one call at C speed: not Chinese numerals only, and a Han character
# somewhere (a token holding one is not whitespace). Tokenizer's filter decides most new words,
# Han words, by it without token_class's three calls (a test compares the two).
_HAN_WORD = re.compile(f"(?!{_ALL_NUMERALS.pattern}\\Z).*?{_HAN_CHAR.pattern}", re.DOTALL)


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
    # the first two tests at C speed (most tokens are Han words); _is_han's ranges as a class
    if _ALL_NUMERALS.fullmatch(token):
        return "number"
    if _HAN_CHAR.search(token):
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


