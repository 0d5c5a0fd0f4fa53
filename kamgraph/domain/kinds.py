"""The kinds of the domain: node and relationship kinds, and the enumerations of
property values and analysis options (see docs/domain.md)."""

from __future__ import annotations

import enum
from collections.abc import Mapping


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
