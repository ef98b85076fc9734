"""tools/lexicon_stops.py: which gap-class tests stop a split campaign term with no entry."""

from __future__ import annotations

from tools_helpers import tool_module


def test_run_cuts_count_runs_of_whole_tokens_only():
    stops = tool_module("lexicon_stops")
    tokenized = [
        ["碳中", "和", "目标"],
        ["实现", "碳中和"],
        ["低碳", "中", "和"],
        ["碳中", "和", "碳中", "和"],
    ]
    cuts = stops.run_cuts("碳中和", tokenized)
    assert cuts == {"碳中 和": 3, "碳中和": 1}  # 低碳|中|和 starts inside a token: no run


def test_terms_with_no_run_or_one_token_or_not_han_are_named_so():
    stops = tool_module("lexicon_stops")
    texts = ["开展批评和自我批评", "实现碳中和", "21世纪海上丝绸之路"]
    tokenized = [["开展批评", "和", "自我批评"], ["实现", "碳中和"], ["21", "世纪", "海上丝绸之路"]]
    found = stops.gap_stops(["批评和自我批评", "碳中和", "21世纪海上丝绸之路"], texts, tokenized)
    assert found == {"批评和自我批评": "not a run", "碳中和": "one token", "21世纪海上丝绸之路": "not Han"}
