"""The machine and the versions a result was measured with, and small process helpers."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "bench"
DATA = BENCH / "data"
VENV_BIN = Path(sys.executable).parent
KAMGRAPH = str(VENV_BIN / "kamgraph")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(cmd: list[str], cwd: Path | None = None) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    return (out.stdout or out.stderr).strip() or "?"


def machine() -> dict[str, str]:
    """nproc, memory, CPU model, OS, and the versions of everything measured."""
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    ngql = BENCH / "neo4j-graphql" / "node_modules" / "@neo4j" / "graphql" / "package.json"
    try:
        ngql_version = str(json.loads(ngql.read_text())["version"])
    except (OSError, ValueError, KeyError):
        ngql_version = "not installed"
    sha = _run(["git", "rev-parse", "--short=12", "HEAD"], cwd=REPO)
    dirty = _run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO)
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": str(os.cpu_count()),
        "memory": mem,
        "cpu": cpu,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "kamgraph": sha + (" (with uncommitted changes)" if dirty not in ("", "?") else ""),
        "node": _run(["node", "--version"]),
        "@neo4j/graphql": ngql_version,
    }


def wait_http(
    url: str,
    timeout: float = 60.0,
    proc: subprocess.Popen[bytes] | None = None,
    body: dict[str, Any] | None = None,
) -> None:
    """Wait until ``url`` answers 200 to a GET (a POST of ``body``), or fail if ``proc`` exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before {url} answered")
        try:
            r = httpx.get(url, timeout=2.0) if body is None else httpx.post(url, json=body, timeout=2.0)
            if r.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


def peak_rss_mib(pid: int) -> float | None:
    """VmHWM (peak resident set size) of a live process, in MiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def stop(proc: subprocess.Popen[bytes], timeout: float = 20.0) -> None:
    """SIGTERM a process we started, SIGKILL it if it does not go."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout)


def cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU time of a live process so far (its threads included)."""
    if pid is None:
        return None
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_average() -> float:
    return round(os.getloadavg()[0], 1)
