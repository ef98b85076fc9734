"""Plotting stage: figures with Chinese labels (one module per stage is added beside this one).

matplotlib's default font (DejaVu Sans) has no Han glyphs, so every Chinese
label becomes a row of boxes and a "Glyph missing" warning. ``use_chinese_font``
registers Noto Sans CJK SC, which is installed with the package (the font files
of the ``mplfonts`` distribution); nothing is downloaded and nothing is written
into site-packages.

>>> use_chinese_font()
'Noto Sans CJK SC'
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager

__all__ = ["bar_chart", "cjk_font_path", "use_chinese_font"]

_FONT_FILE = "NotoSansCJKsc-Regular.otf"


def cjk_font_path() -> Path:
    """Path of the bundled CJK font file (Noto Sans CJK SC, SIL Open Font License)."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the 'mplfonts' package, which carries the CJK font files, is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / _FONT_FILE
    if not path.is_file():
        raise RuntimeError(f"CJK font file {_FONT_FILE} is missing from the mplfonts package")
    return path


def use_chinese_font(rc: dict | None = None) -> str:
    """Register the bundled CJK font with matplotlib and make it the default.

    Latin text and symbols fall back to DejaVu Sans. Returns the font family
    name that was registered. ``rc`` updates further ``matplotlib.rcParams``.
    """
    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    family = font_manager.FontProperties(fname=str(path)).get_name()
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = [family, "DejaVu Sans"]
    # The CJK font has no U+2212 MINUS SIGN; use the hyphen-minus it does have.
    mpl.rcParams["axes.unicode_minus"] = False
    if rc:
        mpl.rcParams.update(rc)
    return family


def bar_chart(
    values,
    title: str = "",
    xlabel: str = "",
    ylabel: str = "",
    horizontal: bool = True,
    ax=None,
    color: str = "#3b6ea8",
    empty_message: str = "Nothing to show: no values",
):
    """Draw a bar chart of a pandas Series (index = labels) and return the axes.

    Horizontal bars list the first item at the top, as a table would. An empty Series
    draws ``empty_message`` in the middle of blank axes (with the title) instead of bars.
    """
    import matplotlib.pyplot as plt

    if ax is None:
        height = max(2.5, 0.32 * len(values) + 1) if horizontal else 4
        _, ax = plt.subplots(figsize=(7, height))
    labels = [str(label) for label in values.index]
    if not len(values):
        ax.text(0.5, 0.5, empty_message, ha="center", va="center", transform=ax.transAxes, color="#666666")
        ax.set_xticks([])
        ax.set_yticks([])
    elif horizontal:
        ax.barh(labels[::-1], list(values.to_numpy()[::-1]), color=color)
    else:
        ax.bar(labels, list(values.to_numpy()), color=color)
        ax.tick_params(axis="x", labelrotation=45)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.figure.tight_layout()
    return ax
