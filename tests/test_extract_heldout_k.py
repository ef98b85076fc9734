"""Extraction mechanisms fixed from the misses of held-out set K (tests/data/heldout_rmrb_k.json,
opened to this round's builders once set L existed), each on the real line of the set's article and
on lines of the same shape from the build files of rmrb-2023-07-08 (readings:
tools/extract_precision_k.txt)."""

from __future__ import annotations

from extract_helpers import claim_values, claims


def test_a_numeral_before_bumen_shengshi_or_shengfen_counts_them():
    # 20230713/20230713-07-01.txt (set K): 3 departments, not 3 部 (a measure word of books, films)
    line = "今年初，云南3部门印发《云南省极小种群野生植物拯救保护规划（2021—2030年）》"
    assert claim_values(line) == [(3.0, "部门")]
    # 20230728/20230728-01-04.txt (set K)
    line = "在听取商务部和上海、北京、江苏、浙江、河南、湖北、广东、陕西8省市有关负责同志汇报后"
    assert claim_values(line) == [(8.0, "省市")]
    # build files 20230809-05-05, 20230713-17-05, 20230828-10-01
    assert claim_values("13部门印发《关于促进家居消费的若干措施》") == [(13.0, "部门")]
    assert claim_values("长江流经11省份，它的源头又在哪里？") == [(11.0, "省份")]
    assert claim_values("新疆与对口援疆19省市互赠的精美作品") == [(19.0, "省市")]
    # 部 alone stays a measure word; with 个 the classifier is the unit (set G's 22个省份)
    assert claim_values("出台40部法律，12个部门，22个省份") == [(40.0, "部"), (12.0, "个"), (22.0, "个")]
    # Chinese numerals take no count unit (set K: 七部门 is no claim)
    assert claims("七部门联合印发") == []
