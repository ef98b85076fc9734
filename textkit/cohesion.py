"""Corpus-adaptive cohesive terms: unquoted sequences of tokens that a corpus uses as one unit.

``textkit.terms.adaptive_terms`` takes the phrases a corpus puts in quotation marks; many units
of official discourse are never quoted (制度优势, 全国两会, 学史明理). ``cohesive_terms`` finds
them from the segmentation itself: a sequence of 2 to ``max_tokens`` tokens, ``min_len`` to
``max_len`` Han characters, that

- recurs: found, cut this way, in at least ``min_articles`` articles, and is cut this way in at
  least ``min_aligned`` of the places its characters occur (otherwise the string straddles
  other words);
- is cohesive: at its weakest cut into two parts, one part has at least ``min_bound`` of its
  occurrences inside the sequence (征程 is nearly always 新征程; 提高 is rarely 提高战略思维),
  and the cut's pointwise mutual information is at least ``min_pmi`` bits;
- occurs in varied contexts: at least ``min_entropy`` bits of branching entropy over the tokens
  before it and over the tokens after it (a fragment of a longer phrase has one neighbour);
- has the shape of a term: no stopword inside, and at an edge only when the rest of the
  sequence never occurs without it (以上率下); no clause word (是, 会, 将 … of
  ``data/adaptive_filters.tsv``), pronoun or particle; no number or numeral-measure word (三项,
  第一); no lexicon term inside (campaign, policy or user: its count would drop); no title of a
  person (习近平|总书记, the ``role_word`` list); no place name (an address or an office:
  河北省邢台市); not a phrase or a clause: a first token that jieba tags as a verb, adverb,
  preposition … (``NOT_FIRST``: 提高战略思维) or a last token tagged as a verb, adjective,
  localizer … (``NOT_LAST``: 数据显示) must have at least ``min_bound`` of its occurrences
  inside the sequence, and an adverb and a verb are a phrase (真正做到, as
  ``tools/lexicon_filters.adverb_verb``);
- is not a free combination: the press does not also write its parts with 的 between them
  (重要意义 / 重要的意义), in at least ``FREE_MIN_ARTICLES`` articles and a ``FREE_SHARE`` of the
  sequence's own articles (the test of ``tools/lexicon_filters.free_combinations``);
- is not another kept sequence plus one token (新时代|新征程 stays two tokens once 新征程 is one).

Each kept sequence has a ``why``. The table is computed on the corpus as its segmenter cuts it,
so it is deterministic (no sampling; ties are broken by the term) and depends on which articles
are loaded. ``textkit.terms.adaptive_terms(articles, unquoted=True)`` adds these terms to the
quoted ones; pass the terms to ``make_tokenizer(extra_terms=…)`` or ``Segmenter.with_terms``: they
become part of the segmenter's fingerprint, so cached segmentations without them are not reused.

Counting is vectorized: every token sequence is a 64-bit polynomial hash of its token ids, as
``textkit.terms`` hashes characters; on 4,491 People's Daily articles the table takes a few
seconds after segmentation.

>>> table = cohesive_terms(articles)                                    # doctest: +SKIP
>>> table[["term", "articles", "segmented"]].head(2)                    # doctest: +SKIP
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from textkit._ngrams import _MULTIPLIER, _CharCorpus, branching_entropy, string_counts, texts_per_group
from textkit.datafiles import read_tsv
from textkit.tokenize import (
    DEFAULT_LEXICON,
    Segmenter,
    Tokenizer,
    _texts_of,
    default_stopwords,
    read_lexicon,
)

__all__ = [
    "COHESIVE_COLUMNS",
    "FREE_MIN_ARTICLES",
    "FREE_SHARE",
    "NOT_FIRST",
    "NOT_LAST",
    "cohesive_terms",
    "shape_flaw",
]

COHESIVE_COLUMNS = [
    "term",
    "articles",
    "freq",
    "segmented",
    "bound",
    "pmi",
    "left_entropy",
    "right_entropy",
    "why",
]
# The 的 test of tools/lexicon_filters.free_combinations: "left + 的 + right" in at least this many
# articles, and in at least this share of as many articles as the sequence itself.
FREE_MIN_ARTICLES = 2
FREE_SHARE = 0.1
# jieba's tags of a first word that makes a phrase, not a name (tools/lexicon_filters.NOT_FIRST):
# verb, adverb, preposition, conjunction, particle, pronoun, numeral, measure word.
NOT_FIRST = frozenset({"v", "d", "ad", "p", "c", "u", "r", "m", "q"})
# ... and of a last word that makes a clause or a phrase: verb, adjective, adverb, localizer, time,
# status word, preposition, conjunction, particle, pronoun, numeral, measure word, interjection.
NOT_LAST = frozenset(
    {"v", "vd", "vg", "a", "ad", "ag", "d", "dg", "f", "t", "tg", "z", "zg", "p", "c", "u", "uv", "ud"}
    | {"uj", "ul", "r", "m", "q", "y", "e", "o"}
)
# The speech characters of data/adaptive_filters.tsv that mark a token wherever they are in it
# (这支, 我们); the others (了, 着, 过) only as a token of their own (了解, 着力, 通过 are words).
_PRONOUN_CHARS = frozenset("我你他她它们这那")
_HAN_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
# A numeral word (十五, 两), or a numeral with an ordinal 第 or one measure word (三项, 五个, 第一,
# 七大): a numbered item, not a term of its own (两会, 一体 are words: 会, 体 are no measure words).
_NUMERAL = re.compile(
    "第?[〇○零一二三四五六七八九十百千万亿两]+[个项条名位次种类件大批届年月日天岁号点倍成级期座家所只场轮份张层]?"
)


def segmented(
    texts: Sequence[str], segmenter: Segmenter, cache_dir: str | os.PathLike | None = None
) -> list[list[str]]:
    """``[segmenter.segment(text) for text in texts]``; with ``cache_dir``, through the cache of
    segmentations that ``Tokenizer`` keeps there (by text and segmenter fingerprint), so the
    texts a notebook has tokenized are read, not segmented again (each text is its own key: a
    corpus with one new article segments that article only).

    >>> segmented(["推动高质量发展"], Segmenter(lexicon=None))
    [['推动', '高质量', '发展']]
    """
    if cache_dir is None:
        return [segmenter.segment(text) for text in texts]
    from textkit.cache import ParquetCache

    return Tokenizer(segmenter, cache=ParquetCache(cache_dir)).segment_texts(list(texts))


def _sequences(texts: list[str], segmenter: Segmenter, cache_dir: str | os.PathLike | None) -> _Sequences:
    """``_Sequences.from_segmented(segmented(texts, segmenter, cache_dir))``; with ``cache_dir``
    from the segmentations as the cache keeps them (words joined by spaces), with no list of
    words made for each text (``_Sequences.from_joined``)."""
    if cache_dir is None:
        return _Sequences.from_segmented(segmented(texts, segmenter))
    from textkit.cache import ParquetCache

    distinct = list(dict.fromkeys(texts))  # each text once: _segment_each copies a repeat's list
    tokenizer = Tokenizer(segmenter, cache=ParquetCache(cache_dir))
    joined = dict(zip(distinct, tokenizer._segment_each(distinct, 1, None, list), strict=True))
    return _Sequences.from_joined([joined[text] for text in texts])


@cache
def _adaptive_filters() -> dict[str, frozenset[str]]:
    """The word lists of ``data/adaptive_filters.tsv`` by kind: ``speech_char`` (a quoted phrase
    with one of these characters reads as speech: 了, 吗, 我, 这 …) and ``clause_word`` (a
    phrase with one of these words, as the segmenter cuts it, is a clause: 是, 会, 将 …)."""
    kinds: dict[str, set[str]] = {}
    for row in read_tsv("adaptive_filters.tsv"):
        kinds.setdefault(row["kind"], set()).add(row["item"])
    return {kind: frozenset(items) for kind, items in kinds.items()}


@cache
def _tagger():
    """jieba's part-of-speech tagger over its default dictionary (built once: it reads the file)."""
    import jieba.posseg

    from textkit._jieba import plain_tokenizer

    return jieba.posseg.POSTokenizer(plain_tokenizer())


# Tags known in this process: computed here or read from a cache folder (``_cached_tags``).
_TAGS: dict[tuple[str, bool], str] = {}


def _tag(word: str, first: bool) -> str:
    """jieba's part-of-speech tag of the first (or last) word of ``word`` (default dictionary, no
    HMM)."""
    key = (word, first)
    if key not in _TAGS:
        tags = [pair.flag for pair in _tagger().cut(word, HMM=False)]
        _TAGS[key] = tags[0] if first else tags[-1]
    return _TAGS[key]


def _tagger_built() -> bool:
    """Whether ``_tagger`` was built in this process."""
    info = getattr(_tagger, "cache_info", None)
    return info is not None and info().currsize > 0


def _possible_edges(seq: _Sequences, max_len: int) -> list[str]:
    """The Han tokens found twice or more, shorter than ``max_len`` characters: the first or last
    token of a sequence that one more article can make a candidate (in 3 articles, 4 characters
    or more) is one of them, unless that article brings it twice itself."""
    counts = np.bincount(seq.ids, minlength=len(seq.words) + 1)[1:]
    short = np.fromiter(map(len, seq.words), dtype=np.int64, count=len(seq.words)) < max_len
    return seq.words[(counts >= 2) & short].tolist()


def _tags_namespace() -> str:
    """Where a cache folder keeps ``_tag``'s answers: they change only with this module's code
    (and the textkit code it imports), jieba's version and its dictionary file."""
    from textkit.cache import code_version
    from textkit.tokenize import _jieba_dictionary_digest

    version = code_version("textkit.cohesion", packages=("jieba",))
    return f"postags-{version}-{_jieba_dictionary_digest()[:16]}"


@contextmanager
def _cached_tags(words: Iterable[tuple[str, bool]], cache_dir: str | os.PathLike | None):
    """Within the block, ``_tag`` reads the tags of ``words`` kept in ``cache_dir`` (building
    jieba's tagger took about 2 s of every notebook run that computed the cohesive terms); the
    tags computed in the block are kept there afterwards. ``None``: nothing read or kept."""
    if cache_dir is None:
        yield
        return
    from textkit.cache import ParquetCache

    cache = ParquetCache(cache_dir)
    namespace = _tags_namespace()
    wanted = {f"{int(first)}{word}": (word, first) for word, first in words}
    missing = [key for key in wanted if wanted[key] not in _TAGS]
    for key, tag in cache.get_many(namespace, missing).items():
        _TAGS[wanted[key]] = tag
    before = set(_TAGS)
    yield
    fresh = {f"{int(first)}{word}": _TAGS[word, first] for word, first in set(_TAGS) - before}
    cache.put_many(namespace, fresh)


@cache
def _campaign_terms() -> frozenset[str]:
    return frozenset(entry.term for entry in read_lexicon(DEFAULT_LEXICON))


def _is_numeral(token: str) -> bool:
    """A numeral word or a numbered item (三项, 第一, 五个, 七大), not 两会 or 一体.

    >>> [_is_numeral(t) for t in ("三项", "第一", "第一粒", "两", "两会", "一体", "一律平等")]
    [True, True, False, True, False, False, False]
    """
    return _NUMERAL.fullmatch(token) is not None


def shape_flaw(
    tokens: Sequence[str],
    stopwords: frozenset[str],
    *,
    first_bound: float = 0.0,
    last_bound: float = 0.0,
    rest_bound: float = 0.0,
    min_bound: float = 0.3,
    edge_bound: float = 0.9,
    lexicon: frozenset[str] | None = None,
) -> str | None:
    """Why a sequence of tokens does not have the shape of a term, or ``None`` when it does.

    A token that is a ``lexicon`` term (default: the campaign lexicon's) leaves the sequence out:
    as one token it would hide the term inside it (金砖国家|领导人 would take 金砖国家's count).

    ``first_bound`` and ``last_bound`` are the shares of the first and of the last token's
    occurrences that are inside the sequence; a first token that jieba tags as in ``NOT_FIRST``
    (提高: a verb) or a last token tagged as in ``NOT_LAST`` (显示: a verb, 深刻: an adjective,
    期间: a localizer) needs ``min_bound`` of them, or the sequence is a phrase or a clause.
    ``rest_bound``, for a sequence with a stopword at an edge, is the share of the rest's
    occurrences that are next to that stopword; it needs ``edge_bound`` (以上率下: 率下 is never
    found without 以上).

    >>> stop = frozenset({"和", "以上", "的"})
    >>> shape_flaw(["照片", "和", "视频"], stop)
    'stopword 和 inside'
    >>> shape_flaw(["以上", "率下"], stop, rest_bound=1.0, last_bound=1.0) is None
    True
    >>> shape_flaw(["提高", "战略思维"], stop, first_bound=0.004, last_bound=0.4)
    'a phrase: 提高 (v) is mostly used elsewhere'
    >>> shape_flaw(["数据", "显示"], stop, first_bound=0.2, last_bound=0.1)
    'a clause: 显示 (v) is mostly used elsewhere'
    >>> shape_flaw(["三项", "原则"], stop)
    'numeral 三项'
    >>> shape_flaw(["真正", "做到"], stop, first_bound=0.5, last_bound=0.5)
    'an adverb and a verb: 真正|做到'
    """
    filters = _adaptive_filters()
    lexicon = _campaign_terms() if lexicon is None else lexicon
    for at, token in enumerate(tokens):
        if token in filters["clause_word"]:
            return f"clause word {token}"
        if token in filters["speech_char"] or _PRONOUN_CHARS.intersection(token) & filters["speech_char"]:
            return f"speech {token}"
        if _is_numeral(token):
            return f"numeral {token}"
        if token in lexicon:
            return f"holds the lexicon term {token}"
        if token.endswith(tuple(filters["role_word"])):
            return f"a name with a title: {token}"
        if token in stopwords:
            if 0 < at < len(tokens) - 1:
                return f"stopword {token} inside"
            if rest_bound < edge_bound:
                return f"stopword {token} at an edge"
    tag = _tag(tokens[0], first=True)
    if len(tokens) == 2 and tag in ("d", "ad") and _tag(tokens[1], first=False) == "v":
        return f"an adverb and a verb: {tokens[0]}|{tokens[1]}"  # tools/lexicon_filters.adverb_verb
    if tag in NOT_FIRST and first_bound < min_bound:
        return f"a phrase: {tokens[0]} ({tag}) is mostly used elsewhere"
    tag = _tag(tokens[-1], first=False)
    if tag in NOT_LAST and last_bound < min_bound:
        return f"a clause: {tokens[-1]} ({tag}) is mostly used elsewhere"
    return None


def _has_place(term: str) -> bool:
    """Whether textkit's place finder finds an administrative division in ``term`` (河北省邢台市,
    武警河北总队), as ``tools/lexicon_filters.has_place`` asks of lexicon candidates."""
    from textkit.extract.places import _default_matcher

    return len(_default_matcher().find(term, 0)) > 0


@dataclass
class _Sequences:
    """The corpus as one array of token ids (0: a token that is not all Han, or a text break)."""

    ids: np.ndarray
    docs: np.ndarray
    words: np.ndarray  # words[id - 1] is the token of id
    lengths: np.ndarray  # characters of each position's token

    @classmethod
    def from_segmented(cls, segmented: Sequence[Sequence[str]]) -> _Sequences:
        flat: list[str] = []
        doc_of: list[int] = []
        for words in segmented:
            flat.extend(words)
            flat.append("")
            doc_of.append(len(words) + 1)
        codes, uniques = pd.factorize(np.array(flat, dtype=object), sort=True)
        han = np.array([bool(_HAN_TOKEN.fullmatch(word)) for word in uniques], dtype=bool)
        # ids 1..V for Han tokens, in sorted order, so that the ids do not depend on text order
        new_id = np.zeros(len(uniques), dtype=np.int64)
        new_id[han] = np.arange(1, int(han.sum()) + 1)
        ids = new_id[codes] if len(codes) else np.zeros(0, dtype=np.int64)
        lengths = np.array([len(word) for word in uniques], dtype=np.int64)[codes] if len(codes) else ids
        docs = np.repeat(np.arange(len(doc_of)), doc_of)
        return cls(ids, docs, np.asarray(uniques[han], dtype=object), lengths)

    @classmethod
    def from_joined(cls, joined: Sequence[str]) -> _Sequences:
        """``from_segmented`` of segmentations given as their words joined by spaces (as the cache
        of segmentations keeps them): split and numbered by pyarrow at C speed, without a list of
        words per text (on People's Daily's 4,600 texts 2 s of CPU became 0.5 s); the same arrays.

        >>> seq = _Sequences.from_joined(["推动 高质量 发展", "", "发展 2023"])
        >>> seq.ids.tolist(), seq.docs.tolist(), seq.lengths.tolist()
        ([2, 3, 1, 0, 0, 1, 0, 0], [0, 0, 0, 0, 1, 2, 2, 2], [2, 3, 2, 0, 0, 2, 4, 0])
        >>> seq.words.tolist()
        ['发展', '推动', '高质量']
        """
        import pyarrow as pa
        import pyarrow.compute as pc

        if not joined:
            return cls.from_segmented([])
        pool = pa.system_memory_pool()  # as tokenize._decided_lists: no mimalloc round trips
        try:
            encoded_texts = [text.encode() for text in joined]
        except UnicodeEncodeError:  # a lone surrogate, which UTF-8 (and so pyarrow) cannot hold
            return cls.from_segmented([[word for word in text.split(" ") if word] for text in joined])
        texts = pa.array(encoded_texts, type=pa.large_binary(), memory_pool=pool).view(pa.large_string())
        del encoded_texts
        lists = pc.split_pattern(texts, " ", memory_pool=pool)
        encoded = pc.dictionary_encode(lists.values, memory_pool=pool)
        distinct = encoded.dictionary.to_pylist()  # "" (an empty text's one word) is no word
        index = encoded.indices.to_numpy().astype(np.int64)
        kept = np.array([bool(word) for word in distinct], dtype=bool)[index]
        # each text's kept words, then a break ("", as from_segmented appends)
        starts = lists.offsets.to_numpy()[:-1]  # every text holds one word at least ("" is [""])
        doc_of = np.add.reduceat(kept.astype(np.int64), starts) + 1
        # the distinct words with "" in sorted order, as pd.factorize(sort=True) numbers them
        uniques = np.array(sorted({"", *distinct}), dtype=object)
        han = np.array([bool(_HAN_TOKEN.fullmatch(word)) for word in uniques], dtype=bool)
        new_id = np.zeros(len(uniques), dtype=np.int64)
        new_id[han] = np.arange(1, int(han.sum()) + 1)
        rank = {word: position for position, word in enumerate(uniques.tolist())}
        code_of = np.array([rank[word] for word in distinct], dtype=np.int64)
        codes = np.zeros(int(doc_of.sum()), dtype=np.int64)  # breaks: "" is the first unique
        breaks = np.cumsum(doc_of) - 1
        at_word = np.ones(len(codes), dtype=bool)
        at_word[breaks] = False
        codes[at_word] = code_of[index[kept]]
        ids = new_id[codes]
        lengths = np.array([len(word) for word in uniques], dtype=np.int64)[codes]
        docs = np.repeat(np.arange(len(doc_of)), doc_of)
        return cls(ids, docs, np.asarray(uniques[han], dtype=object), lengths)

    def hashes(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Hash of the n tokens from each position, and whether all n are Han tokens."""
        size = len(self.ids) - n + 1
        if size <= 0:
            return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=bool)
        key = np.zeros(size, dtype=np.uint64)
        valid = np.ones(size, dtype=bool)
        multiplier = np.uint64(_MULTIPLIER)
        for k in range(n):
            part = self.ids[k : k + size]
            key = key * multiplier + part.astype(np.uint64)
            valid &= part > 0
        return key, valid


def _position_counts(key: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """How often the key at each valid position occurs among the valid positions (0 elsewhere).

    Counted by hashing (``pd.factorize``) rather than by sorting, and read by position, so that no
    later lookup of a sequence's count (or of its parts') needs a search.

    >>> _position_counts(np.array([5, 7, 5, 5], dtype=np.uint64), np.array([True, True, True, False]))
    array([2, 1, 2, 0])
    """
    out = np.zeros(len(key), dtype=np.int64)
    codes, _ = pd.factorize(key[valid])
    out[valid] = np.bincount(codes)[codes] if len(codes) else codes
    return out


_STAT_COLUMNS = [
    "term",
    "tokens",
    "articles",
    "freq",
    "bound",
    "pmi",
    "left_entropy",
    "right_entropy",
    "first_bound",
    "last_bound",
    "after_first",
    "before_last",
]


def _statistics(
    seq: _Sequences,
    *,
    max_tokens: int,
    min_articles: int,
    min_len: int,
    max_len: int,
    min_bound: float = 0.0,
    min_pmi: float = -np.inf,
    min_entropy: float = 0.0,
) -> pd.DataFrame:
    """One row per token sequence of 2..max_tokens Han tokens and min_len..max_len characters
    found in at least ``min_articles`` texts and passing the thresholds: its tokens and statistics
    (``_STAT_COLUMNS``; ``first_bound``, ``last_bound``: the shares of the first and the last
    token's occurrences inside the sequence; ``after_first``, ``before_last``: the same for the
    tokens after the first and before the last)."""
    n_tokens = int((seq.ids > 0).sum())
    per_n: dict[int, np.ndarray] = {}
    valid_n: dict[int, np.ndarray] = {}
    count_at: dict[int, np.ndarray] = {}  # count_at[n][i]: occurrences of the n tokens from i
    for n in range(1, max_tokens + 1):
        per_n[n], valid_n[n] = seq.hashes(n)
        count_at[n] = _position_counts(per_n[n], valid_n[n])
    chars = np.concatenate([[0], np.cumsum(seq.lengths)])
    n_docs = int(seq.docs.max(initial=-1)) + 1
    frames = []
    for n in range(2, max_tokens + 1):
        key = per_n[n]
        size = len(key)
        length = chars[n : n + size] - chars[:size]
        wanted = valid_n[n] & (length >= min_len) & (length <= max_len)
        wanted &= count_at[n] >= min_articles  # as often as in min_articles texts, at least
        positions = np.flatnonzero(wanted)
        if not len(positions):
            continue
        # np.unique(…, return_inverse=True, return_counts=True) by hashing: the same sorted keys
        group, found = pd.factorize(key[positions], sort=True)
        group = group.astype(np.int64)
        freq = np.bincount(group, minlength=len(found))
        articles = texts_per_group(group, seq.docs[positions], len(found), n_docs)
        first = np.empty(len(found), dtype=np.int64)
        first[group] = positions  # every occurrence of a group is the same tokens
        bound = np.full(len(found), np.inf)
        pmi = np.full(len(found), np.inf)
        for cut in range(1, n):
            left_count = count_at[cut][first]
            right_count = count_at[n - cut][first + cut]
            bound = np.minimum(bound, np.maximum(freq / left_count, freq / right_count))
            pmi = np.minimum(pmi, np.log2(freq * n_tokens / (left_count * right_count)))
        keep = (articles >= min_articles) & (bound >= min_bound) & (pmi >= min_pmi)
        if not keep.any():
            continue
        new_group = np.full(len(found), -1, dtype=np.int64)
        new_group[keep] = np.arange(int(keep.sum()))
        group = new_group[group]
        chosen = group >= 0
        group, positions = group[chosen], positions[chosen]
        freq, articles, first, bound, pmi = freq[keep], articles[keep], first[keep], bound[keep], pmi[keep]
        left = np.where(positions > 0, seq.ids[np.maximum(positions - 1, 0)], 0)
        after = positions + n
        right = np.where(after < len(seq.ids), seq.ids[np.minimum(after, len(seq.ids) - 1)], 0)
        frame = pd.DataFrame(
            {
                "articles": articles,
                "freq": freq,
                "bound": bound,
                "pmi": pmi,
                "left_entropy": branching_entropy(group, left, freq),
                "right_entropy": branching_entropy(group, right, freq),
                "first_bound": freq / count_at[1][first],
                "last_bound": freq / count_at[1][first + n - 1],
                "after_first": freq / count_at[n - 1][first + 1],
                "before_last": freq / count_at[n - 1][first],
                "first": first,
            }
        )
        frame = frame[np.minimum(frame["left_entropy"], frame["right_entropy"]) >= min_entropy]
        frame["tokens"] = [
            tuple(seq.words[i - 1] for i in seq.ids[start : start + n].tolist()) for start in frame["first"]
        ]
        frame["term"] = frame["tokens"].map("".join)
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=_STAT_COLUMNS)
    return pd.concat(frames, ignore_index=True)[_STAT_COLUMNS]


def cohesive_terms(
    articles: pd.DataFrame | pd.Series | Sequence[str],
    *,
    min_articles: int = 3,
    min_len: int = 4,
    max_len: int = 8,
    max_tokens: int = 3,
    min_bound: float = 0.3,
    min_pmi: float = 8.0,
    min_entropy: float = 1.0,
    min_aligned: float = 0.8,
    segmenter: Segmenter | None = None,
    stopwords: Iterable[str] | None = None,
    cache_dir: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Unquoted sequences of tokens this corpus uses as a unit, for its tokenizer (see the module).

    ``segmenter`` (default ``Segmenter(policy_lexicon=POLICY_LEXICON, shapes=True)``, the notebooks') cuts
    the texts; ``stopwords`` default to ``default_stopwords()``. With ``cache_dir`` the texts'
    segmentations are read from (and kept in) that cache folder, where ``Tokenizer`` keeps them
    (``segmented``): the table does not depend on it. Returns a DataFrame with
    ``COHESIVE_COLUMNS``: ``term``; ``articles`` and ``freq`` (articles and occurrences cut as
    ``segmented``, the tokens space-separated); ``bound`` (at the weakest cut, the larger share of
    a part's occurrences inside the sequence), ``pmi`` (bits, at the weakest cut),
    ``left_entropy`` and ``right_entropy`` (bits); ``why`` (a sentence); sorted by ``articles``
    (descending), then ``term``.
    """
    from textkit.tokenize import POLICY_LEXICON

    texts = [text for text in _texts_of(articles) if isinstance(text, str)]
    segmenter = segmenter if segmenter is not None else Segmenter(policy_lexicon=POLICY_LEXICON, shapes=True)
    stopwords = default_stopwords() if stopwords is None else frozenset(stopwords)
    empty = pd.DataFrame(columns=COHESIVE_COLUMNS)
    seq = _sequences(texts, segmenter, cache_dir)
    if not (seq.ids > 0).any():
        return empty
    stats = _statistics(
        seq,
        max_tokens=max_tokens,
        min_articles=min_articles,
        min_len=min_len,
        max_len=max_len,
        min_bound=min_bound,
        min_pmi=min_pmi,
        min_entropy=min_entropy,
    )
    lexicon = segmenter.terms
    stats = stats[~stats["term"].isin(lexicon)]
    edges = [(tokens[0], True) for tokens in stats["tokens"]]
    edges += [(tokens[-1], False) for tokens in stats["tokens"]]
    with _cached_tags(edges, cache_dir):
        kept = [row for row in stats.itertuples(index=False) if _shape_ok(row, stopwords, min_bound, lexicon)]
        if cache_dir is not None and _tagger_built():
            # jieba's tagger was built for words the folder did not hold (a new corpus): while it
            # is loaded, tag every word that could be an edge once articles are added, so that a
            # rerun with one more file finds their tags and does not build it (2 s of wall time):
            # the 8 edges a rerun of rmrb-2023-07-08 with one more article asked for had been in
            # 2 to 410 places. About 1 s of CPU for its 62,000 such words, once.
            for word in _possible_edges(seq, max_len):
                _tag(word, True)
                _tag(word, False)
    if not kept:
        return empty
    table = pd.DataFrame(kept)
    corpus = _CharCorpus.from_texts(texts)
    forms = {term: _de_forms(tokens) for term, tokens in zip(table["term"], table["tokens"], strict=True)}
    counts = string_counts(corpus, [*forms, *(form for found in forms.values() for form in found)])
    rows = []
    for row in table.itertuples(index=False):
        occurrences = counts.get(row.term, (row.freq, row.articles))[0]
        if row.freq < min_aligned * occurrences:
            continue
        with_de = max((counts.get(form, (0, 0))[1] for form in forms[row.term]), default=0)
        if with_de >= FREE_MIN_ARTICLES and with_de >= FREE_SHARE * row.articles:
            continue
        if _has_place(row.term):
            continue
        rows.append(row)
    terms = {row.tokens for row in rows}
    out = []
    for row in rows:
        tokens = row.tokens
        # another kept sequence plus one token stays two tokens (新时代|新征程)
        if any(tokens[:k] in terms or tokens[k:] in terms for k in range(1, len(tokens)) if len(tokens) > 2):
            continue
        why = (
            f"in {row.articles} articles ({row.freq} times) cut as {'|'.join(tokens)}; "
            f"{row.bound:.0%} of a part's uses inside it, PMI {row.pmi:.1f}, "
            f"context variety {row.left_entropy:.1f}/{row.right_entropy:.1f} bits"
        )
        out.append(
            (
                row.term,
                row.articles,
                row.freq,
                " ".join(tokens),
                round(row.bound, 3),
                round(row.pmi, 3),
                round(row.left_entropy, 3),
                round(row.right_entropy, 3),
                why,
            )
        )
    frame = pd.DataFrame(out, columns=COHESIVE_COLUMNS)
    return frame.sort_values(["articles", "term"], ascending=[False, True], ignore_index=True)


def _shape_ok(row, stopwords: frozenset[str], min_bound: float, lexicon: frozenset[str]) -> bool:
    """Whether a row of ``_statistics`` has the shape of a term (``shape_flaw`` finds none)."""
    tokens = row.tokens
    rest = row.after_first if tokens[0] in stopwords else row.before_last
    flaw = shape_flaw(
        tokens,
        stopwords,
        first_bound=row.first_bound,
        last_bound=row.last_bound,
        rest_bound=rest,
        min_bound=min_bound,
        lexicon=lexicon,
    )
    return flaw is None


def _de_forms(tokens: Sequence[str]) -> list[str]:
    """The sequence with 的 at each cut between parts of two characters or more (制度的优势)."""
    forms = []
    for cut in range(1, len(tokens)):
        left, right = "".join(tokens[:cut]), "".join(tokens[cut:])
        if len(left) >= 2 and len(right) >= 2:
            forms.append(f"{left}的{right}")
    return forms
