"""`make report` on a new, small and hostile corpus: every notebook adapts, corpus text is escaped."""

from __future__ import annotations

import pytest
from conftest import REPO

from textkit.report import main

PAYLOAD = "<script>alert(1)</script>"

ARTICLES = {
    "a_hostile.txt": (
        f"政绩观{PAYLOAD}\n本报记者 王朋\n"
        f"各地坚持“学”字当头，推动主题教育走深走实。{PAYLOAD}全市排查受理各类矛盾纠纷10.2万起，化解成功率达98.2%。\n"
        "兰州市打通“断头路”，树立和践行正确政绩观，把为民造福作为最大政绩。"
    ).encode(),
    "b_traditional.txt": (
        "以先行者之姿 書寫高質量答卷\n"
        "這是一次中國式現代化的省域大趕考，聚力干出了走在前列先行示范的發展業績。\n"
        "全省4.5萬名縣處級以上領導干部、25.1萬個基層黨組織、433.6萬名黨員參加主題教育。\n"
        "樹立和踐行正確政績觀，事關“國之大者”。"
    ).encode(),
    "c_gb18030.txt": (
        "抓好县一级这个重点\n第二批主题教育，县一级是个重点。县处级以上领导干部要在主题教育中校正政绩观偏差。\n"
        "要以钉钉子精神锲而不舍抓落实，用好“四下基层”制度，坚决反对形象工程、政绩工程。"
    ).encode("gb18030"),
    "d_empty.txt": b"",
}


@pytest.mark.slow
def test_report_reruns_on_a_new_corpus_without_tracebacks_and_with_text_escaped(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, data in ARTICLES.items():
        (corpus / name).write_bytes(data)
    out = tmp_path / "reports"
    code = main(["--seeds", str(corpus), "--notebooks", str(REPO / "notebooks"), "--out", str(out)])
    assert code == 0
    pages = sorted(out.glob("[0-9][0-9]_*.html"))
    assert len(pages) == len(list((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    escaped_somewhere = False
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert PAYLOAD not in html, page.name
        # stderr streams and error outputs are rendered with this MIME type
        assert 'data-mime-type="application/vnd.jupyter.stderr"' not in html, page.name
        assert "Traceback" not in html, page.name
        escaped_somewhere |= "&lt;script&gt;alert" in html
    assert escaped_somewhere
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "4 files found, 3 loaded" in index
