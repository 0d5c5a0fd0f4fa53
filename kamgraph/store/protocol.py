"""The ``GraphStore`` protocol: what every backend offers, at the level of the domain.

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

#: Largest page any listing returns.
MAX_PAGE = 500


@runtime_checkable
class GraphStore(Protocol):
    """A graph of key-account knowledge. See the module docstring for the rules."""

    #: a short name for logs and metrics: "embedded" or "neo4j"
    backend: str

    # -- life cycle -------------------------------------------------------
    async def open(self) -> None:
        """Connect, and apply the schema (constraints, indexes) idempotently."""

    async def close(self) -> None: ...

    async def ping(self) -> None:
        """Return when the store answers; raise ``StoreUnavailableError`` otherwise."""

    async def clear(self) -> None:
        """Delete everything (nodes, relationships, audit). For tests and demos."""

    # -- batch reads (key order) -------------------------------------------
    async def get_nodes(self, ids: Sequence[str]) -> list[Node | None]:
        """The node of each id, of whatever kind, or ``None``."""

    async def get_relationships(
        self, ids: Sequence[str], kind: RelationshipKind, end: End
    ) -> list[list[Relationship]]:
        """For each id, the relationships of ``kind`` at that end of it.

        ``End.OUT``: the id is the relationship's ``from``; ``End.IN``: its
        ``to``; ``End.BOTH``: either (the natural choice for undirected kinds,
        whose from/to order is only a normalisation). Each list is ordered by
        (from_id, to_id).
        """

    # -- listings ----------------------------------------------------------
    async def list_companies(
        self, filter: CompanyFilter, first: int, after: str | None = None
    ) -> Page:
        """Companies matching ``filter`` in ascending id order after the id ``after``."""

    async def list_people(self, filter: PersonFilter, first: int, after: str | None = None) -> Page:
        """People matching ``filter`` in ascending id order after the id ``after``."""

    async def list_nodes(
        self, kind: NodeKind, first: int, after: str | None = None
    ) -> Page:
        """All nodes of a kind in ascending id order (for export and aggregates)."""

    async def search(
        self, text: str, kinds: Sequence[NodeKind] | None, first: int
    ) -> list[Node]:
        """Nodes whose name contains ``text`` (case-insensitive), best match first:
        exact name, then name starting with it, then the rest; ties by name, id."""

    async def org_chart(
        self, company_id: str, root: str | None, depth: int
    ) -> list[OrgChartEntry]:
        """REPORTS_TO among the company's current people, as a flat list.

        Level 0 are the people with no manager inside the company (or ``root``
        alone when given); entries go down to level ``depth``. Ordered by
        level, then id. A REPORTS_TO cycle does not loop: each person appears once.
        """

    # -- neighbourhoods for the analyses -------------------------------------
    async def home_company(self) -> Node | None: ...

    async def opportunities(self, stages: Sequence[Stage] | None = None) -> list[Node]:
        """Every opportunity (in one of ``stages`` when given), by id."""

    async def person_ties(self, person_ids: Sequence[str]) -> TieEdges:
        """Every KNOWS, REPORTS_TO (either direction), WORKS_AT and INTERESTED_IN
        relationship that touches one of the people."""

    async def hub_members(
        self, company_ids: Sequence[str], interest_ids: Sequence[str]
    ) -> TieEdges:
        """The WORKS_AT of every person who ever worked at one of the companies and
        the INTERESTED_IN of every person interested in one of the interests."""

    async def tie_skeleton(
        self, person_ids: Sequence[str], company_ids: Sequence[str], interest_ids: Sequence[str]
    ) -> TieSkeleton:
        """``person_ties(person_ids)`` and ``hub_members(company_ids, interest_ids)``
        in one read, each relationship once, as plain tuples holding only what ties
        are made of (``strength`` of a KNOWS, ``current`` of a WORKS_AT); each list
        ordered. For the influence-path fetch, which reads thousands per step."""

    # -- writes (one transaction each) -------------------------------------
    async def upsert_nodes(
        self, inputs: Sequence[NodeInput], audit: AuditInfo | None = None
    ) -> list[Node]:
        """Create or update nodes (all of one kind or mixed); returns them after the write."""

    async def relate(
        self, inputs: Sequence[RelationshipInput], audit: AuditInfo | None = None
    ) -> list[Relationship]:
        """Create or update relationships; returns them after the write."""

    async def unrelate(
        self, keys: Sequence[RelationshipKey], audit: AuditInfo | None = None
    ) -> int:
        """Remove relationships; returns how many existed."""

    async def delete_nodes(self, ids: Sequence[str], audit: AuditInfo | None = None) -> int:
        """Remove nodes with all their relationships; returns how many existed."""

    async def erase_person(self, person_id: str, audit: AuditInfo | None = None) -> bool:
        """Remove a person and every relationship of theirs; the audit entry keeps
        only the id. Returns whether the person existed."""

    # -- audit -------------------------------------------------------------
    async def audit_log(
        self, first: int, after: int | None = None, actor: str | None = None, since: str | None = None
    ) -> tuple[list[AuditEntry], bool, int]:
        """Audit entries newest first after sequence number ``after``: (entries, has_next, total)."""

    # -- bulk ----------------------------------------------------------------
    def iter_relationships(
        self, kind: RelationshipKind, batch: int = 10_000
    ) -> AsyncIterator[list[Relationship]]:
        """Every relationship of a kind, in batches (for export)."""

    async def counts(self) -> dict[str, int]:
        """How many nodes of each kind and relationships of each kind there are."""


@runtime_checkable
class BulkWriter(Protocol):
    """A store with a write path for bulk import (``isinstance(store, BulkWriter)``).

    Kept apart from :class:`GraphStore` so that a backend can add it when it has
    one; the importer falls back to ``upsert_nodes`` / ``relate`` otherwise.
    """

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
        written, and its failure is raised without writing: a store may prepare
        the batch before that, so that preparing one batch overlaps writing the last.
        """
