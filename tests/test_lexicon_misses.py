"""tools/lexicon_misses.py reads the open held-out sets A-I and refuses the blind set J."""

from __future__ import annotations

import pytest
from tools_helpers import tool_module


def test_open_sets_are_a_to_i():
    misses = tool_module("lexicon_misses")
    assert misses.check_sets("abcdefghi") == "abcdefghi"
    assert misses.check_sets("i") == "i"


@pytest.mark.parametrize("sets", ["j", "ij", "abcdefghij", "", "z"])
def test_blind_or_unknown_sets_stop_before_reading(sets, monkeypatch):
    misses = tool_module("lexicon_misses")
    # nothing may be read: the guard runs before the annotations or the articles are opened
    monkeypatch.setattr(misses, "ANNOTATIONS", {})
    with pytest.raises(SystemExit, match="open sets a-i"):
        misses.main(["--sets", sets])
