"""A bounded load test on loopback: 32 clients read and write for ~15 s through a real
uvicorn; no request fails, and every acknowledged write is there afterwards."""

from __future__ import annotations

import asyncio
import random
import time
from contextlib import AsyncExitStack
from pathlib import Path

import httpx
import pytest

from kamgraph.store.protocol import GraphStore
from tests.e2e.safety_support import start_keyed

CLIENTS = 32
SECONDS = 15.0

WRITE = """mutation($p: [PersonInput!]!, $r: [RelationshipInput!]!) {
  upsertPeople(input: $p) { id } relate(input: $r) { kind } }"""
READS = [
    ("{ people(first: 20) { totalCount edges { node { id name company { name } } } } }", None),
    ("query($t: String!) { search(text: $t, first: 10) { id name } }", {"t": "worker"}),
    ("query($id: ID!) { person(id: $id) { name email knows { person { id } strength } } }", {"id": "w0-0"}),
    ('{ company(id: "acme") { people(first: 50) { totalCount } } }', None),
]


@pytest.mark.slow
async def test_mixed_load_without_errors_or_lost_writes(embedded_store: GraphStore, tmp_path: Path) -> None:
    async with AsyncExitStack() as stack:
        keyed = await start_keyed(stack, embedded_store, tmp_path, transport="uvicorn")
        await keyed.data("admin", 'mutation { upsertCompanies(input: [{id: "acme", name: "Acme"}]) { id } }')
        acknowledged: list[str] = []
        failures: list[str] = []
        counts = {"reads": 0, "writes": 0}
        deadline = time.monotonic() + SECONDS

        async def client(n: int) -> None:
            rng = random.Random(n)
            headers = keyed.headers("editor" if n % 2 else "analyst")
            async with httpx.AsyncClient(base_url=keyed.api.url, headers=headers, timeout=30) as http:
                i = 0
                while time.monotonic() < deadline:
                    if n % 2 and rng.random() < 0.5:
                        pid = f"w{n}-{i}"
                        variables = {
                            "p": [{"id": pid, "name": f"worker {n} {i}", "email": f"{pid}@example.com"}],
                            "r": [
                                {"kind": "WORKS_AT", "from": pid, "to": "acme"},
                                *(
                                    [{"kind": "KNOWS", "from": pid, "to": f"w{n}-{i - 1}", "strength": 0.5}]
                                    if i
                                    else []
                                ),
                            ],
                        }
                        r = await http.post("/graphql", json={"query": WRITE, "variables": variables})
                        if r.status_code == 200 and "errors" not in r.json():
                            acknowledged.append(pid)
                            counts["writes"] += 1
                        else:
                            failures.append(f"write {pid}: {r.status_code} {r.text[:300]}")
                        i += 1
                    else:
                        query, variables = rng.choice(READS)
                        r = await http.post("/graphql", json={"query": query, "variables": variables})
                        if r.status_code != 200 or "errors" in r.json():
                            failures.append(f"read: {r.status_code} {r.text[:300]}")
                        counts["reads"] += 1

        await asyncio.gather(*(client(n) for n in range(CLIENTS)))
        assert failures == []
        assert counts["writes"] > 100 and counts["reads"] > 100, counts
        found = await keyed.api.store.get_nodes(acknowledged)
        assert [n.id if n else None for n in found] == acknowledged
        page = await keyed.data("admin", '{ company(id: "acme") { people(first: 0) { totalCount } } }')
        assert page["company"]["people"]["totalCount"] == len(acknowledged)
        _, _, audited = await keyed.api.store.audit_log(1)
        assert audited == 1 + 2 * len(acknowledged)
