"""Stage 3 — tokenize: jieba segmentation with a campaign lexicon, then analysis filters.

Two small objects do the work; the module-level functions use a documented default instance
(``default_tokenizer()``), so nothing else is shared between analyses:

- ``Segmenter`` owns one ``jieba.Tokenizer`` (never jieba's global default) with the campaign
  lexicon ``textkit/data/campaign_lexicon.txt`` and any user lexicons loaded into it.
  ``segment`` returns every word in order, whitespace dropped. Its ``engine`` runs jieba
  itself or, where jieba-next is installed, jieba's algorithm with the dictionary lookup in
  Rust (``"fast"``: the same words, about three times faster; the default).
- ``Tokenizer`` turns segmentations into analysis tokens: stopwords (``stopwordsiso`` ``zh`` plus
  ``textkit/data/stopwords_domain.txt``) and token classes (punctuation, numbers, Latin) are
  dropped; lexicon terms are always kept. It caches segmentations by the content hash of the
  text and the segmenter's ``fingerprint`` in an explicit ``TokenCache`` object (on disk:
  ``textkit.cache.ParquetCache``), and segments a corpus in worker processes (forked, or joblib's) or on a
  ``dask.distributed`` cluster (``backend="dask"``) with ``textkit.parallel.imap_batches``.

Input is normalized simplified text (``textkit.normalize``); output feeds ``textkit.vocab``.

>>> segment("坚持以学促干，推动主题教育走深走实")             # doctest: +SKIP
['坚持', '以学促干', '，', '推动', '主题教育', '走深走实']
>>> tokenize("坚持以学促干，推动主题教育走深走实")            # doctest: +SKIP
['坚持', '以学促干', '推动', '主题教育', '走深走实']
>>> tok = Tokenizer(Segmenter(user_lexicons=["my_terms.txt"]))   # doctest: +SKIP
>>> tokens = tok.tokenize_corpus(articles, n_jobs=2)               # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache, partial
from itertools import pairwise
from pathlib import Path

import pandas as pd

from textkit.parallel import forks, imap_batches, worth_parallel

__all__ = [
    "DEFAULT_DROP_CLASSES",
    "DEFAULT_LEXICON",
    "DOMAIN_STOPWORDS",
    "ENGINES",
    "POLICY_LEXICON",
    "TOKEN_CLASSES",
    "EngineUnavailable",
    "LexiconEntry",
    "MemoryTokenCache",
    "NullTokenCache",
    "Segmenter",
    "TokenCache",
    "Tokenizer",
    "default_stopwords",
    "default_tokenizer",
    "exact_engine_available",
    "fast_engine_available",
    "read_lexicon",
    "segment",
    "token_class",
    "tokenize",
    "tokenize_corpus",
]

from textkit.tokenize._base import (  # noqa: F401 (re-exported)
    _CHINESE_NUMERALS,
    _DATA,
    _FULLWIDTH_FOLD,
    _HAN_WORD,
    _INLINE_COMMENT,
    _JIEBA_BLOCK,
    _JIEBA_ENG,
    _NUMBER_MARKS,
    _POS,
    _RUN_MARK,
    _RUN_MARKS,
    _SEGMENTER_VERSION,
    DEFAULT_DROP_CLASSES,
    DEFAULT_LEXICON,
    DOMAIN_STOPWORDS,
    POLICY_LEXICON,
    TOKEN_CLASSES,
    LexiconEntry,
    _is_han,
    _jieba_dictionary_digest,
    read_lexicon,
    token_class,
)
from textkit.tokenize.engines import (  # noqa: F401 (re-exported)
    _HMM_MEMO_MAX,
    _RUST_PREFIX_LIMIT,
    ENGINES,
    EngineUnavailable,
    _FastJiebaEngine,
    _JiebaEngine,
    _RJiebaEngine,
    exact_engine_available,
    fast_engine_available,
)
from textkit.tokenize.segmenter import (  # noqa: F401 (re-exported)
    _PROCESS_SEGMENTERS,
    _PROCESS_SEGMENTERS_MAX,
    MemoryTokenCache,
    NullTokenCache,
    Segmenter,
    TokenCache,
    _process_segmenter,
    _segment_batch,
    _text_key,
    warm_worker,
)

# --------------------------------------------------------------------------- tokenizer


@cache
def default_stopwords() -> frozenset[str]:
    """``stopwordsiso`` ``zh`` plus ``textkit/data/stopwords_domain.txt``."""
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords("zh")) | frozenset(_read_word_list(DOMAIN_STOPWORDS))


def _read_word_list(path: str | Path) -> list[str]:
    words = []
    for line in Path(path).read_text(encoding="utf-8-sig").splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            words.append(stripped)
    return words


class Tokenizer:
    """Analysis tokens: segmentation, then stopword and token-class filters; cached, parallel.

    Parameters
    ----------
    segmenter
        The ``Segmenter`` to use (default: campaign lexicon, HMM on).
    stopwords
        Words to drop. ``None`` means ``default_stopwords()`` (stopwordsiso ``zh`` plus the
        domain file); pass ``()`` to keep every word.
    extra_stopwords
        Added to ``stopwords``.
    keep
        Words never dropped, whatever their class or stopword status. Lexicon terms are
        always kept as well.
    drop_classes
        Token classes dropped (see ``token_class``); default punctuation, numbers, Latin
        letters, whitespace and other symbols. Single Han characters (党, 民) are kept.
    min_chars
        Drop tokens shorter than this (default 1: keep single characters).
    cache
        A ``TokenCache`` for segmentations; default a new ``MemoryTokenCache`` (which keeps a
        second copy of the corpus in memory: on large corpora pass
        ``textkit.cache.ParquetCache(folder)``, or ``NullTokenCache()`` for none).

    ``tokenize_corpus(articles, n_jobs=2)`` gives the same tokens as ``n_jobs=1``. The filter
    decisions are memoized per token: build a new ``Tokenizer`` (it can share the segmenter
    and the cache) rather than changing the attributes of one.
    """

    def __init__(
        self,
        segmenter: Segmenter | None = None,
        *,
        stopwords: Iterable[str] | None = None,
        extra_stopwords: Iterable[str] = (),
        keep: Iterable[str] = (),
        drop_classes: Iterable[str] = DEFAULT_DROP_CLASSES,
        min_chars: int = 1,
        cache: TokenCache | None = None,
    ) -> None:
        self.segmenter = segmenter if segmenter is not None else Segmenter()
        base = default_stopwords() if stopwords is None else frozenset(stopwords)
        self.stopwords = base | frozenset(extra_stopwords)
        self.keep = frozenset(keep) | self.segmenter.terms
        unknown = set(drop_classes) - set(TOKEN_CLASSES)
        if unknown:
            raise ValueError(f"unknown token classes {sorted(unknown)}; known: {TOKEN_CLASSES}")
        self.drop_classes = frozenset(drop_classes)
        self.min_chars = min_chars
        self.cache = cache if cache is not None else MemoryTokenCache()
        self._decisions = _Decisions(self.keeps)

    def __repr__(self) -> str:
        return (
            f"Tokenizer({self.segmenter!r}, {len(self.stopwords)} stopwords, keep={len(self.keep)}, "
            f"drop_classes={sorted(self.drop_classes)}, min_chars={self.min_chars}, "
            f"cache={type(self.cache).__name__})"
        )

    def keeps(self, token: str) -> bool:
        """Whether ``tokenize`` keeps this token."""
        if token in self.keep:
            return True
        return not (
            token in self.stopwords or len(token) < self.min_chars or token_class(token) in self.drop_classes
        )

    def _filter(self, words: list[str]) -> list[str]:
        # One dictionary lookup per word: each distinct word is decided on first sight, once per
        # Tokenizer (_Decisions); a kept word comes back as one shared string object, so a large
        # corpus holds each kept word once, and a dropped one as "" (words are never empty).
        return list(filter(None, map(self._decisions.__getitem__, words)))

    # -- segmentation with the cache --------------------------------------------------------

    def segment_texts(
        self, texts: Sequence[str], n_jobs: int = 1, *, backend: str | None = None
    ) -> list[list[str]]:
        """``segment`` for many texts: cached by content hash, each distinct text segmented once.

        ``n_jobs`` > 1 (or -1 for all cores) segments the texts not in the cache in worker
        processes (forked from this one, see ``textkit.parallel.forks``; ``backend="loky"`` for
        joblib's); ``backend`` is a joblib backend: ``"dask"`` sends the work
        to the ``dask.distributed`` cluster of the current ``Client`` (``n_jobs`` is then
        ignored), see ``textkit.parallel.map_batches``. The words do not depend on either.

        Each distinct word is one string object shared by every list (``_Shared``): the
        2.98 million words of People's Daily's 4,605 articles took 470 MiB as strings of their
        own, 254 MiB shared (the same lists, equal word for word).
        """
        return self._segment_each(texts, n_jobs, backend, partial(_decided_lists, decisions=_Shared()))

    def _segment_each(
        self,
        texts: Sequence[str],
        n_jobs: int,
        backend: str | None,
        each: Callable[[Sequence[str]], list[list[str]]],
    ) -> list[list[str]]:
        """``each(segmentations)`` for every text, in order, where a segmentation is the words
        joined by spaces and ``each`` gives one list per segmentation.

        Segmentations come from the cache or are computed (once per distinct text); ``each`` is
        applied to groups of them as results arrive (``_CHUNK_CHARS``), so the filters run while
        the workers are still segmenting.
        """
        for row, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"text of row {row} is {type(text).__name__}, not str")
        keys = [_text_key(text) for text in texts]
        pending = dict(zip(keys, texts, strict=True))  # one entry per distinct text
        namespace = f"tokens-{self.segmenter.fingerprint}"
        found = self.cache.get_many(namespace, list(pending))
        results: dict[str, list[str]] = {}
        for chunk in _chunks(found.items(), _CHUNK_CHARS):
            results.update(_applied(each, chunk))
        for key in found:
            del pending[key]
        del found
        if pending:
            keep_joined = not isinstance(self.cache, NullTokenCache)
            computed: dict[str, str] = {}
            produced = zip(pending, self._run(list(pending.values()), n_jobs, backend), strict=True)
            for chunk in _chunks(produced, _CHUNK_CHARS):
                results.update(_applied(each, chunk))
                if keep_joined:
                    computed.update(chunk)
            self.cache.put_many(namespace, computed)
        out, seen = [], set()
        for key in keys:
            # a repeated text gets its own list, so that changing one row never changes another
            out.append(list(results[key]) if key in seen else results[key])
            seen.add(key)
        return out

    def _run(self, texts: list[str], n_jobs: int, backend: str | None) -> Iterable[str]:
        if (n_jobs == 1 and backend is None) or not worth_parallel(texts):
            return map(self.segmenter.segment_joined, texts)
        if forks(n_jobs, backend):
            return self._run_forked(texts, n_jobs, backend)
        return imap_batches(_segment_batch, self.segmenter, texts, n_jobs=n_jobs, backend=backend)

    def _run_forked(self, texts: list[str], n_jobs: int, backend: str | None) -> Iterator[str]:
        """``imap_batches`` in workers forked from this process, which builds the dictionary for them
        first; what it built only for them (the segmenter's dictionary, and jieba's table when this
        process had not read it) is let go once they are done: a notebook kernel that segmented its
        corpus in workers does not carry some 100 MiB of dictionaries through its later cells."""
        from textkit import _jieba_dict

        segmenter = _process_segmenter(self.segmenter)  # the one the workers will find
        built = segmenter.built
        table_read = _jieba_dict.dictionary_frequencies.cache_info().currsize > 0
        warm_worker(self.segmenter)  # built here once: the forked workers find it built
        try:
            yield from imap_batches(_segment_batch, self.segmenter, texts, n_jobs=n_jobs, backend=backend)
        finally:
            if not built:
                segmenter.release()
            if not table_read:
                _jieba_dict.dictionary_frequencies.cache_clear()

    # -- public API ------------------------------------------------------------------------

    def segment(self, text: str) -> list[str]:
        """Every word in order, whitespace dropped (cached)."""
        return self.segment_texts([text])[0]

    def tokenize(self, text: str) -> list[str]:
        """``segment`` followed by the stopword and token-class filters."""
        return self._filter(self.segment(text))

    def tokenize_corpus(
        self,
        articles: pd.DataFrame | pd.Series | Sequence[str],
        n_jobs: int = 1,
        *,
        backend: str | None = None,
    ) -> list[list[str]]:
        """One token list per row of ``articles`` (its ``text`` column), in row order.

        ``articles`` may also be a Series or list of texts. See ``segment_texts`` for
        ``n_jobs`` and ``backend``; the tokens do not depend on either.
        """
        texts = _texts_of(articles)
        filtered = partial(_decided_lists, decisions=self._decisions)
        if isinstance(self.cache, NullTokenCache | MemoryTokenCache):  # in memory: one copy is enough
            return self._segment_each(texts, n_jobs, backend, filtered)
        for row, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"text of row {row} is {type(text).__name__}, not str")
        # The analysis tokens themselves are kept too, by text and by everything the filters
        # depend on (``filter_fingerprint``): a rerun reads them instead of filtering every
        # segmentation again (about 2 s a notebook on 4,500 articles).
        namespace = f"analysis-{self.segmenter.fingerprint}-{self.filter_fingerprint()}"
        keys = [_text_key(text) for text in texts]
        # The whole list is kept too, by the keys of every text in order: a rerun on the same texts
        # (every notebook, every warm report) unpickles it, about 4 times faster than reading and
        # splitting each text's tokens; one new text is a new key, so the texts are read one by one.
        whole = _corpus_key(keys)
        blobs = self.cache if hasattr(self.cache, "get_pickle") else None
        if blobs is not None:
            stored, tokens = blobs.get_pickle(namespace, whole)
            if stored:
                return tokens
        found = self.cache.get_many(namespace, list(dict.fromkeys(keys)))
        pending = {key: text for key, text in zip(keys, texts, strict=True) if key not in found}
        # split at C speed (pyarrow, _decided_lists), each distinct word one shared object: the
        # texts a rerun with one new file reads, 0.9 s of CPU on People's Daily by str.split and
        # sys.intern text by text, 0.45 s this way
        shared = partial(_decided_lists, decisions=_Shared())
        results = {}
        for chunk in _chunks(found.items(), _CHUNK_CHARS):
            results.update(_applied(shared, chunk))
        del found
        if pending:
            computed = self._segment_each(list(pending.values()), n_jobs, backend, filtered)
            results.update(zip(pending, computed, strict=True))
            self.cache.put_many(namespace, {key: " ".join(results[key]) for key in pending})
        out, seen = [], set()
        for key in keys:
            # a repeated text gets its own list, so that changing one row never changes another
            out.append(list(results[key]) if key in seen else results[key])
            seen.add(key)
        if blobs is not None:
            blobs.put_pickle(namespace, whole, out)
        return out

    def filter_fingerprint(self) -> str:
        """What the filters' decisions depend on: the stopwords, the kept words, the dropped token
        classes, ``min_chars``, the source of ``textkit.tokenize`` (``token_class``) and the
        Unicode version (``unicodedata``). Analysis tokens are cached under it."""
        spec = {
            "stopwords": sorted(self.stopwords),
            "keep": sorted(self.keep),
            "drop_classes": sorted(self.drop_classes),
            "min_chars": self.min_chars,
            "unicode": unicodedata.unidata_version,
            "source": _package_source_digest(),
        }
        blob = json.dumps(spec, ensure_ascii=False, sort_keys=True).encode("utf-8", "surrogatepass")
        return hashlib.sha256(blob).hexdigest()[:24]

    def _filter_joined(self, joined: str) -> list[str]:
        return _decided(joined, self._decisions)


class _Decisions(dict):
    """The filter's decision for each word seen: the word itself (the first object seen, shared
    from then on) when kept, ``""`` when dropped; an unseen word is decided by ``keeps`` on
    lookup. It replaced a set of the words of each text checked against two memos, then one
    lookup per word: on People's Daily's 3.1 M words that took 1.0-1.3 s of CPU, this 0.6-0.7 s.

    Given the ``Tokenizer`` whose ``keeps`` it is (not a subclass's), a Han word (``_HAN_WORD``,
    95 % of People's Daily's 107,000 distinct words) is decided here: kept unless a stopword or
    shorter than ``min_chars``, as ``keeps`` would when ``"han"`` is not dropped, without its two
    calls (0.15 -> 0.11 s of CPU for those words).

    >>> decisions = _Decisions(Tokenizer(drop_classes={"number"}).keeps)
    >>> decisions["主题教育"], decisions["的"], decisions["二〇二三"], decisions["APP"]
    ('主题教育', '', '', 'APP')
    """

    __slots__ = ("_keeps", "_tokenizer")

    def __init__(self, keeps: Callable[[str], bool]) -> None:
        super().__init__()
        self._keeps = keeps
        owner = getattr(keeps, "__self__", None)
        # the tokenizer's attributes are read at each decision, as keeps reads them
        self._tokenizer = owner if type(owner) is Tokenizer and keeps == owner.keeps else None

    def __missing__(self, word: str) -> str:
        tokenizer = self._tokenizer
        if (
            tokenizer is not None
            and _HAN_WORD.match(word)
            and "han" not in tokenizer.drop_classes
            and word not in tokenizer.stopwords
            and len(word) >= tokenizer.min_chars
        ):
            self[word] = word
            return word
        decision = self[word] = word if self._keeps(word) else ""
        return decision


def _package_source_digest() -> str:
    """SHA-256 of the source of every module of this package (the filters and ``token_class``)."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _corpus_key(keys: Sequence[str]) -> str:
    """The key of a whole list of texts: the content keys of all of them, in order."""
    digest = hashlib.sha256(f"corpus:{len(keys)}\0".encode())
    digest.update("\0".join(keys).encode())
    return "corpus-" + digest.hexdigest()


class _Shared(dict):
    """Each word seen, the first object seen: through ``_decided_lists`` every word is kept and each
    distinct word is one string object for as long as the dictionary lives (faster than
    ``sys.intern``).

    >>> shared = _Shared()
    >>> first, second = _decided_lists(["政绩观 主题教育", "主题教育 政绩观", ""], shared)[:2]
    >>> first == ["政绩观", "主题教育"], first[1] is second[0]
    (True, True)
    """

    __slots__ = ()

    def __missing__(self, word: str) -> str:
        self[word] = word
        return word


# Segmentations are filtered in groups of about this many characters (People's Daily's 4,604
# articles are 5.6 million), as the workers send them: large enough that the per-group work (each
# distinct word of the group looked up once) is small beside the per-word work done at C speed,
# small enough that not much is left to do after the last worker's batch arrives, and that
# pyarrow's copies of a group stay small on a corpus of gigabytes.
_CHUNK_CHARS = 2_000_000


def _chunks(pairs: Iterable[tuple[str, str]], chars: int) -> Iterator[list[tuple[str, str]]]:
    """Consecutive groups of ``(key, segmentation)`` pairs, each closed once its segmentations hold
    ``chars`` characters or more.

    >>> [len(group) for group in _chunks([("a", "政绩观"), ("b", "党"), ("c", "以学促干")], 4)]
    [2, 1]
    """
    group: list[tuple[str, str]] = []
    size = 0
    for pair in pairs:
        group.append(pair)
        size += len(pair[1])
        if size >= chars:
            yield group
            group, size = [], 0
    if group:
        yield group


def _applied(
    each: Callable[[Sequence[str]], list[list[str]]], chunk: list[tuple[str, str]]
) -> Iterator[tuple[str, list[str]]]:
    """``(key, list)`` for each ``(key, segmentation)`` of ``chunk``, the lists from one call of ``each``."""
    keys, joined = zip(*chunk, strict=True)
    return zip(keys, each(joined), strict=True)


def _decided_lists(joined: Sequence[str], decisions: dict[str, str]) -> list[list[str]]:
    """Each segmentation's words (joined by spaces) mapped by ``decisions``, a dictionary that
    decides an unseen word when it is looked up (``_Decisions``, ``_Shared``), without the words
    mapped to ``""``: ``_decided(text, decisions)`` for each text.

    The words are split, and each one's distinct word found, by pyarrow at C speed; each distinct
    word of the group is looked up in ``decisions`` once, and the lists are taken from those
    answers by numpy. On People's Daily's 3.1 M words, in groups of ``_CHUNK_CHARS``, it took
    0.48 s of CPU where splitting each text and looking up every word took 0.59 s (median of 7,
    a shared machine's load average 3.5).

    >>> decisions = _Decisions(lambda word: word != "的")
    >>> _decided_lists(["政绩观 的 主题教育", "", "的"], decisions)
    [['政绩观', '主题教育'], [], []]
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    # pyarrow's buffers here from the C library's malloc: with its default pool (mimalloc) the
    # buffers of each group were given back to the system and faulted in again, 0.1-0.25 s of
    # system CPU in a tokenization of People's Daily with forked workers, against 0.08-0.10 s
    pool = pa.system_memory_pool()
    try:
        # bytes, not the strings themselves: pyarrow would keep a UTF-8 copy inside each string
        encoded_texts = [text.encode() for text in joined]
    except UnicodeEncodeError:  # a lone surrogate, which UTF-8 (and so pyarrow) cannot hold
        return [_decided(text, decisions) for text in joined]
    texts = pa.array(encoded_texts, type=pa.large_binary(), memory_pool=pool).view(pa.large_string())
    del encoded_texts
    lists = pc.split_pattern(texts, " ", memory_pool=pool)  # "" is one empty word, which "" drops
    encoded = pc.dictionary_encode(lists.values, memory_pool=pool)
    shared = np.array(list(map(decisions.__getitem__, encoded.dictionary.to_pylist())), dtype=object)
    index = encoded.indices.to_numpy()
    kept = shared.astype(bool)[index]
    # where each text's kept words end (each text is one word at least: "" is split into [""]);
    # int32 as the list offsets themselves
    ends = np.cumsum(kept, dtype=np.int32)[lists.offsets.to_numpy()[1:] - 1]
    words = shared[index[kept]]
    return [words[start:stop].tolist() for start, stop in pairwise([0, *ends.tolist()])]


def _decided(joined: str, decisions: dict[str, str]) -> list[str]:
    """One segmentation's words mapped by ``decisions``, without the words mapped to ``""``.

    >>> _decided("政绩观 的 主题教育", _Decisions(lambda word: word != "的")), _decided("", _Shared())
    (['政绩观', '主题教育'], [])
    """
    return list(filter(None, map(decisions.__getitem__, joined.split(" ")))) if joined else []


def _texts_of(articles: pd.DataFrame | pd.Series | Sequence[str]) -> list[str]:
    if isinstance(articles, pd.DataFrame):
        if "text" not in articles.columns:
            raise KeyError("articles has no 'text' column")
        return articles["text"].tolist()
    if isinstance(articles, str):
        raise TypeError("tokenize_corpus takes a table or a list of texts; use tokenize() for one text")
    return list(articles)


# --------------------------------------------------------------------------- default instance


@cache
def default_tokenizer() -> Tokenizer:
    """The tokenizer behind ``segment``, ``tokenize`` and ``tokenize_corpus``.

    ``Tokenizer()``: campaign lexicon, HMM on, default stopwords and filters, an in-memory
    cache. Build your own ``Tokenizer`` to change any of these; this one is never modified.
    """
    return Tokenizer()


def segment(text: str, *, tokenizer: Tokenizer | None = None) -> list[str]:
    """Every word of ``text`` in order, whitespace dropped (``''.join`` gives ``text`` back
    without whitespace).

    >>> segment("推动主题教育走深走实")                        # doctest: +SKIP
    ['推动', '主题教育', '走深走实']
    """
    return (tokenizer or default_tokenizer()).segment(text)


def tokenize(text: str, *, tokenizer: Tokenizer | None = None) -> list[str]:
    """Analysis tokens of normalized simplified ``text``: ``segment`` plus filters.

    >>> tokenize("党员干部要以学促干，2023年取得实效。")            # doctest: +SKIP
    ['党员干部', '以学促干', '取得实效']
    """
    return (tokenizer or default_tokenizer()).tokenize(text)


def tokenize_corpus(
    articles: pd.DataFrame | pd.Series | Sequence[str],
    n_jobs: int = 1,
    *,
    tokenizer: Tokenizer | None = None,
    backend: str | None = None,
) -> list[list[str]]:
    """One token list per row of ``articles`` (its ``text`` column), same order.

    ``n_jobs=2`` segments in two worker processes and returns the same tokens.

    >>> tokens = tokenize_corpus(articles, n_jobs=2)            # doctest: +SKIP
    """
    return (tokenizer or default_tokenizer()).tokenize_corpus(articles, n_jobs, backend=backend)
