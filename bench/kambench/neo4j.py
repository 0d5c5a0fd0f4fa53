"""The benchmark's own Neo4j (scripts/neo4j on its own port and data dir)."""

from __future__ import annotations

import os
import subprocess

from kambench.env import DATA, REPO

PORT = int(os.environ.get("BENCH_NEO4J_PORT", "7697"))
PASSWORD = os.environ.get("BENCH_NEO4J_PASSWORD", "kamgraph-bench")
HOME = DATA / "neo4j"


def _env() -> dict[str, str]:
    return dict(
        os.environ,
        NEO4J_BOLT_PORT=str(PORT),
        NEO4J_HOME_DIR=str(HOME),
        NEO4J_PASSWORD=PASSWORD,
        NEO4J_HEAP=os.environ.get("BENCH_NEO4J_HEAP", "1g"),
        NEO4J_PAGECACHE=os.environ.get("BENCH_NEO4J_PAGECACHE", "1g"),
    )


def start(fresh: bool) -> str:
    """(Re)start the bench instance, wiped first when ``fresh``; its Bolt URI."""
    script = str(REPO / "scripts" / "neo4j")
    if fresh:
        subprocess.run([script, "stop"], env=_env(), check=True, capture_output=True)
    out = subprocess.run(
        [script, "start", *(["--fresh"] if fresh else [])],
        env=_env(), check=True, capture_output=True, text=True,
    )
    return out.stdout.strip().splitlines()[-1]


def stop() -> None:
    subprocess.run([str(REPO / "scripts" / "neo4j"), "stop"], env=_env(), check=True, capture_output=True)


def version(uri: str) -> str:
    from neo4j import GraphDatabase

    with GraphDatabase.driver(uri, auth=("neo4j", PASSWORD)) as driver:
        records, _, _ = driver.execute_query("CALL dbms.components() YIELD name, versions, edition "
                                             "RETURN versions[0] AS v, edition AS e")
        return f"{records[0]['v']} {records[0]['e']}"


def service_env() -> dict[str, str]:
    """What a kamgraph process needs to reach the bench instance."""
    return {"NEO4J_PASSWORD": PASSWORD}


def pid() -> int | None:
    """The bench instance's JVM, while it runs."""
    try:
        return int((HOME / "neo4j.pid").read_text().strip())
    except (OSError, ValueError):
        return None
