"""Time ``influencePaths`` on decision-makers of random accounts (seeded).

Usage: python scripts/bench_influence_paths.py STORE [--targets N] [--seed S] [--profile OUT.html]

STORE is an embedded database path or a Neo4j URI. Prints one line per target
(time, relationships read, best score, hops) and p50/p90 at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from typing import Any

from kamgraph.analysis.accounts import decision_makers
from kamgraph.config import Settings
from kamgraph.domain.model import NodeKind
from kamgraph.insights import neighbourhood as nb
from kamgraph.insights import service as service
from kamgraph.store import make_store
from kamgraph.store.protocol import GraphStore


class Counting:
    """Counts the relationships and nodes a store returns."""

    def __init__(self, inner: GraphStore) -> None:
        self.inner = inner
        self.rels = 0
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.inner, name)
        if not callable(attr) or name.startswith("_"):
            return attr

        async def counted(*args: Any, **kwargs: Any) -> Any:
            result = await attr(*args, **kwargs)
            self.calls += 1
            self.rels += _size(result)
            return result

        return counted


def _size(result: Any) -> int:
    if isinstance(result, list):
        return sum(_size(x) if isinstance(x, list) else 1 for x in result)
    if hasattr(result, "knows"):
        return sum(len(getattr(result, f)) for f in ("knows", "reports_to", "works_at", "interested_in"))
    if isinstance(result, dict):
        return len(result)
    return 1 if result is not None else 0


async def targets(store: GraphStore, n: int, seed: int) -> list[tuple[str, str]]:
    accounts = sorted(a.id for a in await nb.all_accounts(store))
    rng = random.Random(seed)
    rng.shuffle(accounts)
    found: list[tuple[str, str]] = []
    for account in accounts:
        g = await nb.influencers_graph(store, account)
        dms = decision_makers(g, account)
        if dms:
            found.append((account, rng.choice(sorted(dms))))
        if len(found) >= n:
            break
    return found


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("store")
    ap.add_argument("--targets", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--only", type=int, default=None, help="run only the target of this index")
    ap.add_argument("--profile", default=None)
    ap.add_argument("--from-one", action="store_true", help="from one random person instead of our team")
    args = ap.parse_args()
    store = make_store(Settings.from_env(store=args.store))
    await store.open()
    try:
        chosen = await targets(store, args.targets, args.seed)
        rng = random.Random(args.seed)
        everyone = [n.id for n in (await store.list_nodes(NodeKind.PERSON, 500)).items]
        if args.only is not None:
            chosen = [chosen[args.only]]
        profiler = None
        if args.profile:
            from pyinstrument import Profiler

            profiler = Profiler(async_mode="enabled")
            profiler.start()
        times: list[float] = []
        cpus: list[float] = []
        reads: list[int] = []
        for i, (account, person) in enumerate(chosen):
            counting = Counting(store)
            t0, c0 = time.perf_counter(), time.process_time()
            sources = [rng.choice(everyone)] if args.from_one else None
            found = await service.influence_paths(counting, person, sources)  # type: ignore[arg-type]
            dt, cpu = time.perf_counter() - t0, time.process_time() - c0
            times.append(dt)
            cpus.append(cpu)
            reads.append(counting.rels)
            best = found[0] if found else None
            print(
                f"{i:3d} {account} {person}: {dt * 1000:9.1f} ms ({cpu * 1000:7.1f} cpu) "
                f"{counting.rels:8d} read {counting.calls:3d} calls  best "
                + (f"{best.score:.4f} ({best.hops} hops)" if best else "none")
                + "  scores " + ",".join(f"{p.score:.4f}" for p in found),
                flush=True,
            )
        if profiler is not None:
            profiler.stop()
            with open(args.profile, "w") as f:
                f.write(profiler.output_html())
            print(profiler.output_text(unicode=False, color=False, show_all=False)[:12000])
        for name, xs in (("wall", times), ("cpu", cpus)):
            q = statistics.quantiles(xs, n=10) if len(xs) > 1 else [xs[0]] * 9
            print(
                f"n={len(xs)} {name}: p50 {statistics.median(xs) * 1000:.1f} ms, p90 {q[8] * 1000:.1f} ms, "
                f"max {max(xs) * 1000:.1f} ms"
            )
        print(f"relationships read: p50 {statistics.median(reads):.0f}, max {max(reads)}")
    finally:
        await store.close()


if __name__ == "__main__":
    asyncio.run(main())
