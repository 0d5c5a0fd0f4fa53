"""Paging arguments: opaque cursors and the bounds of ``first``. Pure functions.

A cursor is the URL-safe base64 of a version tag and the id of the last item
seen; listings are keyset-paginated in ascending id order, so a cursor stays
valid however the graph changes around it.
"""

from __future__ import annotations

import base64
import binascii

from kamgraph.domain.errors import InvalidArgumentError

_PREFIX = "k1:"


def encode_cursor(node_id: str) -> str:
    """The opaque cursor after the item ``node_id``.

    >>> decode_cursor(encode_cursor("acme"))
    'acme'
    """
    return base64.urlsafe_b64encode((_PREFIX + node_id).encode()).decode("ascii")


def decode_cursor(cursor: str | None, argument: str = "after") -> str | None:
    """The id inside ``cursor`` (``None`` for no cursor); an error naming ``argument`` if bad.

    >>> decode_cursor("not a cursor")
    Traceback (most recent call last):
    ...
    kamgraph.domain.errors.InvalidArgumentError: after: is not a cursor returned by this API
    """
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor.encode("ascii")).decode("utf-8")
    except (binascii.Error, UnicodeError, ValueError):
        raw = ""
    if not raw.startswith(_PREFIX) or len(raw) == len(_PREFIX):
        raise InvalidArgumentError(argument, "is not a cursor returned by this API")
    return raw[len(_PREFIX) :]


def check_first(first: int, maximum: int, argument: str = "first") -> int:
    """``first`` if it is within 0..maximum, else an error naming the argument.

    >>> check_first(501, 500)
    Traceback (most recent call last):
    ...
    kamgraph.domain.errors.InvalidArgumentError: first: must be between 0 and 500
    """
    if first < 0 or first > maximum:
        raise InvalidArgumentError(argument, f"must be between 0 and {maximum}")
    return first
