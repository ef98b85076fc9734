"""The verbs class of policy-lexicon candidates (tools/lexicon_verbs.py): frequent runs that the gap
class's shape test stops on jieba's tags of their pieces (社会|治理, 抓|落实), read whole."""

from __future__ import annotations

from tools_helpers import tool_module

from textkit.tokenize import POLICY_LEXICON, Segmenter


def _module():
    return tool_module("lexicon_verbs")


def _added() -> set[str]:
    lines = POLICY_LEXICON.read_text(encoding="utf-8").splitlines()
    return {line.split("#", 1)[0].strip() for line in lines if "# tag-stopped run" in line}


def test_the_shape_test_lets_in_only_what_tags_stop():
    module = _module()
    assert module.shape_or_tags("抓落实", ["抓", "落实"], 6.0) == "tags"
    assert module.shape_or_tags("制度优势", ["制度", "优势"], 5.1) == "noun"  # the gap class's own
    assert module.shape_or_tags("海淀区", ["海淀", "区"], 9.0) is None  # a name


def test_order_signals_count_list_neighbours_and_the_reverse_order():
    module = _module()
    joined = "社会治理、基层治理；创新社会治理，治理社会"
    assert module.order_signals("社会治理", ["社会", "治理"], joined) == (0.5, 1)
    assert module.order_signals("加快建设", ["加快", "建设"], "要加快建设，加快建设") == (0.0, 0)


def test_argument_share_counts_noun_phrase_slots():
    module = _module()
    tokenized = [
        ["加强", "社会", "治理"],
        ["的", "社会", "治理"],
        ["社会", "治理", "、"],
        ["要", "社会", "治理", "好"],
    ]
    assert module.argument_shares(["社会治理"], tokenized) == {"社会治理": 0.75}
    tokenized = [["要", "加快", "建设", "新", "城"], ["，", "加快", "建设", "。"]]
    assert module.argument_shares(["加快建设"], tokenized) == {"加快建设": 0.0}


def test_the_class_takes_tag_stopped_runs_with_a_signal(monkeypatch):
    module = _module()
    import lexicon_gaps as gaps

    def stats(term, cut, docs, entropy=2.0, shape="tags"):
        return gaps.GapStats(term, cut, docs, docs, docs, docs, 8.0, 0.1, entropy, entropy, shape)

    found = [
        stats("社会治理", "社会 治理", 87),  # in a 、-list
        stats("产业振兴", "产业 振兴", 49),  # written 振兴产业 too
        stats("加快建设", "加快 建设", 220),  # neither, and never where a noun phrase stands
        stats("协同治理", "协同 治理", 28, entropy=1.2),  # edges below the order signal's entropy
        stats("文化自觉", "文化 自觉", 17),  # below 20 files: the argument signal
        stats("制度优势", "制度 优势", 19, shape="noun"),  # noun-shaped: the band class's
    ]
    seen = {}

    def candidates(texts, tokenized, min_docs, shape_test):
        seen["args"] = (min_docs, shape_test)
        return found

    monkeypatch.setattr(gaps, "gap_candidates", candidates)
    texts = ["社会治理、基层治理", "加快建设", "振兴产业，振兴产业", "协同治理、社会治理"]
    tokenized = [["的", "文化", "自觉"], ["的", "制度", "优势"], ["要", "加快", "建设", "城市"]]
    assert [s.term for s in module.verbs_class(texts, tokenized)] == ["社会治理", "产业振兴", "文化自觉"]
    assert seen["args"] == (module.VERBS_ARG_MIN_DOCS, module.shape_or_tags)


def test_only_members_kept_on_reading_are_added(monkeypatch):
    module = _module()
    import lexicon_gaps as gaps

    def stats(term, cut, docs):
        return gaps.GapStats(term, cut, docs, docs, 30, 30, 8.0, 0.6, 2.0, 2.0, "tags")

    kept, unread = stats("社会治理", "社会 治理", 87), stats("甲乙丙丁", "甲乙 丙丁", 30)
    monkeypatch.setattr(module, "verbs_class", lambda texts, tokenized: [kept, unread])
    monkeypatch.setattr(gaps, "_tokenize", lambda texts, rows: [[]])
    assert module.verbs_terms(["社会治理"], {}, set()) == {"社会治理": 87}
    assert module.verbs_terms(["社会治理"], {}, {"社会治理"}) == {}  # left out by an earlier pass
    holder = stats("推进乡村振兴", "推进 乡村振兴", 95)
    monkeypatch.setattr(module, "read_keeps", lambda: {"社会治理", "推进乡村振兴"})
    monkeypatch.setattr(module, "verbs_class", lambda texts, tokenized: [kept, holder])
    assert module.verbs_terms(["社会治理"], {}, set()) == {"社会治理": 87}  # 乡村振兴 is a campaign term


def test_review_is_recorded_with_reasons_and_kept_out():
    module = _module()
    from lexicon_parallel import read_rejects

    keeps, rejects = module.read_keeps(), read_rejects(module.VERBS_REJECTS)
    assert len(keeps) == 159 and len(rejects) == 682 and not keeps & rejects
    text = module.VERBS_REJECTS.read_text(encoding="utf-8")
    assert all("#" in line for line in text.splitlines() if line.strip())  # each with a reason
    assert {"社会治理", "抓落实"} <= _added() <= keeps
    assert not {"加快建设", "推进乡村振兴"} & _added()


def test_verbs_terms_are_one_token_in_running_text():
    tokens = Segmenter(policy_lexicon=POLICY_LEXICON).segment("创新社会治理，以钉钉子精神抓落实")
    assert {"社会治理", "抓落实"} <= set(tokens)
