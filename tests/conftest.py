"""Shared fixtures: the repository's seeds and, where present, ../shared/corpora."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
# External evaluation data lives beside the repository, never in it.
CORPORA = Path(os.environ.get("TEXTKIT_CORPORA", REPO.parent / "shared" / "corpora"))


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def corpora() -> Path:
    if not CORPORA.is_dir():
        pytest.skip(f"external corpora not found at {CORPORA} (set TEXTKIT_CORPORA)")
    return CORPORA


@pytest.fixture(scope="session")
def seed_documents():
    from textkit.corpus import load_corpus

    documents, _ = load_corpus(SEEDS)
    return documents


_DISPLAY_OPTIONS = (
    "display.max_rows",
    "display.min_rows",
    "display.max_columns",
    "display.max_colwidth",
    "display.precision",
    "display.width",
    "display.html.use_mathjax",
)


@pytest.fixture(autouse=True)
def _restore_display_settings():
    """A test that calls ``setup_notebook`` must not change how later tests and doctests print."""
    import matplotlib as mpl
    import pandas as pd

    saved = {name: pd.get_option(name) for name in _DISPLAY_OPTIONS}
    with mpl.rc_context():
        yield
    for name, value in saved.items():
        pd.set_option(name, value)
