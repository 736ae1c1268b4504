"""No import cycle anywhere under ``src/mangfold``, and no private name imported across packages.

The import graph is read from the source with :mod:`ast`, never by importing: every ``import`` and
``from … import`` in a file counts, at module level, inside functions and under ``if TYPE_CHECKING:``
alike (a cycle hidden in a function is still a cycle of responsibilities). ``import a.b.c`` is an edge to
``a.b.c``; ``from a.b import n`` is an edge to ``a.b.n`` when that is a module and to ``a.b`` (its
``__init__``) otherwise; relative imports are resolved against the importing module's package.

A private module or name (``_kernels``, ``_draw``) belongs to the package that holds it: only modules of
that package (and its subpackages) import it; everyone else uses a public name.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
ROOT_PACKAGE = "mangfold"


def module_names(src: Path = SRC, root: str = ROOT_PACKAGE) -> dict[str, Path]:
    """Every module under ``src/root`` by its dotted name (a package by its own name, not ``__init__``)."""
    modules: dict[str, Path] = {}
    for path in sorted((src / root).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _package_of(module: str, path: Path) -> str:
    """The package a relative import in ``module`` is resolved against."""
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def _resolve(target: str, known: Mapping[str, Path]) -> str | None:
    """The longest prefix of ``target`` that is one of our modules (``None`` outside the project)."""
    parts = target.split(".")
    while parts:
        name = ".".join(parts)
        if name in known:
            return name
        parts.pop()
    return None


def imported_names(module: str, path: Path) -> list[tuple[str, str]]:
    """Every import in the file as (the module imported from, the dotted name imported): ``import a.b``
    gives ``("a.b", "a.b")``, ``from .b import c`` in package ``a`` gives ``("a.b", "a.b.c")``."""
    found: list[tuple[str, str]] = []
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(module, path).split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            found += [(source, f"{source}.{alias.name}") for alias in node.names if alias.name != "*"]
    return found


def imports_of(module: str, path: Path, known: Mapping[str, Path]) -> set[str]:
    """The project modules that ``module`` imports anywhere in its file (see the module docstring)."""
    found: set[str] = set()
    for source, name in imported_names(module, path):
        target = name if name in known else _resolve(source, known)
        if target is not None:
            found.add(target)
    found.discard(module)
    return found


def private_imports(src: Path = SRC, root: str = ROOT_PACKAGE) -> list[str]:
    """Each import of a private module or name by a module outside the package that holds it."""
    known = module_names(src, root)
    packages = {name for name, path in known.items() if path.name == "__init__.py"}
    found = []
    for module, path in known.items():
        importer = _package_of(module, path)
        for _source, name in imported_names(module, path):
            parts = name.split(".")
            if parts[0] != root:
                continue
            private = [
                i for i, part in enumerate(parts) if part.startswith("_") and not part.startswith("__")
            ]
            if not private:
                continue
            owner = ".".join(parts[: private[0]])
            if owner not in packages:  # a private name of a module: its package holds it
                owner = owner.rpartition(".")[0]
            if importer != owner and not importer.startswith(f"{owner}."):
                found.append(f"{module} imports {name}")
    return sorted(found)


def import_graph(src: Path = SRC, root: str = ROOT_PACKAGE) -> dict[str, set[str]]:
    """Each project module with the project modules it imports."""
    known = module_names(src, root)
    return {module: imports_of(module, path, known) for module, path in known.items()}


def strongly_connected(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, list[str]]] = [(start, sorted(graph[start]))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, pending = work[-1]
            if pending:
                child = pending.pop(0)
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, sorted(graph.get(child, ()))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return sorted(components)


def a_cycle(component: list[str], graph: Mapping[str, Iterable[str]]) -> list[str]:
    """One cycle through the first module of ``component`` (breadth first, so a shortest one)."""
    members = set(component)
    start = component[0]
    paths: dict[str, list[str]] = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node]):
            if child == start:
                return [*paths[node], start]
            if child in members and child not in paths:
                paths[child] = [*paths[node], child]
                queue.append(child)
    raise AssertionError(f"no cycle through {start}")  # pragma: no cover: a component always has one


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """One named cycle per strongly connected component of the graph."""
    return [a_cycle(component, graph) for component in strongly_connected(graph)]


def test_the_checker_finds_a_cycle_hidden_in_a_function_and_under_type_checking(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("from pkg.sub import thing\n")
    (package / "sub" / "__init__.py").write_text("thing = 1\n")
    (package / "a.py").write_text("def f():\n    from . import b\n")
    (package / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .sub import c\n"
    )
    (package / "sub" / "c.py").write_text("import pkg.a\nimport os\n")
    (package / "d.py").write_text("from pkg import a\n")
    graph = import_graph(tmp_path, "pkg")
    assert graph["pkg"] == {"pkg.sub"}
    assert graph["pkg.d"] == {"pkg.a"}
    assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.sub.c", "pkg.a"]]


def test_the_checker_counts_a_re_exported_name_as_an_import_of_the_package(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("from pkg.a import helper\n")
    (package / "a.py").write_text("from pkg.b import other\n")
    (package / "b.py").write_text("from pkg import helper\n")
    assert cycles(import_graph(tmp_path, "pkg")) == [["pkg", "pkg.a", "pkg.b", "pkg"]]


def test_no_module_of_mangfold_takes_part_in_an_import_cycle() -> None:
    graph = import_graph()
    assert len(graph) > 100  # the walk found the project
    found = [" → ".join(cycle) for cycle in cycles(graph)]
    assert not found, "import cycles:\n" + "\n".join(found)


def test_the_checker_allows_a_private_name_inside_its_package_only(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "inner").mkdir(parents=True)
    (package / "other").mkdir()
    for folder in (package, package / "inner", package / "other"):
        (folder / "__init__.py").write_text("")
    (package / "inner" / "_kernels.py").write_text("def weights(): ...\n")
    (package / "inner" / "spatial.py").write_text("from ._kernels import weights\ndef _draw(): ...\n")
    (package / "inner" / "batch.py").write_text("from pkg.inner.spatial import _draw\n")
    (package / "other" / "cli.py").write_text(
        "def f():\n    from pkg.inner._kernels import weights\n    from pkg.inner import spatial as _s\n"
    )
    (package / "other" / "run.py").write_text("from pkg.inner.spatial import _draw\n")
    assert private_imports(tmp_path, "pkg") == [
        "pkg.other.cli imports pkg.inner._kernels.weights",
        "pkg.other.run imports pkg.inner.spatial._draw",
    ]


def test_no_module_imports_a_private_name_of_another_package() -> None:
    found = private_imports()
    assert not found, "private imports across packages:\n" + "\n".join(found)
