"""Helpers shared by the caching tests: count the calls of a module's function."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


def count_calls(monkeypatch, module, name: str, record: Callable[[tuple], Any] = lambda args: args):
    """Replace ``module.name`` by a wrapper that still runs it and appends ``record(args)`` to a list.

    The wrapper keeps the function's name and signature (``functools.wraps``): the cache keys read
    them. Returns ``(wrapper, calls)``.
    """
    original = getattr(module, name)
    calls: list = []

    @functools.wraps(original)
    def counted(*args, **kwargs):
        calls.append(record(args))
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return counted, calls
