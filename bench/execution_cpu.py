"""CPU of one GraphQL read in process, without HTTP: the schema executed on an embedded store.

    .venv/bin/kamgraph generate --people 10000 -o gen && .venv/bin/kamgraph import --store g.db gen
    .venv/bin/python bench/execution_cpu.py g.db --query nestedOrg --requests 40 --rounds 4

Runs the query ``--requests`` times per round (after a warm-up) and prints the median
CPU milliseconds per request (``time.process_time``) of each round; the rounds of the
variants given by ``--variant`` alternate, so a shared machine's load falls on all alike.
The company is the one with most current people unless ``--company`` names one.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import strawberry

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kambench.queries import NESTED_ORG, ORG_CHART, PEOPLE_PAGE

from kamgraph.api.loaders import RequestContext
from kamgraph.api.resolvers import build_schema
from kamgraph.config import Settings
from kamgraph.domain.model import CompanyFilter, End, RelationshipKind
from kamgraph.store.embedded.store import EmbeddedStore

QUERIES = {"nestedOrg": NESTED_ORG, "orgChart": ORG_CHART, "people100": PEOPLE_PAGE}


def variants() -> dict[str, Callable[[], strawberry.Schema]]:
    """The schemas to compare, by name: with the short execution path and without it."""
    return {"fast": build_schema, "general": lambda: build_schema(fast_execution=False)}


async def largest_company(store: EmbeddedStore) -> str:
    page = await store.list_companies(CompanyFilter(), 10_000, None)
    ids = [n.id for n in page.items]
    rels = await store.get_relationships(ids, RelationshipKind.WORKS_AT, End.IN)
    staff = {i: sum(1 for r in rs if r.get("current", True)) for i, rs in zip(ids, rels, strict=True)}
    return max(staff, key=lambda i: (staff[i], i))


async def once(schema: strawberry.Schema, store: EmbeddedStore, query: str, variables: dict[str, Any]) -> Any:
    ctx = RequestContext.create(store, Settings(store=":memory:"))
    result = await schema.execute(query, variable_values=variables, context_value=ctx)
    assert result.errors is None, result.errors
    return result.data


async def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("store")
    p.add_argument("--query", choices=sorted(QUERIES), default="nestedOrg")
    p.add_argument("--company")
    p.add_argument("--requests", type=int, default=40)
    p.add_argument("--rounds", type=int, default=4)
    p.add_argument("--variant", action="append", help="a name of variants() (default: all)")
    args = p.parse_args(argv)
    store = EmbeddedStore(args.store)
    await store.open()
    try:
        company = args.company or await largest_company(store)
        variables = {"id": company} if "$id" in QUERIES[args.query] else {}
        made = {name: make() for name, make in variants().items() if name in (args.variant or [name])}
        answers = {name: await once(s, store, QUERIES[args.query], variables) for name, s in made.items()}
        first = next(iter(answers.values()))
        same = all(a == first for a in answers.values())
        people = (first.get("company") or {}).get("people", {}).get("edges", [])
        print(f"{args.query} on {company}: {len(people)} people; answers identical: {same}")
        figures: dict[str, list[float]] = {name: [] for name in made}
        for _ in range(args.rounds):
            for name, schema in made.items():
                for _ in range(3):
                    await once(schema, store, QUERIES[args.query], variables)
                times = []
                for _ in range(args.requests):
                    start = time.process_time()
                    await once(schema, store, QUERIES[args.query], variables)
                    times.append((time.process_time() - start) * 1000)
                figures[name].append(statistics.median(times))
        for name, rounds in figures.items():
            print(
                f"{name:>10}: " + " ".join(f"{m:5.1f}" for m in rounds) + " ms CPU/request (median per round)"
            )
    finally:
        await store.close()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
