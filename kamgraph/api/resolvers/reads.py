"""Read queries: single nodes, filtered listings, search."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import strawberry

from kamgraph.api.loaders import Info
from kamgraph.api.schema.connections import CompanyConnection, PersonConnection
from kamgraph.api.schema.enums import NodeKind
from kamgraph.api.schema.fields import field
from kamgraph.api.schema.inputs import CompanyFilter, PersonFilter
from kamgraph.api.schema.nodes import Company, Person
from kamgraph.api.schema.objects import NodeType, wrap
from kamgraph.api.schema.paging import check_first, decode_cursor
from kamgraph.api.schema.relations import prefetch_selected, selected_below
from kamgraph.domain import model as domain
from kamgraph.domain.model import End
from kamgraph.domain.model import RelationshipKind as RK


async def _listing(
    info: Info,
    cls: type[NodeType],
    first: int | None,
    read: Callable[[int], Awaitable[domain.Page]],
) -> domain.Page:
    """A page of a listing (``first`` checked; ``read(first)`` reads it), its nodes kept by the
    loaders and the relations they select prefetched."""
    ctx = info.context
    page = await read(check_first(50 if first is None else first, ctx.settings.limits.max_first))
    ctx.loaders.prime(page.items)
    await prefetch_selected(info, cls, [n.id for n in page.items], ("edges", "node"))
    return page


@strawberry.type
class NodeQueries:
    @field("Any node by id; null when no node has it.")
    async def node(self, info: Info, id: strawberry.ID) -> NodeType | None:
        found = await info.context.loaders.node(id)
        return None if found is None else wrap(found)

    @field("A company by id; null when no company has it.")
    async def company(self, info: Info, id: strawberry.ID) -> Company | None:
        loaders = info.context.loaders
        if "people" in selected_below(info, ()):
            # look ahead: the company's WORKS_AT are read with it, not after it
            found, _ = await asyncio.gather(
                loaders.node(id, domain.NodeKind.COMPANY), loaders.related(id, RK.WORKS_AT, End.IN)
            )
        else:
            found = await loaders.node(id, domain.NodeKind.COMPANY)
        return None if found is None else Company.from_node(found)

    @field("A person by id; null when no person has it.")
    async def person(self, info: Info, id: strawberry.ID) -> Person | None:
        found = await info.context.loaders.node(id, domain.NodeKind.PERSON)
        return None if found is None else Person.from_node(found)

    @field("Companies matching `filter`, by id.")
    async def companies(
        self,
        info: Info,
        filter: CompanyFilter | None = None,
        first: int | None = 50,
        after: str | None = None,
    ) -> CompanyConnection:
        f = filter.to_domain() if filter is not None else domain.CompanyFilter()
        page = await _listing(
            info, Company, first, lambda n: info.context.store.list_companies(f, n, decode_cursor(after))
        )
        return CompanyConnection.of(page.items, page.has_next, page.total_count)

    @field("People matching `filter`, by id.")
    async def people(
        self,
        info: Info,
        filter: PersonFilter | None = None,
        first: int | None = 50,
        after: str | None = None,
    ) -> PersonConnection:
        f = filter.to_domain() if filter is not None else domain.PersonFilter()
        page = await _listing(
            info, Person, first, lambda n: info.context.store.list_people(f, n, decode_cursor(after))
        )
        return PersonConnection.of(page.items, page.has_next, page.total_count, info)

    @field(
        description="Nodes whose name contains `text` (case-insensitive): exact name first, "
        "then names starting with it, then the rest."
    )
    async def search(
        self, info: Info, text: str, kinds: list[NodeKind] | None = None, first: int | None = 20
    ) -> list[NodeType]:
        ctx = info.context
        first = check_first(20 if first is None else first, ctx.settings.limits.max_first)
        found = await ctx.store.search(text, kinds, first)
        ctx.loaders.prime(found)
        return [wrap(n) for n in found]
