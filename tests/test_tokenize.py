"""textkit.tokenize: segmentation with the campaign lexicon, filters, cache, parallel runs;
and the SIGHAN scorer of benchmarks/segmentation_eval.py.

Building a jieba dictionary takes a second or two, so every test shares the default
tokenizer's segmenter (``segmenter`` fixture) unless it needs a different lexicon.
"""

from __future__ import annotations

import importlib.util
import logging
import pickle
import re
import sys

import jieba
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textkit._jieba import quiet_jieba
from textkit.normalize import to_simplified
from textkit.tokenize import (
    DEFAULT_LEXICON,
    MemoryTokenCache,
    NullTokenCache,
    Segmenter,
    Tokenizer,
    default_stopwords,
    default_tokenizer,
    read_lexicon,
    segment,
    token_class,
    tokenize,
    tokenize_corpus,
)

# The formulations issue 4 names; the lexicon must keep every one of them.
ISSUE_TERMS = [
    "政绩观",
    "正确政绩观",
    "主题教育",
    "学习教育",
    "两个确立",
    "两个维护",
    "四下基层",
    "中国式现代化",
    "高质量发展",
    "形象工程",
    "面子工程",
    "政绩工程",
    "半拉子工程",
    "一把手",
    "国之大者",
    "钉钉子精神",
    "中央八项规定",
    "为民造福",
    "真抓实干",
    "走深走实",
    "以学促干",
    "习近平新时代中国特色社会主义思想",
]

# Real seed sentences with a noun phrase in them (the second item), into which a lexicon term
# the seeds do not carry is put, so that it is tested in real surroundings.
SEED_FRAMES = [
    ("要以主题教育为契机，教育引导广大干部树立和践行正确政绩观", "主题教育"),  # seed 002
    ("这是一次中国式现代化的省域大赶考", "中国式现代化"),  # seed 003
    ("与形式主义、官僚主义滋生蔓延也有着千丝万缕的联系", "形式主义"),  # seed 001
]


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    seg = default_tokenizer().segmenter
    seg.segment("预热")  # build the dictionary once for the module
    return seg


@pytest.fixture(scope="module")
def custom(tmp_path_factory) -> Segmenter:
    """A segmenter with a user lexicon file and a user term (one more dictionary to build)."""
    lexicon = tmp_path_factory.mktemp("lexicon") / "my_terms.txt"
    lexicon.write_text("\ufeff# my terms\n五学联动\n以学促干 5000 nz\n", encoding="utf-8")
    return Segmenter(user_lexicons=[lexicon], user_terms=["G20"])


@pytest.fixture(scope="module")
def seed_sentences(seeds_dir) -> list[str]:
    """Sentences of seeds 000–003 in simplified script (004 carries inline pinyin, which only
    normalize_text removes)."""
    sentences = []
    for path in sorted(seeds_dir.glob("*.txt"))[:4]:
        text = to_simplified(path.read_text(encoding="utf-8"))
        sentences += [s.strip() for s in re.split(r"(?<=[。！？!?])|\n", text) if s.strip()]
    return sentences


def _spans(words: list[str]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for word in words:
        spans.append((start, start + len(word)))
        start += len(word)
    return spans


# --------------------------------------------------------------------------- segment


def test_segment_keeps_lexicon_formulations_whole(segmenter):
    # seed 002: 推动党的创新理论武装走深走实 / 以学促干、狠抓落实
    words = segmenter.segment("关键是要在大局中找到自身发展的着力点，以学促干、狠抓落实。")
    assert "以学促干" in words
    plain = jieba.Tokenizer()
    assert "以学促干" not in plain.lcut("关键是要在大局中找到自身发展的着力点，以学促干、狠抓落实。")


def test_every_lexicon_term_is_one_token_where_the_seeds_use_it(segmenter, seed_sentences):
    terms = sorted(segmenter.terms, key=len, reverse=True)
    seen, split = set(), []
    for sentence in seed_sentences:
        compact = "".join(sentence.split())
        words = segmenter.segment(sentence)
        spans = set(_spans(words))
        covered: list[tuple[int, int]] = []  # occurrences of longer terms hide shorter ones
        for term in terms:
            for found in re.finditer(re.escape(term), compact):
                span = found.span()
                if any(start <= span[0] and span[1] <= end for start, end in covered):
                    continue
                seen.add(term)
                if span not in spans:
                    split.append((term, "/".join(words)))
                covered.append(span)
    assert not split, f"lexicon terms split in seed sentences: {split}"
    assert len(seen) >= 60, "the seeds should exercise most of the lexicon"


@pytest.mark.parametrize(("frame", "slot"), SEED_FRAMES)
def test_every_lexicon_term_is_one_token_in_seed_context(segmenter, frame, slot):
    split = []
    for term in sorted(segmenter.terms):
        sentence = frame.replace(slot, term, 1)
        if term not in segmenter.segment(sentence):
            split.append((term, "/".join(segmenter.segment(sentence))))
    assert not split, f"lexicon terms split in {frame!r}: {split}"


def test_lexicon_has_the_issue_terms_once_each():
    entries = read_lexicon(DEFAULT_LEXICON)
    terms = [entry.term for entry in entries]
    assert len(terms) == len(set(terms)), "duplicate lexicon entries"
    assert set(ISSUE_TERMS) <= set(terms)


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(
                list("以学促干主题教育走深走实政绩观党民，。“”、——……０１．５Ａｂ%98.2 \u3000\t\r\n")
            ),
            st.characters(codec="utf-8"),
        ),
        max_size=60,
    )
)
def test_segment_spells_the_text_without_whitespace(segmenter, text):
    words = segmenter.segment(text)
    assert "".join(words) == "".join(text.split())
    assert all(word and not any(char.isspace() for char in word) for word in words)


def test_segment_handles_fullwidth_digits_and_dash_runs(segmenter):
    # a full-width number stays one token, in its original characters
    assert "１２．５" in segmenter.segment("同比增长１２．５％")
    # seed 000 opens its subtitle with a dash; seed 002 closes a quotation with an ellipsis
    assert segmenter.segment("——各地扎实开展树立和践行正确政绩观学习教育")[0] == "——"
    assert segmenter.segment("依靠科技创新实现传统产业的结构调整和产业升级……")[-1] == "……"


def test_hmm_is_configurable(segmenter):
    # seed 000: a person's name that only the HMM joins
    text = "兰州市高新区七里河园区管委会道路建设负责人李守源说"
    with_hmm = segmenter.segment(text)
    without = Segmenter(hmm=False).segment(text)
    assert "李守源" in with_hmm and "李守源" not in without
    assert "".join(without) == text


# --------------------------------------------------------------------------- lexicon files


def test_user_lexicon_adds_terms_without_leaking(segmenter, custom):
    # seed 000: 深化……“五学联动”机制 — not in the campaign lexicon
    sentence = "深化班子理论学习、机关党委督学、党支部研学、党小组促学、党员干部自学五学联动机制"
    assert "五学联动" not in segmenter.segment(sentence)
    mine = custom
    assert "五学联动" in mine.segment(sentence)
    assert "五学联动" in mine.terms and "以学促干" in mine.terms
    # the shared segmenter, and jieba's own global tokenizer, are unchanged
    assert "五学联动" not in segmenter.segment(sentence)
    assert "五学联动" not in jieba.dt.FREQ
    assert "以学促干" not in jieba.dt.FREQ
    assert mine.jieba_tokenizer is not jieba.dt
    assert mine.fingerprint != segmenter.fingerprint


def test_user_terms_and_fingerprint(segmenter, tmp_path):
    assert Segmenter(user_terms=["五学联动"]).fingerprint == Segmenter(user_terms=["五学联动"]).fingerprint
    assert Segmenter(hmm=False).fingerprint != segmenter.fingerprint
    lexicon = tmp_path / "terms.txt"
    lexicon.write_text("五学联动\n", encoding="utf-8")
    before = Segmenter(user_lexicons=[lexicon]).fingerprint
    lexicon.write_text("五学联动\n学查改\n", encoding="utf-8")
    assert Segmenter(user_lexicons=[lexicon]).fingerprint != before
    with pytest.raises(TypeError):
        Segmenter(user_terms="五学联动")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("不忘初心、牢记使命", "never keeps"),
        ("两个确立 0", "frequency 0"),
        ("两个确立 10 nz extra", "fields"),
        ("两个确立 nz 10", "term"),
    ],
)
def test_read_lexicon_rejects_bad_lines(tmp_path, line, message):
    path = tmp_path / "bad.txt"
    path.write_text(f"# header\n主题教育\n{line}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message) as error:
        read_lexicon(path)
    assert "bad.txt:3" in str(error.value)


def test_segmenter_pickles_without_its_dictionary(segmenter):
    blob = pickle.dumps(segmenter)
    assert len(blob) < 50_000
    clone = pickle.loads(blob)
    assert clone.fingerprint == segmenter.fingerprint
    sentence = "推动主题教育走深走实、见行见效"
    assert clone.segment(sentence) == segmenter.segment(sentence)


def test_jieba_stays_quiet(capfd):
    logger = logging.getLogger("jieba")
    previous = logger.level
    try:
        logger.setLevel(logging.DEBUG)  # jieba's own setting at import: it would print
        Segmenter(lexicon=None).segment("预热")
        assert logger.level == logging.DEBUG  # restored, not changed for the caller
        logger.setLevel(logging.WARNING)  # setup_notebook's setting is kept too
        with quiet_jieba():
            assert logger.level == logging.WARNING
        assert logger.level == logging.WARNING
    finally:
        logger.setLevel(previous)
    out, err = capfd.readouterr()
    assert out == "" and err == ""


# --------------------------------------------------------------------------- filters


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("政绩观", "han"),
        ("党", "han"),
        ("98.2%", "number"),
        ("１５", "number"),
        ("二○○一", "number"),
        ("十五", "number"),
        ("Ⅱ", "number"),
        ("APP", "latin"),
        ("B404", "latin"),
        ("ｐＨ", "latin"),
        ("，", "punct"),
        ("——", "punct"),
        ("#", "punct"),
        ("\u3000", "space"),
        ("🙂", "punct"),
        ("ひ", "other"),
    ],
)
def test_token_class(token, expected):
    assert token_class(token) == expected


def test_tokenize_drops_noise_and_keeps_single_characters(segmenter):
    tokenizer = Tokenizer(segmenter)
    # seeds 000 and 001
    tokens = tokenizer.tokenize(
        "是我们党不断自我革命，赢得“万人心”的优良传统。以“5+2”就业之家平台建设为支撑，"
        "化解成功率达98.2%，打通B404#道路。"
    )
    assert "党" in tokens and "自我革命" in tokens
    for noise in ("，", "“", "5", "+", "98.2%", "B404", "#", "的", "我们", "以"):
        assert noise not in tokens
    assert {"我们", "的"} <= default_stopwords()
    assert tokenizer.keeps("民") and tokenizer.keeps("党") and not tokenizer.keeps("了")


def test_filters_are_configurable(segmenter):
    sentence = "是我们党不断自我革命的优良传统。"
    everything = Tokenizer(segmenter, stopwords=(), drop_classes=())
    assert everything.tokenize(sentence) == segmenter.segment(sentence)
    assert "党" not in Tokenizer(segmenter, min_chars=2).tokenize(sentence)
    assert "的" in Tokenizer(segmenter, keep=["的"]).tokenize(sentence)
    assert "传统" not in Tokenizer(segmenter, extra_stopwords=["传统"]).tokenize(sentence)
    assert "。" in Tokenizer(segmenter, stopwords=(), drop_classes={"number"}).tokenize(sentence)
    with pytest.raises(ValueError, match="unknown token classes"):
        Tokenizer(segmenter, drop_classes={"punctuation"})


_FILTER_WORDS = ["党", "的", "，", "5", "APP", "政绩观", "了", "自我革命", " ", "以学促干"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_FILTER_WORDS))))
def test_filter_keeps_what_keeps_keeps_as_one_shared_object(segmenter, texts):
    # the filter = keeps() word by word, whatever order the words are first seen in; each kept
    # word is one object from its first sight on (a large corpus holds it once)
    tokenizer = Tokenizer(segmenter, keep=["了"], min_chars=1)
    texts = [["".join(list(word)) for word in words] for words in texts]  # fresh objects each time
    first: dict[str, str] = {}
    for words in texts:
        got = tokenizer._filter(words)
        assert got == [word for word in words if tokenizer.keeps(word)]
        for token in got:
            assert token is first.setdefault(token, token)
    # a pickled tokenizer (loky, Dask) filters alike
    again = pickle.loads(pickle.dumps(tokenizer))
    assert [again._filter(words) for words in texts] == [tokenizer._filter(words) for words in texts]


_MIXED_CHARS = "党的了政绩观自我革命以学促干年月二〇十五APPpHGab5０１２.%,，。、“”《》；：—·#$ \u3000"
_MIXED_WORDS = st.one_of(
    st.sampled_from(["的", "了", "我们", "党", "政绩观", "主题教育", "，", "。", "5G", "2023", "98.2%"]),
    st.text(alphabet=_MIXED_CHARS, min_size=1, max_size=5),  # Han, Latin, digits, marks, mixed
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=4),
).filter(lambda word: " " not in word)


@settings(max_examples=80, deadline=None)
@given(
    texts=st.lists(st.lists(_MIXED_WORDS, max_size=12), max_size=6),
    keep=st.lists(_MIXED_WORDS, max_size=3),
    extra=st.lists(_MIXED_WORDS, max_size=3),
    min_chars=st.integers(1, 3),
    drop=st.sets(st.sampled_from(["punct", "number", "latin", "space", "other", "han"])),
)
def test_filter_is_the_documented_rule_on_mixed_tokens(segmenter, texts, keep, extra, min_chars, drop):
    # the memoized filter (each distinct word decided once, then one lookup per word) against the
    # rule spelled out word by word: kept words and lexicon terms stay; then stopwords, words
    # shorter than min_chars and dropped token classes go
    tokenizer = Tokenizer(segmenter, keep=keep, extra_stopwords=extra, min_chars=min_chars, drop_classes=drop)
    stopwords = default_stopwords() | set(extra)

    def rule(word: str) -> bool:
        if word in keep or word in segmenter.terms:
            return True
        return word not in stopwords and len(word) >= min_chars and token_class(word) not in drop

    for words in texts:
        expected = [word for word in words if rule(word)]
        assert tokenizer._filter(list(words)) == expected
        assert tokenizer._filter_joined(" ".join(words)) == expected  # the workers' joined form


@settings(max_examples=80, deadline=None)
@given(
    texts=st.lists(st.lists(_MIXED_WORDS, max_size=12), max_size=8),
    drop=st.sets(st.sampled_from(["punct", "number", "latin", "space", "other", "han"])),
    chars=st.integers(1, 40),
)
def test_filter_of_many_segmentations_equals_the_filter_of_each(segmenter, texts, drop, chars):
    # _decided_lists (pyarrow splits and finds the distinct words, numpy takes the lists) = the
    # filter text by text, in groups of any size; each kept word one object in all the lists
    from textkit.tokenize import _chunks, _decided, _decided_lists

    joined = [" ".join(words) for words in texts]
    tokenizer = Tokenizer(segmenter, min_chars=1, drop_classes=drop)
    expected = [
        _decided(text, Tokenizer(segmenter, min_chars=1, drop_classes=drop)._decisions) for text in joined
    ]
    got = []
    for chunk in _chunks(enumerate(joined), chars):
        got.extend(_decided_lists([text for _, text in chunk], tokenizer._decisions))
    assert got == expected
    first: dict[str, str] = {}
    for token in (token for tokens in got for token in tokens):
        assert token is first.setdefault(token, token)


def test_filter_of_many_segmentations_takes_text_pyarrow_cannot_hold(segmenter):
    # a lone surrogate (not UTF-8): the group is filtered text by text, the same tokens
    from textkit.tokenize import _decided_lists

    tokenizer = Tokenizer(segmenter, drop_classes=())
    joined = ["政绩观 \ud800 的", "", "主题教育"]
    assert _decided_lists(joined, tokenizer._decisions) == [["政绩观", "\ud800"], [], ["主题教育"]]


def test_lexicon_terms_are_never_filtered(segmenter, custom):
    assert Tokenizer(custom).tokenize("G20峰会") == ["G20", "峰会"]
    assert Tokenizer(segmenter).tokenize("G20峰会") == ["峰会"]


def test_module_functions_use_the_default_tokenizer(segmenter):
    assert default_tokenizer() is default_tokenizer()
    assert default_tokenizer().segmenter is segmenter
    text = "推动主题教育走深走实"
    assert segment(text) == ["推动", "主题教育", "走深走实"]
    assert tokenize(text) == ["推动", "主题教育", "走深走实"]
    assert tokenize_corpus([text, "以学促干"]) == [["推动", "主题教育", "走深走实"], ["以学促干"]]


# --------------------------------------------------------------------------- corpus, cache, parallel


@pytest.fixture(scope="module")
def paragraphs(seed_sentences) -> pd.DataFrame:
    """An articles-like table: one row per seed sentence, a few repeated."""
    texts = seed_sentences[:150] + seed_sentences[:10]
    return pd.DataFrame({"doc_id": [f"s{i:03d}" for i in range(len(texts))], "text": texts})


def test_tokenize_corpus_gives_one_list_per_row_in_order(segmenter, paragraphs):
    tokenizer = Tokenizer(segmenter, cache=MemoryTokenCache())
    tokens = tokenizer.tokenize_corpus(paragraphs)
    assert len(tokens) == len(paragraphs)
    assert tokens == [tokenizer.tokenize(text) for text in paragraphs["text"]]
    assert tokenizer.tokenize_corpus(paragraphs["text"]) == tokens
    assert tokenizer.tokenize_corpus(list(paragraphs["text"])) == tokens
    assert tokenizer.tokenize_corpus(pd.DataFrame({"text": ["", "  \n"]})) == [[], []]
    with pytest.raises(TypeError, match="row 1"):
        tokenizer.tokenize_corpus(["政绩观", None])
    with pytest.raises(KeyError):
        tokenizer.tokenize_corpus(pd.DataFrame({"body": ["政绩观"]}))


def test_parallel_equals_serial(segmenter, paragraphs):
    serial = Tokenizer(segmenter, cache=NullTokenCache()).tokenize_corpus(paragraphs, n_jobs=1)
    parallel = Tokenizer(segmenter, cache=NullTokenCache()).tokenize_corpus(paragraphs, n_jobs=2)
    assert parallel == serial
    assert sum(map(len, serial)) > 1000


def test_cache_hit_skips_segmentation(segmenter, custom, paragraphs, monkeypatch):
    calls = []
    original = segmenter.segment_joined  # what the tokenizer segments with

    def counting(text):
        calls.append(text)
        return original(text)

    monkeypatch.setattr(segmenter, "segment_joined", counting)
    cache = MemoryTokenCache()
    tokenizer = Tokenizer(segmenter, cache=cache)
    first = tokenizer.tokenize_corpus(paragraphs)
    n_distinct = paragraphs["text"].nunique()
    assert len(calls) == n_distinct < len(paragraphs)  # repeated rows are segmented once

    second = tokenizer.tokenize_corpus(paragraphs)
    assert second == first
    assert len(calls) == n_distinct  # nothing segmented again
    assert cache.hits == n_distinct

    # other filters reuse the cached segmentation; a different lexicon does not
    stricter = Tokenizer(segmenter, cache=cache, extra_stopwords=["干部"])
    assert stricter.tokenize_corpus(paragraphs) != first
    assert len(calls) == n_distinct
    other = Tokenizer(custom, cache=cache)
    other.tokenize_corpus(paragraphs[:5])
    assert len(cache) == n_distinct + paragraphs[:5]["text"].nunique()

    tokenizer.tokenize("一句新的话")
    assert calls[-1] == "一句新的话"
    tokenizer.tokenize("一句新的话")
    assert calls.count("一句新的话") == 1


# --------------------------------------------------------------------------- SIGHAN scorer


@pytest.fixture(scope="module")
def evaluation(repo):
    path = repo / "benchmarks" / "segmentation_eval.py"
    spec = importlib.util.spec_from_file_location("segmentation_eval", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_scorer_on_hand_made_lines(evaluation):
    gold = [["共同", "创造", "美好"], ["新", "世纪"]]
    assert evaluation.score(gold, gold).f1 == 1.0
    # line 1: 创造 split in two (2 of 4 predicted correct); line 2: 新世纪 joined (0 of 1)
    result = evaluation.score(
        gold, [["共同", "创", "造", "美好"], ["新世纪"]], training_words={"共同", "创造", "新"}
    )
    assert (result.n_gold, result.n_predicted, result.n_correct) == (5, 5, 2)
    assert result.precision == 0.4 and result.recall == 0.4 and result.f1 == 0.4
    # OOV gold words: 美好 (found), 世纪 (missed)
    assert result.n_oov == 2 and result.oov_recall == 0.5
    assert result.iv_recall == round(1 / 3, 4)
    with pytest.raises(ValueError, match="line 1"):
        evaluation.score([["共同"]], [["同共"]])


def test_reading_gold_files(evaluation, tmp_path):
    gold = tmp_path / "gold.utf8"
    gold.write_bytes("\ufeff「 練 得 銅皮鐵骨 」\r\n本\u3000港\r\n".encode())
    assert evaluation.read_gold(gold) == [["「", "練", "得", "銅皮鐵骨", "」"], ["本", "港"]]


def test_conversion_maps_words_back(evaluation):
    converted = evaluation.convert_lines(["樹立 政績觀", "AB"], to_simplified)
    assert converted.lines == ["树立 政绩观", "AB"] and converted.n_char_by_char == 0
    assert evaluation.map_back(["树立", "政绩观"], "树立 政绩观", "樹立 政績觀") == ["樹立", "政績觀"]
    # a conversion that changes length falls back to one character at a time
    odd = evaluation.convert_lines(["ab"], lambda s: s.upper() if len(s) == 1 else s + "!")
    assert odd.lines == ["AB"] and odd.n_char_by_char == 1


@pytest.mark.corpora
def test_textkit_is_not_worse_than_plain_jieba_on_sighan(evaluation, corpora, segmenter):
    icwb2 = corpora / "icwb2"
    plain = evaluation.plain_jieba()
    for name, convert in (("pku", None), ("cityu", to_simplified)):
        lines = evaluation.read_lines(icwb2 / f"{name}_test.utf8")[:400]
        gold = evaluation.read_gold(icwb2 / f"{name}_test_gold.utf8")[:400]
        ours, _, _ = evaluation.run_system(lines, segmenter.segment, convert)
        theirs, _, _ = evaluation.run_system(lines, plain, None)
        assert evaluation.score(gold, ours).f1 >= evaluation.score(gold, theirs).f1, name


def test_segmenters_start_from_the_dictionary_jieba_builds():
    """Segmenters copy the table line joining reads (``textkit._jieba_dict``) instead of loading
    jieba's cache: it is jieba's own ``FREQ`` and ``total``, and so is the lexicon on top."""
    import jieba

    from textkit._jieba import quiet_jieba
    from textkit._jieba_dict import dictionary_frequencies

    reference = jieba.Tokenizer()
    with quiet_jieba():
        reference.initialize()
    frequencies, total = dictionary_frequencies()
    assert frequencies == reference.FREQ and total == reference.total
    segmenter = Segmenter()
    for entry in segmenter.entries:
        reference.add_word(entry.term, entry.freq, entry.pos)
    built = segmenter.jieba_tokenizer
    assert built.FREQ == reference.FREQ and built.total == reference.total
    assert built.FREQ is not frequencies  # a copy: add_word changed it, not the shared table
    assert len(frequencies) < len(built.FREQ)


def test_the_stored_dictionary_table_is_the_parsed_one(tmp_path, monkeypatch):
    """The parsed dict.txt kept in the cache folder reads back as the same table, keys in the same
    order; a damaged or missing copy is parsed again, never used."""
    from textkit import _jieba_dict as module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = module.dictionary_path()
    parsed = module._parse(path)
    read = module.dictionary_frequencies.__wrapped__  # without the per-process memo
    first = read()  # parses and stores
    stored = list((tmp_path / "textkit").glob("jieba-dict-*.marshal"))
    assert len(stored) == 1 and stored[0] == module._stored_table(path.read_bytes())
    second = read()  # from the stored copy
    for table in (first, second):
        assert table == parsed and list(table[0]) == list(parsed[0])
    assert module._read_stored(stored[0]) == parsed
    blob = bytearray(stored[0].read_bytes())
    blob[-5] ^= 1  # a damaged copy fails its checksum: parsed again and written anew
    stored[0].write_bytes(bytes(blob))
    assert module._read_stored(stored[0]) is None
    assert read() == parsed and module._read_stored(stored[0]) == parsed
    stored[0].write_bytes(b"")
    assert read() == parsed
    blocked = tmp_path / "a file"  # no folder can be made under it: parsed, nothing written
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert read() == parsed


def _token_class_by_characters(token: str) -> str:
    """token_class as it was written before its first two tests became regular expressions."""
    import unicodedata

    from textkit.tokenize._base import _CHINESE_NUMERALS, _NUMBER_MARKS, _is_han

    if not token or token.isspace():
        return "space"
    if all(char in _CHINESE_NUMERALS for char in token):
        return "number"
    if any(_is_han(char) for char in token):
        return "han"
    categories = [unicodedata.category(char) for char in token]
    if any(cat[0] == "N" for cat in categories) and all(
        cat[0] == "N" or char in _NUMBER_MARKS for char, cat in zip(token, categories, strict=True)
    ):
        return "number"
    if any(
        cat[0] == "L" and "LATIN" in unicodedata.name(char, "")
        for char, cat in zip(token, categories, strict=True)
    ):
        return "latin"
    if all(cat[0] in "PS" for cat in categories):
        return "punct"
    return "other"


def test_token_class_equals_the_character_tests():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from textkit.tokenize._base import token_class

    edges = "〇○零一二十百千万亿两\u4dff\u4e00\u9fff\ua000\u33ff\u3400\u4dbf\u4dc0\uf8ff\uf900\ufaff\ufb00"
    edges += "\U0001ffff\U00020000\U0003134f\U00031350５.%，aÀ1 \u3000—"

    @settings(max_examples=2000, deadline=None)
    @given(st.text(alphabet=st.sampled_from(edges) | st.characters(), max_size=6))
    def check(token):
        assert token_class(token) == _token_class_by_characters(token)

    check()
    for code in [*range(0x10000), *range(0x1FFF0, 0x20010), *range(0x31340, 0x31360)]:  # one character
        char = chr(code)
        assert token_class(char) == _token_class_by_characters(char), hex(code)


def test_han_word_pattern_is_token_class_han():
    """_HAN_WORD, which the filter decides Han words by, matches exactly the tokens token_class
    calls "han" (numerals only, whitespace, a Han character at the end or nowhere)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from textkit.tokenize._base import _HAN_WORD, token_class

    edges = "〇○零一二十百千万亿两\u4dff\u4e00\u9fff\u3400\uf900\U00020000\U0003134f５.%，aÀ1 \n\u3000—"

    @settings(max_examples=2000, deadline=None)
    @given(st.text(alphabet=st.sampled_from(edges) | st.characters(), max_size=6))
    def check(token):
        assert bool(_HAN_WORD.match(token)) == (token_class(token) == "han")

    check()


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"min_chars": 2},
        {"drop_classes": {"han"}},
        {"keep": ["的", "十五"]},
        {"extra_stopwords": ["主题教育"]},
    ],
)
def test_decisions_are_keeps(options):
    """The filter's decisions (Han words decided without keeps) are keeps' answers, for a
    tokenizer's own keeps and for a subclass's."""
    from textkit.tokenize import _Decisions

    class Strict(Tokenizer):
        def keeps(self, token: str) -> bool:
            return super().keeps(token) and len(token) > 2

    words = ["主题教育", "的", "十五", "二〇二三", "党", "APP", "，", " ", "中国\u3000", "5G网络", "〇"]
    for tokenizer in (Tokenizer(**options), Strict(**options)):
        decisions = _Decisions(tokenizer.keeps)
        expected = [word if tokenizer.keeps(word) else "" for word in words]
        assert [decisions[word] for word in words] == expected
    tokenizer = Tokenizer(**options)
    tokenizer.stopwords = tokenizer.stopwords | {"党"}  # read at each decision, as keeps reads it
    assert _Decisions(tokenizer.keeps)["党"] == ("党" if tokenizer.keeps("党") else "")


def test_segment_texts_share_each_word(segmenter, paragraphs):
    # computed and read from the cache: the same words as segment, one string object per word
    texts = paragraphs["text"].tolist()
    tokenizer = Tokenizer(segmenter, cache=MemoryTokenCache())
    for _ in ("computed", "cached"):
        lists = tokenizer.segment_texts(texts)
        assert lists == [segmenter.segment(text) for text in texts]
        words = [word for words in lists for word in words]
        assert len({id(word) for word in words}) == len(set(words)) < len(words)
