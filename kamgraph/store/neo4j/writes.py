"""The writes of the Neo4j store: transaction functions for ``session.execute_write``.

Each does the store-side checks first (ids exist and have the right kinds, no
id clash across kinds, at most one home company) and raises one
``ValidationError`` before it writes anything, so the driver rolls the whole
transaction back; then it writes in ``UNWIND`` batches (one query per kind,
since labels and types are not parameters), reads the result back, and records
the audit entry in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from neo4j import AsyncManagedTransaction

from kamgraph.domain.errors import Problem, ValidationError
from kamgraph.domain.model import (
    REL_DEFAULTS,
    REL_SPECS,
    AuditInfo,
    Node,
    NodeInput,
    NodeKind,
    Relationship,
    RelationshipInput,
    RelationshipKey,
    RelationshipKind,
)
from kamgraph.domain.rules import check_endpoints, check_kind_clash, rel_label
from kamgraph.store.checks import home_problems, home_setters, merge_in_order, normalised
from kamgraph.store.neo4j.records import dedup, kind_of, name_keys, node_of, now_iso, rel_of, rows


async def record_audit(
    tx: AsyncManagedTransaction, audit: AuditInfo | None, ids: Iterable[str]
) -> None:
    if audit is None:
        return
    await rows(
        tx,
        "audit_append",
        at=now_iso(),
        actor=audit.actor,
        operation=audit.operation,
        ids=dedup(ids),
    )


async def _stored(
    tx: AsyncManagedTransaction, ids: Iterable[str]
) -> dict[str, tuple[NodeKind, Any]]:
    """Kind (and home flag) of each id that exists."""
    out: dict[str, tuple[NodeKind, Any]] = {}
    for r in await rows(tx, "node_kinds", ids=dedup(ids)):
        kind = kind_of(r["labels"])
        if kind is not None:
            out[r["id"]] = (kind, r["home"])
    return out


async def upsert_nodes(
    tx: AsyncManagedTransaction,
    inputs: Sequence[NodeInput],
    audit: AuditInfo | None,
    returning: bool = True,
) -> list[Node]:
    state = await _stored(tx, (i.id for i in inputs))  # id -> (kind, home after the write)
    problems, clashing = merge_in_order(inputs, state, lambda item, home: item.props.get("home", home))
    problems.extend(await _home_problems(tx, inputs, state, clashing))
    if problems:
        raise ValidationError(problems)

    by_kind: dict[NodeKind, list[dict[str, Any]]] = {}
    for item in inputs:
        by_kind.setdefault(item.kind, []).append(
            {"id": item.id, "props": dict(item.props), **name_keys(item.props.get("name"))}
        )
    raced: list[str] = []
    after: dict[str, Node] = {}
    for kind, batch in by_kind.items():
        if not returning:  # a bulk import: nothing read back but the ids not written
            (found,) = await rows(tx, "upsert_nodes_bulk", label=kind, rows=batch)
            raced += found["raced"]
            continue
        for r in await rows(tx, "upsert_nodes", label=kind, rows=batch):
            if r["fits"]:
                after[r["id"]] = node_of(r)
            else:
                raced.append(r["id"])
    if raced:  # a concurrent write gave one of the ids another kind after the check
        now = await _stored(tx, raced)
        clash = check_kind_clash(
            [i for i in inputs if i.id in now], {k: v[0] for k, v in now.items()}
        )
        raise ValidationError(clash or [Problem("request", "id", "changed kind during the write")])
    touched = dedup(i.id for i in inputs)
    await record_audit(tx, audit, touched)
    return [after[i.id] for i in inputs] if returning else []


async def _home_problems(
    tx: AsyncManagedTransaction,
    inputs: Sequence[NodeInput],
    state: dict[str, tuple[NodeKind, Any]],
    clashing: set[int],
) -> list[Problem]:
    setting = home_setters(inputs, clashing)
    if not setting:
        return []
    await rows(tx, "lock", name="home")  # two writers cannot both make a home
    return home_problems(setting, [r["id"] for r in await rows(tx, "home_ids")], state)


def _rel_rows(items: Sequence[RelationshipInput]) -> dict[RelationshipKind, list[dict[str, Any]]]:
    """The query rows of ``items``, by kind (one query per relationship type)."""
    by_kind: dict[RelationshipKind, list[dict[str, Any]]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(
            {"src": item.from_id, "dst": item.to_id, "props": dict(item.props)}
        )
    return by_kind


async def relate(
    tx: AsyncManagedTransaction, inputs: Sequence[RelationshipInput], audit: AuditInfo | None
) -> list[Relationship]:
    items = [normalised(i) for i in inputs]
    ends = dedup(end for i in items for end in (i.from_id, i.to_id))
    kinds = {node_id: kind for node_id, (kind, _) in (await _stored(tx, ends)).items()}
    problems = check_endpoints(items, kinds)
    if problems:
        raise ValidationError(problems)
    after: dict[RelationshipKey, Relationship] = {}
    for kind, batch in _rel_rows(items).items():
        defaults = dict(REL_DEFAULTS.get(kind, {}))
        for r in await rows(tx, "relate", rel_kind=kind, rows=batch, defaults=defaults):
            rel = rel_of(kind, r)
            after[rel.key] = rel
    missing = [i for i in items if i.key not in after]
    if missing:  # an end was deleted by a concurrent write after the check
        await _missing_ends(tx, missing, ends)
    await record_audit(tx, audit, ends)
    return [after[i.key] for i in items]


async def relate_bulk(tx: AsyncManagedTransaction, inputs: Sequence[RelationshipInput]) -> None:
    """``relate`` for a bulk import, which checked the ends before it began: no
    read of them first, no audit, nothing read back. Its query writes only rows
    whose ends are there with the right kinds and counts them; a shortfall (a
    concurrent write) is explained by :func:`_missing_ends`, and nothing is committed."""
    items = [normalised(i) for i in inputs]
    written = 0
    for kind, batch in _rel_rows(items).items():
        spec = REL_SPECS[kind]
        (found,) = await rows(
            tx, "relate_bulk", rel_kind=kind, rows=batch, defaults=dict(REL_DEFAULTS.get(kind, {})),
            fromLabel=spec.from_kind.label, toLabel=spec.to_kind.label,
        )
        written += int(found["n"])
    if written < len(items):
        await _missing_ends(tx, items, dedup(end for i in items for end in (i.from_id, i.to_id)))


async def _missing_ends(
    tx: AsyncManagedTransaction, items: Sequence[RelationshipInput], ends: Sequence[str]
) -> None:
    """Raise the problems of ``items`` some of which were not written (an end gone)."""
    kinds = {node_id: kind for node_id, (kind, _) in (await _stored(tx, ends)).items()}
    raise ValidationError(
        check_endpoints(items, kinds)
        or [Problem(rel_label(i.position, i.kind, i.from_id, i.to_id), "from", "was not written")
            for i in items]
    )


def prepare_bulk(
    nodes: Sequence[NodeInput], rels: Sequence[RelationshipInput]
) -> tuple[list[NodeInput], list[RelationshipInput]]:
    """The batch of :func:`bulk_upsert` (the inputs as they are: there is nothing to prepare)."""
    return list(nodes), list(rels)


async def bulk_upsert(
    tx: AsyncManagedTransaction, batch: tuple[Sequence[NodeInput], Sequence[RelationshipInput]]
) -> None:
    """``upsert_nodes`` then ``relate`` in one transaction, no audit, nothing read back."""
    nodes, rels = batch
    if nodes:
        await upsert_nodes(tx, nodes, None, returning=False)
    if rels:
        await relate_bulk(tx, rels)


async def unrelate(
    tx: AsyncManagedTransaction, keys: Sequence[RelationshipKey], audit: AuditInfo | None
) -> int:
    norm = list(dict.fromkeys(k.normalised() for k in keys))
    by_kind: dict[RelationshipKind, list[dict[str, str]]] = {}
    for key in norm:
        by_kind.setdefault(key.kind, []).append({"src": key.from_id, "dst": key.to_id})
    removed = 0
    for kind, batch in by_kind.items():
        found = await rows(tx, "unrelate", rel_kind=kind, rows=batch)
        removed += int(found[0]["n"]) if found else 0
    await record_audit(tx, audit, (end for k in norm for end in (k.from_id, k.to_id)))
    return removed


async def delete_nodes(
    tx: AsyncManagedTransaction, ids: Sequence[str], audit: AuditInfo | None
) -> int:
    found = await rows(tx, "delete_nodes", ids=dedup(ids))
    await record_audit(tx, audit, ids)
    return int(found[0]["n"]) if found else 0


async def erase_person(
    tx: AsyncManagedTransaction, person_id: str, audit: AuditInfo | None
) -> bool:
    found = await rows(tx, "erase_person", id=person_id)
    await record_audit(tx, audit, [person_id])
    return bool(found and found[0]["n"])


#: Nodes deleted per transaction by :func:`clear`.
CLEAR_BATCH = 10_000


async def clear(tx: AsyncManagedTransaction) -> bool:
    """Delete up to :data:`CLEAR_BATCH` nodes (and audit entries) with their
    relationships; returns whether it deleted any (then there may be more)."""
    found = await rows(tx, "clear", batch=CLEAR_BATCH)
    return bool(found and found[0]["n"])
