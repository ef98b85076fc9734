"""Import a module of ``tools/`` (the lexicon build's helpers) in a test."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from types import ModuleType

TOOLS = Path(__file__).resolve().parent.parent / "tools"


def tool_module(name: str) -> ModuleType:
    """``tools/<name>.py``, imported after ``tools/build_lexicon.py`` has put ``tools/`` on the path."""
    spec = importlib.util.spec_from_file_location("build_lexicon", TOOLS / "build_lexicon.py")
    spec.loader.exec_module(importlib.util.module_from_spec(spec))  # puts tools/ on the path
    return importlib.import_module(name)
