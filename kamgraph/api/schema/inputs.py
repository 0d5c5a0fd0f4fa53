"""GraphQL input types, and their conversion to the plain data the domain takes.

Every optional field defaults to ``UNSET``: a field the client left out is
left out of the dict handed to :mod:`kamgraph.domain.rules` (the property stays
as it is), while an explicit ``null`` is kept as ``None`` (the property is removed).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Any

import strawberry
from strawberry import UNSET

from kamgraph.api.schema.enums import AccountStatus, RelationshipKind, Seniority, Stage, Stance, Tier
from kamgraph.domain import model as domain


def to_data(value: object) -> dict[str, Any]:
    """The fields of an input object that were given, as plain values.

    Enums become their names and dates ISO strings; a field's GraphQL name is
    its key (``from`` for the Python ``from_``).
    """
    assert dataclasses.is_dataclass(value) and not isinstance(value, type)
    out: dict[str, Any] = {}
    for f in dataclasses.fields(value):
        v = getattr(value, f.name)
        if v is UNSET:
            continue
        out[f.name.rstrip("_")] = _plain(v)
    return out


def _plain(v: Any) -> Any:
    if isinstance(v, enum.Enum):
        return v.value
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


# --------------------------------------------------------------------------
# Filters
# --------------------------------------------------------------------------


@strawberry.input
class CompanyFilter:
    name_contains: str | None = None
    industry: str | None = None
    country: str | None = None
    tier: list[Tier] | None = None
    status: list[AccountStatus] | None = None
    tag: str | None = None
    accounts_only: bool = strawberry.field(
        default=False, description="Only accounts: not the home company, and with a tier or a status."
    )

    def to_domain(self) -> domain.CompanyFilter:
        return domain.CompanyFilter(
            name_contains=self.name_contains,
            industry=self.industry,
            country=self.country,
            tiers=None if self.tier is None else tuple(t.value for t in self.tier),
            statuses=None if self.status is None else tuple(s.value for s in self.status),
            tag=self.tag,
            accounts_only=self.accounts_only,
        )


@strawberry.input
class PersonFilter:
    name_contains: str | None = None
    company_id: strawberry.ID | None = strawberry.field(default=None, description="Currently works at.")
    seniority: list[Seniority] | None = None
    decision_maker: bool | None = None
    interest_id: strawberry.ID | None = None

    def to_domain(self) -> domain.PersonFilter:
        return domain.PersonFilter(
            name_contains=self.name_contains,
            company_id=self.company_id,
            seniorities=None if self.seniority is None else tuple(s.value for s in self.seniority),
            decision_maker=self.decision_maker,
            interest_id=self.interest_id,
        )


# --------------------------------------------------------------------------
# Node upserts (field names are the property names)
# --------------------------------------------------------------------------


@strawberry.input
class CompanyInput:
    id: strawberry.ID
    name: str
    industry: str | None = UNSET
    country: str | None = UNSET
    tier: Tier | None = UNSET
    status: AccountStatus | None = UNSET
    home: bool | None = UNSET
    annualRevenue: float | None = UNSET
    currentSpend: float | None = UNSET
    potentialSpend: float | None = UNSET
    website: str | None = UNSET
    tags: list[str] | None = UNSET


@strawberry.input
class PersonInput:
    id: strawberry.ID
    name: str
    title: str | None = UNSET
    department: str | None = UNSET
    seniority: Seniority | None = UNSET
    decisionMaker: bool | None = UNSET
    email: str | None = UNSET
    phone: str | None = UNSET
    location: str | None = UNSET
    notes: str | None = UNSET


@strawberry.input
class InterestInput:
    id: strawberry.ID
    name: str
    category: str | None = strawberry.field(
        default=UNSET, description="SPORT, HOBBY, PROFESSIONAL, CAUSE or OTHER"
    )


@strawberry.input
class ProductInput:
    id: strawberry.ID
    name: str
    category: str | None = UNSET


@strawberry.input
class OpportunityInput:
    id: strawberry.ID
    name: str
    stage: Stage
    amount: float | None = UNSET
    closeDate: dt.date | None = UNSET
    lossReason: str | None = UNSET


# --------------------------------------------------------------------------
# Relationships
# --------------------------------------------------------------------------


@strawberry.input(description="A relationship to create or update; which properties apply depends on `kind`.")
class RelationshipInput:
    kind: RelationshipKind
    from_: strawberry.ID = strawberry.field(name="from")
    to: strawberry.ID
    strength: float | None = UNSET
    title: str | None = UNSET
    since: dt.date | None = UNSET
    until: dt.date | None = UNSET
    current: bool | None = UNSET
    lastContact: dt.date | None = UNSET
    source: str | None = UNSET
    level: int | None = UNSET
    role: str | None = strawberry.field(
        default=UNSET,
        description="COVERS: ACCOUNT_OWNER, EXECUTIVE_SPONSOR, SPECIALIST or SUPPORT; "
        "INFLUENCES: a BuyingRole",
    )
    stance: Stance | None = UNSET
    category: str | None = UNSET
    share: float | None = UNSET
    contractEnd: dt.date | None = UNSET
    satisfaction: int | None = UNSET
    spend: float | None = UNSET


@strawberry.input
class RelationshipKeyInput:
    kind: RelationshipKind
    from_: strawberry.ID = strawberry.field(name="from")
    to: strawberry.ID


__all__ = [
    "CompanyFilter",
    "CompanyInput",
    "InterestInput",
    "OpportunityInput",
    "PersonFilter",
    "PersonInput",
    "ProductInput",
    "RelationshipInput",
    "RelationshipKeyInput",
    "to_data",
]
