"""The per-entry SIGHAN cost of the policy lexicon (tools/lexicon_sighan_cost.py): each region
where the cuts with and without the lexicon differ is charged to the entries standing in it."""

from __future__ import annotations

from tools_helpers import tool_module


def _module():
    return tool_module("lexicon_sighan_cost")


def test_regions_lie_between_the_boundaries_both_cuts_share():
    module = _module()
    base = ["发展", "农业", "产业化", "和", "制度", "优势"]
    policy = ["发展", "农业产业化", "和", "制度优势"]
    assert module.regions(base, policy) == [(2, 7), (8, 12)]
    assert module.regions(base, base) == []


def test_an_entry_is_charged_the_gold_words_it_breaks_and_makes():
    module = _module()
    gold = [["发展", "农业", "产业化", "和", "制度优势"]]
    base = [["发展", "农业", "产业化", "和", "制度", "优势"]]
    policy = [["发展", "农业产业化", "和", "制度优势"]]
    entries = {"农业产业化", "制度优势"}
    table, totals = module.charge(gold, base, policy, lambda w: w if w in entries else None)
    assert table["农业产业化"] == [2, 0, -1, 1, 0]  # broke 农业, 产业化; one word fewer
    assert table["制度优势"] == [0, 1, -1, 1, 0]  # made the gold word
    costs = [module.entry_f1_cost(table[entry], totals) for entry in ("农业产业化", "制度优势")]
    assert costs[0] > 0 > costs[1]
    # the charges add up to the difference of the two cuts
    broke = sum(row[0] - row[1] for row in table.values())
    assert broke == totals["base_correct"] - totals["policy_correct"]


def test_a_region_with_two_entries_is_charged_to_both_and_flagged():
    module = _module()
    gold = [["中国", "特色", "社会主义"]]
    base = [["中国", "特色社会", "主义"]]  # no boundary in common inside: one region
    policy = [["中国特色", "社会主义"]]
    table, _ = module.charge(gold, base, policy, {"中国特色": "中国特色", "社会主义": "社会主义"}.get)
    assert table["中国特色"] == table["社会主义"] == [1, 1, -1, 1, 1]  # broke 中国, made 社会主义
    table, _ = module.charge(gold, base, policy, lambda word: None)
    assert list(table) == ["(no entry)"]  # a region no entry stands in: the lexicon's other effects
