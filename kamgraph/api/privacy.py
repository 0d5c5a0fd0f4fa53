"""Personal data: what is held on a person, and which properties are personal.

:func:`personal_data` gathers everything the graph holds on one person — the
node's properties and every relationship of theirs, with its properties and the
other end's id, kind and name — as plain JSON-able data (for a subject access
request: ``personalData(id)``). Erasure is the store's ``erase_person``.
"""

from __future__ import annotations

from typing import Any

from kamgraph.domain.model import NODE_PROPS, REL_SPECS, End, NodeKind, RelationshipKind
from kamgraph.store.protocol import GraphStore

#: properties of a Person that are personal data (analyst and up)
PERSONAL_PROPERTIES: frozenset[str] = frozenset(
    name for name, spec in NODE_PROPS[NodeKind.PERSON].items() if spec.personal
)

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
