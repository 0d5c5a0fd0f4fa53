"""Resolving linked data at once when the request's loaders already hold it.

A strawberry resolver declared ``async`` costs a coroutine, a DataLoader future
and event-loop scheduling for every item of a list, even when the data is
already in hand. The resolvers of linked nodes are therefore plain functions:
they answer from what the loaders have read (:meth:`Loaders.peek_neighbours`)
and only when something is missing return an awaitable (strawberry hands a sync
resolver's result on as it is; graphql-core awaits any awaitable result).

List fields (connections, org charts) make the "already in hand" the common
case: :func:`prefetch_selected` reads, in one batch per relation, the relations
their items select.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar, cast

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from kamgraph.api.loaders import Info, RelKey
from kamgraph.api.schema.execution import EAGER_MARK
from kamgraph.domain import model as domain
from kamgraph.domain.model import End
from kamgraph.domain.model import RelationshipKind as RK

T = TypeVar("T")
V = TypeVar("V")

#: the fields of a node type (by GraphQL type name) that list its neighbours
#: over one relation, which a list of such nodes prefetches when selected
NEIGHBOUR_FIELDS: Mapping[str, Mapping[str, RelKey]] = {
    "Person": {
        "manager": (RK.REPORTS_TO, End.OUT),
        "reports": (RK.REPORTS_TO, End.IN),
        "company": (RK.WORKS_AT, End.OUT),
        "interests": (RK.INTERESTED_IN, End.OUT),
    },
    "Company": {
        "parent": (RK.SUBSIDIARY_OF, End.OUT),
        "subsidiaries": (RK.SUBSIDIARY_OF, End.IN),
        "competitors": (RK.COMPETES_WITH, End.BOTH),
        "partners": (RK.PARTNERS_WITH, End.BOTH),
        "offers": (RK.OFFERS, End.OUT),
        "opportunities": (RK.TARGETS, End.IN),
    },
}


F = TypeVar("F", bound=Callable[..., Any])


def resolver(fn: F) -> F:
    """Mark a synchronous ``(self, info)`` resolver for the short path of
    :mod:`kamgraph.api.schema.execution`: its objects are completed without
    graphql-core's per-field work. Such a resolver may use ``info.context`` only
    (the short path hands it one ``info`` per field and selection for the whole
    request) and may return an awaitable when its data is not read yet.
    """
    setattr(fn, EAGER_MARK, True)
    return fn


def later(result: Awaitable[T]) -> T:
    """An awaitable given where a resolver's value is due: graphql-core awaits it."""
    return cast(T, result)


def _children(selections: Iterable[Selection]) -> Iterable[SelectedField]:
    """The fields of a selection set, with those of its fragments."""
    for s in selections:
        if isinstance(s, SelectedField):
            yield s
        elif isinstance(s, (FragmentSpread, InlineFragment)):
            yield from _children(s.selections)


def selected_below(info: Info, path: Sequence[str]) -> set[str]:
    """The names of the fields selected at ``path`` below the current field.

    ``("edges", "node")`` under a connection: what each node selects.
    """
    level = [c for f in _children(info.selected_fields) for c in _children(f.selections)]
    for name in path:
        level = [c for f in level if f.name == name for c in _children(f.selections)]
    return {f.name for f in level}


def selected_relations(info: Info, type_name: str, path: Sequence[str]) -> list[RelKey]:
    """The relations that nodes of ``type_name`` select at ``path`` (see :data:`NEIGHBOUR_FIELDS`)."""
    fields = NEIGHBOUR_FIELDS.get(type_name)
    if not fields:
        return []
    return [fields[name] for name in sorted(selected_below(info, path)) if name in fields]


async def prefetch_selected(info: Info, type_name: str, ids: Sequence[str], path: Sequence[str]) -> None:
    """Read the relations that the nodes ``ids`` (of ``type_name``) select at ``path``."""
    wanted = selected_relations(info, type_name, path)
    if wanted and ids:
        await info.context.loaders.prefetch(ids, wanted)


def neighbours(
    info: Info,
    node_id: str,
    kind: RK,
    end: End,
    node_kind: domain.NodeKind | None,
    convert: Callable[[list[domain.Node]], V],
) -> V:
    """``convert`` of the neighbours of ``node_id``: at once when they have been read."""
    loaders = info.context.loaders
    found = loaders.peek_neighbours(node_id, kind, end, node_kind)
    if found is not None:
        return convert(found)

    async def load() -> V:
        return convert(await loaders.neighbours(node_id, kind, end, node_kind))

    return later(load())


def related(
    info: Info, node_id: str, kind: RK, end: End, convert: Callable[[list[domain.Relationship]], V]
) -> V:
    """``convert`` of the relationships of ``node_id``: at once when they have been read."""
    loaders = info.context.loaders
    found = loaders.peek_related(node_id, kind, end)
    if found is not None:
        return convert(found)

    async def load() -> V:
        return convert(await loaders.related(node_id, kind, end))

    return later(load())


def node(info: Info, node_id: str, convert: Callable[[domain.Node | None], V]) -> V:
    """``convert`` of the node of an id (``None`` if none has it): at once when it has been read."""
    loaders = info.context.loaders
    known, found = loaders.peek_node(node_id)
    if known:
        return convert(found)

    async def load() -> V:
        return convert(await loaders.node(node_id))

    return later(load())


def first_or_none(convert: Callable[[domain.Node], T]) -> Callable[[list[domain.Node]], T | None]:
    """A converter of a list of nodes to its first one as a GraphQL object (or ``None``)."""

    def first(found: list[domain.Node]) -> T | None:
        return convert(found[0]) if found else None

    return first


def each(convert: Callable[[Any], T]) -> Callable[[list[Any]], list[T]]:
    """A converter of a list item by item."""

    def all_of(found: list[Any]) -> list[T]:
        return [convert(x) for x in found]

    return all_of
