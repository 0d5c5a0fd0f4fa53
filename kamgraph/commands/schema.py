"""``kamgraph schema``: print the GraphQL schema (SDL) that the service serves."""

from __future__ import annotations

import argparse

HELP = "print the GraphQL schema (SDL)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from kamgraph.api.resolvers import build_schema

    print(build_schema().as_str())
    return 0
