"""The validators' fast path accepts exactly what the full check accepts, with the same result.

``validate_nodes`` / ``validate_relationships`` first try a fast check of the
whole batch and run the full check (which names every problem) when it gives
up; these tests hold the two to the same answers on arbitrary input.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kamgraph.domain.errors import ValidationError
from kamgraph.domain.model import NODE_PROPS, REL_SPECS, NodeKind, RelationshipKind, Seniority
from kamgraph.domain.rules import (
    _fast_nodes,
    _fast_relationships,
    _validate_nodes,
    _validate_relationships,
    validate_nodes,
    validate_relationships,
)

_NAMES = sorted(
    {n for specs in NODE_PROPS.values() for n in specs} | {n for s in REL_SPECS.values() for n in s.props}
)
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        ["", " ", "x", "2024-02-29", "2023-02-29", "2024-1-01", "2024-01-01\n", "VP", "KEY", "\u00a0"]
    ),
    st.text(max_size=5),
    st.lists(st.sampled_from(["a", "b", ""]), max_size=3),
    st.lists(st.integers(), max_size=2),
    st.tuples(st.just("a")),
    st.just(Seniority.VP),
    st.just(dt.date(2024, 1, 2)),
    st.just(dt.datetime(2024, 1, 2, 3, 4)),
    st.sampled_from(["x" * 1000, "x" * 1001]),
)
_IDS = st.one_of(
    st.sampled_from(["a", "b", "c", "", "  ", "\t", "x" * 256, "x" * 257, "a\x00", "b\x85"]),
    st.integers(0, 2),
    st.none(),
    st.just(["a"]),  # unhashable
)
_KINDS = st.one_of(
    st.sampled_from([k.value for k in RelationshipKind]),
    st.sampled_from(list(RelationshipKind)),
    st.sampled_from(["knows", "NOPE", ""]),
    st.none(),
)


def _props(draw: st.DrawFn) -> dict[str, Any]:
    return draw(st.dictionaries(st.sampled_from([*_NAMES, "nope"]), _VALUES, max_size=4))


@st.composite
def _node(draw: st.DrawFn) -> dict[str, Any]:
    data = _props(draw)
    if draw(st.booleans()):
        data["name"] = draw(st.sampled_from(["Ann", "", " ", "x" * 1001]))
    if draw(st.integers(0, 9)):
        data["id"] = draw(_IDS)
    return data


@st.composite
def _rel(draw: st.DrawFn) -> dict[str, Any]:
    data = _props(draw)
    for key, strategy in (("kind", _KINDS), ("from", _IDS), ("to", _IDS)):
        if draw(st.integers(0, 9)):
            data[key] = draw(strategy)
    return data


def _plain(x: Any) -> Any:
    """Values with their types, so that 1 and 1.0 (or a list and a tuple) differ."""
    if isinstance(x, Mapping):
        return sorted((k, _plain(v)) for k, v in x.items())
    return (type(x).__name__, repr(x))


def _key(i: Any) -> Any:
    return (i.__class__.__name__, _plain(i.props), [getattr(i, f) for f in i.__slots__ if f != "props"])


def _same(fast: Sequence[Any], full: Sequence[Any]) -> bool:
    return [_key(i) for i in fast] == [_key(i) for i in full]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(list(NodeKind)), st.lists(_node(), max_size=4), st.integers(0, 3))
def test_fast_node_check_agrees_with_the_full_one(
    kind: NodeKind, items: list[dict[str, Any]], start: int
) -> None:
    fast = _fast_nodes(kind, items, start)
    try:
        full = _validate_nodes(kind, items, start)
    except ValidationError:
        assert fast is None
        return
    assert fast is None or _same(fast, full)


@settings(max_examples=300, deadline=None)
@given(st.lists(_rel(), max_size=4), st.integers(0, 3))
def test_fast_relationship_check_agrees_with_the_full_one(items: list[dict[str, Any]], start: int) -> None:
    fast = _fast_relationships(items, start)
    try:
        full = _validate_relationships(items, start)
    except ValidationError:
        assert fast is None
        return
    assert fast is None or _same(fast, full)


def test_the_fast_path_takes_ordinary_batches() -> None:
    nodes = [{"id": f"p{i}", "name": "Ann", "seniority": "VP", "decisionMaker": True} for i in range(3)]
    assert _fast_nodes(NodeKind.PERSON, nodes, 0) is not None
    rels = [
        {"kind": "KNOWS", "from": "b", "to": "a", "strength": 1, "since": "2020-02-29"},
        {"kind": RelationshipKind.WORKS_AT, "from": "a", "to": "c", "current": False, "title": None},
    ]
    fast = _fast_relationships(rels, 5)
    assert fast is not None
    assert [(r.kind, r.from_id, r.to_id, dict(r.props), r.position) for r in fast] == [
        (RelationshipKind.KNOWS, "a", "b", {"strength": 1.0, "since": "2020-02-29"}, 5),
        (RelationshipKind.WORKS_AT, "a", "c", {"current": False}, 6),
    ]
    # and the public functions give the same, from a generator too
    assert _same(validate_relationships(iter(rels), 5), fast)
    assert _same(validate_nodes(NodeKind.PERSON, iter(nodes)), _validate_nodes(NodeKind.PERSON, nodes, 0))
