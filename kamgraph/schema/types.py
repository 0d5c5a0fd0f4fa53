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
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from inspect import isawaitable
from typing import Annotated, Any, TypeAlias, TypeVar

import strawberry

from kamgraph import domain
from kamgraph.domain import NODE_PROPS, REL_SPECS, End, PropSpec, PropType
from kamgraph.domain import RelationshipKind as RK
from kamgraph.errors import KamgraphError
from kamgraph.loaders import Info
from kamgraph.schema import eager
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


@cache
def _init_fields(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls) if f.init)


def _convert_date(value: Any) -> Any:
    return dt.date.fromisoformat(value)


def _converter(spec: PropSpec) -> Callable[[Any], Any] | None:
    """How a stored value of ``spec`` becomes its field's value (``None``: as it is)."""
    if spec.type is PropType.ENUM and spec.enum is not None and spec.enum in GRAPHQL_ENUMS:
        return spec.enum.__getitem__
    if spec.type is PropType.DATE:
        return _convert_date
    if spec.type is PropType.STRINGS:
        return list
    return None


_Plan: TypeAlias = tuple[tuple[str, Callable[[Any], Any] | None], ...]
#: by (type, id of its property specs): the specs are module constants of kamgraph.domain
_PLANS: dict[tuple[type, int], tuple[Mapping[str, PropSpec], _Plan]] = {}
#: fields a node type fills from the node itself, not from its properties
_FROM_NODE = frozenset({"node", "id", "kind", "name"})


def _plan(cls: type, specs: Mapping[str, PropSpec]) -> _Plan:
    """The properties of ``specs`` that ``cls`` has fields for, each with its converter."""
    hit = _PLANS.get((cls, id(specs)))
    if hit is not None and hit[0] is specs:
        return hit[1]
    names = _init_fields(cls) - _FROM_NODE
    plan = tuple((key, _converter(spec)) for key, spec in specs.items() if key in names)
    _PLANS[(cls, id(specs))] = (specs, plan)
    return plan


def _field_values(cls: type, specs: Mapping[str, PropSpec], props: Mapping[str, Any]) -> dict[str, Any]:
    """The field values of ``cls`` from stored properties (absent and null ones left out).

    >>> spec = domain.NODE_PROPS[domain.NodeKind.OPPORTUNITY]
    >>> _field_values(Opportunity, spec, {"stage": "WON", "closeDate": "2025-01-31", "amount": None})
    {'stage': <Stage.WON: 'WON'>, 'closeDate': datetime.date(2025, 1, 31)}
    """
    out: dict[str, Any] = {}
    for key, convert in _plan(cls, specs):
        value = props.get(key)
        if value is not None:
            out[key] = value if convert is None else convert(value)
    return out


class DanglingReferenceError(KamgraphError):
    """A relationship names a node that is not there (deleted meanwhile)."""

    code = "NOT_FOUND"


# --------------------------------------------------------------------------
# Nodes
# --------------------------------------------------------------------------

N = TypeVar("N", bound="NodeType")


@strawberry.interface(name="Node", description="Anything in the graph: it has an id, a kind and a name.")
class NodeType:
    # id, kind and name are plain fields (copied from the node), not resolvers:
    # strawberry then reads them as attributes, without a resolver call each
    node: strawberry.Private[domain.Node]
    id: strawberry.ID = strawberry.field(description="The client-chosen id, unique across the whole graph.")
    kind: NodeKind = strawberry.field()
    name: str = strawberry.field()

    @classmethod
    def from_node(cls: type[N], node: domain.Node) -> N:
        return cls(
            node=node,
            id=strawberry.ID(node.id),
            kind=node.kind,
            name=node.name,
            **_field_values(cls, NODE_PROPS[node.kind], node.props),
        )


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
        await eager.prefetch_selected(info, "Person", [p.id for p in people], ("edges", "node"))
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
        await eager.prefetch_selected(info, "Person", [e.person.id for e in entries], ("person",))
        from_node = Person.from_node
        return [
            OrgChartEntry(
                person=from_node(e.person),
                managerId=None if e.manager_id is None else strawberry.ID(e.manager_id),
                level=e.level,
            )
            for e in entries
        ]

    @field("The parent company (SUBSIDIARY_OF).")
    def parent(self, info: Info) -> Company | None:
        return _one(info, self.node.id, RK.SUBSIDIARY_OF, End.OUT, Company)

    @strawberry.field
    def subsidiaries(self, info: Info) -> list[Company]:
        return _nodes(info, self.node.id, RK.SUBSIDIARY_OF, End.IN, Company)

    @field("SUPPLIES into this company.")
    def suppliers(self, info: Info) -> list[SupplyLink]:
        return _rels(info, self.node.id, RK.SUPPLIES, End.IN, SupplyLink)

    @field("SUPPLIES out of this company.")
    def customers(self, info: Info) -> list[SupplyLink]:
        return _rels(info, self.node.id, RK.SUPPLIES, End.OUT, SupplyLink)

    @strawberry.field
    def competitors(self, info: Info) -> list[Company]:
        return _nodes(info, self.node.id, RK.COMPETES_WITH, End.BOTH, Company)

    @strawberry.field
    def partners(self, info: Info) -> list[Company]:
        return _nodes(info, self.node.id, RK.PARTNERS_WITH, End.BOTH, Company)

    @strawberry.field
    def offers(self, info: Info) -> list[Product]:
        return _nodes(info, self.node.id, RK.OFFERS, End.OUT, Product)

    @strawberry.field
    def uses(self, info: Info) -> list[ProductUsage]:
        return _rels(info, self.node.id, RK.USES, End.OUT, ProductUsage)

    @field("Opportunities that target this company.")
    def opportunities(self, info: Info) -> list[Opportunity]:
        return _nodes(info, self.node.id, RK.TARGETS, End.IN, Opportunity)

    @field("Who of our team COVERS this company.")
    def account_team(self, info: Info) -> list[Coverage]:
        return _rels(info, self.node.id, RK.COVERS, End.IN, Coverage)


def _current_employer(info: Info, rels: list[domain.Relationship]) -> Company | None:
    current = [r.to_id for r in rels if r.get("current", True)]
    if not current:
        return None
    return eager.node(info, current[0], _as_company)


def _as_company(node: domain.Node | None) -> Company | None:
    return Company.from_node(node) if node is not None and node.kind is domain.NodeKind.COMPANY else None


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
    def company(self, info: Info) -> Company | None:
        loaders = info.context.loaders
        rels = loaders.peek_related(self.node.id, RK.WORKS_AT, End.OUT)
        if rels is not None:
            return _current_employer(info, rels)

        async def load() -> Company | None:
            found = _current_employer(info, await loaders.related(self.node.id, RK.WORKS_AT, End.OUT))
            return await found if isawaitable(found) else found

        return eager.later(load())

    @field("Every WORKS_AT, current and past.")
    def employment(self, info: Info) -> list[Employment]:
        return _rels(info, self.node.id, RK.WORKS_AT, End.OUT, Employment)

    @strawberry.field
    def manager(self, info: Info) -> Person | None:
        return _one(info, self.node.id, RK.REPORTS_TO, End.OUT, Person)

    @field("Direct reports.")
    def reports(self, info: Info) -> list[Person]:
        return _nodes(info, self.node.id, RK.REPORTS_TO, End.IN, Person)

    @field("The people this person KNOWS with at least `minStrength`.")
    def knows(self, info: Info, min_strength: float | None = 0) -> list[Acquaintance]:
        least = min_strength or 0.0
        me = self.node.id

        def acquaintances(rels: list[domain.Relationship]) -> list[Acquaintance]:
            return [
                Acquaintance.of(r, r.other(me))
                for r in rels
                if float(r.get("strength", domain.DEFAULT_KNOWS_STRENGTH)) >= least
            ]

        return eager.related(info, me, RK.KNOWS, End.BOTH, acquaintances)

    @strawberry.field
    def interests(self, info: Info) -> list[Interest]:
        return _nodes(info, self.node.id, RK.INTERESTED_IN, End.OUT, Interest)

    @field("The opportunities this person INFLUENCES.")
    def influences(self, info: Info) -> list[Influence]:
        return _rels(info, self.node.id, RK.INFLUENCES, End.OUT, Influence)

    @field("The companies this person COVERS.")
    def covers(self, info: Info) -> list[Coverage]:
        return _rels(info, self.node.id, RK.COVERS, End.OUT, Coverage)


@strawberry.type
class Interest(NodeType):
    category: str | None = None

    @strawberry.field
    def people(self, info: Info) -> list[Person]:
        return _nodes(info, self.node.id, RK.INTERESTED_IN, End.IN, Person)


@strawberry.type
class Product(NodeType):
    category: str | None = None

    @strawberry.field
    def offered_by(self, info: Info) -> list[Company]:
        return _nodes(info, self.node.id, RK.OFFERS, End.IN, Company)

    @strawberry.field
    def used_by(self, info: Info) -> list[ProductUsage]:
        return _rels(info, self.node.id, RK.USES, End.IN, ProductUsage)


@strawberry.type
class Opportunity(NodeType):
    stage: Stage = Stage.PROSPECTING
    amount: float | None = None
    closeDate: dt.date | None = None
    lossReason: str | None = None

    @field("The company it TARGETS.")
    def account(self, info: Info) -> Company | None:
        return _one(info, self.node.id, RK.TARGETS, End.OUT, Company)

    @strawberry.field
    def proposes(self, info: Info) -> list[Product]:
        return _nodes(info, self.node.id, RK.PROPOSES, End.OUT, Product)

    @field("Competitors in the deal.")
    def against(self, info: Info) -> list[Company]:
        return _nodes(info, self.node.id, RK.AGAINST, End.OUT, Company)

    @strawberry.field
    def influencers(self, info: Info) -> list[Influence]:
        return _rels(info, self.node.id, RK.INFLUENCES, End.IN, Influence)


NODE_TYPES: Mapping[domain.NodeKind, type[NodeType]] = {
    domain.NodeKind.COMPANY: Company,
    domain.NodeKind.PERSON: Person,
    domain.NodeKind.INTEREST: Interest,
    domain.NodeKind.PRODUCT: Product,
    domain.NodeKind.OPPORTUNITY: Opportunity,
}
_KIND_OF: Mapping[type[NodeType], domain.NodeKind] = {t: k for k, t in NODE_TYPES.items()}


def wrap(node: domain.Node) -> NodeType:
    """The GraphQL object of a domain node, of the type of its kind."""
    return NODE_TYPES[node.kind].from_node(node)


def load_as(info: Info, node_id: str, cls: type[N]) -> N:
    """The node ``node_id`` (which a relationship names, so it must exist) as ``cls``
    (at once when it has been read, else an awaitable of it)."""

    def convert(node: domain.Node | None) -> N:
        if node is None:
            raise DanglingReferenceError(f"no node has id {node_id!r}")
        return cls.from_node(node)

    return eager.node(info, node_id, convert)


def _nodes(info: Info, node_id: str, kind: RK, end: End, cls: type[N]) -> list[N]:
    return eager.neighbours(info, node_id, kind, end, _KIND_OF[cls], eager.each(cls.from_node))


def _one(info: Info, node_id: str, kind: RK, end: End, cls: type[N]) -> N | None:
    return eager.neighbours(info, node_id, kind, end, _KIND_OF[cls], eager.first_or_none(cls.from_node))


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


def _rels(info: Info, node_id: str, kind: RK, end: End, cls: type[R]) -> list[R]:
    return eager.related(info, node_id, kind, end, eager.each(cls.from_rel))


@strawberry.type(description="A WORKS_AT, seen from the person.")
class Employment(RelationshipType):
    title: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    current: bool = True

    @strawberry.field
    def company(self, info: Info) -> Company:
        return load_as(info, self.rel.to_id, Company)


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
    def person(self, info: Info) -> Person:
        return load_as(info, self.other_id, Person)


@strawberry.type(description="A COVERS: someone of our team looks after a company.")
class Coverage(RelationshipType):
    role: str | None = None

    @strawberry.field
    def person(self, info: Info) -> Person:
        return load_as(info, self.rel.from_id, Person)

    @strawberry.field
    def company(self, info: Info) -> Company:
        return load_as(info, self.rel.to_id, Company)


@strawberry.type(description="A SUPPLIES: the supplier sells into the customer.")
class SupplyLink(RelationshipType):
    category: str | None = None
    share: float | None = None
    since: dt.date | None = None

    @strawberry.field
    def supplier(self, info: Info) -> Company:
        return load_as(info, self.rel.from_id, Company)

    @strawberry.field
    def customer(self, info: Info) -> Company:
        return load_as(info, self.rel.to_id, Company)


@strawberry.type(description="A USES: a company uses a product.")
class ProductUsage(RelationshipType):
    since: dt.date | None = None
    contractEnd: dt.date | None = None
    satisfaction: int | None = None
    spend: float | None = None

    @strawberry.field
    def company(self, info: Info) -> Company:
        return load_as(info, self.rel.from_id, Company)

    @strawberry.field
    def product(self, info: Info) -> Product:
        return load_as(info, self.rel.to_id, Product)


@strawberry.type(description="An INFLUENCES: a person's role and stance in an opportunity.")
class Influence(RelationshipType):
    role: BuyingRole | None = None
    stance: Stance | None = None

    @strawberry.field
    def person(self, info: Info) -> Person:
        return load_as(info, self.rel.from_id, Person)

    @strawberry.field
    def opportunity(self, info: Info) -> Opportunity:
        return load_as(info, self.rel.to_id, Opportunity)


@strawberry.type(name="Relationship", description="Any relationship, by its kind and ends.")
class RelationshipRef(RelationshipType):
    @strawberry.field
    def kind(self) -> RelationshipKind:
        return self.rel.kind

    @field(name="from")
    def from_(self, info: Info) -> NodeType:
        return eager.node(info, self.rel.from_id, _must_wrap(self.rel.from_id))

    @strawberry.field
    def to(self, info: Info) -> NodeType:
        return eager.node(info, self.rel.to_id, _must_wrap(self.rel.to_id))


def _must_wrap(node_id: str) -> Callable[[domain.Node | None], NodeType]:
    def convert(node: domain.Node | None) -> NodeType:
        if node is None:
            raise DanglingReferenceError(f"no node has id {node_id!r}")
        return wrap(node)

    return convert


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
