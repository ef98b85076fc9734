"""Pickles whose large arrays are read back as memory maps: what a reader never touches stays on disk.

A fitted topic model in the cache holds its TF-IDF matrix (57 MB on People's Daily) and its SVD
(49 MB) beside the labels; notebooks 04 and 05 read the model for its labels and clusters and
never touch either. ``dump`` pickles with protocol 5 and writes every buffer of at least
``OUT_OF_BAND_MIN`` bytes (a NumPy array's data, a sparse matrix's arrays) after the pickle
stream, each at an offset that is a multiple of ``ALIGN`` in the file, then a table of their
offsets and lengths. ``load`` unpickles the stream with those buffers as slices of a private
copy-on-write memory map of the file: an array's pages are read from the file (the page cache)
only when used, a write changes this process's copy alone, and the values are the same bytes.
Arrays so loaded do not own their data (``arr.base`` is the map); everything else is as with
``pickle.load``.

>>> import io, numpy as np
>>> out = io.BytesIO()
>>> dump({"big": np.arange(200_000), "small": np.arange(3)}, out)
True
>>> import tempfile
>>> with tempfile.TemporaryFile() as handle:
...     _ = handle.write(out.getvalue())
...     value = load(handle)
>>> int(value["big"].sum()), value["small"].tolist(), value["big"].flags.owndata
(19999900000, [0, 1, 2], False)
"""

from __future__ import annotations

import mmap
import os
import pickle
import struct
from collections.abc import Callable
from typing import Any

__all__ = ["ALIGN", "OUT_OF_BAND_MIN", "dump", "load", "unpickler"]

# Smaller buffers stay in the stream: a page or two of waste per buffer would outweigh them.
OUT_OF_BAND_MIN = 1 << 20
ALIGN = mmap.ALLOCATIONGRANULARITY  # a page: each buffer starts a page of its own
# After the buffers: one (offset, length) pair per buffer, then their count and the stream's length.
_PAIR = struct.Struct("<QQ")


class _Counting:
    """A file to write to that counts the bytes written (the stream's own offsets)."""

    def __init__(self, handle, start: int) -> None:
        self.handle, self.position = handle, start

    def write(self, data) -> int:
        self.handle.write(data)
        self.position += memoryview(data).nbytes
        return memoryview(data).nbytes


def dump(value: Any, handle, start: int = 0, persistent_id: Callable[[Any], Any] | None = None) -> bool:
    """Pickle ``value`` into ``handle`` (written at file offset ``start``); True when some buffers
    went after the stream (``load`` reads the file), False when the file is ``pickle.dump``'s own
    (protocol 5; ``pickle.load`` reads it). ``persistent_id``: the pickler's (an object for which it
    returns something other than None is stored as that reference; ``load`` needs the matching
    ``persistent_load``)."""
    kept: list[pickle.PickleBuffer] = []

    def out_of_band(buffer: pickle.PickleBuffer) -> bool:  # False: stored after the stream
        try:
            size = buffer.raw().nbytes
        except BufferError:  # not contiguous: in the stream
            return True
        if size < OUT_OF_BAND_MIN:
            return True
        kept.append(buffer)
        return False

    out = _Counting(handle, start)
    pickler = pickle.Pickler(out, protocol=5, buffer_callback=out_of_band)
    if persistent_id is not None:
        pickler.persistent_id = persistent_id
    pickler.dump(value)
    if not kept:
        return False
    stream_length = out.position - start
    table = []
    for buffer in kept:
        out.write(bytes(-out.position % ALIGN))
        raw = buffer.raw()
        table += [out.position - start, raw.nbytes]
        out.write(raw)
        buffer.release()
    out.write(struct.pack(f"<{len(table)}Q", *table) + _PAIR.pack(len(kept), stream_length))
    return True


def load(handle, start: int = 0, persistent_load: Callable[[Any], Any] | None = None) -> Any:
    """The value ``dump`` wrote at offset ``start`` of the open file ``handle`` (mode ``rb``), its
    buffers mapped copy-on-write from the file (the map stays open while an array uses it)."""
    size = os.fstat(handle.fileno()).st_size
    handle.seek(size - _PAIR.size)
    count, stream_length = _PAIR.unpack(handle.read(_PAIR.size))
    handle.seek(size - _PAIR.size - _PAIR.size * count)
    table = struct.unpack(f"<{2 * count}Q", handle.read(_PAIR.size * count))
    view = memoryview(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_COPY))
    pairs = zip(table[::2], table[1::2], strict=True)
    buffers = [view[start + offset : start + offset + length] for offset, length in pairs]
    # The stream itself is read from the file, not through the map, so its pages are not kept mapped.
    handle.seek(start)
    value = unpickler(handle, persistent_load, buffers).load()
    if handle.tell() != start + stream_length:
        raise pickle.UnpicklingError("the pickle stream does not end where its table says")
    return value


def unpickler(handle, persistent_load: Callable[[Any], Any] | None = None, buffers=None) -> pickle.Unpickler:
    """``pickle.Unpickler(handle, buffers=buffers)`` with ``persistent_load`` (None: none)."""
    reader = pickle.Unpickler(handle, buffers=buffers)
    if persistent_load is not None:
        reader.persistent_load = persistent_load
    return reader
