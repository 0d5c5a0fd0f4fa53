"""The outage guard, once for every round trip of a store (its runner): fail fast
while the store is down, and come back by itself."""

from __future__ import annotations

import asyncio

import pytest

from kamgraph.domain.errors import StoreUnavailableError
from kamgraph.store.embedded.store import EmbeddedStore


async def _until_up(store: EmbeddedStore) -> None:
    for _ in range(250):
        if store.runner.guard.up:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the store did not come back")


async def test_a_failing_store_fails_fast_until_the_probe_sees_it_answer() -> None:
    store = EmbeddedStore(":memory:")
    store.runner.guard.probe_seconds = 0.05
    await store.open()
    try:
        await store.runner._close()  # the store goes away under the guard
        with pytest.raises(StoreUnavailableError, match="not open"):
            await store.get_nodes(["a"])
        with pytest.raises(StoreUnavailableError, match="has been unavailable"):
            await store.counts()  # at once, every method alike
        with pytest.raises(StoreUnavailableError, match="has been unavailable"):
            await store.ping()
        await store.runner._open()  # back
        await _until_up(store)
        assert await store.get_nodes(["a"]) == [None]
    finally:
        await store.close()


async def test_a_store_opened_later_is_opened_by_the_probe() -> None:
    store = EmbeddedStore(":memory:")
    store.runner.guard.probe_seconds = 0.05
    store.open_later(StoreUnavailableError("not reachable at start-up"))
    try:
        with pytest.raises(StoreUnavailableError, match="has been unavailable"):
            await store.get_nodes(["a"])
        await _until_up(store)
        assert set((await store.counts()).values()) == {0}  # open, with its schema
    finally:
        await store.close()
