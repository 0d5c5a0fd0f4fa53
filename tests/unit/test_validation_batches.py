"""The validators on arbitrary batches: a batch is judged as its items are one by one.

The importer validates batches of rows, and when a batch has a problem it
validates the rows one at a time to report each problem at its line: so a
batch must give exactly the items, or exactly the problems, that its items
give alone (but for an id given twice in one batch). And whatever the input,
the validators raise ``ValidationError`` and nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kamgraph.domain.checks import id_rule
from kamgraph.domain.errors import Problem, ValidationError
from kamgraph.domain.model import NODE_PROPS, REL_SPECS, NodeKind, RelationshipKind, Seniority
from kamgraph.domain.rules import validate_nodes, validate_relationships

_NAMES = sorted(
    {n for specs in NODE_PROPS.values() for n in specs} | {n for s in REL_SPECS.values() for n in s.props}
)
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10),
    st.integers(),
    st.just(10**400),  # beyond any float
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


def _outcome(validate: Callable[..., list[Any]], items: list[dict[str, Any]], start: int) -> Any:
    """What validating ``items`` gives: the inputs, or the problems."""
    try:
        inputs = validate(items, start)
        return [(type(i).__name__, sorted(i.props.items(), key=repr), repr(i)) for i in inputs]
    except ValidationError as err:
        return err.problems


def _one_by_one(validate: Callable[..., list[Any]], items: list[dict[str, Any]], start: int) -> Any:
    """What validating each item alone gives, put together as one batch's outcome."""
    outcomes = [_outcome(validate, [item], start + n) for n, item in enumerate(items)]
    problems = [p for o in outcomes if o and isinstance(o[0], Problem) for p in o]
    return problems or [i for o in outcomes for i in o]


def _ids_once(items: list[dict[str, Any]]) -> bool:
    ids = [i.get("id") for i in items if id_rule(i.get("id")) is None]
    return len(ids) == len(set(ids))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(list(NodeKind)), st.lists(_node(), max_size=4), st.integers(0, 3))
def test_a_node_batch_is_judged_as_its_items_are(
    kind: NodeKind, items: list[dict[str, Any]], start: int
) -> None:
    validate = partial(validate_nodes, kind)
    batch = _outcome(validate, items, start)
    if _ids_once(items):
        assert batch == _one_by_one(validate, items, start)
    else:
        assert any(isinstance(p, Problem) and "given twice" in p.rule for p in batch)


@settings(max_examples=400, deadline=None)
@given(st.lists(_rel(), max_size=4), st.integers(0, 3))
def test_a_relationship_batch_is_judged_as_its_items_are(items: list[dict[str, Any]], start: int) -> None:
    assert _outcome(validate_relationships, items, start) == _one_by_one(validate_relationships, items, start)


def test_ordinary_batches_give_plain_values() -> None:
    nodes = [{"id": f"p{i}", "name": "Ann", "seniority": Seniority.VP, "decisionMaker": True} for i in (1, 2)]
    assert [dict(n.props) for n in validate_nodes(NodeKind.PERSON, iter(nodes), 2)] == [
        {"name": "Ann", "seniority": "VP", "decisionMaker": True}
    ] * 2
    rels = [
        {"kind": "KNOWS", "from": "b", "to": "a", "strength": 1, "since": dt.date(2020, 2, 29)},
        {"kind": RelationshipKind.WORKS_AT, "from": "a", "to": "c", "current": False, "title": None},
    ]
    out = validate_relationships(iter(rels), 5)
    assert [(r.kind, r.from_id, r.to_id, dict(r.props), r.position) for r in out] == [
        (RelationshipKind.KNOWS, "a", "b", {"strength": 1.0, "since": "2020-02-29"}, 5),
        (RelationshipKind.WORKS_AT, "a", "c", {"current": False}, 6),
    ]
    assert type(out[0].props["strength"]) is float


def test_a_number_beyond_any_float_is_a_problem_not_a_crash() -> None:
    data = {"kind": "KNOWS", "from": "a", "to": "b", "strength": 10**400}
    try:
        validate_relationships([data])
    except ValidationError as err:
        assert [(p.field, p.rule) for p in err.problems] == [("strength", "must be a finite number")]
    else:
        raise AssertionError("accepted")
