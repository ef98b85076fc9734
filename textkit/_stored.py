"""Tables kept in the user's cache folder as checksummed ``marshal`` files (infrastructure).

Used by the parsed jieba dictionary (``textkit._jieba_dict``) and the pinyin step's readings
(``textkit.normalize._pinyin_readings``). A file is the SHA-256 of its payload followed by the
payload; a reader gets the value back or ``None`` (missing, unreadable, damaged), never a
half-written table: files are written under a temporary name in the same folder and renamed.

>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "table.marshal"
>>> write_checked(path, {"中": 1}); read_checked(path)
{'中': 1}
>>> _ = path.write_bytes(path.read_bytes()[:-1]); read_checked(path) is None
True
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import uuid
from contextlib import suppress
from pathlib import Path

__all__ = ["cache_folder", "python_tag", "read_checked", "write_checked"]


def cache_folder() -> Path:
    """``$XDG_CACHE_HOME/textkit``, else ``~/.cache/textkit`` (RuntimeError: no home folder)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "textkit"


def python_tag() -> str:
    """The interpreter and marshal versions a stored file is only valid for, e.g. ``cpython311-m4``."""
    return f"{sys.implementation.name}{sys.version_info[0]}{sys.version_info[1]}-m{marshal.version}"


def read_checked(path: Path) -> object | None:
    """The value stored at ``path``, or None when the file is missing, unreadable or damaged."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    check, payload = blob[:32], blob[32:]
    if hashlib.sha256(payload).digest() != check:
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):  # pragma: no cover - a checksum that matched
        return None


def write_checked(path: Path, value: object) -> None:
    """Written under a temporary name in the same folder, then renamed (atomic): a reader sees the
    file whole or not at all. Nothing is written where the folder cannot be made or written."""
    payload = marshal.dumps(value)
    with suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
        try:
            with open(temporary, "wb") as handle:
                handle.write(hashlib.sha256(payload).digest() + payload)
            os.replace(temporary, path)
        finally:
            with suppress(OSError):
                os.unlink(temporary)
