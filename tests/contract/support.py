"""Helpers for the contract suite: build small graphs through the public write API."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from kamgraph.domain.model import AuditInfo, Node, NodeKind, Relationship, RelationshipKind
from kamgraph.domain.rules import validate_nodes, validate_relationship_keys, validate_relationships
from kamgraph.store.protocol import GraphStore

C, P = NodeKind.COMPANY, NodeKind.PERSON
K = RelationshipKind

#: what the ``reopen`` fixture gives: a store newly connected to the same data
Reopen = Callable[[], Awaitable[GraphStore]]


async def add(
    store: GraphStore, kind: NodeKind, *items: Mapping[str, Any], audit: AuditInfo | None = None
) -> list[Node]:
    """Upsert nodes of one kind, given as ``{"id": ..., "name": ..., ...}``."""
    return await store.upsert_nodes(validate_nodes(kind, items), audit)


async def people(store: GraphStore, *ids: str, audit: AuditInfo | None = None, **props: Any) -> list[Node]:
    """People named after their ids (``p1`` is "Person p1")."""
    return await add(store, P, *({"id": i, "name": f"Person {i}", **props} for i in ids), audit=audit)


async def companies(store: GraphStore, *ids: str, audit: AuditInfo | None = None, **props: Any) -> list[Node]:
    return await add(store, C, *({"id": i, "name": f"Company {i}", **props} for i in ids), audit=audit)


def r(kind: str, src: str, dst: str, **props: Any) -> dict[str, Any]:
    """A relationship as a client gives it: ``r("KNOWS", "a", "b", strength=0.9)``."""
    return {"kind": kind, "from": src, "to": dst, **props}


async def link(
    store: GraphStore, *rels: Mapping[str, Any], audit: AuditInfo | None = None
) -> list[Relationship]:
    return await store.relate(validate_relationships(rels), audit)


async def unlink(store: GraphStore, *rels: Mapping[str, Any], audit: AuditInfo | None = None) -> int:
    return await store.unrelate(validate_relationship_keys(rels), audit)


def ends(rels: list[Relationship]) -> list[tuple[str, str]]:
    return [(x.from_id, x.to_id) for x in rels]


def ids(nodes: list[Node]) -> list[str]:
    return [n.id for n in nodes]
