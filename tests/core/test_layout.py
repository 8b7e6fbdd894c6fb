"""The package's shape: no import circle among its modules, rules never reach into fixing."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = "scfm_lint"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, name: str, is_package: bool, modules: set[str]) -> set[str]:
    """Every module of the package that ``tree`` imports, at any depth (functions too), except
    under ``if TYPE_CHECKING:``, which never runs."""
    found: set[str] = set()
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = name.split(".") if is_package else name.split(".")[:-1]
                here = here[: len(here) - node.level + 1]
                base = ".".join([*here, base] if base else here)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        stack.extend(ast.iter_child_nodes(node))
    return {m for m in found if m in modules}


def import_graph() -> dict[str, set[str]]:
    paths = {_module_name(p): p for p in (SRC / PACKAGE).rglob("*.py")}
    modules = set(paths)
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[name] = _imports(tree, name, path.name == "__init__.py", modules) - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


#: The tuned parser's fork helper, which the document rewrite removes (issue 10.3); tolerated
#: only while the file exists.
PENDING = [[f"{PACKAGE}.document.parallel", f"{PACKAGE}.document.parse"]]


def test_no_import_circle_in_the_package() -> None:
    found = cycles(import_graph())
    pending = [c for c in found if c in PENDING]
    assert all((SRC / PACKAGE / "document" / "parallel.py").is_file() for _ in pending)
    assert [c for c in found if c not in PENDING] == []


def test_the_cycle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_rules_never_import_the_fixing_machinery() -> None:
    graph = import_graph()
    rules = {m for m in graph if m.startswith(f"{PACKAGE}.checks.")}
    reaching = {m: sorted(d for d in graph[m] if d.startswith(f"{PACKAGE}.fixing")) for m in rules}
    assert {m: d for m, d in reaching.items() if d} == {}


def test_check_path_never_imports_the_link_cache() -> None:
    graph = import_graph()
    seen: set[str] = set()
    todo = [f"{PACKAGE}.cli.check", f"{PACKAGE}.fixing.apply", f"{PACKAGE}.engine.run"]
    while todo:
        m = todo.pop()
        if m not in seen:
            seen.add(m)
            todo.extend(graph[m])
    assert f"{PACKAGE}.links.cache" not in seen
