"""Profile one query of the service (or the import) with pyinstrument.

    .venv/bin/python bench/profile.py --people 10000 --store embedded --query people100
    .venv/bin/python bench/profile.py --people 10000 --store neo4j --import

Uses the store that ``bench/run.py`` left (``--import`` imports into a fresh
copy instead); writes the text report to bench/data/profiles/.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kambench import data, imports, latency, queries, service
from kambench import neo4j as bench_neo4j
from kambench.env import DATA, KAMGRAPH


def render(session: Path) -> None:
    """The saved session as a call tree and as a flat list of self time (show-all)."""
    pyinstrument = str(Path(KAMGRAPH).parent / "pyinstrument")
    stem = session.with_suffix("")
    for suffix, options in ((".tree.txt", []), (".flat.txt", ["-p", "flat=true", "--show-all"])):
        with open(f"{stem}{suffix}", "w") as out:
            cmd = [pyinstrument, f"--load={session}", "-r", "text", *options]
            subprocess.run(cmd, stdout=out, check=True)
        print(f"profile: {stem}{suffix}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--people", type=int, default=10000)
    p.add_argument("--store", choices=("embedded", "neo4j"), default="embedded")
    p.add_argument("--query", help="a query name of bench/kambench/queries.py")
    p.add_argument("--import", dest="do_import", action="store_true", help="profile the import")
    p.add_argument("--requests", type=int, default=100)
    args = p.parse_args(argv)
    out_dir = DATA / "profiles"
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_dir = data.dataset(args.people)
    env = bench_neo4j.service_env() if args.store == "neo4j" else {}
    if args.do_import:
        if args.store == "embedded":
            store = str(DATA / f"p{args.people}" / "profile.db")
            for suffix in ("", "-wal", "-shm"):
                Path(f"{store}{suffix}").unlink(missing_ok=True)
        else:
            store = bench_neo4j.start(fresh=True)
        out = out_dir / f"import-{args.store}-{args.people}.pyisession"
        fig = imports.kamgraph_import(csv_dir, store, out_dir / "import.log", env, profile=out)
        print(fig)
        render(out)
        return 0
    if not args.query:
        p.error("give --query NAME or --import")
    facts = data.facts(csv_dir)
    chosen = {q.name: q for q in queries.query_set(facts)}[args.query]
    store = (str(DATA / f"p{args.people}" / "embedded.db") if args.store == "embedded"
             else bench_neo4j.start(fresh=False))
    out = out_dir / f"{args.query}-{args.store}-{args.people}.pyisession"
    svc = service.start(store, out_dir / "serve.log", env, profile=out)
    try:
        with httpx.Client(timeout=120) as client:
            for _ in range(args.requests):
                try:
                    latency.post(client, svc.graphql, chosen.text, chosen.variables)
                except latency.QueryFailed as exc:  # a timeout is worth profiling too
                    print(f"failed: {exc}")
    finally:
        service.shutdown(svc, interrupt=True)
    render(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
