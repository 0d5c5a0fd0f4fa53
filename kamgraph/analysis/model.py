"""The graph the analyses read: domain nodes and relationships in a networkx graph.

Every analysis takes a :class:`networkx.MultiDiGraph` built by :func:`build_graph`
from what the store returned: each node carries its ``kind``
(:class:`~kamgraph.domain.model.NodeKind`) and ``props``; each relationship is an
edge ``from → to`` keyed by its :class:`~kamgraph.domain.model.RelationshipKind` with
its ``props``. Undirected kinds (KNOWS, COMPETES_WITH, PARTNERS_WITH) are held
once, in their normalised direction; :func:`both_rels` reads them from either end.

A graph is a *neighbourhood*: the fetch layer (:mod:`kamgraph.insights.neighbourhood`)
puts in it what a definition needs, and the analyses never mutate it.

>>> from kamgraph.domain.model import Node, NodeKind, Relationship, RelationshipKind
>>> g = build_graph(
...     [Node("p1", NodeKind.PERSON, {"name": "Ann"})],
...     [Relationship(RelationshipKind.WORKS_AT, "p1", "c1", {"current": True})],
... )
>>> kind_of(g, "c1"), out_rels(g, "p1", RelationshipKind.WORKS_AT)
(<NodeKind.COMPANY: 'COMPANY'>, [('c1', {'current': True})])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from kamgraph.domain.model import REL_SPECS, Node, NodeKind, Relationship, RelationshipKind

KIND = "kind"
PROPS = "props"
_EMPTY: Mapping[str, Any] = {}


def build_graph(
    nodes: Iterable[Node] = (), relationships: Iterable[Relationship] = ()
) -> nx.MultiDiGraph:
    """A new graph holding ``nodes`` and ``relationships``.

    The ends of a relationship that are not among ``nodes`` are added with the
    kind its specification gives them and no properties.
    """
    g = nx.MultiDiGraph()
    add_nodes(g, nodes)
    add_relationships(g, relationships)
    return g


def add_nodes(g: nx.MultiDiGraph, nodes: Iterable[Node]) -> None:
    """Add (or complete) nodes in place; used while a graph is being built."""
    for n in nodes:
        g.add_node(n.id, **{KIND: n.kind, PROPS: n.props})


def add_relationships(g: nx.MultiDiGraph, relationships: Iterable[Relationship]) -> None:
    """Add relationships in place; unknown ends get their kind from the spec."""
    for r in relationships:
        spec = REL_SPECS[r.kind]
        for node_id, kind in ((r.from_id, spec.from_kind), (r.to_id, spec.to_kind)):
            if node_id not in g:
                g.add_node(node_id, **{KIND: kind, PROPS: _EMPTY})
        g.add_edge(r.from_id, r.to_id, key=r.kind, **{PROPS: r.props})


def merge_graphs(*graphs: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """One graph with everything of ``graphs``; a node's known properties win
    over a placeholder's empty ones."""
    g = nx.MultiDiGraph()
    for h in graphs:
        for n, data in h.nodes(data=True):
            if n not in g or (not g.nodes[n][PROPS] and data[PROPS]):
                g.add_node(n, **{KIND: data[KIND], PROPS: data[PROPS]})
        for u, v, k, data in h.edges(keys=True, data=True):
            g.add_edge(u, v, key=k, **{PROPS: data[PROPS]})
    return g


def kind_of(g: nx.MultiDiGraph, node_id: str) -> NodeKind | None:
    """The kind of a node, or ``None`` when the graph does not hold it."""
    if node_id not in g:
        return None
    kind: NodeKind = g.nodes[node_id][KIND]
    return kind


def props_of(g: nx.MultiDiGraph, node_id: str) -> Mapping[str, Any]:
    """The properties of a node (empty when unknown)."""
    if node_id not in g:
        return _EMPTY
    props: Mapping[str, Any] = g.nodes[node_id][PROPS]
    return props


def nodes_of_kind(g: nx.MultiDiGraph, kind: NodeKind) -> list[str]:
    """The ids of the graph's nodes of ``kind``, sorted."""
    return sorted(n for n, k in g.nodes(data=KIND) if k is kind)


def out_rels(
    g: nx.MultiDiGraph, node_id: str, kind: RelationshipKind
) -> list[tuple[str, Mapping[str, Any]]]:
    """``(to, props)`` of each relationship of ``kind`` from the node, by ``to``."""
    if node_id not in g:
        return []
    found = [
        (v, data[PROPS]) for _, v, k, data in g.out_edges(node_id, keys=True, data=True) if k is kind
    ]
    return sorted(found, key=lambda item: item[0])


def in_rels(
    g: nx.MultiDiGraph, node_id: str, kind: RelationshipKind
) -> list[tuple[str, Mapping[str, Any]]]:
    """``(from, props)`` of each relationship of ``kind`` into the node, by ``from``."""
    if node_id not in g:
        return []
    found = [
        (u, data[PROPS]) for u, _, k, data in g.in_edges(node_id, keys=True, data=True) if k is kind
    ]
    return sorted(found, key=lambda item: item[0])


def both_rels(
    g: nx.MultiDiGraph, node_id: str, kind: RelationshipKind
) -> list[tuple[str, Mapping[str, Any]]]:
    """``(other end, props)`` of each relationship of ``kind`` at either end, by other end."""
    return sorted(out_rels(g, node_id, kind) + in_rels(g, node_id, kind), key=lambda item: item[0])


def is_current(props: Mapping[str, Any]) -> bool:
    """Whether a WORKS_AT is current (``current`` defaults to true)."""
    return props.get("current", True) is not False
