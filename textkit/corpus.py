"""Stage 1 — corpus: find article files, decode them, and account for every one.

``load_corpus`` is the entry point of the pipeline. It returns two DataFrames:
the ``documents`` that were loaded and a ``report`` with one row for every file
that was found, loaded or not, so that nothing drops out of a study silently.

Example
-------
>>> documents, report = load_corpus("seeds")          # doctest: +SKIP
>>> report.status.value_counts()                      # doctest: +SKIP
loaded    5
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import Any

import charset_normalizer
import pandas as pd

from textkit._chars import HAN_RE, han_and_spaces, text_sha256

__all__ = [
    "DOCUMENT_COLUMNS",
    "REPORT_COLUMNS",
    "CorpusError",
    "corpus_fingerprint",
    "corpus_state",
    "han_share",
    "load_corpus",
    "read_text_file",
]

DOCUMENT_COLUMNS = [
    "doc_id",
    "path",
    "encoding",
    "n_bytes",
    "sha256",
    "n_chars",
    "han_share",
    "notes",
    "text",
]
REPORT_COLUMNS = ["doc_id", "status", "reason", "encoding", "n_bytes"]

# Byte-order marks decide the encoding outright; longest first so that the
# UTF-32-LE mark is not taken for UTF-16-LE.
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_LEGACY_CHINESE = {"gb18030", "gb2312", "gbk", "hz", "big5", "big5hkscs", "cp950", "cp936"}


class CorpusError(ValueError):
    """Raised when a folder yields no usable document; the message says why for each file."""


def _whole_texts(texts: list[str], index: pd.Index | None = None) -> pd.Series:
    """A column of whole-file texts, kept as the Python strings they are (``object`` dtype).

    pandas' default ``str`` dtype stores a column in Arrow, as UTF-8: three bytes a Han
    character instead of two, and every read of the column builds each text again as a
    Python string. For files of 150 MB that was several copies of the corpus at once.

    >>> texts = ["政绩观"]
    >>> column = _whole_texts(texts)
    >>> column.dtype, column[0] is texts[0]
    (dtype('O'), True)
    """
    return pd.Series(texts, index=index, dtype=object)


def han_share(text: str) -> float:
    """Share of Han characters among the non-whitespace characters of ``text``.

    >>> han_share("政绩观 2023")
    0.4286
    """
    han, spaces = han_and_spaces(text)
    visible = len(text) - spaces
    if not visible:
        return 0.0
    return round(han / visible, 4)


@dataclass
class DecodedFile:
    """What ``read_text_file`` learned about one file."""

    text: str | None
    encoding: str | None
    n_bytes: int
    sha256: str | None
    problem: str | None = None
    flags: list[str] = field(default_factory=list)


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes) -> tuple[str | None, str | None, list[str], str | None]:
    """Return ``(text, encoding, flags, problem)`` for raw bytes."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec, [], None
            except UnicodeDecodeError as error:
                return None, codec, [], f"undecodable: byte-order mark says {codec} but {error.reason}"
    if b"\x00" not in data:
        # UTF-8 wins over UTF-16 without a byte-order mark whenever it decodes (as in
        # _utf16_without_bom), so try it first: a large UTF-8 file is then decoded once.
        try:
            return data.decode("utf-8"), "utf-8", [], None
        except UnicodeDecodeError:
            pass
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16[0], utf16[1], ["UTF-16 without byte-order mark (detected)"], None
    if b"\x00" in data:
        return None, None, [], "binary: contains NUL bytes and no byte-order mark"
    try:
        return data.decode("utf-8"), "utf-8", [], None
    except UnicodeDecodeError:
        pass
    chinese = _legacy_chinese(data)
    if chinese is not None:
        return chinese
    best = charset_normalizer.from_bytes(data).best()
    if best is not None:
        encoding = best.encoding
        try:
            return data.decode(encoding), encoding, [], None
        except (UnicodeDecodeError, LookupError):
            pass
    # A UTF-8 file damaged in a few places (a truncated download, a stray byte)
    # is still that file: keep it, mark where characters were replaced.
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    if replaced <= max(3, len(text) // 200):
        return text, "utf-8", [f"{replaced} invalid UTF-8 byte sequence(s) replaced by U+FFFD"], None
    looks_binary = sum(b < 9 or 13 < b < 32 for b in data[:4096]) > 0.05 * min(len(data), 4096)
    if looks_binary:
        return None, None, [], "binary: control bytes, not text in any known encoding"
    reason = "undecodable: not UTF-8, GB18030/GBK, Big5 or any encoding charset-normalizer knows"
    return None, None, [], reason


def _common_han(char: str) -> bool:
    """A frequent character: GB2312 level 1 (lead byte B0–D7) or Big5 frequent (A4–C6)."""
    for codec, low, high in (("gb2312", 0xB0, 0xD7), ("big5", 0xA4, 0xC6)):
        try:
            lead = char.encode(codec)[0]
        except UnicodeEncodeError:
            continue
        if low <= lead <= high:
            return True
    return False


def _common_share(text: str) -> float:
    han = common = 0
    for match in HAN_RE.finditer(text):
        han += 1
        common += _common_han(match.group())
    return common / han if han else 0.0


def _legacy_chinese(data: bytes) -> tuple[str, str, list[str], None] | None:
    """GB18030 or Big5, strictly decoded, judged by the share of frequent Han characters.

    A short file of a line or two is where charset detection guesses Korean; for a Chinese
    corpus both Chinese codecs are tried first. When both decode and neither is clearly
    better, the choice is noted as doubtful.
    """
    scored = []
    for codec in ("gb18030", "big5"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if han_share(text) >= 0.2:
            scored.append((_common_share(text), codec == "gb18030", codec, text))
    if not scored:
        return None
    scored.sort(reverse=True)
    share, _, codec, text = scored[0]
    if share < 0.5:
        return None
    flags = []
    if len(scored) > 1 and share - scored[1][0] < 0.15:
        flags.append(
            f"encoding doubtful: {codec} chosen over {scored[1][2]} "
            f"(frequent characters {share:.0%} against {scored[1][0]:.0%})"
        )
    return text, codec, flags, None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a byte-order mark, recognised by its decoding as mostly text."""
    if len(data) < 4 or len(data) % 2 or (b"\x00" not in data and len(data) < 8):
        return None
    best = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        # Counted as they stream by: a list of the characters took gigabytes on a large file.
        visible = sum(1 for c in text if not c.isspace())
        if not visible or any(c == "\x00" or (c < " " and c not in "\t\n\r") for c in text):
            continue
        ascii_or_han = sum(
            1
            for c in text
            if " " < c < "\x7f" or HAN_RE.match(c) or 0x3000 <= ord(c) <= 0x303F or 0xFF00 <= ord(c) <= 0xFFEF
        )
        share = ascii_or_han / visible
        if share >= 0.9 and (best is None or share > best[0]):
            best = (share, text, codec)
    if best is None:
        return None
    # UTF-8 and the Chinese codecs come first when they read the bytes as text themselves
    if b"\x00" not in data:
        try:
            data.decode("utf-8")
            return None
        except UnicodeDecodeError:
            pass
        if _legacy_chinese(data) is not None:
            return None
    return best[1], "utf-16"


def read_text_file(path: str | os.PathLike, large_file_bytes: int = 20_000_000) -> DecodedFile:
    """Read and decode one file, never raising for bad input.

    The problem, if any, is returned as a sentence in ``DecodedFile.problem``.

    >>> read_text_file("missing.txt").problem            # doctest: +SKIP
    'unreadable: file not found'
    """
    return _read_decoded(path, large_file_bytes)[0]


def _read_decoded(
    path: str | os.PathLike, large_file_bytes: int, before: os.stat_result | None = None
) -> tuple[DecodedFile, bool]:
    """``read_text_file(path)`` and whether the text's UTF-8 bytes are the file's bytes (its
    ``sha256`` is then the text's: ``load_corpus`` does not encode and hash the text again).
    ``before`` is the file's ``os.stat`` when the caller has just taken it.

    >>> _read_decoded("missing.txt", 100)[1]
    False
    """
    # os functions and open on the path as given (pathlib's wrappers were a fifth of load_corpus's
    # time), and the link is looked at only when the file cannot be read (a stat a file less)
    try:
        if before is None:
            before = os.stat(path)
        if not stat.S_ISREG(before.st_mode):
            kind = _file_kind(before.st_mode)
            return DecodedFile(None, None, 0, None, f"not a regular file ({kind})"), False
        data = _read_bytes(path)
        after = os.stat(path)
    except OSError as error:
        return DecodedFile(None, None, 0, None, _unreadable(path, error)), False
    digest = hashlib.sha256(data).hexdigest()
    if not data:
        return DecodedFile(None, None, 0, digest, "empty file"), False
    text, encoding, flags, problem = _decode(data)
    # A strict UTF-8 decoding (no flag: nothing replaced) encodes back to the same bytes, and
    # without a carriage return the newlines are not changed.
    same_bytes = encoding == "utf-8" and not flags and b"\r" not in data
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns) or len(
        data
    ) != after.st_size:
        flags.append("file changed while being read (size or time differ before and after): reload it")
    if problem:
        return DecodedFile(None, encoding, len(data), digest, problem), False
    text = _normalize_newlines(text)
    if not text.strip():
        return DecodedFile(None, encoding, len(data), digest, "empty file: only whitespace"), False
    if len(data) >= large_file_bytes:
        flags.append(f"large file: {len(data) / 1e6:.1f} MB")
    if encoding in _LEGACY_CHINESE:
        flags.append(f"legacy encoding {encoding}")
    if not HAN_RE.search(text):
        flags.append("no Han characters")
    return DecodedFile(text, encoding, len(data), digest, None, flags), same_bytes


def _read_bytes(path: str | os.PathLike) -> bytes:
    """The file's bytes (``Path(path).read_bytes()`` without making a ``Path``: 0.1 -> 0.065 s CPU
    for rmrb-2023-07-08's 5,158 files).

    >>> _read_bytes(__file__).startswith(b'"' * 3 + b"Stage 1")
    True
    """
    with open(path, "rb") as file:
        return file.read()


def _unreadable(path: str | os.PathLike, error: OSError) -> str:
    """Why a file could not be read, for the report.

    >>> _unreadable("missing.txt", FileNotFoundError())
    'unreadable: file not found'
    """
    if os.path.islink(path) and not os.path.exists(path):
        return "broken symbolic link"
    if isinstance(error, PermissionError):
        return "unreadable: permission denied"
    if isinstance(error, FileNotFoundError):
        return "unreadable: file not found"
    return f"unreadable: {error.strerror or error}"


def _is_hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _file_kind(mode: int) -> str:
    kinds = [(stat.S_ISFIFO, "named pipe"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device")]
    kinds += [(stat.S_ISBLK, "block device"), (stat.S_ISDIR, "folder")]
    return next((name for test, name in kinds if test(mode)), "special file")


def _pattern_regex(pattern: str) -> re.Pattern:
    """A glob relative to the corpus folder (``**/`` any folders, ``*`` and ``?`` within a name)."""
    out, index = [], 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif pattern[index] == "*":
            out.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            out.append("[^/]")
            index += 1
        else:
            out.append(re.escape(pattern[index]))
            index += 1
    return re.compile("".join(out))


def _find_files(root: Path, pattern: str) -> tuple[list[tuple[str, str]], list[Path], list[tuple[Path, str]]]:
    """Files matching ``pattern`` (each as ``str(Path)`` would write it, with its path relative to
    ``root`` with ``/``), the other visible files, and folders not followed (with why).

    Links to folders are followed; a link back to a folder already being searched (a loop) is
    not followed again and is reported, so no file is dropped without a line in the report.
    """
    regex = _pattern_regex(pattern)
    matched, others, not_followed = [], [], []
    seen = {os.path.realpath(root)}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        kept = []
        for name in sorted(d for d in dirnames if not d.startswith(".")):
            folder = Path(dirpath) / name
            real = os.path.realpath(folder)
            if real in seen:
                not_followed.append(
                    (folder, f"folder link to {real} already searched (a loop): not followed")
                )
                continue
            seen.add(real)
            kept.append(name)
        dirnames[:] = kept
        folder = Path(dirpath)
        inside = folder.relative_to(root).as_posix()  # once per folder, not once per file
        prefix = "" if inside == "." else inside + "/"
        # str(folder / name) for every name, as pathlib writes it, without making a Path a file
        # (a name holds no "/"): _find_files on rmrb-2023-07-08's 5,158 files 0.037 -> 0.012 s
        written = str(folder / "x")[:-1]
        for name in filenames:
            if name.startswith("."):
                continue
            relative = prefix + name
            if regex.fullmatch(relative):
                matched.append((written + name, relative))
            else:
                others.append(folder / name)
    matched.sort(key=_first_path_order)
    return matched, sorted(others, key=_path_order), not_followed


# How pathlib orders paths (by their parts; case-folded on Windows), as a key: a tuple compared
# in C instead of PurePath.__lt__ called in Python for each comparison.
_path_order = attrgetter("parts") if os.name == "posix" else None


def _first_path_order(pair: tuple[str, str]):
    # the relative path's parts: all the paths start with the root's
    return Path(pair[0]) if _path_order is None else pair[1].split("/")


# Bidirectional controls would make a file name display reversed in a table.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _doc_id(file: Path, root: Path) -> str:
    """The path relative to ``root`` with ``/``, bidi controls shown as ``⟨U+202E⟩``."""
    return _shown(file.relative_to(root).as_posix())


def _shown(relative: str) -> str:
    """A relative path with bidi controls shown as ``⟨U+202E⟩``.

    >>> _shown("a\u202eb.txt")
    'a⟨U+202E⟩b.txt'
    """
    return _BIDI.sub(lambda m: f"⟨U+{ord(m.group(0)):04X}⟩", relative)


def load_corpus(
    path: str | os.PathLike,
    pattern: str = "**/*.txt",
    large_file_bytes: int = 20_000_000,
    keep_duplicates: bool = False,
    *,
    n_jobs: int = 1,
    meanwhile: Callable[[], Any] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Load every text file under ``path`` and report on every file found.

    Parameters
    ----------
    path:
        Folder of article files; searched recursively. Hidden files and
        folders (names starting with ``.``) are not searched.
    pattern:
        Glob (relative to ``path``) of the files to load. Visible files that
        do not match it are listed in the report as skipped, so that a
        ``.docx`` dropped into the folder does not vanish unnoticed.
    large_file_bytes:
        Files at least this large are loaded and flagged with their size.
    keep_duplicates:
        Load files whose text repeats an earlier file's (flagged
        ``duplicate of <doc_id>``) instead of skipping them. Newspapers print
        some pieces on two pages; whether that counts twice is a research
        decision, so it is a parameter.
    n_jobs:
        Worker processes that read and decode the files (``textkit.parallel.map_batches``: forked
        where the platform can; -1 for all cores); files of ``large_file_bytes`` or more are read
        here. Less than ``textkit.parallel.PARALLEL_MIN_CHARS`` bytes in all are read here. The
        tables do not depend on it.
    meanwhile:
        Called once in this process: while the workers read the files, else before they are read
        here. E.g. building the segmenter and the normalization tables the next stages fork their
        workers with (``textkit.pipeline.prepare_corpus`` does): reading the files leaves a core free.

    Returns
    -------
    documents:
        One row per loaded file, sorted by ``doc_id`` (the path relative to
        ``path``, with ``/``): ``doc_id, path, encoding, n_bytes, sha256,
        n_chars, han_share, notes, text``. ``text`` is decoded, without a
        byte-order mark, with ``\\n`` line endings; ``notes`` lists things a
        researcher should know (no Han characters, large file, replaced bytes).
    report:
        One row per file found: ``doc_id, status`` (``loaded``/``skipped``),
        ``reason, encoding, n_bytes``. A file whose text equals an earlier
        file's (in ``doc_id`` order) is skipped as ``duplicate of <doc_id>``.

    Raises
    ------
    FileNotFoundError, NotADirectoryError:
        ``path`` does not exist or is not a folder.
    CorpusError:
        No file could be loaded; the message lists each file and why.
    """
    root = Path(path)
    if not root.exists():
        raise FileNotFoundError(f"corpus folder not found: {root}")
    if not root.is_dir():
        raise NotADirectoryError(
            f"corpus path is a file, not a folder: {root} (give the folder that holds it: {root.parent})"
        )

    matched, others, not_followed = _find_files(root, pattern)
    doc_rows: list[dict] = []
    report_rows: list[dict] = []
    seen_text: dict[str, str] = {}
    read = partial(_read_for_corpus, large_file_bytes)
    found = _read_files([file for file, _ in matched], read, n_jobs, meanwhile)
    for (file, relative), done in zip(matched, found, strict=True):
        doc_id = _shown(relative)
        decoded, text_key, share = done or read(file, in_worker=False)
        if doc_id != relative:
            decoded.flags.append("file name holds bidirectional control characters (shown escaped)")
        row = {"doc_id": doc_id, "encoding": decoded.encoding, "n_bytes": decoded.n_bytes}
        if decoded.problem:
            report_rows.append({**row, "status": "skipped", "reason": decoded.problem})
            continue
        if text_key in seen_text:
            duplicate = f"duplicate of {seen_text[text_key]}"
            if not keep_duplicates:
                report_rows.append({**row, "status": "skipped", "reason": duplicate})
                continue
            decoded.flags.append(duplicate)
        seen_text.setdefault(text_key, doc_id)
        report_rows.append({**row, "status": "loaded", "reason": "; ".join(decoded.flags)})
        doc_rows.append(
            {
                **row,
                "path": file,
                "sha256": decoded.sha256,
                "n_chars": len(decoded.text),
                "han_share": share,
                "notes": "; ".join(decoded.flags),
                "text": decoded.text,
            }
        )
    for file in others:
        try:
            info = file.stat()
        except OSError:
            info = None
        regular = info is not None and stat.S_ISREG(info.st_mode)
        if info is None:
            reason = "broken symbolic link" if file.is_symlink() else "unreadable"
        elif not regular:
            reason = f"not a regular file ({_file_kind(info.st_mode)})"
        else:
            reason = f"does not match pattern {pattern!r}"
        report_rows.append(
            {
                "doc_id": _doc_id(file, root),
                "status": "skipped",
                "reason": reason,
                "encoding": None,
                "n_bytes": info.st_size if regular else 0,
            }
        )
    for folder, reason in not_followed:
        report_rows.append(
            {
                "doc_id": _doc_id(folder, root) + "/",
                "status": "skipped",
                "reason": reason,
                "encoding": None,
                "n_bytes": 0,
            }
        )
    documents = pd.DataFrame(doc_rows, columns=DOCUMENT_COLUMNS[:-1])
    documents["text"] = _whole_texts([row["text"] for row in doc_rows])
    del doc_rows
    report = pd.DataFrame(report_rows, columns=REPORT_COLUMNS)
    documents = documents.sort_values("doc_id", ignore_index=True)
    report = report.sort_values("doc_id", ignore_index=True)
    report["n_bytes"] = report["n_bytes"].astype("int64")
    if documents.empty:
        lines = [f"  {r.doc_id}: {r.reason}" for r in report.itertuples()]
        detail = "\n".join(lines) if lines else "  (no files at all)"
        raise CorpusError(f"no usable document in {root}; files found and why they were skipped:\n{detail}")
    return documents, report


def _read_for_corpus(
    large_file_bytes: int, path: str, in_worker: bool = True
) -> tuple[DecodedFile, str | None, float | None] | None:
    """``read_text_file`` of one file, with the SHA-256 of its text and its ``han_share`` (None
    for a file that could not be loaded); None in a worker for a file of ``large_file_bytes`` or
    more, which ``load_corpus`` reads itself (its text is not sent back through a pipe)."""
    before = None
    if in_worker:
        try:
            before = os.stat(path)  # read_text_file's own first stat too
        except OSError:
            return None  # read_text_file says why, here
        if before.st_size >= large_file_bytes:
            return None
    decoded, same_bytes = _read_decoded(path, large_file_bytes, before)
    if decoded.problem:
        return decoded, None, None
    text_key = decoded.sha256 if same_bytes else text_sha256(decoded.text)
    return decoded, text_key, han_share(decoded.text)


def _read_files(paths: list[str], read: Callable, n_jobs: int, meanwhile: Callable[[], Any] | None) -> list:
    """``read(path)`` for each path, in worker processes when ``n_jobs`` asks for them and the files
    hold at least ``PARALLEL_MIN_CHARS`` bytes in all; ``meanwhile`` called here once, while they
    read (or first, when there are no workers). A result may be None: the caller reads that file."""
    from textkit import parallel

    if n_jobs != 1 and _at_least_bytes(paths, parallel.PARALLEL_MIN_CHARS):
        return parallel.map_batches(parallel.apply_each, read, paths, n_jobs=n_jobs, meanwhile=meanwhile)
    if meanwhile is not None:
        meanwhile()
    return [None] * len(paths)


def _at_least_bytes(paths: list[str], limit: int) -> bool:
    """Whether the files hold at least ``limit`` bytes (statting only as many as it takes)."""
    total = 0
    for path in paths:
        if total >= limit:
            return True
        try:
            total += os.stat(path).st_size
        except OSError:
            continue
    return total >= limit and bool(paths)


def corpus_fingerprint(path: str | os.PathLike, pattern: str = "**/*.txt") -> str:
    """SHA-256 (hex) of everything ``load_corpus(path, pattern)`` reads: the folder as named, each
    file it would find (its path and the SHA-256 of its bytes, or why it cannot be read), the
    other visible files (path, type and size) and the folders it does not follow.

    Equal fingerprints, equal tables from ``load_corpus`` (with the same parameters and code);
    any edited, added, removed or renamed file changes it.

    >>> corpus_fingerprint("seeds") == corpus_fingerprint("seeds")          # doctest: +SKIP
    True
    """
    return corpus_state(path, pattern)[0]


def corpus_state(
    path: str | os.PathLike, pattern: str = "**/*.txt"
) -> tuple[str, dict[str, tuple[int, str]]]:
    """``(corpus_fingerprint(path, pattern), files)`` from one reading of the files: ``files`` maps
    each readable file ``load_corpus`` would find (its path relative to the folder, POSIX) to its
    size in bytes and the SHA-256 of its bytes (hex), what a report run compares with the last one.

    >>> fingerprint, files = corpus_state("seeds")                          # doctest: +SKIP
    """
    root = Path(path)
    if not root.is_dir():
        raise NotADirectoryError(f"not a corpus folder: {root}")
    matched, others, not_followed = _find_files(root, pattern)
    digest = hashlib.sha256(f"root\0{root}\0pattern\0{pattern}\0".encode("utf-8", "surrogateescape"))
    files: dict[str, tuple[int, str]] = {}
    for file, relative in matched:
        digest.update(f"file\0{file}\0".encode("utf-8", "surrogateescape"))
        try:
            data = _read_bytes(file)
        except OSError as error:
            digest.update(f"unreadable\0{type(error).__name__}\0{error.errno}\0".encode())
        else:
            content = hashlib.sha256(data)
            digest.update(len(data).to_bytes(8, "little") + content.digest())
            files[relative] = (len(data), content.hexdigest())
    for file in others:
        try:
            info = file.stat()
            kind = f"{info.st_mode}:{info.st_size}"
        except OSError:
            kind = f"no stat:{file.is_symlink()}"
        digest.update(f"other\0{file}\0{kind}\0".encode("utf-8", "surrogateescape"))
    for folder, reason in not_followed:
        digest.update(f"not followed\0{folder}\0{reason}\0".encode("utf-8", "surrogateescape"))
    return digest.hexdigest(), files
