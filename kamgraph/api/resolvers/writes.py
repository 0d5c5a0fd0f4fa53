"""Mutations: upserts, relate/unrelate, delete. Each is ONE store call (one transaction).

Inputs are turned into plain dicts (omitted fields left out, explicit nulls kept),
validated by :mod:`kamgraph.domain.rules`, and written with an :class:`AuditInfo`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import strawberry

from kamgraph.api.loaders import Info, RequestContext
from kamgraph.api.schema.fields import mutation
from kamgraph.api.schema.inputs import (
    CompanyInput,
    InterestInput,
    OpportunityInput,
    PersonInput,
    ProductInput,
    RelationshipInput,
    RelationshipKeyInput,
    to_data,
)
from kamgraph.api.schema.nodes import Company, Interest, Opportunity, Person, Product
from kamgraph.api.schema.objects import NodeType
from kamgraph.api.schema.relationships import RelationshipRef
from kamgraph.domain import rules as validation
from kamgraph.domain.errors import InvalidArgumentError
from kamgraph.domain.model import AuditInfo, NodeKind

N = TypeVar("N", bound=NodeType)


def _audit(ctx: RequestContext, operation: str) -> AuditInfo:
    return AuditInfo(actor=ctx.actor, operation=operation)


def _check_size(ctx: RequestContext, items: Sequence[object], argument: str) -> None:
    limit = ctx.settings.limits.max_mutation_items
    if len(items) > limit:
        raise InvalidArgumentError(argument, f"must have at most {limit} items (has {len(items)})")


async def _upsert(
    info: Info, kind: NodeKind, items: Sequence[object], cls: type[N], operation: str
) -> list[N]:
    ctx = info.context
    _check_size(ctx, items, "input")
    inputs = validation.validate_nodes(kind, [to_data(i) for i in items])
    nodes = await ctx.store.upsert_nodes(inputs, _audit(ctx, operation))
    ctx.reset_loaders()
    ctx.loaders.prime(nodes)
    return [cls.from_node(n) for n in nodes]


@strawberry.type
class WriteMutations:
    @mutation("Create or update companies by id (one transaction).")
    async def upsert_companies(self, info: Info, input: list[CompanyInput]) -> list[Company]:
        return await _upsert(info, NodeKind.COMPANY, input, Company, "upsertCompanies")

    @mutation("Create or update people by id (one transaction).")
    async def upsert_people(self, info: Info, input: list[PersonInput]) -> list[Person]:
        return await _upsert(info, NodeKind.PERSON, input, Person, "upsertPeople")

    @mutation("Create or update interests by id (one transaction).")
    async def upsert_interests(self, info: Info, input: list[InterestInput]) -> list[Interest]:
        return await _upsert(info, NodeKind.INTEREST, input, Interest, "upsertInterests")

    @mutation("Create or update products by id (one transaction).")
    async def upsert_products(self, info: Info, input: list[ProductInput]) -> list[Product]:
        return await _upsert(info, NodeKind.PRODUCT, input, Product, "upsertProducts")

    @mutation("Create or update opportunities by id (one transaction).")
    async def upsert_opportunities(self, info: Info, input: list[OpportunityInput]) -> list[Opportunity]:
        return await _upsert(info, NodeKind.OPPORTUNITY, input, Opportunity, "upsertOpportunities")

    @mutation(
        "Create or update relationships; the same kind, from and to updates its properties (one transaction)."
    )
    async def relate(self, info: Info, input: list[RelationshipInput]) -> list[RelationshipRef]:
        ctx = info.context
        _check_size(ctx, input, "input")
        inputs = validation.validate_relationships([to_data(i) for i in input])
        rels = await ctx.store.relate(inputs, _audit(ctx, "relate"))
        ctx.reset_loaders()
        return [RelationshipRef.from_rel(r) for r in rels]

    @mutation("Remove relationships; returns how many there were.")
    async def unrelate(self, info: Info, input: list[RelationshipKeyInput]) -> int:
        ctx = info.context
        _check_size(ctx, input, "input")
        keys = validation.validate_relationship_keys([to_data(i) for i in input])
        removed = await ctx.store.unrelate(keys, _audit(ctx, "unrelate"))
        ctx.reset_loaders()
        return removed

    @mutation("Remove nodes with all their relationships; returns how many there were.")
    async def delete_nodes(self, info: Info, ids: list[strawberry.ID]) -> int:
        ctx = info.context
        _check_size(ctx, ids, "ids")
        removed = await ctx.store.delete_nodes([str(i) for i in ids], _audit(ctx, "deleteNodes"))
        ctx.reset_loaders()
        return removed
