"""A long influence-path search does not stall the service: it runs off the
event loop, so health checks and other requests are answered meanwhile."""

from __future__ import annotations

import asyncio
import time
from contextlib import AsyncExitStack
from typing import Any

import pytest

from kamgraph.insights import path_fetch
from kamgraph.store.protocol import GraphStore
from tests.contract.test_analysis_store import _world
from tests.e2e.conftest import start_api

SEARCH_SECONDS = 1.0


async def test_health_answers_while_an_influence_path_search_runs(
    embedded_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _world(embedded_store)
    search = path_fetch.PathBall.search

    def slow_search(self: path_fetch.PathBall, *args: Any, **kwargs: Any) -> Any:
        time.sleep(SEARCH_SECONDS)  # a search step that keeps a core busy
        return search(self, *args, **kwargs)

    monkeypatch.setattr(path_fetch.PathBall, "search", slow_search)
    async with AsyncExitStack() as stack:
        api = await start_api(stack, "asgi", embedded_store)
        gaps: list[float] = []
        done = asyncio.Event()

        async def ticker() -> None:  # how long the event loop goes unanswered
            last = time.monotonic()
            while not done.is_set():
                await asyncio.sleep(0.01)
                now = time.monotonic()
                gaps.append(now - last)
                last = now

        ticks = asyncio.create_task(ticker())
        started = time.monotonic()
        body = (await api.post('{ influencePaths(to: "cto") { score people { id } } }')).json()
        took = time.monotonic() - started
        done.set()
        await ticks
        assert "errors" not in body and body["data"]["influencePaths"][0]["people"][0]["id"] == "you"
        assert took >= SEARCH_SECONDS, "the slow search ran"
        assert max(gaps) < SEARCH_SECONDS / 2, f"the event loop stalled for {max(gaps):.2f} s"
        assert (await api.http.get("/healthz")).status_code == 200
