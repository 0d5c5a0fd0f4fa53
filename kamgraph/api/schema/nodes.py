"""The node types: Company, Person, Interest, Product, Opportunity.

Scalar properties are plain fields (see :mod:`kamgraph.api.schema.objects`); linked
nodes and relationships are fields of :mod:`kamgraph.api.schema.relations`, read
through the request's DataLoaders. Only the fields with arguments have resolvers of
their own.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Annotated, ClassVar

import strawberry

from kamgraph.api.loaders import Info
from kamgraph.api.schema.connections import PersonConnection
from kamgraph.api.schema.enums import AccountStatus, Seniority, Stage, Tier
from kamgraph.api.schema.objects import NodeType
from kamgraph.api.schema.paging import check_first, decode_cursor
from kamgraph.api.schema.relations import linked, prefetch_selected, related, relationships
from kamgraph.api.schema.relationships import (
    Acquaintance,
    Coverage,
    Employment,
    Influence,
    ProductUsage,
    SupplyLink,
)
from kamgraph.domain import model as domain
from kamgraph.domain.model import End
from kamgraph.domain.model import NodeKind as NK
from kamgraph.domain.model import RelationshipKind as RK

#: the deepest org chart one request may ask for
MAX_DEPTH = 50


def _current(rel: domain.Relationship) -> bool:
    return bool(rel.get("current", True))


@strawberry.type(description="One person of an org chart; `managerId` is null at level 0.")
class OrgChartEntry:
    person: Person
    managerId: strawberry.ID | None
    level: int


async def _people(
    root: Company,
    info: Info,
    first: int | None = 50,
    after: str | None = None,
    current_only: bool | None = True,
) -> PersonConnection:
    ctx = info.context
    first = check_first(50 if first is None else first, ctx.settings.limits.max_first)
    current_only = current_only is not False
    after_id = decode_cursor(after)
    rels = await ctx.loaders.related(root.node.id, RK.WORKS_AT, End.IN)
    ids = sorted({r.from_id for r in rels if not current_only or _current(r)})
    rest = [i for i in ids if after_id is None or i > after_id]
    page = rest[:first]
    # the people and the relations they select are read at the same time
    # (a WORKS_AT comes from a person, so the page's ids are theirs)
    people, _ = await asyncio.gather(
        ctx.loaders.many(page, NK.PERSON), prefetch_selected(info, Person, page, ("edges", "node"))
    )
    return PersonConnection.of(people, len(rest) > first, len(ids), info)


async def _org_chart(
    root: Company,
    info: Info,
    root_id: Annotated[strawberry.ID | None, strawberry.argument(name="root")] = None,
    depth: int | None = 3,
) -> list[OrgChartEntry]:
    ctx = info.context
    depth = check_first(3 if depth is None else depth, MAX_DEPTH, "depth")
    entries = await ctx.loaders.org_charts.load((root.node.id, root_id, depth))
    ctx.loaders.prime(e.person for e in entries)
    await prefetch_selected(info, Person, [e.person.id for e in entries], ("person",))
    from_node = Person.from_node
    return [
        OrgChartEntry(
            person=from_node(e.person),
            managerId=None if e.manager_id is None else strawberry.ID(e.manager_id),
            level=e.level,
        )
        for e in entries
    ]


@strawberry.type
class Company(NodeType):
    node_kind: ClassVar[domain.NodeKind] = NK.COMPANY
    industry: str | None = None
    country: str | None = None
    tier: Tier | None = None
    status: AccountStatus | None = None
    home: bool = False
    annualRevenue: float | None = None
    currentSpend: float | None = None
    potentialSpend: float | None = None
    website: str | None = None
    tags: list[str] = strawberry.field(default_factory=list)

    people: PersonConnection = strawberry.field(
        resolver=_people, description="People who work here, by id (current only by default)."
    )
    org_chart: list[OrgChartEntry] = strawberry.field(
        resolver=_org_chart,
        description="The reporting lines among the current people, as a flat list: level 0 is "
        "whoever has no manager inside the company (or `root`), down to level `depth`.",
    )
    parent: Company | None = linked(
        RK.SUBSIDIARY_OF, End.OUT, NK.COMPANY, one=True, description="The parent company (SUBSIDIARY_OF)."
    )
    subsidiaries: list[Company] = linked(RK.SUBSIDIARY_OF, End.IN, NK.COMPANY)
    suppliers: list[SupplyLink] = relationships(
        RK.SUPPLIES, End.IN, SupplyLink.from_rel, description="SUPPLIES into this company."
    )
    customers: list[SupplyLink] = relationships(
        RK.SUPPLIES, End.OUT, SupplyLink.from_rel, description="SUPPLIES out of this company."
    )
    competitors: list[Company] = linked(RK.COMPETES_WITH, End.BOTH, NK.COMPANY)
    partners: list[Company] = linked(RK.PARTNERS_WITH, End.BOTH, NK.COMPANY)
    offers: list[Product] = linked(RK.OFFERS, End.OUT, NK.PRODUCT)
    uses: list[ProductUsage] = relationships(RK.USES, End.OUT, ProductUsage.from_rel)
    opportunities: list[Opportunity] = linked(
        RK.TARGETS, End.IN, NK.OPPORTUNITY, description="Opportunities that target this company."
    )
    account_team: list[Coverage] = relationships(
        RK.COVERS, End.IN, Coverage.from_rel, description="Who of our team COVERS this company."
    )


def _knows(root: Person, info: Info, min_strength: float | None = 0) -> list[Acquaintance]:
    least = min_strength or 0.0
    me = root.node.id

    def acquaintances(rels: list[domain.Relationship]) -> list[Acquaintance]:
        return [
            Acquaintance.of(r, r.other(me))
            for r in rels
            if float(r.get("strength", domain.DEFAULT_KNOWS_STRENGTH)) >= least
        ]

    found: list[Acquaintance] = related(info, me, RK.KNOWS, End.BOTH, acquaintances)
    return found


@strawberry.type
class Person(NodeType):
    node_kind: ClassVar[domain.NodeKind] = NK.PERSON
    title: str | None = None
    department: str | None = None
    seniority: Seniority | None = None
    decisionMaker: bool = False
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    notes: str | None = None

    company: Company | None = linked(
        RK.WORKS_AT, End.OUT, NK.COMPANY, one=True, keep=_current, description="The current employer."
    )
    employment: list[Employment] = relationships(
        RK.WORKS_AT, End.OUT, Employment.from_rel, description="Every WORKS_AT, current and past."
    )
    manager: Person | None = linked(RK.REPORTS_TO, End.OUT, NK.PERSON, one=True)
    reports: list[Person] = linked(RK.REPORTS_TO, End.IN, NK.PERSON, description="Direct reports.")
    knows: list[Acquaintance] = strawberry.field(
        resolver=_knows, description="The people this person KNOWS with at least `minStrength`."
    )
    interests: list[Interest] = linked(RK.INTERESTED_IN, End.OUT, NK.INTEREST)
    influences: list[Influence] = relationships(
        RK.INFLUENCES, End.OUT, Influence.from_rel, description="The opportunities this person INFLUENCES."
    )
    covers: list[Coverage] = relationships(
        RK.COVERS, End.OUT, Coverage.from_rel, description="The companies this person COVERS."
    )


@strawberry.type
class Interest(NodeType):
    node_kind: ClassVar[domain.NodeKind] = NK.INTEREST
    category: str | None = None

    people: list[Person] = linked(RK.INTERESTED_IN, End.IN, NK.PERSON)


@strawberry.type
class Product(NodeType):
    node_kind: ClassVar[domain.NodeKind] = NK.PRODUCT
    category: str | None = None

    offered_by: list[Company] = linked(RK.OFFERS, End.IN, NK.COMPANY)
    used_by: list[ProductUsage] = relationships(RK.USES, End.IN, ProductUsage.from_rel)


@strawberry.type
class Opportunity(NodeType):
    node_kind: ClassVar[domain.NodeKind] = NK.OPPORTUNITY
    stage: Stage = Stage.PROSPECTING
    amount: float | None = None
    closeDate: dt.date | None = None
    lossReason: str | None = None

    account: Company | None = linked(
        RK.TARGETS, End.OUT, NK.COMPANY, one=True, description="The company it TARGETS."
    )
    proposes: list[Product] = linked(RK.PROPOSES, End.OUT, NK.PRODUCT)
    against: list[Company] = linked(RK.AGAINST, End.OUT, NK.COMPANY, description="Competitors in the deal.")
    influencers: list[Influence] = relationships(RK.INFLUENCES, End.IN, Influence.from_rel)


#: every concrete type that implements Node (the schema must know them all)
TYPES: tuple[type[NodeType], ...] = (Company, Person, Interest, Product, Opportunity)
