"""Helpers of the Safety tests: a service with one API key per role, and raw GraphQL posts."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import httpx

from kamgraph.api.auth.keys import add_key
from kamgraph.api.auth.roles import Role
from kamgraph.config import Limits, Settings
from kamgraph.store.protocol import GraphStore
from tests.e2e.conftest import Api, start_api

ROLES = ("viewer", "analyst", "editor", "admin")


class Keyed:
    """A running service whose keys file has one key per role, named after the role."""

    def __init__(self, api: Api, secrets: Mapping[str, str], keys_file: Path) -> None:
        self.api = api
        self.secrets = dict(secrets)
        self.keys_file = keys_file

    def headers(self, role: str | None) -> dict[str, str]:
        return {} if role is None else {"Authorization": f"Bearer {self.secrets[role]}"}

    async def post(
        self, role: str | None, document: str, variables: Mapping[str, Any] | None = None
    ) -> httpx.Response:
        return await self.api.post(document, variables, headers=self.headers(role))

    async def data(self, role: str | None, document: str, variables: Mapping[str, Any] | None = None) -> Any:
        """The ``data`` of a request that must succeed without errors."""
        r = await self.post(role, document, variables)
        body = r.json()
        assert r.status_code == 200 and "errors" not in body, (r.status_code, body)
        return body["data"]


def make_keys(keys_file: Path, roles: tuple[str, ...] = ROLES) -> dict[str, str]:
    return {role: add_key(keys_file, role, Role.parse(role)) for role in roles}


async def start_keyed(
    stack: AsyncExitStack,
    store: GraphStore,
    tmp_path: Path,
    transport: str = "asgi",
    limits: Limits | None = None,
    **settings: Any,
) -> Keyed:
    keys_file = tmp_path / "keys.toml"
    secrets = make_keys(keys_file)
    s = Settings(store=":memory:", keys_file=str(keys_file), limits=limits or Limits(), **settings)
    api = await start_api(stack, transport, store, s)
    return Keyed(api, secrets, keys_file)


def codes(body: Mapping[str, Any]) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in body.get("errors", [])]
