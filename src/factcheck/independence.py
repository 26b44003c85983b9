"""Who really said it: resolve every source through `derived_from` to its roots and originator.

Twenty outlets repeating one ministry post are one line of evidence; this module is where
that is decided, with networkx holding the source graph.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from .evidence import Evidence

# networkx is imported where a graph is built: a report's kernel, handed the roots, never does.
if TYPE_CHECKING:
    import networkx as nx


def source_graph(evidence: Evidence) -> nx.DiGraph:
    """Edges point from a source to the sources it repeats."""
    import networkx as nx

    graph = nx.DiGraph()
    for source in evidence.sources.values():
        graph.add_node(source.id)
        for parent in source.derived_from:
            graph.add_edge(source.id, parent)
    return graph


def root_map(evidence: Evidence) -> dict[str, tuple[str, ...]]:
    """For every source, the original documents it repeats (itself when it repeats nothing);
    worked out once per base and kept with it (`Evidence.derived`, handed to the kernel)."""
    found = evidence.derived.get("roots")
    if found is None:
        found = evidence.derived["roots"] = _root_map(evidence)
    return found


def _root_map(evidence: Evidence) -> dict[str, tuple[str, ...]]:
    # Validation refuses cycles; should one slip through, a cycle's members are one root
    # together (the condensation is acyclic), so the engine never fails on it.
    import networkx as nx

    graph = nx.condensation(source_graph(evidence))
    members = nx.get_node_attributes(graph, "members")
    found: dict[int, tuple[str, ...]] = {}
    for node in reversed(list(nx.topological_sort(graph))):
        parents = list(graph.successors(node))
        if not parents:
            found[node] = tuple(sorted(members[node]))
        else:
            found[node] = tuple(sorted({r for p in parents for r in found[p]}))
    return {s: found[node] for node in graph for s in members[node]}


def echo_family(
    evidence: Evidence,
    source_id: str,
    as_of: dt.date | None = None,
    roots: dict[str, tuple[str, ...]] | None = None,
) -> list[str]:
    """Every source that shares a root with `source_id` (the root included), knowable on as_of."""
    roots = roots or root_map(evidence)
    mine = set(roots.get(source_id, (source_id,)))
    family = []
    for other in evidence.sources.values():
        if not mine.intersection(roots.get(other.id, (other.id,))):
            continue
        if as_of is not None and other.published is not None and other.published > as_of:
            continue
        family.append(other.id)
    return sorted(family)


def outlets_by_originator(evidence: Evidence, as_of: dt.date | None = None) -> dict[str, list[str]]:
    """Sources grouped by the originator whose information they carry."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for source in evidence.sources.values():
        if as_of is not None and source.published is not None and source.published > as_of:
            continue
        grouped[source.originator].append(source.id)
    return {k: sorted(v) for k, v in sorted(grouped.items())}
