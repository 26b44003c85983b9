"""Who really said it: resolve every source through `derived_from` to its roots and originator.

Twenty outlets repeating one ministry post are one line of evidence; this module is where
that is decided, with networkx holding the source graph.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import networkx as nx

from .evidence import Evidence


def source_graph(evidence: Evidence) -> nx.DiGraph:
    """Edges point from a source to the sources it repeats."""
    graph = nx.DiGraph()
    for source in evidence.sources.values():
        graph.add_node(source.id)
        for parent in source.derived_from:
            graph.add_edge(source.id, parent)
    return graph


def root_map(evidence: Evidence) -> dict[str, tuple[str, ...]]:
    """For every source, the original documents it repeats (itself when it repeats nothing)."""
    graph = source_graph(evidence)
    found: dict[str, tuple[str, ...]] = {}
    for source_id in reversed(list(nx.topological_sort(graph))):
        parents = list(graph.successors(source_id))
        if not parents:
            found[source_id] = (source_id,)
        else:
            found[source_id] = tuple(sorted({r for p in parents for r in found[p]}))
    return found


def echo_family(
    evidence: Evidence,
    source_id: str,
    as_of: dt.date | None = None,
    roots: dict[str, tuple[str, ...]] | None = None,
) -> list[str]:
    """Every source that shares a root with `source_id` (the root included), knowable on as_of."""
    roots = roots or root_map(evidence)
    mine = set(roots[source_id])
    family = []
    for other in evidence.sources.values():
        if not mine.intersection(roots[other.id]):
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
