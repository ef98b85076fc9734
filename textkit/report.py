"""Run every numbered notebook on a corpus and write an HTML report.

``python -m textkit.report --seeds FOLDER`` (what ``make report`` calls)
executes ``notebooks/NN_*.ipynb`` in order with papermill, passing
``SEEDS_DIR`` (and ``CACHE_DIR``, and ``N_JOBS`` to the notebooks that declare it), saves the
executed notebooks in the output folder, renders each to HTML with nbconvert and writes ``index.html``
linking them. A failing cell stops the run and its error is printed.

The report is built in a temporary folder beside ``--out`` and swapped in only when every
notebook ran, so a failed run never leaves a stale or mixed report: the output folder then
holds an ``index.html`` that names the failing notebook and cell, and the exit code is 1.
Parameter values (``-p NAME VALUE``) are parsed as the notebook's parameter types (the
type of its default, as papermill infers it): ``-p TOP_N 10`` is the integer 10.
"""

from __future__ import annotations

import argparse
import ast
import html
import os
import re
import shutil
import sys
import time
from functools import partial
from pathlib import Path

import nbformat

from textkit._schedule import (
    KERNEL_ARGS,
    corpus_megabytes,
    expected_peaks,
    kernel_ahead,
    kernel_environment,
    memory_plan,
    name_injected_cell,
    record_run,
    restore_environment,
    run_kind,
    run_notebooks,
    run_state,
    set_environment,
    stop_kernel,
)

__all__ = [
    "NotebookFailed",
    "ParameterError",
    "find_notebooks",
    "main",
    "parse_parameters",
    "resolve_n_jobs",
    "run_report",
]

# The cache folder is pruned to this size after each run (least recently used first).
DEFAULT_CACHE_MAX_MB = 2_000.0
# Given by the runner itself; a notebook that does not declare one simply does not get it.
_RUNNER_PARAMETERS = frozenset({"SEEDS_DIR", "CACHE_DIR", "N_JOBS"})

_TEMPLATES = Path(__file__).resolve().parent / "templates"
# Chinese text needs a CJK font where the reader has one (a generic sans-serif may lack the glyphs).
_FONT = (
    "font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', "
    "'WenQuanYi Micro Hei', sans-serif;"
)
_FONT_FACE = (
    '@font-face { font-family: "Noto Sans CJK SC"; src: local("Noto Sans CJK SC"), '
    'url("assets/NotoSansCJKsc-Regular.otf") format("opentype"); }'
)
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class ParameterError(ValueError):
    """A ``-p NAME VALUE`` no notebook declares, or a value of the wrong type."""


class NotebookFailed(RuntimeError):
    """A cell failed; ``notebook``, ``cell`` (index), ``ename``, ``evalue``, ``traceback``."""

    def __init__(self, notebook: str, cell: int, exec_count, ename: str, evalue: str, traceback: str):
        # ``cell`` counts the cells of the executed notebook (papermill adds one after ``parameters``)
        super().__init__(f"{notebook}, cell In [{exec_count}] (cell {cell}): {ename}: {evalue}")
        self.notebook, self.cell, self.exec_count = notebook, cell, exec_count
        self.ename, self.evalue, self.traceback = ename, evalue, traceback


def _default_value(parameter: dict):
    try:
        return ast.literal_eval(parameter.get("default", "None"))
    except (ValueError, SyntaxError):
        return None


def _convert(name: str, value: object, default: object, notebook: str) -> object:
    """``value`` (a string from the command line) as the type of the notebook's ``default``."""
    import yaml

    if not isinstance(value, str) or isinstance(default, str):
        return value
    if value == "None":
        return None
    try:
        parsed = yaml.safe_load(value)
    except yaml.YAMLError:
        parsed = value
    if default is None:
        return parsed
    expected = type(default)
    if expected is float and isinstance(parsed, int) and not isinstance(parsed, bool):
        parsed = float(parsed)
    if not isinstance(parsed, expected) or (expected is int and isinstance(parsed, bool)):
        raise ParameterError(
            f"parameter {name} of {notebook} is {expected.__name__} (default {default!r}); {value!r} is not"
        )
    return parsed


def parse_parameters(notebooks: list[Path], values: dict[str, object]) -> dict[str, dict[str, object]]:
    """Per notebook, the parameters it declares among ``values``, typed as its defaults.

    A name no notebook declares raises ``ParameterError`` naming the declared ones.

    >>> # parse_parameters([Path("notebooks/02_vocabulary.ipynb")], {"TOP_N": "10"})  -> {...: {"TOP_N": 10}}
    """
    from papermill import inspect_notebook

    declared = {path.name: inspect_notebook(str(path)) for path in notebooks}
    known = set().union(*declared.values()) if declared else set()
    unknown = sorted(set(values) - known - _RUNNER_PARAMETERS)
    if unknown:
        raise ParameterError(
            f"no notebook declares {', '.join(unknown)}; the parameters are {', '.join(sorted(known))}"
        )
    typed: dict[str, dict[str, object]] = {}
    for name, parameters in declared.items():
        typed[name] = {
            key: _convert(key, value, _default_value(parameters[key]), name)
            for key, value in values.items()
            if key in parameters
        }
    return typed


_NUMBERED = re.compile(r"^\d{2}_.+\.ipynb$")


def find_notebooks(folder: str | os.PathLike) -> list[Path]:
    """The numbered notebooks (``NN_name.ipynb``) of ``folder``, in order."""
    return sorted(p for p in Path(folder).iterdir() if _NUMBERED.match(p.name))


def _title(notebook: nbformat.NotebookNode, fallback: str) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def _summary(notebook: nbformat.NotebookNode) -> str:
    """Plain-text output of the cell tagged ``corpus-summary``, if any."""
    for cell in notebook.cells:
        if "corpus-summary" in cell.get("metadata", {}).get("tags", []):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "stream" and output.get("name") == "stdout":
                    return "".join(output.get("text", "")).strip()
                data = output.get("data", {})
                if "text/markdown" in data:
                    markdown = "".join(data["text/markdown"]).strip()
                    return html.unescape(re.sub(r"\\(.)", r"\1", markdown))
                if "text/plain" in data:
                    return "".join(data["text/plain"]).strip().strip("'\"")
    return ""


def _render_html(
    notebook: nbformat.NotebookNode, nav: list[tuple[str, str]] | None = None, font: bool = False
) -> str:
    """The page: textkit's nbconvert template (code folded, shared navigation, no CDN scripts)."""
    from nbconvert import HTMLExporter

    notebook = nbformat.from_dict(notebook)  # figures are numbered in a copy
    toc = _number_figures_and_list_headings(notebook)
    exporter = HTMLExporter(template_name="report", extra_template_basedirs=[str(_TEMPLATES)])
    body, _ = exporter.from_notebook_node(
        notebook, resources={"textkit_nav": nav or [], "textkit_toc": toc, "textkit_font": font}
    )
    return body


def _page_key(notebook: nbformat.NotebookNode, nav: list[tuple[str, str]], font: bool) -> str:
    """Everything the page is made of: cells (source, outputs, tags; not their run times), the
    navigation, the font flag, this module and its templates, and nbconvert's version."""
    import hashlib
    import json
    from importlib.metadata import version

    from textkit.cache import code_version

    volatile = {"papermill", "execution"}
    content = {
        "cells": [
            {
                **{k: v for k, v in cell.items() if k != "metadata"},
                "metadata": {k: v for k, v in cell.get("metadata", {}).items() if k not in volatile},
            }
            for cell in notebook.cells
        ],
        "metadata": {k: v for k, v in notebook.metadata.items() if k not in volatile},
        "nav": nav,
        "font": font,
        "code": code_version("textkit.report"),
        "nbconvert": version("nbconvert"),
    }
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode())
    for path in sorted(_TEMPLATES.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(_TEMPLATES).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _render_html_cached(
    notebook: nbformat.NotebookNode, nav: list[tuple[str, str]], font: bool, cache_dir
) -> str:
    """``_render_html``, kept in the cache folder by the page's content (``_page_key``): a rerun
    whose notebook gave the same outputs renders nothing."""
    if cache_dir in (None, ""):
        return _render_html(notebook, nav, font)
    from textkit.cache import ParquetCache

    cache = ParquetCache(cache_dir)
    key = _page_key(notebook, nav, font)
    stored = cache.get_blob("report-pages", key)
    if stored is not None:
        return stored.decode("utf-8")
    page = _render_html(notebook, nav, font)
    cache.put_blob("report-pages", key, page.encode("utf-8"))
    return page


def _number_figures_and_list_headings(notebook: nbformat.NotebookNode) -> list[tuple[int, str, str]]:
    """Table of contents ``(level, text, id)`` from the Markdown headings (ids as nbconvert
    renders them); each figure gets ``metadata.textkit_figure`` = number and the section it is in."""
    from bs4 import BeautifulSoup
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    toc: list[tuple[int, str, str]] = []
    section = ""
    figure = 0
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            soup = BeautifulSoup(markdown2html_mistune(cell.source), "html.parser")
            for heading in soup.find_all(["h1", "h2", "h3"]):
                text = heading.get_text().rstrip("¶").strip()
                if heading.get("id"):
                    toc.append((int(heading.name[1]), text, heading["id"]))
                if heading.name != "h1":
                    section = text
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                figure += 1
                output.setdefault("metadata", {})["textkit_figure"] = {"number": figure, "section": section}
    return toc


def _failure_page(error: NotebookFailed, corpus_label: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>textkit report: run failed</title>
<style>body {{ {_FONT} max-width: 60em; margin: 2em auto; line-height: 1.5; }}</style>
</head>
<body>
  <h1>The report run failed</h1>
  <p>Corpus: <code>{html.escape(corpus_label)}</code></p>
  <p>Notebook <code>{html.escape(error.notebook)}</code>, cell {error.cell}
  (In [{html.escape(str(error.exec_count))}]) raised
  <code>{html.escape(error.ename)}: {html.escape(error.evalue)}</code>.
  No page of this run is shown, and no page of an earlier run is kept.
  The executed notebook is <a href="{html.escape(error.notebook)}">{html.escape(error.notebook)}</a>.</p>
  <pre>{html.escape(error.traceback)}</pre>
</body>
</html>
"""


def _headlines(notebook: nbformat.NotebookNode, limit: int = 2) -> list[str]:
    """HTML of the notebook's headline findings: outputs of cells tagged ``summary``, else its
    first ``limit`` generated Markdown outputs (``say``'s prose, already escaped)."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    tagged = [c for c in notebook.cells if "summary" in c.get("metadata", {}).get("tags", [])]
    found = []
    for cell in tagged or [c for c in notebook.cells if c.cell_type == "code"]:
        for output in cell.get("outputs", []):
            markdown = output.get("data", {}).get("text/markdown")
            if markdown:
                found.append(markdown2html_mistune("".join(markdown)))
    return found if tagged else found[:limit]


def _index_page(
    entries: list[dict], corpus_label: str, summary: str, parameters: dict[str, object], font: bool = False
) -> str:
    """The index: corpus in numbers, each notebook's headlines, its page and tables, the parameters."""
    blocks = []
    for entry in entries:
        tables = "".join(
            f'<li><a href="{html.escape(href)}">{html.escape(href.rsplit("/", 1)[-1])}</a></li>'
            for href in entry["tables"]
        )
        blocks.append(
            f'<section><h2><a href="{html.escape(entry["href"])}">{html.escape(entry["title"])}</a></h2>\n'
            + "\n".join(f'<div class="tk-headline">{h}</div>' for h in entry["headlines"])
            + (
                f"<details><summary>{len(entry['tables'])} tables (CSV)</summary><ul>{tables}</ul></details>"
                if entry["tables"]
                else ""
            )
            + "</section>"
        )
    rows = "".join(
        f"<tr><th>{html.escape(str(k))}</th><td><code>{html.escape(repr(v))}</code></td></tr>"
        for k, v in sorted(parameters.items())
    )
    summary_html = f"<p><strong>Corpus in numbers:</strong> {html.escape(summary)}</p>" if summary else ""
    return f"""<!DOCTYPE html>
<html lang="zh">
<head><meta charset="utf-8"><title>textkit report</title>
<style>{_FONT_FACE if font else ""}
body {{ {_FONT} max-width: 50em; margin: 2em auto; line-height: 1.5; }}
th {{ text-align: left; padding-right: 1em; }} section {{ border-top: 1px solid #ddd; }}</style>
</head>
<body>
  <h1>textkit report</h1>
  <p>Corpus: <code>{html.escape(corpus_label)}</code></p>
  {summary_html}
  {"".join(blocks)}
  <h2>Parameters of this run</h2>
  <table>{rows}</table>
</body>
</html>
"""


def _copy_font(build: Path) -> bool:
    """Bundle Noto Sans CJK SC (SIL OFL, shipped by mplfonts) so pages read on any machine."""
    try:
        import mplfonts
    except ImportError:  # pragma: no cover - a dependency
        return False
    font = Path(mplfonts.__file__).resolve().parent / "fonts" / "NotoSansCJKsc-Regular.otf"
    if not font.is_file():
        return False
    (build / "assets").mkdir(exist_ok=True)
    shutil.copyfile(font, build / "assets" / font.name)
    return True


def _swap_in(build: Path, out_dir: Path) -> None:
    """Replace ``out_dir`` by ``build`` (old folder renamed away first, then deleted)."""
    old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
    if out_dir.exists():
        os.replace(out_dir, old)
    os.replace(build, out_dir)
    shutil.rmtree(old, ignore_errors=True)


# Two notebooks side by side hold two kernels' working sets at once (rmrb-2023-07-08, 17 MB: 2,304
# MiB PSS against 1,348 one at a time; ~15 MiB more per MB of text, so ~5 GB for a year of People's
# Daily): below this much available memory, notebooks run one at a time.
SIDE_BY_SIDE_MIN_FREE_GIB = 8.0
# Notebooks run side by side only while the sum of their expected peaks (``expected_peaks``: metadata
# ``textkit.peak_mib`` = [MiB, MiB per MB of corpus], measured cold, or ``peak_mib_warm`` on a rerun
# of the last run) stays within this many MiB: with the runner's own ~250 MiB, issue 14's 1.5 GB.
DEFAULT_MEMORY_BUDGET_MIB = 1_150.0


def _available_memory() -> int | None:
    """Bytes of memory available to new work (Linux ``MemAvailable``), ``None`` when unknown."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def default_at_once(n_jobs: int | None, *, available: int | None = -1) -> int:
    """How many notebooks run side by side by default: 1 without ``n_jobs``, with one core, or
    below ``SIDE_BY_SIDE_MIN_FREE_GIB`` of available memory (or when it cannot be read), else 2.
    ``available`` (bytes) is read from the machine unless given.

    >>> default_at_once(None), default_at_once(2, available=16 * 2**30), default_at_once(2, available=2**30)
    (1, 2, 1)
    >>> default_at_once(1, available=16 * 2**30), default_at_once(2, available=None)
    (1, 1)
    """
    if n_jobs is None:
        return 1
    if available == -1:
        available = _available_memory()
    if available is None or available < SIDE_BY_SIDE_MIN_FREE_GIB * 2**30:
        return 1
    return min(2, resolve_n_jobs(n_jobs))


def _execute_notebook(
    source: Path, *, build: Path, typed: dict, notebooks_dir: Path, progress: bool, nav: list,
    font: bool, cache_dir: str | None, kernel=None,
) -> dict:
    """Run one notebook into ``build`` and render its page (in a process of its own when notebooks
    run side by side): ``{"path", "seconds"}``, or ``{"failed": NotebookFailed's fields}``. With
    ``kernel`` (a started ``KernelManager``, ``KernelAhead``) in that kernel, shut down after."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    executed_path = build / source.name
    started = time.perf_counter()
    previous = set_environment(kernel_environment(source, build))
    try:
        papermill.execute_notebook(
            str(source),
            str(executed_path),
            parameters=typed[source.name],
            cwd=str(notebooks_dir),
            progress_bar=progress,
            # saved once at the end (and on a failing cell): a save after every cell rewrote the
            # whole notebook about 260 times per report
            request_save_on_cell_execute=False,
            kernel_name="python3",
            extra_arguments=KERNEL_ARGS,
            **({} if kernel is None else {"km": kernel}),
        )
    except PapermillExecutionError as error:
        return {
            "failed": {
                "notebook": source.name,
                "cell": error.cell_index,
                "exec_count": error.exec_count,
                "ename": error.ename,
                "evalue": _ANSI.sub("", error.evalue),
                "traceback": _ANSI.sub("", "\n".join(error.traceback)),
            }
        }
    finally:
        restore_environment(previous)
        stop_kernel(kernel)
    seconds = time.perf_counter() - started
    notebook = nbformat.read(executed_path, as_version=4)
    if name_injected_cell(notebook):
        nbformat.write(notebook, executed_path)
    page = _render_html_cached(notebook, nav, font, cache_dir)
    executed_path.with_suffix(".html").write_text(page, encoding="utf-8")
    return {"path": str(executed_path), "seconds": seconds}


def resolve_n_jobs(n_jobs: int) -> int:
    """Worker processes for ``n_jobs`` as joblib reads it: -1 all cores, -2 all but one, …

    >>> resolve_n_jobs(3), resolve_n_jobs(-1) == (os.cpu_count() or 1), resolve_n_jobs(-1000)
    (3, True, 1)
    """
    if n_jobs == 0:
        raise ParameterError("N_JOBS must not be 0 (1 for one process, -1 for all cores)")
    if n_jobs > 0:
        return n_jobs
    return max(1, (os.cpu_count() or 1) + 1 + n_jobs)


def run_report(
    seeds_dir: str | os.PathLike,
    notebooks_dir: str | os.PathLike = "notebooks",
    out_dir: str | os.PathLike = "reports",
    cache_dir: str | os.PathLike | None = None,
    progress: bool = False,
    parameters: dict[str, object] | None = None,
    n_jobs: int | None = None,
    cache_max_mb: float | None = DEFAULT_CACHE_MAX_MB,
    at_once: int | None = None,
    memory_budget: float | None = DEFAULT_MEMORY_BUDGET_MIB,
) -> Path:
    """Execute the notebooks on ``seeds_dir`` and write ``out_dir/index.html``.

    ``parameters`` go to the notebooks that declare them, typed as their defaults
    (``parse_parameters``). ``n_jobs`` (``-1``: all cores, resolved with ``resolve_n_jobs``)
    is given as ``N_JOBS`` to the notebooks that declare it, unless ``parameters`` names
    ``N_JOBS``; ``None`` leaves the notebooks' default (one process). The results do not
    depend on it. Built in a temporary folder and swapped in on success; on a
    failing cell ``out_dir`` holds only a failure page and the failing notebook, and
    ``NotebookFailed`` is raised. One progress line per notebook is printed.

    After a successful run the cache folder is pruned to ``cache_max_mb`` megabytes
    (``ParquetCache.prune``: least recently used first, never what this run used);
    ``None``: never pruned.

    ``at_once`` notebooks run side by side (default ``default_at_once``: 2 when ``n_jobs`` gives
    two cores or more and the machine has ``SIDE_BY_SIDE_MIN_FREE_GIB`` available, else 1), each
    as soon as the notebooks it names in its metadata (``textkit.after``, see
    ``textkit._schedule``) have finished; one that names none waits for all before it. Side by
    side only while their expected peaks (``expected_peaks`` on this corpus; warm ones when the
    last run that finished with ``cache_dir`` was this very run, rerun ones when it differed by a
    few new or edited files: ``textkit._schedule.run_kind``) add up to at most ``memory_budget``
    MiB (``None``: no limit).
    """
    run_started = time.time() - 1  # file times may be rounded down
    seeds_dir = Path(seeds_dir).resolve()
    notebooks_dir = Path(notebooks_dir).resolve()
    out_dir = Path(out_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    sources = find_notebooks(notebooks_dir)
    given = {**(parameters or {}), "SEEDS_DIR": str(seeds_dir)}
    if n_jobs is not None and "N_JOBS" not in given:
        given["N_JOBS"] = resolve_n_jobs(n_jobs)
    if cache_dir not in (None, ""):
        given["CACHE_DIR"] = str(Path(cache_dir).resolve())
    typed = parse_parameters(sources, given)

    key, setup, files = run_state(seeds_dir, sources, typed, cache_dir)
    build = out_dir.with_name(f".{out_dir.name}.building-{os.getpid()}")
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir()
    nav = [("index.html", "Index")] + [(p.with_suffix(".html").name, p.stem) for p in sources]
    summary = ""
    if at_once is None:
        at_once = default_at_once(n_jobs)
    try:
        font = _copy_font(build)
        execute = partial(
            _execute_notebook, build=build, typed=typed, notebooks_dir=notebooks_dir, progress=progress,
            nav=nav, font=font, cache_dir=None if cache_dir in (None, "") else str(cache_dir),
        )
        peaks = budget = None
        if memory_budget is not None:  # one by one too: the next kernel starts ahead within the budget
            # a rerun of the last run with this cache folder, or with a few new files, peaks lower
            megabytes, kind = corpus_megabytes(seeds_dir), run_kind(cache_dir, key, setup, files)
            peaks, budget = expected_peaks(sources, megabytes, memory_budget, kind), float(memory_budget)
            if at_once > 1:
                peaks, budget, at_once = memory_plan(sources, megabytes, memory_budget, kind, at_once)
        ahead = partial(kernel_ahead, cwd=notebooks_dir, build=build)
        results = run_notebooks(sources, execute, at_once, peaks=peaks, budget=budget, start_ahead=ahead)
        if results and "failed" in results[-1]:
            raise NotebookFailed(**results[-1]["failed"])
        entries = []
        for result in results:
            executed_path = Path(result["path"])
            notebook = nbformat.read(executed_path, as_version=4)
            summary = summary or _summary(notebook)
            tables = sorted((build / "tables" / executed_path.stem).glob("*.csv"))
            entries.append(
                {
                    "href": executed_path.with_suffix(".html").name,
                    "title": _title(notebook, executed_path.stem),
                    "headlines": _headlines(notebook),
                    "tables": [p.relative_to(build).as_posix() for p in tables],
                }
            )
        shown = {k: v for k, v in given.items() if k not in ("SEEDS_DIR", "CACHE_DIR")}
        shown["SEEDS_DIR"] = str(seeds_dir)
        shown["CACHE_DIR"] = given.get("CACHE_DIR")
        page = _index_page(entries, seeds_dir.name, summary, shown, font)
        (build / "index.html").write_text(page, encoding="utf-8")
    except NotebookFailed as failure:
        for path in build.iterdir():
            if path.name != failure.notebook:
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        (build / "index.html").write_text(_failure_page(failure, seeds_dir.name), encoding="utf-8")
        _swap_in(build, out_dir)
        raise
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    _swap_in(build, out_dir)
    if cache_dir not in (None, "") and cache_max_mb is not None:
        from textkit.cache import ParquetCache

        removed = ParquetCache(cache_dir).prune(int(cache_max_mb * 1e6), keep_used_after=run_started)
        if removed:
            print(f"cache: removed {len(removed)} least recently used files (over {cache_max_mb:,.0f} MB)")
    record_run(cache_dir, key, setup, files)  # after the prune, which keeps what this run used
    return out_dir / "index.html"


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of every way to run the report (`textkit report`, `python -m textkit.report`)."""
    parser.add_argument("--out", default="reports", help="output folder (default: reports)")
    parser.add_argument("--notebooks", default="notebooks", help="folder of NN_*.ipynb notebooks")
    parser.add_argument("--cache", default=None, help="on-disk cache folder (default or empty: no cache)")
    parser.add_argument(
        "--cache-max-mb",
        type=float,
        default=DEFAULT_CACHE_MAX_MB,
        metavar="MB",
        help=f"after the run, delete the least recently used cache entries above this size "
        f"(default {DEFAULT_CACHE_MAX_MB:,.0f}; entries this run used are kept)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=-1,
        metavar="N",
        help="worker processes for the notebooks' N_JOBS (default -1: all cores; 1: none); "
        "results do not depend on it",
    )
    parser.add_argument(
        "--at-once",
        type=int,
        default=None,
        metavar="N",
        help="notebooks run side by side, each after those it reads (default: 2 with two cores "
        "or more for --jobs, else 1)",
    )
    parser.add_argument(
        "--memory-budget",
        type=float,
        default=DEFAULT_MEMORY_BUDGET_MIB,
        metavar="MIB",
        help="notebooks run side by side only while their expected peaks (notebook metadata "
        f"textkit.peak_mib, scaled by the corpus size) add up to at most this (default "
        f"{DEFAULT_MEMORY_BUDGET_MIB:,.0f}; 0: one at a time)",
    )
    parser.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="a notebook parameter, e.g. -p TOP_N 10 (repeatable; parsed as the notebook's type)",
    )



def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", required=True, help="folder of article files")
    add_run_arguments(parser)
    args = parser.parse_args(argv)

    return _run(
        args.seeds, args.notebooks, args.out, args.cache, dict(args.parameter), args.jobs, args.cache_max_mb,
        args.at_once, args.memory_budget,
    )


def _run(
    seeds_arg: str,
    notebooks: str,
    out: str,
    cache: str | None,
    parameters: dict,
    n_jobs: int | None = None,
    cache_max_mb: float | None = DEFAULT_CACHE_MAX_MB,
    at_once: int | None = None,
    memory_budget: float | None = DEFAULT_MEMORY_BUDGET_MIB,
) -> int:
    """Shared by ``python -m textkit.report`` and ``textkit report``: messages, exit codes."""
    seeds = Path(seeds_arg)
    if seeds.exists() and not seeds.is_dir():
        print(
            f"error: {seeds} is a file; SEEDS must be the folder that holds the article files",
            file=sys.stderr,
        )
        return 2
    if not seeds.is_dir():
        print(f"error: corpus folder not found: {seeds}", file=sys.stderr)
        return 2
    if not Path(notebooks).is_dir():
        print(f"error: notebooks folder not found: {notebooks}", file=sys.stderr)
        return 2
    try:
        index = run_report(
            seeds,
            notebooks,
            out,
            cache or None,
            parameters=parameters,
            n_jobs=n_jobs,
            cache_max_mb=cache_max_mb,
            at_once=at_once,
            memory_budget=memory_budget,
        )
    except ParameterError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except NotebookFailed as error:
        print(f"\nerror: {error}", file=sys.stderr)
        print(error.traceback, file=sys.stderr)
        print(f"the failure is described in {Path(out).resolve() / 'index.html'}", file=sys.stderr)
        return 1
    print(f"report written: {index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
