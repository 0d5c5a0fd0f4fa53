"""The reads of the Neo4j store: transaction functions for ``session.execute_read``.

Each runs the named queries of :mod:`kamgraph.store.neo4j.cypher` and shapes the rows
exactly as the embedded store does (the contract suite checks both): lists in
(from, to) order sorted in Python, pages in ascending id order with the total.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString, Protocol

from neo4j import AsyncManagedTransaction, AsyncResult

from kamgraph.domain.model import (
    AuditEntry,
    CompanyFilter,
    End,
    Node,
    NodeKind,
    Page,
    PersonFilter,
    Relationship,
    RelationshipKind,
    Stage,
    TieEdges,
    TieSkeleton,
)
from kamgraph.store.neo4j.cypher import query
from kamgraph.store.neo4j.records import (
    HIDDEN,
    clamp,
    dedup,
    kind_of,
    labels_param,
    lucene_contains,
    node_of,
    rel_of,
    rows,
    sort_rels,
)
from kamgraph.store.orgchart import Staff

#: Longer search texts skip the wildcard query (its automaton grows with the text)
#: and scan ``nameLower`` with CONTAINS instead.
MAX_WILDCARD_TEXT = 200


class Runner(Protocol):
    """What runs a query: a managed transaction, or a session (an auto-commit query)."""

    async def run(self, query: LiteralString, parameters: dict[str, Any] | None = None) -> AsyncResult: ...


async def collected(
    tx: Runner, name: str, /, *, rel_kind: RelationshipKind | None = None, **params: Any
) -> list[Any]:
    """The list that the named query returns as its one row's one column.

    A read of many items comes back as one record: the driver's per-record work
    (a message, its scheduling, the conversion of the record to a dict) is paid
    once, not once per item.
    """
    result = await tx.run(query(name, rel_kind=rel_kind), params)
    record = await result.single(strict=True)
    found: list[Any] = record[0]
    return found


def _node(node_id: str, labels: list[str], props: dict[str, Any]) -> Node:
    kind = kind_of(labels)
    if kind is None:  # pragma: no cover - every :Node has a kind label
        raise ValueError(f"node {node_id!r} has no kind label: {labels}")
    for key in HIDDEN:  # the driver's map is the read's own: trimmed, not copied
        props.pop(key, None)
    return Node(node_id, kind, props)


async def get_nodes(tx: Runner, ids: Sequence[str]) -> list[Node | None]:
    found = {
        i: _node(i, labels, props) for i, labels, props in await collected(tx, "get_nodes", ids=dedup(ids))
    }
    return [found.get(i) for i in ids]


async def get_relationships(
    tx: Runner, ids: Sequence[str], kind: RelationshipKind, end: End
) -> list[list[Relationship]]:
    by_id: dict[str, list[Relationship]] = {i: [] for i in ids}
    name = {End.OUT: "get_relationships_out", End.IN: "get_relationships_in"}.get(end, "get_relationships")
    for i, src, dst, props in await collected(tx, name, rel_kind=kind, ids=list(by_id)):
        by_id[i].append(Relationship(kind, src, dst, props))
    # most ids have one relationship (a manager, an employer) or none: nothing to sort
    return [found if len(found) < 2 else sort_rels(found) for found in (by_id[i] for i in ids)]


async def _page(tx: AsyncManagedTransaction, name: str, first: int, **params: Any) -> Page:
    first = clamp(first)
    label = params.pop("label", None)
    result = await rows(tx, name, label=label, limit=first + 1, **params)
    row = result[0]
    items = [node_of(i) for i in row["items"]]
    return Page(items=items[:first], has_next=len(items) > first, total_count=int(row["total"]))


async def list_companies(
    tx: AsyncManagedTransaction, filter: CompanyFilter, first: int, after: str | None
) -> Page:
    return await _page(
        tx,
        "list_companies",
        first,
        after=after,
        nameContains=None if filter.name_contains is None else filter.name_contains.lower(),
        industry=filter.industry,
        country=filter.country,
        tiers=None if filter.tiers is None else list(filter.tiers),
        statuses=None if filter.statuses is None else list(filter.statuses),
        tag=filter.tag,
        accountsOnly=filter.accounts_only,
    )


async def list_people(
    tx: AsyncManagedTransaction, filter: PersonFilter, first: int, after: str | None
) -> Page:
    if filter == PersonFilter():  # no filter: a statement the planner can answer from indexes
        return await _page(tx, "list_people_all", first, after="" if after is None else after)
    params: dict[str, Any] = {} if filter.company_id is None else {"companyId": filter.company_id}
    return await _page(
        tx,
        "list_people" if filter.company_id is None else "list_people_at",
        first,
        after=after,
        nameContains=None if filter.name_contains is None else filter.name_contains.lower(),
        seniorities=None if filter.seniorities is None else list(filter.seniorities),
        decisionMaker=filter.decision_maker,
        interestId=filter.interest_id,
        **params,
    )


async def list_nodes(tx: AsyncManagedTransaction, kind: NodeKind, first: int, after: str | None) -> Page:
    return await _page(tx, "list_nodes", first, label=kind, after=after)


async def search(
    tx: AsyncManagedTransaction, text: str, kinds: Sequence[NodeKind] | None, first: int
) -> list[Node]:
    first = clamp(first)
    if (kinds is not None and not kinds) or first == 0:
        return []
    needle = text.lower()
    params: dict[str, Any] = {"text": needle, "labels": labels_param(kinds), "limit": first}
    if len(needle) > MAX_WILDCARD_TEXT:
        found = await rows(tx, "search_scan", **params)
    else:
        found = await rows(tx, "search", query=lucene_contains(needle), **params)
    return [node_of(r) for r in found]


async def home_company(tx: AsyncManagedTransaction) -> Node | None:
    found = await rows(tx, "home_company")
    return node_of(found[0]) if found else None


async def opportunities(tx: AsyncManagedTransaction, stages: Sequence[Stage] | None) -> list[Node]:
    if stages is not None and not stages:
        return []
    names = None if stages is None else [s.value for s in stages]
    return [node_of(r) for r in await rows(tx, "opportunities", stages=names)]


def _ties(found: list[dict[str, Any]]) -> TieEdges:
    groups: dict[str, list[Relationship]] = {k.value: [] for k in RelationshipKind}
    for r in found:
        groups[r["type"]].append(rel_of(RelationshipKind(r["type"]), r))
    return TieEdges(
        knows=sort_rels(groups["KNOWS"]),
        reports_to=sort_rels(groups["REPORTS_TO"]),
        works_at=sort_rels(groups["WORKS_AT"]),
        interested_in=sort_rels(groups["INTERESTED_IN"]),
    )


async def person_ties(tx: AsyncManagedTransaction, person_ids: Sequence[str]) -> TieEdges:
    return _ties(await rows(tx, "person_ties", ids=dedup(person_ids)))


async def hub_members(
    tx: AsyncManagedTransaction, company_ids: Sequence[str], interest_ids: Sequence[str]
) -> TieEdges:
    found = await rows(tx, "hub_members", companyIds=dedup(company_ids), interestIds=dedup(interest_ids))
    return _ties(found)


async def tie_skeleton(
    tx: Runner,
    person_ids: Sequence[str],
    company_ids: Sequence[str],
    interest_ids: Sequence[str],
) -> TieSkeleton:
    """One record: every tie as ``[type, src, dst, strength or current]``, made into tuples."""
    ties = await collected(
        tx,
        "tie_skeleton",
        ids=dedup(person_ids),
        companyIds=dedup(company_ids),
        interestIds=dedup(interest_ids),
    )
    knows: list[tuple[str, str, float | None]] = []
    reports: list[tuple[str, str]] = []
    works: list[tuple[str, str, bool]] = []
    likes: list[tuple[str, str]] = []
    for kind, src, dst, value in ties:
        if kind == "KNOWS":
            knows.append((src, dst, value))
        elif kind == "REPORTS_TO":
            reports.append((src, dst))
        elif kind == "WORKS_AT":
            works.append((src, dst, value is not False))
        else:
            likes.append((src, dst))
    knows.sort()
    reports.sort()
    works.sort()
    likes.sort()
    return TieSkeleton(knows, reports, works, likes)


async def iter_relationships(
    tx: AsyncManagedTransaction, kind: RelationshipKind, after: tuple[str, str] | None, batch: int
) -> list[Relationship]:
    found = await rows(
        tx,
        "iter_relationships",
        rel_kind=kind,
        afterSrc="" if after is None else after[0],
        afterDst="" if after is None else after[1],
        limit=batch,
    )
    return sort_rels(rel_of(kind, r) for r in found)


async def counts(tx: AsyncManagedTransaction) -> dict[str, int]:
    found = {r["key"]: int(r["n"]) for r in await rows(tx, "counts")}
    out = {k.value: found.get(k.value, 0) for k in NodeKind}
    out.update({k.value: found.get(k.value, 0) for k in RelationshipKind})
    return out


async def org_staff(tx: Runner, company_ids: Sequence[str]) -> list[Staff]:
    """One record: every current (company, person, managers) of the companies."""
    staff: dict[str, Staff] = {c: [] for c in company_ids}
    for company, person, labels, props, managers in await collected(tx, "org_staff", ids=list(staff)):
        staff[company].append((_node(person, labels, props), managers))
    return [staff[c] for c in company_ids]


async def audit_log(
    tx: AsyncManagedTransaction, first: int, after: int | None, actor: str | None, since: str | None
) -> tuple[list[AuditEntry], bool, int]:
    first = clamp(first)
    found = await rows(tx, "audit_log", after=after, actor=actor, since=since, limit=first + 1)
    row = found[0]
    entries = [
        AuditEntry(int(e["seq"]), e["at"], e["actor"], e["operation"], tuple(e["ids"] or ()))
        for e in row["entries"]
    ]
    return entries[:first], len(entries) > first, int(row["total"])
