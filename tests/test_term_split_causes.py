"""tools/term_split_causes.py: the pure helpers behind its causes, and the blind set N refused."""

from __future__ import annotations

import doctest
from collections import Counter

import pytest

from tests.tools_helpers import tool_module


def test_doctests():
    module = tool_module("term_split_causes")
    assert doctest.testmod(module).failed == 0


def test_cut_of_needs_boundaries_at_both_edges():
    module = tool_module("term_split_causes")
    words = ["以", "人民", "为", "中心", "的", "发展", "思想"]
    cuts = module.boundaries(words)
    assert module.cut_of(words, cuts, 6, 11) == ("的", "发展", "思想")
    assert module.cut_of(words, cuts, 8, 11) is None  # 展思想: 发展 straddles the start
    assert module.cut_of(words, cuts, 6, 10) is None  # 的发展思: 思想 straddles the end


def test_weakest_bound_takes_the_weakest_cut():
    module = tool_module("term_split_causes")
    tokens = ("新", "就业", "形态")
    # 新|就业形态: 就业形态 is always inside (1.0); 新就业|形态: 形态 is inside 10 of 20 (0.5)
    seqs = Counter({("新", "就业"): 40, ("就业", "形态"): 10})
    bound = module.weakest_bound(tokens, 10, Counter({"新": 1000, "就业": 500, "形态": 20}), seqs)
    assert bound == pytest.approx(0.5)


@pytest.mark.parametrize("sets", ["m,n", "n", "z", ""])
def test_the_blind_set_n_is_refused_before_reading(sets, capsys):
    module = tool_module("term_split_causes")
    with pytest.raises(SystemExit):
        module.main(["--sets", sets])
    assert "only the open sets a-m" in capsys.readouterr().err


def test_set_m_is_open():
    assert tool_module("term_split_causes").OPEN_SETS == "abcdefghijklm"
