"""A :class:`GraphStore` wrapper that counts round-trips and times them.

Every call to the wrapped store is one round-trip: it is counted per method in
:attr:`InstrumentedStore.totals` (shared by every wrapper of one app), in the
Prometheus metrics, and in the :class:`RequestStats` of the request it serves
(:meth:`InstrumentedStore.for_request` makes a wrapper that counts into a fresh
one), so that a request's cost in round-trips can be seen and tested.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from kamgraph.domain.model import (
    AuditEntry,
    AuditInfo,
    CompanyFilter,
    End,
    Node,
    NodeInput,
    NodeKind,
    OrgChartEntry,
    Page,
    PersonFilter,
    Relationship,
    RelationshipInput,
    RelationshipKey,
    RelationshipKind,
    Stage,
    TieEdges,
    TieSkeleton,
)
from kamgraph.store.metrics import Metrics
from kamgraph.store.protocol import GraphStore

T = TypeVar("T")


@dataclass
class RequestStats:
    """Round-trips made (and time spent in the store) while serving one request."""

    calls: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def round_trips(self) -> int:
        return sum(self.calls.values())


class InstrumentedStore:
    """Wraps a store; behaves exactly like it, and measures every call."""

    def __init__(
        self,
        inner: GraphStore,
        metrics: Metrics | None = None,
        stats: RequestStats | None = None,
        totals: Counter[str] | None = None,
    ) -> None:
        self.inner = inner
        self.metrics = metrics
        self.stats = stats
        self.totals: Counter[str] = Counter() if totals is None else totals
        self.backend = inner.backend

    def for_request(self, stats: RequestStats | None = None) -> InstrumentedStore:
        """A wrapper of the same store that also counts into ``stats`` (a new one if not given)."""
        return InstrumentedStore(self.inner, self.metrics, stats or RequestStats(), self.totals)

    @property
    def round_trips(self) -> int:
        """Round-trips made through this wrapper and all its per-request copies."""
        return sum(self.totals.values())

    def _record(self, method: str, seconds: float, ok: bool) -> None:
        self.totals[method] += 1
        if self.stats is not None:
            self.stats.calls[method] += 1
            self.stats.seconds += seconds
        if self.metrics is not None:
            self.metrics.observe_store(method, seconds, ok)

    async def _call(self, method: str, fn: Callable[[], Awaitable[T]]) -> T:
        start = time.perf_counter()
        ok = False
        try:
            result = await fn()
            ok = True
            return result
        finally:
            self._record(method, time.perf_counter() - start, ok)

    # -- life cycle ---------------------------------------------------------
    async def open(self) -> None:
        await self._call("open", self.inner.open)

    async def close(self) -> None:
        await self._call("close", self.inner.close)

    async def ping(self) -> None:
        await self._call("ping", self.inner.ping)

    async def clear(self) -> None:
        await self._call("clear", self.inner.clear)

    # -- batch reads ----------------------------------------------------------
    async def get_nodes(self, ids: Sequence[str]) -> list[Node | None]:
        return await self._call("get_nodes", lambda: self.inner.get_nodes(ids))

    async def get_relationships(
        self, ids: Sequence[str], kind: RelationshipKind, end: End
    ) -> list[list[Relationship]]:
        return await self._call("get_relationships", lambda: self.inner.get_relationships(ids, kind, end))

    # -- listings -------------------------------------------------------------
    async def list_companies(self, filter: CompanyFilter, first: int, after: str | None = None) -> Page:
        return await self._call("list_companies", lambda: self.inner.list_companies(filter, first, after))

    async def list_people(self, filter: PersonFilter, first: int, after: str | None = None) -> Page:
        return await self._call("list_people", lambda: self.inner.list_people(filter, first, after))

    async def list_nodes(self, kind: NodeKind, first: int, after: str | None = None) -> Page:
        return await self._call("list_nodes", lambda: self.inner.list_nodes(kind, first, after))

    async def search(self, text: str, kinds: Sequence[NodeKind] | None, first: int) -> list[Node]:
        return await self._call("search", lambda: self.inner.search(text, kinds, first))

    async def org_chart(self, company_id: str, root: str | None, depth: int) -> list[OrgChartEntry]:
        return await self._call("org_chart", lambda: self.inner.org_chart(company_id, root, depth))

    # -- neighbourhoods -------------------------------------------------------
    async def home_company(self) -> Node | None:
        return await self._call("home_company", self.inner.home_company)

    async def opportunities(self, stages: Sequence[Stage] | None = None) -> list[Node]:
        return await self._call("opportunities", lambda: self.inner.opportunities(stages))

    async def person_ties(self, person_ids: Sequence[str]) -> TieEdges:
        return await self._call("person_ties", lambda: self.inner.person_ties(person_ids))

    async def hub_members(self, company_ids: Sequence[str], interest_ids: Sequence[str]) -> TieEdges:
        return await self._call("hub_members", lambda: self.inner.hub_members(company_ids, interest_ids))

    async def tie_skeleton(
        self, person_ids: Sequence[str], company_ids: Sequence[str], interest_ids: Sequence[str]
    ) -> TieSkeleton:
        return await self._call(
            "tie_skeleton", lambda: self.inner.tie_skeleton(person_ids, company_ids, interest_ids)
        )

    # -- writes ---------------------------------------------------------------
    async def upsert_nodes(self, inputs: Sequence[NodeInput], audit: AuditInfo | None = None) -> list[Node]:
        return await self._call("upsert_nodes", lambda: self.inner.upsert_nodes(inputs, audit))

    async def relate(
        self, inputs: Sequence[RelationshipInput], audit: AuditInfo | None = None
    ) -> list[Relationship]:
        return await self._call("relate", lambda: self.inner.relate(inputs, audit))

    async def unrelate(self, keys: Sequence[RelationshipKey], audit: AuditInfo | None = None) -> int:
        return await self._call("unrelate", lambda: self.inner.unrelate(keys, audit))

    async def delete_nodes(self, ids: Sequence[str], audit: AuditInfo | None = None) -> int:
        return await self._call("delete_nodes", lambda: self.inner.delete_nodes(ids, audit))

    async def erase_person(self, person_id: str, audit: AuditInfo | None = None) -> bool:
        return await self._call("erase_person", lambda: self.inner.erase_person(person_id, audit))

    # -- audit ----------------------------------------------------------------
    async def audit_log(
        self,
        first: int,
        after: int | None = None,
        actor: str | None = None,
        since: str | None = None,
    ) -> tuple[list[AuditEntry], bool, int]:
        return await self._call("audit_log", lambda: self.inner.audit_log(first, after, actor, since))

    # -- bulk -------------------------------------------------------------------
    async def iter_relationships(
        self, kind: RelationshipKind, batch: int = 10_000
    ) -> AsyncIterator[list[Relationship]]:
        """Each batch fetched is one round-trip."""
        it = aiter(self.inner.iter_relationships(kind, batch))
        while True:
            start = time.perf_counter()
            try:
                chunk = await anext(it)
            except StopAsyncIteration:
                self._record("iter_relationships", time.perf_counter() - start, True)
                return
            except BaseException:
                self._record("iter_relationships", time.perf_counter() - start, False)
                raise
            self._record("iter_relationships", time.perf_counter() - start, True)
            yield chunk

    async def counts(self) -> dict[str, int]:
        return await self._call("counts", self.inner.counts)
