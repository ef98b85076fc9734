"""The pinyin step's readings of one character (pypinyin's), kept as a table in the user's cache.

The pinyin step (``steps._pinyin``) asks which readings pypinyin knows for the character before
an annotation such as 習(xí). Importing pypinyin to answer costs 0.2-0.3 s of CPU in every process
that normalizes (it loads and indexes its 47,111 phrases, none of them one character long in pypinyin 0.55),
for about a hundred annotations in a month of People's Daily. So the readings of every character
of pypinyin's own table (41,923) are computed once with pypinyin, by ``pypinyin_readings`` below,
and kept in ``~/.cache/textkit`` (``$XDG_CACHE_HOME/textkit``), as jieba's dictionary is
(``textkit._jieba_dict``): a marshal file with the SHA-256 of its bytes, read back in about 10 ms.

Nothing stale: the file's name holds the SHA-256 of every file of the installed pypinyin package
(its tables and its code), of this module's source (the code that turns pypinyin's answers into
readings), of the ``PYPINYIN_*`` environment variables pypinyin reads at import, and the Python and
format versions. A character the table does not hold is asked of pypinyin itself, and so is every
character in a process that imported pypinyin before (its tables may have been changed there with
``load_single_dict``). A missing, damaged or unwritable file means pypinyin is asked (and the
table written where the folder is writable). The readings are the same either way (a test compares
them for every character of the table).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import unicodedata
from functools import cache
from pathlib import Path

from textkit._stored import cache_folder, python_tag, read_checked, write_checked

__all__ = ["pypinyin_readings", "readings"]

_FORMAT = 1  # of the stored table: {character: readings joined by _JOIN} marshalled, after its SHA-256
_JOIN = "\x00"


def strip_tones(syllable: str) -> str:
    """A syllable without tone marks or tone numbers, lower case (a precomposed ü as v).

    >>> strip_tones("Zhōng"), strip_tones("zhong1"), strip_tones("lü")
    ('zhong', 'zhong', 'lv')
    """
    decomposed = unicodedata.normalize("NFD", syllable.replace("ü", "v").replace("ǖ", "v1"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[0-9]", "", plain).lower()


def pypinyin_readings(char: str) -> frozenset[str]:
    """Every reading pypinyin knows for ``char``, asked of pypinyin: tone-marked, numbered and
    toneless (ü also as u).

    >>> sorted(pypinyin_readings("中"))
    ['zhong', 'zhong1', 'zhong4', 'zhòng', 'zhōng']
    """
    from pypinyin import Style, pinyin

    marked = pinyin(char, style=Style.TONE, heteronym=True, errors="ignore")
    numbered = pinyin(char, style=Style.TONE3, heteronym=True, errors="ignore")
    found = {r.lower() for group in marked + numbered for r in group}
    found |= {strip_tones(r) for r in list(found)}
    found |= {r.replace("v", "u") for r in list(found)}
    return frozenset(found)


def readings(char: str) -> frozenset[str]:
    """``pypinyin_readings(char)``, from the stored table when it holds ``char``.

    >>> "xi" in readings("習") and "xí" in readings("習")
    True
    """
    table = None if _pypinyin_imported() else _table()
    stored = table.get(char) if table is not None else None
    if stored is None:
        return pypinyin_readings(char)
    return frozenset(stored.split(_JOIN)) if stored else frozenset()


def _pypinyin_imported() -> bool:
    """Whether this process imported pypinyin (whose tables may have been changed in it)."""
    return "pypinyin" in sys.modules


@cache
def _table() -> dict[str, str] | None:
    """The stored table for the installed pypinyin, read or built (None: pypinyin not installed)."""
    path = _stored_path()
    if path is None:
        return None
    table = _read_table(path)
    if table is None:
        table = _build_table()
        write_checked(path, table)
    return table


def _build_table() -> dict[str, str]:
    from pypinyin.pinyin_dict import pinyin_dict

    return {
        chr(code): _JOIN.join(sorted(pypinyin_readings(chr(code)))) for code in sorted(pinyin_dict)
    }


def _pypinyin_files() -> tuple[Path | None, list[Path]]:
    """The installed pypinyin package's folder and every file in it (bytecode caches aside), found
    without importing it."""
    from importlib.util import find_spec

    spec = find_spec("pypinyin")
    for folder in map(Path, (spec.submodule_search_locations or []) if spec else []):
        files = (path for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts)
        return folder, sorted(files, key=lambda path: path.as_posix())
    return None, []


def _table_key(files: list[tuple[str, bytes]], code: bytes, environment: dict[str, str]) -> str:
    """The SHA-256 (hex, 32 digits) of everything the table depends on: each pypinyin file's
    relative name and bytes, this module's source, pypinyin's environment variables."""
    digest = hashlib.sha256(f"readings-f{_FORMAT}\0".encode())
    for name, data in files:
        digest.update(f"{name}\0{len(data)}\0".encode("utf-8", "surrogateescape") + data)
    digest.update(b"code\0" + code)
    for name in sorted(environment):
        digest.update(f"env\0{name}\0{environment[name]}\0".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()[:32]


def _stored_path() -> Path | None:
    """Where the table of the installed pypinyin is kept (None: pypinyin not installed, or no
    home folder)."""
    root, paths = _pypinyin_files()
    if root is None:
        return None
    try:
        files = [(path.relative_to(root).as_posix(), path.read_bytes()) for path in paths]
        code = Path(__file__).read_bytes()
        folder = cache_folder()
    except (OSError, RuntimeError):  # pragma: no cover - unreadable package, no home folder
        return None
    environment = {name: value for name, value in os.environ.items() if name.startswith("PYPINYIN")}
    key = _table_key(files, code, environment)
    return folder / f"pinyin-readings-{key}-{python_tag()}.marshal"


def _read_table(path: Path) -> dict[str, str] | None:
    table = read_checked(path)
    return table if isinstance(table, dict) else None
