"""Chinese labels render with a real CJK font: no tofu, no missing-glyph warnings."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd

from textkit.plotting import bar_chart, cjk_font_path, use_chinese_font


def test_font_file_ships_with_the_installation():
    assert cjk_font_path().is_file()


def test_figure_with_chinese_labels_renders_without_warnings(tmp_path):
    family = use_chinese_font()
    assert "CJK" in family
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = pd.Series([3, 2, -1], index=["政绩观", "主題教育", "高质量发展"])
        ax = bar_chart(values, title="中文标题 — 繁體標題", xlabel="次数")
        ax.set_ylabel("词语 −1")
        ax.figure.savefig(tmp_path / "figure.png")
        plt.close(ax.figure)
    assert (tmp_path / "figure.png").stat().st_size > 5_000


def test_default_font_would_have_warned(tmp_path):
    """The check above can fail: without the CJK font, matplotlib warns about missing glyphs."""
    with (
        matplotlib.rc_context({"font.family": "DejaVu Sans"}),
        warnings.catch_warnings(record=True) as caught,
    ):
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.set_title("政绩观")
        fig.savefig(tmp_path / "tofu.png")
        plt.close(fig)
    assert any("missing from font" in str(w.message) for w in caught)


def test_empty_series_draws_a_message_instead_of_bars(tmp_path):
    ax = bar_chart(pd.Series([], dtype=int), title="nothing", xlabel="count", empty_message="no entry occurs")
    assert [text.get_text() for text in ax.texts] == ["no entry occurs"]
    assert not ax.patches and ax.get_title() == "nothing"
    ax.figure.savefig(tmp_path / "empty.png")
    plt.close(ax.figure)
    full = bar_chart(pd.Series([2, 1], index=["a", "b"]), horizontal=False)
    assert len(full.patches) == 2 and not full.texts
    plt.close(full.figure)
