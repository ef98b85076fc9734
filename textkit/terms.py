"""Term discovery: candidates for the campaign lexicon, found in the corpus itself.

``suggest_terms`` proposes two kinds of candidates for a researcher to review:

- **quote**: phrases the press itself puts in quotation marks (“四下基层”, “千万工程”), the
  way official discourse marks a formulation; a quoted enumeration (“学思想、强党性”) gives
  one candidate per item;
- **ngram**: frequent strings of Han characters that hold together (high pointwise mutual
  information between the two parts of their weakest cut) and occur in varied contexts (high
  left and right branching entropy: many different characters before and after them), the
  usual unsupervised test for a word; those whose segmentation starts or ends with a stopword
  (的重要, 提供了) are left out.

Candidates that the segmenter already keeps as one token and that are not lexicon terms are
left out too (jieba's dictionary has them). Counting is vectorized with numpy: every string of
n characters is a 64-bit polynomial hash of its character ids, and an n-gram is only counted
where both of its (n−1)-grams are frequent, so the 19 MB People's Daily sample takes seconds.

>>> table = suggest_terms(articles)                          # doctest: +SKIP
>>> table[["term", "source", "freq", "quoted", "segmented"]].head(3)   # doctest: +SKIP
   term source  freq  quoted segmented
0  一带一路   both   988     986     一带 一路
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from textkit._ngrams import _MULTIPLIER, _CharCorpus, branching_entropy, texts_per_group
from textkit.cohesion import _adaptive_filters, cohesive_terms, segmented
from textkit.tokenize import Segmenter, _texts_of, default_stopwords

__all__ = ["ADAPTIVE_COLUMNS", "TERM_COLUMNS", "adaptive_terms", "suggest_terms"]

TERM_COLUMNS = [
    "term",
    "source",
    "freq",
    "docfreq",
    "quoted",
    "pmi",
    "left_entropy",
    "right_entropy",
    "in_lexicon",
    "segmented",
]

# “…” and ‘…’ around a phrase without line breaks or other quotation marks.
_QUOTED = re.compile(r"“([^“”‘’\n]+)”|‘([^“”‘’\n]+)’")
_HAN_ONLY = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def quoted_phrases(texts: Iterable[str], max_len: int = 16) -> Counter[str]:
    """How often each phrase of 2..``max_len`` Han characters is quoted with “…” or ‘…’.

    A quoted enumeration counts once for each item.

    >>> quoted_phrases(["坚持“学思想、强党性”，用好“四下基层”", "“四下基层”"])
    Counter({'四下基层': 2, '学思想': 1, '强党性': 1})
    """
    counts: Counter[str] = Counter()
    for text in texts:
        for match in _QUOTED.finditer(text):
            for part in (match.group(1) or match.group(2)).split("、"):
                if 2 <= len(part) <= max_len and _HAN_ONLY.fullmatch(part):
                    counts[part] += 1
    return counts


@dataclass
class _Counts:
    """What one pass over the corpus learns."""

    count_by_hash: dict[int, int] = field(default_factory=dict)  # every frequent n-gram
    rows: dict[str, dict] = field(default_factory=dict)  # candidates: term -> statistics


def _count(
    corpus: _CharCorpus,
    quotes: Sequence[str],
    *,
    min_freq: int,
    min_len: int,
    max_len: int,
    min_entropy: float,
    min_pmi: float = -np.inf,
) -> _Counts:
    """Count frequent n-grams level by level (Apriori) and describe the candidates: the quoted ones
    and those of ``min_len``..``max_len`` characters whose cohesion reaches ``min_pmi``."""
    ids = corpus.ids
    out = _Counts()
    wanted = {corpus.hash_of(term): term for term in quotes}
    longest = max(max_len, max(map(len, quotes), default=0))
    hashes = ids.astype(np.uint64)
    valid = ids > 0
    # n = 1: character counts directly.
    char_counts = np.bincount(ids, minlength=len(corpus.alphabet) + 1)
    frequent = valid & (char_counts[ids] >= min_freq)
    out.count_by_hash.update(
        (int(char_id), int(count))
        for char_id, count in enumerate(char_counts)
        if char_id and count >= min_freq
    )
    # the frequent n-grams of each length and their counts, for the cohesion test
    levels = {
        1: (
            pd.Index(np.flatnonzero(char_counts >= min_freq).astype(np.uint64)),
            char_counts[char_counts >= min_freq],
        )
    }
    multiplier = np.uint64(_MULTIPLIER)
    for n in range(2, longest + 1):
        hashes = hashes[:-1] * multiplier + ids[n - 1 :].astype(np.uint64)
        # An n-gram can only be frequent where both of its (n-1)-grams are.
        positions = np.flatnonzero(frequent[:-1] & frequent[1:])
        if not len(positions):
            break
        # np.unique(…, return_inverse=True, return_counts=True), by hashing (pandas) instead of
        # sorting every position: the same sorted keys, inverse and counts, 4x faster
        key_index, keys = pd.factorize(hashes[positions], sort=True)
        key_counts = np.bincount(key_index, minlength=len(keys))
        key_index = key_index.astype(np.int64)
        is_frequent = key_counts >= min_freq
        frequent = np.zeros(len(hashes), dtype=bool)
        frequent[positions[is_frequent[key_index]]] = True
        out.count_by_hash.update(
            zip(keys[is_frequent].tolist(), key_counts[is_frequent].tolist(), strict=True)
        )
        quoted = np.isin(keys, np.fromiter(wanted, dtype=np.uint64, count=len(wanted)))
        levels[n] = (pd.Index(keys[is_frequent]), key_counts[is_frequent])
        describe = is_frequent & quoted if n > max_len or n < min_len else is_frequent
        if min_len <= n <= max_len and describe.any():
            # the entropies below cost most: only for candidates that can pass suggest_terms' test
            first = np.empty(len(keys), dtype=np.int64)
            first[key_index] = positions  # every occurrence of a key spells the same string
            cohesive = _pmi_at(ids, first[describe], n, key_counts[describe], corpus.n_han, levels)
            describe[describe] = quoted[describe] | (cohesive >= min_pmi - 1e-9)
        if describe.any():
            _describe(
                out.rows,
                corpus,
                n,
                positions,
                key_index,
                key_counts,
                describe,
                quoted,
                n <= max_len,
                min_entropy,
            )
    return out


def _describe(
    rows: dict[str, dict],
    corpus: _CharCorpus,
    n: int,
    positions: np.ndarray,
    key_index: np.ndarray,
    key_counts: np.ndarray,
    describe: np.ndarray,
    quoted: np.ndarray,
    with_entropy: bool,
    min_entropy: float,
) -> None:
    """Add rows for the n-grams marked in ``describe`` that pass the entropy test or are quoted."""
    ids = corpus.ids
    group_of_key = np.full(len(key_counts), -1, dtype=np.int64)
    group_of_key[describe] = np.arange(int(describe.sum()))
    groups = group_of_key[key_index]
    keep = groups >= 0
    groups, starts = groups[keep], positions[keep]
    freq = key_counts[describe]
    is_quoted = quoted[describe]
    if with_entropy:
        left = np.where(starts > 0, ids[np.maximum(starts - 1, 0)], 0)
        right_index = starts + n
        right = np.where(right_index < len(ids), ids[np.minimum(right_index, len(ids) - 1)], 0)
        left_entropy = branching_entropy(groups, left, freq)
        right_entropy = branching_entropy(groups, right, freq)
        passing = np.flatnonzero((np.minimum(left_entropy, right_entropy) >= min_entropy) | is_quoted)
    else:
        left_entropy = right_entropy = np.full(len(freq), np.nan)
        passing = np.flatnonzero(is_quoted)
    if not len(passing):
        return
    docfreq = texts_per_group(groups, corpus.docs_of(starts), len(freq), len(corpus.text_starts))
    any_start = np.empty(len(freq), dtype=np.int64)
    any_start[groups] = starts  # every occurrence of a group spells the same string
    for group in passing:
        term = corpus.decode(int(any_start[group]), n)
        rows[term] = {
            "term": term,
            "freq": int(freq[group]),
            "docfreq": int(docfreq[group]),
            "left_entropy": float(left_entropy[group]),
            "right_entropy": float(right_entropy[group]),
        }


def _pmi_at(
    ids: np.ndarray, starts: np.ndarray, n: int, freq: np.ndarray, n_han: int, levels: dict
) -> np.ndarray:
    """``_pmi`` of the n-grams at ``starts`` (``freq`` occurrences each), vectorized; ``levels[k]``
    holds the frequent k-grams (a ``pd.Index`` of hashes) and their counts. The same arithmetic:
    the integer products are exact in float64 below 2**53."""
    multiplier = np.uint64(_MULTIPLIER)

    def count(at: np.ndarray, k: int) -> np.ndarray:
        value = np.zeros(len(at), dtype=np.uint64)
        for offset in range(k):
            value = value * multiplier + ids[at + offset].astype(np.uint64)
        index, counts = levels[k]
        return counts[index.get_indexer(value)]  # every part of a frequent n-gram is frequent

    pmi = np.full(len(starts), np.inf)
    for cut in range(1, n):
        ratio = (freq * n_han) / (count(starts, cut) * count(starts + cut, n - cut))
        pmi = np.minimum(pmi, np.log2(ratio))
    return pmi


def _pmi(term: str, freq: int, corpus: _CharCorpus, count_by_hash: dict[int, int]) -> float:
    """Cohesion of ``term``: min over its cuts into a+b of log2(p(ab) / (p(a)·p(b)))."""
    values = []
    for cut in range(1, len(term)):
        left = count_by_hash[corpus.hash_of(term[:cut])]
        right = count_by_hash[corpus.hash_of(term[cut:])]
        values.append(np.log2(freq * corpus.n_han / (left * right)))
    return float(min(values))


def suggest_terms(
    articles: pd.DataFrame | pd.Series | Sequence[str],
    *,
    min_freq: int = 10,
    min_len: int = 2,
    max_len: int = 6,
    min_pmi: float = 5.0,
    min_entropy: float = 2.0,
    min_quoted: int = 2,
    min_quoted_share: float = 0.1,
    max_quote_len: int = 16,
    segmenter: Segmenter | None = None,
    stopwords: Iterable[str] | None = None,
    include_known: bool = False,
    top_n: int | None = 200,
    cache_dir: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Ranked lexicon candidates from quoted phrases and cohesive, freely occurring n-grams.

    Parameters
    ----------
    articles
        Table with a normalized ``text`` column (or a Series / list of texts).
    min_freq
        Least number of occurrences, anywhere in the texts, of any candidate.
    min_len, max_len
        Lengths (Han characters) of the n-gram candidates.
    min_pmi
        Least cohesion of an n-gram candidate: the smallest, over the ways of cutting it in
        two, of log2(p(ab) / (p(a)·p(b))), each p a count per Han character of the corpus.
    min_entropy
        Least left and right branching entropy (bits) of an n-gram candidate.
    min_quoted, min_quoted_share
        Least number of quotations for a phrase to be a ``quote`` candidate, and least share
        of its occurrences that are quoted (“发展中”国家 is quoted twice in 1,297 uses of 发展中:
        not a formulation).
    max_quote_len
        Longest quoted phrase (characters) considered; longer quotations are sentences.
    segmenter
        For ``in_lexicon`` and ``segmented``; default ``Segmenter()``.
    stopwords
        An n-gram candidate whose first or last token is one of these is left out; default
        ``default_stopwords()``.
    include_known
        Keep candidates the segmenter already returns as one token although they are not in
        its lexicon (jieba dictionary words).
    top_n
        Rows returned (``None``: all).
    cache_dir
        Segment the candidates through the cache of segmentations ``Tokenizer`` keeps in this
        folder (``textkit.cohesion.segmented``; ``cached_call`` passes its folder). The table
        does not depend on it.

    Returns
    -------
    DataFrame with ``TERM_COLUMNS``: ``term``; ``source`` (``quote``, ``ngram`` or ``both``);
    ``freq`` (occurrences of the characters anywhere) and ``docfreq``; ``quoted``
    (occurrences inside quotation marks); ``pmi``, ``left_entropy``, ``right_entropy`` (NaN
    for quoted phrases longer than ``max_len``); ``in_lexicon``; ``segmented`` (the
    segmenter's tokens for the term alone, space-separated). Sorted by ``freq`` (descending),
    then ``term``.
    """
    if not 2 <= min_len <= max_len:
        raise ValueError("need 2 <= min_len <= max_len")
    texts = [text for text in _texts_of(articles) if isinstance(text, str)]
    segmenter = segmenter if segmenter is not None else Segmenter()
    stopwords = default_stopwords() if stopwords is None else frozenset(stopwords)
    quoted_counts = quoted_phrases(texts, max_quote_len)
    quotes = sorted(term for term, count in quoted_counts.items() if count >= min_quoted)
    corpus = _CharCorpus.from_texts(texts)
    if corpus.n_han == 0:
        return pd.DataFrame(columns=TERM_COLUMNS)
    counts = _count(
        corpus,
        quotes,
        min_freq=min_freq,
        min_len=min_len,
        max_len=max_len,
        min_entropy=min_entropy,
        min_pmi=min_pmi,
    )

    table = []
    for term, row in counts.rows.items():
        pmi = _pmi(term, row["freq"], corpus, counts.count_by_hash)
        quoted = quoted_counts.get(term, 0)
        is_quote = quoted >= min_quoted and quoted >= min_quoted_share * row["freq"]
        is_ngram = (
            min_len <= len(term) <= max_len
            and pmi >= min_pmi
            and min(row["left_entropy"], row["right_entropy"]) >= min_entropy
        )
        if is_quote or is_ngram:
            source = "both" if is_quote and is_ngram else ("quote" if is_quote else "ngram")
            table.append({**row, "pmi": pmi, "quoted": quoted, "source": source})
    frame = pd.DataFrame(table, columns=TERM_COLUMNS)
    if frame.empty:
        return frame
    frame["in_lexicon"] = frame["term"].isin(segmenter.terms)
    pieces = segmented(frame["term"].tolist(), segmenter, cache_dir)
    frame["segmented"] = [" ".join(words) for words in pieces]
    stop_edge = np.array([words[0] in stopwords or words[-1] in stopwords for words in pieces])
    drop = (frame["source"] == "ngram").to_numpy() & stop_edge & ~frame["in_lexicon"].to_numpy()
    if not include_known:
        one_token = np.array([len(words) == 1 for words in pieces])
        drop |= one_token & ~frame["in_lexicon"].to_numpy()
    frame = frame[~drop]
    for column in ("pmi", "left_entropy", "right_entropy"):
        frame[column] = frame[column].astype(float).round(3)
    frame = frame.sort_values(["freq", "term"], ascending=[False, True], ignore_index=True, kind="stable")
    return frame if top_n is None else frame.head(top_n)


ADAPTIVE_COLUMNS = ["term", "kind", "articles", "quoted", "segmented", "why"]


def adaptive_terms(
    articles: pd.DataFrame | pd.Series | Sequence[str],
    *,
    min_articles: int = 2,
    min_len: int = 3,
    max_len: int = 12,
    segmenter: Segmenter | None = None,
    stopwords: Iterable[str] | None = None,
    unquoted: bool = False,
    parallel: bool = False,
    cache_dir: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Terms this corpus marks itself: quoted phrases that recur, for its tokenizer; with
    ``unquoted=True`` also the unquoted sequences of tokens it uses as a unit; with
    ``parallel=True`` the items of the parallel enumerations it repeats.

    A phrase in “…” or ‘…’ (each item of a quoted list separated by 、) becomes a term when it
    is quoted in at least ``min_articles`` articles, is ``min_len`` to ``max_len`` Han
    characters and nothing else, has none of the characters of speech (了, 吗, 我, 这 …) and
    none of the words of a clause (是, 会, 将, 把 … as cut by the segmenter) and no lexicon term
    as a token of its cut (as one token it would hide that term's count: “推动高质量发展”), does
    not begin or end with a stopword as the segmenter cuts it, and the segmenter (default
    ``Segmenter(policy_lexicon=POLICY_LEXICON, shapes=True)``, the notebooks') does not already
    keep it whole. Pass the terms to ``make_tokenizer(extra_terms=…)`` or
    ``Segmenter.with_terms``; they become part of the segmenter's fingerprint, so cached
    segmentations of another term set are never reused.

    ``unquoted=True`` adds the terms of ``textkit.cohesion.cohesive_terms`` (its defaults, this
    segmenter and these stopwords) that are not quoted terms already: sequences of 2-3 tokens,
    4-8 Han characters, in at least 3 articles, cohesive, in varied contexts, shaped like a term
    and not a free combination (全国两会, 以上率下, 产业生态化). Default ``False``: they are
    found by statistics, and on a sample of 100 from People's Daily 64 read as terms, 36 as
    phrases (``tools/cohesive_precision.txt``); notebook 02 lists them, its tokenizer does not use
    them.

    ``parallel=True`` adds the items of ``textkit.enumerations.parallel_terms`` (this segmenter,
    these stopwords, ``min_articles``, no lexicon term of the segmenter as a token or campaign
    term inside) that are not terms already: lists of 3 or more items of 3-8 characters with 2
    or more characters fixed at the same positions (科学立法、民主立法、依法立法), found with two
    of the same siblings in at least ``min_articles`` articles, term-shaped and not free
    phrases. Default ``False``.

    With ``cache_dir`` the phrases and texts are segmented through the cache of segmentations
    ``Tokenizer`` keeps in that folder (``textkit.cohesion.segmented``): the table does not
    depend on it (``cached_call`` passes its folder).

    Returns a DataFrame with ``ADAPTIVE_COLUMNS``: ``term``, ``kind`` (``quoted`` or
    ``cohesive``), ``articles`` (in how many articles it is quoted, or found cut as
    ``segmented``), ``quoted`` (quotations in all; 0 for a cohesive term), ``segmented`` (the
    segmenter's cut without it, space-separated) and ``why`` (a sentence), sorted by ``kind``
    (quoted first), ``articles`` (descending), then ``term``.

    >>> table = adaptive_terms(["推行“智改数转”。", "“智改数转”见效，“我们来了”", "说“智改数转”"])
    >>> table[["term", "articles"]].values.tolist()
    [['智改数转', 3]]
    """
    from textkit.tokenize import POLICY_LEXICON

    texts = [text for text in _texts_of(articles) if isinstance(text, str)]
    segmenter = segmenter if segmenter is not None else Segmenter(policy_lexicon=POLICY_LEXICON, shapes=True)
    stopwords = default_stopwords() if stopwords is None else frozenset(stopwords)
    filters = _adaptive_filters()
    in_articles: Counter[str] = Counter()
    quoted: Counter[str] = Counter()
    for text in texts:
        counts = quoted_phrases([text], max_len)
        quoted.update(counts)
        in_articles.update(counts.keys())
    known = segmenter.terms
    candidates = [
        (term, n_articles)
        for term, n_articles in in_articles.items()
        if n_articles >= min_articles
        and min_len <= len(term) <= max_len
        and not filters["speech_char"].intersection(term)
        and term not in known
    ]
    cuts = segmented([term for term, _ in candidates], segmenter, cache_dir)
    rows = []
    for (term, n_articles), words in zip(candidates, cuts, strict=True):
        if len(words) < 2 or words[0] in stopwords or words[-1] in stopwords:
            continue
        if filters["clause_word"].intersection(words) or known.intersection(words):
            continue  # a clause; or, as one token, it would hide a lexicon term's count (推动|高质量发展)
        why = f"quoted in {n_articles} articles ({quoted[term]} times); cut as {'|'.join(words)} without it"
        rows.append((term, "quoted", n_articles, quoted[term], " ".join(words), why))
    frame = pd.DataFrame(rows, columns=ADAPTIVE_COLUMNS)
    frame = frame.sort_values(["articles", "term"], ascending=[False, True], ignore_index=True)
    if unquoted:
        cohesive = cohesive_terms(texts, segmenter=segmenter, stopwords=stopwords, cache_dir=cache_dir)
        cohesive = cohesive[~cohesive["term"].isin(frame["term"])]
        frame = _added(frame, cohesive, "cohesive")
    if parallel:
        from textkit.enumerations import parallel_terms

        found = parallel_terms(
            segmented(texts, segmenter, cache_dir),
            min_articles=min_articles,
            stopwords=stopwords,
            lexicon=frozenset(known),
        )
        frame = _added(frame, found[~found["term"].isin(frame["term"])], "parallel")
    return frame


def _added(frame: pd.DataFrame, found: pd.DataFrame, kind: str) -> pd.DataFrame:
    """``frame`` and the rows of ``found`` (a table with ``term``, ``articles``, ``segmented`` and
    ``why``) as ``kind`` rows after them."""
    added = pd.DataFrame(
        {
            "term": found["term"],
            "kind": kind,
            "articles": found["articles"],
            "quoted": 0,
            "segmented": found["segmented"],
            "why": found["why"],
        },
        columns=ADAPTIVE_COLUMNS,
    )
    return pd.concat([frame, added], ignore_index=True) if len(added) else frame
