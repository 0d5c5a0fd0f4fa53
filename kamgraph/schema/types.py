"""The GraphQL object types of the graph: nodes, relationships, connections.

Types are thin: a node type holds the domain :class:`~kamgraph.domain.Node` it
shows (its scalar properties copied into fields), a relationship type holds the
domain :class:`~kamgraph.domain.Relationship`; everything linked is resolved
through the request's DataLoaders (``info.context.loaders``), never by a
per-item store call.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Annotated, Any, TypeVar

import strawberry

from kamgraph import domain
from kamgraph.domain import NODE_PROPS, REL_SPECS, End, PropSpec, PropType
from kamgraph.domain import RelationshipKind as RK
from kamgraph.errors import KamgraphError
from kamgraph.loaders import Info
from kamgraph.schema.enums import (
    GRAPHQL_ENUMS,
    AccountStatus,
    BuyingRole,
    NodeKind,
    RelationshipKind,
    Seniority,
    Stage,
    Stance,
    Tier,
)
from kamgraph.schema.fields import field
from kamgraph.schema.paging import check_first, decode_cursor, encode_cursor

#: the deepest org chart one request may ask for
MAX_DEPTH = 50

# --------------------------------------------------------------------------
# From domain values to field values
# --------------------------------------------------------------------------


def _to_graphql(spec: PropSpec, value: Any) -> Any:
    """A stored property value as its GraphQL field wants it."""
    if spec.type is PropType.ENUM and spec.enum is not None and spec.enum in GRAPHQL_ENUMS:
        return spec.enum[value]
    if spec.type is PropType.DATE:
        return dt.date.fromisoformat(value)
    if spec.type is PropType.STRINGS:
        return list(value)
    return value


@cache
def _init_fields(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls) if f.init)


def _field_values(cls: type, specs: Mapping[str, PropSpec], props: Mapping[str, Any]) -> dict[str, Any]:
    names = _init_fields(cls)
    return {
        key: _to_graphql(spec, props[key])
        for key, spec in specs.items()
        if key in names and props.get(key) is not None
    }


class DanglingReferenceError(KamgraphError):
    """A relationship names a node that is not there (deleted meanwhile)."""

    code = "NOT_FOUND"


# --------------------------------------------------------------------------
# Nodes
# --------------------------------------------------------------------------

N = TypeVar("N", bound="NodeType")


@strawberry.interface(name="Node", description="Anything in the graph: it has an id, a kind and a name.")
class NodeType:
    node: strawberry.Private[domain.Node]

    @field("The client-chosen id, unique across the whole graph.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.node.id)

    @strawberry.field
    def kind(self) -> NodeKind:
        return self.node.kind

    @strawberry.field
    def name(self) -> str:
        return self.node.name

    @classmethod
    def from_node(cls: type[N], node: domain.Node) -> N:
        return cls(node=node, **_field_values(cls, NODE_PROPS[node.kind], node.props))


@strawberry.type
class Company(NodeType):
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

    @field("People who work here, by id (current only by default).")
    async def people(
        self,
        info: Info,
        first: int | None = 50,
        after: str | None = None,
        current_only: bool | None = True,
    ) -> PersonConnection:
        ctx = info.context
        first = check_first(50 if first is None else first, ctx.settings.limits.max_first)
        current_only = current_only is not False
        after_id = decode_cursor(after)
        rels = await ctx.loaders.related(self.node.id, RK.WORKS_AT, End.IN)
        ids = sorted({r.from_id for r in rels if not current_only or r.get("current", True)})
        rest = [i for i in ids if after_id is None or i > after_id]
        people = await ctx.loaders.many(rest[:first], domain.NodeKind.PERSON)
        return PersonConnection.of(people, len(rest) > first, len(ids))

    @field(
        description="The reporting lines among the current people, as a flat list: level 0 is "
        "whoever has no manager inside the company (or `root`), down to level `depth`."
    )
    async def org_chart(
        self,
        info: Info,
        root_id: Annotated[strawberry.ID | None, strawberry.argument(name="root")] = None,
        depth: int | None = 3,
    ) -> list[OrgChartEntry]:
        ctx = info.context
        depth = check_first(3 if depth is None else depth, MAX_DEPTH, "depth")
        entries = await ctx.loaders.org_charts.load((self.node.id, root_id, depth))
        ctx.loaders.prime(e.person for e in entries)
        return [
            OrgChartEntry(
                person=Person.from_node(e.person),
                managerId=None if e.manager_id is None else strawberry.ID(e.manager_id),
                level=e.level,
            )
            for e in entries
        ]

    @field("The parent company (SUBSIDIARY_OF).")
    async def parent(self, info: Info) -> Company | None:
        found = await info.context.loaders.neighbours(
            self.node.id, RK.SUBSIDIARY_OF, End.OUT, domain.NodeKind.COMPANY
        )
        return Company.from_node(found[0]) if found else None

    @strawberry.field
    async def subsidiaries(self, info: Info) -> list[Company]:
        return await _nodes(info, self.node.id, RK.SUBSIDIARY_OF, End.IN, Company)

    @field("SUPPLIES into this company.")
    async def suppliers(self, info: Info) -> list[SupplyLink]:
        return await _rels(info, self.node.id, RK.SUPPLIES, End.IN, SupplyLink)

    @field("SUPPLIES out of this company.")
    async def customers(self, info: Info) -> list[SupplyLink]:
        return await _rels(info, self.node.id, RK.SUPPLIES, End.OUT, SupplyLink)

    @strawberry.field
    async def competitors(self, info: Info) -> list[Company]:
        return await _nodes(info, self.node.id, RK.COMPETES_WITH, End.BOTH, Company)

    @strawberry.field
    async def partners(self, info: Info) -> list[Company]:
        return await _nodes(info, self.node.id, RK.PARTNERS_WITH, End.BOTH, Company)

    @strawberry.field
    async def offers(self, info: Info) -> list[Product]:
        return await _nodes(info, self.node.id, RK.OFFERS, End.OUT, Product)

    @strawberry.field
    async def uses(self, info: Info) -> list[ProductUsage]:
        return await _rels(info, self.node.id, RK.USES, End.OUT, ProductUsage)

    @field("Opportunities that target this company.")
    async def opportunities(self, info: Info) -> list[Opportunity]:
        return await _nodes(info, self.node.id, RK.TARGETS, End.IN, Opportunity)

    @field("Who of our team COVERS this company.")
    async def account_team(self, info: Info) -> list[Coverage]:
        return await _rels(info, self.node.id, RK.COVERS, End.IN, Coverage)


@strawberry.type
class Person(NodeType):
    title: str | None = None
    department: str | None = None
    seniority: Seniority | None = None
    decisionMaker: bool = False
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    notes: str | None = None

    @field("The current employer.")
    async def company(self, info: Info) -> Company | None:
        rels = await info.context.loaders.related(self.node.id, RK.WORKS_AT, End.OUT)
        current = [r.to_id for r in rels if r.get("current", True)]
        found = await info.context.loaders.many(current[:1], domain.NodeKind.COMPANY)
        return Company.from_node(found[0]) if found else None

    @field("Every WORKS_AT, current and past.")
    async def employment(self, info: Info) -> list[Employment]:
        return await _rels(info, self.node.id, RK.WORKS_AT, End.OUT, Employment)

    @strawberry.field
    async def manager(self, info: Info) -> Person | None:
        found = await info.context.loaders.neighbours(
            self.node.id, RK.REPORTS_TO, End.OUT, domain.NodeKind.PERSON
        )
        return Person.from_node(found[0]) if found else None

    @field("Direct reports.")
    async def reports(self, info: Info) -> list[Person]:
        return await _nodes(info, self.node.id, RK.REPORTS_TO, End.IN, Person)

    @field("The people this person KNOWS with at least `minStrength`.")
    async def knows(self, info: Info, min_strength: float | None = 0) -> list[Acquaintance]:
        min_strength = min_strength or 0.0
        rels = await info.context.loaders.related(self.node.id, RK.KNOWS, End.BOTH)
        return [
            Acquaintance.of(r, r.other(self.node.id))
            for r in rels
            if float(r.get("strength", domain.DEFAULT_KNOWS_STRENGTH)) >= min_strength
        ]

    @strawberry.field
    async def interests(self, info: Info) -> list[Interest]:
        return await _nodes(info, self.node.id, RK.INTERESTED_IN, End.OUT, Interest)

    @field("The opportunities this person INFLUENCES.")
    async def influences(self, info: Info) -> list[Influence]:
        return await _rels(info, self.node.id, RK.INFLUENCES, End.OUT, Influence)

    @field("The companies this person COVERS.")
    async def covers(self, info: Info) -> list[Coverage]:
        return await _rels(info, self.node.id, RK.COVERS, End.OUT, Coverage)


@strawberry.type
class Interest(NodeType):
    category: str | None = None

    @strawberry.field
    async def people(self, info: Info) -> list[Person]:
        return await _nodes(info, self.node.id, RK.INTERESTED_IN, End.IN, Person)


@strawberry.type
class Product(NodeType):
    category: str | None = None

    @strawberry.field
    async def offered_by(self, info: Info) -> list[Company]:
        return await _nodes(info, self.node.id, RK.OFFERS, End.IN, Company)

    @strawberry.field
    async def used_by(self, info: Info) -> list[ProductUsage]:
        return await _rels(info, self.node.id, RK.USES, End.IN, ProductUsage)


@strawberry.type
class Opportunity(NodeType):
    stage: Stage = Stage.PROSPECTING
    amount: float | None = None
    closeDate: dt.date | None = None
    lossReason: str | None = None

    @field("The company it TARGETS.")
    async def account(self, info: Info) -> Company | None:
        found = await info.context.loaders.neighbours(
            self.node.id, RK.TARGETS, End.OUT, domain.NodeKind.COMPANY
        )
        return Company.from_node(found[0]) if found else None

    @strawberry.field
    async def proposes(self, info: Info) -> list[Product]:
        return await _nodes(info, self.node.id, RK.PROPOSES, End.OUT, Product)

    @field("Competitors in the deal.")
    async def against(self, info: Info) -> list[Company]:
        return await _nodes(info, self.node.id, RK.AGAINST, End.OUT, Company)

    @strawberry.field
    async def influencers(self, info: Info) -> list[Influence]:
        return await _rels(info, self.node.id, RK.INFLUENCES, End.IN, Influence)


NODE_TYPES: Mapping[domain.NodeKind, type[NodeType]] = {
    domain.NodeKind.COMPANY: Company,
    domain.NodeKind.PERSON: Person,
    domain.NodeKind.INTEREST: Interest,
    domain.NodeKind.PRODUCT: Product,
    domain.NodeKind.OPPORTUNITY: Opportunity,
}


def wrap(node: domain.Node) -> NodeType:
    """The GraphQL object of a domain node, of the type of its kind."""
    return NODE_TYPES[node.kind].from_node(node)


async def load_as(info: Info, node_id: str, cls: type[N]) -> N:
    """The node ``node_id`` (which a relationship names, so it must exist) as ``cls``."""
    node = await info.context.loaders.node(node_id)
    if node is None:
        raise DanglingReferenceError(f"no node has id {node_id!r}")
    return cls.from_node(node)


async def _nodes(info: Info, node_id: str, kind: RK, end: End, cls: type[N]) -> list[N]:
    want = next(k for k, t in NODE_TYPES.items() if t is cls)
    found = await info.context.loaders.neighbours(node_id, kind, end, want)
    return [cls.from_node(n) for n in found]


# --------------------------------------------------------------------------
# Relationships with properties
# --------------------------------------------------------------------------

R = TypeVar("R", bound="RelationshipType")


@strawberry.type
class RelationshipType:
    rel: strawberry.Private[domain.Relationship]

    @classmethod
    def from_rel(cls: type[R], rel: domain.Relationship) -> R:
        return cls(rel=rel, **_field_values(cls, REL_SPECS[rel.kind].props, rel.props))


async def _rels(info: Info, node_id: str, kind: RK, end: End, cls: type[R]) -> list[R]:
    rels = await info.context.loaders.related(node_id, kind, end)
    return [cls.from_rel(r) for r in rels]


@strawberry.type(description="A WORKS_AT, seen from the person.")
class Employment(RelationshipType):
    title: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    current: bool = True

    @strawberry.field
    async def company(self, info: Info) -> Company:
        return await load_as(info, self.rel.to_id, Company)


@strawberry.type(description="A KNOWS tie, seen from one of its people: `person` is the other.")
class Acquaintance(RelationshipType):
    other_id: strawberry.Private[str] = ""
    strength: float = domain.DEFAULT_KNOWS_STRENGTH
    since: dt.date | None = None
    lastContact: dt.date | None = None
    source: str | None = None

    @classmethod
    def of(cls, rel: domain.Relationship, other_id: str) -> Acquaintance:
        return dataclasses.replace(cls.from_rel(rel), other_id=other_id)

    @strawberry.field
    async def person(self, info: Info) -> Person:
        return await load_as(info, self.other_id, Person)


@strawberry.type(description="A COVERS: someone of our team looks after a company.")
class Coverage(RelationshipType):
    role: str | None = None

    @strawberry.field
    async def person(self, info: Info) -> Person:
        return await load_as(info, self.rel.from_id, Person)

    @strawberry.field
    async def company(self, info: Info) -> Company:
        return await load_as(info, self.rel.to_id, Company)


@strawberry.type(description="A SUPPLIES: the supplier sells into the customer.")
class SupplyLink(RelationshipType):
    category: str | None = None
    share: float | None = None
    since: dt.date | None = None

    @strawberry.field
    async def supplier(self, info: Info) -> Company:
        return await load_as(info, self.rel.from_id, Company)

    @strawberry.field
    async def customer(self, info: Info) -> Company:
        return await load_as(info, self.rel.to_id, Company)


@strawberry.type(description="A USES: a company uses a product.")
class ProductUsage(RelationshipType):
    since: dt.date | None = None
    contractEnd: dt.date | None = None
    satisfaction: int | None = None
    spend: float | None = None

    @strawberry.field
    async def company(self, info: Info) -> Company:
        return await load_as(info, self.rel.from_id, Company)

    @strawberry.field
    async def product(self, info: Info) -> Product:
        return await load_as(info, self.rel.to_id, Product)


@strawberry.type(description="An INFLUENCES: a person's role and stance in an opportunity.")
class Influence(RelationshipType):
    role: BuyingRole | None = None
    stance: Stance | None = None

    @strawberry.field
    async def person(self, info: Info) -> Person:
        return await load_as(info, self.rel.from_id, Person)

    @strawberry.field
    async def opportunity(self, info: Info) -> Opportunity:
        return await load_as(info, self.rel.to_id, Opportunity)


@strawberry.type(name="Relationship", description="Any relationship, by its kind and ends.")
class RelationshipRef(RelationshipType):
    @strawberry.field
    def kind(self) -> RelationshipKind:
        return self.rel.kind

    @field(name="from")
    async def from_(self, info: Info) -> NodeType:
        return wrap(await _must_node(info, self.rel.from_id))

    @strawberry.field
    async def to(self, info: Info) -> NodeType:
        return wrap(await _must_node(info, self.rel.to_id))


async def _must_node(info: Info, node_id: str) -> domain.Node:
    node = await info.context.loaders.node(node_id)
    if node is None:
        raise DanglingReferenceError(f"no node has id {node_id!r}")
    return node


@strawberry.type(description="One person of an org chart; `managerId` is null at level 0.")
class OrgChartEntry:
    person: Person
    managerId: strawberry.ID | None
    level: int


# --------------------------------------------------------------------------
# Connections
# --------------------------------------------------------------------------


@strawberry.type
class PageInfo:
    hasNextPage: bool
    endCursor: str | None


@strawberry.type
class CompanyEdge:
    cursor: str
    node: Company


@strawberry.type
class CompanyConnection:
    edges: list[CompanyEdge]
    pageInfo: PageInfo
    totalCount: int

    @classmethod
    def of(cls, nodes: Sequence[domain.Node], has_next: bool, total: int) -> CompanyConnection:
        edges = [CompanyEdge(cursor=encode_cursor(n.id), node=Company.from_node(n)) for n in nodes]
        end = edges[-1].cursor if edges else None
        return cls(edges=edges, pageInfo=PageInfo(hasNextPage=has_next, endCursor=end), totalCount=total)


@strawberry.type
class PersonEdge:
    cursor: str
    node: Person


@strawberry.type
class PersonConnection:
    edges: list[PersonEdge]
    pageInfo: PageInfo
    totalCount: int

    @classmethod
    def of(cls, nodes: Sequence[domain.Node], has_next: bool, total: int) -> PersonConnection:
        edges = [PersonEdge(cursor=encode_cursor(n.id), node=Person.from_node(n)) for n in nodes]
        end = edges[-1].cursor if edges else None
        return cls(edges=edges, pageInfo=PageInfo(hasNextPage=has_next, endCursor=end), totalCount=total)


#: every concrete type that implements Node (the schema must know them all)
TYPES: tuple[type, ...] = (Company, Person, Interest, Product, Opportunity)
