"""Work a request does not repeat: validation cached across requests, the
service's modules not loaded by other subcommands, one round trip per Neo4j read."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from typing import Any

from neo4j.exceptions import TransientError
from strawberry.extensions.validation_cache import _get_validate_cache

from kamgraph.api.limits import validation_rules
from kamgraph.api.resolvers import CACHED_QUERIES, build_schema
from kamgraph.store.neo4j.store import Neo4jStore


def test_a_query_sent_again_is_not_validated_again() -> None:
    schema = build_schema()
    cache: Any = _get_validate_cache(CACHED_QUERIES)  # an lru_cache
    query = "query Again { __typename }"
    asyncio.run(schema.execute(query))
    before = cache.cache_info()
    asyncio.run(schema.execute(query))
    after = cache.cache_info()
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)
    assert validation_rules(5, 7, False) is validation_rules(5, 7, False)
    assert validation_rules(5, 7, False) != validation_rules(5, 7, True)  # introspection rule


def test_other_subcommands_do_not_load_the_service() -> None:
    code = "import sys, kamgraph.cli as c; c.build_parser(); print('kamgraph.api.app' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


class _Session:
    def __init__(self, log: list[str]) -> None:
        self.log = log

    async def __aenter__(self) -> _Session:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None

    async def run(self, *args: Any, **kwargs: Any) -> Any:
        self.log.append("auto-commit")
        raise TransientError("leader switched")

    async def execute_read(self, work: Any) -> str:
        self.log.append("managed")
        return "answer"


class _Driver:
    def __init__(self, log: list[str]) -> None:
        self.log = log

    def session(self, **kwargs: Any) -> _Session:
        return _Session(self.log)


async def test_a_read_that_fails_transiently_runs_again_as_a_managed_read() -> None:
    log: list[str] = []
    store = Neo4jStore("bolt://127.0.0.1:1")
    store.runner._driver = _Driver(log)  # type: ignore[assignment]
    assert await store.get_nodes(["a"]) == "answer"  # type: ignore[comparison-overlap]
    assert log == ["auto-commit", "managed"]
