"""Run kamgraph's benchmarks and write bench/results.json and bench/RESULTS.md.

    .venv/bin/python bench/run.py --people 10000,100000 --stores embedded,neo4j

See bench/README.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kambench import report
from kambench.bench import run_one
from kambench.env import machine


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--people", default="10000", help="comma-separated graph sizes (default 10000)")
    p.add_argument("--stores", default="embedded,neo4j", help="comma-separated: embedded, neo4j")
    p.add_argument("--requests", type=int, default=200, help="timed requests per query (default 200)")
    p.add_argument("--warmup", type=int, default=20, help="warm-up requests per query (default 20)")
    p.add_argument("--budget", type=float, default=120.0,
                   help="seconds of timed requests per query at most (at least 20 requests; default 120)")
    p.add_argument("--no-import", action="store_true",
                   help="reuse the store a previous run imported (latency only)")
    p.add_argument("--reuse-raw", action="store_true",
                   help="take the raw import baseline from the previous run of the same size and store")
    p.add_argument("--tag", default="",
                   help="record the run under its own name (an experiment beside the main figures)")
    args = p.parse_args(argv)
    opts = {"warmup": args.warmup, "requests": args.requests, "budget_seconds": args.budget}
    for people in (int(x) for x in args.people.split(",")):
        for store in (s.strip() for s in args.stores.split(",")):
            if store not in ("embedded", "neo4j"):
                p.error(f"unknown store {store!r}")
            t0 = time.monotonic()

            def say(msg: str, store: str = store, people: int = people, t0: float = t0) -> None:
                print(f"[{store} {people:,} +{time.monotonic() - t0:5.0f}s] {msg}", flush=True)

            measured_on = machine()  # the code and the time at the start of the run
            raw = None
            if args.reuse_raw:
                raw = report.load()["runs"].get(f"{store}/{people}", {}).get("import", {}).get("raw")
                if raw is not None:
                    raw = dict(raw, reused_from=report.load()["runs"][f"{store}/{people}"]["machine"]["date"])
            run = run_one(store, people, opts, not args.no_import, say, raw)
            key = f"{store}/{people}" + (f"/{args.tag}" if args.tag else "")
            run["tag"] = args.tag
            previous = report.load()["runs"].get(key, {})
            if args.no_import and "import" in previous:
                run["import"] = previous["import"]
            run["machine"] = measured_on
            results = report.load()  # another run may have saved meanwhile
            results["runs"][key] = run
            report.save(results)
            report.write(results)
            say("written to bench/results.json and bench/RESULTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
