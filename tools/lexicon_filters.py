"""Filters over the assembled candidates of ``tools/build_lexicon.py`` (and the helpers they share
with it): a term jieba composes from a kept term and one word (``drop_composable``), a verb
wrapped around a kept or campaign term (``drop_wrappers``).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise

from textkit._ngrams import _CharCorpus, string_counts

# Head nouns of a named policy, theory or programme (总体国家安全观, 习近平法治思想, 生态文明建设,
# 长江经济带): the n-gram shape of ``build_lexicon.policy_shape``, and the added word that keeps a
# named formulation whole in ``drop_composable``.
POLICY_HEADS = (
    "思想",
    "理论",
    "精神",
    "观",
    "理念",
    "战略",
    "建设",
    "工程",
    "行动",
    "机制",
    "体制",
    "制度",
    "体系",
    "格局",
    "经济带",
    "经济圈",
    "示范区",
    "中心",
    "改革",
    "研究",
    "方略",
    "路线",
    "方针",
    "政策",
    "规划",
    "纲要",
    "攻坚战",
    "保护",
    "治理",
    "强国",
    "文明",
    "经验",
    "模式",
    "工作法",
)
# Sources of candidates kept by rule alone, not as named formulations (see ``drop_composable``)
NGRAM_SOURCES = ("suggest_terms ngram", "suggest_terms compound")

# A named formulation is a noun phrase: its first word (jieba's part of speech) is not a verb,
# adverb, preposition, conjunction or particle (弘扬中国精神, 积累了经验 are phrases), and it has
# no particle or measure word inside (从未中断的文明, 税等税种) except in 党的….
NOT_FIRST = {"v", "d", "ad", "p", "c", "u", "r", "m", "q"}


@lru_cache(maxsize=1)
def pos_tokenizer():
    import jieba.posseg

    from textkit._jieba import plain_tokenizer

    return jieba.posseg.POSTokenizer(plain_tokenizer())


def doc_frequencies(texts: list[str], terms: list[str]) -> dict[str, int]:
    """In how many texts each term occurs (terms that never occur are absent)."""
    corpus = _CharCorpus.from_texts(texts)
    return {term: n_texts for term, (_, n_texts) in string_counts(corpus, terms).items()}


def drop_composable(rows: dict[str, str]) -> dict[str, str]:
    """Leave out a term that is another kept term plus one jieba word (金砖国家领导人 = 金砖国家 +
    领导人): jieba's word graph composes it from the two, and as one token it would hide the
    shorter term. Only n-gram candidates are left out this way; a named formulation, whose added
    word ends in a ``POLICY_HEADS`` noun (党的二十大精神, 社会主义核心价值观), a CC-CEDICT headword or a
    quoted phrase (中国特色社会主义) stays whole."""
    from textkit._jieba import plain_tokenizer

    words = plain_tokenizer().FREQ
    kept = {}
    for term, source in rows.items():
        pairs = [(term[:cut], term[cut:]) for cut in range(2, len(term) - 1)]
        pairs += [(term[cut:], term[:cut]) for cut in range(2, len(term) - 1)]
        if not source.startswith(NGRAM_SOURCES) or not any(
            stem in rows and len(stem) >= 4 and words.get(rest) and not rest.endswith(POLICY_HEADS)
            for stem, rest in pairs
        ):
            kept[term] = source
    return kept


def verb_wrapper(term: str, inner: str) -> bool:
    """Whether ``term`` is ``inner`` with a verb, adverb or the like before or after it (大兴调查研究)."""
    if term.startswith(inner):
        rest = term[len(inner) :]
    elif term.endswith(inner):
        rest = term[: -len(inner)]
    else:
        return False
    words = list(pos_tokenizer().cut(rest, HMM=False))
    return len(words) == 1 and words[0].flag in NOT_FIRST


def drop_wrappers(rows: dict[str, str], texts: list[str]) -> dict[str, str]:
    """Leave out a candidate that contains a campaign-lexicon term, or another candidate found in
    at least three times as many files: a token swallows the terms inside it (大兴调查研究 would
    hide 调查研究), and the campaign terms' counts must not drop. The other candidate must be at
    one end, the rest a verb or adverb (see ``verb_wrapper``): 总体国家安全观 keeps 国家安全 inside."""
    from textkit.tokenize import DEFAULT_LEXICON, read_lexicon

    campaign = {entry.term for entry in read_lexicon(DEFAULT_LEXICON)}
    docs = doc_frequencies(texts, list(rows))
    # A fragment of a longer dictionary word (事求是 in 实事求是, 发达国 in 发达国家) is left out
    # when that word is found in at least half as many files.
    from textkit._jieba import plain_tokenizer

    containing: dict[str, list[str]] = {}
    for word, count in plain_tokenizer().FREQ.items():
        if count and 4 <= len(word) <= 8:
            for size in range(3, len(word)):
                for start in range(len(word) - size + 1):
                    piece = word[start : start + size]
                    if piece in rows:
                        containing.setdefault(piece, []).append(word)
    longer = doc_frequencies(texts, sorted({w for words in containing.values() for w in words}))
    kept = {}
    for term, source in rows.items():
        inner = [other for other in rows if other != term and other in term]
        if any(c in term for c in campaign):  # a campaign term itself is in campaign_lexicon.txt
            continue
        if any(docs.get(other, 0) >= 3 * docs.get(term, 0) and verb_wrapper(term, other) for other in inner):
            continue
        if any(2 * longer.get(word, 0) >= docs.get(term, 0) for word in containing.get(term, ())):
            continue
        kept[term] = source
    return kept


# Free combinations (``free_combinations``): a modifier and a head that the press also writes
# with 的 between them (重要意义 / 重要的意义, 群众切身利益 / 群众的切身利益, 悠久历史 / 悠久的历史)
# are a phrase, not a word: a compound or a name does not take 的 inside (长江经济带, 生态文明,
# 决策部署). A candidate is free when, at some cut between two plain-jieba words of two characters
# or more, "left + 的 + right" is found in at least FREE_MIN_DOCS build files and in at least
# FREE_SHARE as many files as the candidate itself. Only candidates that nothing but co-occurrence
# or a dictionary entry vouches for are tested (``FREE_TESTED``): a quoted phrase, a member of a
# reviewed class, a numbered formulation or a paired frame is a unit by other evidence.
# Branching and association were tried first and do not separate: on the 89 n-gram-source terms
# read for tools/lexicon_precision.txt (21 free combinations), the smaller number of distinct
# partners of the two words, their PMI and their shares of each other rank the free combinations
# no better than chance (ROC AUC 0.37-0.59); the 的 test flags few terms, nearly all free.
FREE_MIN_DOCS = 2
FREE_SHARE = 0.1
FREE_TESTED = (
    "cedict",
    "suggest_terms ngram",
    "suggest_terms compound",
    "suggest_terms set phrase",
    "stem of",
    "affix variant",
    "short term",
)


def free_combinations(texts: list[str], terms: list[str], plain) -> dict[str, tuple[str, int, int]]:
    """The free combinations among ``terms`` in ``texts`` (see ``FREE_SHARE``): for each, the form
    with 的, the files it is in and the files the term is in.

    >>> from textkit.tokenize import Segmenter
    >>> texts = ["具有重要意义", "重要的意义", "重大而重要的意义", "长江经济带", "长江经济带建设"] * 2
    >>> free_combinations(texts, ["重要意义", "长江经济带"], Segmenter(lexicon=None, hmm=False))
    {'重要意义': ('重要的意义', 4, 2)}
    """
    forms: dict[str, list[str]] = {}
    for term in terms:
        words, at = plain.segment(term), 0
        for word, rest in pairwise(words):
            at += len(word)
            if len(word) >= 2 and len(rest) >= 2:  # the words on either side of the cut
                forms.setdefault(term, []).append(f"{term[:at]}的{term[at:]}")
    docs = doc_frequencies(texts, sorted({form for found in forms.values() for form in found} | set(forms)))
    free = {}
    for term, found in forms.items():
        form = max(found, key=lambda f: docs.get(f, 0))
        with_de, own = docs.get(form, 0), docs.get(term, 0)
        if with_de >= FREE_MIN_DOCS and with_de >= FREE_SHARE * own:
            free[term] = (form, with_de, own)
    return free


def adverb_verb(term: str) -> bool:
    """Whether ``term`` is an adverb then a verb as jieba tags them (逐渐增加, 难以理解): a verb
    phrase, free like the 的-phrases of ``free_combinations`` (a nominal verb, as in 特许经营, is
    not counted).

    >>> [adverb_verb(t) for t in ("逐渐增加", "难以理解", "特许经营", "生态文明")]
    [True, True, False, False]
    """
    words = list(pos_tokenizer().cut(term, HMM=False))
    return len(words) == 2 and words[0].flag in ("d", "ad") and words[1].flag == "v"


def drop_free_combinations(
    rows: dict[str, str], texts: list[str], plain, keeps: set[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """``rows`` without the free combinations among the candidates of the ``FREE_TESTED`` sources
    (``free_combinations``, ``adverb_verb``), except the reviewed ``keeps``; and what was left
    out, with the reason."""
    tested = [
        term for term, source in sorted(rows.items()) if source.startswith(FREE_TESTED) and term not in keeps
    ]
    free = {
        term: f"{form} in {de} files, {term} in {own}"
        for term, (form, de, own) in free_combinations(texts, tested, plain).items()
    }
    free |= {term: "an adverb and a verb" for term in tested if term not in free and adverb_verb(term)}
    return {term: source for term, source in rows.items() if term not in free}, dict(sorted(free.items()))
