"""The fourteen hand-annotated held-out sets of ``benchmarks/heldout_score.py``: sets B to N follow
their written selection rules, share set A's format, are pairwise disjoint, and none is read by the
lexicon build."""

from __future__ import annotations

import importlib.util
import itertools
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
    assert score.ANNOTATIONS["d"] == DATA / "heldout_rmrb_d.json"
    assert score.ANNOTATIONS["e"] == DATA / "heldout_rmrb_e.json"
    assert score.ANNOTATIONS["f"] == DATA / "heldout_rmrb_f.json"
    assert score.ANNOTATIONS["g"] == DATA / "heldout_rmrb_g.json"
    assert score.ANNOTATIONS["h"] == DATA / "heldout_rmrb_h.json"
    assert score.ANNOTATIONS["i"] == DATA / "heldout_rmrb_i.json"
    assert score.ANNOTATIONS["j"] == DATA / "heldout_rmrb_j.json"
    assert score.ANNOTATIONS["k"] == DATA / "heldout_rmrb_k.json"
    assert score.ANNOTATIONS["l"] == DATA / "heldout_rmrb_l.json"
    assert score.ANNOTATIONS["m"] == DATA / "heldout_rmrb_m.json"
    assert score.ANNOTATIONS["n"] == DATA / "heldout_rmrb_n.json"
    assert score.SELECTION["e"] == {"start": 0, "after": ("a", "b", "c", "d")}
    assert score.SELECTION["f"] == {"start": 25, "after": ("a", "b", "c", "d", "e")}
    assert score.SELECTION["g"] == {"start": 15, "after": ("a", "b", "c", "d", "e", "f")}
    assert score.SELECTION["h"] == {"start": 35, "after": ("a", "b", "c", "d", "e", "f", "g")}
    assert score.SELECTION["i"] == {"start": 5, "after": ("a", "b", "c", "d", "e", "f", "g", "h")}
    assert score.SELECTION["j"] == {"start": 22, "after": ("a", "b", "c", "d", "e", "f", "g", "h", "i")}
    assert score.SELECTION["k"] == {"start": 12, "after": tuple("abcdefghij")}
    # set L steps by 30: its 360 candidates are 9 steps of 40 (see LATER_SETS)
    assert score.SELECTION["l"] == {"start": 32, "step": 30, "after": tuple("abcdefghijk")}
    # set M steps by 29: its 348 candidates are 12 steps of 29, so no pick counts round
    assert score.SELECTION["m"] == {"start": 17, "step": 29, "after": tuple("abcdefghijkl")}
    # set N steps by 28: its 336 candidates are 12 steps of 28, so no pick counts round
    assert score.SELECTION["n"] == {"start": 8, "step": 28, "after": tuple("abcdefghijklm")}
    assert all("step" not in rule for name, rule in score.SELECTION.items() if name not in ("l", "m", "n"))
    # every blind set has its own offset
    offsets = [rule["start"] for rule in score.SELECTION.values()]
    assert len(offsets) == len(set(offsets)) == 13


SETS = (
    "heldout_rmrb.json",
    "heldout_rmrb_b.json",
    "heldout_rmrb_c.json",
    "heldout_rmrb_d.json",
    "heldout_rmrb_e.json",
    "heldout_rmrb_f.json",
    "heldout_rmrb_g.json",
    "heldout_rmrb_h.json",
    "heldout_rmrb_i.json",
    "heldout_rmrb_j.json",
    "heldout_rmrb_k.json",
    "heldout_rmrb_l.json",
    "heldout_rmrb_m.json",
    "heldout_rmrb_n.json",
)


@pytest.mark.parametrize("name", SETS[2:])
def test_sets_c_to_n_have_set_a_fields_and_publication_dates(name):
    set_a, articles = _articles("heldout_rmrb.json"), _articles(name)
    assert len(articles) == 12 and {tuple(item) for item in articles} == {tuple(set_a[0])}
    assert all(
        item["date"] == f"{item['file'][:4]}-{item['file'][4:6]}-{item['file'][6:8]}" for item in articles
    )


def test_the_fourteen_sets_are_pairwise_disjoint():
    names = {name: {Path(item["file"]).name for item in _articles(name)} for name in SETS}
    assert all(len(files) == 12 for files in names.values())
    pairs = list(itertools.combinations(SETS, 2))
    assert len(pairs) == 91
    for first, second in pairs:
        assert not names[first] & names[second], (first, second)


def test_the_build_reads_none_of_the_168_files(build, corpora):
    names = {Path(item["file"]).name for name in SETS for item in _articles(name)}
    assert len(names) == 168
    # sets C to N are held out by the hash rule alone (sets A and B are also named in build.ANNOTATED)
    for name in SETS[2:]:
        assert all(build.held_out(Path(item["file"]).name) for item in _articles(name)), name
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


# set D: 456 candidates, so k = 11 (30 + 440 = 470) counts round to index 14; set E: 444
# candidates, its last pick (0 + 440) needs no counting round; set F: 432 candidates, so k = 11
# (25 + 440 = 465) counts round to index 33; set G: 420 candidates, so k = 11 (15 + 440 = 455)
# counts round to index 35; set H: 408 candidates, so k = 10 and 11 (435, 475) count round to
# indices 27 and 67; set I: 396 candidates, so k = 10 and 11 (405, 445) count round to indices 9
# and 49 (9 is a page credit, so 10); set J: 384 candidates, so k = 10 and 11 (422, 462) count
# round to indices 38 and 78; set K: 372 candidates, so k = 9, 10 and 11 (372, 412, 452) count
# round to indices 0, 40 and 80; set L: 360 candidates, 9 steps of 40, so step 40 would pick
# index 32 again at k = 9 whatever the offset: its rule steps by 30 (360 / 12) and only k = 11
# (32 + 330 = 362) counts round, to index 2; set M: 348 candidates = 12 steps of 29, so from
# offset 17 no pick counts round (17 + 29 * 11 = 336); set N: 336 candidates = 12 steps of 28, so
# from offset 8 no pick counts round (8 + 28 * 11 = 316). The page credits each rule replaced by the
# next candidate, and where those next candidates were taken.
LATER_SETS = {
    "d": dict(
        start=30,
        candidates=456,
        last=14,
        credits={
            "20230713/20230713-14-05.txt",
            "20230730/20230730-03-06.txt",
            "20230730/20230730-05-05.txt",
            "20230817/20230817-06-03.txt",
            "20230822/20230822-05-03.txt",
            "20230828/20230828-04-04.txt",
        },
        replaced={},
    ),
    "e": dict(
        start=0,
        candidates=444,
        last=440,
        credits={"20230801/20230801-06-05.txt", "20230807/20230807-18-05.txt"},
        replaced={6: 241, 7: 281},
    ),
    "f": dict(
        start=25,
        candidates=432,
        last=33,
        credits={
            "20230704/20230704-12-07.txt",
            "20230713/20230713-15-06.txt",
            "20230713/20230713-17-07.txt",
            "20230805/20230805-02-06.txt",
            "20230805/20230805-03-07.txt",
        },
        replaced={0: 26, 2: 107, 6: 267},
    ),
    "g": dict(
        start=15,
        candidates=420,
        last=35,
        credits={"20230703/20230703-13-05.txt"},
        replaced={0: 16},
    ),
    "h": dict(
        start=35,
        candidates=408,
        last=67,
        credits={
            "20230711/20230711-08-02.txt",
            "20230711/20230711-12-08.txt",
            "20230717/20230717-05-07.txt",
            "20230822/20230822-17-07.txt",
        },
        # 75 and 76 are both page credits, so 77
        replaced={1: 77, 2: 116, 8: 356},
    ),
    "i": dict(
        start=5,
        candidates=396,
        last=49,
        credits={
            "20230707/20230707-02-08.txt",
            "20230731/20230731-13-05.txt",
            "20230825/20230825-08-01.txt",
            "20230825/20230825-13-02.txt",
            "20230703/20230703-05-07.txt",
        },
        # 365 and 366 are both page credits, so 367
        replaced={1: 46, 5: 206, 9: 367, 10: 10},
    ),
    "j": dict(
        start=22,
        candidates=384,
        last=78,
        credits={
            "20230704/20230704-12-07.txt",
            "20230710/20230710-18-05.txt",
            "20230728/20230728-12-06.txt",
        },
        replaced={0: 23, 1: 63, 4: 183},
    ),
    "k": dict(
        start=12,
        candidates=372,
        last=80,
        credits={
            "20230721/20230721-14-03.txt",
            "20230811/20230811-04-06.txt",
            "20230818/20230818-07-04.txt",
            "20230818/20230818-10-04.txt",
        },
        # 292 and 293 are both page credits, so 294
        replaced={3: 133, 6: 253, 7: 294},
    ),
    "l": dict(
        start=32,
        step=30,
        candidates=360,
        last=2,
        credits={
            "20230711/20230711-12-08.txt",
            "20230804/20230804-05-08.txt",
            "20230804/20230804-07-03.txt",
            "20230804/20230804-12-02.txt",
            "20230821/20230821-13-03.txt",
            "20230825/20230825-13-02.txt",
        },
        # 212, 213 and 214 are all page credits, so 215
        replaced={1: 63, 6: 215, 9: 303, 10: 333},
    ),
    "m": dict(
        start=17,
        step=29,
        candidates=348,
        last=336,
        credits={
            "20230718/20230718-07-04.txt",
            "20230728/20230728-12-06.txt",
            "20230815/20230815-02-03.txt",
        },
        replaced={3: 105, 5: 163, 8: 250},
    ),
    "n": dict(
        start=8,
        step=28,
        candidates=336,
        last=316,
        credits={
            "20230703/20230703-11-03.txt",
            "20230822/20230822-10-05.txt",
            "20230822/20230822-14-03.txt",
        },
        # 288 and 289 are both page credits, so 290
        replaced={0: 9, 10: 290},
    ),
}


@pytest.mark.parametrize("name", sorted(LATER_SETS))
def test_later_sets_are_what_their_rules_pick(score, build, corpora, name):
    folder = corpora / "rmrb-2023-07-08"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    rule = LATER_SETS[name]
    position = "abcdefghijklmn".index(name)
    earlier = {Path(item["file"]).name for file in SETS[:position] for item in _articles(file)}
    picks = score.pick_set(folder, build.held_out, name)
    step = rule.get("step", 40)
    assert picks == score.pick_files(folder, build.held_out, exclude=earlier, start=rule["start"], step=step)
    assert picks == [item["file"] for item in _articles(SETS[position])]
    files = sorted(folder.rglob("*.txt"))
    candidates = [path for path in files if build.held_out(path.name) and path.name not in earlier]
    assert len(candidates) == rule["candidates"]
    # the first pick is the candidate at the offset, or the one after it that replaced a page credit
    assert picks[0] == candidates[rule["replaced"].get(0, rule["start"])].relative_to(folder).as_posix()
    assert picks[-1] == candidates[rule["last"]].relative_to(folder).as_posix()
    assert not rule["credits"] & set(picks)
    for pick, candidate in rule["replaced"].items():
        assert picks[pick] == candidates[candidate].relative_to(folder).as_posix()
    # the earlier set's rule still gives the earlier set
    before = "abcdefghijklmn"[position - 1]
    assert score.pick_set(folder, build.held_out, before) == [
        item["file"] for item in _articles(SETS[position - 1])
    ]


def test_set_l_cannot_step_by_40(score, build, corpora):
    folder = corpora / "rmrb-2023-07-08"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found")
    # the files of sets A to K (sets M and N, added after L, are not among them)
    earlier = {Path(item["file"]).name for file in SETS[:11] for item in _articles(file)}
    assert SETS[11] == "heldout_rmrb_l.json"
    # 360 candidates: 32 + 40 * 9 = 392 counts round to 32, the first pick
    with pytest.raises(ValueError, match=r"20230706-07-01\.txt picked twice"):
        score.pick_files(folder, build.held_out, exclude=earlier, start=32, step=40)


def test_pick_files_counts_round_past_the_last_file_and_never_picks_twice(score, tmp_path):
    body = "正文" * 300
    for page in range(1, 6):
        (tmp_path / f"20230701-{page:02d}-01.txt").write_text(f"标题{page}\n" + body, encoding="utf-8")
    (tmp_path / "20230701-01-01.txt").write_text("本版责编：某某\n" + body, encoding="utf-8")

    def every(name: str) -> bool:
        return True

    # indices 2, 5 -> 0 (a page credit, so 1); 5 files
    assert score.pick_files(tmp_path, every, start=2, step=3, count=2) == [
        "20230701-03-01.txt",
        "20230701-02-01.txt",
    ]
    # indices 1, 6 -> 1 again: too few files for the rule
    with pytest.raises(ValueError, match="picked twice"):
        score.pick_files(tmp_path, every, start=1, step=5, count=2)


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


def test_adaptive_terms_are_learnt_from_articles_not_duplicate_files(score, tmp_path):
    # one article quoting “智改数转”, printed in two files: the raw files would quote it in two
    # "articles" and pass the two-article test; the articles prepare_corpus reads hold it once
    article = "江苏推进“智改数转”\n\n本报南京7月1日电  江苏全面推进“智改数转”，企业加快转型，成效明显。\n"
    other = "浙江发展数字经济\n\n本报杭州7月1日电  浙江数字经济持续发展，产业升级步伐加快，成效明显。\n"
    folder = tmp_path / "20230701"
    folder.mkdir()
    (folder / "20230701-01-01.txt").write_text(article, "utf-8")
    (folder / "20230701-02-01.txt").write_text(article, "utf-8")
    (folder / "20230701-03-01.txt").write_text(other, "utf-8")
    from textkit.terms import adaptive_terms

    raw = [p.read_text("utf-8") for p in sorted(tmp_path.rglob("*.txt"))]
    assert "智改数转" in set(adaptive_terms(raw)["term"])
    texts = score.adaptive_texts(tmp_path)
    assert len(texts) == 2
    assert "智改数转" not in set(adaptive_terms(texts)["term"])


def test_file_authors_join_the_pieces_of_a_split_page(score):
    # a page of readers' letters is split into one row per letter; the annotation names the file's
    # writers, so the file-level line compares the union (the first-row line stays as it was)
    import pandas as pd

    rows = pd.DataFrame({"author": ["林丽鹂", "齐志明", None, "林丽鹂、王 李"]})
    assert score.file_authors_of(rows) == {"林丽鹂", "齐志明", "王", "李"}
    assert score.file_authors_of(pd.DataFrame({"author": [None]})) == set()
    assert score.file_authors_of(pd.DataFrame({"title": ["来论"]})) == set()
