"""What a property value and an id must be: one check per property type.

:func:`check_of` turns a :class:`~kamgraph.domain.model.PropSpec` of the domain
table into a function that returns the value in its stored form (enum members
as their names, dates as ISO strings, whole floats as ints, ints as floats for
float properties, tuples as lists) or raises :class:`BadValue` naming the rule
the value breaks. The checks take the common case first, so that the
validators (:mod:`kamgraph.domain.rules`) run them on every row of a bulk
import.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable
from typing import Any

from kamgraph.domain.model import PropSpec, PropType

MAX_ID_LENGTH = 256
MAX_STRING_LENGTH = 100_000
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

#: a property's check: the value in its stored form, or :class:`BadValue`
Check = Callable[[Any], Any]


class BadValue(Exception):
    """A value that breaks ``rule`` (e.g. ``must be a number``)."""

    def __init__(self, rule: str) -> None:
        super().__init__(rule)
        self.rule = rule


def id_rule(value: Any) -> str | None:
    """The rule ``value`` breaks as an id, or ``None`` when it is a good one.

    >>> id_rule("acme"), id_rule("  "), id_rule("a\\tb")
    (None, 'must be a non-empty string', 'must not contain control characters')
    """
    if not isinstance(value, str) or not value or value.isspace():
        return "must be a non-empty string"
    if len(value) > MAX_ID_LENGTH:
        return f"must be at most {MAX_ID_LENGTH} characters"
    # (every control character is unprintable: the search runs for the rare id that is)
    if not value.isprintable() and _CONTROL.search(value):
        return "must not contain control characters"
    return None


def coerce_value(spec: PropSpec, value: Any) -> Any:
    """``value`` in its stored form, or :class:`BadValue` naming the rule it breaks.

    >>> from kamgraph.domain.model import UNIT
    >>> coerce_value(UNIT, 1)
    1.0
    >>> coerce_value(UNIT, 2)
    Traceback (most recent call last):
    ...
    kamgraph.domain.checks.BadValue: must be between 0 and 1
    """
    return check_of(spec)(value)


@functools.cache
def check_of(spec: PropSpec) -> Check:
    """The check of a property of this spec (made once per spec)."""
    return _MAKERS[spec.type](spec)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _ranged(spec: PropSpec, check: Check) -> Check:
    """``check``, and then that the number is in the spec's range."""
    lo, hi = spec.min, spec.max
    in_range: Callable[[float], bool]
    if lo is not None and hi is not None:
        in_range, rule = (lambda v: lo <= v <= hi), f"must be between {_num(lo)} and {_num(hi)}"
    elif lo is not None:
        in_range, rule = (lambda v: v >= lo), f"must be at least {_num(lo)}"
    elif hi is not None:
        in_range, rule = (lambda v: v <= hi), f"must be at most {_num(hi)}"
    else:
        return check

    def ranged(v: Any) -> Any:
        v = check(v)
        if not in_range(v):
            raise BadValue(rule)
        return v

    return ranged


def _string(spec: PropSpec) -> Check:
    required, limit = spec.required, spec.max_length or MAX_STRING_LENGTH
    too_long = f"must be at most {limit} characters"

    def string(v: Any) -> Any:
        if not isinstance(v, str):
            raise BadValue("must be a string")
        if len(v) > limit:
            raise BadValue(too_long)
        if required and (not v or v.isspace()):
            raise BadValue("must not be empty")
        return v

    return string


def _bool(spec: PropSpec) -> Check:
    def boolean(v: Any) -> Any:
        if v is True or v is False:
            return v
        raise BadValue("must be true or false")

    return boolean


def _int(spec: PropSpec) -> Check:
    def whole(v: Any) -> Any:
        if type(v) is int:
            return v
        if isinstance(v, float) and v.is_integer():
            return int(v)
        if isinstance(v, bool) or not isinstance(v, int):
            raise BadValue("must be a whole number")
        return v

    return _ranged(spec, whole)


def _float(spec: PropSpec) -> Check:
    def number(v: Any) -> Any:
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise BadValue("must be a number")
        try:
            v = float(v)
        except OverflowError:  # an int beyond any float
            raise BadValue("must be a finite number") from None
        if not math.isfinite(v):
            raise BadValue("must be a finite number")
        return v

    return _ranged(spec, number)


def _date(spec: PropSpec) -> Check:
    match, parse = _DATE.match, dt.date.fromisoformat

    def date(v: Any) -> Any:
        if isinstance(v, str):
            if not match(v):
                raise BadValue("must be an ISO-8601 date (YYYY-MM-DD)")
            try:
                parse(v)
            except ValueError:
                raise BadValue("must be a real calendar date (YYYY-MM-DD)") from None
            return v
        if isinstance(v, dt.datetime):
            raise BadValue("must be a date (YYYY-MM-DD), not a date and time")
        if isinstance(v, dt.date):
            return v.isoformat()
        raise BadValue("must be an ISO-8601 date (YYYY-MM-DD)")

    return date


def _strings(spec: PropSpec) -> Check:
    def strings(v: Any) -> Any:
        if not isinstance(v, (list, tuple)) or not all(isinstance(x, str) for x in v):
            raise BadValue("must be a list of strings")
        return list(v)

    return strings


def _enum(spec: PropSpec) -> Check:
    assert spec.enum is not None
    members, names = spec.enum, frozenset(spec.enum.__members__)
    rule = "must be one of " + ", ".join(spec.enum.__members__)

    def member(v: Any) -> Any:
        if isinstance(v, str):
            if v in names:
                return v
        elif isinstance(v, members):
            return v.value
        raise BadValue(rule)

    return member


_MAKERS: dict[PropType, Callable[[PropSpec], Check]] = {
    PropType.STRING: _string,
    PropType.BOOL: _bool,
    PropType.INT: _int,
    PropType.FLOAT: _float,
    PropType.DATE: _date,
    PropType.STRINGS: _strings,
    PropType.ENUM: _enum,
}
