"""``kamgraph serve``: run the GraphQL service (uvicorn)."""

from __future__ import annotations

import argparse
import gc
import logging
import signal
import sys
import threading
from types import FrameType

from kamgraph.cli import add_store_argument
from kamgraph.config import Settings

#: how long a stop (SIGTERM, Ctrl-C) waits for in-flight requests before cancelling them
GRACEFUL_SHUTDOWN_SECONDS = 15

HELP = "serve the GraphQL API over HTTP (POST/GET /graphql, /healthz, /readyz, /metrics) and the explorer (/)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_store_argument(parser)
    parser.add_argument(
        "--host", default=None, help="address to listen on (default 127.0.0.1; $KAMGRAPH_HOST)"
    )
    parser.add_argument("--port", type=int, default=None, help="port (default 8000; $KAMGRAPH_PORT)")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="load the demo data set at start-up when the store is empty",
    )
    parser.add_argument(
        "--dev",
        action="store_true",
        help="dev mode: run open, without API keys, on a loopback address only ($KAMGRAPH_DEV)",
    )
    parser.add_argument(
        "--cors-origin",
        action="append",
        default=None,
        metavar="ORIGIN",
        help="let pages of ORIGIN (scheme://host[:port], or *) call the API from a browser; "
        "repeatable (default none; $KAMGRAPH_CORS_ORIGINS, separated by commas)",
    )
    parser.add_argument("--log-level", default=None, help="debug, info, warning or error (default info)")


def settings_from_args(args: argparse.Namespace) -> Settings:
    return Settings.from_env(
        store=args.store,
        host=args.host,
        port=args.port,
        demo=True if args.demo else None,
        dev=True if getattr(args, "dev", False) else None,
        log_level=args.log_level,
        cors_origins=tuple(args.cors_origin) if args.cors_origin else None,
    )


def _stopped(signum: int, frame: FrameType | None) -> None:
    """SIGTERM ends the process with status 0: a requested stop is not a failure.
    (uvicorn handles the signal while serving, then raises it again once drained.)"""
    raise SystemExit(0)


def tune_gc() -> None:
    """Keep CPython's cyclic garbage collector from walking start-up's objects again and again.

    What start-up made (modules, the schema, the store's driver) is moved out of
    the collector's sight (``gc.freeze``): every full collection would otherwise
    walk it all again, ~100 ms each time, and a read of hundreds of nodes
    (thousands of objects alive at once) triggered one every few requests.
    The thresholds stay CPython's: rarer full collections made each one walk
    more cyclic garbage (p99 of a 500-people read 130 -> 580 ms).
    """
    gc.collect()
    gc.freeze()


def run(args: argparse.Namespace) -> int:
    # the service's modules load here, not when any other subcommand runs
    from kamgraph.api import serving
    from kamgraph.api.app import create_app
    from kamgraph.api.auth.keys import KeysFileError
    from kamgraph.api.auth.security import InsecureBindError
    from kamgraph.api.cors import CorsOriginError

    settings = settings_from_args(args)
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        app = create_app(settings)
    except (InsecureBindError, KeysFileError, CorsOriginError) as exc:
        print(f"kamgraph serve: {exc}", file=sys.stderr)
        return 2
    base = f"http://{settings.host}:{settings.port}"
    print(f"kamgraph: serving {base}/ (the explorer) and {base}/graphql", flush=True)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stopped)
    tune_gc()
    config = serving.config(
        app, settings.host, settings.port, settings.log_level.lower(), GRACEFUL_SHUTDOWN_SECONDS
    )
    serving.Server(config).run()
    return 0
