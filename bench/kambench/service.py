"""The kamgraph service as a subprocess (uvicorn on a free loopback port) and its /metrics."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import httpx

from kambench.env import DATA, KAMGRAPH, free_port, stop, wait_http

_SAMPLE = re.compile(r'^kamgraph_store_queries_total\{([^}]*)\}\s+([0-9.e+]+)$')
_METHOD = re.compile(r'method="([^"]*)"')


@dataclass
class Service:
    proc: subprocess.Popen[bytes]
    base: str

    @property
    def graphql(self) -> str:
        return f"{self.base}/graphql"

    def store_calls(self) -> Counter[str]:
        """Store round-trips so far, by store method (from /metrics)."""
        calls: Counter[str] = Counter()
        for line in httpx.get(f"{self.base}/metrics", timeout=10).text.splitlines():
            m = _SAMPLE.match(line)
            if m:
                method = _METHOD.search(m.group(1))
                calls[method.group(1) if method else "?"] += int(float(m.group(2)))
        return calls

    def schema_fields(self) -> set[str]:
        """The fields of the Query type, by introspection (on in loopback dev mode)."""
        r = httpx.post(self.graphql, json={"query": "{ __schema { queryType { fields { name } } } }"})
        return {f["name"] for f in r.json()["data"]["__schema"]["queryType"]["fields"]}


def start(store: str, log: Path, extra_env: dict[str, str], profile: Path | None = None) -> Service:
    """``kamgraph serve --dev --store STORE`` on a free port (dev mode: no API keys, loopback)."""
    port = free_port()
    env = dict(os.environ, KAMGRAPH_KEYS_FILE=str(DATA / "no-keys.toml"), **extra_env)
    cmd = [KAMGRAPH, "serve", "--dev", "--store", store, "--port", str(port), "--log-level", "warning"]
    if profile is not None:
        pyinstrument = str(Path(KAMGRAPH).parent / "pyinstrument")
        cmd = [pyinstrument, "-r", "session", "-o", str(profile), *cmd]
    out = log.open("ab")
    proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{base}/readyz", timeout=120, proc=proc)
    except BaseException:
        stop(proc)
        raise
    return Service(proc, base)


def shutdown(service: Service, interrupt: bool = False) -> None:
    """Stop the service (SIGINT when profiled: pyinstrument then writes its report)."""
    if interrupt and service.proc.poll() is None:
        service.proc.send_signal(signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            service.proc.wait(60)
    stop(service.proc, timeout=60)
