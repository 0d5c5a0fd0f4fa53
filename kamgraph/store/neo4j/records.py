"""Helpers of the Neo4j store: running the named queries, and turning rows into
domain values (and back).

Nodes are stored with their kind's label plus ``:Node``, an ``id`` and their
properties as Neo4j properties, plus the search keys of :func:`name_keys`
(never shown as properties of the domain node).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from neo4j import AsyncManagedTransaction

from kamgraph.domain.model import Node, NodeKind, Relationship, RelationshipKind
from kamgraph.store.neo4j.cypher import query
from kamgraph.store.protocol import MAX_PAGE

#: Neo4j properties that are bookkeeping, not domain properties.
HIDDEN = frozenset({"id", "nameLower", "nameKey", "nameLong"})

#: Longest lower-cased name (UTF-8 bytes) given to the full-text index as one
#: term; Lucene refuses terms over 32766 bytes, and Neo4j fails hard on them.
MAX_NAME_KEY_BYTES = 8_000

_BY_LABEL = {k.label: k for k in NodeKind}

#: Characters with a meaning in a Lucene query, escaped with a backslash.
_LUCENE_SPECIAL = frozenset('+-&|!(){}[]^"~*?:\\/')


async def rows(
    tx: AsyncManagedTransaction,
    name: str,
    /,
    *,
    label: NodeKind | None = None,
    rel_kind: RelationshipKind | None = None,
    **params: Any,
) -> list[dict[str, Any]]:
    """Run the named query with ``params`` and return its rows as dicts."""
    result = await tx.run(query(name, label=label, rel_kind=rel_kind), params)
    return await result.data()


def kind_of(labels: Iterable[str]) -> NodeKind | None:
    for label in labels:
        kind = _BY_LABEL.get(label)
        if kind is not None:
            return kind
    return None


def node_of(row: Mapping[str, Any]) -> Node:
    """A node from a row with ``id``, ``labels`` and ``props``."""
    kind = kind_of(row["labels"])
    if kind is None:  # pragma: no cover - every :Node has a kind label
        raise ValueError(f"node {row['id']!r} has no kind label: {row['labels']}")
    props = {k: v for k, v in row["props"].items() if k not in HIDDEN}
    return Node(row["id"], kind, props)


def rel_of(kind: RelationshipKind, row: Mapping[str, Any]) -> Relationship:
    """A relationship from a row with ``src``, ``dst`` and ``props``."""
    return Relationship(kind, row["src"], row["dst"], dict(row["props"]))


def sort_rels(rels: Iterable[Relationship]) -> list[Relationship]:
    return sorted(rels, key=lambda r: (r.from_id, r.to_id))


def dedup(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def clamp(first: int) -> int:
    return max(0, min(int(first), MAX_PAGE))


def now_iso() -> str:
    """The audit timestamp: ISO-8601 UTC with microseconds, as the embedded store."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def name_keys(name: object) -> dict[str, Any]:
    """The search keys stored with a node of this name (all ``None`` when no name is given).

    ``nameLower`` is the name lower-cased by Python (as the embedded store compares);
    ``nameKey`` the same when short enough for the full-text index, else ``None``
    and ``nameLong`` true.

    >>> name_keys("Acme")
    {'nameLower': 'acme', 'nameKey': 'acme', 'nameLong': None}
    >>> name_keys("x" * 9000)["nameLong"]
    True
    """
    if not isinstance(name, str):
        return {"nameLower": None, "nameKey": None, "nameLong": None}
    lower = name.lower()
    short = len(lower.encode("utf-8")) <= MAX_NAME_KEY_BYTES
    return {"nameLower": lower, "nameKey": lower if short else None, "nameLong": None if short else True}


def lucene_contains(text: str) -> str:
    """A Lucene wildcard query matching terms that contain ``text`` literally.

    >>> lucene_contains("a b*c")
    '*a\\\\ b\\\\*c*'
    """
    escaped = "".join(
        "\\" + ch if ch in _LUCENE_SPECIAL or ch.isspace() else ch for ch in text
    )
    return f"*{escaped}*"


def labels_param(kinds: Sequence[NodeKind] | None) -> list[str] | None:
    return None if kinds is None else [k.label for k in kinds]
