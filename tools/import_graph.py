"""The package's import graph in three numbers: floors, arrows and cycles.

Run ``python tools/import_graph.py`` (or ``--src DIR`` for another checkout's
``src``). The graph is grimp's (the library import-linter checks contracts
with): one node per module of ``mocr_factsheet``, one arrow per distinct
importer → imported pair of internal modules, wherever the import stands (at
the top, inside a function, or under ``if TYPE_CHECKING:``). Imports of the
package itself (``from mocr_factsheet import __version__``) count as arrows to
``mocr_factsheet``.

- **arrows**: the distinct internal module → module imports;
- **cycles**: groups of modules that import each other, directly or not
  (strongly connected components of more than one module), with their size;
- **floors**: the longest chain of imports, in modules, once each cycle is
  drawn as one node (a module that imports nothing internal is floor 1).

docs/design.md gives the figures before and after the restructure of issue 15.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import grimp

PACKAGE = "mocr_factsheet"


def _components(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    found.append(sorted(component))
    return found


def measure(src: Path | None = None, type_checking: bool = True) -> dict[str, object]:
    """The figures of the package under ``src`` (the installed one where None);
    ``type_checking``: count the imports under ``if TYPE_CHECKING:`` too."""
    if src is not None:
        sys.path.insert(0, str(src))
    built = grimp.build_graph(
        PACKAGE, cache_dir=None, exclude_type_checking_imports=not type_checking
    )
    modules = sorted(built.modules)
    graph = {m: set(built.find_modules_directly_imported_by(m)) & set(modules) for m in modules}
    arrows = sum(len(targets) for targets in graph.values())
    components = _components(graph)
    cycles = [c for c in components if len(c) > 1]
    node_of = {m: i for i, c in enumerate(components) for m in c}
    floors: dict[int, int] = {}

    def floor(i: int) -> int:
        if i not in floors:
            below = {node_of[t] for m in components[i] for t in graph[m]} - {i}
            floors[i] = 1 + max((floor(j) for j in below), default=0)
        return floors[i]

    sys.setrecursionlimit(10_000)
    return {
        "modules": len(modules),
        "arrows": arrows,
        "floors": max((floor(i) for i in range(len(components))), default=0),
        "cycles": cycles,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, help="the src folder of another checkout")
    parser.add_argument(
        "--runtime-only",
        action="store_true",
        help="leave out the imports under `if TYPE_CHECKING:`",
    )
    args = parser.parse_args()
    figures = measure(args.src, type_checking=not args.runtime_only)
    print(f"modules: {figures['modules']}")
    print(f"arrows:  {figures['arrows']}")
    print(f"floors:  {figures['floors']}")
    cycles = figures["cycles"]
    assert isinstance(cycles, list)
    print(f"cycles:  {len(cycles)}")
    for cycle in cycles:
        print(f"  {len(cycle)} modules: {', '.join(cycle)}")


if __name__ == "__main__":
    main()
