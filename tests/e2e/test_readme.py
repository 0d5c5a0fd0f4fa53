"""The README's examples work as printed against the demo data set.

Every ```graphql block of README.md is run: through ``kamgraph serve --dev --demo``
(the real command, over HTTP, on the embedded store) and in-process on each
store backend. Each must answer without errors and with every top-level field
non-null. The Quick start block must be the two lines the fresh-clone check runs.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest

from kamgraph.store.protocol import GraphStore
from tests.e2e.conftest import free_port, start_api

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
EXAMPLES = re.findall(r"```graphql\n(.*?)```", README, re.S)


def test_readme_has_examples_and_a_two_line_quick_start() -> None:
    assert len(EXAMPLES) >= 5
    quick = README.split("## Quick start", 1)[1]
    block = re.search(r"```\w*\n(.*?)```", quick, re.S)
    assert block is not None
    lines = block.group(1).strip().splitlines()
    assert len(lines) == 2
    assert "kamgraph serve --dev --demo" in lines[0]
    assert lines[1] == "bash scripts/test"


def check(example: str, body: dict[str, Any]) -> None:
    assert "errors" not in body, f"{example}\n{body.get('errors')}"
    data = body["data"]
    assert data and all(v is not None for v in data.values()), f"{example}\n{data}"


@pytest.fixture(scope="module")
def served_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``kamgraph serve --dev --demo`` on a fresh embedded store; its base URL."""
    work = tmp_path_factory.mktemp("demo")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KAMGRAPH_", "NEO4J_"))}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kamgraph.cli",
            "serve",
            "--dev",
            "--demo",
            "--store",
            str(work / "demo.db"),
            "--port",
            str(port),
        ],
        cwd=work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                raise AssertionError(
                    f"kamgraph serve exited {proc.returncode}:\n{proc.stdout.read() if proc.stdout else ''}"
                )
            try:
                if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("kamgraph serve did not become ready")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example{i}" for i in range(len(EXAMPLES))])
def test_readme_example_against_kamgraph_serve_demo(served_demo: str, example: str) -> None:
    r = httpx.post(served_demo + "/graphql", json={"query": example}, timeout=60)
    assert r.status_code == 200, r.text
    check(example, r.json())


@pytest.mark.slow
async def test_readme_examples_against_the_demo_on_each_store(store: GraphStore) -> None:
    from kamgraph.synth.demo import load_demo

    assert await load_demo(store)
    async with AsyncExitStack() as stack:
        api = await start_api(stack, "asgi", store)
        for example in EXAMPLES:
            r = await api.post(example)
            assert r.status_code == 200, r.text
            check(example, r.json())
