"""Coordinated four-character forms joined at segmentation time (``Segmenter(shapes=True)``,
``textkit.tokenize._shapes``): the rule's cases, its switch and fingerprint, and the same words
serially, in worker processes and from the cache."""

from __future__ import annotations

import pytest

import textkit.parallel
from textkit.pipeline import make_tokenizer
from textkit.tokenize import POLICY_LEXICON, MemoryTokenCache, NullTokenCache, Segmenter, Tokenizer
from textkit.tokenize._shapes import join_derived, join_polity, join_shapes, shape_spans

# the words of jieba's dictionary in these cases (the rule asks the segmenter's table)
KNOWN = {
    "我们",
    "国内",
    "国际",
    "双循环",
    "用户",
    "国家级",
    "依法",
    "立法",
    "尽早",
    "建好",
    "好",
}.__contains__


@pytest.mark.parametrize(
    ("words", "joined"),
    [
        (["我们", "敢", "拼敢", "赢", "，"], ["我们", "敢拼敢赢", "，"]),  # ABAC, the HMM across the middle
        (["应", "投尽", "投"], ["应投尽投"]),  # ABCB, the same
        (["能", "早", "尽早"], ["能早尽早"]),  # one word of the dictionary, no crossing
        (["引才", "聚才"], ["引才聚才"]),  # two words the HMM made
        (["建好", "用", "好"], ["建好用好"]),
        (["立行", "立改", "，", "善", "作", "善", "成"], ["立行立改", "，", "善作善成"]),
    ],
)
def test_a_form_the_dictionary_does_not_explain_is_joined(words, joined):
    assert join_shapes(" ".join(words), KNOWN).split(" ") == joined


@pytest.mark.parametrize(
    "words",
    [
        ["国内", "国际", "双循环"],  # two dictionary words side by side: a free pair
        ["依法", "立法"],
        ["使", "用户", "用"],  # a dictionary word across the middle
        ["家", "国家级"],  # a word of three characters inside
        ["要应", "投尽", "投"],  # the form does not start where a token starts
        ["能", "早", "尽早日"],  # nor end where one ends
        ["越", "来", "越", "多"],  # 越…越…: grammar, not a coinage
        ["一", "户", "一", "策"],  # a numeral
        ["处", "副", "处", "长"],  # an office's deputy
        ["省情", "市", "情", "县", "情"],  # two units of a chain of three
        ["研", "究", "研", "究"],  # ABAB
        ["高", "高", "兴", "兴"],  # AABB
        ["敢拼敢赢"],  # one token already
        ["敢", "拼", "a", "敢", "赢"],  # not four Han characters in a row
    ],
)
def test_other_spans_are_left_as_cut(words):
    assert join_shapes(" ".join(words), KNOWN) == " ".join(words)


def test_overlapping_forms_join_the_first():
    words = ["乡", "风", "乡", "韵", "乡", "愁"]  # 乡风乡韵 and 乡韵乡愁 overlap; a chain, so neither
    assert shape_spans(words, KNOWN) == {}
    words = ["用", "好", "用", "活", "活", "用"]  # 用好用活 and 用活活用 (not a form): the first
    assert shape_spans(words, KNOWN) == {0: 4}


def test_the_switch_and_the_fingerprint():
    plain, shaped = Segmenter(), Segmenter(shapes=True)
    sentence = "我们要做到应投尽投，敢拼敢赢。"
    assert "敢拼敢赢" not in plain.segment(sentence) and "应投尽投" not in plain.segment(sentence)
    assert {"敢拼敢赢", "应投尽投"} <= set(shaped.segment(sentence))
    assert "".join(shaped.segment(sentence)) == sentence
    assert plain.fingerprint != shaped.fingerprint
    assert Segmenter(shapes=False).fingerprint == plain.fingerprint  # off: the fingerprint of before
    assert shaped.with_terms(["智改数转"]).shapes and "shapes=True" in repr(shaped)


def test_make_tokenizer_joins_the_forms_and_can_be_told_not_to():
    sentence = "符合条件的应投尽投，全体干部敢拼敢赢。"
    assert {"应投尽投", "敢拼敢赢"} <= set(make_tokenizer().tokenize(sentence))
    off = make_tokenizer(segmenter=Segmenter(policy_lexicon=POLICY_LEXICON))
    assert not {"应投尽投", "敢拼敢赢"} & set(off.tokenize(sentence))


@pytest.fixture(scope="module")
def texts(seed_documents) -> list[str]:
    shaped = ["各地应投尽投、能早尽早，干部敢拼敢赢、真抓实干。", "坚持立行立改，做到建好用好。"] * 3
    shaped += ["美方大搞泛安全化、泛政治化，其实质是搞逆全球化。"] * 2 + ["坚持工业强市、产业兴市。"]
    paragraphs = [p for text in seed_documents["text"] for p in str(text).split("\n") if p.strip()]
    return shaped + paragraphs[:300]


def test_serial_parallel_and_cached_words_agree(texts, monkeypatch):
    monkeypatch.setattr(textkit.parallel, "PARALLEL_MIN_CHARS", 0)
    segmenter = Segmenter(policy_lexicon=POLICY_LEXICON, shapes=True)
    one_by_one = [segmenter.segment(text) for text in texts]
    assert "敢拼敢赢" in one_by_one[0] and "泛安全化" in one_by_one[6] and "工业强市" in one_by_one[8]
    assert [
        joined.split(" ") if joined else [] for joined in segmenter.segment_joined_many(texts)
    ] == one_by_one
    serial = Tokenizer(segmenter, cache=NullTokenCache()).tokenize_corpus(texts, n_jobs=1)
    parallel = Tokenizer(segmenter, cache=NullTokenCache()).tokenize_corpus(texts, n_jobs=2)
    cache = MemoryTokenCache()
    Tokenizer(segmenter, cache=cache).tokenize_corpus(texts)
    cached = Tokenizer(segmenter, cache=cache).tokenize_corpus(texts)
    assert parallel == serial == cached and cache.hits >= len(set(texts))
    jieba_engine = Segmenter(policy_lexicon=POLICY_LEXICON, shapes=True, engine="jieba")
    assert [jieba_engine.segment(text) for text in texts] == one_by_one


def test_forms_measured_in_a_people_s_daily_file(corpora):
    """On a build file of the lexicon (not a held-out one): every joined form is a form of the
    rule, the text is kept, and 应知应会 comes out whole."""
    path = corpora / "rmrb-2023-07-08" / "20230707" / "20230707-11-04.txt"
    if not path.exists():
        pytest.skip("rmrb-2023-07-08 not found")
    text = path.read_text("utf-8-sig")
    plain = Segmenter(policy_lexicon=POLICY_LEXICON).segment(text)
    shaped = Segmenter(policy_lexicon=POLICY_LEXICON, shapes=True).segment(text)
    assert "".join(shaped) == "".join(plain)
    added = set(shaped) - set(plain)
    assert "应知应会" in added and all(len(word) == 4 and len(set(word)) == 3 for word in added)


def test_derived_words_of_a_bound_prefix_a_word_and_hua_are_one_token():
    # set L's 20230811/20230811-03-03.txt (stop 36): the spokesman's charges, the first after a
    # token the HMM made of 搞 and the prefix; build files 20230830/20230830-01-03.txt,
    # 20230818/20230818-03-02.txt, 20230810/20230810-03-07.txt (tools/shape_precision2.txt)
    tokenizer = make_tokenizer()
    line = "美方打着国家安全的幌子，大搞泛安全化、泛政治化，其真实目的是剥夺中国发展权利"
    words = tokenizer.segmenter.segment(line)
    assert {"泛安全化", "泛政治化"} <= set(words) and "搞" in words
    assert "逆全球化" in tokenizer.segmenter.segment("为了应对逆全球化，新开发银行与共建")
    assert "去极端化" in tokenizer.segmenter.segment("在反恐和去极端化斗争主题展")
    # a stem of one character (去|美化 is "go and beautify"), a word ending in the prefix's
    # character (广泛), or a stem that is no word stays as cut
    known = {"美化", "政治", "广泛", "安全"}.__contains__
    assert join_derived("要 去 美化 环境", known) == "要 去 美化 环境"
    assert join_derived("广泛 安全 化", known) == "广泛 安全 化"
    assert join_derived("泛 某某 化", known) == "泛 某某 化"
    assert Segmenter(shapes=True).segment("大搞泛安全化") != Segmenter().segment("大搞泛安全化")


def test_strong_polity_goals_are_one_token():
    # set M's 20230704/20230704-07-06.txt (stop 37): 济南's goal, cut 工业|强市 before (强市 a token
    # the HMM made); build files 20230817/20230817-14-04.txt, 20230710/20230710-19-01.txt,
    # 20230714/20230714-18-01.txt, 20230709/20230709-01-02.txt (tools/polity_goals.txt)
    segment = make_tokenizer().segmenter.segment
    assert "工业强市" in segment("近年来，济南市深入实施工业强市发展战略和数字经济引领战略")
    assert "工业强市" in segment("江山市始终坚持工业强市、产业兴市不动摇")
    assert "知识产权强省" in segment("支持浙江建设数字化改革引领知识产权强省")
    assert "农业产业强镇" in segment("作为首批全国农业产业强镇，根子镇打造全要素")
    # 强市 after 作为 is "strengthening the city" (作为强市之要); 加强|市场 holds no 强市 token
    words = segment("把构建现代化产业体系作为强市之要，要加强市场监管")
    assert "作为强市" not in words and "强市" in words and "加强" in words
    known = {"工业", "作为"}.__contains__
    assert join_polity("坚持 工业 强市", known) == "坚持 工业强市"
    assert join_polity("作为 强市 之要", known) == "作为 强市 之要"
    assert join_polity("智造 强省", known) == "智造 强省"  # no dictionary word before it
    assert join_polity("要 强村 富民", known) == "要 强村 富民"  # 强村: a verb and its object
