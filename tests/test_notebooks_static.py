"""Rules every committed notebook follows (nbval checks the outputs themselves)."""

from __future__ import annotations

import ast
import json
import re

import pytest
from conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
UNSTABLE = re.compile(
    r"(/work/|/home/|/tmp/|/root/|site-packages|0x[0-9a-f]{6,}|\d+(\.\d+)?\s?(s|ms|it/s)\b|"
    r"Loading model cost|Building prefix dict)"
)


def _code_cells(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in notebook["cells"] if c["cell_type"] == "code"]


def test_there_are_numbered_notebooks():
    assert NOTEBOOKS, "no notebooks/NN_*.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_cell_sets_up_and_second_is_parameters(path):
    cells = _code_cells(path)
    assert "setup_notebook()" in "".join(cells[0]["source"])
    assert "parameters" in cells[1]["metadata"].get("tags", [])
    assert 'SEEDS_DIR = "../seeds"' in "".join(cells[1]["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_outputs_are_executed_and_stable(path):
    cells = _code_cells(path)
    assert all(c["execution_count"] for c in cells), "every code cell must be executed"
    for index, cell in enumerate(cells):
        for output in cell["outputs"]:
            where = f"{path.name} code cell {index}"
            assert output["output_type"] != "error", where
            assert not (output["output_type"] == "stream" and output["name"] == "stderr"), where
            texts = [output.get("text", ""), *output.get("data", {}).values()]
            for text in texts:
                text = "".join(text) if isinstance(text, list) else str(text)
                if text.startswith("iVBOR"):  # base64 PNG
                    continue
                match = UNSTABLE.search(text)
                assert not match, f"{where}: unstable output {match.group(0)!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_thin(path):
    """Logic lives in textkit: no function or class longer than a few lines in a notebook."""
    for cell in _code_cells(path):
        source = "".join(cell["source"])
        lines = [line for line in source.splitlines() if not line.startswith(("%", "!"))]
        tree = ast.parse("\n".join(lines))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.ClassDef):
                length = node.end_lineno - node.lineno + 1
                assert length <= 5, f"{path.name}: {node.name} is {length} lines; move it into textkit"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_takes_n_jobs_default_one(path):
    """`make report` gives N_JOBS (all cores); nbval and JupyterLab keep one process."""
    cells = _code_cells(path)
    assert re.search(r"^N_JOBS = 1\b", "".join(cells[1]["source"]), re.M)
    calls = "".join("".join(c["source"]) for c in cells[2:])
    assert "n_jobs=N_JOBS" in calls
