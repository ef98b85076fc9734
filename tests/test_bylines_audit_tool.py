"""The bylines audits' draws (tools/bylines_audit.py): the third audit leaves out both earlier
audits' files (tools/bylines_audit.txt, tools/bylines_audit2.txt)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tools_helpers import TOOLS, tool_module

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "rmrb-2023-07-08"
LISTED = re.compile(r"^(\d{8}/\d{8}-\d{2}-\d{2}\.txt)\s", re.M)


def _listed(name: str) -> set[str]:
    """The file names an audit's readings list, one reading a line."""
    return set(LISTED.findall((TOOLS / name).read_text("utf-8")))


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpora/rmrb-2023-07-08")
def test_earlier_files_are_the_files_both_audits_read_and_the_third_draw_leaves_them_out():
    audit = tool_module("bylines_audit")
    earlier = {str(path.relative_to(CORPUS)) for path in audit.earlier_files(CORPUS)}
    first, second = _listed("bylines_audit.txt"), _listed("bylines_audit2.txt")
    assert (len(first), len(second)) == (60, 80)
    assert earlier == first | second
    third = audit.sample(CORPUS, 20261208, 80, by_page=True, exclude_earlier=True)
    assert len(third) == 80 and not {str(path.relative_to(CORPUS)) for path in third} & earlier
