"""``GraphStore``: the one store, over a backend's :class:`~kamgraph.store.runner.Runner`.

Each method below is the contract of one store operation (its docstring fixes
its answer, order included) and hands its arguments, in one line, to the
backend's query function of the same name (named by the method itself, as
``GraphStore.<name>``, which also checks the arguments' types) (``reads.<name>`` or
``writes.<name>`` of :mod:`kamgraph.store.embedded` and :mod:`kamgraph.store.neo4j`),
which the runner runs in one transaction: one round trip, guarded and metered
by the runner. A backend is a runner and those functions; the contract suite
(``tests/contract/``) runs every test on each.

Reads return :mod:`kamgraph.domain.model` objects, never driver records. Batch reads
take a sequence of keys and answer in key order (one entry per key, ``None`` or
an empty list where there is nothing), which is what DataLoaders need.

Writes validate their input first (:mod:`kamgraph.domain.rules`), then check what
needs the stored graph (ids exist, kinds fit, no id clash across kinds, one home
company) and write, all in ONE transaction: a bad item anywhere and nothing of
that call is written. A write given an :class:`~kamgraph.domain.model.AuditInfo`
records an audit entry in the same transaction.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Sequence
from typing import Protocol, runtime_checkable

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
from kamgraph.store.orgchart import OrgChartKey, Staff, charts
from kamgraph.store.runner import Runner

#: Largest page any listing returns.
MAX_PAGE = 500


class GraphStore:
    """A graph of key-account knowledge. See the module docstring for the rules."""

    def __init__(self, runner: Runner) -> None:
        self.runner = runner
        #: a short name for logs and metrics: "embedded" or "neo4j"
        self.backend = runner.backend

    # -- life cycle -------------------------------------------------------
    async def open(self) -> None:
        """Connect, and apply the schema (constraints, indexes) idempotently."""
        await self.runner.open()

    async def close(self) -> None:
        await self.runner.close()

    async def ping(self) -> None:
        """Return when the store answers; raise ``StoreUnavailableError`` otherwise
        (at once while the store is known to be down)."""
        await self.runner.ping()

    def open_later(self, reason: BaseException) -> None:
        """The store could not be opened (``reason``): fail fast until a background
        probe has opened it. Call it from within the running event loop."""
        self.runner.guard.open_later(reason)

    async def clear(self) -> None:
        """Delete everything (nodes, relationships, audit). For tests and demos."""
        while await self.runner.run("write", "clear"):  # True: more is left
            pass

    # -- batch reads (key order) -------------------------------------------
    async def get_nodes(self, ids: Sequence[str]) -> list[Node | None]:
        """The node of each id, of whatever kind, or ``None``."""
        return await self.runner.read_once(GraphStore.get_nodes, ids)

    async def get_relationships(
        self, ids: Sequence[str], kind: RelationshipKind, end: End
    ) -> list[list[Relationship]]:
        """For each id, the relationships of ``kind`` at that end of it.

        ``End.OUT``: the id is the relationship's ``from``; ``End.IN``: its
        ``to``; ``End.BOTH``: either (the natural choice for undirected kinds,
        whose from/to order is only a normalisation). Each list is ordered by
        (from_id, to_id).
        """
        return await self.runner.read_once(GraphStore.get_relationships, ids, kind, end)

    # -- listings ----------------------------------------------------------
    async def list_companies(
        self, filter: CompanyFilter, first: int, after: str | None = None
    ) -> Page:
        """Companies matching ``filter`` in ascending id order after the id ``after``."""
        return await self.runner.read(GraphStore.list_companies, filter, first, after)

    async def list_people(self, filter: PersonFilter, first: int, after: str | None = None) -> Page:
        """People matching ``filter`` in ascending id order after the id ``after``."""
        return await self.runner.read(GraphStore.list_people, filter, first, after)

    async def list_nodes(
        self, kind: NodeKind, first: int, after: str | None = None
    ) -> Page:
        """All nodes of a kind in ascending id order (for export and aggregates)."""
        return await self.runner.read(GraphStore.list_nodes, kind, first, after)

    async def search(
        self, text: str, kinds: Sequence[NodeKind] | None, first: int
    ) -> list[Node]:
        """Nodes whose name contains ``text`` (case-insensitive), best match first:
        exact name, then name starting with it, then the rest; ties by name, id."""
        return await self.runner.read(GraphStore.search, text, kinds, first)

    async def org_chart(
        self, company_id: str, root: str | None, depth: int
    ) -> list[OrgChartEntry]:
        """REPORTS_TO among the company's current people, as a flat list.

        Level 0 are the people with no manager inside the company (or ``root``
        alone when given); entries go down to level ``depth``. Ordered by
        level, then id. A REPORTS_TO cycle does not loop: each person appears once.
        """
        (chart,) = await self.org_charts([(company_id, root, depth)])
        return chart

    async def org_charts(self, keys: Sequence[OrgChartKey]) -> list[list[OrgChartEntry]]:
        """``org_chart(company_id, root, depth)`` of each key, in key order, in ONE
        round trip (the charts of one level of a query)."""
        return charts(await self.org_staff([company for company, _, _ in keys]), keys)

    async def org_staff(self, company_ids: Sequence[str]) -> list[Staff]:
        """For each company, its current people (WORKS_AT not ended), each with the
        ids of the people they report to: what an org chart is walked from
        (:mod:`kamgraph.store.orgchart`)."""
        return await self.runner.read_once(GraphStore.org_staff, company_ids)

    # -- neighbourhoods for the analyses -------------------------------------
    async def home_company(self) -> Node | None:
        """The company marked home (there is at most one), or ``None``."""
        return await self.runner.read(GraphStore.home_company)

    async def opportunities(self, stages: Sequence[Stage] | None = None) -> list[Node]:
        """Every opportunity (in one of ``stages`` when given), by id."""
        return await self.runner.read(GraphStore.opportunities, stages)

    async def person_ties(self, person_ids: Sequence[str]) -> TieEdges:
        """Every KNOWS, REPORTS_TO (either direction), WORKS_AT and INTERESTED_IN
        relationship that touches one of the people."""
        return await self.runner.read(GraphStore.person_ties, person_ids)

    async def hub_members(
        self, company_ids: Sequence[str], interest_ids: Sequence[str]
    ) -> TieEdges:
        """The WORKS_AT of every person who ever worked at one of the companies and
        the INTERESTED_IN of every person interested in one of the interests."""
        return await self.runner.read(GraphStore.hub_members, company_ids, interest_ids)

    async def tie_skeleton(
        self, person_ids: Sequence[str], company_ids: Sequence[str], interest_ids: Sequence[str]
    ) -> TieSkeleton:
        """``person_ties(person_ids)`` and ``hub_members(company_ids, interest_ids)``
        in one read, each relationship once, as plain tuples holding only what ties
        are made of (``strength`` of a KNOWS, ``current`` of a WORKS_AT); each list
        ordered. For the influence-path fetch, which reads thousands per step."""
        return await self.runner.read_once(GraphStore.tie_skeleton, person_ids, company_ids, interest_ids)

    # -- writes (one transaction each) -------------------------------------
    async def upsert_nodes(
        self, inputs: Sequence[NodeInput], audit: AuditInfo | None = None
    ) -> list[Node]:
        """Create or update nodes (all of one kind or mixed); returns them after the write."""
        return await self.runner.write(GraphStore.upsert_nodes, inputs, audit)

    async def relate(
        self, inputs: Sequence[RelationshipInput], audit: AuditInfo | None = None
    ) -> list[Relationship]:
        """Create or update relationships; returns them after the write."""
        return await self.runner.write(GraphStore.relate, inputs, audit)

    async def unrelate(
        self, keys: Sequence[RelationshipKey], audit: AuditInfo | None = None
    ) -> int:
        """Remove relationships; returns how many existed."""
        return await self.runner.write(GraphStore.unrelate, keys, audit)

    async def delete_nodes(self, ids: Sequence[str], audit: AuditInfo | None = None) -> int:
        """Remove nodes with all their relationships; returns how many existed."""
        return await self.runner.write(GraphStore.delete_nodes, ids, audit)

    async def erase_person(self, person_id: str, audit: AuditInfo | None = None) -> bool:
        """Remove a person and every relationship of theirs; the audit entry keeps
        only the id. Returns whether the person existed."""
        return await self.runner.write(GraphStore.erase_person, person_id, audit)

    async def bulk_upsert(
        self,
        nodes: Sequence[NodeInput],
        rels: Sequence[RelationshipInput],
        after: Awaitable[object] | None = None,
    ) -> None:
        """Write validated nodes, then relationships, in ONE transaction, as
        ``upsert_nodes(nodes)`` followed by ``relate(rels)`` would: the same merge
        (properties given override, ``None`` removes, relationship defaults on
        create, an item given twice merges in order) and the same checks against
        the stored graph (ends exist and are of the right kinds, counting the
        ``nodes`` of this call; no id of two kinds; one home company), raising
        ``ValidationError`` and writing nothing on any problem. Records no audit
        entry and returns nothing, which is what makes it fast.

        ``after`` (the previous batch's write) is awaited before this batch is
        written, and its failure is raised without writing. The batch is made
        ready (the backend's ``writes.prepare_bulk``) before that, so that
        preparing one batch overlaps writing the last.
        """
        batch = self.runner.writes.prepare_bulk(nodes, rels)
        if after is not None:
            await after
        await self.runner.run("write", "bulk_upsert", batch)

    # -- audit -------------------------------------------------------------
    async def audit_log(
        self, first: int, after: int | None = None, actor: str | None = None, since: str | None = None
    ) -> tuple[list[AuditEntry], bool, int]:
        """Audit entries newest first after sequence number ``after``: (entries, has_next, total)."""
        return await self.runner.read(GraphStore.audit_log, first, after, actor, since)

    # -- bulk ----------------------------------------------------------------
    async def iter_relationships(
        self, kind: RelationshipKind, batch: int = 10_000
    ) -> AsyncIterator[list[Relationship]]:
        """Every relationship of a kind, in batches ordered by (from_id, to_id)
        (for export); each batch is one round trip (``reads.iter_relationships``
        with the key of the last relationship of the batch before)."""
        size = max(1, int(batch))
        after: tuple[str, str] | None = None
        while True:
            rels: list[Relationship] = await self.runner.run("read", "iter_relationships", kind, after, size)
            if not rels:
                return
            yield rels
            if len(rels) < size:
                return
            after = (rels[-1].from_id, rels[-1].to_id)

    async def counts(self) -> dict[str, int]:
        """How many nodes of each kind and relationships of each kind there are."""
        return await self.runner.read(GraphStore.counts)


@runtime_checkable
class BulkWriter(Protocol):
    """A store with a write path for bulk import (``isinstance(store, BulkWriter)``):
    :meth:`GraphStore.bulk_upsert`. The importer falls back to ``upsert_nodes`` /
    ``relate`` for an object without it (a test's stand-in)."""

    async def bulk_upsert(
        self,
        nodes: Sequence[NodeInput],
        rels: Sequence[RelationshipInput],
        after: Awaitable[object] | None = None,
    ) -> None: ...
