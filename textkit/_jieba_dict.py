"""jieba's default dictionary (``jieba/dict.txt``) read as data, once per process.

Line joining (``textkit.normalize``) weighs the words around a break with it and every
``Segmenter`` (``textkit.tokenize``) starts its jieba tokenizer from it, so a process that
normalizes and then segments reads the file once (about 0.7 s) instead of also loading jieba's
own copy of the same table from its cache. jieba is not imported here (see ``dictionary_path``).

Parsing the file takes about 0.9 s of CPU (350,000 lines, 580,000 entries with the prefixes);
as jieba keeps its own table in a ``marshal`` file, the parsed table is kept in
``~/.cache/textkit`` (``$XDG_CACHE_HOME/textkit``) under the SHA-256 of ``dict.txt``'s bytes, the
Python version and a format number, with the SHA-256 of its own bytes: read back in about 0.25 s.
A missing, unreadable or damaged file is parsed again (and written again where the folder is
writable); the table is the same either way, down to the order of its keys (a test checks it).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from textkit._stored import cache_folder, python_tag, read_checked, write_checked

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
    dictionary before changing it. Read from the parsed copy in the user's cache folder when
    one is there for these bytes (see the module's text).
    """
    path = dictionary_path()
    stored = _stored_table(path.read_bytes())
    table = _read_stored(stored) if stored is not None else None
    if table is None:
        table = _parse(path)
        if stored is not None:
            write_checked(stored, table)
    return table


_FORMAT = 1  # of the stored table: (frequencies, total) marshalled, after its SHA-256


def _stored_table(data: bytes) -> Path | None:
    """Where the parsed table of a dictionary file with these bytes is kept (None: no home)."""
    try:
        folder = cache_folder()
    except RuntimeError:  # pragma: no cover - no home folder to be found
        return None
    digest = hashlib.sha256(data).hexdigest()[:32]
    return folder / f"jieba-dict-{digest}-{python_tag()}-f{_FORMAT}.marshal"


def _read_stored(path: Path) -> tuple[dict[str, int], int] | None:
    table = read_checked(path)
    if not isinstance(table, tuple) or len(table) != 2:
        return None
    frequencies, total = table
    if not isinstance(frequencies, dict) or not isinstance(total, int):  # pragma: no cover
        return None
    return frequencies, total


def _parse(path) -> tuple[dict[str, int], int]:
    """The table from ``dict.txt`` itself, line by line."""
    frequencies: dict[str, int] = {}
    total = 0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, freq = line.split(" ", 2)[:2]
            frequencies[word] = int(freq)
            total += int(freq)
            for end in range(1, len(word)):
                frequencies.setdefault(word[:end], 0)
    return frequencies, total
