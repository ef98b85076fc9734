"""tools/lexicon_misses.py reads the open held-out sets A-M and refuses the blind set N."""

from __future__ import annotations

import pytest
from tools_helpers import tool_module


def test_open_sets_are_a_to_m():
    misses = tool_module("lexicon_misses")
    assert misses.check_sets("abcdefghijklm") == "abcdefghijklm"
    assert misses.check_sets("m") == "m"


@pytest.mark.parametrize("sets", ["n", "mn", "abcdefghijklmn", "", "z"])
def test_blind_or_unknown_sets_stop_before_reading(sets, monkeypatch):
    misses = tool_module("lexicon_misses")
    # nothing may be read: the guard runs before the annotations or the articles are opened
    monkeypatch.setattr(misses, "ANNOTATIONS", {})
    with pytest.raises(SystemExit, match="open sets a-m"):
        misses.main(["--sets", sets])


@pytest.mark.parametrize(
    ("entry", "rejected", "docs", "stopped", "group"),
    [
        ("policy", "", 46, "", "nested in a longer entry"),
        ("-", "lexicon_rejects: a phrase", 35, "", "rejected on review"),
        ("-", "", 0, "not a run", "in no build file"),
        ("-", "", 9, "floor (9 files)", "floor only"),
        ("-", "", 5, "floor (5 files); edges (entropy 1.0, bounded 2/5)", "floor + edges"),
        ("-", "", 5, "floor (5 files); shape (防/v 返贫/v; pmi 6.3)", "floor + tags"),
        ("-", "", 3, "floor (3 files); pmi (2.6); edges (entropy -0.0, bounded 0/1)", "floor + edges"),
        ("-", "", 9, "floor (9 files); pmi (1.0)", "floor + pmi"),
        ("-", "", 8, "floor (8 files); cut share (2/8)", "floor + other"),
        ("-", "", 20, "pmi (3.2)", "other"),
        ("-", "", 79, "holder", "other"),
    ],
)
def test_reason_group(entry, rejected, docs, stopped, group):
    assert tool_module("lexicon_misses").reason_group(entry, rejected, docs, stopped) == group


def test_group_table_counts_rows_per_set_and_per_100_terms():
    misses = tool_module("lexicon_misses")
    rows = [("a", "floor only"), ("a", "floor only"), ("i", "floor only"), ("i", "in no build file")]
    lines = misses.group_table(rows, {"a": 40, "i": 20})
    assert lines[0].split("\t") == ["group", "a", "i", "a per 100 terms", "i per 100 terms"]
    assert lines[1].split("\t") == ["floor only", "2", "1", "5.0", "5.0"]
    assert lines[2].split("\t") == ["in no build file", "0", "1", "0.0", "5.0"]
    assert len(lines) == 3  # groups with no row are left out


def test_a_term_inside_a_longer_token_is_nested_though_no_entry():
    misses = tool_module("lexicon_misses")
    # 文化强国 is no entry; the entry 建设文化强国 holds it (set J): nested, not the cut-share "other"
    group = misses.reason_group("-", "", 40, "cut share (13/62)", ["[建设文化强国]"])
    assert group == "nested in a longer entry"
    # one occurrence inside a longer token is enough, as for the scorer's "no token boundary inside"
    assert misses.held(["新时代|中国特色社会主义|思想", "[习近平新时代中国特色社会主义思想]"])
    # a token reaching past one edge only is a cut, not a holder
    assert not misses.held(["智慧|[养老服务]"])
    assert misses.reason_group("-", "", 9, "floor (9 files)", ["智慧|[养老服务]"]) == "floor only"
