"""Which tests of the gap class stop a term that no class proposes: the reasons column of
``tools/lexicon_misses.py --reasons``.

The gap class (``tools/lexicon_gaps.py``) is the broadest reader of the build files: any run of
2-7 tokens that the tokenizer cuts. A split campaign term with no entry and no reject failed one or
more of its tests; ``gap_stops`` names every one it fails, measured as the class measures them on
the build files cut by the committed tokenizer:

- ``not Han``: a digit or letter inside (21世纪海上丝绸之路: the class reads runs of Han tokens);
- ``floor``: in fewer than ``GAP_MIN_DOCS`` build files (the 5-19 band: set-phrase and rare-compound
  classes, ``tools/lexicon_setphrases.py``, with their own tests; noun-shaped members in 10-19
  files, read whole: ``tools/lexicon_band.py``);
- ``not a run``: never a run of whole tokens (an entry crossing its edge: [开展批评]|和|自我批评);
  ``one token``: mostly one token already (nested terms are whole where they are written alone);
- ``cut share``: a run in less than half of its occurrences (mostly inside a longer token);
- ``clause token``, ``edge token``: a clause word inside, or a function character or stopword as
  its first or last token that the rest does not own (把|工作|摆进去, 产学研|用);
- ``pmi``: weakest cut's PMI < ``GAP_MIN_PMI`` (科技|现代化: 3.2, a free combination by this test);
- ``shape``: ``term_shape`` finds no noun, set-phrase or long shape in jieba's tags of its pieces
  (碳/n 中/f 和/c; 美好生活/i 需要/v; 抓/v 落实/a), with the tags (such runs in >= 10 build files
  with a tag-free signal are read whole: ``tools/lexicon_verbs.py``);
- ``edges``: branching entropy < ``GAP_MIN_ENTROPY`` on a side and bounded in less than
  ``GAP_MIN_BOUNDED`` of its occurrences (历史性变革 follows 发生 in most of them);
- ``holder``: passes every test but holds a campaign term it would hide
  (``hides_campaign_term``: 以人民为中心的发展思想).
"""

from __future__ import annotations

import math
from collections import Counter


def run_cuts(term: str, tokenized: list[list[str]]) -> Counter:
    """The runs of whole tokens that spell ``term`` in ``tokenized`` texts, counted (one token
    counts as a run of one).

    >>> run_cuts("碳中和", [["碳中", "和", "目标"], ["实现", "碳中和"], ["低碳", "中", "和"]])
    Counter({'碳中 和': 1, '碳中和': 1})
    """
    cuts: Counter = Counter()
    for words in tokenized:
        joined = "".join(words)
        if term not in joined:
            continue
        starts, at = {}, 0
        for index, word in enumerate(words):
            starts[at] = index
            at += len(word)
        found = joined.find(term)
        while found >= 0:
            if found in starts:
                first = last = starts[found]
                end = found + len(words[first])
                while end < found + len(term) and last + 1 < len(words):
                    last += 1
                    end += len(words[last])
                if end == found + len(term):
                    cuts[" ".join(words[first : last + 1])] += 1
            found = joined.find(term, found + 1)
    return cuts


def gap_stops(terms: list[str], texts: list[str], tokenized: list[list[str]]) -> dict[str, str]:
    """Each term with the gap-class tests it fails (see the module's docstring), ';'-joined."""
    import lexicon_gaps as gaps
    from lexicon_filters import pos_tokenizer

    from textkit.datafiles import read_lines
    from textkit.tokenize import default_stopwords

    cuts = {term: run_cuts(term, tokenized) for term in terms}
    runs = {
        t: (c, set(), sum(c.values()))
        for t, c in cuts.items()
        if c and len(c.most_common(1)[0][0].split()) > 1
    }
    n_han, counts = gaps._cut_stats(texts, runs) if runs else (0, {})
    stopwords = default_stopwords()
    campaign = {line.split()[0] for line in read_lines("campaign_lexicon.txt")}
    joined = "\n".join(texts)
    found = {}
    for term in terms:
        if not gaps._HAN.fullmatch(term):
            found[term] = "not Han"
            continue
        if not cuts[term]:
            found[term] = "not a run"
            continue
        if term not in runs:
            found[term] = "one token"
            continue
        words = cuts[term].most_common(1)[0][0].split()
        n, docs = counts.get(term, (0, 0))
        as_run = sum(m for cut, m in cuts[term].items() if len(cut.split()) > 1)
        failed = []
        if docs < gaps.GAP_MIN_DOCS:
            failed.append(f"floor ({docs} files)")
        if as_run < gaps.GAP_MIN_CUT_SHARE * n:
            failed.append(f"cut share ({as_run}/{n})")
        if any(word in gaps.CLAUSE_TOKENS for word in words[1:-1]):
            failed.append("clause token")
        if not gaps.edge_ok(words, counts, stopwords):
            failed.append("edge token")
        pmi = min(
            math.log2(n * n_han / (counts["".join(words[:at])][0] * counts["".join(words[at:])][0]))
            for at in range(1, len(words))
        )
        if pmi < gaps.GAP_MIN_PMI:
            failed.append(f"pmi ({pmi:.1f})")
        if not gaps.term_shape(term, words, pmi):
            tags = " ".join(f"{w.word}/{w.flag}" for w in pos_tokenizer().cut(term, HMM=False))
            failed.append(f"shape ({tags}; pmi {pmi:.1f})")
        left, right, bounded = gaps.edge_counts(term, joined)
        low = min(gaps._entropy(left), gaps._entropy(right))
        if low < gaps.GAP_MIN_ENTROPY and bounded < gaps.GAP_MIN_BOUNDED * (sum(left.values()) or 1):
            failed.append(f"edges (entropy {low:.1f}, bounded {bounded}/{sum(left.values())})")
        if not failed and gaps.hides_campaign_term(texts, [term], campaign):
            failed.append("holder")
        found[term] = "; ".join(failed) or "none (a member: the build's tokenizer differs, or read)"
    return found
