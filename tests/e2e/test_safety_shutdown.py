"""Stopping drains: ``kamgraph serve`` (a real process on the embedded store) gets
SIGTERM while several large mutations are in flight; every one of them completes
with 200, the process exits 0, and afterwards nothing answers on its port.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.e2e.conftest import NO_KEYS_FILE, free_port

UPSERT = "mutation($people: [PersonInput!]!) { upsertPeople(input: $people) { id } }"
REQUESTS = 6
PEOPLE_PER_REQUEST = 5_000  # about 0.3 s of writing each; the writes queue on one writer


def start_serve(store: Path, port: int) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KAMGRAPH_", "NEO4J_"))}
    env["KAMGRAPH_KEYS_FILE"] = NO_KEYS_FILE
    env["KAMGRAPH_DEV"] = "1"
    command = [sys.executable, "-m", "kamgraph.cli", "serve", "--store", str(store), "--port", str(port)]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


async def wait_ready(proc: subprocess.Popen[str], url: str) -> None:
    deadline = time.monotonic() + 60
    async with httpx.AsyncClient(base_url=url, timeout=2) as http:
        while True:
            assert proc.poll() is None, f"kamgraph serve exited {proc.returncode}"
            try:
                if (await http.get("/readyz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "kamgraph serve did not become ready"
            await asyncio.sleep(0.1)


async def test_sigterm_lets_in_flight_requests_finish(tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start_serve(tmp_path / "kamgraph.db", port)
    try:
        await wait_ready(proc, url)
        finished: list[float] = []

        async def upsert(http: httpx.AsyncClient, n: int) -> httpx.Response:
            people = [{"id": f"r{n}-{i}", "name": f"Person {i}"} for i in range(PEOPLE_PER_REQUEST)]
            r = await http.post("/graphql", json={"query": UPSERT, "variables": {"people": people}})
            finished.append(time.monotonic())
            return r

        limits = httpx.Limits(max_connections=REQUESTS)
        async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:
            calls = [asyncio.create_task(upsert(http, n)) for n in range(REQUESTS)]
            await asyncio.sleep(0.4)  # every request sent and being served
            assert not all(c.done() for c in calls)
            stopped_at = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            responses = await asyncio.gather(*calls)

        assert max(finished) > stopped_at, "some requests were still in flight at SIGTERM"
        for n, r in enumerate(responses):
            assert r.status_code == 200, r.text[:300]
            body = r.json()
            assert "errors" not in body, body["errors"]
            assert len(body["data"]["upsertPeople"]) == PEOPLE_PER_REQUEST, n
        returncode = await asyncio.to_thread(proc.wait, 30)
        output = proc.stdout.read() if proc.stdout else ""
        assert returncode == 0, output
        try:
            httpx.get(url + "/healthz", timeout=2)
        except httpx.ConnectError:
            pass
        else:
            raise AssertionError("the service still answers after it stopped")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()
