"""Linked data as fields: one generic resolver per kind of link, declared per field.

- :func:`linked`: the nodes at the other end of a node's relationships of one kind;
- :func:`relationships`: a node's relationships of one kind, as a relationship type;
- :func:`ref` / :func:`refs`: the node(s) of ids an object holds (a relationship's
  ends, the people an analysis names).

Each resolver reads through the request's DataLoaders (``info.context.loaders``), so
the items of a list ask in the same turn of the event loop and are read in one
batch. It is a plain function: it answers at once from what the loaders already
hold, and only when something is missing returns an awaitable (strawberry passes a
resolver's result on; graphql-core awaits it), so a list of 500 items whose data
was prefetched costs no coroutine per item. List fields prefetch what their items
select (:func:`prefetch_selected`), read off the :func:`linked` and
:func:`relationships` fields declared on the item type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import strawberry
from strawberry.types import get_object_definition
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection
from strawberry.utils.str_converters import to_camel_case

from kamgraph.api.loaders import Info, Loaders, RelKey
from kamgraph.api.schema.execution import CONTEXT_ONLY
from kamgraph.api.schema.objects import DanglingReferenceError, NodeType, as_object
from kamgraph.domain import model as domain
from kamgraph.domain.model import End
from kamgraph.domain.model import RelationshipKind as RK

#: the field metadata key of the relation a field reads (see :func:`selected_relations`)
RELATION = "kamgraph.relation"

Keep = Callable[[domain.Relationship], bool]


def _field(
    resolve: Callable[[Any, Info], Any],
    description: str | None,
    name: str | None,
    relation: RelKey | None = None,
) -> Any:
    metadata: dict[str, Any] = {CONTEXT_ONLY: True}
    if relation is not None:
        metadata[RELATION] = relation
    return strawberry.field(resolver=resolve, description=description, name=name, metadata=metadata)


# --------------------------------------------------------------------------
# Reading through the loaders: at once when read, else an awaitable
# --------------------------------------------------------------------------


def _node_objects(info: Info, nodes: Iterable[domain.Node | None], kind: domain.NodeKind | None) -> list[Any]:
    return [as_object(info, n) for n in nodes if n is not None and (kind is None or n.kind is kind)]


def _peek_nodes(loaders: Loaders, ids: Sequence[str]) -> list[domain.Node | None] | None:
    out: list[domain.Node | None] = []
    for node_id in ids:
        known, node = loaders.peek_node(node_id)
        if not known:
            return None
        out.append(node)
    return out


def neighbours(
    info: Info, node_id: str, kind: RK, end: End, node_kind: domain.NodeKind, keep: Keep | None = None
) -> Any:
    """The objects of the nodes of ``node_kind`` at the other end of ``node_id``'s relationships
    of ``kind`` at ``end`` (those ``keep`` keeps), in order."""
    loaders = info.context.loaders

    def others(rels: list[domain.Relationship]) -> list[str]:
        return [r.other(node_id) for r in rels if keep is None or keep(r)]

    rels = loaders.peek_related(node_id, kind, end)
    found = None if rels is None else _peek_nodes(loaders, others(rels))

    async def load() -> list[Any]:
        ids = others(await loaders.related(node_id, kind, end))
        return _node_objects(info, await loaders.nodes.load_many(ids), node_kind)

    return load() if found is None else _node_objects(info, found, node_kind)


def related(
    info: Info, node_id: str, kind: RK, end: End, convert: Callable[[list[domain.Relationship]], Any]
) -> Any:
    """``convert`` of the relationships of ``kind`` at ``end`` of ``node_id``."""
    loaders = info.context.loaders
    rels = loaders.peek_related(node_id, kind, end)

    async def load() -> Any:
        return convert(await loaders.related(node_id, kind, end))

    return load() if rels is None else convert(rels)


def nodes_of(info: Info, ids: Sequence[str], kind: domain.NodeKind | None) -> Any:
    """The objects of the nodes of ``ids`` (each must exist, and be of ``kind`` when given)."""

    def convert(found: list[domain.Node | None]) -> list[Any]:
        for node_id, node in zip(ids, found, strict=True):
            if node is None or (kind is not None and node.kind is not kind):
                what = "node" if kind is None else kind.value.lower()
                raise DanglingReferenceError(f"no {what} has id {node_id!r}")
        return _node_objects(info, found, None)

    loaders = info.context.loaders
    found = _peek_nodes(loaders, ids)

    async def load() -> list[Any]:
        return convert(await loaders.nodes.load_many(list(ids)))

    return load() if found is None else convert(found)


def _first(result: Any) -> Any:
    if isinstance(result, list):
        return result[0] if result else None

    async def first() -> Any:
        found = await result
        return found[0] if found else None

    return first()


# --------------------------------------------------------------------------
# The fields
# --------------------------------------------------------------------------


def linked(
    kind: RK,
    end: End,
    node_kind: domain.NodeKind,
    *,
    one: bool = False,
    keep: Keep | None = None,
    description: str | None = None,
    name: str | None = None,
) -> Any:
    """A field of the nodes of ``node_kind`` linked to this node by ``kind`` at ``end`` (those
    whose relationship ``keep`` keeps): all of them, or the first (``None`` if none) if ``one``."""

    def resolve(root: NodeType, info: Info) -> Any:
        found = neighbours(info, root.node.id, kind, end, node_kind, keep)
        return _first(found) if one else found

    return _field(resolve, description, name, (kind, end))


def relationships(
    kind: RK,
    end: End,
    make: Callable[[domain.Relationship], Any],
    *,
    description: str | None = None,
    name: str | None = None,
) -> Any:
    """A field of this node's relationships of ``kind`` at ``end``, each as ``make`` makes it."""

    def resolve(root: NodeType, info: Info) -> Any:
        return related(info, root.node.id, kind, end, lambda rels: [make(r) for r in rels])

    return _field(resolve, description, name, (kind, end))


def ref(
    node_id: Callable[[Any], str | None],
    kind: domain.NodeKind | None = None,
    *,
    description: str | None = None,
    name: str | None = None,
) -> Any:
    """A field of the node whose id ``node_id`` reads off the object (``None``: null); it must
    exist (and be of ``kind`` when given): an object names only nodes that were there."""

    def resolve(root: Any, info: Info) -> Any:
        wanted = node_id(root)
        return None if wanted is None else _first(nodes_of(info, [wanted], kind))

    return _field(resolve, description, name)


def refs(
    node_ids: Callable[[Any], Sequence[str]],
    kind: domain.NodeKind,
    *,
    description: str | None = None,
    name: str | None = None,
) -> Any:
    """A field of the nodes whose ids ``node_ids`` reads off the object (see :func:`ref`)."""

    def resolve(root: Any, info: Info) -> Any:
        return nodes_of(info, node_ids(root), kind)

    return _field(resolve, description, name)


# --------------------------------------------------------------------------
# Looking ahead: what the items of a list select
# --------------------------------------------------------------------------


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


_RELATIONS: dict[type, dict[str, RelKey]] = {}


def _relations_of(cls: type) -> dict[str, RelKey]:
    """The relation each :func:`linked` or :func:`relationships` field of ``cls`` reads, by name."""
    found = _RELATIONS.get(cls)
    if found is None:
        found = _RELATIONS[cls] = {}
        for f in get_object_definition(cls, strict=True).fields:
            relation = f.metadata.get(RELATION)
            if relation is not None:
                found[f.graphql_name or to_camel_case(f.python_name)] = relation
    return found


def selected_relations(info: Info, cls: type[NodeType], path: Sequence[str]) -> list[RelKey]:
    """The relations that objects of ``cls`` select at ``path``."""
    fields = _relations_of(cls)
    return [fields[name] for name in sorted(selected_below(info, path)) if name in fields]


async def prefetch_selected(info: Info, cls: type[NodeType], ids: Sequence[str], path: Sequence[str]) -> None:
    """Read the relations that the nodes ``ids`` (shown as ``cls``) select at ``path``."""
    wanted = selected_relations(info, cls, path)
    if wanted and ids:
        await info.context.loaders.prefetch(ids, wanted)
