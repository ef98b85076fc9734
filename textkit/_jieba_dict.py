"""jieba's default dictionary (``jieba/dict.txt``) read as data, once per process.

Line joining (``textkit.normalize``) weighs the words around a break with it and every
``Segmenter`` (``textkit.tokenize``) starts its jieba tokenizer from it, so a process that
normalizes and then segments reads the file once (about 0.7 s) instead of also loading jieba's
own copy of the same table from its cache. jieba is not imported here (see ``dictionary_path``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["dictionary_frequencies", "dictionary_path"]


def dictionary_path():
    """jieba's ``dict.txt``, found without importing jieba.

    Importing jieba imports ``pkg_resources``, whose parser leaves exceptions in reference
    cycles that hold the frames of the stack it was imported from. Imported in the middle of
    normalizing a large file, that kept every whole-text copy of that call alive until the
    next full garbage collection (about three times a 150 MB file).
    """
    from importlib.resources import files
    from importlib.util import find_spec

    spec = find_spec("jieba")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "dict.txt"
        if path.is_file():
            return path
    return files("jieba") / "dict.txt"


@cache
def dictionary_frequencies() -> tuple[dict[str, int], int]:
    """word → frequency, and the total of the frequencies: what ``jieba.Tokenizer.initialize``
    builds from the default dictionary (its ``FREQ`` and ``total``; a test compares them).

    Every prefix of a word is present with frequency 0, as jieba keeps them. Shared: copy the
    dictionary before changing it.
    """
    frequencies: dict[str, int] = {}
    total = 0
    with dictionary_path().open(encoding="utf-8") as lines:
        for line in lines:
            word, freq = line.split(" ", 2)[:2]
            frequencies[word] = int(freq)
            total += int(freq)
            for end in range(1, len(word)):
                frequencies.setdefault(word[:end], 0)
    return frequencies, total
