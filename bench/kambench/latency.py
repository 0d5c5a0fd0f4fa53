"""GraphQL latency over HTTP: warm-up, then timed sequential requests."""

from __future__ import annotations

import math
import time
from typing import Any

import httpx

from kambench.env import cpu_seconds, load_average


class QueryFailed(Exception):
    pass


def post(client: httpx.Client, url: str, text: str, variables: dict[str, Any]) -> dict[str, Any]:
    r = client.post(url, json={"query": text, "variables": variables})
    body: dict[str, Any] = r.json()
    if r.status_code != 200 or body.get("errors"):
        raise QueryFailed(f"HTTP {r.status_code}: {str(body.get('errors') or body)[:500]}")
    return body


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    rank = max(1, math.ceil(q * len(sorted_values)))
    return sorted_values[rank - 1]


def measure(
    client: httpx.Client,
    url: str,
    text: str,
    variables: dict[str, Any],
    *,
    warmup: int,
    requests: int,
    budget_seconds: float,
    cpu_pids: dict[str, int | None] | None = None,
) -> dict[str, Any]:
    """p50/p99/mean in ms over ``requests`` requests (fewer if ``budget_seconds`` runs out),
    the 1-minute load average before and after, and the CPU time per request of ``cpu_pids``
    (the server processes), which contention from other work on the machine inflates less."""
    first = post(client, url, text, variables)
    for _ in range(warmup - 1):
        post(client, url, text, variables)
    pids = cpu_pids or {}
    cpu0 = {name: cpu_seconds(pid) for name, pid in pids.items()}
    load0 = load_average()
    times: list[float] = []
    deadline = time.monotonic() + budget_seconds
    while len(times) < requests and (len(times) < 20 or time.monotonic() < deadline):
        t0 = time.perf_counter()
        post(client, url, text, variables)
        times.append((time.perf_counter() - t0) * 1000)
    cpu1 = {name: cpu_seconds(pid) for name, pid in pids.items()}
    cpu_ms = {
        name: round((c1 - c0) * 1000 / len(times), 2)
        for name in pids
        if (c0 := cpu0[name]) is not None and (c1 := cpu1[name]) is not None
    }
    load1 = load_average()
    times.sort()
    return {
        "cpu_ms_per_request": cpu_ms,
        "load_average": [load0, load1],
        "n": len(times),
        "p50_ms": round(percentile(times, 0.50), 2),
        "p99_ms": round(percentile(times, 0.99), 2),
        "mean_ms": round(sum(times) / len(times), 2),
        "response_bytes": len(str(first["data"])),
        "sample": first["data"],
    }
