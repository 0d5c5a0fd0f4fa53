"""The domain model: node and relationship kinds, their properties and rules.

Everything here is plain Python with no I/O. Both stores and the GraphQL layer
speak in these types: :class:`Node` and :class:`Relationship` are what a store
returns, :class:`NodeInput` and :class:`RelationshipInput` are what it accepts
(already validated by :mod:`kamgraph.domain.rules`).
"""

from __future__ import annotations

import builtins
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class NodeKind(enum.Enum):
    COMPANY = "COMPANY"
    PERSON = "PERSON"
    INTEREST = "INTEREST"
    PRODUCT = "PRODUCT"
    OPPORTUNITY = "OPPORTUNITY"

    @property
    def label(self) -> str:
        """The Neo4j label (and display name) of the kind: ``Company``."""
        return self.value.capitalize()


class Tier(enum.Enum):
    STRATEGIC = "STRATEGIC"
    KEY = "KEY"
    GROWTH = "GROWTH"
    STANDARD = "STANDARD"


class AccountStatus(enum.Enum):
    PROSPECT = "PROSPECT"
    CUSTOMER = "CUSTOMER"
    FORMER = "FORMER"


class Seniority(enum.Enum):
    C_LEVEL = "C_LEVEL"
    VP = "VP"
    DIRECTOR = "DIRECTOR"
    MANAGER = "MANAGER"
    INDIVIDUAL = "INDIVIDUAL"


class Stage(enum.Enum):
    PROSPECTING = "PROSPECTING"
    QUALIFYING = "QUALIFYING"
    PROPOSAL = "PROPOSAL"
    NEGOTIATION = "NEGOTIATION"
    WON = "WON"
    LOST = "LOST"

    @property
    def is_open(self) -> bool:
        return self not in (Stage.WON, Stage.LOST)


class BuyingRole(enum.Enum):
    ECONOMIC_BUYER = "ECONOMIC_BUYER"
    TECHNICAL_BUYER = "TECHNICAL_BUYER"
    USER_BUYER = "USER_BUYER"
    COACH = "COACH"
    BLOCKER = "BLOCKER"


class Stance(enum.Enum):
    CHAMPION = "CHAMPION"
    SUPPORTER = "SUPPORTER"
    NEUTRAL = "NEUTRAL"
    SKEPTIC = "SKEPTIC"
    OPPONENT = "OPPONENT"


class CoverageRole(enum.Enum):
    ACCOUNT_OWNER = "ACCOUNT_OWNER"
    EXECUTIVE_SPONSOR = "EXECUTIVE_SPONSOR"
    SPECIALIST = "SPECIALIST"
    SUPPORT = "SUPPORT"


class InterestCategory(enum.Enum):
    SPORT = "SPORT"
    HOBBY = "HOBBY"
    PROFESSIONAL = "PROFESSIONAL"
    CAUSE = "CAUSE"
    OTHER = "OTHER"


class RelationshipKind(enum.Enum):
    WORKS_AT = "WORKS_AT"
    REPORTS_TO = "REPORTS_TO"
    KNOWS = "KNOWS"
    INTERESTED_IN = "INTERESTED_IN"
    COVERS = "COVERS"
    SUPPLIES = "SUPPLIES"
    COMPETES_WITH = "COMPETES_WITH"
    PARTNERS_WITH = "PARTNERS_WITH"
    SUBSIDIARY_OF = "SUBSIDIARY_OF"
    OFFERS = "OFFERS"
    USES = "USES"
    TARGETS = "TARGETS"
    PROPOSES = "PROPOSES"
    AGAINST = "AGAINST"
    INFLUENCES = "INFLUENCES"

    @property
    def undirected(self) -> bool:
        """One tie however it is named, found from either end."""
        return self in UNDIRECTED


UNDIRECTED = frozenset(
    {RelationshipKind.KNOWS, RelationshipKind.COMPETES_WITH, RelationshipKind.PARTNERS_WITH}
)


class TieKind(enum.Enum):
    KNOWS = "KNOWS"
    REPORTS_TO = "REPORTS_TO"
    COLLEAGUE = "COLLEAGUE"
    FORMER_COLLEAGUE = "FORMER_COLLEAGUE"
    SHARED_INTEREST = "SHARED_INTEREST"


#: Default strength of each tie kind (KNOWS: a multiplier of each tie's own strength).
DEFAULT_TIE_WEIGHTS: Mapping[TieKind, float] = {
    TieKind.KNOWS: 1.0,
    TieKind.REPORTS_TO: 0.8,
    TieKind.COLLEAGUE: 0.3,
    TieKind.FORMER_COLLEAGUE: 0.25,
    TieKind.SHARED_INTEREST: 0.1,
}

#: Default strength of a KNOWS tie created without one.
DEFAULT_KNOWS_STRENGTH = 0.5


class Direction(enum.Enum):
    UPSTREAM = "UPSTREAM"
    DOWNSTREAM = "DOWNSTREAM"
    BOTH = "BOTH"


class WinLossGroup(enum.Enum):
    COMPETITOR = "COMPETITOR"
    PRODUCT = "PRODUCT"
    INDUSTRY = "INDUSTRY"


class End(enum.Enum):
    """Which end of a relationship a batch read starts from."""

    OUT = "OUT"  # the node is the relationship's `from`
    IN = "IN"  # the node is the relationship's `to`
    BOTH = "BOTH"


# --------------------------------------------------------------------------
# Property specifications
# --------------------------------------------------------------------------


class PropType(enum.Enum):
    STRING = "string"
    FLOAT = "float"
    INT = "int"
    BOOL = "bool"
    DATE = "date"  # ISO-8601 YYYY-MM-DD, stored as the string
    STRINGS = "list of strings"
    ENUM = "enum"


@dataclass(frozen=True, slots=True)
class PropSpec:
    """One property: its type, whether it is required, and its range."""

    type: PropType
    required: bool = False
    enum: builtins.type[enum.Enum] | None = None
    min: float | None = None
    max: float | None = None
    max_length: int | None = None  # strings: tighter than validation.MAX_STRING_LENGTH
    personal: bool = False  # personal data (hidden from viewers, erased on request)


S = PropSpec(PropType.STRING)
F = PropSpec(PropType.FLOAT)
D = PropSpec(PropType.DATE)
NONNEG = PropSpec(PropType.FLOAT, min=0.0)
UNIT = PropSpec(PropType.FLOAT, min=0.0, max=1.0)


def _enum(e: type[enum.Enum], required: bool = False) -> PropSpec:
    return PropSpec(PropType.ENUM, enum=e, required=required)


#: Names are indexed for search (Neo4j's index terms must stay well under 32 KB).
MAX_NAME_LENGTH = 1_000
NAME = PropSpec(PropType.STRING, required=True, max_length=MAX_NAME_LENGTH)

NODE_PROPS: Mapping[NodeKind, Mapping[str, PropSpec]] = {
    NodeKind.COMPANY: {
        "name": NAME,
        "industry": S,
        "country": S,
        "tier": _enum(Tier),
        "status": _enum(AccountStatus),
        "home": PropSpec(PropType.BOOL),
        "annualRevenue": NONNEG,
        "currentSpend": NONNEG,
        "potentialSpend": NONNEG,
        "website": S,
        "tags": PropSpec(PropType.STRINGS),
    },
    NodeKind.PERSON: {
        "name": NAME,
        "title": S,
        "department": S,
        "seniority": _enum(Seniority),
        "decisionMaker": PropSpec(PropType.BOOL),
        "email": PropSpec(PropType.STRING, personal=True),
        "phone": PropSpec(PropType.STRING, personal=True),
        "location": PropSpec(PropType.STRING, personal=True),
        "notes": PropSpec(PropType.STRING, personal=True),
    },
    NodeKind.INTEREST: {"name": NAME, "category": _enum(InterestCategory)},
    NodeKind.PRODUCT: {"name": NAME, "category": S},
    NodeKind.OPPORTUNITY: {
        "name": NAME,
        "stage": _enum(Stage, required=True),
        "amount": NONNEG,
        "closeDate": D,
        "lossReason": S,
    },
}


@dataclass(frozen=True, slots=True)
class RelSpec:
    """The kinds allowed at each end of a relationship kind, and its properties."""

    from_kind: NodeKind
    to_kind: NodeKind
    props: Mapping[str, PropSpec] = field(default_factory=dict)


_C, _P = NodeKind.COMPANY, NodeKind.PERSON
REL_SPECS: Mapping[RelationshipKind, RelSpec] = {
    RelationshipKind.WORKS_AT: RelSpec(
        _P, _C, {"title": S, "since": D, "until": D, "current": PropSpec(PropType.BOOL)}
    ),
    RelationshipKind.REPORTS_TO: RelSpec(_P, _P),
    RelationshipKind.KNOWS: RelSpec(
        _P, _P, {"strength": UNIT, "since": D, "lastContact": D, "source": S}
    ),
    RelationshipKind.INTERESTED_IN: RelSpec(
        _P, NodeKind.INTEREST, {"level": PropSpec(PropType.INT, min=1, max=3)}
    ),
    RelationshipKind.COVERS: RelSpec(_P, _C, {"role": _enum(CoverageRole)}),
    RelationshipKind.SUPPLIES: RelSpec(_C, _C, {"category": S, "share": UNIT, "since": D}),
    RelationshipKind.COMPETES_WITH: RelSpec(_C, _C),
    RelationshipKind.PARTNERS_WITH: RelSpec(_C, _C),
    RelationshipKind.SUBSIDIARY_OF: RelSpec(_C, _C),
    RelationshipKind.OFFERS: RelSpec(_C, NodeKind.PRODUCT),
    RelationshipKind.USES: RelSpec(
        _C,
        NodeKind.PRODUCT,
        {
            "since": D,
            "contractEnd": D,
            "satisfaction": PropSpec(PropType.INT, min=1, max=5),
            "spend": NONNEG,
        },
    ),
    RelationshipKind.TARGETS: RelSpec(NodeKind.OPPORTUNITY, _C),
    RelationshipKind.PROPOSES: RelSpec(NodeKind.OPPORTUNITY, NodeKind.PRODUCT),
    RelationshipKind.AGAINST: RelSpec(NodeKind.OPPORTUNITY, _C),
    RelationshipKind.INFLUENCES: RelSpec(
        _P, NodeKind.OPPORTUNITY, {"role": _enum(BuyingRole), "stance": _enum(Stance)}
    ),
}

#: Relationship properties filled in when a relationship is created without them.
REL_DEFAULTS: Mapping[RelationshipKind, Mapping[str, Any]] = {
    RelationshipKind.WORKS_AT: {"current": True},
    RelationshipKind.KNOWS: {"strength": DEFAULT_KNOWS_STRENGTH},
}


# --------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------


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
