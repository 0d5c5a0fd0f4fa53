"""The embedded store in memory, holding given relationships (and their ends), for
the unit tests of the fetches: what they find, and how much they read."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import TypeVar

from kamgraph.domain.model import REL_SPECS, NodeInput, NodeKind, Relationship, RelationshipInput
from kamgraph.store.embedded.store import EmbeddedStore
from kamgraph.store.metering import Meter, RequestStats, metered
from kamgraph.store.protocol import GraphStore

T = TypeVar("T")


@asynccontextmanager
async def seeded(rels: Sequence[Relationship]) -> AsyncIterator[GraphStore]:
    """An open ``:memory:`` store of ``rels``, each end a node of the kind its relationships need."""
    store = EmbeddedStore(":memory:")
    await store.open()
    try:
        kinds: dict[str, NodeKind] = {}
        for r in rels:
            spec = REL_SPECS[r.kind]
            kinds.setdefault(r.from_id, spec.from_kind)
            kinds.setdefault(r.to_id, spec.to_kind)
        nodes = [NodeInput(i, kind, {"name": i}) for i, kind in kinds.items()]
        inputs = [RelationshipInput(r.kind, r.from_id, r.to_id, r.props, n) for n, r in enumerate(rels)]
        await store.bulk_upsert(nodes, inputs)
        yield store
    finally:
        await store.close()


async def reading(
    rels: Sequence[Relationship], fetch: Callable[[GraphStore], Awaitable[T]]
) -> tuple[T, RequestStats]:
    """``fetch(store)`` over a store of ``rels``, and what it read (round trips, rows)."""
    stats = RequestStats()
    async with seeded(rels) as store:
        with metered(Meter(stats=stats)):
            found = await fetch(store)
    return found, stats
