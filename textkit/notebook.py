"""The notebook harness: stable, readable output and safe prose.

Every notebook calls ``setup_notebook()`` in its first code cell. Stored
outputs are compared by nbval on every test run, so anything that varies
between runs (logging from jieba, font warnings, float noise) is settled here
rather than in each notebook.

Corpus text is untrusted input. ``say`` renders prose generated from numbers
and corpus strings with every value HTML-escaped, so an article that contains
``<script>`` shows as text in the HTML report.
"""

from __future__ import annotations

import html
import logging
import os
import re
import warnings
from pathlib import Path

import pandas as pd

__all__ = ["escape_markdown", "escape_value", "fmt", "say", "setup_notebook"]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>$-])")


def setup_notebook(max_rows: int = 40, max_colwidth: int = 60, precision: int = 3) -> None:
    """Prepare a notebook kernel for stable, readable output.

    - silences jieba's logger before its first use (it prints timings);
    - registers the bundled CJK font with matplotlib (see ``textkit.plotting``);
    - sets pandas display options so tables are the same on every run.
    """
    # jieba imports pkg_resources, which newer setuptools deprecate with a warning on stderr.
    warnings.filterwarnings("ignore", message=".*pkg_resources.*")
    import jieba
    import matplotlib as mpl

    from textkit.plotting import use_chinese_font

    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    use_chinese_font({"figure.dpi": 100, "savefig.dpi": 100, "figure.max_open_warning": 0})
    mpl.rcParams["svg.hashsalt"] = "textkit"
    # Corpus text is never markup: a `$` in a file name or title is a dollar sign, not
    # mathematics (mathtext would render `$x^2$` and crash on `$$\\int_0^1 x dx$$`).
    mpl.rcParams["text.parse_math"] = False
    pd.set_option("display.max_rows", max_rows)
    pd.set_option("display.min_rows", max_rows)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.max_colwidth", max_colwidth)
    pd.set_option("display.precision", precision)
    pd.set_option("display.width", 120)
    # pandas marks table cells for MathJax by default; JupyterLab would then typeset a
    # corpus `$x$` as mathematics. Tables show text as it is.
    pd.set_option("display.html.use_mathjax", False)
    # Library deprecation chatter is not a finding; it would also land in
    # stderr, which nbval compares.
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=FutureWarning)
    tables = os.environ.get(TABLES_ENV)
    if tables:
        _register_table_export(Path(tables), os.environ.get(TABLES_HREF_ENV, Path(tables).name))


# Set by ``textkit.report`` for each notebook it runs: every table shown is also written whole
# there as CSV and linked under the table. Unset (JupyterLab, nbval) the outputs stay as they are.
TABLES_ENV = "TEXTKIT_TABLES_DIR"
TABLES_HREF_ENV = "TEXTKIT_TABLES_HREF"


def _register_table_export(folder: Path, href: str) -> None:
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return
    counter = {"n": 0}

    def with_csv(frame: pd.DataFrame) -> str:
        counter["n"] += 1
        name = f"table-{counter['n']:02d}.csv"
        folder.mkdir(parents=True, exist_ok=True)
        frame.to_csv(folder / name, encoding="utf-8-sig")
        rows = plural(len(frame), "row")
        link = html.escape(f"{href}/{name}", quote=True)
        return (
            frame.to_html(max_rows=pd.get_option("display.max_rows"), classes="dataframe tex2jax_ignore")
            + f'<p class="tk-csv">Table {counter["n"]}: <a href="{link}">download all {rows} as CSV</a></p>'
        )

    shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, with_csv)


def escape_markdown(value: object) -> str:
    """HTML-escape a value and backslash-escape Markdown syntax in it.

    >>> escape_markdown("<script>alert(1)</script>*1+6*")
    '&lt;script&gt;alert\\\\(1\\\\)&lt;/script&gt;\\\\*1\\\\+6\\\\*'
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(value), quote=False))


def fmt(value: object, digits: int = 2) -> str:
    """Format a number for prose: thousands separators, fixed decimals for floats.

    >>> fmt(5158), fmt(0.12345), fmt(3.0)
    ('5,158', '0.12', '3')
    """
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (hasattr(value, "is_integer") and float(value).is_integer()):
        return f"{int(value):,}"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)



def escape_value(value: object) -> str:
    """A value from the corpus or the numbers, formatted with ``fmt`` and escaped for Markdown.

    >>> print(escape_value(5158), escape_value("$x$"))
    5,158 \\$x\\$
    """
    return escape_markdown(fmt(value))

def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``count`` with the noun in the right number, for generated English prose.

    >>> plural(1, "article"), plural(5158, "article"), plural(2, "query", "queries")
    ('1 article', '5,158 articles', '2 queries')
    """
    noun = singular if count == 1 else (plural_form or singular + "s")
    return f"{fmt(count)} {noun}"


def say(template: str, **values: object):
    """Display one paragraph of prose built from computed values.

    ``template`` is trusted Markdown written by the notebook author; each
    ``{name}`` is filled with ``values[name]``, formatted with ``fmt`` and
    escaped, because values come from the corpus.

    >>> say("{n} articles mention {term}.", n=3, term="政绩观")   # doctest: +SKIP
    """
    from IPython.display import Markdown, display

    safe = {key: escape_markdown(fmt(value)) for key, value in values.items()}
    display(Markdown(template.format(**safe)))
