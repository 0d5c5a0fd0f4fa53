"""The domain's table of rules: every property of every node and relationship kind.

For each node kind and relationship kind: its properties, each with its type,
range, enum, whether it is required, whether it is personal data and whether
at most one node may hold it true (a company's ``home``); for each
relationship kind the kinds of its ends, and whether the relationship itself is
personal data. Writes and imports are validated against this table alone
(:mod:`kamgraph.domain.rules`); the GraphQL layer derives from it which fields
need the analyst role.
"""

from __future__ import annotations

import builtins
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kamgraph.domain.kinds import (
    DEFAULT_KNOWS_STRENGTH,
    AccountStatus,
    BuyingRole,
    CoverageRole,
    InterestCategory,
    NodeKind,
    RelationshipKind,
    Seniority,
    Stage,
    Stance,
    Tier,
)


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
    """One property: its type, whether it is required, its range, whether it is personal."""

    type: PropType
    required: bool = False
    enum: builtins.type[enum.Enum] | None = None
    min: float | None = None
    max: float | None = None
    max_length: int | None = None  # strings: tighter than values.MAX_STRING_LENGTH
    personal: bool = False  # personal data (analyst and up; erased with the person)
    only_one: bool = False  # true on at most one node of the kind (the home company)


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
        "home": PropSpec(PropType.BOOL, only_one=True),
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
    """The kinds allowed at each end of a relationship kind, its properties, and
    whether that it holds between its ends is personal data."""

    from_kind: NodeKind
    to_kind: NodeKind
    props: Mapping[str, PropSpec] = field(default_factory=dict)
    personal: bool = False


_C, _P = NodeKind.COMPANY, NodeKind.PERSON
REL_SPECS: Mapping[RelationshipKind, RelSpec] = {
    RelationshipKind.WORKS_AT: RelSpec(
        _P, _C, {"title": S, "since": D, "until": D, "current": PropSpec(PropType.BOOL)}
    ),
    RelationshipKind.REPORTS_TO: RelSpec(_P, _P),
    RelationshipKind.KNOWS: RelSpec(
        _P,
        _P,
        {
            "strength": PropSpec(PropType.FLOAT, min=0.0, max=1.0, personal=True),
            "since": PropSpec(PropType.DATE, personal=True),
            "lastContact": PropSpec(PropType.DATE, personal=True),
            "source": PropSpec(PropType.STRING, personal=True),
        },
    ),
    RelationshipKind.INTERESTED_IN: RelSpec(
        _P, NodeKind.INTEREST, {"level": PropSpec(PropType.INT, min=1, max=3)}, personal=True
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
