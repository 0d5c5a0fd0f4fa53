"""Validation of writes: the one place where the domain's rules are checked.

Every function here collects all problems of a batch and raises one
:class:`~kamgraph.domain.errors.ValidationError` naming each bad item, field and rule.
What the rules need from the store (that ids exist, that their kinds fit the
relationship, that ids do not clash across kinds) is checked by the store inside
its transaction with :func:`check_endpoints` and :func:`check_kind_clash`.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeGuard

from kamgraph.domain.errors import Problem, ValidationError
from kamgraph.domain.model import (
    NODE_PROPS,
    REL_SPECS,
    UNDIRECTED,
    NodeInput,
    NodeKind,
    PropSpec,
    PropType,
    RelationshipInput,
    RelationshipKey,
    RelationshipKind,
)

MAX_ID_LENGTH = 256
MAX_STRING_LENGTH = 100_000
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

_ABSENT = object()


class _Bad(Exception):
    def __init__(self, rule: str) -> None:
        self.rule = rule


def node_label(position: int, node_id: object) -> str:
    return f"item {position} (id {node_id!r})" if node_id not in (None, "") else f"item {position}"


def rel_label(position: int, kind: object, from_id: object, to_id: object) -> str:
    k = kind.value if isinstance(kind, enum.Enum) else kind
    return f"item {position} ({k} {from_id!r} -> {to_id!r})"


def coerce_value(spec: PropSpec, value: Any) -> Any:
    """Return ``value`` in its stored form, or raise ``_Bad`` with the rule broken."""
    t = spec.type
    if t is PropType.STRING:
        if not isinstance(value, str):
            raise _Bad("must be a string")
        limit = spec.max_length or MAX_STRING_LENGTH
        if len(value) > limit:
            raise _Bad(f"must be at most {limit} characters")
        if spec.required and not value.strip():
            raise _Bad("must not be empty")
        return value
    if t is PropType.BOOL:
        if not isinstance(value, bool):
            raise _Bad("must be true or false")
        return value
    if t is PropType.INT:
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                raise _Bad("must be a whole number")
        _check_range(spec, value)
        return value
    if t is PropType.FLOAT:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _Bad("must be a number")
        value = float(value)
        if not math.isfinite(value):
            raise _Bad("must be a finite number")
        _check_range(spec, value)
        return value
    if t is PropType.DATE:
        if isinstance(value, dt.datetime):
            raise _Bad("must be a date (YYYY-MM-DD), not a date and time")
        if isinstance(value, dt.date):
            return value.isoformat()
        if not isinstance(value, str) or not _DATE.match(value):
            raise _Bad("must be an ISO-8601 date (YYYY-MM-DD)")
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise _Bad("must be a real calendar date (YYYY-MM-DD)") from None
        return value
    if t is PropType.STRINGS:
        if isinstance(value, str) or not isinstance(value, (list, tuple)):
            raise _Bad("must be a list of strings")
        if not all(isinstance(v, str) for v in value):
            raise _Bad("must be a list of strings")
        return list(value)
    if t is PropType.ENUM:
        assert spec.enum is not None
        if isinstance(value, spec.enum):
            return value.value
        if isinstance(value, str) and value in spec.enum.__members__:
            return value
        allowed = ", ".join(spec.enum.__members__)
        raise _Bad(f"must be one of {allowed}")
    raise AssertionError(t)  # pragma: no cover


def _check_range(spec: PropSpec, value: float) -> None:
    lo, hi = spec.min, spec.max
    if lo is not None and hi is not None and not lo <= value <= hi:
        raise _Bad(f"must be between {_num(lo)} and {_num(hi)}")
    if lo is not None and value < lo:
        raise _Bad(f"must be at least {_num(lo)}")
    if hi is not None and value > hi:
        raise _Bad(f"must be at most {_num(hi)}")


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _check_id(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad("must be a non-empty string")
    if len(value) > MAX_ID_LENGTH:
        raise _Bad(f"must be at most {MAX_ID_LENGTH} characters")
    if _CONTROL.search(value):
        raise _Bad("must not contain control characters")
    return value


def validate_node(kind: NodeKind, data: Mapping[str, Any], position: int = 0) -> NodeInput:
    """Validate one node upsert; see :func:`validate_nodes`."""
    return validate_nodes(kind, [data], start=position)[0]


def validate_nodes(
    kind: NodeKind, items: Iterable[Mapping[str, Any]], start: int = 0
) -> list[NodeInput]:
    """Validate node upserts of one kind.

    Each item maps ``id`` and property names to values; a property that is
    absent is left unchanged by the upsert, one given as ``None`` is removed
    (required properties must always be given). Raises ``ValidationError``
    listing every problem of every item.
    """
    rows = items if isinstance(items, list) else list(items)
    out = _fast_nodes(kind, rows, start)
    return out if out is not None else _validate_nodes(kind, rows, start)


def _validate_nodes(kind: NodeKind, items: Iterable[Mapping[str, Any]], start: int) -> list[NodeInput]:
    """The whole check of :func:`validate_nodes`, naming every problem."""
    specs = NODE_PROPS[kind]
    problems: list[Problem] = []
    out: list[NodeInput] = []
    seen: dict[str, int] = {}
    for offset, data in enumerate(items):
        position = start + offset
        label = node_label(position, data.get("id"))
        try:
            node_id = _check_id(data.get("id"))
        except _Bad as bad:
            problems.append(Problem(label, "id", bad.rule))
            node_id = ""
        props: dict[str, Any] = {}
        for key, value in data.items():
            if key in ("id", "kind"):
                continue
            spec = specs.get(key)
            if spec is None:
                problems.append(Problem(label, key, f"is not a property of {kind.value}"))
                continue
            if value is None:
                if spec.required:
                    problems.append(Problem(label, key, "is required"))
                else:
                    props[key] = None
                continue
            try:
                props[key] = coerce_value(spec, value)
            except _Bad as bad:
                problems.append(Problem(label, key, bad.rule))
        for key, spec in specs.items():
            if spec.required and data.get(key, _ABSENT) is _ABSENT:
                problems.append(Problem(label, key, "is required"))
        if node_id:
            if node_id in seen:
                problems.append(
                    Problem(label, "id", f"is given twice in one request (also item {seen[node_id]})")
                )
            seen[node_id] = position
        out.append(NodeInput(node_id, kind, props, position))
    if problems:
        raise ValidationError(problems)
    return out


_REL_KINDS: dict[str, RelationshipKind] = dict(RelationshipKind.__members__)
_REL_KIND_RULE = "must be one of " + ", ".join(_REL_KINDS)


def parse_rel_kind(value: Any) -> RelationshipKind:
    if isinstance(value, RelationshipKind):
        return value
    if isinstance(value, str):
        kind = _REL_KINDS.get(value)
        if kind is not None:
            return kind
    raise _Bad(_REL_KIND_RULE)


def validate_relationships(
    items: Iterable[Mapping[str, Any]], start: int = 0
) -> list[RelationshipInput]:
    """Validate relationship upserts (each with ``kind``, ``from``, ``to`` and properties).

    Properties that do not apply to the kind are errors; properties not given
    take their defaults when the relationship is created (``current`` true for
    WORKS_AT, ``strength`` 0.5 for KNOWS). Undirected kinds are normalised so
    that ``from_id < to_id``.
    """
    rows = items if isinstance(items, list) else list(items)
    out = _fast_relationships(rows, start)
    return out if out is not None else _validate_relationships(rows, start)


def _validate_relationships(items: Iterable[Mapping[str, Any]], start: int) -> list[RelationshipInput]:
    """The whole check of :func:`validate_relationships`, naming every problem."""
    problems: list[Problem] = []
    out: list[RelationshipInput] = []
    for offset, data in enumerate(items):
        position = start + offset
        raw_kind, raw_from, raw_to = data.get("kind"), data.get("from"), data.get("to")
        label = rel_label(position, raw_kind, raw_from, raw_to)
        before = len(problems)
        kind: RelationshipKind | None = None
        try:
            kind = parse_rel_kind(raw_kind)
        except _Bad as bad:
            problems.append(Problem(label, "kind", bad.rule))
        ends: dict[str, str] = {}
        for end, raw in (("from", raw_from), ("to", raw_to)):
            try:
                ends[end] = _check_id(raw)
            except _Bad as bad:
                problems.append(Problem(label, end, bad.rule))
        if len(ends) == 2 and ends["from"] == ends["to"]:
            problems.append(Problem(label, "to", "must differ from `from` (no self-relationship)"))
        props: dict[str, Any] = {}
        if kind is not None:
            specs = REL_SPECS[kind].props
            for key, value in data.items():
                if key in ("kind", "from", "to") or value is None:
                    continue
                spec = specs.get(key)
                if spec is None:
                    problems.append(Problem(label, key, f"does not apply to {kind.value}"))
                    continue
                try:
                    props[key] = coerce_value(spec, value)
                except _Bad as bad:
                    problems.append(Problem(label, key, bad.rule))
        if len(problems) == before and kind is not None:
            rkey = RelationshipKey(kind, ends["from"], ends["to"]).normalised()
            out.append(RelationshipInput(kind, rkey.from_id, rkey.to_id, props, position))
    if problems:
        raise ValidationError(problems)
    return out


def validate_relationship_keys(
    items: Iterable[Mapping[str, Any]], start: int = 0
) -> list[RelationshipKey]:
    """Validate ``{kind, from, to}`` keys (for unrelate)."""
    problems: list[Problem] = []
    out: list[RelationshipKey] = []
    for offset, data in enumerate(items):
        position = start + offset
        label = rel_label(position, data.get("kind"), data.get("from"), data.get("to"))
        try:
            kind = parse_rel_kind(data.get("kind"))
            ends = []
            for end in ("from", "to"):
                try:
                    ends.append(_check_id(data.get(end)))
                except _Bad as bad:
                    raise _Bad(bad.rule) from None
            out.append(RelationshipKey(kind, ends[0], ends[1]).normalised())
        except _Bad as bad:
            problems.append(Problem(label, "kind/from/to", bad.rule))
    if problems:
        raise ValidationError(problems)
    return out


# --------------------------------------------------------------------------
# The fast path: a batch with no problem at all (the common case, and all of a
# bulk import) is checked by ``_fast_nodes`` / ``_fast_relationships`` with
# per-kind tables of checkers and no per-item labels. They give up (``None``) at
# the first doubt, and the full check above then runs on the batch, so every
# problem is reported exactly as it always was; what they accept is accepted by
# the full check too, with the same result.
# --------------------------------------------------------------------------

_NO = object()  # a checker's "not sure": leave it to the full check
Checker = Any  # Callable[[Any], Any]: the stored value, or _NO
_GOOD_DATES: set[str] = set()


def _fast_checker(spec: PropSpec) -> Checker:
    t, lo, hi = spec.type, spec.min, spec.max

    def in_range(v: float) -> bool:
        return (lo is None or v >= lo) and (hi is None or v <= hi)

    if t is PropType.STRING:
        required, limit = spec.required, spec.max_length or MAX_STRING_LENGTH

        def string(v: Any) -> Any:
            if type(v) is not str or len(v) > limit or (required and (not v or v.isspace())):
                return _NO
            return v

        return string
    if t is PropType.BOOL:
        return lambda v: v if v is True or v is False else _NO
    if t is PropType.INT:
        return lambda v: v if type(v) is int and in_range(v) else _NO
    if t is PropType.FLOAT:

        def number(v: Any) -> Any:
            if type(v) is float:
                return v if math.isfinite(v) and in_range(v) else _NO
            if type(v) is int:
                f = float(v)
                return f if math.isfinite(f) and in_range(f) else _NO
            return _NO

        return number
    if t is PropType.DATE:

        def date(v: Any) -> Any:
            if type(v) is not str:
                return _NO
            if v in _GOOD_DATES:
                return v
            if not _DATE.match(v):
                return _NO
            try:
                dt.date.fromisoformat(v)
            except ValueError:
                return _NO
            if len(_GOOD_DATES) > 100_000:
                _GOOD_DATES.clear()
            _GOOD_DATES.add(v)
            return v

        return date
    if t is PropType.STRINGS:

        def strings(v: Any) -> Any:
            if type(v) is list or type(v) is tuple:
                for x in v:
                    if type(x) is not str:
                        return _NO
                return list(v)
            return _NO

        return strings
    if t is PropType.ENUM:
        assert spec.enum is not None
        e = spec.enum
        names = frozenset(e.__members__)

        def member(v: Any) -> Any:
            if type(v) is str:
                return v if v in names else _NO
            return v.value if isinstance(v, e) else _NO

        return member
    raise AssertionError(t)  # pragma: no cover


def _checkers(specs: Mapping[str, PropSpec]) -> dict[str, Checker]:
    return {name: _fast_checker(spec) for name, spec in specs.items()}


_NODE_CHECKERS: dict[NodeKind, dict[str, Checker]] = {k: _checkers(NODE_PROPS[k]) for k in NodeKind}
_NODE_REQUIRED: dict[NodeKind, tuple[str, ...]] = {
    k: tuple(name for name, spec in NODE_PROPS[k].items() if spec.required) for k in NodeKind
}
_NODE_OPTIONAL: dict[NodeKind, frozenset[str]] = {
    k: frozenset(name for name, spec in NODE_PROPS[k].items() if not spec.required) for k in NodeKind
}
#: by relationship kind name (enum members hash slowly): the kind, its checkers, undirected
_REL_FAST: dict[str, tuple[RelationshipKind, dict[str, Checker], bool]] = {
    name: (k, _checkers(REL_SPECS[k].props), k in UNDIRECTED) for name, k in _REL_KINDS.items()
}


_GOOD_IDS: set[str] = set()  # ids _good_id said yes to (an id is checked once, not once per row)


def _good_id(value: Any) -> TypeGuard[str]:
    if type(value) is str and value in _GOOD_IDS:
        return True
    if (
        type(value) is str
        and bool(value)
        and len(value) <= MAX_ID_LENGTH
        and not value.isspace()
        and not _CONTROL.search(value)
    ):
        if len(_GOOD_IDS) > 200_000:  # (bounded: at most some 20 MB in a long-running service)
            _GOOD_IDS.clear()
        _GOOD_IDS.add(value)
        return True
    return False


def _setter(cls: type, name: str) -> Any:
    return cls.__dict__[name].__set__  # the slot itself: no frozen __setattr__ in the way


# The fast path's inputs are made without the frozen dataclasses' __init__ (which
# sets each field through object.__setattr__: a third of the fast path's time).
_new = object.__new__
_rel_kind, _rel_from, _rel_to, _rel_props, _rel_pos = (
    _setter(RelationshipInput, n) for n in ("kind", "from_id", "to_id", "props", "position")
)
_node_id, _node_kind, _node_props, _node_pos = (
    _setter(NodeInput, n) for n in ("id", "kind", "props", "position")
)


def _rel_input(kind: RelationshipKind, a: str, b: str, props: dict[str, Any], position: int) -> Any:
    r = _new(RelationshipInput)
    _rel_kind(r, kind)
    _rel_from(r, a)
    _rel_to(r, b)
    _rel_props(r, props)
    _rel_pos(r, position)
    return r


def _node_input(node_id: str, kind: NodeKind, props: dict[str, Any], position: int) -> Any:
    n = _new(NodeInput)
    _node_id(n, node_id)
    _node_kind(n, kind)
    _node_props(n, props)
    _node_pos(n, position)
    return n


def _fast_nodes(kind: NodeKind, items: Sequence[Mapping[str, Any]], start: int) -> list[NodeInput] | None:
    checkers = _NODE_CHECKERS[kind]
    required = _NODE_REQUIRED[kind]
    optional = _NODE_OPTIONAL[kind]
    out: list[NodeInput] = []
    seen: set[str] = set()
    position = start
    for data in items:
        node_id = data.get("id")
        if not _good_id(node_id) or node_id in seen:
            return None
        seen.add(node_id)
        props: dict[str, Any] = {}
        for key, value in data.items():
            if key == "id" or key == "kind":
                continue
            if value is None:
                if key not in optional:
                    return None
                props[key] = None
                continue
            check = checkers.get(key)
            if check is None:
                return None
            value = check(value)
            if value is _NO:
                return None
            props[key] = value
        for key in required:
            if key not in data:
                return None
        out.append(_node_input(node_id, kind, props, position))
        position += 1
    return out


def _fast_relationships(items: Sequence[Mapping[str, Any]], start: int) -> list[RelationshipInput] | None:
    fast = _REL_FAST
    out: list[RelationshipInput] = []
    position = start
    for data in items:
        raw = data.get("kind")
        if type(raw) is str:
            entry = fast.get(raw)
        elif type(raw) is RelationshipKind:
            entry = fast.get(raw._name_)
        else:
            return None
        if entry is None:
            return None
        kind, checkers, undirected = entry
        a, b = data.get("from"), data.get("to")
        if a == b or not _good_id(a) or not _good_id(b):
            return None
        props: dict[str, Any] = {}
        if len(data) > 3:
            for key, value in data.items():
                if value is None or key == "kind" or key == "from" or key == "to":
                    continue
                check = checkers.get(key)
                if check is None:
                    return None
                value = check(value)
                if value is _NO:
                    return None
                props[key] = value
        if undirected and b < a:
            a, b = b, a
        out.append(_rel_input(kind, a, b, props, position))
        position += 1
    return out


def check_kind_clash(
    inputs: Sequence[NodeInput], existing: Mapping[str, NodeKind]
) -> list[Problem]:
    """Problems for upserts whose id already names a node of another kind."""
    return [
        Problem(
            node_label(i.position, i.id),
            "id",
            f"already names a {existing[i.id].value}, not a {i.kind.value}",
        )
        for i in inputs
        if i.id in existing and existing[i.id] is not i.kind
    ]


def check_home(setting: Sequence[NodeInput], homes: set[str]) -> list[Problem]:
    """Problems for upserts that make a company home while another one is.

    ``setting`` are the inputs that set ``home`` true; ``homes`` the ids of every
    company that would be home after the write.
    """
    if len(homes) <= 1:
        return []
    problems = []
    for item in setting:
        others = sorted(homes - {item.id})
        if others:
            problems.append(
                Problem(
                    node_label(item.position, item.id),
                    "home",
                    f"only one company can be home, and {', '.join(repr(o) for o in others)} is too",
                )
            )
    return problems


def check_endpoints(
    rels: Sequence[RelationshipInput], kinds: Mapping[str, NodeKind]
) -> list[Problem]:
    """Problems for relationships whose ends do not exist or are of the wrong kinds.

    ``kinds`` maps every id that exists (among the ends) to its kind.
    """
    problems: list[Problem] = []
    for r in rels:
        spec = REL_SPECS[r.kind]
        label = rel_label(r.position, r.kind, r.from_id, r.to_id)
        for end, node_id in (("from", r.from_id), ("to", r.to_id)):
            want = spec.from_kind if end == "from" else spec.to_kind
            have = kinds.get(node_id)
            if have is None:
                problems.append(Problem(label, end, f"no node has id {node_id!r}"))
            elif have is not want:
                problems.append(
                    Problem(label, end, f"{node_id!r} is a {have.value}; {r.kind.value} needs a {want.value}")
                )
    return problems


def merge_props(
    current: Mapping[str, Any] | None, patch: Mapping[str, Any], defaults: Mapping[str, Any]
) -> dict[str, Any]:
    """The properties after an upsert: ``patch`` over ``current`` (or the defaults)."""
    merged = dict(defaults) if current is None else dict(current)
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged
