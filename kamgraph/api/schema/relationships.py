"""The relationship types: a relationship with properties, seen from one of its ends.

Each holds the domain :class:`~kamgraph.domain.model.Relationship`; its properties are
plain fields, its ends :func:`~kamgraph.api.schema.relations.ref` fields.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Annotated, TypeAlias

import strawberry

from kamgraph.api.schema.enums import BuyingRole, RelationshipKind, Stance
from kamgraph.api.schema.objects import NodeType, RelationshipType
from kamgraph.api.schema.relations import ref
from kamgraph.domain import model as domain
from kamgraph.domain.model import NodeKind as NK

if TYPE_CHECKING:
    from kamgraph.api.schema.nodes import Company, Opportunity, Person, Product

# the node types name these types too: strawberry resolves them when it builds the schema
_NODES = "kamgraph.api.schema.nodes"
CompanyRef: TypeAlias = Annotated["Company", strawberry.lazy(_NODES)]
PersonRef: TypeAlias = Annotated["Person", strawberry.lazy(_NODES)]
ProductRef: TypeAlias = Annotated["Product", strawberry.lazy(_NODES)]
OpportunityRef: TypeAlias = Annotated["Opportunity", strawberry.lazy(_NODES)]


def _from(rel: RelationshipType) -> str:
    return rel.rel.from_id


def _to(rel: RelationshipType) -> str:
    return rel.rel.to_id


@strawberry.type(description="A WORKS_AT, seen from the person.")
class Employment(RelationshipType):
    title: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    current: bool = True

    company: CompanyRef = ref(_to, NK.COMPANY)


@strawberry.type(description="A KNOWS tie, seen from one of its people: `person` is the other.")
class Acquaintance(RelationshipType):
    other_id: strawberry.Private[str] = ""
    strength: float = domain.DEFAULT_KNOWS_STRENGTH
    since: dt.date | None = None
    lastContact: dt.date | None = None
    source: str | None = None

    person: PersonRef = ref(lambda a: a.other_id, NK.PERSON)

    @classmethod
    def of(cls, rel: domain.Relationship, other_id: str) -> Acquaintance:
        return dataclasses.replace(cls.from_rel(rel), other_id=other_id)


@strawberry.type(description="A COVERS: someone of our team looks after a company.")
class Coverage(RelationshipType):
    role: str | None = None

    person: PersonRef = ref(_from, NK.PERSON)
    company: CompanyRef = ref(_to, NK.COMPANY)


@strawberry.type(description="A SUPPLIES: the supplier sells into the customer.")
class SupplyLink(RelationshipType):
    category: str | None = None
    share: float | None = None
    since: dt.date | None = None

    supplier: CompanyRef = ref(_from, NK.COMPANY)
    customer: CompanyRef = ref(_to, NK.COMPANY)


@strawberry.type(description="A USES: a company uses a product.")
class ProductUsage(RelationshipType):
    since: dt.date | None = None
    contractEnd: dt.date | None = None
    satisfaction: int | None = None
    spend: float | None = None

    company: CompanyRef = ref(_from, NK.COMPANY)
    product: ProductRef = ref(_to, NK.PRODUCT)


@strawberry.type(description="An INFLUENCES: a person's role and stance in an opportunity.")
class Influence(RelationshipType):
    role: BuyingRole | None = None
    stance: Stance | None = None

    person: PersonRef = ref(_from, NK.PERSON)
    opportunity: OpportunityRef = ref(_to, NK.OPPORTUNITY)


@strawberry.type(name="Relationship", description="Any relationship, by its kind and ends.")
class RelationshipRef(RelationshipType):
    kind: RelationshipKind = strawberry.field(resolver=lambda root: root.rel.kind)
    from_: NodeType = ref(_from, name="from")
    to: NodeType = ref(_to)
