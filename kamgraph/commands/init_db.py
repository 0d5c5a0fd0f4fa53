"""``kamgraph init-db``: create the store's schema (constraints, indexes), idempotently.

For Neo4j these are the statements of ``cypher/schema.cypher`` (all ``IF NOT
EXISTS``), and the command waits until the indexes are online; for the embedded
store, its tables and indexes. Running it again changes nothing. Opening a store
applies the same schema, so this is for preparing a database ahead of time.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from kamgraph.cli import add_store_argument
from kamgraph.config import Settings
from kamgraph.domain.errors import KamgraphError
from kamgraph.store import make_store

HELP = "create the store's constraints and indexes (idempotent)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)


async def _init(settings: Settings) -> str:
    store = make_store(settings)
    await store.open()  # applies the schema
    try:
        await store.ping()
        return store.backend
    finally:
        await store.close()


def run(args: argparse.Namespace) -> int:
    settings = Settings.from_env(store=args.store)
    try:
        backend = asyncio.run(_init(settings))
    except KamgraphError as exc:
        print(f"kamgraph init-db: {exc}", file=sys.stderr)
        return 1
    print(f"kamgraph init-db: schema is in place ({backend} store at {settings.store})")
    return 0
