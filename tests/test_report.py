"""The HTML report: notebooks run in order, pages written, failures reported, text escaped."""

from __future__ import annotations

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from textkit.notebook import escape_markdown, fmt
from textkit.report import find_notebooks, main


def _notebook(path, *sources, parameters_cell='SEEDS_DIR = "../seeds"'):
    notebook = new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [new_markdown_cell(f"# {path.stem}")]
    parameters = new_code_cell(parameters_cell)
    parameters.metadata["tags"] = ["parameters"]
    notebook.cells.append(parameters)
    notebook.cells += [new_code_cell(s) for s in sources]
    nbformat.write(notebook, path)


def test_find_notebooks_keeps_numbered_ones_in_order(tmp_path):
    for name in ["02_b.ipynb", "01_a.ipynb", "scratch.ipynb", "1_x.ipynb"]:
        (tmp_path / name).write_text("{}")
    assert [p.name for p in find_notebooks(tmp_path)] == ["01_a.ipynb", "02_b.ipynb"]


@pytest.mark.slow
def test_report_runs_notebooks_and_escapes_corpus_text(tmp_path, seeds_dir, capsys):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(
        notebooks / "01_first.ipynb",
        "from textkit.notebook import say\n"
        "say('{n} files; title {t}', n=len(__import__('os').listdir(SEEDS_DIR)), t='<script>x</script>')",
    )
    _notebook(notebooks / "02_second.ipynb", "print('second ran')")
    out = tmp_path / "reports"
    assert main(["--seeds", str(seeds_dir), "--notebooks", str(notebooks), "--out", str(out)]) == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="01_first.html">01_first</a>' in index
    assert index.index("01_first.html") < index.index("02_second.html")
    page = (out / "01_first.html").read_text(encoding="utf-8")
    assert "5 files" in page
    assert "<script>x</script>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page
    assert "second ran" in (out / "02_second.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_failing_cell_fails_the_report_and_prints_its_error(tmp_path, seeds_dir, capsys):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks / "01_broken.ipynb", "1 / 0")
    code = main(["--seeds", str(seeds_dir), "--notebooks", str(notebooks), "--out", str(tmp_path / "r")])
    assert code == 1
    assert "ZeroDivisionError" in capsys.readouterr().err


@pytest.mark.slow
def test_parameters_reach_every_notebook(tmp_path, seeds_dir):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(
        notebooks / "01_echo.ipynb",
        "print('source is', DEFAULT_SOURCE)",
        parameters_cell='SEEDS_DIR = "../seeds"\nDEFAULT_SOURCE = None',
    )
    out = tmp_path / "r"
    args = ["--seeds", str(seeds_dir), "--notebooks", str(notebooks), "--out", str(out)]
    args += ["-p", "DEFAULT_SOURCE", "人民日报"]
    assert main(args) == 0
    assert "source is 人民日报" in (out / "01_echo.html").read_text(encoding="utf-8")


def test_missing_seeds_folder_is_a_clear_error(tmp_path, capsys):
    assert main(["--seeds", str(tmp_path / "nope")]) == 2
    assert "corpus folder not found" in capsys.readouterr().err


def test_escape_markdown_neutralises_html_and_markup():
    escaped = escape_markdown("<script>alert('x')</script> **bold**")
    assert "<" not in escaped and ">" not in escaped
    assert "\\*\\*bold\\*\\*" in escaped


def test_fmt():
    assert fmt(5158) == "5,158"
    assert fmt(0.12345, 3) == "0.123"
    assert fmt(2.0) == "2"
    assert fmt("x") == "x"
