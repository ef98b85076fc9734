"""The count of firm themes that chooses k (``select._row``, ``choose_k``): neither crumbs nor the bulk."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from textkit.cluster import LARGEST_THEME, choose_k, firm_needed
from textkit.cluster.select import TABLE_COLUMNS, _row


def measured(sizes, jaccards) -> dict:
    """What ``_measure`` returns for one k, with each cluster's best Jaccard in every draw.

    ``jaccards``: one value per cluster (the same in every draw) or a draws × k list.
    """
    sizes = np.asarray(sizes)
    draws = np.asarray(jaccards, dtype=float)
    if draws.ndim == 1:
        draws = np.tile(draws, (6, 1))
    scores = dict.fromkeys(["silhouette", "seed_ari", "subsample_ari", "coherence", "diversity"], 0.0)
    return {**scores, "k": len(sizes), "n": int(sizes.sum()), "draws": draws, "sizes": sizes}


@pytest.mark.parametrize(
    ("sizes", "jaccards", "firm", "share"),
    [
        # two halves, both found again: both are themes (exactly half is not the bulk)
        ([50, 50], [1.0, 1.0], 2, 1.0),
        # one unit more than half: the larger is the bulk, the smaller still a theme
        ([51, 49], [1.0, 1.0], 1, 0.49),
        # the seeds' k = 2 before the fix: 108 of 142 units (76 %) found again, the rest not
        ([108, 34], [0.77, 0.55], 0, 0.0),
        # a bulk, a crumb (5 < 100 / 8) and two themes of which one is found again
        ([60, 20, 15, 5], [1.0, 0.5, 0.9, 1.0], 1, 0.15),
        # at large k a cluster with 45 % (18 times an average one) is below half: it counts
        ([45] + [5] * 11, [0.9] + [0.8] * 11, 12, 1.0),
        # nothing found again: nothing counts, whatever the sizes
        ([30, 30, 40], [0.7, 0.74, 0.6], 0, 0.0),
    ],
)
def test_a_firm_theme_is_found_again_and_neither_a_crumb_nor_the_bulk(sizes, jaccards, firm, share):
    row = _row(measured(sizes, jaccards), 0.75)
    assert set(row) == set(TABLE_COLUMNS)
    assert row["n_stable"] == firm
    assert row["stable_share"] == pytest.approx(share, abs=1e-9)
    # the old rule (no upper bound) counts every stable cluster that is not a crumb
    old = _row(measured(sizes, jaccards), 0.75, largest=1.0)
    bulk = max(sizes) > LARGEST_THEME * sum(sizes) and jaccards[int(np.argmax(sizes))] >= 0.75
    assert old["n_stable"] == firm + bulk


def test_the_bulk_adds_nothing_to_the_error_of_the_count():
    # the bulk's Jaccard wavers around 0.75 from draw to draw: counted, it would be firm or not
    # with probability about one half (standard error about 0.5); not counted, the count of the
    # two themes, identical in every draw, has no error
    draws = [[0.70, 1.0, 1.0], [0.80, 1.0, 1.0], [0.72, 1.0, 1.0], [0.78, 1.0, 1.0]]
    sizes = [120, 40, 40]
    assert _row(measured(sizes, draws), 0.75)["n_stable_se"] == 0
    assert _row(measured(sizes, draws), 0.75, largest=1.0)["n_stable_se"] > 0.4


def seeds_like(largest: float) -> pd.DataFrame:
    """A search table like notebook 03's on the 142 seed paragraphs: weak structure, one stable
    cluster at k = 2 that holds 76 % of the units, one small firm theme at k = 6 to 8."""
    steps = {
        2: ([108, 34], [0.77, 0.55]),
        3: ([80, 49, 13], [0.6, 0.5, 0.5]),
        4: ([60, 40, 29, 13], [0.5, 0.4, 0.45, 0.5]),
        5: ([50, 35, 25, 19, 13], [0.4, 0.4, 0.3, 0.5, 0.4]),
        6: ([45, 30, 25, 17, 13, 12], [0.5, 0.4, 0.3, 0.4, 0.9, 0.4]),
        7: ([40, 30, 20, 17, 12, 12, 11], [0.4, 0.3, 0.3, 0.4, 0.9, 0.3, 0.2]),
        8: ([40, 25, 20, 15, 12, 11, 11, 8], [0.4, 0.3, 0.3, 0.4, 0.9, 0.3, 0.2, 0.9]),
    }
    rows = [_row(measured(sizes, jaccards), 0.75, largest) for sizes, jaccards in steps.values()]
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    table.attrs["stable_at"] = 0.75
    return table


def test_a_cluster_holding_most_units_no_longer_chooses_k():
    before, after = seeds_like(1.0), seeds_like(LARGEST_THEME)
    assert before.n_stable.tolist() == [1, 0, 0, 0, 1, 1, 1]
    assert choose_k(before) == 2
    # without the bulk, k = 2 has no firm theme: the choice is the first k with one
    assert after.n_stable.tolist() == [0, 0, 0, 0, 1, 1, 1]
    assert firm_needed(after) == 1 and choose_k(after) == 6
    assert after.loc[after.k == 6, "stable_share"].item() == pytest.approx(13 / 142)
