"""Import rate: ``kamgraph import`` beside a raw baseline on the same files."""

from __future__ import annotations

import json
import os
import re
import resource
import sqlite3
import subprocess
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from neo4j import GraphDatabase, ManagedTransaction

from kambench.data import node_rows, relationship_rows
from kambench.env import KAMGRAPH

BATCH = 5_000
_SUMMARY = re.compile(
    r"imported ([\d,]+) rows .* in ([\d.]+) s \(validated in ([\d.]+) s, written in ([\d.]+) s\)"
)


def kamgraph_import(
    csv_dir: Path, store: str, log: Path, env: dict[str, str], profile: Path | None = None
) -> dict[str, Any]:
    """``kamgraph import DIR --store S``: its own summary line, and the wall time around it."""
    # embedded: the command's own batch size (20,000 rows a transaction), as a user runs it;
    # Neo4j: BATCH rows, the size of the raw UNWIND baseline it is compared with
    cmd = [KAMGRAPH, "import", str(csv_dir), "--store", store, "--progress-interval", "30"]
    if "://" in store:
        cmd += ["--batch", str(BATCH)]
    # BENCH_KAMGRAPH_SRC: a source tree of another kamgraph commit (git archive SHA kamgraph
    # cypher) to import with, when the checkout's own import is broken for a store
    src = os.environ.get("BENCH_KAMGRAPH_SRC")
    if src:
        env = dict(env, PYTHONPATH=src)
        cmd = [str(Path(KAMGRAPH).parent / "python"), "-m", "kamgraph.cli", *cmd[1:]]
    if profile is not None:
        cmd = [str(Path(KAMGRAPH).parent / "pyinstrument"), "-r", "session", "-o", str(profile), *cmd]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, **env))
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with log.open("a") as f:
        f.write(done.stdout + done.stderr)
    if done.returncode != 0:
        raise RuntimeError(f"kamgraph import failed ({done.returncode}): {done.stderr[-2000:]}")
    m = _SUMMARY.search(done.stderr + done.stdout)
    if not m:
        raise RuntimeError(f"no summary line in: {done.stderr[-500:]}")
    rows = int(m.group(1).replace(",", ""))
    return {
        "rows": rows,
        "seconds": float(m.group(2)),
        "validate_seconds": float(m.group(3)),
        "write_seconds": float(m.group(4)),
        "rows_per_s": round(rows / float(m.group(2))),
        "write_rows_per_s": round(rows / float(m.group(4))),
        "wall_seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),  # of the whole command (start-up included), user + system
        **({"kamgraph_source": os.environ.get("BENCH_KAMGRAPH_SRC_LABEL", src)} if src else {}),
    }


def _batches(csv_dir: Path) -> tuple[list[list[tuple[str, Any]]], list[list[tuple[str, Any]]]]:
    nodes: list[list[tuple[str, Any]]] = [[]]
    for label, props in node_rows(csv_dir):
        if len(nodes[-1]) == BATCH:
            nodes.append([])
        nodes[-1].append((label, props))
    rels: list[list[tuple[str, Any]]] = [[]]
    for kind, src, dst, props in relationship_rows(csv_dir):
        if len(rels[-1]) == BATCH:
            rels.append([])
        rels[-1].append((kind, (src, dst, props)))
    return nodes, rels


def _timed(read: Callable[[], Any], write: Callable[[Any], int]) -> dict[str, Any]:
    t0 = time.perf_counter()
    data = read()
    t1 = time.perf_counter()
    rows = write(data)
    t2 = time.perf_counter()
    return {
        "rows": rows,
        "seconds": round(t2 - t0, 2),
        "read_seconds": round(t1 - t0, 2),
        "write_seconds": round(t2 - t1, 2),
        "rows_per_s": round(rows / (t2 - t0)),
        "write_rows_per_s": round(rows / (t2 - t1)),
    }


def raw_sqlite(csv_dir: Path, path: Path) -> dict[str, Any]:
    """Plain ``executemany`` into the embedded store's own table layout (same tables, indexes,
    FTS and tally triggers, same pragmas), one transaction per batch of 5,000 rows."""
    from kamgraph.store.embedded.schema import apply_schema, configure

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    configure(conn, durable=True)
    apply_schema(conn)

    def write(batches: tuple[list[list[tuple[str, Any]]], list[list[tuple[str, Any]]]]) -> int:
        n = 0
        nodes, rels = batches
        for batch in nodes:
            conn.execute("BEGIN")
            conn.executemany(
                "INSERT OR REPLACE INTO nodes(id, kind, name, props) VALUES (?, ?, ?, ?)",
                [(p["id"], label.upper(), p["name"], json.dumps(p)) for label, p in batch],
            )
            conn.execute("COMMIT")
            n += len(batch)
        for batch in rels:
            conn.execute("BEGIN")
            conn.executemany(
                "INSERT OR REPLACE INTO rels(kind, src, dst, props) VALUES (?, ?, ?, ?)",
                [(kind, src, dst, json.dumps(props)) for kind, (src, dst, props) in batch],
            )
            conn.execute("COMMIT")
            n += len(batch)
        return n

    try:
        return _timed(lambda: _batches(csv_dir), write)
    finally:
        conn.close()


_NODE_CYPHER = "UNWIND $rows AS row MERGE (n:Node {id: row.id}) SET n:%s SET n += row"
_REL_CYPHER = (
    "UNWIND $rows AS row MATCH (a:Node {id: row.src}) MATCH (b:Node {id: row.dst}) "
    "MERGE (a)-[r:%s]->(b) SET r += row.props"
)


def _identifier(name: str) -> str:
    """A label or type from the generated files (they cannot be parameters): letters and _ only."""
    if not re.fullmatch(r"[A-Za-z_]+", name):
        raise ValueError(f"not a label or relationship type: {name!r}")
    return name


def raw_neo4j(csv_dir: Path, uri: str, password: str) -> dict[str, Any]:
    """Plain driver ``UNWIND`` batches (MERGE by id / by ends and type, like the store's upserts)
    into a fresh database that has kamgraph's constraints and indexes (``kamgraph init-db``)."""
    subprocess.run([KAMGRAPH, "init-db", "--store", uri], check=True, capture_output=True,
                   env=dict(os.environ, NEO4J_PASSWORD=password))
    driver = GraphDatabase.driver(uri, auth=("neo4j", password))

    def node_tx(tx: ManagedTransaction, batch: list[tuple[str, Any]]) -> None:
        by_label: dict[str, list[Any]] = defaultdict(list)
        for label, props in batch:
            by_label[label].append(props)
        for label, rows in by_label.items():
            tx.run(_NODE_CYPHER % _identifier(label), rows=rows).consume()

    def rel_tx(tx: ManagedTransaction, batch: list[tuple[str, Any]]) -> None:
        by_kind: dict[str, list[Any]] = defaultdict(list)
        for kind, (src, dst, props) in batch:
            by_kind[kind].append({"src": src, "dst": dst, "props": props})
        for kind, rows in by_kind.items():
            tx.run(_REL_CYPHER % _identifier(kind), rows=rows).consume()

    def write(batches: tuple[list[list[tuple[str, Any]]], list[list[tuple[str, Any]]]]) -> int:
        n = 0
        nodes, rels = batches
        with driver.session() as session:
            for batch in nodes:
                session.execute_write(node_tx, batch)
                n += len(batch)
            for batch in rels:
                session.execute_write(rel_tx, batch)
                n += len(batch)
        return n

    try:
        return _timed(lambda: _batches(csv_dir), write)
    finally:
        driver.close()
