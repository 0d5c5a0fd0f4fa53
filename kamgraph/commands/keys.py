"""``kamgraph keys``: add, list and revoke API keys (the keys file, ``$KAMGRAPH_KEYS_FILE``).

``add NAME --role ROLE`` prints the new secret once; only its SHA-256 is kept.
``list`` shows names, roles and when they were made (never secrets).
``revoke NAME`` removes a key; a running service stops accepting it at its next request.
"""

from __future__ import annotations

import argparse
import sys

from kamgraph.api.auth.keys import KeysFileError, add_key, read_keys, revoke_key
from kamgraph.api.auth.roles import Role
from kamgraph.config import Settings

HELP = "manage API keys: add NAME --role ROLE | list | revoke NAME"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--keys-file",
        default=None,
        help="the keys file (default $KAMGRAPH_KEYS_FILE or ./kamgraph-keys.toml)",
    )
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = sub.add_parser("add", help="make a key and print its secret (once)")
    add.add_argument("name", help="the key's name: who writes, in the audit log")
    add.add_argument("--role", required=True, choices=[r.label for r in Role], help="what the key may do")
    sub.add_parser("list", help="names, roles and creation times (never secrets)")
    revoke = sub.add_parser("revoke", help="remove a key")
    revoke.add_argument("name")


def run(args: argparse.Namespace) -> int:
    path = args.keys_file or Settings.from_env().keys_file
    try:
        if args.action == "add":
            secret = add_key(path, args.name, Role.parse(args.role))
            print(secret)
            print(
                f"kamgraph keys: added {args.name!r} ({args.role}) to {path}; the secret above is shown "
                "only now. Send it as 'Authorization: Bearer <secret>'.",
                file=sys.stderr,
            )
        elif args.action == "list":
            keys = read_keys(path)
            if not keys:
                print(
                    f"kamgraph keys: no keys in {path} (the service runs open, on loopback only)",
                    file=sys.stderr,
                )
            for k in keys:
                print(f"{k.name}\t{k.role.label}\t{k.created}")
        else:
            revoke_key(path, args.name)
            print(f"kamgraph keys: revoked {args.name!r}", file=sys.stderr)
    except KeysFileError as exc:
        print(f"kamgraph keys: {exc}", file=sys.stderr)
        return 1
    return 0
