"""The arrows run one way: cli -> reports/render -> core, and messages is a leaf. Lazy
imports inside functions count too: a cycle hidden in a function is still a cycle."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import faskel_cli

PACKAGE = Path(faskel_cli.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def import_graph() -> dict[str, set[str]]:
    """Parsed once per test process (every module of the package): the tests only read it."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    found.add(full if full in modules else node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "package"
    if parts[1] in ("render", "render_summary", "reports"):
        return "reports"
    return parts[1]  # cli, core, messages, __main__


ALLOWED = {
    "package": set(),
    "messages": {"messages"},  # its own modules only
    "core": {"core", "package"},
    "reports": {"reports", "core", "messages", "package"},
    "cli": {"cli", "reports", "core", "messages", "package"},
    "__main__": {"cli"},
}


def test_every_import_points_down_the_layers():
    wrong = [
        f"{module} -> {target}"
        for module, targets in import_graph().items()
        for target in targets
        if layer(target) not in ALLOWED[layer(module)]
    ]
    assert not wrong, wrong


def test_no_import_cycles_between_modules():
    graph = import_graph()
    cycles = []

    def visit(node: str, path: list[str], on_path: set[str], done: set[str]) -> None:
        for target in sorted(graph[node]):
            if target in on_path:
                cycles.append(path[path.index(target) :] + [target])
            elif target not in done:
                on_path.add(target)
                visit(target, [*path, target], on_path, done)
                on_path.discard(target)
        done.add(node)

    done: set[str] = set()
    for start in sorted(graph):
        if start not in done:
            visit(start, [start], {start}, done)
    assert not cycles, cycles


def test_the_graph_sees_lazy_imports():
    # cli/app.py imports its command modules inside a function: they must be in the graph.
    assert "faskel_cli.cli.cmd_visit" in import_graph()["faskel_cli.cli.app"]
