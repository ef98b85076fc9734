"""Run every numbered notebook on a corpus and write an HTML report.

``python -m textkit.report --seeds FOLDER`` (what ``make report`` calls)
executes ``notebooks/NN_*.ipynb`` in order with papermill, passing
``SEEDS_DIR`` (and ``CACHE_DIR``), saves the executed notebooks in the output
folder, renders each to HTML with nbconvert and writes ``index.html``
linking them. A failing cell stops the run and its error is printed.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
from pathlib import Path

import nbformat

__all__ = ["find_notebooks", "main", "run_report"]

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


def _render_html(notebook: nbformat.NotebookNode) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(notebook)
    return body


def _index_page(entries: list[tuple[str, str]], corpus_label: str, summary: str) -> str:
    items = "\n".join(
        f'    <li><a href="{html.escape(href)}">{html.escape(title)}</a></li>' for href, title in entries
    )
    summary_html = f"<p>{html.escape(summary)}</p>" if summary else ""
    return f"""<!DOCTYPE html>
<html lang="zh">
<head><meta charset="utf-8"><title>textkit report</title>
<style>body {{ font-family: sans-serif; max-width: 46em; margin: 2em auto; line-height: 1.5; }}</style>
</head>
<body>
  <h1>textkit report</h1>
  <p>Corpus: <code>{html.escape(corpus_label)}</code></p>
  {summary_html}
  <ol>
{items}
  </ol>
</body>
</html>
"""


def run_report(
    seeds_dir: str | os.PathLike,
    notebooks_dir: str | os.PathLike = "notebooks",
    out_dir: str | os.PathLike = "reports",
    cache_dir: str | os.PathLike | None = None,
    progress: bool = True,
    parameters: dict[str, object] | None = None,
) -> Path:
    """Execute the notebooks on ``seeds_dir`` and write ``out_dir/index.html``.

    ``parameters`` are passed to every notebook (papermill ignores, with a
    warning on the console, a name a notebook does not declare). Raises
    ``papermill.PapermillExecutionError`` when a cell fails.
    """
    import papermill

    seeds_dir = Path(seeds_dir).resolve()
    notebooks_dir = Path(notebooks_dir).resolve()
    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    parameters = {**(parameters or {}), "SEEDS_DIR": str(seeds_dir)}
    if cache_dir is not None:
        parameters["CACHE_DIR"] = str(Path(cache_dir).resolve())

    entries = []
    summary = ""
    for source in find_notebooks(notebooks_dir):
        executed_path = out_dir / source.name
        print(f"== {source.name}", flush=True)
        papermill.execute_notebook(
            str(source),
            str(executed_path),
            parameters=parameters,
            cwd=str(notebooks_dir),
            progress_bar=progress,
            kernel_name="python3",
        )
        notebook = nbformat.read(executed_path, as_version=4)
        summary = summary or _summary(notebook)
        html_path = executed_path.with_suffix(".html")
        html_path.write_text(_render_html(notebook), encoding="utf-8")
        entries.append((html_path.name, _title(notebook, source.stem)))
    index = out_dir / "index.html"
    index.write_text(_index_page(entries, seeds_dir.name, summary), encoding="utf-8")
    return index


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", required=True, help="folder of article files")
    parser.add_argument("--notebooks", default="notebooks", help="folder of NN_*.ipynb notebooks")
    parser.add_argument("--out", default="reports", help="output folder")
    parser.add_argument("--cache", default=None, help="on-disk cache folder (default: none)")
    parser.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="a notebook parameter, e.g. -p DEFAULT_SOURCE 人民日报 (repeatable; values are strings)",
    )
    args = parser.parse_args(argv)

    from papermill.exceptions import PapermillExecutionError

    seeds = Path(args.seeds)
    if not seeds.is_dir():
        print(f"error: corpus folder not found: {seeds}", file=sys.stderr)
        return 2
    try:
        index = run_report(seeds, args.notebooks, args.out, args.cache, parameters=dict(args.parameter))
    except PapermillExecutionError as error:
        print(
            f"\nerror: a notebook cell failed (cell {error.exec_count}): {error.ename}: {error.evalue}",
            file=sys.stderr,
        )
        print("".join(error.traceback), file=sys.stderr)
        return 1
    print(f"report written: {index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
