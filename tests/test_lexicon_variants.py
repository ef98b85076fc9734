"""Policy-lexicon classes derived from known terms (tools/lexicon_variants.py): affix variants,
ordinal families and short three-character terms."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from textkit.tokenize import Segmenter

TOOLS = Path(__file__).resolve().parent.parent / "tools"


def _variants():
    spec = importlib.util.spec_from_file_location("build_lexicon", TOOLS / "build_lexicon.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # puts tools/ on the path
    import lexicon_variants

    return lexicon_variants


def test_affix_variant_needs_its_own_unit_in_enough_files():
    variants = _variants()
    plain = Segmenter(lexicon=None, hmm=False)
    term = "世界百年未有之大变局"
    # always preceded by its modifier: never its own unit, so no variant
    assert variants.affix_variants([term], [term] * 5, plain) == {}
    own = ["应对百年未有之大变局", "百年未有之大变局加速演进"]
    assert variants.affix_variants([term], own, plain) == {}  # 2 files < AFFIX_MIN_DOCS
    found = variants.affix_variants([term], [*own, "在百年未有之大变局中"], plain)
    assert found == {"百年未有之大变局": (3, term)}
    # the trailing word removed: S + T
    assert "新时代中国特色社会主义" not in variants.affix_variants(
        ["新时代中国特色社会主义思想"], ["新时代中国特色社会主义思想"] * 4, plain
    )


def test_affix_variant_is_long_enough_and_has_no_function_edge():
    variants = _variants()
    plain = Segmenter(lexicon=None, hmm=False)
    # 人民至上 (4 characters) of 坚持人民至上 is shorter than AFFIX_MIN_LEN
    assert variants.affix_variants(["坚持人民至上"], ["人民至上"] * 5, plain) == {}
    # a piece starting with 的 is no unit
    assert variants.affix_variants(["中国的现代化建设"], ["的现代化建设"] * 5, plain) == {}


def test_ordinal_variants_keep_the_frame_and_need_two_files():
    variants = _variants()
    texts = ["党的十八大以来", "党的十八大", "党的十九大", "党的二十大", "党的一大"]
    found = variants.ordinal_variants(["党的二十大"], texts)
    assert found == {"党的十八大": (2, "党的二十大")}  # 十九大 and 一大 in one file each
    assert variants.ordinal_variants(["党的二十大"], [*texts, "党的十九大"]) == {
        "党的十八大": (2, "党的二十大"),
        "党的十九大": (2, "党的二十大"),
    }
    # a single numeral not after 第 is no ordinal: 一个中国 does not give 两个中国
    assert variants.ordinal_variants(["一个中国"], ["两个中国"] * 3) == {}
    found = variants.ordinal_variants(["第十四个五年规划"], ["第十三个五年规划"] * 2)
    assert found == {"第十三个五年规划": (2, "第十四个五年规划")}


def test_short_terms_need_dictionary_shape_bounds_and_files():
    variants = _variants()
    from lexicon_filters import pos_tokenizer

    tagger = pos_tokenizer()
    bounded = ["要补短板，", "补短板、强弱项", "加快补短板。", "在补短板上", "补短板，"]
    assert variants.short_terms(bounded, tagger) == {"补短板": 5}
    assert variants.short_terms(bounded[:4], tagger) == {}  # 4 files < SHORT_MIN_DOCS
    # inside longer words in most occurrences: not bounded
    unbounded = ["长补短板子", "互补短板块", "增补短板材", *bounded[:2]]
    assert "补短板" not in variants.short_terms(unbounded, tagger)
    # a word of jieba's dictionary already is no candidate; nor a noun + noun
    assert variants.short_terms(["，软实力，"] * 5, tagger) == {"软实力": 5}
    assert variants.short_terms(["，人民币，"] * 5, tagger) == {}
