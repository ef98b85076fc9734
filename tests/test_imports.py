"""textkit._imports: the import names code_version follows, kept by source text in the user's cache."""

from __future__ import annotations

from pathlib import Path

import textkit
from textkit._imports import imported_names, parse_imports

PACKAGE = Path(textkit.__file__).resolve().parent


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        is_package = path.name == "__init__.py"
        yield ".".join(parts[:-1] if is_package else parts), is_package, path.read_text(encoding="utf-8")


def test_stored_names_equal_a_fresh_parse_of_every_textkit_module(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    imported_names.cache_clear()
    modules = list(_modules())
    first = [imported_names(*module) for module in modules]
    imported_names.cache_clear()
    again = [imported_names(*module) for module in modules]  # read back from the files
    assert first == again == [parse_imports(*module) for module in modules]
    assert len(list((tmp_path / "textkit").glob("imports-*/*.marshal"))) == len(set(modules))


def test_another_text_or_module_is_parsed_and_a_damaged_file_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    imported_names.cache_clear()
    assert imported_names("textkit.a", False, "import textkit.b") == {"textkit.b"}
    assert imported_names("textkit.a", False, "import textkit.c") == {"textkit.c"}
    assert imported_names("textkit.a.x", False, "from . import y") == {"textkit.a", "textkit.a.y"}
    assert imported_names("textkit.a.x", True, "from . import y") == {"textkit.a.x", "textkit.a.x.y"}
    for path in (tmp_path / "textkit").glob("imports-*/*.marshal"):
        path.write_bytes(path.read_bytes()[:-1])
    imported_names.cache_clear()
    assert imported_names("textkit.a", False, "import textkit.b") == {"textkit.b"}


def test_without_a_writable_cache_folder_names_are_parsed(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    imported_names.cache_clear()
    assert imported_names("textkit.a", False, "import textkit.b") == {"textkit.b"}
