"""The domain model: plain values, and the whole vocabulary of the domain in one import.

Everything here is plain Python with no I/O. Both stores and the GraphQL layer
speak in these types: :class:`Node` and :class:`Relationship` are what a store
returns, :class:`NodeInput` and :class:`RelationshipInput` are what it accepts
(already validated by :mod:`kamgraph.domain.rules`).

The kinds and enumerations are defined in :mod:`kamgraph.domain.kinds`, the
table of properties in :mod:`kamgraph.domain.properties`; both are exported from
here too, so that ``from kamgraph.domain.model import NodeKind, NODE_PROPS, Node``
names the whole domain.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kamgraph.domain.kinds import (
    DEFAULT_KNOWS_STRENGTH,
    DEFAULT_TIE_WEIGHTS,
    UNDIRECTED,
    AccountStatus,
    BuyingRole,
    CoverageRole,
    Direction,
    End,
    InterestCategory,
    NodeKind,
    RelationshipKind,
    Seniority,
    Stage,
    Stance,
    TieKind,
    Tier,
    WinLossGroup,
)
from kamgraph.domain.properties import (
    MAX_NAME_LENGTH,
    NAME,
    NODE_PROPS,
    NONNEG,
    REL_DEFAULTS,
    REL_SPECS,
    UNIT,
    D,
    F,
    PropSpec,
    PropType,
    RelSpec,
    S,
)

__all__ = [
    "NodeKind",
    "Tier",
    "AccountStatus",
    "Seniority",
    "Stage",
    "BuyingRole",
    "Stance",
    "CoverageRole",
    "InterestCategory",
    "RelationshipKind",
    "UNDIRECTED",
    "TieKind",
    "DEFAULT_TIE_WEIGHTS",
    "DEFAULT_KNOWS_STRENGTH",
    "Direction",
    "WinLossGroup",
    "End",
    "PropType",
    "PropSpec",
    "S",
    "F",
    "D",
    "NONNEG",
    "UNIT",
    "MAX_NAME_LENGTH",
    "NAME",
    "NODE_PROPS",
    "RelSpec",
    "REL_SPECS",
    "REL_DEFAULTS",
    "Node",
    "Relationship",
    "RelationshipKey",
    "NodeInput",
    "RelationshipInput",
    "CompanyFilter",
    "PersonFilter",
    "Page",
    "OrgChartEntry",
    "TieEdges",
    "TieSkeleton",
    "AuditInfo",
    "AuditEntry",
]



@dataclass(frozen=True, slots=True)
class Node:
    """A stored node: its id, kind and validated properties (``name`` included).

    Enum-valued properties are held as their string names, dates as ISO strings,
    so that a node is plain data that any store can hold and compare.
    """

    id: str
    kind: NodeKind
    props: Mapping[str, Any]

    @property
    def name(self) -> str:
        return str(self.props.get("name", ""))

    def get(self, key: str, default: Any = None) -> Any:
        return self.props.get(key, default)


@dataclass(frozen=True, slots=True)
class Relationship:
    """A stored relationship. Undirected kinds are held with ``from_id < to_id``."""

    kind: RelationshipKind
    from_id: str
    to_id: str
    props: Mapping[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.props.get(key, default)

    def other(self, node_id: str) -> str:
        """The id at the other end from ``node_id``."""
        return self.to_id if node_id == self.from_id else self.from_id

    @property
    def key(self) -> RelationshipKey:
        return RelationshipKey(self.kind, self.from_id, self.to_id)


@dataclass(frozen=True, slots=True)
class RelationshipKey:
    """What names a relationship: kind, from and to (normalised for undirected kinds)."""

    kind: RelationshipKind
    from_id: str
    to_id: str

    def normalised(self) -> RelationshipKey:
        if self.kind in UNDIRECTED and self.to_id < self.from_id:
            return RelationshipKey(self.kind, self.to_id, self.from_id)
        return self


@dataclass(frozen=True, slots=True)
class NodeInput:
    """A validated node upsert.

    ``props`` holds only the properties the caller gave; a value of ``None``
    removes that property. Properties not given are left as they are.
    """

    id: str
    kind: NodeKind
    props: Mapping[str, Any]
    position: int = 0


@dataclass(frozen=True, slots=True)
class RelationshipInput:
    """A validated relationship upsert (``from_id``/``to_id`` normalised)."""

    kind: RelationshipKind
    from_id: str
    to_id: str
    props: Mapping[str, Any]
    position: int = 0

    @property
    def key(self) -> RelationshipKey:
        return RelationshipKey(self.kind, self.from_id, self.to_id)


@dataclass(frozen=True, slots=True)
class CompanyFilter:
    name_contains: str | None = None
    industry: str | None = None
    country: str | None = None
    tiers: tuple[str, ...] | None = None
    statuses: tuple[str, ...] | None = None
    tag: str | None = None
    accounts_only: bool = False  # not home, and with a tier or a status


@dataclass(frozen=True, slots=True)
class PersonFilter:
    name_contains: str | None = None
    company_id: str | None = None  # currently works at
    seniorities: tuple[str, ...] | None = None
    decision_maker: bool | None = None
    interest_id: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a keyset-paginated listing, in ascending id order."""

    items: list[Node]
    has_next: bool
    total_count: int

    @property
    def end_cursor(self) -> str | None:
        return self.items[-1].id if self.items else None


@dataclass(frozen=True, slots=True)
class OrgChartEntry:
    person: Node
    manager_id: str | None
    level: int


@dataclass(frozen=True, slots=True)
class TieEdges:
    """The raw material of person-to-person ties around some people.

    Derived ties (colleagues, shared interests) are not materialised: they are
    given as memberships of the company or interest they come from.
    """

    knows: list[Relationship] = field(default_factory=list)
    reports_to: list[Relationship] = field(default_factory=list)
    works_at: list[Relationship] = field(default_factory=list)  # carries `current`
    interested_in: list[Relationship] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TieSkeleton:
    """What ties are made of, as plain tuples: the influence-path fetch reads
    thousands of these per step (:meth:`~kamgraph.store.protocol.GraphStore.tie_skeleton`).

    Each list is ordered and holds each relationship once:

    - ``knows``: ``(from_id, to_id, strength)``, strength ``None`` when not set;
    - ``reports_to``: ``(report, manager)``;
    - ``works_at``: ``(person, company, current)``, current unless set false;
    - ``interested_in``: ``(person, interest)``.
    """

    knows: list[tuple[str, str, float | None]] = field(default_factory=list)
    reports_to: list[tuple[str, str]] = field(default_factory=list)
    works_at: list[tuple[str, str, bool]] = field(default_factory=list)
    interested_in: list[tuple[str, str]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.knows) + len(self.reports_to) + len(self.works_at) + len(self.interested_in)

    def edges(self) -> TieEdges:
        """The same as relationships (with ``strength`` when set, and ``current``)."""
        K = RelationshipKind
        return TieEdges(
            [Relationship(K.KNOWS, a, b, {} if s is None else {"strength": s}) for a, b, s in self.knows],
            [Relationship(K.REPORTS_TO, a, b, {}) for a, b in self.reports_to],
            [Relationship(K.WORKS_AT, a, b, {"current": c}) for a, b, c in self.works_at],
            [Relationship(K.INTERESTED_IN, a, b, {}) for a, b in self.interested_in],
        )

    @classmethod
    def of(cls, edges: TieEdges) -> TieSkeleton:
        """The skeleton of ``edges`` (e.g. for a store that reads whole relationships)."""
        return cls(
            sorted({(r.from_id, r.to_id, r.props.get("strength")) for r in edges.knows}),
            sorted({(r.from_id, r.to_id) for r in edges.reports_to}),
            sorted({(r.from_id, r.to_id, r.props.get("current", True) is not False) for r in edges.works_at}),
            sorted({(r.from_id, r.to_id) for r in edges.interested_in}),
        )


@dataclass(frozen=True, slots=True)
class AuditInfo:
    """Who is writing, and as which operation; recorded with the write."""

    actor: str
    operation: str


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    at: str  # ISO-8601 timestamp, UTC
    actor: str
    operation: str
    ids: tuple[str, ...]
