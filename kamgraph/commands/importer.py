"""``kamgraph import PATH...``: bulk-load CSV / NDJSON files into the store."""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from kamgraph.cli import add_store_argument
from kamgraph.config import Settings
from kamgraph.domain.errors import KamgraphError
from kamgraph.io.importer import DEFAULT_BATCH, Importer, ImportResult
from kamgraph.io.progress import Reporter, make_reporter
from kamgraph.io.readers import InputError, expand_paths
from kamgraph.store import make_store

HELP = "import CSV / NDJSON files (validated as a whole first; nothing is written if any row is bad)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="a .csv / .ndjson file, or a directory of them (node files before relationships.csv)",
    )
    add_store_argument(parser)
    parser.add_argument(
        "--batch",
        type=int,
        default=DEFAULT_BATCH,
        metavar="N",
        help=f"rows per write transaction (default {DEFAULT_BATCH:,})",
    )
    parser.add_argument(
        "--progress-interval",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="seconds between progress lines when stderr is not a terminal (default 5)",
    )


def summary(result: ImportResult) -> str:
    """The closing line of an import that wrote."""
    rate = result.written / result.seconds if result.seconds > 0 else 0.0
    return (
        f"imported {result.written:,} rows ({result.nodes:,} nodes, {result.relationships:,} relationships)"
        f" in {result.seconds:.1f} s (validated in {result.validate_seconds:.1f} s,"
        f" written in {result.write_seconds:.1f} s): {rate:,.0f} rows/s"
    )


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Without the cyclic garbage collector for the import.

    An import keeps millions of small objects alive (the id map, the batches in
    flight) and makes millions more; the collector's full passes over them took
    a third of the CPU time of a 1,000,000-row import. What an import throws
    away is freed by reference counting (it makes no cycles per row), and the
    command's process ends with the import.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


async def _import(args: argparse.Namespace, reporter: Reporter) -> int:
    files = expand_paths(args.paths)
    store = make_store(Settings.from_env(store=args.store))
    await store.open()
    try:
        with _no_cyclic_gc():
            result = await Importer(store, files, batch=args.batch, reporter=reporter).run()
    finally:
        await store.close()
    if result.problems:
        reporter.message(
            f"{result.problems:,} problem(s) in {result.bad_rows:,} of {result.rows:,} rows; "
            "nothing was written"
        )
        return 1
    if result.failed is not None:
        reporter.message(
            f"import stopped after {result.written:,} rows; the rows before were written. "
            "Fix the cause and run the same import again: re-running changes nothing that is already there."
        )
        return 1
    reporter.message(summary(result))
    return 0


def run(args: argparse.Namespace) -> int:
    if args.batch < 1:
        print("kamgraph import: --batch must be at least 1", file=sys.stderr)
        return 2
    reporter = make_reporter(sys.stderr, interval=args.progress_interval)
    try:
        return asyncio.run(_import(args, reporter))
    except InputError as exc:
        print(f"kamgraph import: {exc}", file=sys.stderr)
        return 2
    except (KamgraphError, OSError) as exc:
        print(f"kamgraph import: {exc}", file=sys.stderr)
        return 1
    finally:
        reporter.finish()
