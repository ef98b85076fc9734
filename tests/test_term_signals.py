"""tools/term_signals.py and tools/adaptive_sets.py: the in-article signals, and set L refused."""

from __future__ import annotations

import pytest
from tools_helpers import tool_module


def test_list_neighbours_and_shared_heads():
    signals = tool_module("term_signals")
    text = "提升政治领导力、思想引领力、群众组织力，坚持思想淬炼、政治历练"
    found = signals.list_neighbours(text, "思想引领力")
    assert found == [("before", "提升政治领导力"), ("after", "群众组织力")]
    assert signals.shared_edge("思想引领力", signals.list_neighbours(text, "思想引领力"))
    # 淬炼 and 历练 share no character at an edge; the item before carries the verb 坚持
    assert not signals.shared_edge("政治历练", signals.list_neighbours(text, "政治历练"))


def test_signals_of_a_term_in_its_article():
    signals = tool_module("term_signals")
    text = "推进“结伴不结盟”。建设文化强国、教育强国。建设文化强国。"  # 强国: a shared head
    assert signals.signals("结伴不结盟", text, "", set()) == ["quoted"]
    found = signals.signals("文化强国", text, "文化强国", {"建设文化强国"})
    assert found == ["list+edge", "repeated", "headline", "nested"]


@pytest.mark.parametrize("tool", ["term_signals", "adaptive_sets"])
def test_the_blind_set_stops_before_reading(tool, monkeypatch):
    module = tool_module(tool)
    monkeypatch.setattr(module, "set_articles", lambda *a: pytest.fail("read a set"))
    with pytest.raises(SystemExit, match="open sets a-m"):
        module.main(["--sets", "n"])
