"""Fixtures shared by every suite: a store per backend, and the real Neo4j.

``store`` is parametrized over both backends: ``embedded`` (SQLite in a temp
file) and ``neo4j`` (the real Neo4j that ``scripts/neo4j`` starts, or the one
``KAMGRAPH_TEST_NEO4J_URI`` names). Each test gets an empty store. When Neo4j
cannot be had, its half is skipped, except under ``CI=true``, where the run fails.
"""

from __future__ import annotations

import os
import subprocess
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from kamgraph.store.protocol import GraphStore

ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ("embedded", "neo4j")
_ran: Counter[str] = Counter()


def _neo4j_uri() -> str:
    uri = os.environ.get("KAMGRAPH_TEST_NEO4J_URI")
    if uri:
        return uri
    proc = subprocess.run(
        [str(ROOT / "scripts" / "neo4j"), "start"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines or not lines[-1].startswith("bolt://"):
        raise RuntimeError(
            f"scripts/neo4j start failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
        )
    return lines[-1]


@pytest.fixture(scope="session")
def neo4j_uri() -> Iterator[str]:
    """The bolt URI of a real Neo4j, started once for the session."""
    try:
        uri = _neo4j_uri()
    except Exception as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true and Neo4j could not start: {exc}", pytrace=False)
        pytest.skip(f"Neo4j not available: {exc}")
    yield uri


def neo4j_auth() -> tuple[str, str]:
    return (
        os.environ.get("NEO4J_USER", "neo4j"),
        os.environ.get("NEO4J_PASSWORD", "kamgraph-test"),
    )


async def _open_neo4j(uri: str) -> GraphStore:
    from kamgraph.store.neo4j.store import Neo4jStore

    user, password = neo4j_auth()
    store = Neo4jStore(uri, user=user, password=password, database="neo4j")
    await store.open()
    return store


@pytest.fixture(scope="session")
async def _neo4j_session() -> AsyncIterator[dict[str, GraphStore]]:
    """Holds the session's one Neo4j store, opened on first use, closed at the end.

    (An async session fixture cannot be requested with ``getfixturevalue`` from
    inside the running ``store`` fixture, so ``store`` opens it through this.)
    """
    holder: dict[str, GraphStore] = {}
    yield holder
    if "store" in holder:
        await holder["store"].close()


@pytest.fixture(scope="session")
async def neo4j_store(neo4j_uri: str, _neo4j_session: dict[str, GraphStore]) -> GraphStore:
    if "store" not in _neo4j_session:
        _neo4j_session["store"] = await _open_neo4j(neo4j_uri)
    return _neo4j_session["store"]


@pytest.fixture(params=BACKENDS)
async def store(
    request: pytest.FixtureRequest, tmp_path: Path, _neo4j_session: dict[str, GraphStore]
) -> AsyncIterator[GraphStore]:
    """An empty, open store of each backend."""
    if request.param == "neo4j":
        if "store" not in _neo4j_session:
            _neo4j_session["store"] = await _open_neo4j(request.getfixturevalue("neo4j_uri"))
        s = _neo4j_session["store"]
        await s.clear()
        yield s
        return
    from kamgraph.store.embedded.store import EmbeddedStore

    e = EmbeddedStore(str(tmp_path / "kamgraph.db"))
    await e.open()
    try:
        yield e
    finally:
        await e.close()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and report.passed:
        for backend in BACKENDS:
            marks = (f"[{backend}", f"-{backend}]", f"-{backend}-")
            if any(m in report.nodeid for m in marks):
                _ran[backend] += 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    terminalreporter.write_sep("-", "tests passed per backend")
    for backend in BACKENDS:
        terminalreporter.write_line(f"{backend}: {_ran[backend]} passed")
