"""The ``kamgraph`` command: one subcommand per module of :mod:`kamgraph.commands`."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

#: subcommand name -> module under kamgraph.commands; each module has
#: ``HELP: str``, ``add_arguments(parser)`` and ``run(args) -> int``.
COMMANDS: dict[str, str] = {
    "serve": "serve",
    "schema": "schema",
    "init-db": "init_db",
    "import": "importer",
    "export": "exporter",
    "generate": "generate",
    "keys": "keys",
}


def add_store_argument(parser: argparse.ArgumentParser) -> None:
    """``--store``: a file path, ``:memory:`` or a Neo4j URI (default: $KAMGRAPH_STORE or ./kamgraph.db)."""
    parser.add_argument(
        "--store",
        default=None,
        help="a file path (embedded, default ./kamgraph.db), ':memory:', or a "
        "bolt:// / neo4j:// / neo4j+s:// URI (also $KAMGRAPH_STORE)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kamgraph", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        try:
            module = importlib.import_module(f"kamgraph.commands.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"kamgraph.commands.{module_name}":
                raise
            continue
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args._run(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
