"""The shape of the code, checked with the standard library's ``ast``: imports run one way and
classes stay small (``docs/design/pipeline.md``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SOURCE / "songngu"
#: The longest a class may grow before it is split (lines, docstring included).
MAX_CLASS_LINES = 120


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool) -> list[str]:
    """Return the songngu modules an import statement loads (submodules named in a from-import)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        anchor = module.split(".")
        anchor = anchor if is_package else anchor[:-1]
        anchor = anchor[: len(anchor) - node.level + 1]
        base = ".".join([*anchor, base] if base else anchor)
    submodules = [f"{base}.{alias.name}" for alias in node.names]
    if all(name in MODULES for name in submodules):
        # ``from songngu import segmenter`` loads the submodule; its package is its parent,
        # which Python has already begun importing.
        return submodules
    return [base, *(name for name in submodules if name in MODULES)]


def import_graph() -> dict[str, set[str]]:
    """Map each songngu module to the songngu modules it imports, anywhere in its code.

    Imports inside functions count: a deferred import that dodges a cycle is still a cycle.
    Imports under ``if TYPE_CHECKING:`` do not, as they never run.
    """
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = {
            id(child)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for child in ast.walk(node)
        }
        targets = {
            name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in skipped
            for name in _imported(node, module, path.name == "__init__.py")
        }
        graph[module] = {name for name in targets if name in MODULES and name != module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected components with more than one module (Tarjan, 1972)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for neighbour in sorted(graph[node]):
            if neighbour not in index:
                visit(neighbour)
                low[node] = min(low[node], low[neighbour])
            elif neighbour in on_stack:
                low[node] = min(low[node], index[neighbour])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles_in_songngu():
    assert cycles(import_graph()) == []


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("songngu.glossary", "songngu.backends"),
        ("songngu.glossary", "songngu.translation"),
        ("songngu.backends", "songngu.translation"),
        ("songngu.checks", "songngu.translation"),
        ("songngu.readers", "songngu.exporters"),
    ],
)
def test_packages_depend_one_way(package, forbidden):
    graph = import_graph()
    offenders = sorted(
        f"{module} imports {target}"
        for module, targets in graph.items()
        if module == package or module.startswith(package + ".")
        for target in targets
        if target == forbidden or target.startswith(forbidden + ".")
    )
    assert offenders == []


def test_no_class_is_longer_than_the_limit():
    long_classes = [
        f"{module}.{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for module, path in MODULES.items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_CLASS_LINES
    ]
    assert long_classes == []


def _third_party_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(
    ("library", "home"),
    [
        ("docx", {"songngu.ooxml.writer", "songngu.ooxml.layout", "songngu.ooxml.elements"}),
        ("transformers", {"songngu.backends.hf", "songngu.backends.conversion"}),
        ("ctranslate2", {"songngu.backends.ct2", "songngu.backends.conversion"}),
        ("ray", {"songngu.clusters.ray_workers"}),
    ],
)
def test_a_library_is_imported_only_where_its_format_or_engine_lives(library, home):
    importers = {
        module for module, path in MODULES.items() if library in _third_party_imports(path)
    }
    assert importers <= home
