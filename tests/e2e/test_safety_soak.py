"""Soak: 50 clients for 60 s (``KAMGRAPH_SOAK_SECONDS``) against a real ``kamgraph serve``
process on the demo data, mixing the heaviest queries the limits allow with the
analyses. The service stays responsive (``/healthz`` p99 under 200 ms, measured
from a thread of its own), its memory stays bounded (RSS under 1.5 GB), and no
request outlives its timeout by more than a second. Loopback only; every loop is
bounded by the duration. ``KAMGRAPH_SOAK_QUERIES=0,2`` picks queries of HEAVY by index (to
find which one is at fault)."""

from __future__ import annotations

import asyncio
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import free_port
from tests.e2e.safety_support import make_keys

CLIENTS = 50
SECONDS = float(os.environ.get("KAMGRAPH_SOAK_SECONDS", "60"))
#: the soak runs when asked for (``KAMGRAPH_SOAK=1``): its latency targets need a machine that
#: is not busy with other work (on 2 cores at load 15 /healthz p99 was 2.5 s; RSS held at 170 MB)
ENABLED = os.environ.get("KAMGRAPH_SOAK", "") == "1"
TIMEOUT = 10.0
KEYS = ("viewer", "analyst", "editor", "admin")

HEAVY = [
    # cost 49,950 (allowed): 450 people, their acquaintances, theirs
    "{ people(first: 450) { edges { node { knows { person { knows { person { name } } } } } } } }",
    "{ companies(first: 450) { edges { node { name "
    "people(first: 100) { edges { node { name title } } } } } } }",
    '{ influencePaths(to: "p-globex-001", maxHops: 4, limit: 5) { score people { name } } }',
    '{ relationshipGaps(account: "acct-globex") '
    "{ coverage uncovered { person { name } bestPath { score } } } }",
    '{ keyInfluencers(account: "acct-globex") { person { name } score } }',
    "{ accountPriorities(first: 50) { company { name } score coverage } }",
    '{ search(text: "a", first: 100) { id name } }',
]


_PICKED = os.environ.get("KAMGRAPH_SOAK_QUERIES")
_QUERIES = HEAVY if not _PICKED else [HEAVY[int(i)] for i in _PICKED.split(",")]


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@pytest.mark.slow
@pytest.mark.skipif(not ENABLED, reason="set KAMGRAPH_SOAK=1 to run the soak (on an idle machine)")
async def test_soak_under_the_heaviest_allowed_load(tmp_path: Path) -> None:
    keys_file = tmp_path / "keys.toml"
    secrets = make_keys(keys_file, KEYS)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KAMGRAPH_", "NEO4J_"))}
    env["KAMGRAPH_KEYS_FILE"] = str(keys_file)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kamgraph.cli",
            "serve",
            "--demo",
            "--store",
            str(tmp_path / "soak.db"),
            "--port",
            str(port),
            "--log-level",
            "error",
        ],  # fmt: skip
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        async with httpx.AsyncClient(base_url=url, timeout=5) as http:
            deadline = time.monotonic() + 120
            while True:
                assert proc.poll() is None, "kamgraph serve exited"
                try:
                    if (await http.get("/readyz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline
                await asyncio.sleep(0.2)

        stop = time.monotonic() + SECONDS
        health: list[float] = []
        rss: list[float] = []

        def probe() -> None:
            with httpx.Client(base_url=url, timeout=10) as http:
                while time.monotonic() < stop:
                    start = time.monotonic()
                    assert http.get("/healthz").status_code == 200
                    health.append(time.monotonic() - start)
                    rss.append(_rss_mb(proc.pid))
                    time.sleep(0.05)

        prober = threading.Thread(target=probe)
        prober.start()
        slowest = 0.0
        statuses: dict[int, int] = {}

        async def client(n: int) -> None:
            nonlocal slowest
            rng = random.Random(n)
            headers = {"Authorization": f"Bearer {secrets[KEYS[n % len(KEYS)]]}"}
            async with httpx.AsyncClient(base_url=url, headers=headers, timeout=60) as http:
                while time.monotonic() < stop:
                    start = time.monotonic()
                    r = await http.post("/graphql", json={"query": rng.choice(_QUERIES)})
                    slowest = max(slowest, time.monotonic() - start)
                    statuses[r.status_code] = statuses.get(r.status_code, 0) + 1
                    if r.status_code == 429:
                        await asyncio.sleep(1)

        await asyncio.gather(*(client(n) for n in range(CLIENTS)))
        await asyncio.to_thread(prober.join)
        health.sort()
        p99 = health[int(len(health) * 0.99) - 1]
        print(f"soak: statuses {statuses}, /healthz p99 {p99 * 1000:.0f} ms, max RSS {max(rss):.0f} MB, "
              f"slowest request {slowest:.1f} s")  # fmt: skip
        assert statuses.get(200, 0) > 0 and statuses.get(500, 0) == 0, statuses
        assert p99 < 0.2, f"/healthz p99 {p99 * 1000:.0f} ms"
        assert max(rss) < 1500, f"RSS {max(rss):.0f} MB"
        assert slowest < TIMEOUT + 1, f"a request took {slowest:.1f} s"
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
