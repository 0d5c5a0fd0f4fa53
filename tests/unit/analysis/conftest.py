"""Helpers for the analysis unit tests: small graphs written as lists of facts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
import pytest

from kamgraph.analysis.model import build_graph
from kamgraph.domain.model import Node, NodeKind, Relationship, RelationshipKind


class Facts:
    """Build a graph from terse facts: ``f.person("ann", seniority="VP")``, ``f.rel(...)``."""

    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.rels: list[Relationship] = []

    def node(self, kind: NodeKind, node_id: str, **props: Any) -> Facts:
        self.nodes[node_id] = Node(node_id, kind, {"name": node_id, **props})
        return self

    def person(self, node_id: str, **props: Any) -> Facts:
        return self.node(NodeKind.PERSON, node_id, **props)

    def company(self, node_id: str, **props: Any) -> Facts:
        return self.node(NodeKind.COMPANY, node_id, **props)

    def rel(self, kind: RelationshipKind, a: str, b: str, **props: Any) -> Facts:
        if kind.undirected and b < a:
            a, b = b, a
        self.rels.append(Relationship(kind, a, b, props))
        return self

    def graph(self) -> nx.MultiDiGraph:
        return build_graph(self.nodes.values(), self.rels)


@pytest.fixture
def facts() -> Facts:
    return Facts()


def _snapshot(g: nx.MultiDiGraph) -> tuple[Iterable[Any], Iterable[Any]]:
    return (
        sorted((n, repr(d)) for n, d in g.nodes(data=True)),
        sorted((u, v, repr(k), repr(d)) for u, v, k, d in g.edges(keys=True, data=True)),
    )


@pytest.fixture
def snapshot() -> Any:
    """Everything of a graph, to check that an analysis left it as it was."""
    return _snapshot
