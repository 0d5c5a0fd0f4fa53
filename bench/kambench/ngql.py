"""The Neo4j GraphQL Library server (bench/neo4j-graphql/server.js) as a subprocess."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from kambench.env import BENCH, free_port, stop, wait_http

DIR = BENCH / "neo4j-graphql"


def installed() -> bool:
    return (DIR / "node_modules" / "@neo4j" / "graphql").is_dir()


def start(uri: str, password: str, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = dict(os.environ, NEO4J_URI=uri, NEO4J_PASSWORD=password, PORT=str(port))
    proc = subprocess.Popen(["node", "server.js"], cwd=DIR, env=env, stdout=log.open("ab"),
                            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_http(url, timeout=90, proc=proc, body={"query": "{ __typename }"})
    except BaseException:
        stop(proc)
        raise
    return proc, url
