"""Argument checks shared by the analyses; each error names the GraphQL argument."""

from __future__ import annotations

import math

from kamgraph.domain.errors import InvalidArgumentError

MAX_HOPS = 6
MAX_LIMIT = 50
MAX_DEPTH = 4
MAX_FIRST = 500


def check_int(argument: str, value: int, low: int, high: int) -> int:
    """``value`` when it is a whole number in ``low..high``; else an error naming ``argument``.

    >>> check_int("limit", 3, 1, 50)
    3
    >>> check_int("limit", 0, 1, 50)
    Traceback (most recent call last):
    ...
    kamgraph.domain.errors.InvalidArgumentError: limit: must be between 1 and 50, got 0
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgumentError(argument, f"must be a whole number, got {value!r}")
    if not low <= value <= high:
        raise InvalidArgumentError(argument, f"must be between {low} and {high}, got {value}")
    return value


def check_weight(argument: str, value: float, what: str = "") -> float:
    """``value`` as a float when it is finite and not negative; else an error naming ``argument``.

    >>> check_weight("weights", -1, "value")
    Traceback (most recent call last):
    ...
    kamgraph.domain.errors.InvalidArgumentError: weights: value must be a finite number >= 0, got -1
    """
    prefix = f"{what} " if what else ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidArgumentError(argument, f"{prefix}must be a number, got {value!r}")
    v = float(value)
    if not math.isfinite(v) or v < 0:
        raise InvalidArgumentError(argument, f"{prefix}must be a finite number >= 0, got {value!r}")
    return v


def check_unit(argument: str, value: float) -> float:
    """``value`` as a float when it lies in 0..1; else an error naming ``argument``."""
    v = check_weight(argument, value)
    if v > 1:
        raise InvalidArgumentError(argument, f"must be between 0 and 1, got {value!r}")
    return v
