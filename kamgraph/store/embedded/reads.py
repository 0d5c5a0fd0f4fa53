"""The reads of the embedded store: plain functions over one sqlite3 connection.

Each runs inside the read transaction its caller opened, so that a page and its
total count (or the several queries of one neighbourhood) see one snapshot.
Lists of ids travel as one JSON parameter (``json_each``), never as formatted SQL.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

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
from kamgraph.store.orgchart import Staff
from kamgraph.store.protocol import MAX_PAGE

_IDS = "(SELECT value FROM json_each(?))"


def node_of(row: Sequence[Any]) -> Node:
    return Node(row[0], NodeKind(row[1]), json.loads(row[2]))


def rel_of(row: Sequence[Any]) -> Relationship:
    return Relationship(RelationshipKind(row[0]), row[1], row[2], json.loads(row[3]))


def ids_param(ids: Iterable[str]) -> str:
    return json.dumps(list(ids))


def clamp(first: int) -> int:
    return max(0, min(int(first), MAX_PAGE))


# -- nodes ---------------------------------------------------------------------


def nodes_by_id(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Node]:
    rows = conn.execute(f"SELECT id, kind, props FROM nodes WHERE id IN {_IDS}", (ids_param(ids),))
    return {row[0]: node_of(row) for row in rows}


def get_nodes(conn: sqlite3.Connection, ids: Sequence[str]) -> list[Node | None]:
    found = nodes_by_id(conn, set(ids))
    return [found.get(i) for i in ids]


def _tally(conn: sqlite3.Connection, what: str) -> int:
    row = conn.execute("SELECT n FROM tallies WHERE what = ?", (what,)).fetchone()
    return int(row[0]) if row else 0


def _page(
    conn: sqlite3.Connection,
    kind: NodeKind,
    conds: list[str],
    params: list[Any],
    first: int,
    after: str | None,
    via: tuple[str, str, bool] | None = None,
) -> Page:
    """One keyset page of nodes ``n`` of ``kind`` matching ``conds``.

    ``via`` = (relationship kind, node id, current only) drives the read from
    the relationships into that node (a company's people, an interest's
    people) in ``src`` order, so that it costs the size of that set, not of
    the whole kind.
    """
    first = clamp(first)
    if via is None:
        source, key = "nodes AS n", "n.id"
        where, base = ["n.kind = ?", *conds], [kind.value, *params]
    else:
        rel_kind, dst, current_only = via
        # CROSS JOIN keeps the relationships as the outer loop
        source, key = "rels AS r INDEXED BY rels_dst CROSS JOIN nodes AS n ON n.id = r.src", "r.src"
        where = ["r.dst = ?", "r.kind = ?", "n.kind = ?", *conds]
        if current_only:
            where.insert(2, "coalesce(json_extract(r.props, '$.current'), 1) = 1")
        base = [dst, rel_kind, kind.value, *params]
    if via is None and not conds:
        total = _tally(conn, f"node:{kind.value}")
    else:
        sql = f"SELECT count(*) FROM {source} WHERE {' AND '.join(where)}"
        total = int(conn.execute(sql, base).fetchone()[0])
    args = list(base)
    if after is not None:
        where.append(f"{key} > ?")
        args.append(after)
    rows = conn.execute(
        f"SELECT n.id, n.kind, n.props FROM {source} WHERE {' AND '.join(where)} ORDER BY {key} LIMIT ?",
        [*args, first + 1],
    ).fetchall()
    items = [node_of(r) for r in rows[:first]]
    return Page(items=items, has_next=len(rows) > first, total_count=total)


def _name_condition(text: str, conds: list[str], params: list[Any]) -> None:
    """Case-insensitive substring on ``name``: the trigram index for 3+ characters."""
    if use_fts(text):
        conds.append("n.rowid IN (SELECT rowid FROM nodes_fts WHERE nodes_fts MATCH ?)")
        params.append(fts_phrase(text))
    conds.append("kg_rank(n.name, ?) IS NOT NULL")
    params.append(text)


def use_fts(text: str) -> bool:
    """Whether the trigram index can answer: 3+ characters (and no NUL, which ends an FTS query)."""
    return len(text) >= 3 and "\x00" not in text


def fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _in(values: Sequence[object]) -> str:
    return "(" + ", ".join("?" for _ in values) + ")"


def list_companies(conn: sqlite3.Connection, filter: CompanyFilter, first: int, after: str | None) -> Page:
    conds: list[str] = []
    params: list[Any] = []
    if filter.name_contains is not None:
        _name_condition(filter.name_contains, conds, params)
    for key, value in (("industry", filter.industry), ("country", filter.country)):
        if value is not None:
            conds.append(f"json_extract(n.props, '$.{key}') = ?")
            params.append(value)
    for key, values in (("tier", filter.tiers), ("status", filter.statuses)):
        if values is not None:
            conds.append(f"json_extract(n.props, '$.{key}') IN {_in(values)}" if values else "0")
            params.extend(values)
    if filter.tag is not None:
        conds.append("EXISTS (SELECT 1 FROM json_each(n.props, '$.tags') WHERE value = ?)")
        params.append(filter.tag)
    if filter.accounts_only:
        conds.append(
            "coalesce(json_extract(n.props, '$.home'), 0) != 1 AND "
            "(json_extract(n.props, '$.tier') IS NOT NULL OR json_extract(n.props, '$.status') IS NOT NULL)"
        )
    return _page(conn, NodeKind.COMPANY, conds, params, first, after)


def list_people(conn: sqlite3.Connection, filter: PersonFilter, first: int, after: str | None) -> Page:
    conds: list[str] = []
    params: list[Any] = []
    via: tuple[str, str, bool] | None = None
    if filter.name_contains is not None:
        _name_condition(filter.name_contains, conds, params)
    if filter.company_id is not None:
        via = ("WORKS_AT", filter.company_id, True)
    if filter.interest_id is not None:
        if via is None:
            via = ("INTERESTED_IN", filter.interest_id, False)
        else:
            conds.append(
                "EXISTS (SELECT 1 FROM rels AS i "
                "WHERE i.kind = 'INTERESTED_IN' AND i.src = n.id AND i.dst = ?)"
            )
            params.append(filter.interest_id)
    if filter.seniorities is not None:
        wanted = filter.seniorities
        conds.append(f"json_extract(n.props, '$.seniority') IN {_in(wanted)}" if wanted else "0")
        params.extend(filter.seniorities)
    if filter.decision_maker is not None:
        conds.append("coalesce(json_extract(n.props, '$.decisionMaker'), 0) = ?")
        params.append(1 if filter.decision_maker else 0)
    return _page(conn, NodeKind.PERSON, conds, params, first, after, via)


def list_nodes(conn: sqlite3.Connection, kind: NodeKind, first: int, after: str | None) -> Page:
    return _page(conn, kind, [], [], first, after)


def search(conn: sqlite3.Connection, text: str, kinds: Sequence[NodeKind] | None, first: int) -> list[Node]:
    first = clamp(first)
    conds: list[str] = []
    params: list[Any] = []
    if use_fts(text):
        conds.append("n.rowid IN (SELECT rowid FROM nodes_fts WHERE nodes_fts MATCH ?)")
        params.append(fts_phrase(text))
    if kinds is not None:
        values = [k.value for k in kinds]
        if not values:
            return []
        conds.append(f"n.kind IN {_in(values)}")
        params.extend(values)
    where = " AND ".join(conds) if conds else "1"
    rows = conn.execute(
        f"SELECT id, kind, props FROM (SELECT n.id, n.kind, n.props, n.name, kg_rank(n.name, ?) AS r "
        f"FROM nodes AS n WHERE {where}) WHERE r IS NOT NULL ORDER BY r, name, id LIMIT ?",
        [text, *params, first],
    )
    return [node_of(r) for r in rows]


def home_company(conn: sqlite3.Connection) -> Node | None:
    row = conn.execute(
        "SELECT id, kind, props FROM nodes INDEXED BY nodes_home "
        "WHERE kind = 'COMPANY' AND json_extract(props, '$.home') = 1 "
        "ORDER BY id LIMIT 1"
    ).fetchone()
    return node_of(row) if row else None


def opportunities(conn: sqlite3.Connection, stages: Sequence[Stage] | None) -> list[Node]:
    sql = "SELECT id, kind, props FROM nodes WHERE kind = 'OPPORTUNITY'"
    params: list[Any] = []
    if stages is not None:
        if not stages:
            return []
        sql += f" AND json_extract(props, '$.stage') IN {_in(stages)}"
        params.extend(s.value for s in stages)
    return [node_of(r) for r in conn.execute(sql + " ORDER BY id", params)]


# -- relationships -----------------------------------------------------------------

_REL_COLS = "kind, src, dst, props"


def _rels_at(
    conn: sqlite3.Connection, ids: Iterable[str], kind: RelationshipKind, end: End
) -> list[Relationship]:
    """Relationships of ``kind`` at ``end`` of any of ``ids``, each once, by (from, to)."""
    param = ids_param(ids)
    parts: list[str] = []
    args: list[Any] = []
    if end in (End.OUT, End.BOTH):
        parts.append(f"SELECT {_REL_COLS} FROM rels WHERE src IN {_IDS} AND kind = ?")
        args += [param, kind.value]
    if end in (End.IN, End.BOTH):
        parts.append(f"SELECT {_REL_COLS} FROM rels INDEXED BY rels_dst WHERE dst IN {_IDS} AND kind = ?")
        args += [param, kind.value]
    sql = " UNION ".join(parts) + " ORDER BY src, dst"
    return [rel_of(r) for r in conn.execute(sql, args)]


def get_relationships(
    conn: sqlite3.Connection, ids: Sequence[str], kind: RelationshipKind, end: End
) -> list[list[Relationship]]:
    by_id: dict[str, list[Relationship]] = {i: [] for i in ids}
    for rel in _rels_at(conn, set(ids), kind, end):
        if end in (End.OUT, End.BOTH) and rel.from_id in by_id:
            by_id[rel.from_id].append(rel)
        if end in (End.IN, End.BOTH) and rel.to_id in by_id and rel.to_id != rel.from_id:
            by_id[rel.to_id].append(rel)
    return [list(by_id[i]) for i in ids]


def person_ties(conn: sqlite3.Connection, person_ids: Sequence[str]) -> TieEdges:
    ids = set(person_ids)
    return TieEdges(
        knows=_rels_at(conn, ids, RelationshipKind.KNOWS, End.BOTH),
        reports_to=_rels_at(conn, ids, RelationshipKind.REPORTS_TO, End.BOTH),
        works_at=_rels_at(conn, ids, RelationshipKind.WORKS_AT, End.OUT),
        interested_in=_rels_at(conn, ids, RelationshipKind.INTERESTED_IN, End.OUT),
    )


def hub_members(
    conn: sqlite3.Connection, company_ids: Sequence[str], interest_ids: Sequence[str]
) -> TieEdges:
    return TieEdges(
        works_at=_rels_at(conn, set(company_ids), RelationshipKind.WORKS_AT, End.IN),
        interested_in=_rels_at(conn, set(interest_ids), RelationshipKind.INTERESTED_IN, End.IN),
    )


def tie_skeleton(
    conn: sqlite3.Connection,
    person_ids: Sequence[str],
    company_ids: Sequence[str],
    interest_ids: Sequence[str],
) -> TieSkeleton:
    """The rows as SQLite gives them: no object per relationship."""
    people, hubs, fans = ids_param(set(person_ids)), ids_param(set(company_ids)), ids_param(set(interest_ids))

    def both(kind: str, column: str) -> str:
        return (
            f"SELECT src, dst{column} FROM rels WHERE src IN {_IDS} AND kind = '{kind}' UNION "
            f"SELECT src, dst{column} FROM rels INDEXED BY rels_dst WHERE dst IN {_IDS} AND kind = '{kind}' "
            "ORDER BY src, dst"
        )

    knows = conn.execute(both("KNOWS", ", json_extract(props, '$.strength')"), (people, people)).fetchall()
    reports = conn.execute(both("REPORTS_TO", ""), (people, people)).fetchall()
    works = conn.execute(
        f"SELECT src, dst, coalesce(json_extract(props, '$.current'), 1) FROM rels "
        f"WHERE src IN {_IDS} AND kind = 'WORKS_AT' UNION "
        f"SELECT src, dst, coalesce(json_extract(props, '$.current'), 1) FROM rels INDEXED BY rels_dst "
        f"WHERE dst IN {_IDS} AND kind = 'WORKS_AT' ORDER BY src, dst",
        (people, hubs),
    ).fetchall()
    likes = conn.execute(
        f"SELECT src, dst FROM rels WHERE src IN {_IDS} AND kind = 'INTERESTED_IN' UNION "
        f"SELECT src, dst FROM rels INDEXED BY rels_dst WHERE dst IN {_IDS} AND kind = 'INTERESTED_IN' "
        "ORDER BY src, dst",
        (people, fans),
    ).fetchall()
    return TieSkeleton(knows, reports, [(p, c, bool(now)) for p, c, now in works], likes)


def iter_relationships(
    conn: sqlite3.Connection, kind: RelationshipKind, after: tuple[str, str] | None, batch: int
) -> list[Relationship]:
    if after is None:
        rows = conn.execute(
            f"SELECT {_REL_COLS} FROM rels WHERE kind = ? ORDER BY src, dst LIMIT ?", (kind.value, batch)
        )
    else:
        rows = conn.execute(
            f"SELECT {_REL_COLS} FROM rels WHERE kind = ? AND (src, dst) > (?, ?) ORDER BY src, dst LIMIT ?",
            (kind.value, after[0], after[1], batch),
        )
    return [rel_of(r) for r in rows]


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    tallies = dict(conn.execute("SELECT what, n FROM tallies").fetchall())
    out = {k.value: int(tallies.get(f"node:{k.value}", 0)) for k in NodeKind}
    out.update({k.value: int(tallies.get(f"rel:{k.value}", 0)) for k in RelationshipKind})
    return out


# -- org chart -----------------------------------------------------------------------


def org_staff(conn: sqlite3.Connection, company_ids: Sequence[str]) -> list[Staff]:
    """Each company's current people with the ids of whom they report to: two queries."""
    staff: dict[str, Staff] = {c: [] for c in company_ids}
    found = conn.execute(
        "SELECT r.dst, n.id, n.kind, n.props FROM rels AS r INDEXED BY rels_dst "
        "CROSS JOIN nodes AS n ON n.id = r.src "
        f"WHERE r.dst IN {_IDS} AND r.kind = 'WORKS_AT' "
        "AND coalesce(json_extract(r.props, '$.current'), 1) = 1 ORDER BY r.dst, r.src",
        (ids_param(staff),),
    ).fetchall()
    managers: dict[str, list[str]] = {row[1]: [] for row in found}
    for src, dst in conn.execute(
        f"SELECT src, dst FROM rels WHERE src IN {_IDS} AND kind = 'REPORTS_TO'", (ids_param(managers),)
    ):
        managers[src].append(dst)
    for company, *node in found:
        staff[company].append((node_of(node), managers[node[0]]))
    return [staff[c] for c in company_ids]


# -- audit -------------------------------------------------------------------------


def audit_log(
    conn: sqlite3.Connection, first: int, after: int | None, actor: str | None, since: str | None
) -> tuple[list[AuditEntry], bool, int]:
    first = clamp(first)
    conds: list[str] = []
    params: list[Any] = []
    if actor is not None:
        conds.append("actor = ?")
        params.append(actor)
    if since is not None:
        conds.append("at >= ?")
        params.append(since)
    where = " WHERE " + " AND ".join(conds) if conds else ""
    total = int(conn.execute(f"SELECT count(*) FROM audit{where}", params).fetchone()[0])
    if after is not None:
        conds.append("seq < ?")
        params.append(after)
    where = " WHERE " + " AND ".join(conds) if conds else ""
    rows = conn.execute(
        f"SELECT seq, at, actor, operation, ids FROM audit{where} ORDER BY seq DESC LIMIT ?",
        [*params, first + 1],
    ).fetchall()
    entries = [AuditEntry(r[0], r[1], r[2], r[3], tuple(json.loads(r[4]))) for r in rows[:first]]
    return entries, len(rows) > first, total
