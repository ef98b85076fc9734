"""A plain jieba tokenizer for the stages that need word boundaries before tokenization.

Normalization (is a line break inside a word?) and extraction (part-of-speech of a noun
phrase) need jieba's default dictionary but not the campaign lexicon, and must never touch
jieba's global default tokenizer or its logger settings. This module gives them one shared,
lazily built instance per process.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from functools import cache

import jieba

__all__ = ["plain_tokenizer", "quiet_jieba"]


@contextmanager
def quiet_jieba():
    """Keep jieba's "Building prefix dict…" debug lines off stderr while it initializes.

    The level is raised only for the duration and restored afterwards, so a caller who
    silenced jieba stays silenced and one who wants the lines keeps them.
    """
    logger = logging.getLogger("jieba")
    previous = logger.level
    logger.setLevel(max(previous, logging.WARNING))
    try:
        yield
    finally:
        logger.setLevel(previous)


@cache
def plain_tokenizer() -> jieba.Tokenizer:
    """jieba's default dictionary in a private ``jieba.Tokenizer``, initialized quietly."""
    tokenizer = jieba.Tokenizer()
    with quiet_jieba():
        tokenizer.initialize()
    return tokenizer
