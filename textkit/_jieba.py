"""Helper of the tokenize stage: a quiet jieba and a plain jieba tokenizer (default dictionary).

``quiet_jieba`` keeps jieba's start-up lines off stderr; ``plain_tokenizer`` is jieba's default
dictionary without the campaign lexicon, in a private ``jieba.Tokenizer``, never jieba's global
default one. Normalization does not use it (it reads jieba's dictionary as data, see
``textkit.normalize._dictionary_words``), so nothing upstream of tokenization segments here.
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
