"""The recall class of policy-lexicon candidates (tools/lexicon_recall.py) and its review."""

from __future__ import annotations

from pathlib import Path

from tools_helpers import tool_module

from textkit.datafiles import read_lines
from textkit.tokenize import POLICY_LEXICON, Segmenter

TOOLS = Path(__file__).resolve().parent.parent / "tools"


def _recall_module():
    return tool_module("lexicon_recall")


def _corpus() -> list[str]:
    left = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地"
    right = "春夏秋冬东南西北金木水火土日月星山川河海风云雷电"
    filler = "我们今天来到这里看一看农田里的庄稼长得怎么样大家都很高兴" * 4
    # 守正创新: cohesive, free on both sides; 推进改革: always between the same neighbours
    return [f"{a}守正创新{b}。{filler}。在推进改革时" for a, b in zip(left, right, strict=True)]


def test_recall_class_takes_cohesive_sequences_with_free_edges(tmp_path, monkeypatch):
    recall = _recall_module()
    plain = Segmenter(lexicon=None)
    texts = _corpus()
    assert recall.recall_class(texts, plain) == {"守正创新": 24}
    assert recall.recall_class(texts[: recall.RECALL_MIN_DOCS - 1], plain) == {}  # in too few files
    rejects = tmp_path / "rejects.txt"
    rejects.write_text("# reviewed\n守正创新\n", encoding="utf-8")
    monkeypatch.setattr(recall, "RECALL_REJECTS", rejects)
    assert recall.recall_ngrams(texts, plain) == {}


def test_recall_class_leaves_out_names_and_function_word_edges():
    recall = _recall_module()
    assert recall._is_name("农业农村部") and recall._is_name("余名官兵") and not recall._is_name("守正创新")
    assert "的" in recall.EDGE_FUNCTION and "和" in recall.EDGE_FUNCTION


def test_recall_review_is_recorded_with_reasons_and_kept_out():
    text = (TOOLS / "lexicon_recall_rejects.txt").read_text(encoding="utf-8")
    rejects = set(read_lines(TOOLS / "lexicon_recall_rejects.txt"))
    assert len(rejects) > 1000 and all(f"# ({code})" in text for code in "abcde")
    lines = POLICY_LEXICON.read_text(encoding="utf-8").splitlines()
    added = {line.split("#", 1)[0].strip() for line in lines if "# recall n-gram" in line}
    assert len(added) > 150 and not added & rejects
    assert {"守正创新", "担当作为", "交流互鉴"} <= added and not {"不断提升", "加快推进"} & added
