"""The GraphQL object types of the graph: nodes, relationships, connections.

Types are thin: a node type holds the domain :class:`~kamgraph.domain.model.Node` it
shows (its scalar properties copied into fields), a relationship type holds the
domain :class:`~kamgraph.domain.model.Relationship`; everything linked is resolved
through the request's DataLoaders (``info.context.loaders``), never by a
per-item store call.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from inspect import isawaitable
from typing import Annotated, Any, TypeAlias, TypeVar, cast

import strawberry

from kamgraph.api.loaders import Info
from kamgraph.api.schema import eager
from kamgraph.api.schema.enums import (
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
from kamgraph.api.schema.fields import field
from kamgraph.api.schema.paging import check_first, decode_cursor, encode_cursor
from kamgraph.domain import model as domain
from kamgraph.domain.errors import KamgraphError
from kamgraph.domain.model import NODE_PROPS, REL_SPECS, End, PropSpec, PropType
from kamgraph.domain.model import RelationshipKind as RK

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
#: by (type, id of its property specs): the specs are module constants of kamgraph.domain.model
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


_Maker: TypeAlias = tuple[_Plan, dict[str, Any], tuple[tuple[str, Callable[[], Any]], ...]]
_MAKERS: dict[tuple[type, int], tuple[Mapping[str, PropSpec], _Maker]] = {}


def _maker(cls: type, specs: Mapping[str, PropSpec]) -> _Maker:
    """What building a ``cls`` of a node of ``specs`` needs: the property plan, the plain
    defaults of its dataclass fields and the fields whose default is made by a factory."""
    hit = _MAKERS.get((cls, id(specs)))
    if hit is not None and hit[0] is specs:
        return hit[1]
    defaults: dict[str, Any] = {}
    factories: list[tuple[str, Callable[[], Any]]] = []
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            defaults[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            factories.append((f.name, f.default_factory))
    made = (_plan(cls, specs), defaults, tuple(factories))
    _MAKERS[(cls, id(specs))] = (specs, made)
    return made


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
        """The object of ``node``: as ``cls(node=node, id=node.id, kind=node.kind,
        name=node.name, **_field_values(...))``, built without the dataclass ``__init__``
        (its fields' defaults are planned once per type).

        >>> n = domain.Node("p1", domain.NodeKind.PERSON, {"name": "Ann", "seniority": "VP"})
        >>> p = Person.from_node(n)
        >>> (p.id, p.name, p.seniority, p.title, p.decisionMaker)
        ('p1', 'Ann', <Seniority.VP: 'VP'>, None, False)
        """
        plan, defaults, factories = _maker(cls, NODE_PROPS[node.kind])
        values = dict(defaults)
        for key, factory in factories:
            values[key] = factory()
        props = node.props
        values["node"], values["id"], values["kind"] = node, node.id, node.kind
        values["name"] = str(props.get("name", ""))
        for key, convert in plan:
            value = props.get(key)
            if value is not None:
                values[key] = value if convert is None else convert(value)
        obj = cls.__new__(cls)
        obj.__dict__.update(values)
        return obj


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
        page = rest[:first]
        # the people and the relations they select are read at the same time
        # (a WORKS_AT comes from a person, so the page's ids are theirs)
        loaders = ctx.loaders
        wanted = eager.selected_relations(info, "Person", ("edges", "node"))
        if wanted and page:
            people, _ = await asyncio.gather(
                loaders.many(page, domain.NodeKind.PERSON), loaders.prefetch(page, wanted)
            )
        else:
            people = await loaders.many(page, domain.NodeKind.PERSON)
        return PersonConnection.of(people, len(rest) > first, len(ids), info)

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
    @eager.resolver
    def parent(self, info: Info) -> Company | None:
        return _one(info, self.node.id, RK.SUBSIDIARY_OF, End.OUT, Company)

    @strawberry.field
    @eager.resolver
    def subsidiaries(self, info: Info) -> list[Company]:
        return _nodes(info, self.node.id, RK.SUBSIDIARY_OF, End.IN, Company)

    @field("SUPPLIES into this company.")
    @eager.resolver
    def suppliers(self, info: Info) -> list[SupplyLink]:
        return _rels(info, self.node.id, RK.SUPPLIES, End.IN, SupplyLink)

    @field("SUPPLIES out of this company.")
    @eager.resolver
    def customers(self, info: Info) -> list[SupplyLink]:
        return _rels(info, self.node.id, RK.SUPPLIES, End.OUT, SupplyLink)

    @strawberry.field
    @eager.resolver
    def competitors(self, info: Info) -> list[Company]:
        return _nodes(info, self.node.id, RK.COMPETES_WITH, End.BOTH, Company)

    @strawberry.field
    @eager.resolver
    def partners(self, info: Info) -> list[Company]:
        return _nodes(info, self.node.id, RK.PARTNERS_WITH, End.BOTH, Company)

    @strawberry.field
    @eager.resolver
    def offers(self, info: Info) -> list[Product]:
        return _nodes(info, self.node.id, RK.OFFERS, End.OUT, Product)

    @strawberry.field
    @eager.resolver
    def uses(self, info: Info) -> list[ProductUsage]:
        return _rels(info, self.node.id, RK.USES, End.OUT, ProductUsage)

    @field("Opportunities that target this company.")
    @eager.resolver
    def opportunities(self, info: Info) -> list[Opportunity]:
        return _nodes(info, self.node.id, RK.TARGETS, End.IN, Opportunity)

    @field("Who of our team COVERS this company.")
    @eager.resolver
    def account_team(self, info: Info) -> list[Coverage]:
        return _rels(info, self.node.id, RK.COVERS, End.IN, Coverage)


def _current_employer(info: Info, rels: list[domain.Relationship]) -> Company | None:
    current = [r.to_id for r in rels if r.get("current", True)]
    if not current:
        return None

    def as_company(node: domain.Node | None) -> Company | None:
        if node is None or node.kind is not domain.NodeKind.COMPANY:
            return None
        return as_object(info, Company, node)

    return eager.node(info, current[0], as_company)


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
    @eager.resolver
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
    @eager.resolver
    def employment(self, info: Info) -> list[Employment]:
        return _rels(info, self.node.id, RK.WORKS_AT, End.OUT, Employment)

    @strawberry.field
    @eager.resolver
    def manager(self, info: Info) -> Person | None:
        return _one(info, self.node.id, RK.REPORTS_TO, End.OUT, Person)

    @field("Direct reports.")
    @eager.resolver
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
    @eager.resolver
    def interests(self, info: Info) -> list[Interest]:
        return _nodes(info, self.node.id, RK.INTERESTED_IN, End.OUT, Interest)

    @field("The opportunities this person INFLUENCES.")
    @eager.resolver
    def influences(self, info: Info) -> list[Influence]:
        return _rels(info, self.node.id, RK.INFLUENCES, End.OUT, Influence)

    @field("The companies this person COVERS.")
    @eager.resolver
    def covers(self, info: Info) -> list[Coverage]:
        return _rels(info, self.node.id, RK.COVERS, End.OUT, Coverage)


@strawberry.type
class Interest(NodeType):
    category: str | None = None

    @strawberry.field
    @eager.resolver
    def people(self, info: Info) -> list[Person]:
        return _nodes(info, self.node.id, RK.INTERESTED_IN, End.IN, Person)


@strawberry.type
class Product(NodeType):
    category: str | None = None

    @strawberry.field
    @eager.resolver
    def offered_by(self, info: Info) -> list[Company]:
        return _nodes(info, self.node.id, RK.OFFERS, End.IN, Company)

    @strawberry.field
    @eager.resolver
    def used_by(self, info: Info) -> list[ProductUsage]:
        return _rels(info, self.node.id, RK.USES, End.IN, ProductUsage)


@strawberry.type
class Opportunity(NodeType):
    stage: Stage = Stage.PROSPECTING
    amount: float | None = None
    closeDate: dt.date | None = None
    lossReason: str | None = None

    @field("The company it TARGETS.")
    @eager.resolver
    def account(self, info: Info) -> Company | None:
        return _one(info, self.node.id, RK.TARGETS, End.OUT, Company)

    @strawberry.field
    @eager.resolver
    def proposes(self, info: Info) -> list[Product]:
        return _nodes(info, self.node.id, RK.PROPOSES, End.OUT, Product)

    @field("Competitors in the deal.")
    @eager.resolver
    def against(self, info: Info) -> list[Company]:
        return _nodes(info, self.node.id, RK.AGAINST, End.OUT, Company)

    @strawberry.field
    @eager.resolver
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


def as_object(info: Info, cls: type[N], node: domain.Node) -> N:
    """``cls.from_node(node)``, made once per request for each node (see ``Loaders.objects``)."""
    objects = info.context.loaders.objects
    key = (cls, node.id)
    found = objects.get(key)
    if found is None or found.node is not node:
        found = objects[key] = cls.from_node(node)
    return cast(N, found)


def wrap(node: domain.Node) -> NodeType:
    """The GraphQL object of a domain node, of the type of its kind."""
    return NODE_TYPES[node.kind].from_node(node)


def load_as(info: Info, node_id: str, cls: type[N]) -> N:
    """The node ``node_id`` (which a relationship names, so it must exist) as ``cls``
    (at once when it has been read, else an awaitable of it)."""

    def convert(node: domain.Node | None) -> N:
        if node is None:
            raise DanglingReferenceError(f"no node has id {node_id!r}")
        return as_object(info, cls, node)

    return eager.node(info, node_id, convert)


def _nodes(info: Info, node_id: str, kind: RK, end: End, cls: type[N]) -> list[N]:
    def convert(found: list[domain.Node]) -> list[N]:
        return [as_object(info, cls, n) for n in found]

    return eager.neighbours(info, node_id, kind, end, _KIND_OF[cls], convert)


def _one(info: Info, node_id: str, kind: RK, end: End, cls: type[N]) -> N | None:
    def convert(found: list[domain.Node]) -> N | None:
        return as_object(info, cls, found[0]) if found else None

    return eager.neighbours(info, node_id, kind, end, _KIND_OF[cls], convert)


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
    @eager.resolver
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
    @eager.resolver
    def person(self, info: Info) -> Person:
        return load_as(info, self.other_id, Person)


@strawberry.type(description="A COVERS: someone of our team looks after a company.")
class Coverage(RelationshipType):
    role: str | None = None

    @strawberry.field
    @eager.resolver
    def person(self, info: Info) -> Person:
        return load_as(info, self.rel.from_id, Person)

    @strawberry.field
    @eager.resolver
    def company(self, info: Info) -> Company:
        return load_as(info, self.rel.to_id, Company)


@strawberry.type(description="A SUPPLIES: the supplier sells into the customer.")
class SupplyLink(RelationshipType):
    category: str | None = None
    share: float | None = None
    since: dt.date | None = None

    @strawberry.field
    @eager.resolver
    def supplier(self, info: Info) -> Company:
        return load_as(info, self.rel.from_id, Company)

    @strawberry.field
    @eager.resolver
    def customer(self, info: Info) -> Company:
        return load_as(info, self.rel.to_id, Company)


@strawberry.type(description="A USES: a company uses a product.")
class ProductUsage(RelationshipType):
    since: dt.date | None = None
    contractEnd: dt.date | None = None
    satisfaction: int | None = None
    spend: float | None = None

    @strawberry.field
    @eager.resolver
    def company(self, info: Info) -> Company:
        return load_as(info, self.rel.from_id, Company)

    @strawberry.field
    @eager.resolver
    def product(self, info: Info) -> Product:
        return load_as(info, self.rel.to_id, Product)


@strawberry.type(description="An INFLUENCES: a person's role and stance in an opportunity.")
class Influence(RelationshipType):
    role: BuyingRole | None = None
    stance: Stance | None = None

    @strawberry.field
    @eager.resolver
    def person(self, info: Info) -> Person:
        return load_as(info, self.rel.from_id, Person)

    @strawberry.field
    @eager.resolver
    def opportunity(self, info: Info) -> Opportunity:
        return load_as(info, self.rel.to_id, Opportunity)


@strawberry.type(name="Relationship", description="Any relationship, by its kind and ends.")
class RelationshipRef(RelationshipType):
    @strawberry.field
    def kind(self) -> RelationshipKind:
        return self.rel.kind

    @field(name="from")
    @eager.resolver
    def from_(self, info: Info) -> NodeType:
        return eager.node(info, self.rel.from_id, _must_wrap(self.rel.from_id))

    @strawberry.field
    @eager.resolver
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
    def of(
        cls, nodes: Sequence[domain.Node], has_next: bool, total: int, info: Info | None = None
    ) -> PersonConnection:
        wrap = Person.from_node if info is None else functools.partial(as_object, info, Person)
        edges = [PersonEdge(cursor=encode_cursor(n.id), node=wrap(n)) for n in nodes]
        end = edges[-1].cursor if edges else None
        return cls(edges=edges, pageInfo=PageInfo(hasNextPage=has_next, endCursor=end), totalCount=total)


#: every concrete type that implements Node (the schema must know them all)
TYPES: tuple[type, ...] = (Company, Person, Interest, Product, Opportunity)
