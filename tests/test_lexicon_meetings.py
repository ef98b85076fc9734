"""The meeting class of policy-lexicon candidates (tools/lexicon_meetings.py): runs ending in the
token 会 with a noun-shaped rest (民主|生活|会), which the gap class's name test stops, read whole."""

from __future__ import annotations

from tools_helpers import tool_module

from textkit.tokenize import POLICY_LEXICON, Segmenter


def _module():
    return tool_module("lexicon_meetings")


def _added() -> set[str]:
    lines = POLICY_LEXICON.read_text(encoding="utf-8").splitlines()
    return {line.split("#", 1)[0].strip() for line in lines if "# meeting" in line}


def test_a_meeting_is_nouns_then_the_token_hui():
    module = _module()
    import lexicon_gaps as gaps
    from lexicon_filters import pos_tokenizer

    tags = pos_tokenizer().word_tag_tab
    assert module.meeting_shape("民主生活会", ["民主", "生活", "会"], tags) == "meeting"
    assert module.meeting_shape("组织生活会", ["组织生活", "会"], tags) == "meeting"
    # the gap class's shape test stops both: 会 ends an organization's name there
    assert gaps.term_shape("民主生活会", ["民主", "生活", "会"], 7.9) is None
    assert module.meeting_shape("群众会", ["群众", "会"], tags) == "meeting"
    assert module.meeting_shape("推动会", ["推动", "会"], tags) is None  # a verb before 会
    assert module.meeting_shape("他们会", ["他们", "会"], tags) is None  # a pronoun: 会 the modal
    assert module.meeting_shape("北京会", ["北京", "会"], tags) is None  # a place: a name
    assert module.meeting_shape("三会", ["三", "会"], tags) is None  # a number first
    assert module.meeting_shape("座谈会议", ["座谈", "会议"], tags) is None  # 会 is no token
    assert module.meeting_shape("会", ["会"], tags) is None


def test_the_class_keeps_stable_members_down_to_its_floor(monkeypatch):
    module = _module()
    import lexicon_gaps as gaps

    def stats(term, cut, docs, bounded=0.6):
        return gaps.GapStats(term, cut, docs, docs, docs, docs, 8.0, bounded, 0.0, 0.0, "meeting")

    found = [
        stats("圆桌会", "圆桌 会", 19),
        stats("院坝会", "院坝 会", 8),
        stats("群众会", "群众 会", module.MEETING_MIN_DOCS - 1),  # below the floor: not asked for
        stats("甲乙会", "甲乙 会", 9, bounded=0.1),  # unstable edges
    ]
    asked = {}

    def candidates(texts, tokenized, min_docs, shape_test):
        asked["min_docs"] = min_docs
        return [s for s in found if s.docs >= min_docs]

    monkeypatch.setattr(gaps, "gap_candidates", candidates)
    assert [s.term for s in module.meeting_class([], [])] == ["圆桌会", "院坝会"]
    assert asked["min_docs"] == module.MEETING_MIN_DOCS


def test_only_members_kept_on_reading_are_added(monkeypatch):
    module = _module()
    import lexicon_gaps as gaps

    kept = gaps.GapStats("院坝会", "院坝 会", 8, 8, 9, 9, 8.0, 0.6, 2.0, 2.0, "meeting")
    unread = gaps.GapStats("甲乙会", "甲乙 会", 9, 9, 9, 9, 8.0, 0.6, 2.0, 2.0, "meeting")
    monkeypatch.setattr(module, "meeting_class", lambda texts, tokenized: [kept, unread])
    monkeypatch.setattr(gaps, "_tokenize", lambda texts, rows: [[]])
    assert module.meeting_terms(["院坝会"], {}, set()) == {"院坝会": 8}
    assert module.meeting_terms(["院坝会"], {}, {"院坝会"}) == {}  # left out by an earlier pass


def test_review_is_recorded_and_the_kept_members_are_entries():
    module = _module()
    from lexicon_band import read_keeps
    from lexicon_parallel import read_rejects

    keeps, rejects = read_keeps(module.MEETING_KEEPS), read_rejects(module.MEETING_REJECTS)
    assert keeps == {"圆桌会", "民主生活会", "组织生活会", "外长会", "院坝会"} and not rejects
    assert _added() == keeps


def test_meetings_are_one_token_in_running_text():
    # 20230701/20230701-02-03.txt (held-out set K): both were cut (民主|生活|会, 组织生活|会)
    line = "3198个地方党委领导班子召开民主生活会，437.0万个党支部召开组织生活会、开展民主评议党员"
    tokens = Segmenter(policy_lexicon=POLICY_LEXICON).segment(line)
    assert {"民主生活会", "组织生活会"} <= set(tokens)
    # build file 20230723-04-07: a consultation in a village courtyard
    tokens = Segmenter(policy_lexicon=POLICY_LEXICON).segment("村里召开院坝会，做思想工作")
    assert "院坝会" in tokens
    # a longer dictionary word still wins: 圆桌会议 stays whole
    tokens = Segmenter(policy_lexicon=POLICY_LEXICON).segment("中英互联网圆桌会议")
    assert "圆桌会议" in tokens
