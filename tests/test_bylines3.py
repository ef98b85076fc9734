"""Bylines as People's Daily prints them, on real lines of rmrb-2023-07-08 build files read in the
third audit and its sweeps (tools/bylines_audit3.txt): each test fails on the code before it."""

from __future__ import annotations

import pandas as pd

from textkit.articles import classify_line, split_articles
from textkit.normalize import normalize_text


def _split(text: str, doc_id: str = "doc.txt", **kwargs) -> pd.DataFrame:
    documents = pd.DataFrame({"doc_id": [doc_id], "text": [text], "text_norm": [normalize_text(text)]})
    return split_articles(documents, **kwargs)


def test_a_reporters_notes_label_over_a_piece_is_its_column_not_a_reporter_named_shouji():
    # 20230712-18-01 (and 7 more build files): 记者手记 heads the sidebar closing a 深度观察 feature;
    # it read as 记者 and the name 手记
    assert classify_line("记者手记") == "column"
    text = (
        "努力在创新中实现产业高质量发展（深度观察）\n"
        "　　1995年，我国第一辆电动汽车“远望号”诞生。\n"
        "　　“下一步，要强化技术创新，支持产学研用深度合作。”\n"
        "　　记者手记\n"
        "　　由大到强  任重道远\n"
        "　　17个月，累计产量从1000万辆到2000万辆，我国新能源汽车产业的高速成长有目共睹。\n"
    )
    rows = _split(text)
    assert rows["author"].tolist() == ["", ""]
    assert rows.iloc[1][["title", "column"]].tolist() == ["由大到强 任重道远", "记者手记"]
