"""The shape of the package (issue 16): one-way imports, drawing in its place, small modules,
notebooks whose cells hold no control flow. Everything is read with ``ast``, nothing imported."""

from __future__ import annotations

import ast
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "textkit"
MAX_LINES = 700


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    """textkit modules that ``path`` imports (at any depth: lazy imports count too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            # "from textkit import normalize" imports the module textkit.normalize
            found.update(f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in known)
    # a package's own name is not an import of itself
    return {module for module in found if module in known and module != name and module != "textkit"}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path, name, set(modules)) for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules, or None (depth-first search)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_import_graph_sees_the_imports_it_must_see():
    graph = _graph()
    assert "textkit.normalize" in graph["textkit.pipeline"]
    assert "textkit.parallel" in graph["textkit.tokenize"]


def test_no_import_cycle_in_textkit():
    assert _cycle(_graph()) is None


def test_infrastructure_knows_no_stage():
    stages = {"textkit.corpus", "textkit.normalize", "textkit.articles", "textkit.tokenize"}
    assert not _graph()["textkit.parallel"] & stages


def test_normalize_does_not_use_segmentation():
    graph = _graph()
    assert not graph["textkit.normalize"] & {"textkit._jieba", "textkit.tokenize", "textkit.articles"}
    source = "".join(p.read_text(encoding="utf-8") for p in sorted((PACKAGE / "normalize").glob("*.py")))
    assert "split_articles" not in source


def _imports_matplotlib(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "matplotlib" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "matplotlib":
            return True
    return False


def test_only_plotting_and_the_notebook_helper_import_matplotlib():
    allowed = {PACKAGE / "notebook.py"}
    drawing = [
        path.relative_to(ROOT).as_posix()
        for path in sorted(PACKAGE.rglob("*.py"))
        if _imports_matplotlib(path)
        and path not in allowed
        and "plotting" not in path.relative_to(PACKAGE).parts
    ]
    assert drawing == []


def test_the_matplotlib_check_sees_an_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    import matplotlib.pyplot as plt\n", encoding="utf-8")
    assert _imports_matplotlib(module)


def test_no_module_over_700_lines():
    long = {
        path.relative_to(ROOT).as_posix(): n
        for path in sorted(PACKAGE.rglob("*.py"))
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


CONTROL_FLOW = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.FunctionDef, ast.AsyncFunctionDef)


def _control_flow(source: str) -> list[str]:
    """Control-flow statements in a code cell (IPython magics are left out before parsing)."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    tree = ast.parse("\n".join(lines))
    return [type(node).__name__ for node in ast.walk(tree) if isinstance(node, CONTROL_FLOW)]


def _notebook_control_flow(path: Path) -> list[tuple[int, list[str]]]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [
        (index, found)
        for index, cell in enumerate(cells)
        if cell["cell_type"] == "code" and (found := _control_flow("".join(cell["source"])))
    ]


def test_the_control_flow_check_sees_a_loop():
    assert _control_flow("for x in y:\n    print(x)\n") == ["For"]
    assert _control_flow("x = [a for a in b if a]\n%matplotlib inline\n") == []


def test_notebook_01_cells_hold_no_control_flow():
    assert _notebook_control_flow(ROOT / "notebooks" / "01_corpus.ipynb") == []


def test_no_notebook_cell_holds_control_flow():
    found = {
        path.name: cells
        for path in sorted((ROOT / "notebooks").glob("*.ipynb"))
        if (cells := _notebook_control_flow(path))
    }
    assert found == {}
