"""The writes of the embedded store: plain functions run inside one write transaction.

The runner (:class:`~kamgraph.store.embedded.store.SqliteRunner`) opens
``BEGIN IMMEDIATE`` and commits when the function returns, or rolls back when
it raises: every problem of a batch is collected first and raised as one
``ValidationError`` before anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from kamgraph.domain.errors import Problem, ValidationError
from kamgraph.domain.model import (
    REL_DEFAULTS,
    REL_SPECS,
    UNDIRECTED,
    AuditInfo,
    Node,
    NodeInput,
    NodeKind,
    Relationship,
    RelationshipInput,
    RelationshipKey,
    RelationshipKind,
)
from kamgraph.domain.rules import check_endpoints, check_home, merge_props
from kamgraph.store.checks import home_problems, home_setters, merge_in_order, normalised
from kamgraph.store.embedded.reads import ids_param
from kamgraph.store.embedded.schema import add_to_tallies, index_new_nodes

_IDS = "(SELECT value FROM json_each(?))"


def _dumps(props: dict[str, Any]) -> str:
    return json.dumps(props, sort_keys=True, ensure_ascii=False, allow_nan=False)


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _dedup(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def record_audit(conn: sqlite3.Connection, audit: AuditInfo | None, ids: Iterable[str]) -> None:
    if audit is None:
        return
    conn.execute(
        "INSERT INTO audit(at, actor, operation, ids) VALUES (?, ?, ?, ?)",
        (now_iso(), audit.actor, audit.operation, json.dumps(_dedup(ids))),
    )


def _stored(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, tuple[NodeKind, dict[str, Any]]]:
    rows = conn.execute(f"SELECT id, kind, props FROM nodes WHERE id IN {_IDS}", (ids_param(ids),))
    return {r[0]: (NodeKind(r[1]), json.loads(r[2])) for r in rows}


def upsert_nodes(
    conn: sqlite3.Connection, inputs: Sequence[NodeInput], audit: AuditInfo | None
) -> list[Node]:
    stored = _stored(conn, {i.id for i in inputs})
    state: dict[str, tuple[NodeKind, dict[str, Any]]] = dict(stored)
    problems, clashing = merge_in_order(inputs, state, lambda item, props: merge_props(props, item.props, {}))
    problems.extend(_home_problems(conn, inputs, state, clashing))
    if problems:
        raise ValidationError(problems)
    touched = _dedup(i.id for i in inputs)
    rows = []
    for node_id in touched:
        kind, props = state[node_id]
        rows.append((node_id, kind.value, str(props.get("name", "")), _dumps(props)))
    conn.executemany(
        "INSERT INTO nodes(id, kind, name, props) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET name = excluded.name, props = excluded.props",
        rows,
    )
    _index_new(conn, [(node_id, state[node_id][0]) for node_id in touched if node_id not in stored])
    record_audit(conn, audit, touched)
    return [Node(i.id, state[i.id][0], state[i.id][1]) for i in inputs]


def _index_new(conn: sqlite3.Connection, new: Sequence[tuple[str, NodeKind]]) -> None:
    """Index the names of newly inserted nodes and count them (see embedded_schema)."""
    if not new:
        return
    index_new_nodes(conn, [node_id for node_id, _ in new])
    added: dict[str, int] = {}
    for _, kind in new:
        what = "node:" + kind.value
        added[what] = added.get(what, 0) + 1
    add_to_tallies(conn, added)


def _home_problems(
    conn: sqlite3.Connection,
    inputs: Sequence[NodeInput],
    state: dict[str, tuple[NodeKind, dict[str, Any]]],
    clashing: set[int],
) -> list[Problem]:
    setting = home_setters(inputs, clashing)
    if not setting:
        return []
    after = {node_id: (kind, props.get("home")) for node_id, (kind, props) in state.items()}
    return home_problems(setting, _home_ids(conn), after)


def _home_ids(conn: sqlite3.Connection) -> set[str]:
    return {
        r[0]
        for r in conn.execute(
            "SELECT id FROM nodes INDEXED BY nodes_home "
            "WHERE kind = 'COMPANY' AND json_extract(props, '$.home') = 1"
        )
    }


def relate(
    conn: sqlite3.Connection, inputs: Sequence[RelationshipInput], audit: AuditInfo | None
) -> list[Relationship]:
    items = [normalised(i) for i in inputs]
    ends = {i.from_id for i in items} | {i.to_id for i in items}
    kinds = {node_id: kind for node_id, (kind, _) in _stored(conn, ends).items()}
    problems = check_endpoints(items, kinds)
    if problems:
        raise ValidationError(problems)
    state: dict[RelationshipKey, dict[str, Any]] = {}
    added: dict[str, int] = {}
    for item in items:
        key = item.key
        current = state.get(key)
        if current is None:
            row = conn.execute(
                "SELECT props FROM rels WHERE kind = ? AND src = ? AND dst = ?",
                (item.kind.value, item.from_id, item.to_id),
            ).fetchone()
            if row is None:
                what = "rel:" + item.kind.value
                added[what] = added.get(what, 0) + 1
            current = json.loads(row[0]) if row else None
        state[key] = merge_props(current, item.props, REL_DEFAULTS.get(item.kind, {}))
    conn.executemany(
        "INSERT INTO rels(kind, src, dst, props) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(kind, src, dst) DO UPDATE SET props = excluded.props",
        [(k.kind.value, k.from_id, k.to_id, _dumps(p)) for k, p in state.items()],
    )
    add_to_tallies(conn, added)
    record_audit(conn, audit, (end for i in items for end in (i.from_id, i.to_id)))
    return [Relationship(i.kind, i.from_id, i.to_id, state[i.key]) for i in items]


# -- bulk ---------------------------------------------------------------------------
#
# ``json_patch`` is an RFC 7396 merge patch: a key given replaces, a key given as
# null is removed, the rest is kept -- the merge of ``merge_props``. A new node
# is ``json_patch('{}', patch)`` (nulls dropped); a new relationship
# ``json_patch(defaults, patch)``. Applying the same patch twice changes nothing
# more, which the relationship pass below relies on.

_encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
_EMPTY = "{}"
_REL_DEFAULTS_JSON: dict[str, str] = {
    k.value: _encode(dict(REL_DEFAULTS.get(k, {}))) for k in RelationshipKind
}
#: by relationship kind value (enum members hash slowly): from kind, to kind, undirected
_REL_BULK: dict[str, tuple[str, str, bool]] = {
    k.value: (s.from_kind.value, s.to_kind.value, k in UNDIRECTED) for k, s in REL_SPECS.items()
}
# A batch travels to SQLite as ONE JSON array parameter, inserted by one
# statement over json_each: one call into SQLite per batch (which runs without
# the GIL, so that the next batch is made ready meanwhile) instead of one per row.
_ROW = "json_extract(value, '$[{}]')"
_NODE_INSERT = (
    "INSERT INTO nodes(id, kind, name, props) "
    f"SELECT {_ROW.format(0)}, {_ROW.format(1)}, coalesce({_ROW.format(2)}, ''), "
    f"json_patch('{{}}', {_ROW.format(3)}) FROM json_each(?) WHERE true "
    "ON CONFLICT(id) DO NOTHING"
)
# json_extract ends a string at a NUL character: a batch with one (rare) is
# written a row at a time instead
_NUL = "\\u0000"
_NODE_INSERT_ROW = (
    "INSERT INTO nodes(id, kind, name, props) VALUES (?, ?, coalesce(?, ''), json_patch('{}', ?)) "
    "ON CONFLICT(id) DO NOTHING"
)
_REL_INSERT_ROW = (
    "INSERT INTO rels(kind, src, dst, props) VALUES (?, ?, ?, json_patch(?, ?)) "
    "ON CONFLICT(kind, src, dst) DO NOTHING"
)
_NODE_PATCH = "UPDATE nodes SET name = coalesce(?, name), props = json_patch(props, ?) WHERE id = ?"
_REL_INSERT = (
    "INSERT INTO rels(kind, src, dst, props) "
    f"SELECT ?, {_ROW.format(0)}, {_ROW.format(1)}, json_patch(?, {_ROW.format(2)}) "
    "FROM json_each(?) WHERE true ON CONFLICT(kind, src, dst) DO NOTHING"
)
_REL_PATCH = "UPDATE rels SET props = json_patch(props, ?) WHERE kind = ? AND src = ? AND dst = ?"


def _patch(props: Any) -> str:
    if not props:
        return _EMPTY
    return _encode(props if type(props) is dict else dict(props))


def _plain(props: Any) -> Any:
    return props if type(props) is dict else dict(props)


def _kinds_of(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, str]:
    """id -> kind (its value) of the nodes that exist among ``ids`` (reads no props)."""
    text = ids_param(ids)
    if _NUL not in text:
        return dict(conn.execute(f"SELECT id, kind FROM nodes WHERE id IN {_IDS}", (text,)).fetchall())
    found = {}
    for node_id in json.loads(text):  # json_each would end an id at its NUL
        row = conn.execute("SELECT kind FROM nodes WHERE id = ?", (node_id,)).fetchone()
        if row is not None:
            found[node_id] = row[0]
    return found


@dataclass(slots=True)
class BulkBatch:
    """A bulk write made ready without the store (pure Python, so that it can be
    done in the caller's thread while the writer thread writes the batch before)."""

    nodes: Sequence[NodeInput]
    rels: Sequence[RelationshipInput]
    node_rows: list[list[Any]]  # [id, kind, name, props]
    homes: bool  # some company is made home
    rel_rows: dict[str, list[list[Any]]]  # kind -> [from, to, props], normalised, in input order
    rel_json: dict[str, str]  # kind -> its rows as one JSON array
    need: dict[str, str]  # id -> the node kind the relationships need it to be
    need_clash: bool  # some id is needed as two kinds (so some relationship is bad)


def prepare_bulk(nodes: Sequence[NodeInput], rels: Sequence[RelationshipInput]) -> BulkBatch:
    node_rows: list[list[Any]] = []
    homes = False
    for n in nodes:
        props = n.props
        name = props.get("name")
        if n.kind is NodeKind.COMPANY and props.get("home") is True:
            homes = True
        node_rows.append([n.id, n.kind._value_, None if name is None else str(name), _plain(props)])
    specs = _REL_BULK
    by_kind: dict[str, list[list[Any]]] = {}
    need: dict[str, str] = {}
    need_kind = need.setdefault
    clash = False
    for r in rels:
        value = r.kind._value_
        want_from, want_to, undirected = specs[value]
        a, b = r.from_id, r.to_id
        if undirected and b < a:
            a, b = b, a
        row = [a, b, _plain(r.props)]
        rows = by_kind.get(value)
        if rows is None:
            by_kind[value] = [row]
        else:
            rows.append(row)
        if need_kind(a, want_from) != want_from or need_kind(b, want_to) != want_to:
            clash = True
    # (in input order: sorting by key measured no faster in SQLite, and cost a quarter of this)
    rel_json = {value: _encode(rows) for value, rows in by_kind.items()}
    return BulkBatch(nodes, rels, node_rows, homes, by_kind, rel_json, need, clash)


def bulk_upsert(conn: sqlite3.Connection, batch: BulkBatch) -> None:
    """``upsert_nodes`` then ``relate`` of a batch made ready by :func:`prepare_bulk`,
    in the caller's transaction, with the same merge and checks, but no audit entry
    and nothing returned: the write path of bulk imports. A problem raises
    ``ValidationError`` (the caller rolls back)."""
    # checkpoint the WAL every ~40 MB rather than every 4 MB while importing:
    # fewer rewrites of the same pages; durability is the same (synchronous=FULL)
    conn.execute("PRAGMA wal_autocheckpoint = 10000")
    if batch.nodes:
        _bulk_nodes(conn, batch)
    if batch.rels:
        _bulk_rels(conn, batch)


def _bulk_nodes(conn: sqlite3.Connection, batch: BulkBatch) -> None:
    nodes = batch.nodes
    state = _kinds_of(conn, {row[0] for row in batch.node_rows})
    new: list[tuple[str, NodeKind]] = []
    fresh: list[list[Any]] = []  # the first row of each new id: inserted
    again: list[list[Any]] = []  # the rows of ids that exist by then: merged in order
    for n, row in zip(nodes, batch.node_rows, strict=True):
        have = state.get(row[0])
        if have is None:
            state[row[0]] = row[1]
            new.append((row[0], n.kind))
            fresh.append(row)
        elif have != row[1]:
            upsert_nodes(conn, nodes, None)  # raises with every problem, as upsert_nodes does
            return
        else:
            again.append(row)
    if fresh:
        text = _encode(fresh)
        if _NUL not in text:
            conn.execute(_NODE_INSERT, (text,))
        else:
            conn.executemany(_NODE_INSERT_ROW, [(i, k, name, _patch(p)) for i, k, name, p in fresh])
    if again:
        conn.executemany(_NODE_PATCH, [(name, _patch(props), i) for i, _, name, props in again])
    _index_new(conn, new)
    if batch.homes:
        _check_homes_after(conn, nodes)


def _check_homes_after(conn: sqlite3.Connection, nodes: Sequence[NodeInput]) -> None:
    """At most one company is home after the write (else ``ValidationError``, as upsert_nodes)."""
    problems = check_home(home_setters(nodes), _home_ids(conn))
    if problems:
        raise ValidationError(problems)


def _bulk_rels(conn: sqlite3.Connection, batch: BulkBatch) -> None:
    kinds = _kinds_of(conn, batch.need)
    if batch.need_clash or kinds != batch.need:  # some end is missing or of another kind
        items = [normalised(i) for i in batch.rels]
        raise ValidationError(check_endpoints(items, {i: NodeKind(k) for i, k in kinds.items()}))
    added: dict[str, int] = {}
    for value, rows in batch.rel_rows.items():
        defaults, text = _REL_DEFAULTS_JSON[value], batch.rel_json[value]
        if _NUL not in text:
            inserted = conn.execute(_REL_INSERT, (value, defaults, text)).rowcount
        else:
            one_by_one = [(value, a, b, defaults, _patch(p)) for a, b, p in rows]
            inserted = conn.executemany(_REL_INSERT_ROW, one_by_one).rowcount
        added["rel:" + value] = inserted
        if inserted < len(rows):  # some existed, or a key came twice: patch them in order
            patches = [(_patch(p), value, a, b) for a, b, p in rows if p]
            conn.executemany(_REL_PATCH, patches)
    add_to_tallies(conn, added)


def unrelate(conn: sqlite3.Connection, keys: Sequence[RelationshipKey], audit: AuditInfo | None) -> int:
    removed = 0
    norm = _dedup_keys(keys)
    for key in norm:
        cur = conn.execute(
            "DELETE FROM rels WHERE kind = ? AND src = ? AND dst = ?",
            (key.kind.value, key.from_id, key.to_id),
        )
        removed += cur.rowcount
    record_audit(conn, audit, (end for k in norm for end in (k.from_id, k.to_id)))
    return removed


def _dedup_keys(keys: Iterable[RelationshipKey]) -> list[RelationshipKey]:
    return list(dict.fromkeys(k.normalised() for k in keys))


def delete_nodes(conn: sqlite3.Connection, ids: Sequence[str], audit: AuditInfo | None) -> int:
    param = ids_param(set(ids))
    conn.execute(f"DELETE FROM rels INDEXED BY rels_src WHERE src IN {_IDS}", (param,))
    conn.execute(f"DELETE FROM rels INDEXED BY rels_dst WHERE dst IN {_IDS}", (param,))
    removed = conn.execute(f"DELETE FROM nodes WHERE id IN {_IDS}", (param,)).rowcount
    record_audit(conn, audit, ids)
    return int(removed)


def erase_person(conn: sqlite3.Connection, person_id: str, audit: AuditInfo | None) -> bool:
    row = conn.execute("SELECT kind FROM nodes WHERE id = ?", (person_id,)).fetchone()
    existed = row is not None and row[0] == NodeKind.PERSON.value
    if existed:
        delete_nodes(conn, [person_id], None)
    record_audit(conn, audit, [person_id])
    return existed


def clear(conn: sqlite3.Connection) -> bool:
    """Delete everything; returns whether anything is left (never)."""
    conn.execute("DELETE FROM rels")
    conn.execute("DELETE FROM nodes")
    conn.execute("DELETE FROM audit")
    conn.execute("DELETE FROM sqlite_sequence WHERE name = 'audit'")
    conn.execute("INSERT INTO nodes_fts(nodes_fts) VALUES ('delete-all')")
    conn.execute("UPDATE tallies SET n = 0")
    return False
