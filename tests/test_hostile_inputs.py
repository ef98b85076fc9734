"""Issue 17, item 9: hostile inputs a real scrape brings, each reproduced from data the test makes.

- an article with no word (English only in a Chinese corpus) is left out of clustering, and
  the prose of notebooks 03, 04 and 05 says how many and which;
- ``KS=[]`` is named as the problem in every notebook that takes KS;
- private-use and rare characters in figure labels are marked, not drawn as boxes;
- a large file is prepared without a list of one string object per character.
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from textkit.cluster import (
    article_cluster_shares,
    article_theme_table,
    clustering_units,
    fit_topics,
    units_with_words,
)
from textkit.narrate import findings, timeline
from textkit.narrate.topics import describe_article_spread, describe_choice, describe_left_out, describe_units
from textkit.pipeline import make_tokenizer, prepare_corpus
from textkit.plotting import bar_chart, drawable, use_chinese_font
from textkit.plotting.clusters import plot_cluster_map, plot_super_themes
from textkit.plotting.timelines import plot_term_series, plot_themes_over_time
from textkit.timeline import themes_over_time

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

THEMES = {
    "zhengji": "树立和践行正确政绩观，坚持为民造福，反对形象工程和政绩工程，领导干部要有钉钉子精神。",
    "jiaotong": "兰州市打通断头路，道路交通路网建设加快，新建道路陆续通车，市民出行更加方便快捷。",
    "jiaoyu": "主题教育走深走实，党员干部参加读书班开展理论学习，以学铸魂，以学增智，以学正风。",
    "dayun": "成都大运会赛场上运动员奋勇争先夺得金牌，志愿者热情服务，赛事组织井然有序。",
}
ENGLISH = (
    "The quick brown fox jumps over the lazy dog near the river bank today.\n\n"
    "An English article has no Chinese words at all, only Latin letters and dots.\n"
)


@pytest.fixture(scope="module")
def corpus_with_english(tmp_path_factory) -> Path:
    """Four Chinese articles of three paragraphs on four themes, and one English article."""
    folder = tmp_path_factory.mktemp("english")
    for name, paragraph in THEMES.items():
        body = "\n\n".join([paragraph] * 3)
        (folder / f"{name}.txt").write_bytes(f"{name}的标题\n\n{body}\n".encode())
    (folder / "en.txt").write_bytes(ENGLISH.encode("ascii"))
    return folder


@pytest.fixture(scope="module")
def clustered(corpus_with_english):
    articles = prepare_corpus(corpus_with_english).articles
    unit, units = clustering_units(articles, "paragraph")
    tokens = make_tokenizer().tokenize_corpus(units)
    return articles, unit, units, tokens


# ----------------------------------------------------------------------------- word-less units


def test_english_article_has_units_but_no_words(clustered):
    """The case itself: without units_with_words the English paragraphs would be clustered."""
    _, _, units, tokens = clustered
    english = [row for row, doc in zip(tokens, units.doc_id, strict=True) if doc == "en.txt"]
    assert len(english) == 2 and all(row == [] for row in english)
    model, _ = fit_topics(tokens, k=4, random_state=0)
    assert "en.txt" in set(article_cluster_shares(units, model.labels_).doc_id)


def test_wordless_units_are_left_out_of_clustering_and_never_lead_a_cluster(clustered):
    articles, unit, units, tokens = clustered
    kept, kept_tokens, left_out = units_with_words(units, tokens)
    assert left_out.doc_id.tolist() == ["en.txt", "en.txt"]
    assert "en.txt" not in set(kept.doc_id) and len(kept) == len(kept_tokens) == len(units) - 2
    assert all(kept_tokens) and list(kept.index) == list(range(len(kept)))
    model, _ = fit_topics(kept_tokens, k=4, random_state=0)
    spread = describe_article_spread(article_theme_table(model, kept, unit), model)
    assert "The article most devoted" in spread and "en.txt" not in spread
    said = describe_units(unit, len(kept), len(articles), left_out)
    assert said.startswith(f"Units: paragraphs — {len(kept)} of them, from 5 articles.")
    assert "2 paragraphs have no word left" in said and "from 1 article: en.txt \\#1" in said


def test_left_out_sentence_counts_names_and_caps_the_list():
    assert describe_left_out(None) == describe_left_out(pd.DataFrame(columns=["doc_id"])) == ""
    many = pd.DataFrame({"doc_id": [f"f{i}.txt" for i in range(8)], "article_no": 1, "text": ""})
    text = describe_left_out(many)
    assert text.startswith("8 articles have no word left") and "and 3 more." in text
    assert "f4.txt" in text and "f5.txt" not in text


def test_units_with_words_refuses_tokens_of_other_units():
    with pytest.raises(ValueError, match="2 token lists for 1 units"):
        units_with_words(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), [["x"], []])


def test_notebooks_04_and_05_say_what_was_left_out(clustered):
    articles, unit, units, tokens = clustered
    kept, kept_tokens, left_out = units_with_words(units, tokens)
    model, _ = fit_topics(kept_tokens, k=4, random_state=0, unit=unit)
    assert "en.txt" in findings.describe_themes(model, 0.75, kept_tokens, None, 4, left_out)
    themes = themes_over_time(model, kept, articles)
    text = timeline.describe_themes(themes, kept_tokens, None, 4, left_out)
    assert "2 paragraphs have no word left" in text


# ----------------------------------------------------------------------------- KS = []


def test_empty_ks_is_named_in_notebooks_03_04_and_05(clustered):
    articles, unit, units, tokens = clustered
    kept, kept_tokens, _ = units_with_words(units, tokens)
    model, table = fit_topics(kept_tokens, ks=[], random_state=0, unit=unit)
    assert model is None and table is None
    themes = themes_over_time(model, kept, articles)
    sentences = [
        describe_choice(model, table, kept_tokens, [], None),  # notebook 03
        findings.describe_themes(model, 0.75, kept_tokens, [], None),  # notebook 04
        timeline.describe_themes(themes, kept_tokens, [], None),  # notebook 05
    ]
    for sentence in sentences:
        assert "KS is empty" in sentence and "too little text" not in sentence
        assert "too small" not in sentence
    # Without the parameters the old, vaguer sentence is what a reader got.
    assert "too little text" in findings.describe_themes(model, 0.75)


def _sources(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")


@pytest.mark.parametrize("name", ["03_topics.ipynb", "04_findings.ipynb", "05_time.ipynb"])
def test_every_notebook_that_takes_ks_narrates_with_it_and_leaves_wordless_units_out(name):
    code = _sources(NOTEBOOKS / name)
    assert re.search(r"^KS = ", code, re.MULTILINE)
    call = r"describe_\w+\((?:[^()]|\([^()]*\))*"  # a describe_ call, one level of parentheses inside
    assert re.search(call + r"\bKS\b", code), "no sentence is told about KS"
    tokenized = re.findall(r"^(\w+) = .*tokenize_corpus\(units(?:, n_jobs=N_JOBS)?\)$", code, re.MULTILINE)
    assert tokenized, "the notebook no longer tokenizes its units"
    for name_of_tokens in tokenized:
        assert f"units, {name_of_tokens}, left_out = units_with_words(units, {name_of_tokens})" in code
    assert re.search(call + r"\bleft_out\b", code), "no sentence says what was left out"


# ----------------------------------------------------------------------------- glyphs


def _missing_ext_b() -> str:
    """An Extension B character that none of the figure fonts has (found, not assumed)."""
    from textkit.plotting import _codepoints, _figure_fonts

    known = _codepoints(_figure_fonts())
    return next(chr(point) for point in range(0x20000, 0x2A6E0) if point not in known)


RARE = "\ue000\uf8ff"


def test_drawable_marks_what_the_font_lacks_and_keeps_the_rest():
    use_chinese_font()
    ext_b = _missing_ext_b()
    assert drawable(f"政绩观{RARE}") == "政绩观〔U+E000〕〔U+F8FF〕"
    assert drawable(f"x{ext_b}y") == f"x〔U+{ord(ext_b):05X}〕y"
    assert drawable("Ⅱ类标准 $x$ — 繁體\n2023") == "Ⅱ类标准 $x$ — 繁體\n2023"
    assert drawable(12) == "12"


def test_rare_characters_in_figures_give_no_missing_glyph_warning(tmp_path):
    use_chinese_font({"text.parse_math": False})
    ext_b = _missing_ext_b()
    label = f"政绩{RARE}{ext_b}"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = bar_chart(pd.Series([3, 2], index=[label, "交通"]), title=f"标题{RARE}", xlabel=ext_b)
        ax.figure.savefig(tmp_path / "bars.png")
        assert "〔U+E000〕" in ax.get_title()
        assert any("〔U+E000〕" in tick.get_text() for tick in ax.get_yticklabels())
        plt.close(ax.figure)
        series = pd.DataFrame(
            {
                "term": [label] * 2,
                "period": pd.period_range("2023-01", periods=2, freq="M"),
                "per_10k": [1.0, 2.0],
                "low": [0.5, 1.0],
                "high": [1.5, 3.0],
                "period_articles": [3, 3],
                "han_chars": [1000, 1000],
            }
        )
        ax = plot_term_series(series, title=label)
        ax.figure.savefig(tmp_path / "series.png")
        plt.close(ax.figure)
        themes = pd.DataFrame(
            {
                "period": pd.period_range("2023-01", periods=2, freq="M").repeat(2),
                "cluster": [0, 1, 0, 1],
                "label": [label, "交通", label, "交通"],
                "share": [0.5, 0.5, 0.4, 0.6],
            }
        )
        ax = plot_themes_over_time(themes)
        ax.figure.savefig(tmp_path / "themes.png")
        plt.close(ax.figure)


def test_rare_characters_in_cluster_labels_give_no_missing_glyph_warning(tmp_path):
    use_chinese_font({"text.parse_math": False})
    from textkit.cluster import TopicClusterer

    words = [[f"{RARE}词{n}", f"政绩{n}", f"交通{n}"] for n in range(4) for _ in range(6)]
    model = TopicClusterer(k=4, random_state=0, min_df=1).fit(words)
    assert any("\ue000" in label for label in model.cluster_labels_)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for ax in (plot_cluster_map(model), plot_super_themes(model)):
            ax.figure.savefig(tmp_path / "clusters.png")
            plt.close(ax.figure)


def test_without_drawable_the_same_label_would_warn(tmp_path):
    """The checks above can fail: drawn as is, the private-use character has no glyph."""
    use_chinese_font()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.set_title(f"政绩{RARE}")
        fig.savefig(tmp_path / "tofu.png")
        plt.close(fig)
    assert any("missing from font" in str(w.message) for w in caught)


# ----------------------------------------------------------------------------- memory


def test_han_share_counts_without_a_list_of_matches():
    from textkit.corpus import han_share

    text = "政绩观 2023\n" * 50_000 + "\u3000" + "𠀀"
    assert han_share(text) == round((3 * 50_000 + 1) / (7 * 50_000 + 1), 4)
    assert han_share(" \n\t") == 0.0


def test_a_large_utf8_file_is_read_as_utf8_once(tmp_path):
    """An even-length UTF-8 file without NUL bytes is UTF-8: no UTF-16 trial decoding first."""
    from textkit import corpus

    path = tmp_path / "even.txt"
    path.write_bytes(("政绩观" * 1000 + "ab").encode("utf-8"))
    assert len(path.read_bytes()) % 2 == 0
    calls = []
    original = corpus._utf16_without_bom
    corpus._utf16_without_bom = lambda data: calls.append(len(data)) or original(data)
    try:
        decoded = corpus.read_text_file(path)
    finally:
        corpus._utf16_without_bom = original
    assert decoded.encoding == "utf-8" and decoded.text.startswith("政绩观") and calls == []


_MIXED = "乾隆年间的赵孟頫书法\n蒜薹和哪吒，乾隆\n" * 3 + "今天天气很好。" * 40


def _sliced_documents(seed_documents) -> list[tuple[str, str]]:
    """Seeds (traditional, pinyin, damaged annotations, boilerplate, broken lines) and a mixed
    text, with HTML entities, zero-width and full-width characters on the lines added."""
    extra = "\n&ldquo;正确政绩观&rdquo;\u200b ＡＢＣ１２３ 党建&amp;业务, 2020 年\n"
    pairs = zip(seed_documents.doc_id, seed_documents.text, strict=True)
    return [*((doc_id, text + extra + text[:400]) for doc_id, text in pairs), ("mixed.txt", _MIXED + extra)]


@pytest.mark.parametrize("size", [1, 40, 300])
def test_a_large_text_normalized_a_slice_of_lines_at_a_time_gives_the_whole_text_result(
    seed_documents, size
):
    """Text, script and every audit row (counts, dropped text in order, notes) are those of the
    whole-text steps, for slices down to one line each."""
    from textkit.normalize import _line_slices, _normalize_with_audit

    scripts = set()
    for doc_id, text in _sliced_documents(seed_documents):
        assert len(list(_line_slices(text, size))) > 1  # the sliced path really runs
        whole = _normalize_with_audit(doc_id, text, slice_chars=len(text))
        sliced = _normalize_with_audit(doc_id, text, slice_chars=size)
        assert sliced == whole
        scripts.add(whole[1])
    assert scripts == {"simplified", "traditional", "mixed"}


def test_script_changes_are_counted_across_slices_whose_length_changed():
    from textkit.normalize import _AlignedChanges, _count_changed

    before, after = ["abc\n", "de\n", "f"], ["xbcq\n", "d\n", "ff"]
    changes = _AlignedChanges()
    for old, new in zip(before, after, strict=True):
        changes.add(old, new)
    assert changes.total() == _count_changed("".join(before), "".join(after)) == 5
    # counted slice by slice, the shifted positions would be miscounted
    assert sum(_count_changed(old, new) for old, new in zip(before, after, strict=True)) == 6


def test_whole_file_texts_are_kept_as_python_strings_and_article_texts_as_str(tmp_path):
    """documents.text and text_norm hold the strings themselves (object dtype: an Arrow column
    held a large file again in UTF-8 and built it anew at every read); the articles' text
    column keeps pandas' str dtype, converted a batch at a time with the same values."""
    from textkit._text_column import TextColumn
    from textkit.pipeline import prepare_corpus

    (tmp_path / "a.txt").write_text("标题\n本报记者 王朋\n正文第一段，很长。\n", encoding="utf-8")
    corpus = prepare_corpus(tmp_path)
    assert corpus.documents["text"].dtype == object and corpus.documents["text_norm"].dtype == object
    assert corpus.articles["text"].dtype == pd.Series(["x"]).dtype
    texts = ["政绩观", "", "主题教育" * 3, "调研"]
    column = TextColumn(batch_chars=5)
    for text in texts:
        column.append(text)
    built = column.column(pd.RangeIndex(len(texts)))
    pd.testing.assert_series_equal(built, pd.Series(texts))


def test_normalization_does_not_import_jieba():
    """Line joining reads jieba's dictionary file without importing jieba: its import (through
    pkg_resources) left reference cycles that kept the caller's whole-text copies alive."""
    import subprocess
    import sys

    code = (
        "import sys; from textkit.normalize import normalize_text; "
        "text = normalize_text('学习的目的全在于运用。检验培训成\\n\\n果如何，关键还要看抓落实是否到位。'); "
        "assert '\\n' not in text; print('jieba' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
