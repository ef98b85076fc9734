"""The HTML report: notebooks run in order, pages written, failures reported, text escaped."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

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


# ----------------------------------------------------------------- issue 17 #4–#7 and issue 15's command


def test_numeric_parameters_arrive_as_the_notebooks_types(tmp_path):
    from textkit.report import ParameterError, parse_parameters

    path = tmp_path / "01_p.ipynb"
    cell = 'SEEDS_DIR = "../seeds"\nTOP_N = 25\nK = None\nFOCUS_TERM = "政绩观"\nR = 0.8'
    _notebook(path, parameters_cell=cell)
    typed = parse_parameters([path], {"TOP_N": "10", "K": "3", "FOCUS_TERM": "2023", "R": "1"})
    assert typed["01_p.ipynb"] == {"TOP_N": 10, "K": 3, "FOCUS_TERM": "2023", "R": 1.0}
    with pytest.raises(ParameterError, match=r"TOP_N .* int"):
        parse_parameters([path], {"TOP_N": "ten"})
    with pytest.raises(ParameterError, match="no notebook declares NOPE"):
        parse_parameters([path], {"NOPE": "1"})


def test_a_file_given_as_seeds_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "a.txt").write_bytes("政绩观".encode())
    assert main(["--seeds", str(tmp_path / "a.txt")]) == 2
    assert "is a file" in capsys.readouterr().err


def test_dollar_signs_in_labels_are_literal_not_mathtext(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd

    from textkit.notebook import setup_notebook
    from textkit.plotting import bar_chart

    setup_notebook()
    title = "$$x^2$$ 政绩观"
    ax = bar_chart(pd.Series({r"$$\int_0^1 x dx$$.txt": 3, "$5$": 2}), title=title, xlabel="字符数")
    figure = ax.figure
    figure.savefig(tmp_path / "f.png")  # mathtext would raise ValueError on the \int label
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert r"$$\int_0^1 x dx$$.txt" in labels
    assert all(not t._preprocess_math(t.get_text())[1] for t in ax.get_yticklabels())
    plt.close(figure)
    assert escape_markdown("$x^2$") == "\\$x^2\\$"


def test_page_loads_nothing_from_the_network_and_folds_code():
    from nbformat.v4 import new_output

    from textkit.report import _render_html

    notebook = new_notebook()
    cell = new_code_cell("say('$x^2$')")
    cell.outputs = [new_output("display_data", data={"text/markdown": "price \\$x^2\\$", "text/plain": ""})]
    notebook.cells = [new_markdown_cell("# t"), cell]
    page = _render_html(notebook, [("index.html", "Index")])
    lowered = page.lower()
    assert "mathjax" not in lowered and "require.js" not in lowered
    assert not re.search(r"""<(script|link)[^>]+(src|href)=["']?(https?:)?//""", page)
    assert '<details class="tk-code">' in page and "Show code" in page
    assert '<a href="index.html">Index</a>' in page


def _tiny_run(tmp_path, seeds_dir, second_cell):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir(exist_ok=True)
    _notebook(notebooks / "01_first.ipynb", "print('first ran')")
    _notebook(notebooks / "02_second.ipynb", second_cell)
    return main(["--seeds", str(seeds_dir), "--notebooks", str(notebooks), "--out", str(tmp_path / "r")])


@pytest.mark.slow
def test_a_failed_run_leaves_a_failure_page_not_a_stale_report(tmp_path, seeds_dir, capsys):
    assert _tiny_run(tmp_path, seeds_dir, "print('second ran')") == 0
    assert (tmp_path / "r" / "02_second.html").exists()
    assert "[2/2] 02_second.ipynb" in capsys.readouterr().out
    assert _tiny_run(tmp_path, seeds_dir, "x = 1\n1 / 0") == 1
    err = capsys.readouterr().err
    assert "02_second.ipynb, cell In [3]" in err and "ZeroDivisionError" in err
    assert "without encryption" not in err
    out = tmp_path / "r"
    assert sorted(p.name for p in out.iterdir()) == ["02_second.ipynb", "index.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "run failed" in index and "02_second.ipynb" in index and "ZeroDivisionError" in index
    assert not list(tmp_path.glob(".r.*"))  # no temporary build folder left behind


def test_empty_cache_means_no_cache_in_make_and_in_the_runner(tmp_path, repo):
    import subprocess

    dry = subprocess.run(
        ["make", "-n", "-C", str(repo), "report", "CACHE=", "PYTHON=true"],
        capture_output=True, text=True, check=False,
    ).stdout
    line = next(line for line in dry.splitlines() if "textkit report" in line)
    assert "--cache" not in line


def test_textkit_command_help_and_errors(tmp_path, capsys):
    from textkit.cli import main as cli

    with pytest.raises(SystemExit) as exited:
        cli(["--help"])
    assert exited.value.code == 0
    assert "report" in capsys.readouterr().out
    assert cli(["report", str(tmp_path / "missing")]) == 2
    assert "corpus folder not found" in capsys.readouterr().err


def test_page_has_a_table_of_contents_linking_its_headings_and_numbered_figures():
    import base64

    from nbformat.v4 import new_output

    from textkit.report import _render_html

    png = base64.b64encode(bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
    )).decode()
    notebook = new_notebook()
    cell = new_code_cell("plot()")
    cell.outputs = [new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"})]
    notebook.cells = [new_markdown_cell("# Title\n\n## 1. The `load` report"), cell]
    page = _render_html(notebook)
    ids = re.findall(r'<nav[^>]*class="tk-toc".*?</nav>', page, re.S)[0]
    target = re.search(r'href="#([^"]+)"', ids).group(1)
    assert f'id="{target}"' in page
    assert "<figcaption>Figure 1. 1. The load report</figcaption>" in page


def _long_table_notebook(rows: int = 30) -> nbformat.NotebookNode:
    import pandas as pd
    from nbformat.v4 import new_output

    terms = [f"词{i:02d}" for i in range(rows)]
    frame = pd.DataFrame({"term": terms, "count": [(i * 7) % 31 for i in range(rows)]})
    cell = new_code_cell("table")
    html_table = {"text/html": frame.to_html(classes="dataframe")}
    cell.outputs = [new_output("execute_result", data=html_table, execution_count=1)]
    notebook = new_notebook()
    notebook.cells = [new_markdown_cell("# t\n\n## Long table"), cell]
    return notebook


def test_long_tables_get_search_and_sort_from_the_template_not_from_stored_outputs():
    import copy

    from textkit.report import _render_html

    notebook = _long_table_notebook()
    stored = copy.deepcopy(notebook)
    page = _render_html(notebook, [("index.html", "Index")])
    assert notebook == stored  # the runner leaves the executed notebook's outputs as they are
    assert page.count("function enhance(table)") == 1  # the enhancer inlined once per page
    assert '<script type="module"' not in page  # a module script would not load from file://
    assert not re.search(r"""<(script|link)[^>]+(src|href)=""", page)
    assert page == _render_html(notebook, [("index.html", "Index")])  # deterministic


# ----------------------------------------------------------------- issue 14: N_JOBS


@pytest.mark.slow
def test_jobs_reach_the_notebooks_that_declare_n_jobs_resolved(tmp_path, seeds_dir):
    import os

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(
        notebooks / "01_jobs.ipynb",
        "print('jobs', N_JOBS, type(N_JOBS).__name__)",
        parameters_cell='SEEDS_DIR = "../seeds"\nN_JOBS = 1',
    )
    _notebook(notebooks / "02_plain.ipynb", "print('plain ran')")  # declares no N_JOBS: still runs
    out = tmp_path / "r"
    base = ["--seeds", str(seeds_dir), "--notebooks", str(notebooks), "--out", str(out)]
    assert main([*base, "--jobs", "-1"]) == 0
    assert f"jobs {os.cpu_count()} int" in (out / "01_jobs.html").read_text(encoding="utf-8")
    assert "plain ran" in (out / "02_plain.html").read_text(encoding="utf-8")
    assert main([*base, "--jobs", "3", "-p", "N_JOBS", "2"]) == 0  # -p wins over --jobs
    assert "jobs 2 int" in (out / "01_jobs.html").read_text(encoding="utf-8")


def test_n_jobs_is_a_runner_parameter_and_zero_is_refused(tmp_path):
    from textkit.report import ParameterError, parse_parameters, resolve_n_jobs

    plain = tmp_path / "01_plain.ipynb"
    _notebook(plain)
    declared = tmp_path / "02_jobs.ipynb"
    _notebook(declared, parameters_cell='SEEDS_DIR = "../seeds"\nN_JOBS = 1')
    typed = parse_parameters([plain, declared], {"N_JOBS": 2})
    assert typed == {"01_plain.ipynb": {}, "02_jobs.ipynb": {"N_JOBS": 2}}
    with pytest.raises(ParameterError, match="must not be 0"):
        resolve_n_jobs(0)
    assert resolve_n_jobs(-2) == max(1, (__import__("os").cpu_count() or 1) - 1)


def test_make_report_passes_all_cores_by_default_and_n_jobs_when_given(repo):
    import subprocess

    def dry(*extra):
        out = subprocess.run(
            ["make", "-n", "-C", str(repo), "report", "PYTHON=true", *extra],
            capture_output=True, text=True, check=False,
        ).stdout
        return out.replace("\\\n", " ")

    assert '--jobs "-1"' in dry()
    assert '--jobs "2"' in dry("N_JOBS=2")


def test_pages_are_rendered_once_per_content(tmp_path, monkeypatch):
    import nbformat

    import textkit.report as report

    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1 + 1")
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)]
    cell.metadata["papermill"] = {"duration": 1.5}
    notebook.cells = [nbformat.v4.new_markdown_cell("# 标题"), cell]
    nav = [("index.html", "Index")]
    expected = report._render_html(notebook, nav)
    assert report._render_html_cached(notebook, nav, False, tmp_path) == expected
    rendered = []
    monkeypatch.setattr(report, "_render_html", lambda *a: rendered.append(a) or "fresh")
    rerun = nbformat.from_dict(notebook)
    rerun.cells[1].metadata["papermill"] = {"duration": 9.0}  # run times are not content
    assert report._render_html_cached(rerun, nav, False, tmp_path) == expected
    assert not rendered
    rerun.cells[1].outputs[0]["data"]["text/plain"] = "3"
    assert report._render_html_cached(rerun, nav, False, tmp_path) == "fresh"
    assert report._render_html_cached(notebook, [*nav, ("01.html", "01")], False, tmp_path) == "fresh"
    assert len(rendered) == 2


@pytest.mark.slow
def test_a_rerun_with_the_same_outputs_renders_no_page(tmp_path, seeds_dir, monkeypatch):
    """papermill gives its injected-parameters cell a random id each run, and the page shows the
    id: named ``injected-parameters``, a warm rerun finds every page kept (none rendered)."""
    import textkit.report as report

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks / "01_first.ipynb", "print(len(__import__('os').listdir(SEEDS_DIR)))")
    arguments = ["--seeds", str(seeds_dir), "--notebooks", str(notebooks), "--cache", str(tmp_path / "c")]
    assert main([*arguments, "--out", str(tmp_path / "r1")]) == 0
    rendered = []
    original = report._render_html
    monkeypatch.setattr(report, "_render_html", lambda *a: rendered.append(a) or original(*a))
    assert main([*arguments, "--out", str(tmp_path / "r2")]) == 0
    assert rendered == []
    executed = nbformat.read(tmp_path / "r2" / "01_first.ipynb", as_version=4)
    assert [c.id for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])] == [
        "injected-parameters"
    ]
    page = (tmp_path / "r2" / "01_first.html").read_text(encoding="utf-8")
    assert page == (tmp_path / "r1" / "01_first.html").read_text(encoding="utf-8")


# ----------------------------------------------------------------- issue 14: notebooks side by side


def _waiting_notebook(path, after=None):
    _notebook(path)
    if after is not None:
        notebook = nbformat.read(path, as_version=4)
        notebook.metadata["textkit"] = {"after": after}
        nbformat.write(notebook, path)
    return path


def _record_run(source, log):
    """A stand-in for running a notebook: appends its start and end to ``log`` (a file)."""
    import time

    with open(log, "a", encoding="utf-8") as handle:
        handle.write(f"start {source.stem}\n")
    time.sleep(0.05)
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(f"end {source.stem}\n")
    return {"path": str(source), "seconds": 0.0, **({"failed": {}} if "broken" in source.stem else {})}


def test_notebooks_wait_for_what_they_name_and_otherwise_for_all_before_them(tmp_path):
    from textkit._schedule import notebook_waits

    first = _waiting_notebook(tmp_path / "01_a.ipynb", after=[])
    second = _waiting_notebook(tmp_path / "02_b.ipynb", after=["01_a"])
    third = _waiting_notebook(tmp_path / "03_c.ipynb")  # names nothing: waits for 01 and 02
    waits = notebook_waits([first, second, third])
    assert waits == {
        "01_a.ipynb": set(),
        "02_b.ipynb": {"01_a.ipynb"},
        "03_c.ipynb": {"01_a.ipynb", "02_b.ipynb"},
    }
    _waiting_notebook(tmp_path / "02_b.ipynb", after=["01_x"])  # a misspelt name is an error
    with pytest.raises(ValueError, match="01_x"):
        notebook_waits([first, second])
    _waiting_notebook(tmp_path / "02_b.ipynb", after=["03_c"])  # a later notebook too
    with pytest.raises(ValueError, match="03_c"):
        notebook_waits([first, second, third])


def test_side_by_side_runs_respect_every_wait_and_keep_the_order_of_results(tmp_path):
    from functools import partial

    from textkit._schedule import run_notebooks

    folder = tmp_path / "nb"
    folder.mkdir()
    sources = [
        _waiting_notebook(folder / "01_corpus.ipynb", after=[]),
        _waiting_notebook(folder / "02_vocabulary.ipynb", after=["01_corpus"]),
        _waiting_notebook(folder / "03_topics.ipynb", after=["01_corpus"]),
        _waiting_notebook(folder / "04_findings.ipynb", after=["01_corpus", "03_topics"]),
        _waiting_notebook(folder / "05_time.ipynb"),
    ]
    log = tmp_path / "log"
    said = []
    announce = lambda *a, **k: said.append(a[0])  # noqa: E731
    results = run_notebooks(sources, partial(_record_run, log=log), 2, announce=announce)
    assert [r["path"] for r in results] == [str(s) for s in sources]
    events = log.read_text(encoding="utf-8").split("\n")[:-1]
    at = {event: position for position, event in enumerate(events)}
    assert len(at) == 10
    pairs = [("02_vocabulary", "01_corpus"), ("03_topics", "01_corpus"), ("04_findings", "03_topics")]
    for later, earlier in pairs:
        assert at[f"start {later}"] > at[f"end {earlier}"]
    assert all(at["start 05_time"] > at[f"end {s.stem}"] for s in sources[:4])  # named nothing: all before
    assert any("02_vocabulary.ipynb ... done in" in line for line in said)


def test_a_failing_notebook_stops_the_schedule_and_is_returned_last(tmp_path):
    from functools import partial

    from textkit._schedule import run_notebooks

    sources = [
        _waiting_notebook(tmp_path / "01_a.ipynb", after=[]),
        _waiting_notebook(tmp_path / "02_broken.ipynb", after=["01_a"]),
        _waiting_notebook(tmp_path / "03_c.ipynb", after=["02_broken"]),
    ]
    log = tmp_path / "log"
    for at_once in (1, 2):
        log.write_text("", encoding="utf-8")
        quiet = lambda *a, **k: None  # noqa: E731
        results = run_notebooks(sources, partial(_record_run, log=log), at_once, announce=quiet)
        assert [Path(r["path"]).stem for r in results] == ["01_a", "02_broken"]
        assert "failed" in results[-1]
        assert "03_c" not in log.read_text(encoding="utf-8")


def test_the_report_notebooks_name_what_they_read():
    from textkit._schedule import notebook_waits

    waits = notebook_waits(find_notebooks(Path(__file__).resolve().parents[1] / "notebooks"))
    # every notebook reads the corpus notebook 01 prepared; 04 and 05 read the topics 03 fits, through
    # fit_topics_cached, whose folder lock makes them wait for 03's fit and not for all of 03
    # (test_topics_cache: a miss waits for a fit in progress and reads it)
    assert all(after == {"01_corpus.ipynb"} for name, after in waits.items() if name != "01_corpus.ipynb")


def test_notebooks_run_side_by_side_only_within_the_memory_budget(tmp_path):
    from functools import partial

    from textkit._schedule import run_notebooks

    sources = [
        _waiting_notebook(tmp_path / "01_a.ipynb", after=[]),
        _waiting_notebook(tmp_path / "02_b.ipynb", after=["01_a"]),
        _waiting_notebook(tmp_path / "03_c.ipynb", after=["01_a"]),
        _waiting_notebook(tmp_path / "04_d.ipynb", after=["01_a"]),
    ]
    peaks = {"01_a.ipynb": 100.0, "02_b.ipynb": 700.0, "03_c.ipynb": 600.0, "04_d.ipynb": 300.0}
    log = tmp_path / "log"
    quiet = lambda *a, **k: None  # noqa: E731
    run = partial(_record_run, log=log)
    results = run_notebooks(sources, run, 3, announce=quiet, peaks=peaks, budget=1000)
    assert [r["path"] for r in results] == [str(s) for s in sources]
    events = log.read_text(encoding="utf-8").split("\n")[:-1]
    at = {event: position for position, event in enumerate(events)}
    # 02 and 03 (1,300) never run together; 02 or 03 with 04 (1,000 and 900) may
    assert at["start 03_c"] > at["end 02_b"]


def test_expected_peaks_scale_with_the_corpus_and_every_report_notebook_declares_one(tmp_path):
    from textkit.report import expected_peaks

    declared = _waiting_notebook(tmp_path / "01_a.ipynb", after=[])
    notebook = nbformat.read(declared, as_version=4)
    notebook.metadata["textkit"]["peak_mib"] = [200, 10.0]
    nbformat.write(notebook, declared)
    silent = _waiting_notebook(tmp_path / "02_b.ipynb", after=["01_a"])
    assert expected_peaks([declared, silent], 5.0, budget=999.0) == {"01_a.ipynb": 250.0, "02_b.ipynb": 999.0}
    committed = find_notebooks(Path(__file__).resolve().parents[1] / "notebooks")
    assert all(peak < 999.0 for peak in expected_peaks(committed, 0.0, budget=999.0).values())


def test_notebooks_that_can_never_share_the_budget_run_one_by_one(tmp_path):
    from textkit._schedule import can_pair

    sources = [
        _waiting_notebook(tmp_path / "01_a.ipynb", after=[]),
        _waiting_notebook(tmp_path / "02_b.ipynb", after=["01_a"]),
        _waiting_notebook(tmp_path / "03_c.ipynb", after=["01_a"]),
        _waiting_notebook(tmp_path / "04_d.ipynb", after=["03_c"]),
    ]
    peaks = {"01_a.ipynb": 100.0, "02_b.ipynb": 700.0, "03_c.ipynb": 600.0, "04_d.ipynb": 50.0}
    # 01 + 04 would fit, but 04 waits for 01 through 03; 02 + 04 (750) do not wait for each other
    assert not can_pair(sources, peaks, 700.0)
    assert can_pair(sources, peaks, 750.0)
    assert can_pair(sources, {**peaks, "04_d.ipynb": 800.0}, 1300.0)  # 02 + 03


def test_a_rerun_of_the_last_finished_run_expects_its_warm_peaks(tmp_path):
    from textkit._schedule import expected_peaks, memory_plan

    cold_only = _waiting_notebook(tmp_path / "01_a.ipynb", after=[])
    both = _waiting_notebook(tmp_path / "02_b.ipynb", after=["01_a"])
    other = _waiting_notebook(tmp_path / "03_c.ipynb", after=["01_a"])
    higher = _waiting_notebook(tmp_path / "04_d.ipynb", after=["01_a"])
    for path, metadata in [
        (cold_only, {"peak_mib": [200, 10.0]}),
        (both, {"peak_mib": [600, 10.0], "peak_mib_warm": [300, 5.0]}),
        (other, {"peak_mib": [500, 10.0], "peak_mib_warm": [250, 5.0]}),
        (higher, {"peak_mib": [100, 1.0], "peak_mib_warm": [300, 1.0]}),
    ]:
        notebook = nbformat.read(path, as_version=4)
        notebook.metadata["textkit"].update(metadata)
        nbformat.write(notebook, path)
    sources = [cold_only, both, other]
    # a warm entry never predicts more than the cold one (04)
    assert expected_peaks([*sources, higher], 10.0, budget=999.0, kind="warm") == {
        "01_a.ipynb": 300.0, "02_b.ipynb": 350.0, "03_c.ipynb": 300.0, "04_d.ipynb": 110.0
    }
    assert expected_peaks(sources, 10.0, budget=999.0)["02_b.ipynb"] == 700.0
    quiet = lambda *a, **k: None  # noqa: E731
    # cold: 02 + 03 = 1,300 MiB never fit in 1,000, so one at a time; warm: 650 MiB, side by side
    assert memory_plan(sources, 10.0, 1000, "cold", 2, announce=quiet)[2] == 1
    assert memory_plan(sources, 10.0, 1000, "warm", 2, announce=quiet)[2] == 2
    # no peak_mib_rerun entry: a rerun with a few new files expects the cold peaks
    assert expected_peaks(sources, 10.0, budget=999.0, kind="rerun") == expected_peaks(sources, 10.0, 999.0)
    notebook = nbformat.read(both, as_version=4)
    notebook.metadata["textkit"]["peak_mib_rerun"] = [400, 5.0]
    nbformat.write(notebook, both)
    assert expected_peaks(sources, 10.0, budget=999.0, kind="rerun")["02_b.ipynb"] == 450.0
    # 02 + 03: 450 + 600 MiB on a rerun, 700 + 600 cold
    assert memory_plan(sources, 10.0, 1050, "rerun", 2, announce=quiet)[2] == 2
    assert memory_plan(sources, 10.0, 1050, "cold", 2, announce=quiet)[2] == 1
    with pytest.raises(ValueError, match="kind"):
        expected_peaks(sources, 10.0, budget=999.0, kind="hot")


def test_a_run_reads_each_corpus_file_once_for_its_key_and_its_file_list(tmp_path, monkeypatch):
    from pathlib import Path

    import textkit.corpus
    from textkit._schedule import corpus_files, run_key, run_state
    from textkit.corpus import corpus_fingerprint, corpus_state

    corpus = tmp_path / "corpus"
    (corpus / "d").mkdir(parents=True)
    (corpus / "a.txt").write_text("　　人民日报", encoding="utf-8")
    (corpus / "d" / "b.txt").write_text("　　新华社", encoding="utf-8")
    sources = [_waiting_notebook(tmp_path / "01_a.ipynb", after=[])]
    typed = {"01_a.ipynb": {"SEEDS_DIR": str(corpus), "TOP_N": 5}}
    assert corpus_state(corpus) == (corpus_fingerprint(corpus), corpus_files(corpus))
    reads = []
    original_path, original_corpus = Path.read_bytes, textkit.corpus._read_bytes

    def counting(original):
        def counted(path):
            if corpus in Path(path).parents:  # setup_key reads textkit's own files as well
                reads.append(Path(path).name)
            return original(path)

        return counted

    # corpus files are read through corpus._read_bytes (load_corpus's reader), others by pathlib
    monkeypatch.setattr(Path, "read_bytes", counting(original_path))
    monkeypatch.setattr(textkit.corpus, "_read_bytes", counting(original_corpus))
    key, _, files = run_state(corpus, sources, typed, tmp_path / "cache")
    assert sorted(reads) == ["a.txt", "b.txt"]
    monkeypatch.undo()
    assert key == run_key(corpus, sources, typed) and set(files) == {"a.txt", "d/b.txt"}


def test_a_run_with_a_few_new_or_edited_files_is_a_rerun_of_the_last_one(tmp_path):
    from textkit._schedule import (
        RERUN_MAX_BYTES,
        changed_bytes,
        corpus_files,
        record_run,
        run_key,
        run_kind,
        run_state,
        setup_key,
        warm_cache,
    )
    from textkit.cache import ParquetCache

    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    (corpus / "d").mkdir(parents=True)
    (corpus / "a.txt").write_text("　　人民日报", encoding="utf-8")
    (corpus / "d" / "b.txt").write_text("　　新华社", encoding="utf-8")
    sources = [_waiting_notebook(tmp_path / "01_a.ipynb", after=[])]
    typed = {"01_a.ipynb": {"SEEDS_DIR": str(corpus), "TOP_N": 5}}

    def state():
        return run_state(corpus, sources, typed, cache)

    key, setup, files = state()
    assert (key, setup) == (run_key(corpus, sources, typed), setup_key(sources, typed))
    assert files == corpus_files(corpus) and set(files) == {"a.txt", "d/b.txt"}
    assert run_state(corpus, sources, typed, None) == ("", "", {})  # no folder: nothing to record
    assert files["a.txt"][0] == len("　　人民日报".encode())
    assert run_kind(cache, key, setup, files) == "cold" and changed_bytes(cache, setup, files) is None
    record_run(cache, key, setup, files)
    assert run_kind(cache, key, setup, files) == "warm" and warm_cache(cache, key)
    # one file more, one edited: their bytes; a removed file counts nothing
    (corpus / "d" / "c.txt").write_text("　　新的一篇", encoding="utf-8")
    (corpus / "a.txt").write_text("　　人民日报社", encoding="utf-8")
    (corpus / "d" / "b.txt").unlink()
    key, setup, files = state()
    assert changed_bytes(cache, setup, files) == files["d/c.txt"][0] + files["a.txt"][0]
    assert run_kind(cache, key, setup, files) == "rerun" and not warm_cache(cache, key)
    # as much new text as starts worker processes: cold
    (corpus / "big.txt").write_bytes(b"x" * RERUN_MAX_BYTES)
    key, setup, files = state()
    assert run_kind(cache, key, setup, files) == "cold"
    (corpus / "big.txt").unlink()
    # another parameter (or notebook, or line of textkit): cold whatever the files
    typed = {"01_a.ipynb": {"SEEDS_DIR": str(corpus), "TOP_N": 6}}
    key, setup, files = state()
    assert run_kind(cache, key, setup, files) == "cold"
    typed = {"01_a.ipynb": {"SEEDS_DIR": str(corpus), "TOP_N": 5}}
    key, setup, files = state()
    assert run_kind(cache, key, setup, files) == "rerun"
    # a record without files (or none: a prune that deleted entries removes it) is no rerun
    record_run(cache, "old key")
    assert run_kind(cache, key, setup, files) == "cold"
    record_run(cache, "old key", setup, {})
    assert run_kind(cache, key, setup, files) == "rerun"  # every file new, but few bytes
    ParquetCache(cache).clear()
    assert run_kind(cache, key, setup, files) == "cold"


def test_a_run_is_warm_only_after_the_same_run_finished_with_the_same_cache(tmp_path):
    from textkit._schedule import record_run, run_key, warm_cache
    from textkit.cache import ParquetCache

    corpus, cache = tmp_path / "corpus", tmp_path / "cache"
    corpus.mkdir()
    (corpus / "a.txt").write_text("　　人民日报", encoding="utf-8")
    sources = [_waiting_notebook(tmp_path / "01_a.ipynb", after=[])]
    typed = {"01_a.ipynb": {"SEEDS_DIR": str(corpus), "TOP_N": 5}}
    key = run_key(corpus, sources, typed)
    assert key == run_key(corpus, sources, typed) and not warm_cache(cache, key)
    # the same distribution found twice on sys.path (PYTHONPATH=. beside an egg-info) is one
    import importlib.metadata

    found = list(importlib.metadata.distributions())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(importlib.metadata, "distributions", lambda: [*found, found[0]])
        assert run_key(corpus, sources, typed) == key
        # one distribution fewer (every copy of it) is another installation
        name = found[0].metadata["Name"]
        fewer = [d for d in found if d.metadata["Name"] != name]
        patch.setattr(importlib.metadata, "distributions", lambda: fewer)
        assert run_key(corpus, sources, typed) != key
    record_run(cache, key)
    assert warm_cache(cache, key) and not warm_cache(None, key)
    # any new file, other parameter or edited notebook is another run
    assert run_key(corpus, sources, {"01_a.ipynb": {**typed["01_a.ipynb"], "TOP_N": 6}}) != key
    (corpus / "b.txt").write_text("　　新华社", encoding="utf-8")
    assert not warm_cache(cache, run_key(corpus, sources, typed))
    (corpus / "b.txt").unlink()
    _notebook(sources[0], "print(1)")
    assert run_key(corpus, sources, typed) != key
    # a prune that deletes anything, or a clear, may have deleted the last run's entries
    store = ParquetCache(cache)
    store.put_blob("models", "old", b"x" * 1000)
    assert store.prune(10**6) == [] and warm_cache(cache, key)  # nothing deleted
    store.prune(10)
    assert not warm_cache(cache, key)
    record_run(cache, key)
    store.clear()
    assert not warm_cache(cache, key)


@pytest.mark.slow
def test_the_runner_records_a_finished_run_and_finds_its_rerun_warm(tmp_path, seeds_dir, capsys):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks / "01_a.ipynb", "x = 1", parameters_cell='SEEDS_DIR = "../seeds"\nCACHE_DIR = None')
    _notebook(notebooks / "02_b.ipynb", "y = 2", parameters_cell='SEEDS_DIR = "../seeds"\nCACHE_DIR = None')
    arguments = [
        "--seeds", str(seeds_dir), "--notebooks", str(notebooks), "--out", str(tmp_path / "out"),
        "--cache", str(tmp_path / "cache"), "--jobs", "2", "--at-once", "2",
    ]
    assert main(arguments) == 0
    assert "expected peaks (cold" in capsys.readouterr().out
    assert main(arguments) == 0
    assert "expected peaks (warm" in capsys.readouterr().out
    # one more file: a rerun of the last run with a few new files
    copied = tmp_path / "seeds"
    shutil.copytree(seeds_dir, copied)
    arguments[1] = str(copied)
    assert main(arguments) == 0 and "expected peaks (cold" in capsys.readouterr().out
    (copied / "zz-new.txt").write_text("　　人民日报北京7月8日电　新的一篇。\n", encoding="utf-8")
    assert main(arguments) == 0
    assert "expected peaks (rerun" in capsys.readouterr().out
