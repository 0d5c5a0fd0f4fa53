"""GraphQL latency over HTTP: warm-up, then timed sequential requests."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
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
    variable_sets: Sequence[dict[str, Any]],
    *,
    warmup: int,
    requests: int,
    budget_seconds: float,
    cpu_pids: dict[str, int | None] | None = None,
) -> dict[str, Any]:
    """p50/p99/mean in ms over ``requests`` requests (fewer if ``budget_seconds`` runs out),
    the 1-minute load average before and after, and the CPU time per request of ``cpu_pids``
    (the server processes), which contention from other work on the machine inflates less.

    Request i (warm-up and timed alike) takes ``variable_sets[i % len(variable_sets)]``; the
    warm-up is at least one round of them, and when the budget runs out the timed requests
    still end on a whole round (and reach at least 20 and one round), so that every set weighs
    the same in the percentiles unless ``requests`` itself is not a multiple of the sets.
    The answer says how many warm-up requests ran (``warmup``) and, with several sets, the
    median ms of each (``median_ms_by_variables``, keyed by the sets' first value)."""
    sets = list(variable_sets)
    k = len(sets)
    warmup = max(warmup, k, 1)
    first = post(client, url, text, sets[0])
    for i in range(1, warmup):
        post(client, url, text, sets[i % k])
    pids = cpu_pids or {}
    cpu0 = {name: cpu_seconds(pid) for name, pid in pids.items()}
    load0 = load_average()
    times: list[float] = []
    by_set: list[list[float]] = [[] for _ in sets]
    minimum = max(20, k)
    deadline = time.monotonic() + budget_seconds
    while len(times) < requests and (
        len(times) < minimum or len(times) % k or time.monotonic() < deadline
    ):
        i = len(times) % k
        t0 = time.perf_counter()
        post(client, url, text, sets[i])
        ms = (time.perf_counter() - t0) * 1000
        times.append(ms)
        by_set[i].append(ms)
    cpu1 = {name: cpu_seconds(pid) for name, pid in pids.items()}
    cpu_ms = {
        name: round((c1 - c0) * 1000 / len(times), 2)
        for name in pids
        if (c0 := cpu0[name]) is not None and (c1 := cpu1[name]) is not None
    }
    load1 = load_average()
    times.sort()
    out: dict[str, Any] = {
        "cpu_ms_per_request": cpu_ms,
        "load_average": [load0, load1],
        "warmup": warmup,
        "n": len(times),
        "p50_ms": round(percentile(times, 0.50), 2),
        "p99_ms": round(percentile(times, 0.99), 2),
        "mean_ms": round(sum(times) / len(times), 2),
        "response_bytes": len(str(first["data"])),
        "sample": first["data"],
    }
    if k > 1:
        out["variable_sets"] = k
        out["p90_ms"] = round(percentile(times, 0.90), 2)
        out["median_ms_by_variables"] = {
            str(next(iter(v.values()), "")): round(percentile(sorted(t), 0.5), 2)
            for v, t in zip(sets, by_set, strict=True) if t
        }
    return out
