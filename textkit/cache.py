"""An on-disk cache for the expensive stages: normalized text and segmentations, in Parquet.

``ParquetCache(folder)`` keeps strings by key in *namespaces*. It implements the
``textkit.tokenize.TokenCache`` protocol (``get_many``/``put_many``), so
``Tokenizer(cache=ParquetCache(folder))`` segments each distinct text once across sessions;
``normalize_corpus(documents, cache=ParquetCache(folder))`` does the same for normalization.

Keys and namespaces
    A key is the SHA-256 of the input text, so a renamed or moved file is still a hit and an
    edited one is a miss. A namespace says what produced the value, so that a change that can
    change the output never reuses old values:

    - ``tokens-<Segmenter.fingerprint>``: jieba version and dictionary digest, the lexicon
      entries (campaign and user), HMM, full-width folding, the segmenter version;
    - ``normalize-<normalizer_version()>``: the source code of the ``textkit/normalize/`` package and
      of every textkit module it imports (``code_version``), the data files named there
      (``boilerplate.tsv``, ``t2s_fixes.tsv``, …), the OpenCC, pypinyin and jieba versions and the
      record format.

Layout and atomicity
    ``folder/<namespace>/part-*.parquet``; each ``put_many`` writes one new file with
    columns ``key``, ``value`` and ``crc32`` (of the value), first under a temporary name in
    the same folder, flushed to disk, then renamed (``os.replace``, atomic on one file
    system). No file is ever changed in place, so two runs writing at once each add their own
    file and a reader sees a file whole or not at all. When a namespace holds more than
    ``compact_above`` files they are merged into one, written the same way, and only then
    are the merged files deleted; a reader that loses a file to compaction lists the folder
    again. Compactions are serialized with a lock file where the OS offers ``flock``.

Damage
    A file that cannot be read (cut short by a crash or a full disk, overwritten with
    garbage, a failed page checksum) or a value whose CRC does not match is reported with a
    ``CacheCorruptionWarning`` and treated as missing, so its entries are computed again and
    written to a new file; the damaged file is renamed ``.damaged-*`` (ignored from then on,
    kept for inspection) so the warning is given once. Nothing is printed otherwise.

>>> from textkit.tokenize import Tokenizer                         # doctest: +SKIP
>>> tokenizer = Tokenizer(cache=ParquetCache(".cache/textkit"))   # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import os
import re
import time
import uuid
import warnings
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import contextmanager, suppress
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from textkit._imports import imported_names
from textkit.datafiles import data_version

__all__ = [
    "CacheCorruptionWarning",
    "CacheUnavailableWarning",
    "ParquetCache",
    "code_version",
    "normalize_data_files",
    "normalizer_version",
]

# How textkit.normalize names the data files it reads (a test checks every call is literal).
_DATA_FILE_CALL = re.compile(r"""\b(?:read_tsv|read_lines|data_path)\(\s*["']([^"']+)["']""")
# Bump when the layout of a cached normalization record changes (see normalize_corpus).
_NORMALIZE_RECORD_FORMAT = "1"

# Written by ``textkit.report`` (``textkit._schedule.record_run``): the key of the last report run
# that finished with this folder. ``prune`` and ``clear`` delete it with any entry they delete. (Here,
# not in the runner's module: every cached stage's code version covers this module's source.)
LAST_RUN_FILE = ".textkit-last-run"
_NAMESPACE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")
_SCHEMA = pa.schema([("key", pa.string()), ("value", pa.large_string()), ("crc32", pa.uint32())])
_STALE_TEMPORARY_SECONDS = 3600
_BLOB_MAGIC = b"textkit-blob-1\n"
_MAPPED_MAGIC = b"textkit-blob-2\n"  # a pickle with its large arrays after it: textkit._pickles


class _HashingWriter:
    """A file to write to that also feeds what is written to a SHA-256."""

    def __init__(self, handle) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()

    def write(self, data) -> int:
        self.digest.update(data)
        return self.handle.write(data)


# Touched in a namespace folder whenever it is read: its time is the namespace's last use.
_USED = ".used"


class CacheCorruptionWarning(UserWarning):
    """A cache file or entry was damaged; its entries are being computed again."""


class CacheUnavailableWarning(UserWarning):
    """The cache folder cannot be created or written (read-only, full disk); work goes on without it."""


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:  # pragma: no cover - the packages are dependencies
        return "absent"


def normalize_data_files() -> tuple[str, ...]:
    """The data files the ``textkit/normalize/`` package reads, found in its source (sorted).

    >>> "boilerplate.tsv" in normalize_data_files()
    True
    """
    return tuple(sorted(set(_DATA_FILE_CALL.findall(normalizer_source()))))


def normalizer_source() -> str:
    """The source of every module of the ``textkit/normalize/`` package, in a fixed order."""
    folder = Path(__file__).resolve().parent / "normalize"
    return "".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.py")))


def normalizer_version() -> str:
    """Version key of ``textkit.normalize``'s output: changes whenever the output may change.

    ``code_version`` of the ``textkit/normalize/`` package: its source and that of every textkit
    module it imports, directly or through others (``_chars``, ``_jieba_dict``, ``_regex`` …), so an
    edit to any step or helper invalidates cached results without anyone keeping a list of them
    (an edit to a comment costs one re-normalization); the data files named in that source
    (``boilerplate.tsv`` …); the OpenCC, pypinyin and jieba versions (their tables decide the
    script and pinyin steps and the line-break check); and the format of the cached record.

    >>> len(normalizer_version())
    16
    """
    digest = hashlib.sha256()
    # the imports followed, not a list of helper modules: the list named _jieba where normalize
    # reads jieba's dictionary through _jieba_dict, whose edits would have reused stale results
    digest.update(code_version("textkit.normalize", packages=("opencc", "pypinyin", "jieba")).encode())
    digest.update(_NORMALIZE_RECORD_FORMAT.encode())
    return digest.hexdigest()[:16]


def _textkit_imports(path: Path, module: str, root: Path) -> set[str]:
    """textkit modules named by the imports of one source file (lazy imports too)."""
    names = imported_names(module, path.name == "__init__.py", path.read_text(encoding="utf-8"))
    return {name for name in names if name.startswith("textkit.") and _module_file(name, root)}


def _module_file(module: str, root: Path) -> Path | None:
    """The source file of a textkit module (``root`` is the folder that holds ``textkit/``)."""
    base = root.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def code_version(*modules: str, packages: Sequence[str] = ()) -> str:
    """Version key of what the textkit ``modules`` compute: changes whenever their output may.

    It hashes the source of each module (every module of a package), of every textkit module
    they import, directly or through others (lazy imports too), the data files named in
    all that source (``read_lines("filler_words.txt")`` …) and the installed versions of
    ``packages`` (e.g. ``"scikit-learn"``). The caller names the modules: this function knows
    no stage. An edited comment costs one recomputation; nothing stale is ever reused.

    >>> len(code_version("textkit.datafiles", packages=["numpy"]))
    16
    """
    root = Path(__file__).resolve().parent.parent
    todo = list(modules)
    for module in modules:
        folder = root.joinpath(*module.split("."))
        if folder.is_dir():
            todo.extend(f"{module}.{p.stem}" for p in sorted(folder.glob("*.py")) if p.stem != "__init__")
    seen: dict[str, Path] = {}
    while todo:
        module = todo.pop()
        path = _module_file(module, root)
        if path is None:
            raise ValueError(f"no textkit module {module!r}")
        if module in seen:
            continue
        seen[module] = path
        todo.extend(_textkit_imports(path, module, root) - set(seen))
    digest = hashlib.sha256()
    data_files: set[str] = set()
    for module in sorted(seen):
        source = seen[module].read_text(encoding="utf-8")
        digest.update(f"{module}\0{source}\0".encode())
        data_files.update(_DATA_FILE_CALL.findall(source))
    digest.update(data_version(*sorted(data_files)).encode())
    for package in sorted(packages):
        digest.update(f"{package}={_package_version(package)}".encode())
    return digest.hexdigest()[:16]


def _crc(value: str) -> int:
    return zlib.crc32(value.encode("utf-8", "surrogatepass"))


@contextmanager
def _exclusive(lock_path: Path):
    """Yield True if this process holds the lock (non-blocking), False if another one does."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock, compaction stays correct
        yield True
        return
    with open(lock_path, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class ParquetCache:
    """Strings by key in namespaces, stored as Parquet files under ``folder``.

    Parameters
    ----------
    folder
        Created if missing. Safe to share between processes and concurrent runs.
    compact_above
        Merge a namespace's files into one when it holds more than this many.

    ``hits`` and ``misses`` count keys asked for in this process; ``writes`` counts the values
    this process stored.

    >>> import tempfile
    >>> cache = ParquetCache(tempfile.mkdtemp())
    >>> cache.put_many("tokens-demo", {"k": "以学促干 走深走实"})
    >>> cache.get_many("tokens-demo", ["k", "other"]), cache.hits, cache.misses
    ({'k': '以学促干 走深走实'}, 1, 1)
    """

    def __init__(self, folder: str | os.PathLike, *, compact_above: int = 16) -> None:
        self.folder = Path(folder)
        # False once the folder proved unwritable: values are then computed and not stored.
        self.writable = True
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self._unavailable(error)
        self.compact_above = compact_above
        self.hits = 0
        self.misses = 0
        self.writes = 0
        # namespace -> part file name -> keys in it; rebuilt from the folder as files come and go
        self._index: dict[str, dict[str, frozenset[str]]] = {}
        self._used: set[Path] = set()

    def __repr__(self) -> str:
        return f"ParquetCache({str(self.folder)!r})"

    def _unavailable(self, error: OSError) -> None:
        """Stop writing (warn once): a read-only or full cache folder must not lose the work."""
        if self.writable:
            warnings.warn(
                f"textkit cache: cannot write to {self.folder} ({type(error).__name__}: {error}); "
                "continuing without a disk cache",
                CacheUnavailableWarning,
                stacklevel=4,
            )
        self.writable = False

    # -- layout ---------------------------------------------------------------------------

    def _dir(self, namespace: str) -> Path:
        if not isinstance(namespace, str) or not _NAMESPACE.fullmatch(namespace):
            raise ValueError(f"namespace must be letters, digits, '.', '_' or '-': {namespace!r}")
        return self.folder / namespace

    @staticmethod
    def _parts(directory: Path) -> list[str]:
        try:
            names = os.listdir(directory)
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            return []
        return sorted(name for name in names if name.startswith("part-") and name.endswith(".parquet"))

    def namespaces(self) -> list[str]:
        """Namespaces that hold at least one file."""
        if not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.iterdir() if p.is_dir() and self._parts(p))

    # -- reading --------------------------------------------------------------------------

    def _damaged(self, directory: Path, name: str, reason: str) -> None:
        warnings.warn(
            f"textkit cache: {directory / name} is damaged ({reason}); its entries are computed again",
            CacheCorruptionWarning,
            stacklevel=4,
        )
        with suppress(OSError):  # another process moved or compacted it already
            os.replace(directory / name, directory / f".damaged-{name}")

    def _read(self, directory: Path, name: str, wanted: set[str] | None) -> dict[str, str] | None:
        """Rows of one part file (those with a key in ``wanted``, or all); None if it is gone."""
        try:
            table = pq.read_table(directory / name, page_checksum_verification=True)
            if table.schema.names != _SCHEMA.names:
                raise ValueError(f"columns {table.schema.names}, expected {_SCHEMA.names}")
            keys = table.column("key").to_pylist()
            if wanted is None:
                rows = list(range(len(keys)))
                values = table.column("value").to_pylist()
                checks = table.column("crc32").to_pylist()
            else:
                rows = [i for i, key in enumerate(keys) if key in wanted]
                taken = pa.array(rows, type=pa.int64())
                values = table.column("value").take(taken).to_pylist()
                checks = table.column("crc32").take(taken).to_pylist()
            del table
        except FileNotFoundError:
            return None
        except Exception as error:  # pyarrow raises several types for damaged files
            self._damaged(directory, name, f"{type(error).__name__}: {error}")
            return {}
        found: dict[str, str] = {}
        bad = 0
        for row, value, check in zip(rows, values, checks, strict=True):
            if value is None or _crc(value) != check:
                bad += 1
            else:
                found[keys[row]] = value
        if bad:
            warnings.warn(
                f"textkit cache: {bad} damaged entr{'y' if bad == 1 else 'ies'} in {directory / name}; "
                "computed again",
                CacheCorruptionWarning,
                stacklevel=3,
            )
        return found

    def _refresh(self, namespace: str) -> dict[str, frozenset[str]]:
        directory = self._dir(namespace)
        index = self._index.setdefault(namespace, {})
        present = self._parts(directory)
        for name in set(index) - set(present):
            del index[name]
        for name in present:
            if name not in index:
                try:
                    keys = pq.read_table(directory / name, columns=["key"]).column("key").to_pylist()
                except FileNotFoundError:
                    continue
                except Exception as error:
                    self._damaged(directory, name, f"{type(error).__name__}: {error}")
                    continue
                index[name] = frozenset(keys)
        return index

    def get_many(self, namespace: str, keys: Sequence[str]) -> dict[str, str]:
        """The cached values among ``keys``; missing or damaged entries are simply absent."""
        directory = self._dir(namespace)
        wanted = set(keys)
        found: dict[str, str] = {}
        for _attempt in range(3):
            index = self._refresh(namespace)
            lost = False
            for name, part_keys in index.items():
                needed = (wanted - found.keys()) & part_keys
                if not needed:
                    continue
                rows = self._read(directory, name, needed)
                if rows is None:  # compacted away by another process: list the folder again
                    lost = True
                    continue
                found.update(rows)
            if not lost or wanted <= found.keys():
                break
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        if found:
            self._mark_used(directory)
        return found

    def _mark_used(self, directory: Path) -> None:
        """Record that a namespace was read now (``prune`` drops the least recently used first)."""
        if directory in self._used or not self.writable:
            return
        self._used.add(directory)
        with suppress(OSError):
            (directory / _USED).touch()

    # -- writing --------------------------------------------------------------------------

    def _write(self, directory: Path, keys: list[str], values: list[str], suffix: str = "") -> str:
        directory.mkdir(parents=True, exist_ok=True)
        stem = f"{time.time_ns():020d}-{os.getpid()}-{uuid.uuid4().hex[:12]}{suffix}"
        temporary = directory / f".tmp-{stem}.parquet"
        final = directory / f"part-{stem}.parquet"
        table = pa.table(
            {"key": keys, "value": values, "crc32": [_crc(value) for value in values]}, schema=_SCHEMA
        )
        try:
            with open(temporary, "wb") as handle:
                pq.write_table(table, handle, compression="zstd", write_page_checksum=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, final)
        finally:
            with suppress(OSError):
                temporary.unlink(missing_ok=True)
        return final.name

    def put_many(self, namespace: str, items: Mapping[str, str]) -> None:
        """Store values by key in one new file (atomically); compact the namespace if needed."""
        if not items:
            return
        directory = self._dir(namespace)
        keys = list(items)
        values = list(items.values())
        for value in values:
            if not isinstance(value, str):
                raise TypeError(f"cache values are str, not {type(value).__name__}")
        if not self.writable:
            return
        try:
            name = self._write(directory, keys, values)
        except OSError as error:  # read-only folder, full disk, quota
            self._unavailable(error)
            return
        self._index.setdefault(namespace, {})[name] = frozenset(keys)
        self.writes += len(keys)
        if len(self._parts(directory)) > self.compact_above:
            try:
                self.compact(namespace)
            except OSError as error:
                self._unavailable(error)

    # -- whole objects ---------------------------------------------------------------------

    def get_blob(self, namespace: str, key: str) -> bytes | None:
        """The bytes stored under ``key`` by ``put_blob``, or None (missing or damaged)."""
        with self._checked_blob(namespace, key) as handle:
            return None if handle is None else handle.read()

    def get_pickle(
        self, namespace: str, key: str, persistent_load: Callable[[Any], Any] | None = None
    ) -> tuple[bool, Any]:
        """``(True, value)`` for a value stored by ``put_pickle`` (or pickled bytes stored by
        ``put_blob``: the file is the same), ``(False, None)`` when missing or damaged.

        The checksum is checked reading the file in chunks, and the value is unpickled from
        the file: no copy of the pickled bytes is held beside the value (for a 240 MB fitted
        model, that copy and its slice were 480 MB at the peak of a notebook); its arrays of
        1 MiB or more are mapped copy-on-write, read from disk where used (``textkit._pickles``).
        ``persistent_load``: for references ``put_pickle``'s ``persistent_id`` stored.
        """
        from textkit import _pickles

        with self._checked_blob(namespace, key) as handle:
            if handle is None:
                return False, None
            header = handle.tell()
            handle.seek(0)
            mapped = handle.read(len(_MAPPED_MAGIC)) == _MAPPED_MAGIC
            handle.seek(header)
            if mapped:
                return True, _pickles.load(handle, header, persistent_load)
            return True, _pickles.unpickler(handle, persistent_load).load()

    @contextmanager
    def _checked_blob(self, namespace: str, key: str):
        """The blob file of ``key``, opened after its checksum was checked and positioned at its
        data; None if missing or damaged (counted as a miss)."""
        path = self._blob_path(namespace, key)
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed below
        except (FileNotFoundError, IsADirectoryError, PermissionError):
            self.misses += 1
            yield None
            return
        header = len(_BLOB_MAGIC) + 32
        with handle:
            head = handle.read(header)
            intact = head[: len(_BLOB_MAGIC)] in (_BLOB_MAGIC, _MAPPED_MAGIC) and (
                hashlib.file_digest(handle, "sha256").digest() == head[len(_BLOB_MAGIC) :]
            )
            if intact:
                self.hits += 1
                if self.writable:
                    with suppress(OSError):  # the time of last use, for prune
                        os.utime(path)
                handle.seek(header)
                yield handle
                return
        # closed first: set aside under another name
        self._damaged(path.parent, path.name, "checksum mismatch")
        self.misses += 1
        yield None

    def put_blob(self, namespace: str, key: str, data: bytes) -> None:
        """Store one large value (e.g. a fitted model) as its own file, written atomically.

        ``folder/<namespace>/blob-<key>.bin`` holds a SHA-256 of the bytes, checked on
        reading: a damaged file is set aside and read as missing, as for ``put_many``.
        """
        self._write_blob(namespace, key, lambda handle: handle.write(data))

    def put_pickle(
        self, namespace: str, key: str, value: Any, persistent_id: Callable[[Any], Any] | None = None
    ) -> None:
        """``put_blob(namespace, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))``,
        the same file, pickled straight into it: the pickled bytes are never all in memory.
        Arrays of 1 MiB or more go after the stream (``textkit._pickles``, another header)."""
        from textkit import _pickles

        header = len(_BLOB_MAGIC) + 32
        self._write_blob(
            namespace, key, lambda handle: _pickles.dump(value, handle, header, persistent_id) is True
        )

    def _write_blob(self, namespace: str, key: str, write: Callable[[Any], object]) -> None:
        path = self._blob_path(namespace, key)
        if not self.writable:
            return
        temporary = path.with_name(f".tmp-{os.getpid()}-{uuid.uuid4().hex[:12]}-{path.name}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(temporary, "w+b") as handle:
                handle.write(_BLOB_MAGIC + bytes(32))
                hashing = _HashingWriter(handle)
                mapped = write(hashing) is True  # True: textkit._pickles' format, its own header
                handle.seek(0)
                handle.write((_MAPPED_MAGIC if mapped else _BLOB_MAGIC) + hashing.digest.digest())
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        except OSError as error:  # read-only folder, full disk, quota
            self._unavailable(error)
            return
        finally:
            with suppress(OSError):
                temporary.unlink(missing_ok=True)
        self.writes += 1

    def _blob_path(self, namespace: str, key: str) -> Path:
        if not isinstance(key, str) or not _NAMESPACE.fullmatch(key):
            raise ValueError(f"blob key must be letters, digits, '.', '_' or '-': {key!r}")
        return self._dir(namespace) / f"blob-{key}.bin"

    def compact(self, namespace: str) -> bool:
        """Merge a namespace's files into one; False if another process is compacting it."""
        directory = self._dir(namespace)
        if not directory.is_dir():
            return False
        with _exclusive(directory / ".compact.lock") as mine:
            if not mine:
                return False
            names = self._parts(directory)
            if len(names) < 2:
                return True
            merged: dict[str, str] = {}
            for name in names:
                rows = self._read(directory, name, None)
                for key, value in (rows or {}).items():
                    merged.setdefault(key, value)
            self._write(directory, list(merged), list(merged.values()), suffix="-compact")
            for name in names:
                with suppress(FileNotFoundError):
                    (directory / name).unlink()
            self._remove_stale_temporaries(directory)
        self._index.pop(namespace, None)
        return True

    @staticmethod
    def _remove_stale_temporaries(directory: Path) -> None:
        # A writer that crashed between writing and renaming leaves a .tmp- file behind.
        now = time.time()
        for name in os.listdir(directory):
            if name.startswith(".tmp-"):
                path = directory / name
                with suppress(FileNotFoundError):
                    if now - path.stat().st_mtime > _STALE_TEMPORARY_SECONDS:
                        path.unlink()

    def size(self) -> int:
        """Bytes of every file under the folder."""
        return sum(size for _, size, _ in self._units())

    def _units(self) -> list[tuple[float, int, list[Path]]]:
        """What ``prune`` removes whole, with its time of last use and size: each blob file, each
        namespace's part files together (their keys are read together), each damaged file."""
        units: list[tuple[float, int, list[Path]]] = []
        if not self.folder.is_dir():
            return units
        for directory in (p for p in self.folder.iterdir() if p.is_dir()):
            parts: list[Path] = []
            used, size = 0.0, 0
            for path in directory.iterdir():
                try:
                    stat = path.stat()
                except OSError:  # removed meanwhile
                    continue
                if path.name.startswith("blob-"):
                    units.append((stat.st_mtime, stat.st_size, [path]))
                elif path.name.startswith(".damaged-"):
                    units.append((0.0, stat.st_size, [path]))
                elif path.name.startswith("part-"):
                    parts.append(path)
                    used, size = max(used, stat.st_mtime), size + stat.st_size
                elif path.name == _USED:
                    used = max(used, stat.st_mtime)
            if parts:
                units.append((used, size, [*parts, directory / _USED]))
        return units

    def prune(self, max_bytes: int, *, keep_used_after: float | None = None) -> list[Path]:
        """Delete the least recently used entries until the folder holds at most ``max_bytes``.

        An entry is a blob (a fitted model, a cached table: its time is its last read or
        write) or a namespace of Parquet parts (normalizations, segmentations, extraction rows:
        its time is the last read of any of its keys or its newest file); damaged files go
        first. Entries used at or after ``keep_used_after`` (a time stamp, e.g. the start of
        the run that just finished) are kept even if the folder stays above the cap. A deleted
        entry is simply computed again when next asked for. Returns the deleted files.

        >>> import tempfile
        >>> cache = ParquetCache(tempfile.mkdtemp())
        >>> cache.put_blob("models", "old", b"x" * 1000); cache.put_blob("models", "new", b"y" * 10)
        >>> os.utime(cache._blob_path("models", "old"), (1, 1))
        >>> [p.name for p in cache.prune(500)], cache.get_blob("models", "new")
        (['blob-old.bin'], b'yyyyyyyyyy')
        """
        units = sorted(self._units(), key=lambda unit: unit[0])
        total = sum(size for _, size, _ in units)
        deleted: list[Path] = []
        for used, size, paths in units:
            if total <= max_bytes:
                break
            if keep_used_after is not None and used >= keep_used_after:
                continue
            for path in paths:
                with suppress(FileNotFoundError):
                    path.unlink()
                    deleted.append(path)
            total -= size
        if deleted:  # the last report run's entries may be gone: it is no longer known to be warm
            (self.folder / LAST_RUN_FILE).unlink(missing_ok=True)
        for directory in {path.parent for path in deleted}:
            with suppress(OSError):  # not empty: a lock file, or written meanwhile
                (directory / ".compact.lock").unlink(missing_ok=True)
                directory.rmdir()
        self._index.clear()
        self._used.clear()
        return [path for path in deleted if path.name != _USED]

    def clear(self, namespace: str | None = None) -> None:
        """Delete one namespace, or every namespace."""
        targets: Iterable[Path] = (
            [self._dir(namespace)] if namespace else [p for p in self.folder.iterdir() if p.is_dir()]
        )
        for directory in targets:
            if directory.is_dir():
                for path in directory.iterdir():
                    path.unlink()
                directory.rmdir()
        with suppress(OSError):  # the last report run's entries are gone (textkit._schedule.warm_cache)
            (self.folder / LAST_RUN_FILE).unlink(missing_ok=True)
        self._index.clear()

    def __len__(self) -> int:
        """Distinct keys over all namespaces."""
        return sum(len(set().union(*self._refresh(ns).values())) for ns in self.namespaces())
