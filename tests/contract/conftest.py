"""Fixtures of the contract suite (the ``store`` fixture itself is in tests/conftest.py)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest

from kamgraph.store.protocol import GraphStore
from tests.contract.support import Reopen


@pytest.fixture
async def reopen(store: GraphStore, request: pytest.FixtureRequest) -> AsyncIterator[Reopen]:
    """A function that gives a store newly connected to the same data, as after a restart.

    Embedded: the store is closed and a new one opened on the same file.
    Neo4j: a new driver to the same server (the shared session store stays open).
    """
    opened: list[GraphStore] = []

    async def again() -> GraphStore:
        fresh: GraphStore
        if store.backend == "embedded":
            from kamgraph.store.embedded.store import EmbeddedStore

            assert isinstance(store, EmbeddedStore)
            await store.close()
            fresh = EmbeddedStore(store.path)
        else:
            from kamgraph.store.neo4j.store import Neo4jStore

            fresh = Neo4jStore(
                request.getfixturevalue("neo4j_uri"),
                user=os.environ.get("NEO4J_USER", "neo4j"),
                password=os.environ.get("NEO4J_PASSWORD", "kamgraph-test"),
                database="neo4j",
            )
        await fresh.open()
        opened.append(fresh)
        return fresh

    yield again
    for s in opened:
        await s.close()
