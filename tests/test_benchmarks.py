"""The benchmark scripts are not run by the suite (they take minutes on the shared corpora), but
what they import from textkit must exist: a refactor that moves a name breaks them silently."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

BENCHMARKS = sorted((Path(__file__).resolve().parent.parent / "benchmarks").glob("*.py"))


def _textkit_imports(path: Path) -> list[tuple[str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.module, alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "textkit"
        for alias in node.names
    ]


def test_there_are_benchmarks():
    assert len(BENCHMARKS) >= 4


@pytest.mark.parametrize("path", BENCHMARKS, ids=lambda path: path.name)
def test_every_name_a_benchmark_imports_from_textkit_exists(path):
    missing = []
    for module_name, name in _textkit_imports(path):
        module = importlib.import_module(module_name)
        if not hasattr(module, name):
            try:
                importlib.import_module(f"{module_name}.{name}")
            except ModuleNotFoundError:
                missing.append(f"{module_name}.{name}")
    assert not missing, f"{path.name} imports names textkit does not have: {missing}"


def test_median_summary_of_repeated_end_to_end_runs():
    import importlib.util
    import sys

    path = BENCHMARKS[0].parent / "report.py"
    spec = importlib.util.spec_from_file_location("report_benchmark", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)

    def run(wall: float, cpu: float) -> dict:
        return {"timings": {"load": wall}, "cpu": {"load": cpu}, "workers_cpu": 1.0}

    line = module.median_summary(
        "x",
        [run(4, 2), run(6, 3), run(5, 2)],
        [{"seconds": s, "cpu_seconds": c} for s, c in ((20, 16), (18, 15), (30, 16))],
    )
    # walls 4, 6, 5 (median 5); CPU 3, 4, 3 (median 3); jieba median 20; run by run 5.0, 3.0, 6.0
    assert line == (
        "| x, median of 3 | 5.0 s (4.0–6.0) | 3.0 s (3.0–4.0) | **4.00×** "
        "(run by run: 5.00×, 3.00–6.00) | 5.33× |"
    )


# --------------------------------------------------------------------------- k_choice_stability helpers


@pytest.fixture(scope="module")
def kstab():
    import importlib.util
    import sys

    path = BENCHMARKS[0].parent / "k_choice_stability.py"
    spec = importlib.util.spec_from_file_location("k_choice_stability", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _table(firm, se):
    import pandas as pd

    return pd.DataFrame({"k": [2, 5, 10, 20, 40], "n_stable": firm, "n_stable_se": se})


def test_run_summary_reads_the_choice_and_every_k_the_rule_accepts(kstab):
    summary = kstab.run_summary(_table([2, 1, 6, 7, 9], [0, 0.5, 1, 1.2, 2]))
    assert summary["k"] == 20 and summary["firm_at_k"] == 7 and summary["se_at_k"] == 1.2
    assert (summary["most"], summary["k_at_most"], summary["se_at_most"]) == (9, 40, 2.0)
    assert summary["needed"] == 7.0 and summary["accepted"] == [20, 40]


def test_grid_summary_spreads_and_keeps_only_k_every_run_tried(kstab):
    a = _table([2, 1, 6, 7, 9], [0, 0.5, 1, 1.2, 2])
    b = _table([2, 3, 4, 7, 5], [0, 0.5, 1, 0.8, 1])
    grid = kstab.grid_summary({"a": a, "b": b.iloc[:4]})
    assert grid["k"].tolist() == [2, 5, 10, 20]
    assert grid["mean"].tolist() == [2.0, 2.0, 5.0, 7.0]
    assert grid["sd"].tolist() == [0.0, 1.414, 1.414, 0.0]
    assert grid["min"].tolist() == [2, 1, 4, 7] and grid["max"].tolist() == [2, 3, 6, 7]
    assert grid["mean_se"].tolist() == [0.0, 0.5, 1.0, 1.0]


def test_pooled_choice_is_the_one_se_rule_on_the_mean_curve(kstab):
    grid = kstab.grid_summary({"a": _table([2, 1, 6, 7, 9], [0] * 5), "b": _table([2, 3, 4, 7, 5], [0] * 5)})
    # best mean 7 first at k = 20 with sd 0: k = 20 and 40 (also 7) are accepted; a noisy best widens it
    assert kstab.pooled_choice(grid, 2)["accepted"] == [20, 40]
    noisy = kstab.pooled_choice(grid.assign(sd=[0, 0, 0, 4.0, 0]), 4)
    assert noisy == {"k": 10, "best_mean": 7.0, "se_of_mean": 2.0, "accepted": [10, 20, 40]}


def test_variant_folders_drop_or_add_one_file(kstab, tmp_path):
    source = tmp_path / "corpus"
    (source / "d").mkdir(parents=True)
    for name in ("a", "b", "c"):
        (source / "d" / f"{name}.txt").write_text(f"标题{name}\n正文。\n", encoding="utf-8")
    dropped = kstab.variant_folder(source, tmp_path / "drop", drop=source / "d" / "b.txt")
    assert sorted(path.name for path in dropped.rglob("*.txt")) == ["a.txt", "c.txt"]
    added = kstab.variant_folder(source, tmp_path / "add", add=source / "d" / "b.txt")
    copy = added / "d" / "b-kstab-copy.txt"
    assert len(list(added.rglob("*.txt"))) == 4
    assert copy.read_text(encoding="utf-8") == "标题b\n正文。\n" + kstab.MARKER + "\n"
    assert (source / "d" / "b.txt").exists()  # the source is never touched
