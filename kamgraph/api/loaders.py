"""Per-request DataLoaders over the store's batch reads, and the request context.

A GraphQL request gets one :class:`Loaders`: every node it reads by id goes
through :attr:`Loaders.nodes` (``store.get_nodes``), every relationship list
through :meth:`Loaders.rels` (``store.get_relationships`` per kind and end), so
a nested query costs one round-trip per level of nesting, not one per item.

What the loaders have read is also kept as plain values, so a resolver can
answer without awaiting when its data is already there (:meth:`Loaders.peek_node`,
:meth:`Loaders.peek_neighbours`): a list field prefetches the relations its
items select (:meth:`Loaders.prefetch`, one batch per relation), and each item
then resolves synchronously, without a future or coroutine of its own.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeAlias, TypeVar

import strawberry

from kamgraph.api.budget import RequestBudget
from kamgraph.config import Settings
from kamgraph.domain.model import End, Node, NodeKind, OrgChartEntry, Relationship, RelationshipKind
from kamgraph.store.metering import RequestStats
from kamgraph.store.metrics import Metrics
from kamgraph.store.orgchart import OrgChartKey
from kamgraph.store.protocol import GraphStore

RelKey: TypeAlias = tuple[RelationshipKind, End]
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BatchLoader(Generic[K, V]):
    """A DataLoader with one future per batch, not per key.

    Keys asked for while the event loop runs one round of callbacks are read by
    one call of ``load_fn`` (dispatched after that round, as strawberry's
    DataLoader does); what it returns is kept in :attr:`values` for the
    request. A list of 500 keys thus costs dict look-ups, not 500 futures
    gathered. A failed batch is not remembered: asking again reads again.
    """

    def __init__(self, load_fn: Callable[[list[K]], Awaitable[Sequence[V]]]) -> None:
        self._load_fn = load_fn
        #: every value read (or primed) so far, by key
        self.values: dict[K, V] = {}
        self._pending: dict[K, None] = {}
        self._next: asyncio.Future[None] | None = None
        self._inflight: dict[K, asyncio.Future[None]] = {}

    def prime_many(self, values: Mapping[K, V]) -> None:
        """Remember values read elsewhere (kept values are not replaced)."""
        for key, value in values.items():
            self.values.setdefault(key, value)

    async def load(self, key: K) -> V:
        return (await self.load_many([key]))[0]

    async def load_many(self, keys: Sequence[K]) -> list[V]:
        values = self.values
        waits: set[asyncio.Future[None]] = set()
        for key in keys:
            if key in values:
                continue
            running = self._inflight.get(key)
            if running is None:
                running = self._enqueue(key)
            waits.add(running)
        for w in waits:
            # shielded: a waiter that is cancelled does not cancel the batch of the others
            await asyncio.shield(w)
        return [values[k] for k in keys]

    def _enqueue(self, key: K) -> asyncio.Future[None]:
        batch = self._next
        if batch is None:
            loop = asyncio.get_running_loop()
            batch = self._next = loop.create_future()
            loop.call_soon(lambda: loop.create_task(self._dispatch()))
        self._pending[key] = None
        self._inflight[key] = batch
        return batch

    async def _dispatch(self) -> None:
        batch, keys = self._next, list(self._pending)
        self._next, self._pending = None, {}
        assert batch is not None
        try:
            found = await self._load_fn(keys)
            self.values.update(zip(keys, found, strict=True))
        except asyncio.CancelledError:
            batch.cancel()
            raise
        except Exception as exc:
            if not batch.done():
                batch.set_exception(exc)
                batch.exception()  # the waiters raise it; no "never retrieved" report if none is left
        else:
            if not batch.done():
                batch.set_result(None)
        finally:
            for key in keys:
                self._inflight.pop(key, None)


class Loaders:
    """The DataLoaders of one request (their caches live as long as it does)."""

    def __init__(self, store: GraphStore, budget: RequestBudget | None = None) -> None:
        self.store = store
        #: what the request may still serve (see :mod:`kamgraph.api.budget`); every list
        #: of neighbours or relationships served to a parent is charged to it
        self.budget = budget
        self.nodes: BatchLoader[str, Node | None] = BatchLoader(store.get_nodes)
        self._rels: dict[RelKey, BatchLoader[str, list[Relationship]]] = {}
        # what has been read so far (the loaders' values)
        self._node_values = self.nodes.values
        self._rel_values: dict[RelKey, dict[str, list[Relationship]]] = {}
        self.org_charts: BatchLoader[OrgChartKey, list[OrgChartEntry]] = BatchLoader(self._load_org_charts)
        #: the GraphQL objects made of read nodes, by (type, node id), so that a node
        #: that shows up many times (the manager of many people) is wrapped once
        self.objects: dict[tuple[type, str], Any] = {}

    async def _load_org_charts(self, keys: list[OrgChartKey]) -> list[list[OrgChartEntry]]:
        return await self.store.org_charts(keys)  # the charts of one level: one round trip

    def rels(self, kind: RelationshipKind, end: End) -> BatchLoader[str, list[Relationship]]:
        """The loader of the relationships of ``kind`` at ``end`` of each id."""
        loader = self._rels.get((kind, end))
        if loader is None:

            async def load(ids: list[str]) -> list[list[Relationship]]:
                return await self.store.get_relationships(ids, kind, end)

            loader = BatchLoader(load)
            self._rels[(kind, end)] = loader
            self._rel_values[(kind, end)] = loader.values
        return loader

    def prime(self, nodes: Iterable[Node]) -> None:
        """Remember nodes already read (from a listing, say): no need to read them again."""
        self.nodes.prime_many({n.id: n for n in nodes})

    def peek_node(self, node_id: str) -> tuple[bool, Node | None]:
        """``(True, node or None)`` when the node of an id has been read; ``(False, None)`` if not."""
        values = self._node_values
        if node_id in values:
            return True, values[node_id]
        return False, None

    def peek_neighbours(
        self, node_id: str, kind: RelationshipKind, end: End, node_kind: NodeKind | None = None
    ) -> list[Node] | None:
        """What :meth:`neighbours` would answer, if everything it needs has been read; else ``None``."""
        rels = self._rel_values.get((kind, end), {}).get(node_id)
        if rels is None:
            return None
        budget = self.budget
        if budget is not None and budget.pause_due:
            return None  # the caller takes the awaiting path, which lets others run
        values = self._node_values
        out: list[Node] = []
        for r in rels:
            other = r.other(node_id)
            if other not in values:
                return None
            n = values[other]
            if n is not None and (node_kind is None or n.kind is node_kind):
                out.append(n)
        if budget is not None:
            budget.charge(len(out))
        return out

    def peek_related(self, node_id: str, kind: RelationshipKind, end: End) -> list[Relationship] | None:
        """The relationships of ``kind`` at ``end`` of an id, if they have been read; else ``None``."""
        rels = self._rel_values.get((kind, end), {}).get(node_id)
        budget = self.budget
        if rels is not None and budget is not None:
            if budget.pause_due:
                return None  # the caller takes the awaiting path, which lets others run
            budget.charge(len(rels))
        return rels

    async def prefetch(self, ids: Sequence[str], relations: Iterable[RelKey]) -> None:
        """Read the given relations of ``ids`` and the nodes at their other ends: one batch per
        relation, then one of nodes (through the loaders, so concurrent prefetches share them)."""
        wanted = list(dict.fromkeys(relations))
        if not ids or not wanted:
            return
        found = await asyncio.gather(*(self.rels(k, e).load_many(ids) for k, e in wanted))
        others = {r.other(i) for lists in found for i, rels in zip(ids, lists, strict=True) for r in rels}
        others.difference_update(self._node_values)
        if others:
            await self.nodes.load_many(sorted(others))

    async def node(self, node_id: str, kind: NodeKind | None = None) -> Node | None:
        """The node of an id (of ``kind`` when given; else ``None``)."""
        node = await self.nodes.load(node_id)
        if node is None or (kind is not None and node.kind is not kind):
            return None
        return node

    async def many(self, ids: Sequence[str], kind: NodeKind | None = None) -> list[Node]:
        """The nodes of ids that exist (and are of ``kind`` when given), in the given order."""
        found = await self.nodes.load_many(list(ids))
        return [n for n in found if n is not None and (kind is None or n.kind is kind)]

    async def related(self, node_id: str, kind: RelationshipKind, end: End) -> list[Relationship]:
        rels = await self.rels(kind, end).load(node_id)
        budget = self.budget
        if budget is not None:
            budget.charge(len(rels))
            if budget.pause_due:
                await budget.pause()
        return rels

    async def neighbours(
        self, node_id: str, kind: RelationshipKind, end: End, node_kind: NodeKind | None = None
    ) -> list[Node]:
        """The nodes at the other end of ``node_id``'s relationships of ``kind``."""
        rels = await self.related(node_id, kind, end)
        return await self.many([r.other(node_id) for r in rels], node_kind)


#: The share of the request timeout an analysis may take: it stops (code ``TIMEOUT``)
#: a little before the request would be cut off, so the client learns why.
ANALYSIS_SHARE = 0.9


@dataclass
class RequestContext:
    """What every resolver of one request can use.

    ``deadline`` is the :func:`time.monotonic` instant by which the request's
    analyses must have stopped (:data:`ANALYSIS_SHARE` of the request timeout,
    ``Limits.timeout_seconds``, from when the context was made).
    """

    store: GraphStore
    settings: Settings
    loaders: Loaders
    actor: str = "anonymous"
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex[:16])
    stats: RequestStats | None = None
    metrics: Metrics | None = None
    request: Any = None  # the starlette Request, when served over HTTP
    budget: RequestBudget | None = None  # time and result size (kamgraph.api.budget)
    deadline: float | None = None

    @classmethod
    def create(
        cls,
        store: GraphStore,
        settings: Settings,
        *,
        stats: RequestStats | None = None,
        metrics: Metrics | None = None,
        request: Any = None,
        actor: str = "anonymous",
        budget: RequestBudget | None = None,
    ) -> RequestContext:
        deadline = time.monotonic() + ANALYSIS_SHARE * settings.limits.timeout_seconds
        if budget is not None and budget.deadline is not None:
            deadline = min(deadline, budget.deadline)
        return cls(
            store,
            settings,
            Loaders(store, budget),
            actor=actor,
            stats=stats,
            metrics=metrics,
            request=request,
            budget=budget,
            deadline=deadline,
        )

    def reset_loaders(self) -> None:
        """Forget everything read so far (after a write)."""
        self.loaders = Loaders(self.store, self.budget)


#: the ``info`` argument of kamgraph's resolvers
Info: TypeAlias = strawberry.Info[RequestContext, None]
