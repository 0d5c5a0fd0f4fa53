"""Paging arguments: opaque cursors and the bounds of ``first``. Pure functions.

A cursor is the URL-safe base64 of a version tag and the id of the last item
seen; listings are keyset-paginated in ascending id order, so a cursor stays
valid however the graph changes around it.
"""

from __future__ import annotations

import base64
import binascii

from kamgraph.domain.errors import InvalidArgumentError

#: the version tag of a listing's cursor (the id of the last node seen)
NODES = "k1:"


def encode_cursor(key: str, tag: str = NODES) -> str:
    """The opaque cursor after the item ``key`` of a listing whose cursors are tagged ``tag``.

    >>> decode_cursor(encode_cursor("acme"))
    'acme'
    """
    return base64.urlsafe_b64encode((tag + key).encode()).decode("ascii")


def decode_cursor(
    cursor: str | None, argument: str = "after", tag: str = NODES, source: str = "this API"
) -> str | None:
    """The key inside ``cursor`` (``None`` for no cursor); an error naming ``argument`` if it
    is not a cursor of ``tag`` (one that ``source`` returned).

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
    if not raw.startswith(tag) or len(raw) == len(tag):
        raise InvalidArgumentError(argument, f"is not a cursor returned by {source}")
    return raw[len(tag) :]


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
