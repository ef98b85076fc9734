"""The three hand-annotated held-out sets of ``benchmarks/heldout_score.py``: sets B and C follow their
written selection rules, share set A's format, are pairwise disjoint, and none is read by the lexicon
build."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def score():
    return _load(REPO / "benchmarks" / "heldout_score.py", "heldout_score")


@pytest.fixture(scope="module")
def build():
    return _load(REPO / "tools" / "build_lexicon.py", "build_lexicon")


def _articles(name: str) -> list[dict]:
    return json.loads((DATA / name).read_text("utf-8"))["articles"]


def test_set_b_has_set_a_fields_and_twelve_other_files():
    set_a, set_b = _articles("heldout_rmrb.json"), _articles("heldout_rmrb_b.json")
    assert len(set_b) == 12 and {tuple(item) for item in set_b} == {tuple(set_a[0])}
    names_a = {Path(item["file"]).name for item in set_a}
    assert not names_a & {Path(item["file"]).name for item in set_b}


def test_the_build_reads_neither_set(build):
    names = {
        Path(item["file"]).name
        for name in ("heldout_rmrb.json", "heldout_rmrb_b.json")
        for item in _articles(name)
    }
    assert names <= build.annotated_files() and len(names) == 24
    assert all(build.held_out(Path(item["file"]).name) for item in _articles("heldout_rmrb_b.json"))


def test_the_scorer_knows_all_sets_and_keeps_a_as_default(score):
    assert score.ANNOTATION == score.ANNOTATIONS["a"] == DATA / "heldout_rmrb.json"
    assert score.ANNOTATIONS["b"] == DATA / "heldout_rmrb_b.json"
    assert score.ANNOTATIONS["c"] == DATA / "heldout_rmrb_c.json"


SETS = ("heldout_rmrb.json", "heldout_rmrb_b.json", "heldout_rmrb_c.json")


def test_set_c_has_set_a_fields_and_the_three_sets_are_pairwise_disjoint():
    set_a, set_c = _articles("heldout_rmrb.json"), _articles("heldout_rmrb_c.json")
    assert len(set_c) == 12 and {tuple(item) for item in set_c} == {tuple(set_a[0])}
    names = {name: {Path(item["file"]).name for item in _articles(name)} for name in SETS}
    assert all(len(files) == 12 for files in names.values())
    for first, second in (SETS[:2], SETS[1:], SETS[::2]):
        assert not names[first] & names[second], (first, second)
    assert all(
        item["date"] == f"{item['file'][:4]}-{item['file'][4:6]}-{item['file'][6:8]}" for item in set_c
    )


def test_the_build_reads_none_of_the_36_files(build, corpora):
    names = {Path(item["file"]).name for name in SETS for item in _articles(name)}
    assert len(names) == 36
    # set C is held out by the hash rule alone (sets A and B are also named in build.ANNOTATED)
    assert all(build.held_out(Path(item["file"]).name) for item in _articles("heldout_rmrb_c.json"))
    folder = corpora / "rmrb-2023-07-08"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    read = {path.name for path in build.corpus_files(folder, build=True)}
    assert read and not names & read


def test_set_c_is_what_its_rule_picks(score, build, corpora):
    folder = corpora / "rmrb-2023-07-08"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    set_a = {Path(item["file"]).name for item in _articles("heldout_rmrb.json")}
    set_b = {Path(item["file"]).name for item in _articles("heldout_rmrb_b.json")}
    picks = score.pick_set(folder, build.held_out, "c")
    assert picks == score.pick_files(folder, build.held_out, exclude=set_a | set_b, start=10)
    assert picks == [item["file"] for item in _articles("heldout_rmrb_c.json")]
    # the page credits the rule replaced by the next candidate
    assert not {
        "20230711/20230711-12-08.txt",
        "20230726/20230726-14-08.txt",
        "20230823/20230823-06-08.txt",
    } & set(picks)
    assert score.pick_set(folder, build.held_out, "b") == [
        item["file"] for item in _articles("heldout_rmrb_b.json")
    ]


def test_pick_files_steps_through_held_out_files_and_skips_page_credits(score, tmp_path):
    body = "正文" * 300
    for day in range(1, 7):
        folder = tmp_path / f"202307{day:02d}"
        folder.mkdir()
        for page in range(1, 5):
            text = "本版责编：某某\n" + body if (day, page) == (2, 1) else f"标题{day}{page}\n" + body
            (folder / f"202307{day:02d}-{page:02d}-01.txt").write_text(text, encoding="utf-8")
    (tmp_path / "20230703" / "20230703-01-01.txt").write_text("短" * 100, encoding="utf-8")  # 300 bytes

    def odd_pages(name: str) -> bool:
        return int(name.split("-")[1]) % 2 == 1

    picks = score.pick_files(tmp_path, odd_pages, exclude={"20230701-03-01.txt"}, start=1, step=2, count=3)
    # held out: pages 1 and 3 of each day; 20230701-03 excluded: 01-01, 02-01, 02-03, 03-01, 03-03, 04-01, …
    # at 1: 02-01 is a page credit, so 02-03; at 3: 03-01 is under 500 bytes, so 03-03; at 5: 04-01
    assert picks == [
        "20230702/20230702-03-01.txt",
        "20230703/20230703-03-01.txt",
        "20230704/20230704-01-01.txt",
    ]


def test_set_b_is_what_its_rule_picks(score, build, corpora):
    folder = corpora / "rmrb-2023-07-08"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    set_a = {Path(item["file"]).name for item in _articles("heldout_rmrb.json")}
    picks = score.pick_files(folder, build.held_out, exclude=set_a)
    assert picks == [item["file"] for item in _articles("heldout_rmrb_b.json")]
    assert "20230823/20230823-06-08.txt" not in picks  # the page credit the rule replaced
