"""A recall class of policy-lexicon candidates: frequent, cohesive sequences with stable edges
that plain jieba cuts, read whole (``tools/build_lexicon.py`` adds every member not rejected).

Why: frequent fixed formulations of the build files (守正创新, 担当作为, 交流互鉴, 主体责任, in 77
to 133 build files each) reached no earlier class or did not survive it (``--stages`` counts
where): the n-gram rule asks for a policy head noun or the paired shape (守正创新, 合作共赢 have
neither), the compound rule for nouns only, the set-phrase rule for PMI >= 10, the long-n-gram
rule for 7 characters or more, ``suggest_terms``' stopword-edge rule drops 担当作为 (作为 is a
stopword), and the build's table stops at 10 characters.

Criterion (``recall_ngrams``), all measured on the build files:

- an n-gram of 4 to 12 Han characters in at least ``RECALL_MIN_DOCS`` build files;
- cohesive: PMI (the smallest over its cuts, as ``textkit.terms.suggest_terms``) >= ``RECALL_MIN_PMI``;
- stable edges: left and right branching entropy >= ``RECALL_MIN_ENTROPY`` bits;
- plain jieba cuts it into two words or more, and neither edge word is a one-character
  function word (``EDGE_FUNCTION``: 的, 和, 在 … at an edge make a clause fragment);
- not a name (first character a measure or unit word, an office or organization head at the end,
  a place inside: ``build_lexicon.BAD_FIRST``, ``ROLE_HEADS``, ``has_place``), the
  convention of every other class: names are counted by ``textkit.extract``.

Every member that no earlier source keeps was read against this written test, and is kept when
a researcher would count it as one unit: a slogan, set phrase or fixed formulation (守正创新,
合作共赢, 担当作为, 世界之变), the name of a policy, concept, mechanism or programme, a
lexicalized word; including a fixed name with 的 inside when the sequence itself is fixed
(人与自然和谐共生的现代化). Rejects, with their reason, are in ``RECALL_REJECTS``.

``python tools/lexicon_recall.py --list`` prints the class with its statistics;
``--stages [--policy OLD_POLICY_LEXICON]`` runs the build with both reject files emptied, without
and with this class, and says at which stage each frequent cohesive n-gram that the default
tokenizer (with that policy lexicon) splits is lost; ``--sample OLD_POLICY_LEXICON`` draws 100
terms added since, each in a build-file sentence (``tools/lexicon_recall_precision.txt``).
"""

from __future__ import annotations

import argparse
import sys
from itertools import pairwise
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RECALL_REJECTS = REPO / "tools" / "lexicon_recall_rejects.txt"

RECALL_MIN_DOCS = 20
RECALL_MIN_LEN = 4
RECALL_MAX_LEN = 12
RECALL_MIN_PMI = 6.5
RECALL_MIN_ENTROPY = 1.5
EDGE_FUNCTION = frozenset(
    "的地得了着过和与及或在是等也而之把被从对向于以其这那此各每有无不没很更都就还又再才已"
)


def recall_table(texts: list[str], plain):
    """The ``suggest_terms`` n-grams of ``texts`` that pass the statistical part of the criterion
    (all columns of ``suggest_terms``; ``segmented`` is plain jieba's cut)."""
    import numpy as np

    from textkit.terms import suggest_terms

    table = suggest_terms(
        texts,
        min_freq=RECALL_MIN_DOCS,
        min_len=RECALL_MIN_LEN,
        max_len=RECALL_MAX_LEN,
        min_pmi=RECALL_MIN_PMI,
        min_entropy=RECALL_MIN_ENTROPY,
        min_quoted=len(texts) + 1,  # n-grams only
        stopwords=(),
        segmenter=plain,
        top_n=None,
    )
    table = table[(table["source"] == "ngram") & (table["docfreq"] >= RECALL_MIN_DOCS)]
    words = table["segmented"].str.split()
    shaped = [
        len(pieces) >= 2 and not (len(pieces[0]) == 1 and pieces[0] in EDGE_FUNCTION)
        and not (len(pieces[-1]) == 1 and pieces[-1] in EDGE_FUNCTION)
        for pieces in words
    ]  # fmt: skip
    return table[np.array(shaped, dtype=bool)]


def _is_name(term: str) -> bool:
    """Whether a member is a name or a number phrase: a first character of ``BAD_FIRST`` that
    is a word of its own or begins a numeral or measure word (余名官兵, 次集体学习; not 多边主义),
    an office or organization head at the end, a place that textkit's place finder finds.

    >>> [_is_name(t) for t in ("余名官兵", "多边主义", "党支部书记", "四川成都", "合作共赢")]
    [True, False, True, True, False]
    """
    import build_lexicon as build
    from lexicon_filters import pos_tokenizer

    first = next(iter(pos_tokenizer().cut(term, HMM=False)))
    counted = term[0] in build.BAD_FIRST and (len(first.word) == 1 or first.flag in ("m", "q", "mq"))
    return counted or term.endswith(build.ROLE_HEADS) or build.has_place(term)


def recall_class(texts: list[str], plain) -> dict[str, int]:
    """Every member of the class (see the module's docstring), with its number of build files."""
    table = recall_table(texts, plain)
    return {
        term: int(docs)
        for term, docs in zip(table["term"], table["docfreq"], strict=True)
        if not _is_name(term)
    }


def recall_ngrams(texts: list[str], plain) -> dict[str, int]:
    """The members of the class that review keeps (all but ``RECALL_REJECTS``)."""
    from textkit.datafiles import read_lines

    rejects = set(read_lines(RECALL_REJECTS))
    return {term: docs for term, docs in recall_class(texts, plain).items() if term not in rejects}


# Stages (``--stages``): the population is every n-gram of 4 to 12 characters in >= 20 build files
# with PMI >= 5 and branching entropy >= 1 bit on both sides (suggest_terms' and the build's lenient
# values) that the default tokenizer (campaign and committed policy lexicon) cuts; each is placed
# at the first stage that loses it.
STAGE_MIN_PMI = 5.0
SAMPLE_SEED = 12
STAGE_MIN_ENTROPY = 1.0


# The build's filters in the order it runs them (older and newer names: the filters moved to
# tools/lexicon_filters.py); each takes the candidate rows first.
FILTER_STEPS = ("_drop_wrappers", "drop_wrappers", "_drop_composable", "drop_composable")
FILTER_STEPS += ("drop_free_combinations", "drop_fragments")


def _traced_build(build, corpus: Path, *, recall: bool) -> dict:
    """Run ``build.build`` with both reject files emptied and record the rows each filter step
    receives (``trace["steps"]``, in order) and what the build keeps (``trace["final"]``)."""
    import textkit.datafiles as datafiles

    steps = [name for name in FILTER_STEPS if hasattr(build, name)]
    trace: dict = {"steps": steps}
    names = (*steps, "read_lines", "suggest_terms", "recall_ngrams")
    originals = {name: getattr(build, name) for name in names}
    real_read_lines = datafiles.read_lines

    def read_lines(path):
        return [] if str(path).endswith("rejects.txt") else real_read_lines(path)

    def table(*args, **kwargs):
        trace["table"] = originals["suggest_terms"](*args, **kwargs)
        return trace["table"]

    def step(name):
        def run(rows, *args):
            trace[name] = dict(rows)
            return originals[name](rows, *args)

        return run

    build.read_lines, datafiles.read_lines, build.suggest_terms = read_lines, read_lines, table
    for name in steps:
        setattr(build, name, step(name))
    if not recall:
        build.recall_ngrams = lambda texts, plain: {}
    try:
        trace["final"] = dict(build.build(corpus, 3))
    finally:
        datafiles.read_lines = real_read_lines
        for name, value in originals.items():
            setattr(build, name, value)
    return trace


def loss_stages(build, corpus: Path, texts: list[str], *, recall: bool = True, policy: Path | None = None):
    """Each n-gram of the population (see ``STAGE_MIN_PMI``) with the stage where it is lost; the
    population's tokenizer takes ``policy`` as its policy lexicon (default: the committed one)."""
    import pandas as pd

    from textkit.datafiles import read_lines
    from textkit.terms import default_stopwords, suggest_terms
    from textkit.tokenize import POLICY_LEXICON, Segmenter

    default, plain = Segmenter(policy_lexicon=policy or POLICY_LEXICON), Segmenter(lexicon=None)
    table = suggest_terms(
        texts, min_freq=RECALL_MIN_DOCS, min_len=4, max_len=RECALL_MAX_LEN, min_pmi=STAGE_MIN_PMI,
        min_entropy=STAGE_MIN_ENTROPY, min_quoted=len(texts) + 1, stopwords=(), segmenter=plain, top_n=None,
    )  # fmt: skip
    table = table[(table["source"] == "ngram") & (table["docfreq"] >= RECALL_MIN_DOCS)]
    table = table[table["term"].map(lambda term: len(default.segment(term)) > 1)].copy()
    trace = _traced_build(build, corpus, recall=recall)
    built = set(trace["table"]["term"])
    rejects = set(read_lines(REPO / "tools" / "lexicon_rejects.txt")) | set(read_lines(RECALL_REJECTS))
    stopwords = default_stopwords()

    def stage(term: str, segmented: str) -> str:
        steps = [*trace["steps"], "final"]
        if term in trace[steps[0]]:  # a candidate of some class
            if term in rejects:
                return "accepted by a class, rejected on review"
            for step, after in pairwise(steps):
                if term not in trace[after]:
                    return f"dropped by {step.lstrip('_')}"
            return "in the lexicon"
        if term in built:
            return "in the table, cut by every class's threshold or shape"
        words = segmented.split()
        if len(term) > 10:
            return "never a candidate: longer than the build table's 10 characters"
        if words[0] in stopwords or words[-1] in stopwords:
            return "never a candidate: a stopword at an edge (suggest_terms)"
        return "never a candidate: other"

    table["stage"] = [stage(t, s) for t, s in zip(table["term"], table["segmented"], strict=True)]
    return pd.DataFrame(table[["term", "docfreq", "pmi", "stage"]])


def _print_sample(old: Path, texts: list[str], size: int = 100) -> None:
    """Print ``size`` terms of the policy lexicon that ``old`` lacks (``random.Random(SAMPLE_SEED)``),
    each in one of its build-file sentences (``random.Random(0)``), as ``tools/lexicon_sample.py``."""
    import random

    from textkit.tokenize import POLICY_LEXICON, read_lexicon

    before = {entry.term for entry in read_lexicon(old)}
    added = sorted(entry.term for entry in read_lexicon(POLICY_LEXICON) if entry.term not in before)
    pick = random.Random(0)
    for term in random.Random(SAMPLE_SEED).sample(added, min(size, len(added))):
        text = pick.choice([text for text in texts if term in text])
        at = text.find(term)
        context = f"{text[max(0, at - 18) : at]}【{term}】{text[at + len(term) : at + len(term) + 18]}"
        print(term, " ".join(context.split()), sep="\t")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpora" / "rmrb-2023-07-08")
    parser.add_argument("--list", action="store_true", help="print the class, one member a line")
    parser.add_argument("--stages", action="store_true", help="where frequent split n-grams are lost")
    parser.add_argument("--policy", type=Path, help="--stages: population tokenizer's policy lexicon")
    parser.add_argument(
        "--sample", type=Path, help="an older policy lexicon: draw 100 terms added since, each in a sentence"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "tools"))
    import build_lexicon as build

    from textkit.tokenize import Segmenter

    texts = build.read_texts(build.corpus_files(args.corpus, build=True))
    if args.list:
        table = recall_table(texts, Segmenter(lexicon=None))
        for row in table.itertuples():
            if not _is_name(row.term):
                entropy = min(row.left_entropy, row.right_entropy)
                print(row.term, row.docfreq, f"{row.pmi:.1f}", f"{entropy:.1f}", row.segmented, sep="\t")
    if args.sample:
        _print_sample(args.sample, texts)
    if args.stages:
        before = loss_stages(build, args.corpus, texts, recall=False, policy=args.policy)
        after = loss_stages(build, args.corpus, texts, recall=True, policy=args.policy)
        for name, stages in (("without", before), ("with", after)):
            print(f"{name} the recall class: {len(stages)} n-grams")
            print(stages["stage"].value_counts().to_string())
        after.insert(3, "stage_without_recall", before["stage"])
        after.to_csv(sys.stdout, sep="\t", index=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
