"""Fit the weights of ``textkit.headlines.kicker_score`` (``textkit/data/headline_weights.tsv``).

Training heads: untagged heads of exactly two plain lines (``heads_sample.untagged``) that open a
build file of rmrb-2023-07-08 whose head slots give the reading (``heads_sample.layout_roles``:
KT = kicker + title, TS = title + subtitle); files of the test half of
``tests/data/rmrb_heads.json`` are left out whole. Model: scikit-learn ``LogisticRegression``
(C=1, lbfgs) on ``kicker_features``; prints 5-fold cross-validated accuracy beside the majority
reading's, then writes the weights.

Usage::

    python tools/fit_headline_model.py --corpus ../shared/corpora/rmrb-2023-07-08 \\
        --out textkit/data/headline_weights.tsv
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

from heads_sample import ANNOTATION, head_blocks, layout_roles, untagged  # noqa: E402

from textkit.headlines import KICKER_FEATURES, kicker_features  # noqa: E402

HEADER = """# Weights of textkit.headlines.kicker_score: the log-odds that the first of two plain head lines
# is the kicker (引题) of the second rather than the headline over its subtitle (副题).
#
# Source: fit by tools/fit_headline_model.py (scikit-learn LogisticRegression, C=1) on {n} heads of
#   rmrb-2023-07-08 build files (People's Daily, July-August 2023; {kt} kicker + title, {ts} title +
#   subtitle) whose reading the file's head slots give; the files of the test half of
#   tests/data/rmrb_heads.json are left out. 5-fold cross-validated accuracy {cv:.3f} (majority
#   reading {base:.3f}). Numbers computed by textkit: no licence applies.
# Rebuild: python tools/fit_headline_model.py --corpus ../shared/corpora/rmrb-2023-07-08 \\
#   --out textkit/data/headline_weights.tsv
# columns: feature <TAB> weight (bias: the intercept)
"""


def training_heads(folder: Path) -> tuple[np.ndarray, np.ndarray]:
    items = json.loads(ANNOTATION.read_text("utf-8"))["items"]
    test_files = {item["file"] for item in items if item["half"] == "test"}
    X, y = [], []
    for row in head_blocks(folder):
        if row["file"] in test_files or not untagged(row):
            continue
        roles = layout_roles(row)
        headings = [line for kind, line in zip(row["kinds"], row["lines"], strict=True) if kind == "heading"]
        if roles not in ("KT", "TS") or len(headings) != 2:
            continue
        features = kicker_features(headings[0], headings[1], row["lead"])
        X.append([features[name] for name in KICKER_FEATURES])
        y.append(roles == "KT")
    return np.array(X), np.array(y)


def main() -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    X, y = training_heads(args.corpus)
    model = LogisticRegression(C=1.0, max_iter=1000)
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    cv = float(cross_val_score(model, X, y, cv=folds).mean())
    base = float(max(y.mean(), 1 - y.mean()))
    counts = f"{len(y)} heads ({int(y.sum())} KT, {int((~y).sum())} TS)"
    print(f"{counts}: 5-fold accuracy {cv:.3f}, majority {base:.3f}")
    model.fit(X, y)
    lines = [
        HEADER.format(n=len(y), kt=int(y.sum()), ts=int((~y).sum()), cv=cv, base=base),
        "feature\tweight\n",
    ]
    lines.append(f"bias\t{model.intercept_[0]:.4f}\n")
    lines.extend(
        f"{name}\t{weight:.4f}\n" for name, weight in zip(KICKER_FEATURES, model.coef_[0], strict=True)
    )
    args.out.write_text("".join(lines), encoding="utf-8")
    print("".join(lines[2:]))


if __name__ == "__main__":
    main()
