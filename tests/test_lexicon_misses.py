"""tools/lexicon_misses.py reads the open held-out sets A-H and refuses the blind set I."""

from __future__ import annotations

import pytest
from tools_helpers import tool_module


def test_open_sets_are_a_to_h():
    misses = tool_module("lexicon_misses")
    assert misses.check_sets("abcdefgh") == "abcdefgh"
    assert misses.check_sets("h") == "h"


@pytest.mark.parametrize("sets", ["i", "hi", "abcdefghi", "", "z"])
def test_blind_or_unknown_sets_stop_before_reading(sets, monkeypatch):
    misses = tool_module("lexicon_misses")
    # nothing may be read: the guard runs before the annotations or the articles are opened
    monkeypatch.setattr(misses, "ANNOTATIONS", {})
    with pytest.raises(SystemExit, match="open sets a-h"):
        misses.main(["--sets", sets])
