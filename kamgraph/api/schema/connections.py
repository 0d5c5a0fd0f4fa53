"""Connections: a page of nodes with opaque cursors (:mod:`kamgraph.api.schema.paging`)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, cast

import strawberry

from kamgraph.api.loaders import Info
from kamgraph.api.schema.objects import as_object, wrap
from kamgraph.api.schema.paging import encode_cursor
from kamgraph.domain import model as domain

if TYPE_CHECKING:
    from kamgraph.api.schema.nodes import Company, Person

_NODES = "kamgraph.api.schema.nodes"


@strawberry.type
class PageInfo:
    hasNextPage: bool
    endCursor: str | None

    @classmethod
    def of(cls, cursors: Sequence[str], has_next: bool) -> PageInfo:
        """The page info of a page whose items have ``cursors``."""
        return cls(hasNextPage=has_next, endCursor=cursors[-1] if cursors else None)


@strawberry.type
class CompanyEdge:
    cursor: str
    node: Annotated[Company, strawberry.lazy(_NODES)]


@strawberry.type
class CompanyConnection:
    edges: list[CompanyEdge]
    pageInfo: PageInfo
    totalCount: int

    @classmethod
    def of(cls, nodes: Sequence[domain.Node], has_next: bool, total: int) -> CompanyConnection:
        edges = [CompanyEdge(cursor=encode_cursor(n.id), node=cast("Company", wrap(n))) for n in nodes]
        return cls(edges=edges, pageInfo=PageInfo.of([e.cursor for e in edges], has_next), totalCount=total)


@strawberry.type
class PersonEdge:
    cursor: str
    node: Annotated[Person, strawberry.lazy(_NODES)]


@strawberry.type
class PersonConnection:
    edges: list[PersonEdge]
    pageInfo: PageInfo
    totalCount: int

    @classmethod
    def of(
        cls, nodes: Sequence[domain.Node], has_next: bool, total: int, info: Info | None = None
    ) -> PersonConnection:
        make = wrap if info is None else functools.partial(as_object, info)
        edges = [PersonEdge(cursor=encode_cursor(n.id), node=cast("Person", make(n))) for n in nodes]
        return cls(edges=edges, pageInfo=PageInfo.of([e.cursor for e in edges], has_next), totalCount=total)
