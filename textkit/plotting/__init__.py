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
from functools import cache
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager

__all__ = ["bar_chart", "cjk_font_path", "drawable", "use_chinese_font"]

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


_GENERIC_FAMILIES = ("sans-serif", "serif", "monospace", "cursive", "fantasy")


def _figure_fonts() -> tuple[str, ...]:
    """Paths of the fonts matplotlib tries, in order, for text drawn with the current settings."""
    names: list[str] = []
    for family in mpl.rcParams["font.family"]:
        names.extend(mpl.rcParams[f"font.{family}"] if family in _GENERIC_FAMILIES else [family])
    paths: list[str] = []
    for name in names:
        try:
            path = font_manager.fontManager.findfont(
                font_manager.FontProperties(family=name), fallback_to_default=False
            )
        except ValueError:  # not installed: matplotlib skips it too
            continue
        if path not in paths:
            paths.append(path)
    return tuple(paths) or (font_manager.findfont(font_manager.FontProperties()),)


@cache
def _codepoints(paths: tuple[str, ...]) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    points: set[int] = set()
    for path in paths:
        points.update(FT2Font(path).get_charmap())
    return frozenset(points)


def drawable(text: object) -> str:
    """``text`` as a figure can show it: each character no figure font has becomes ``〔U+XXXX〕``.

    Corpus text reaches figures (labels, titles, legends). A character that neither the
    CJK font nor its fallback can draw — private use (U+E000), a rare Extension B
    character — would be an empty box and a "Glyph … missing from font" warning; it is
    shown by its code point instead, so the reader sees that a character is there and
    which one. Line breaks are kept. Uses the fonts of the current ``matplotlib.rcParams``
    (call ``use_chinese_font`` first, as ``setup_notebook`` does).

    >>> _ = use_chinese_font()
    >>> drawable("政绩观\ue000")
    '政绩观〔U+E000〕'
    """
    text = str(text)
    known = _codepoints(_figure_fonts())
    if all(char == "\n" or ord(char) in known for char in text):
        return text
    return "".join(char if char == "\n" or ord(char) in known else f"〔U+{ord(char):04X}〕" for char in text)


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
    Labels and titles go through ``drawable`` (no missing glyphs).
    """
    import matplotlib.pyplot as plt

    if ax is None:
        height = max(2.5, 0.32 * len(values) + 1) if horizontal else 4
        _, ax = plt.subplots(figsize=(7, height))
    labels = [drawable(label) for label in values.index]
    if not len(values):
        ax.text(0.5, 0.5, empty_message, ha="center", va="center", transform=ax.transAxes, color="#666666")
        ax.set_xticks([])
        ax.set_yticks([])
    elif horizontal:
        ax.barh(labels[::-1], list(values.to_numpy()[::-1]), color=color)
    else:
        ax.bar(labels, list(values.to_numpy()), color=color)
        ax.tick_params(axis="x", labelrotation=45)
    ax.set_title(drawable(title))
    ax.set_xlabel(drawable(xlabel))
    ax.set_ylabel(drawable(ylabel))
    ax.figure.tight_layout()
    return ax
