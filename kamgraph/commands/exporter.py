"""``kamgraph export -o PATH``: write the whole graph in the import format."""

from __future__ import annotations

import argparse
import asyncio
import sys

from kamgraph.cli import add_store_argument
from kamgraph.config import Settings
from kamgraph.domain.errors import KamgraphError
from kamgraph.io.exporter import ExportResult, export_graph
from kamgraph.io.progress import Reporter, make_reporter
from kamgraph.io.writers import ExportError
from kamgraph.store import make_store

HELP = "export the whole graph as NDJSON (one file) or CSV (a directory), in the format 'import' reads"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("ndjson", "csv"),
        default="ndjson",
        help="ndjson (default): one file; csv: a directory with one file per node kind and relationships.csv",
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="PATH", help="the file (ndjson) or directory (csv)"
    )
    add_store_argument(parser)
    parser.add_argument(
        "--progress-interval",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="seconds between progress lines when stderr is not a terminal (default 5)",
    )


async def _export(args: argparse.Namespace, reporter: Reporter) -> ExportResult:
    store = make_store(Settings.from_env(store=args.store))
    await store.open()
    try:
        return await export_graph(store, args.format, args.output, reporter)
    finally:
        await store.close()


def run(args: argparse.Namespace) -> int:
    reporter = make_reporter(sys.stderr, interval=args.progress_interval)
    try:
        result = asyncio.run(_export(args, reporter))
    except (ExportError, KamgraphError, OSError) as exc:
        reporter.finish()
        print(f"kamgraph export: {exc}", file=sys.stderr)
        return 1
    rate = result.rows / result.seconds if result.seconds > 0 else 0.0
    reporter.message(
        f"exported {result.rows:,} rows ({result.nodes:,} nodes, {result.relationships:,} relationships)"
        f" to {args.output} in {result.seconds:.1f} s: {rate:,.0f} rows/s"
    )
    return 0
