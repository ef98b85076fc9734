"""Repetition frames: formulations built by repeating one character across parallel units
(创新链产业链资金链人才链, 用心用情用力, 防灾减灾救灾, 中国化时代化), a class of
policy-lexicon candidates read whole (``tools/build_lexicon.py`` adds every member not rejected in
``tools/lexicon_rejects.txt``).

Why: such formulations are made of common words, so the cohesion statistics (PMI) of the other
classes rank them low, and many are longer than their n-gram tables; yet the repeated character
is an explicit mark of a coined, fixed sequence.

Criterion (``repeated_frames``), on the build files:

- a sequence of units of the same length, 2 or 3 Han characters, that all begin with the same
  character (用心|用情|用力) or all end with it (防灾|减灾|救灾, 中国化|时代化);
- at least ``FRAME_MIN_UNITS`` units, or 2 when the units have 3 characters, share their
  last character (a suffix such as 化, 性: 标准化规范化) and are each one plain-jieba word;
- units of 3 characters, and units sharing their last character, each start where plain jieba
  cuts (创新|链|产业链|资金|链: 推进碳|达峰碳 of 推进碳达峰碳中和 is no frame), and a shared last
  character is not a word of its own in every unit (群众|最|关心|最|直接|最 is the frame
  最关心最直接最现实 read from the wrong end);
- the units are all different, and the shared character is not a function character;
- in each occurrence counted, the sequence starts and ends where plain jieba (no lexicon, HMM
  off) cuts its run of Han characters (坚持共商共建共享 gives 共商共建共享, not 持共商共建共),
  the longest such sequence at each start, reading left to right and skipping the starts
  inside a sequence already found (产业链资金链人才链 of 创新链产业链资金链人才链);
- found so in at least ``FRAME_MIN_DOCS`` build files, and plain jieba cuts it.
"""

from __future__ import annotations

import re
from collections import defaultdict

FRAME_MIN_UNITS = 3
FRAME_MIN_DOCS = 2
_RUN = re.compile(r"[\u4e00-\u9fd5]{4,}")
_FUNCTION = frozenset("的地得了着过和与及或在是等也而之把被从对向于以其这那此各每有无不没很都就还又再才已")


def _frames_at(run: str, start: int, cuts: set[int]) -> list[str]:
    """The repetition frames of ``run`` starting at ``start`` (a cut), longest first per shape."""
    found = []
    for size in (2, 3):
        for shared in (0, size - 1):  # the shared character: first or last of each unit
            char = run[start + shared] if start + shared < len(run) else ""
            if not char or char in _FUNCTION:
                continue
            units, at = [], start
            while at + size <= len(run) and run[at + shared] == char:
                units.append(run[at : at + size])
                at += size
            if size == 3 or shared:  # each unit starts where jieba cuts
                broken = (k for k in range(1, len(units)) if start + size * k not in cuts)
                units = units[: next(broken, len(units))]
            if shared and all(start + size * k + shared in cuts for k in range(len(units))):
                continue  # the shared last character stands alone in every unit: 群众|最|关心|最
            least = 2 if size == 3 and shared == size - 1 else FRAME_MIN_UNITS
            while len(units) >= least and (start + size * len(units)) not in cuts:
                units.pop()  # end where jieba cuts
            if len(units) == 2 and any(start + 3 * k + i in cuts for k in (0, 1) for i in (1, 2)):
                continue  # two units: each one jieba word (中国化|时代化; not 发展新|动能新)
            if len(units) >= least and len(set(units)) == len(units):
                found.append("".join(units))
    return found


def repeated_frames(texts: list[str], plain) -> dict[str, int]:
    """The repetition frames of ``texts`` (see the module's docstring) in at least
    ``FRAME_MIN_DOCS`` texts, with their numbers of texts; ``plain`` is a ``Segmenter``.

    >>> from textkit.tokenize import Segmenter
    >>> plain = Segmenter(lexicon=None, hmm=False)
    >>> texts = ["推进创新链产业链资金链人才链深度融合", "坚持共商共建共享原则", "要防灾减灾救灾"] * 2
    >>> sorted(repeated_frames(texts, plain))
    ['共商共建共享', '创新链产业链资金链人才链', '防灾减灾救灾']
    """
    docs: dict[str, set[int]] = defaultdict(set)
    for index, text in enumerate(texts):
        for match in _RUN.finditer(text):
            run = match.group()
            if not _may_repeat(run):
                continue
            cuts, at = {0}, 0
            for word in plain.segment(run):
                at += len(word)
                cuts.add(at)
            covered = 0  # left to right: a frame inside a longer one found before is not one
            for start in sorted(cuts):
                if start < covered:
                    continue
                for frame in _frames_at(run, start, cuts):
                    docs[frame].add(index)
                    covered = max(covered, start + len(frame))
    return {
        frame: len(found)
        for frame, found in sorted(docs.items())
        if len(found) >= FRAME_MIN_DOCS and len(plain.segment(frame)) > 1
    }


def _may_repeat(run: str) -> bool:
    """A quick test: some character recurs 2 or 3 places later (skips most runs unsegmented)."""
    return any(run[i] in (run[i + 2], run[i + 3 : i + 4]) for i in range(len(run) - 2))
