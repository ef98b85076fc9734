"""The pair pass of the policy-lexicon build (tools/lexicon_pairs.py): coordinated noun pairs and
gap members with a campaign term inside, admitted when that term keeps most of its count."""

from __future__ import annotations

from tools_helpers import tool_module

from textkit.tokenize import DEFAULT_LEXICON, POLICY_LEXICON, Segmenter, read_lexicon


def _pairs_module():
    return tool_module("lexicon_pairs")


def _sources() -> dict[str, str]:
    lines = POLICY_LEXICON.read_text(encoding="utf-8").splitlines()
    return {
        line.split("#", 1)[0].strip(): line.split("#", 1)[1].strip()
        for line in lines
        if line.strip() and not line.startswith("#")
    }


def test_pairs_start_at_token_cuts_and_leave_runs_of_three_units_to_the_frames():
    pairs = _pairs_module()
    tokens = ["开辟", "发展", "新", "领域", "新赛道", "、", "塑造", "发展", "新动能", "新", "优势"]
    assert [(one, two) for _, _, one, two in pairs.pair_occurrences(tokens)] == [
        ("新领域", "新赛道"),
        ("新动能", "新优势"),
    ]
    assert list(pairs.pair_occurrences(["新", "理念", "新", "思想", "新", "战略"])) == []  # a frame
    first = next(iter(pairs.pair_occurrences(["发展", "新", "动能", "新", "优势"])))
    assert first[2] == "新动能"  # not 发展新
    assert list(pairs.pair_occurrences(["各地区", "各部门"])) == []  # 各 is a determiner
    assert list(pairs.pair_occurrences(["新时代新征程"])) == []  # one token already


def test_a_noun_pair_is_no_name_and_no_verb_pair():
    pairs = _pairs_module()
    assert pairs.noun_pair("新时代", "新征程") and pairs.noun_pair("新动能", "新优势")
    assert not pairs.noun_pair("国务院", "国资委")  # an office's head
    assert not pairs.noun_pair("福建省", "福州市")  # places


def test_the_verb_phrase_of_a_rejected_formula_bounds_its_object():
    pairs = _pairs_module()
    rejects = {"开辟发展新领域新赛道", "塑造发展新动能新优势", "新领域新赛道建设"}
    found = pairs.verb_prefixes(rejects, {"新领域新赛道", "新动能新优势"})
    assert found == {"新领域新赛道": {"开辟发展"}, "新动能新优势": {"塑造发展"}}
    texts = ["开辟发展新领域新赛道、塑造发展新动能新优势。"] * 3
    tokenized = [
        ["开辟", "发展", "新", "领域", "新赛道", "、", "塑造", "发展", "新动能", "新", "优势", "。"]
    ] * 3
    kept = {s.term: s for s in pairs.pair_class(texts, tokenized, rejects)}
    assert set(kept) == {"新领域新赛道", "新动能新优势"} and kept["新领域新赛道"].formula == 3
    assert pairs.pair_class(texts, tokenized, set()) == []  # no formula: one context, not bounded


def test_a_campaign_term_inside_must_keep_most_of_its_token_files():
    pairs = _pairs_module()
    before = [["新时代", "新征程"], ["新时代"], ["新时代", "的"], ["新时代"], ["新时代"]]
    after = [["新时代新征程"], ["新时代"], ["新时代", "的"], ["新时代"], ["新时代"]]
    shares = pairs.campaign_keeps(before, after, {"新时代新征程"}, frozenset({"新时代", "新征程", "新发展"}))
    assert shares == {"新时代": 0.8, "新征程": 0.0}  # 新发展 is inside no holder
    assert shares["新时代"] >= pairs.PAIR_KEEP_SHARE > shares["新征程"]
    shares = pairs.campaign_keeps(before[:2], after[:2], {"新时代新征程"}, frozenset({"新时代"}))
    assert shares["新时代"] < pairs.PAIR_KEEP_SHARE


def test_pair_review_is_recorded_and_kept_out():
    pairs = _pairs_module()
    rejects = pairs.read_rejects()
    sources = _sources()
    added = {
        term
        for term, source in sources.items()
        if source.startswith(("coordinated pair", "campaign-holding"))
    }
    assert {"新领域新赛道", "新动能新优势", "专精特新中小企业"} <= added
    # holders the gap class's share rule keeps (tools/lexicon_gaps.hides_campaign_term) come from
    # there and never reach the pair pass
    assert {"新时代新征程", "新时代文明实践", "马克思主义中国化时代化"} <= set(sources) - added
    assert not added & rejects
    assert {"新方式新举措", "新形势新任务", "高质量发展和高水平保护", "深入调查研究"} <= rejects
    # left out by the campaign-count bound: 以人民为中心 would keep about half of its token files
    assert not {"以人民为中心的发展思想", "人民群众急难愁盼", "主题教育走深走实"} & set(sources)


def test_only_the_pair_pass_and_the_share_rule_hold_campaign_terms_in_the_policy_lexicon():
    campaign = {entry.term for entry in read_lexicon(DEFAULT_LEXICON)}
    holders = {term for term in _sources() if any(c != term and c in term for c in campaign)}
    sources = _sources()
    prefixes = ("coordinated pair", "campaign-holding", "gap n-gram", "rare compound")
    assert holders and all(sources[t].startswith(prefixes) for t in holders)
    assert any(sources[t].startswith(("coordinated pair", "campaign-holding")) for t in holders)


def test_pairs_are_one_token_in_running_text():
    segmenter = Segmenter(policy_lexicon=POLICY_LEXICON)
    tokens = segmenter.segment("以科技创新开辟发展新领域新赛道、塑造发展新动能新优势，奋进新时代新征程")
    assert {"新领域新赛道", "新动能新优势", "新时代新征程"} <= set(tokens)
    assert "新时代" in segmenter.segment("新时代的伟大成就")  # the campaign term alone stays a token
