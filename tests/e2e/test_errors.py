"""What a client sees when the store is down or kamgraph itself fails."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from contextlib import AsyncExitStack

import pytest

from kamgraph.domain.errors import StoreUnavailableError
from kamgraph.domain.model import Node
from kamgraph.store.protocol import GraphStore
from tests.e2e.conftest import start_api


class Broken:
    """A store whose ``get_nodes`` fails with ``error``; everything else works."""

    def __init__(self, inner: GraphStore, error: Exception) -> None:
        self.inner = inner
        self.backend = inner.backend
        self.error = error

    async def get_nodes(self, ids: Sequence[str]) -> list[Node | None]:
        raise self.error

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


async def test_an_unavailable_store_is_reported_with_its_code_and_no_trace(
    embedded_store: GraphStore,
) -> None:
    async with AsyncExitStack() as stack:
        store = Broken(embedded_store, StoreUnavailableError("connection refused by 10.0.0.7:7687"))
        api = await start_api(stack, "asgi", store)  # type: ignore[arg-type]
        r = await api.post('{ node(id: "x") { id } }')
        assert r.status_code == 200
        body = r.json()
        assert body["data"] == {"node": None}
        (error,) = body["errors"]
        assert error["extensions"]["code"] == "STORE_UNAVAILABLE"
        assert error["path"] == ["node"]
        assert "Traceback" not in r.text and "stacktrace" not in r.text and "10.0.0.7" not in r.text


async def test_an_unexpected_error_is_masked_and_logged_with_the_request_id(
    embedded_store: GraphStore, caplog: pytest.LogCaptureFixture
) -> None:
    async with AsyncExitStack() as stack:
        store = Broken(embedded_store, RuntimeError("secret internal detail"))
        api = await start_api(stack, "asgi", store)  # type: ignore[arg-type]
        with caplog.at_level(logging.ERROR, logger="kamgraph"):
            r = await api.post('{ node(id: "x") { id } }')
        body = r.json()
        (error,) = body["errors"]
        assert error["message"] == "Internal server error"
        assert error["extensions"]["code"] == "INTERNAL"
        rid = error["extensions"]["requestId"]
        assert rid == r.headers["x-request-id"]
        assert "secret" not in r.text
        logged = [rec for rec in caplog.records if rid in rec.getMessage()]
        assert logged and "secret internal detail" in logged[0].getMessage()
        assert logged[0].exc_info is not None  # with its traceback, in the log only
