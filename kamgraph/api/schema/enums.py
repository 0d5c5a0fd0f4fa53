"""The GraphQL enums: the domain's own enums, registered with strawberry.

Each is the :mod:`kamgraph.domain.model` class itself (same members, same names), so
resolvers hand domain values straight to GraphQL and back.
"""

from __future__ import annotations

import strawberry

from kamgraph.domain.model import (
    AccountStatus,
    BuyingRole,
    Direction,
    NodeKind,
    RelationshipKind,
    Seniority,
    Stage,
    Stance,
    TieKind,
    Tier,
    WinLossGroup,
)

#: every domain enum that the contract exposes, by its GraphQL name
GRAPHQL_ENUMS = (
    NodeKind,
    Tier,
    AccountStatus,
    Seniority,
    Stage,
    BuyingRole,
    Stance,
    RelationshipKind,
    TieKind,
    Direction,
    WinLossGroup,
)

for _enum in GRAPHQL_ENUMS:
    strawberry.enum(_enum)

__all__ = [
    "GRAPHQL_ENUMS",
    "AccountStatus",
    "BuyingRole",
    "Direction",
    "NodeKind",
    "RelationshipKind",
    "Seniority",
    "Stage",
    "Stance",
    "TieKind",
    "Tier",
    "WinLossGroup",
]
