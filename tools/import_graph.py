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

With ``--grouped``, each folder (``data``, ``render``, ``mechanisms.mocr``…)
is one node and a module at the package's top stands for itself; arrows
inside a folder are not counted.

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


def _group(module: str) -> str:
    """A module's folder: ``mocr_factsheet.mechanisms.mocr.kinds`` →
    ``mechanisms.mocr``; a module at the package's top stands for itself."""
    parts = module.split(".")[1:] or ["(package)"]
    if parts[0] == "mechanisms" and len(parts) > 2:
        return ".".join(parts[:2])
    return parts[0]


def measure(
    src: Path | None = None, type_checking: bool = True, grouped: bool = False
) -> dict[str, object]:
    """The figures of the package under ``src`` (the installed one where None);
    ``type_checking``: count the imports under ``if TYPE_CHECKING:`` too;
    ``grouped``: one node per folder (``data``, ``mechanisms.mocr``…) instead of
    one per module."""
    if src is not None:
        sys.path.insert(0, str(src))
    built = grimp.build_graph(
        PACKAGE, cache_dir=None, exclude_type_checking_imports=not type_checking
    )
    modules = sorted(built.modules)
    graph = {m: set(built.find_modules_directly_imported_by(m)) & set(modules) for m in modules}
    if grouped:
        folders: dict[str, set[str]] = {}
        for m, targets in graph.items():
            folders.setdefault(_group(m), set()).update(_group(t) for t in targets)
        graph = {f: targets - {f} for f, targets in folders.items()}
        modules = sorted(graph)
    arrows = sum(len(targets) for targets in graph.values())
    components = _components(graph)
    cycles = [c for c in components if len(c) > 1]
    node_of = {m: i for i, c in enumerate(components) for m in c}
    floors: dict[int, tuple[int, list[str]]] = {}

    def floor(i: int) -> tuple[int, list[str]]:
        """The longest chain down from component ``i``: its length and its modules."""
        if i not in floors:
            below = sorted({node_of[t] for m in components[i] for t in graph[m]} - {i})
            longest = max((floor(j) for j in below), default=(0, []))
            floors[i] = (1 + longest[0], [components[i][0], *longest[1]])
        return floors[i]

    sys.setrecursionlimit(10_000)
    top = max((floor(i) for i in range(len(components))), default=(0, []))
    return {
        "modules": len(modules),
        "arrows": arrows,
        "floors": top[0],
        "chain": top[1],
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
    parser.add_argument(
        "--grouped", action="store_true", help="one node per folder instead of per module"
    )
    args = parser.parse_args()
    figures = measure(args.src, type_checking=not args.runtime_only, grouped=args.grouped)
    print(f"{'folders' if args.grouped else 'modules'}: {figures['modules']}")
    print(f"arrows:  {figures['arrows']}")
    print(f"floors:  {figures['floors']}")
    chain = figures["chain"]
    assert isinstance(chain, list)
    print(f"  the longest chain: {' -> '.join(c.removeprefix(PACKAGE + '.') for c in chain)}")
    cycles = figures["cycles"]
    assert isinstance(cycles, list)
    print(f"cycles:  {len(cycles)}")
    for cycle in cycles:
        print(f"  {len(cycle)} modules: {', '.join(cycle)}")


if __name__ == "__main__":
    main()
