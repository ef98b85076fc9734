"""The module names a source file imports, kept by the file's text (infrastructure of
``textkit.cache.code_version``).

Every process that keys a cached result (each notebook kernel, each report page) hashes the
textkit modules a stage imports, found by parsing their source: about 60 modules, 0.3-0.4 s of
CPU per process. The names are a function of the module's name and its source text only, so
they are kept in the user's cache folder (``textkit._stored``) under the SHA-256 of that text,
of the module name and of this file's own source: an edited module, or an edited parser, is
parsed again; nothing is ever read for a text it was not computed from.

>>> sorted(imported_names("textkit.x", False, "from textkit import cache\\nimport os"))
['os', 'textkit', 'textkit.cache']
"""

from __future__ import annotations

import hashlib
from functools import cache, lru_cache
from pathlib import Path

from textkit._stored import cache_folder, python_tag, read_checked, write_checked

__all__ = ["imported_names", "parse_imports"]


@lru_cache(maxsize=1024)
def imported_names(module: str, is_package: bool, source: str) -> frozenset[str]:
    """``parse_imports``, read from the user's cache folder when this very text was parsed before."""
    try:
        folder = cache_folder() / f"imports-{python_tag()}"
    except RuntimeError:  # no home folder: parse
        return parse_imports(module, is_package, source)
    digest = hashlib.sha256(f"{_parser_version()}\0{module}\0{int(is_package)}\0".encode())
    digest.update(source.encode("utf-8", "surrogatepass"))
    path = folder / f"{digest.hexdigest()}.marshal"
    stored = read_checked(path)
    if isinstance(stored, list) and all(isinstance(name, str) for name in stored):
        return frozenset(stored)
    names = parse_imports(module, is_package, source)
    write_checked(path, sorted(names))
    return names


@cache
def _parser_version() -> str:
    """The SHA-256 of this module's source: a change to the parser is a change to every key."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def parse_imports(module: str, is_package: bool, source: str) -> frozenset[str]:
    """Every module name the imports of ``source`` name (lazy imports inside functions too;
    relative imports resolved against ``module``).

    >>> sorted(parse_imports("textkit.a.b", False, "from . import c\\nfrom ..d import e"))
    ['textkit.a', 'textkit.a.c', 'textkit.d', 'textkit.d.e']
    """
    import ast

    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return frozenset(found)
