"""Personal data: what is held on a person, which properties are personal, and the
store as a viewer sees it.

:func:`personal_data` gathers everything the graph holds on one person — the
node's properties and every relationship of theirs, with its properties and the
other end's id, kind and name — as plain JSON-able data (for a subject access
request: ``personalData(id)``). Erasure is the store's ``erase_person``.

:class:`ViewerStore` is the store a viewer's request reads through: every value
it returns has the personal values taken out (a person's personal properties,
the details of a KNOWS tie, every INTERESTED_IN), so that nothing a viewer asks —
a filter, a threshold, an analysis's ranking or score — can depend on them.
The role check refuses a viewer's *selection* of personal fields; this makes
sure nothing *computed* from them reaches a viewer either (docs/security.md).
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from typing import Any

from kamgraph.domain.errors import InvalidArgumentError
from kamgraph.domain.model import (
    NODE_PROPS,
    REL_SPECS,
    End,
    Node,
    NodeKind,
    OrgChartEntry,
    Page,
    Relationship,
    RelationshipKind,
    TieEdges,
    TieSkeleton,
)
from kamgraph.store.protocol import GraphStore

#: properties of a Person that are personal data (analyst and up)
PERSONAL_PROPERTIES: frozenset[str] = frozenset(
    name for name, spec in NODE_PROPS[NodeKind.PERSON].items() if spec.personal
)

#: properties of a KNOWS tie that are personal data (how well, since when, last contact, where from)
PERSONAL_KNOWS_PROPERTIES: frozenset[str] = frozenset({"strength", "since", "lastContact", "source"})

#: relationship kinds that can touch a person, and at which end
PERSON_RELATIONSHIPS: tuple[tuple[RelationshipKind, End], ...] = tuple(
    (
        kind,
        End.BOTH
        if kind.undirected or (spec.from_kind is spec.to_kind)
        else (End.OUT if spec.from_kind is NodeKind.PERSON else End.IN),
    )
    for kind, spec in REL_SPECS.items()
    if NodeKind.PERSON in (spec.from_kind, spec.to_kind)
)


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


async def personal_data(store: GraphStore, person_id: str) -> dict[str, Any] | None:
    """Everything held on the person ``person_id``; ``None`` when no person has that id."""
    found = (await store.get_nodes([person_id]))[0]
    if found is None or found.kind is not NodeKind.PERSON:
        return None
    relationships: list[dict[str, Any]] = []
    other_ids: set[str] = set()
    rels = []
    for kind, end in PERSON_RELATIONSHIPS:
        for rel in (await store.get_relationships([person_id], kind, end))[0]:
            rels.append(rel)
            other_ids.add(rel.other(person_id))
    ordered = sorted(other_ids)
    others = dict(zip(ordered, await store.get_nodes(ordered), strict=True)) if ordered else {}
    for rel in rels:
        other_id = rel.other(person_id)
        other = others.get(other_id)
        outgoing = rel.from_id == person_id
        relationships.append(
            {
                "kind": rel.kind.value,
                "direction": "BOTH" if rel.kind.undirected else ("OUT" if outgoing else "IN"),
                "properties": {k: _plain(v) for k, v in sorted(rel.props.items())},
                "other": {
                    "id": other_id,
                    "kind": None if other is None else other.kind.value,
                    "name": None if other is None else other.name,
                },
            }
        )
    return {
        "id": found.id,
        "kind": found.kind.value,
        "properties": {k: _plain(v) for k, v in sorted(found.props.items())},
        "relationships": relationships,
    }


def _node(node: Node) -> Node:
    if node.kind is not NodeKind.PERSON or PERSONAL_PROPERTIES.isdisjoint(node.props):
        return node
    return Node(node.id, node.kind, {k: v for k, v in node.props.items() if k not in PERSONAL_PROPERTIES})


def _knows(rel: Relationship) -> Relationship:
    if PERSONAL_KNOWS_PROPERTIES.isdisjoint(rel.props):
        return rel
    props = {k: v for k, v in rel.props.items() if k not in PERSONAL_KNOWS_PROPERTIES}
    return Relationship(rel.kind, rel.from_id, rel.to_id, props)


def _hidden(value: Any) -> bool:
    return isinstance(value, Relationship) and value.kind is RelationshipKind.INTERESTED_IN


def without_personal(value: Any) -> Any:
    """``value`` (anything a store read returns) with the personal values taken out.

    >>> n = Node("p", NodeKind.PERSON, {"name": "Ann", "email": "a@x", "title": "CEO"})
    >>> without_personal([n])[0].props
    {'name': 'Ann', 'title': 'CEO'}
    >>> k = Relationship(RelationshipKind.KNOWS, "a", "b", {"strength": 0.9, "source": "x"})
    >>> i = Relationship(RelationshipKind.INTERESTED_IN, "a", "chess", {})
    >>> without_personal([[k, i]])
    [[Relationship(kind=<RelationshipKind.KNOWS: 'KNOWS'>, from_id='a', to_id='b', props={})]]
    """
    if isinstance(value, Node):
        return _node(value)
    if isinstance(value, Relationship):
        return _knows(value) if value.kind is RelationshipKind.KNOWS else value
    if isinstance(value, list):
        return [without_personal(v) for v in value if not _hidden(v)]
    if isinstance(value, tuple):
        return tuple(without_personal(v) for v in value if not _hidden(v))
    if isinstance(value, dict):
        return {k: without_personal(v) for k, v in value.items()}
    if isinstance(value, Page):
        return dataclasses.replace(value, items=[_node(n) for n in value.items])
    if isinstance(value, OrgChartEntry):
        return dataclasses.replace(value, person=_node(value.person))
    if isinstance(value, TieEdges):
        return TieEdges([_knows(r) for r in value.knows], value.reports_to, value.works_at, [])
    if isinstance(value, TieSkeleton):
        return TieSkeleton([(a, b, None) for a, b, _ in value.knows], value.reports_to, value.works_at, [])
    return value


class ViewerStore:
    """A store whose reads come without personal values (see the module docstring).

    Every coroutine method of the store it wraps is answered through
    :func:`without_personal`; a listing of people filtered by interest is refused.
    """

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.backend: str = inner.backend

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._inner, name)
        if not inspect.iscoroutinefunction(found):
            return found
        call: Callable[..., Any] = found

        async def read(*args: Any, **kwargs: Any) -> Any:
            if name == "list_people":
                filter_ = args[0] if args else kwargs.get("filter")
                if getattr(filter_, "interest_id", None) is not None:
                    raise InvalidArgumentError("filter", "interestId needs the analyst role")
            return without_personal(await call(*args, **kwargs))

        return read
