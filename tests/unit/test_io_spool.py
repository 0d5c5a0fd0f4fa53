"""The batches kept between the passes of an import come back as they went in."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kamgraph.domain.model import NodeInput, NodeKind, RelationshipInput, RelationshipKind
from kamgraph.io.spool import BatchSpool


def _nodes(kind: NodeKind, n: int, start: int = 0) -> list[NodeInput]:
    return [NodeInput(f"{kind.value}-{start + i}", kind, {"name": f"n{i}", "x": None}, i) for i in range(n)]


def _rels(n: int, props: dict[str, Any] | None = None) -> list[RelationshipInput]:
    return [
        RelationshipInput(RelationshipKind.KNOWS, f"a{i}", f"b{i}", props or {"strength": 0.5}, i)
        for i in range(n)
    ]


@pytest.mark.parametrize("memory_rows", [0, 3, 1_000])
def test_batches_come_back_in_order_from_memory_and_file(memory_rows: int) -> None:
    spool = BatchSpool(memory_rows)
    node_batches = [
        (("people.csv", 2, "people.csv", 3), NodeKind.PERSON, _nodes(NodeKind.PERSON, 2)),
        (("c.csv", 2, "c.csv", 2), NodeKind.COMPANY, _nodes(NodeKind.COMPANY, 1)),
        (("people.csv", 4, "people.csv", 5), NodeKind.PERSON, _nodes(NodeKind.PERSON, 2, 2)),
    ]
    rel_batches = [(("r.csv", 2, "r.csv", 4), _rels(3)), (("r.csv", 5, "r.csv", 5), _rels(1))]
    # interleaved as an NDJSON file may give them
    spool.add_rels(*rel_batches[0])
    for batch in node_batches:
        spool.add_nodes(*batch)
    spool.add_rels(*rel_batches[1])
    try:
        assert list(spool.node_batches()) == node_batches
        assert list(spool.rel_batches()) == rel_batches
        assert list(spool.node_batches()) == node_batches  # read again: the same
    finally:
        spool.close()
    assert list(spool.node_batches()) == [] and list(spool.rel_batches()) == []


def test_values_marshal_cannot_take_go_by_pickle() -> None:
    spool = BatchSpool(0)
    odd = {"since": dt.date(2020, 1, 2), "tags": ("a", "b")}
    batch = (("r.csv", 2, "r.csv", 2), _rels(2, odd))
    spool.add_rels(*batch)
    try:
        assert list(spool.rel_batches()) == [batch]
    finally:
        spool.close()
