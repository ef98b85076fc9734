"""Notebooks run one by one start the next notebook's kernel while one runs (textkit._schedule)."""

from __future__ import annotations

import os
import sys

import nbformat
import pytest

from textkit._schedule import AHEAD_MIB, KernelAhead, ahead_level, run_notebooks


class _Ahead:
    """A stand-in for ``KernelAhead``: records what was started and whether it was stopped."""

    def __init__(self, source, imports, log):
        self.source, self.imports, self.log, self.stopped = source, imports, log, False
        log.append(("start", source.name, imports))

    def take(self):
        return f"kernel of {self.source.name}"

    def stop(self):
        self.stopped = True
        self.log.append(("stop", self.source.name))


def _run(sources, log, peaks=None, budget=None, broken=""):
    started = []

    def start_ahead(source, imports):
        started.append(_Ahead(source, imports, log))
        return started[-1]

    def execute(source, kernel=None):
        log.append(("run", source.name, kernel))
        return {"path": str(source), "seconds": 0.0, **({"failed": {}} if source.name == broken else {})}

    quiet = lambda *a, **k: None  # noqa: E731
    results = run_notebooks(sources, execute, 1, quiet, peaks=peaks, budget=budget, start_ahead=start_ahead)
    return results, started


def test_each_notebook_runs_in_the_kernel_started_for_it_while_the_one_before_ran(tmp_path):
    from pathlib import Path

    sources = [Path(tmp_path / f"0{n}_x.ipynb") for n in (1, 2, 3)]
    log: list = []
    results, _ = _run(sources, log)
    assert [r["path"] for r in results] == [str(s) for s in sources]
    assert log == [
        ("start", "02_x.ipynb", True),
        ("run", "01_x.ipynb", None),
        ("start", "03_x.ipynb", True),
        ("run", "02_x.ipynb", "kernel of 02_x.ipynb"),
        ("run", "03_x.ipynb", "kernel of 03_x.ipynb"),
    ]


def test_the_kernel_ahead_stays_within_the_memory_budget_and_is_stopped_after_a_failure(tmp_path):
    from pathlib import Path

    sources = [Path(tmp_path / f"0{n}_x.ipynb") for n in (1, 2, 3, 4)]
    budget = 1000.0
    # beside 01: a kernel with its imports; beside 02: a bare kernel; beside 03: none
    peaks = {
        "01_x.ipynb": budget - AHEAD_MIB["imports"],
        "02_x.ipynb": budget - AHEAD_MIB["kernel"],
        "03_x.ipynb": budget - AHEAD_MIB["kernel"] + 1,
        "04_x.ipynb": 100.0,
    }
    log: list = []
    _run(sources, log, peaks, budget)
    assert [entry for entry in log if entry[0] == "start"] == [
        ("start", "02_x.ipynb", True), ("start", "03_x.ipynb", False)
    ]
    assert ("run", "04_x.ipynb", None) in log
    log = []
    results, started = _run(sources, log, broken="02_x.ipynb")
    assert "failed" in results[-1] and len(results) == 2
    assert [a.source.name for a in started] == ["02_x.ipynb", "03_x.ipynb"]
    assert started[1].stopped and not started[0].stopped  # 03's kernel, which nothing will use
    assert ahead_level(budget - 1, budget) is None and ahead_level(None, None) == "imports"


def _code_notebook(path, cells):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in cells])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)
    return path


def _outputs(path):
    cells = nbformat.read(path, as_version=4).cells
    return [(cell.execution_count, [dict(o, metadata={}) for o in cell.outputs]) for cell in cells]


@pytest.mark.skipif(sys.platform.startswith("win"), reason="kernels on POSIX only here")
def test_a_notebook_in_a_kernel_started_ahead_gives_what_papermill_s_own_kernel_gives(tmp_path):
    import papermill

    from textkit._schedule import KERNEL_ARGS as _KERNEL_ARGS
    from textkit._schedule import stop_kernel

    source = _code_notebook(
        tmp_path / "01_probe.ipynb",
        [
            "import os, sys\nprint(os.environ.get('TEXTKIT_PROBE'), os.path.basename(os.getcwd()))",
            # the silent imports bind no name, add no history and no output
            "print(sorted(n for n in ('numpy', 'pandas', 'sklearn', '_', '__') if n in globals()), len(In))",
            "21 * 2",
        ],
    )
    folder = tmp_path / "here"
    folder.mkdir()
    env = {"TEXTKIT_PROBE": "set"}
    os.environ.update(env)
    try:
        papermill.execute_notebook(
            str(source), str(tmp_path / "own.ipynb"), cwd=str(folder), progress_bar=False,
            kernel_name="python3", extra_arguments=_KERNEL_ARGS,
        )
    finally:
        os.environ.pop("TEXTKIT_PROBE")
    ahead = KernelAhead(str(folder), {**os.environ, **env}, _KERNEL_ARGS, imports=True)
    kernel = ahead.take()
    assert kernel is not None and kernel.is_alive()
    try:
        papermill.execute_notebook(
            str(source), str(tmp_path / "ahead.ipynb"), cwd=str(folder), progress_bar=False,
            kernel_name="python3", extra_arguments=_KERNEL_ARGS, km=kernel,
        )
    finally:
        stop_kernel(kernel)
    assert not kernel.is_alive()
    assert _outputs(tmp_path / "ahead.ipynb") == _outputs(tmp_path / "own.ipynb")
    assert _outputs(tmp_path / "own.ipynb")[0][1][0]["text"] == "set here\n"
