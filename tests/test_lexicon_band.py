"""The band class of policy-lexicon candidates (tools/lexicon_band.py): noun-shaped gap-class
members in 5-19 build files, below the gap class's floor (制度优势), read whole; a member read as a
term that breaks SIGHAN gold words is rejected for its cost."""

from __future__ import annotations

from tools_helpers import tool_module

from textkit.tokenize import POLICY_LEXICON, Segmenter


def _module():
    return tool_module("lexicon_band")


def _added() -> set[str]:
    lines = POLICY_LEXICON.read_text(encoding="utf-8").splitlines()
    return {line.split("#", 1)[0].strip() for line in lines if "# noun band" in line}


def test_a_noun_shaped_cut_has_no_verb_function_word_or_numeral():
    module = _module()
    tags = {"制度": "n", "优势": "n", "的": "uj", "方面": "n", "推动": "v", "一项": "m"}
    tags |= {"调研": "vn", "李": "nr"}
    assert module.noun_cut(["制度", "优势"], tags)
    assert module.noun_cut(["调研", "制度"], tags)  # a verbal noun counts
    assert module.noun_cut(["新时代", "党的群众路线"], tags)  # not in jieba's dictionary: an entry
    assert not module.noun_cut(["方面", "的", "优势"], tags)
    assert not module.noun_cut(["推动", "制度"], tags)
    assert not module.noun_cut(["一项", "制度"], tags)
    assert not module.noun_cut(["李", "制度"], tags)  # a person name first


def test_a_common_word_jieba_tags_a_person_s_name_is_a_noun():
    # set L's 20230726/20230726-06-03.txt (stop 36): the honour 道德模范 (7 build files) was never a
    # member: jieba's dictionary tags 道德 nr; CC-CEDICT lists it with lower-case pinyin only
    module = _module()
    from lexicon_filters import pos_tokenizer

    tags = pos_tokenizer().word_tag_tab
    assert tags["道德"] == "nr" and module.noun_cut(["道德", "模范"], tags)
    assert not module.noun_cut(["李白", "诗歌"], {"李白": "nr", "诗歌": "n"})  # a name in CC-CEDICT


def test_the_class_takes_the_band_below_the_gap_floor(monkeypatch):
    module = _module()
    import lexicon_gaps as gaps

    def stats(term, cut, docs, bounded=0.6):
        return gaps.GapStats(term, cut, docs, docs, docs, docs, 8.0, bounded, 0.0, 0.0, "noun")

    found = [
        stats("制度优势", "制度 优势", 19),
        stats("新时代", "新 时代", 20),  # the gap class's own
        stats("红色资源", "红色 资源", module.BAND_MIN_DOCS - 1),  # below the band: not asked for here
        stats("推动制度", "推动 制度", 16),  # a verb first
        stats("文化根基", "文化 根基", 16, bounded=0.1),  # unstable edges
    ]

    def candidates(texts, tokenized, min_docs):
        return [s for s in found if s.docs >= min_docs]

    monkeypatch.setattr(gaps, "gap_candidates", candidates)
    assert [s.term for s in module.band_class([], [])] == ["制度优势"]


def test_only_members_kept_on_reading_are_added(monkeypatch):
    module = _module()
    import lexicon_gaps as gaps

    kept = gaps.GapStats("制度优势", "制度 优势", 19, 19, 30, 30, 8.0, 0.6, 2.0, 2.0, "noun")
    unread = gaps.GapStats("甲乙丙丁", "甲乙 丙丁", 19, 19, 30, 30, 8.0, 0.6, 2.0, 2.0, "noun")
    monkeypatch.setattr(module, "band_class", lambda texts, tokenized: [kept, unread])
    monkeypatch.setattr(gaps, "_tokenize", lambda texts, rows: [[]])
    assert module.band_terms(["制度优势"], {}, set()) == {"制度优势": 19}
    assert module.band_terms(["制度优势"], {}, {"制度优势"}) == {}  # left out by an earlier pass
    holder = gaps.GapStats("专精特新企业", "专精特新 企业", 18, 18, 30, 30, 8.0, 0.6, 2.0, 2.0, "noun")
    monkeypatch.setattr(module, "read_keeps", lambda: {"制度优势", "专精特新企业"})
    monkeypatch.setattr(module, "band_class", lambda texts, tokenized: [kept, holder])
    texts = ["专精特新企业"] + ["专精特新"] * 20  # a share of 0.05: the gap class's rule would let it in
    assert module.band_terms(texts, {}, set()) == {"制度优势": 19}  # 专精特新 is a campaign term


def test_review_is_recorded_with_reasons_and_kept_out():
    module = _module()
    from lexicon_parallel import read_rejects

    keeps, rejects = module.read_keeps(), read_rejects(module.BAND_REJECTS)
    assert len(keeps) == 843 and len(rejects) == 2648 and not keeps & rejects
    text = module.BAND_REJECTS.read_text(encoding="utf-8")
    assert all("#" in line for line in text.splitlines() if line.strip())  # each with a reason
    added = _added()
    assert {"制度优势", "红色资源", "科教融汇", "延链补链"} <= added <= keeps
    # read as terms, left out for what they cost on SIGHAN (tools/lexicon_sighan_cost.py)
    cost = {line.split("#")[0].strip() for line in text.splitlines() if "# cost" in line}
    assert {"农业产业化", "思想政治工作", "生态补偿机制"} <= cost and not cost & added


def test_band_terms_are_one_token_in_running_text():
    tokens = Segmenter(policy_lexicon=POLICY_LEXICON).segment("发挥制度优势，用好红色资源")
    assert {"制度优势", "红色资源"} <= set(tokens)
    tokens = Segmenter(policy_lexicon=POLICY_LEXICON).segment("推动科教融汇，整合提升、延链补链")
    assert {"科教融汇", "延链补链"} <= set(tokens)  # in 5-9 build files: the third round
    # stop 36: members whose first word jieba tags a person's name (道德 nr)
    line = "由中央精神文明建设办公室、国家卫生健康委主办的全国道德模范与身边好人“中国好医生中国好护士”"
    assert "道德模范" in Segmenter(policy_lexicon=POLICY_LEXICON).segment(line)
