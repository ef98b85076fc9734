"""The text column of the articles table, built a batch at a time (``textkit.articles``)."""

from __future__ import annotations

import pandas as pd


class TextColumn:
    """The article texts, converted to the table's ``str`` dtype a batch at a time.

    >>> texts = TextColumn()
    >>> texts.append("正文。"); texts.append("又一篇。")
    >>> texts.column(pd.RangeIndex(2)).tolist()
    ['正文。', '又一篇。']

    With pandas' Arrow strings, converting a whole corpus at the end held every text three
    times (the Python string, the UTF-8 copy CPython keeps in it once Arrow has read it, and
    Arrow's own buffer, grown by doubling); a batch at a time, only the Arrow buffers add up.
    """

    def __init__(self, batch_chars: int = 1 << 22) -> None:
        self.dtype = pd.Series(["x"]).dtype  # the dtype pandas gives a column of strings
        self.arrow = getattr(self.dtype, "storage", None) == "pyarrow"
        self.batch_chars = batch_chars
        self.chunks: list = []
        self.pending: list[str] = []
        self.pending_chars = 0

    def append(self, text: str) -> None:
        self.pending.append(text)
        self.pending_chars += len(text)
        if self.arrow and self.pending_chars >= self.batch_chars:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self.pending:
            self.chunks.append(pa.array(self.pending, type=pa.large_string()))
        self.pending, self.pending_chars = [], 0

    def column(self, index: pd.Index) -> pd.Series:
        if not self.arrow:
            return pd.Series(self.pending, index=index, dtype=self.dtype)
        import pyarrow as pa

        self._flush()
        chunked = pa.chunked_array(self.chunks, type=pa.large_string())
        self.chunks = []
        return pd.Series(pd.array(chunked, dtype=self.dtype), index=index)
