"""``kamgraph generate``: write a synthetic graph of any size as import files."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from kamgraph.io.formats import NDJSON_FILE, is_node, write_csv, write_ndjson
from kamgraph.synth.generator import REFERENCE_DATE, generate
from kamgraph.synth.market import MIN_PEOPLE

HELP = "generate a synthetic graph (NDJSON or CSV) for load tests and demos"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--people", type=int, required=True, help=f"how many people (at least {MIN_PEOPLE})")
    parser.add_argument("--seed", type=int, default=42, help="random seed: the same seed, the same graph")
    parser.add_argument("--format", choices=("ndjson", "csv"), default="ndjson", help="output format")
    parser.add_argument("-o", "--output", required=True, help="the directory to write into")


def summary(counts: Counter[str], elapsed: float) -> str:
    """A table of the counts by kind, nodes then relationships.

    >>> print(summary(Counter({"PERSON": 2, "KNOWS": 1}), 1.0))
    nodes          2
      PERSON       2
    relationships  1
      KNOWS        1
    records        3 in 1.0 s (3 records/s)
    """
    nodes = {k: v for k, v in counts.items() if is_node({"kind": k})}
    rels = {k: v for k, v in counts.items() if k not in nodes}
    width = max([13, *(len(k) + 2 for k in counts)])
    lines = [f"{'nodes':<{width}}  {sum(nodes.values())}"]
    lines += [f"  {k:<{width - 2}}  {v}" for k, v in sorted(nodes.items())]
    lines.append(f"{'relationships':<{width}}  {sum(rels.values())}")
    lines += [f"  {k:<{width - 2}}  {v}" for k, v in sorted(rels.items())]
    total = sum(counts.values())
    rate = total / elapsed if elapsed > 0 else 0.0
    lines.append(f"{'records':<{width}}  {total} in {elapsed:.1f} s ({rate:,.0f} records/s)")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if args.people < MIN_PEOPLE:
        print(f"kamgraph generate: --people must be at least {MIN_PEOPLE}", file=sys.stderr)
        return 2
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    records = generate(args.people, args.seed)
    if args.format == "csv":
        counts = write_csv(records, out)
        where = str(out)
    else:
        counts = write_ndjson(records, out / NDJSON_FILE)
        where = str(out / NDJSON_FILE)
    elapsed = time.perf_counter() - started
    print(f"wrote {where} (seed {args.seed}, dates relative to {REFERENCE_DATE.isoformat()})")
    print(summary(counts, elapsed))
    return 0
