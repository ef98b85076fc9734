"""Reading the versioned data files under ``textkit/data/``.

Data files are UTF-8 text. Lines starting with ``#`` are comments (every file
opens with a header saying what it is, where it comes from and its format);
blank lines are ignored. Tab-separated files have a header row after the
comments.

>>> rows = read_tsv("t2s_fixes.tsv")                  # doctest: +SKIP
>>> rows[0]["after_t2s"]                              # doctest: +SKIP
'著眼'
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

__all__ = ["data_path", "data_version", "read_lines", "read_tsv"]


def data_path(name: str) -> Path:
    """Path of a data file shipped with textkit."""
    # Not importlib.resources: under setuptools' editable install it sees textkit as a
    # namespace package and cannot list files.
    path = Path(__file__).resolve().parent / "data" / name
    if not path.is_file():
        raise FileNotFoundError(f"textkit data file not found: {name}")
    return path


def _content_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def read_lines(name_or_path: str | Path) -> list[str]:
    """Non-comment, non-blank lines of a data file (stripped of trailing whitespace)."""
    path = Path(name_or_path) if Path(name_or_path).is_file() else data_path(str(name_or_path))
    return [line.rstrip() for line in _content_lines(path)]


@cache
def read_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated data file as dicts keyed by its header row."""
    lines = _content_lines(data_path(name))
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(header):
            raise ValueError(f"{name}: data row {number} has {len(cells)} fields, expected {len(header)}")
        rows.append(dict(zip(header, cells, strict=True)))
    return tuple(rows)


def data_version(*names: str) -> str:
    """Short content hash of data files, for cache keys that must change with the data."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(data_path(name).read_bytes())
    return digest.hexdigest()[:16]
