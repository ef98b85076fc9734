"""The object class of policy-lexicon candidates (tools/lexicon_objects.py): frequent terms the gap
class's neighbour test stops because a few verbs stand before them (发生|历史性变革)."""

from __future__ import annotations

from tools_helpers import tool_module

from textkit.tokenize import POLICY_LEXICON, Segmenter


def _module():
    return tool_module("lexicon_objects")


def _added() -> set[str]:
    lines = POLICY_LEXICON.read_text(encoding="utf-8").splitlines()
    return {line.split("#", 1)[0].strip() for line in lines if "# verb object" in line}


def test_a_verb_token_before_a_term_bounds_its_left_edge():
    module = _module()
    texts = [["发生", "历史性", "变革", "，"], ["大", "历史性", "变革", "的"], ["生", "历史性", "变革", "大"]]
    tags = {"发生": "v", "生": "v", "大": "a"}
    # 发生 (a verb of two characters) bounds; 大 (an adjective) and 生 (one character) do not;
    # the right is bounded by punctuation and the particle 的, not by 大
    assert module.object_bounds(["历史性变革"], texts, tags) == {"历史性变革": (3, 1, 2)}
    assert module.object_bounds(["历史性变革"], [["历史性", "变革"]], {}) == {"历史性变革": (1, 1, 1)}


def test_the_gap_class_is_its_candidates_with_stable_edges():
    gaps = tool_module("lexicon_gaps")
    stats = gaps.GapStats("历史性变革", "历史性 变革", 72, 72, 85, 85, 11.4, 0.07, 0.7, 2.1, "noun")
    assert not gaps.stable_edges(stats)  # why the gap class left it out
    assert gaps.stable_edges(gaps.GapStats("x", "x", 1, 1, 1, 1, 9.0, 0.6, 0.0, 0.0, "set"))


def test_review_is_recorded_with_reasons_and_kept_out():
    module = _module()
    from lexicon_parallel import read_rejects

    rejects = read_rejects(module.OBJECT_REJECTS)
    text = module.OBJECT_REJECTS.read_text(encoding="utf-8")
    assert len(rejects) == 59 and all(f"# ({code})" in text for code in "abcd")
    assert all("#" in line for line in text.splitlines() if line.strip())  # each with a reason
    added = _added()
    assert {"历史性变革", "学思用贯通", "忠诚干净担当", "建军一百年奋斗目标"} <= added
    assert not added & rejects
    # kept on reading but holding 0.67 of the entry 山水林田湖草沙's occurrences: left out
    assert "山水林田湖草沙一体化保护" not in added and len(added) == 8
    precision = (module.REPO / "tools" / "lexicon_object_precision.txt").read_text(encoding="utf-8")
    assert all(f"\n{term}\t" in precision for term in added)  # every kept member read


def test_object_terms_are_one_token_in_running_text():
    segmenter = Segmenter(policy_lexicon=POLICY_LEXICON)
    tokens = segmenter.segment("党和国家事业发生历史性变革，推动学思用贯通、知信行统一，做到忠诚干净担当")
    assert {"历史性变革", "学思用贯通", "忠诚干净担当"} <= set(tokens)
    tokens = segmenter.segment("坚持山水林田湖草沙一体化保护和系统治理")
    assert "山水林田湖草沙" in tokens  # the entry it would hide stays a token


def test_a_member_hiding_a_kept_entry_is_left_out(monkeypatch):
    module = _module()
    import lexicon_gaps as gaps

    stats = gaps.GapStats("山水林田湖草沙一体化保护", "", 54, 54, 83, 83, 10.3, 0.0, 2.8, 0.2, "set")
    monkeypatch.setattr(module, "object_class", lambda texts, tokenized: [stats])
    monkeypatch.setattr(gaps, "_tokenize", lambda texts, rows: [[]])
    texts = ["坚持山水林田湖草沙一体化保护和系统治理"] * 3 + ["山水林田湖草沙"]
    assert module.object_terms(texts, {}, set()) == {"山水林田湖草沙一体化保护": 54}
    assert module.object_terms(texts, {"山水林田湖草沙": "policy"}, set()) == {}  # 3 of 4: hidden
