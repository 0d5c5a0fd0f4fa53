"""A runaway analysis does not outlive its request (docs/analyses.md, "Limits of a search").

On the demo data, ``influencePaths`` with SHARED_INTEREST at weight 1 (every
shared interest a tie of strength 1, costing nothing) once ran for minutes,
its thread alive long after the client got its 504. It now answers promptly
with the same paths as the analysis on the whole graph; and a search that
runs past the request's deadline stops by itself, its worker thread free again
as soon as the client has its error.
"""

from __future__ import annotations

import asyncio
import time
from contextlib import AsyncExitStack
from typing import Any

import pytest

from kamgraph.analysis.model import build_graph
from kamgraph.analysis.paths import influence_paths
from kamgraph.config import Limits
from kamgraph.domain.model import Node, NodeKind, Relationship, RelationshipKind, TieKind
from kamgraph.insights import path_fetch, workers
from kamgraph.io.formats import is_node
from kamgraph.store.protocol import GraphStore
from kamgraph.synth.demo import demo_records, load_demo
from tests.e2e.conftest import open_settings, start_api

ATTACK = """{ influencePaths(to: "p-globex-001", maxHops: 3, ties: [{tie: SHARED_INTEREST, weight: 1}]) {
  score people { id } } }"""
#: a query that extends about fifty partial paths (the best 50 of up to 6 hops)
LONG = """{ influencePaths(to: "p-globex-001", maxHops: 6, limit: 50,
  ties: [{tie: SHARED_INTEREST, weight: 1}]) { score } }"""
#: the request timeout of the deadline test, and how long each step of its search takes
TIMEOUT = 5.0
STEP = 0.15
#: "promptly": well under the default request timeout of 10 s, on a busy machine
PROMPT_SECONDS = 5.0


def demo_graph() -> Any:
    """The whole demo as one graph of :mod:`kamgraph.analysis.model`."""
    nodes, rels = [], []
    for r in demo_records():
        props = {k: v for k, v in r.items() if k not in ("kind", "id", "from", "to")}
        if is_node(r):
            nodes.append(Node(r["id"], NodeKind(r["kind"]), props))
        else:
            rels.append(Relationship(RelationshipKind(r["kind"]), r["from"], r["to"], props))
    return build_graph(nodes, rels)


async def test_the_weight_one_attack_answers_promptly_with_the_whole_graphs_paths(store: GraphStore) -> None:
    assert await load_demo(store)
    async with AsyncExitStack() as stack:
        api = await start_api(stack, "asgi", store)
        started = time.monotonic()
        body = (await api.post(ATTACK)).json()
        took = time.monotonic() - started
    assert "errors" not in body, body
    got = [(p["score"], tuple(x["id"] for x in p["people"])) for p in body["data"]["influencePaths"]]
    expected = influence_paths(
        demo_graph(), "p-globex-001", max_hops=3, weights={TieKind.SHARED_INTEREST: 1.0}
    )
    assert got == [(p.score, p.people) for p in expected]
    assert took < PROMPT_SECONDS, f"took {took:.1f} s"
    assert workers.running() == 0


async def test_a_search_past_its_deadline_stops_and_frees_its_thread(
    embedded_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert await load_demo(embedded_store)
    step = path_fetch.PathBall._next

    def slow_step(self: path_fetch.PathBall, person: str) -> Any:
        time.sleep(STEP)  # each partial path extended keeps the thread busy: about 7 s in all
        return step(self, person)

    monkeypatch.setattr(path_fetch.PathBall, "_next", slow_step)
    settings = open_settings().with_(limits=Limits(timeout_seconds=TIMEOUT))
    async with AsyncExitStack() as stack:
        api = await start_api(stack, "asgi", embedded_store, settings)
        started = time.monotonic()
        response = await api.post(LONG)
        took = time.monotonic() - started
        # the analysis stops at its deadline (0.9 of the timeout): the client learns why
        assert response.status_code == 200
        (error,) = response.json()["errors"]
        assert error["extensions"]["code"] == "TIMEOUT", error
        assert took < TIMEOUT, f"took {took:.1f} s"
        for _ in range(20):  # the thread has returned: it raised the error
            if workers.running() == 0:
                break
            await asyncio.sleep(0.01)
        assert workers.running() == 0, "the search's thread is still at work after its request failed"
        assert (await api.http.get("/healthz")).status_code == 200
