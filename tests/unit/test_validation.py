"""Every rule of kamgraph.domain.rules, and that each problem names its item, field and rule."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest

from kamgraph.domain.checks import MAX_ID_LENGTH, MAX_STRING_LENGTH
from kamgraph.domain.errors import Problem, ValidationError
from kamgraph.domain.model import (
    NODE_PROPS,
    REL_DEFAULTS,
    NodeInput,
    NodeKind,
    RelationshipInput,
    RelationshipKey,
    RelationshipKind,
    Tier,
)
from kamgraph.domain.rules import (
    check_endpoints,
    check_kind_clash,
    merge_props,
    validate_node,
    validate_nodes,
    validate_relationship_keys,
    validate_relationships,
)

C, P = NodeKind.COMPANY, NodeKind.PERSON
K = RelationshipKind


def problems_of(fn: Any, *args: Any, **kwargs: Any) -> list[Problem]:
    with pytest.raises(ValidationError) as err:
        fn(*args, **kwargs)
    return err.value.problems


def one_problem(fn: Any, *args: Any, **kwargs: Any) -> Problem:
    (problem,) = problems_of(fn, *args, **kwargs)
    return problem


def company(**props: Any) -> dict[str, Any]:
    return {"id": "c1", "name": "Acme", **props}


# -- property values -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "rule"),
    [
        ("industry", 5, "must be a string"),
        ("industry", "x" * (MAX_STRING_LENGTH + 1), f"must be at most {MAX_STRING_LENGTH} characters"),
        ("name", "   ", "must not be empty"),
        ("home", "yes", "must be true or false"),
        ("home", 1, "must be true or false"),
        ("annualRevenue", "10", "must be a number"),
        ("annualRevenue", True, "must be a number"),
        ("annualRevenue", math.nan, "must be a finite number"),
        ("annualRevenue", math.inf, "must be a finite number"),
        ("annualRevenue", -1, "must be at least 0"),
        ("tier", "GOLD", "must be one of STRATEGIC, KEY, GROWTH, STANDARD"),
        ("tier", "key", "must be one of STRATEGIC, KEY, GROWTH, STANDARD"),
        ("tags", "a,b", "must be a list of strings"),
        ("tags", ["a", 1], "must be a list of strings"),
        ("tags", {"a": 1}, "must be a list of strings"),
    ],
)
def test_company_property_rules(field: str, value: Any, rule: str) -> None:
    problem = one_problem(validate_node, C, company(**{field: value}))
    assert problem == Problem("item 0 (id 'c1')", field, rule)


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("2024-13-01", "must be a real calendar date (YYYY-MM-DD)"),
        ("2023-02-29", "must be a real calendar date (YYYY-MM-DD)"),
        ("24-01-01", "must be an ISO-8601 date (YYYY-MM-DD)"),
        ("2024-01-01T10:00", "must be an ISO-8601 date (YYYY-MM-DD)"),
        (20240101, "must be an ISO-8601 date (YYYY-MM-DD)"),
        (dt.datetime(2024, 1, 1, 10), "must be a date (YYYY-MM-DD), not a date and time"),
    ],
)
def test_date_rules(value: Any, rule: str) -> None:
    problem = one_problem(
        validate_node, NodeKind.OPPORTUNITY, {"id": "o", "name": "D", "stage": "WON", "closeDate": value}
    )
    assert (problem.field, problem.rule) == ("closeDate", rule)


def test_values_are_stored_in_plain_form() -> None:
    node = validate_node(
        C,
        company(tier=Tier.KEY, annualRevenue=10, currentSpend=2.5, home=False, tags=("a", "b")),
    )
    assert dict(node.props) == {
        "name": "Acme",
        "tier": "KEY",
        "annualRevenue": 10.0,
        "currentSpend": 2.5,
        "home": False,
        "tags": ["a", "b"],
    }
    assert isinstance(node.props["annualRevenue"], float)
    opp = validate_node(
        NodeKind.OPPORTUNITY, {"id": "o", "name": "D", "stage": "WON", "closeDate": dt.date(2024, 2, 29)}
    )
    assert opp.props["closeDate"] == "2024-02-29"


@pytest.mark.parametrize(
    ("value", "ok"),
    [(1, 1), (3, 3), (2.0, 2), (0, None), (4, None), (2.5, None), (True, None), ("2", None)],
)
def test_whole_numbers_in_range(value: Any, ok: int | None) -> None:
    data = {"kind": "INTERESTED_IN", "from": "p", "to": "i", "level": value}
    if ok is not None:
        (rel,) = validate_relationships([data])
        assert rel.props["level"] == ok and type(rel.props["level"]) is int
    else:
        problem = one_problem(validate_relationships, [data])
        assert problem.field == "level"
        assert problem.rule in ("must be between 1 and 3", "must be a whole number")


def test_unit_range_names_both_bounds() -> None:
    problem = one_problem(
        validate_relationships, [{"kind": "KNOWS", "from": "a", "to": "b", "strength": 1.5}]
    )
    assert (problem.field, problem.rule) == ("strength", "must be between 0 and 1")
    assert "KNOWS" in problem.item and "item 0" in problem.item


# -- nodes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("node_id", "rule"),
    [
        (None, "must be a non-empty string"),
        ("", "must be a non-empty string"),
        ("  ", "must be a non-empty string"),
        (7, "must be a non-empty string"),
        ("x" * (MAX_ID_LENGTH + 1), f"must be at most {MAX_ID_LENGTH} characters"),
    ],
)
def test_node_id_rules(node_id: Any, rule: str) -> None:
    problem = one_problem(validate_nodes, P, [{"id": node_id, "name": "A"}])
    assert (problem.field, problem.rule) == ("id", rule)
    assert problem.item.startswith("item 0")


def test_unknown_property_names_the_kind() -> None:
    problem = one_problem(validate_node, P, {"id": "p", "name": "A", "tier": "KEY"})
    assert problem == Problem("item 0 (id 'p')", "tier", "is not a property of PERSON")


def test_required_properties() -> None:
    assert one_problem(validate_node, P, {"id": "p"}) == Problem("item 0 (id 'p')", "name", "is required")
    assert one_problem(validate_node, P, {"id": "p", "name": None}) == Problem(
        "item 0 (id 'p')", "name", "is required"
    )
    problem = one_problem(validate_node, NodeKind.OPPORTUNITY, {"id": "o", "name": "Deal"})
    assert (problem.field, problem.rule) == ("stage", "is required")


def test_none_removes_an_optional_property_and_absent_leaves_it() -> None:
    node = validate_node(P, {"id": "p", "name": "A", "title": None, "kind": "PERSON"})
    assert dict(node.props) == {"name": "A", "title": None}


def test_an_id_twice_in_one_request() -> None:
    problem = one_problem(
        validate_nodes, P, [{"id": "p", "name": "A"}, {"id": "q", "name": "B"}, {"id": "p", "name": "C"}]
    )
    assert problem == Problem("item 2 (id 'p')", "id", "is given twice in one request (also item 0)")


def test_every_problem_of_every_item_is_collected_with_positions() -> None:
    problems = problems_of(
        validate_nodes,
        C,
        [company(), {"id": "c2", "tier": "X", "bogus": 1}, {"name": "No id"}],
        start=10,
    )
    assert [(p.item, p.field) for p in problems] == [
        ("item 11 (id 'c2')", "tier"),
        ("item 11 (id 'c2')", "bogus"),
        ("item 11 (id 'c2')", "name"),
        ("item 12", "id"),
    ]


def test_valid_nodes_keep_position_and_kind() -> None:
    out = validate_nodes(C, [company(), {"id": "c2", "name": "B"}], start=5)
    assert out == [
        NodeInput("c1", C, {"name": "Acme"}, 5),
        NodeInput("c2", C, {"name": "B"}, 6),
    ]


def test_every_kind_requires_a_name() -> None:
    for kind in NodeKind:
        assert NODE_PROPS[kind]["name"].required
        assert any(p.field == "name" for p in problems_of(validate_node, kind, {"id": "x"}))


# -- relationships --------------------------------------------------------------------------


def test_relationship_kind_and_ends() -> None:
    problems = problems_of(
        validate_relationships,
        [
            {"kind": "LIKES", "from": "a", "to": "b"},
            {"kind": "KNOWS", "from": "", "to": None},
            {"kind": "REPORTS_TO", "from": "a", "to": "a"},
        ],
    )
    assert [(p.item.split(" (")[0], p.field) for p in problems] == [
        ("item 0", "kind"),
        ("item 1", "from"),
        ("item 1", "to"),
        ("item 2", "to"),
    ]
    assert problems[0].rule.startswith("must be one of WORKS_AT, REPORTS_TO")
    assert problems[3].rule == "must differ from `from` (no self-relationship)"
    assert problems[0].item == "item 0 (LIKES 'a' -> 'b')"


def test_relationship_properties_must_apply_to_the_kind() -> None:
    problem = one_problem(
        validate_relationships, [{"kind": "REPORTS_TO", "from": "a", "to": "b", "strength": 1}]
    )
    assert (problem.field, problem.rule) == ("strength", "does not apply to REPORTS_TO")
    problem = one_problem(
        validate_relationships, [{"kind": "INFLUENCES", "from": "p", "to": "o", "stance": "LOVES"}]
    )
    assert problem.field == "stance" and problem.rule.startswith("must be one of CHAMPION")


def test_undirected_kinds_are_normalised_directed_are_not() -> None:
    out = validate_relationships(
        [
            {"kind": "KNOWS", "from": "zed", "to": "amy", "strength": 0.9},
            {"kind": K.COMPETES_WITH, "from": "y", "to": "x"},
            {"kind": "PARTNERS_WITH", "from": "b", "to": "a"},
            {"kind": "REPORTS_TO", "from": "zed", "to": "amy"},
        ],
        start=3,
    )
    assert out == [
        RelationshipInput(K.KNOWS, "amy", "zed", {"strength": 0.9}, 3),
        RelationshipInput(K.COMPETES_WITH, "x", "y", {}, 4),
        RelationshipInput(K.PARTNERS_WITH, "a", "b", {}, 5),
        RelationshipInput(K.REPORTS_TO, "zed", "amy", {}, 6),
    ]


def test_relationship_none_values_are_ignored_and_defaults_are_not_filled_here() -> None:
    (rel,) = validate_relationships([{"kind": "WORKS_AT", "from": "p", "to": "c", "title": None}])
    assert rel.props == {}
    assert REL_DEFAULTS[K.WORKS_AT] == {"current": True}
    assert REL_DEFAULTS[K.KNOWS] == {"strength": 0.5}


def test_relationship_keys() -> None:
    keys = validate_relationship_keys(
        [{"kind": "KNOWS", "from": "b", "to": "a"}, {"kind": "USES", "from": "c", "to": "p"}]
    )
    assert keys == [RelationshipKey(K.KNOWS, "a", "b"), RelationshipKey(K.USES, "c", "p")]
    problems = problems_of(
        validate_relationship_keys,
        [{"kind": "NOPE", "from": "a", "to": "b"}, {"kind": "KNOWS", "from": "a"}],
        start=1,
    )
    assert [(p.item.split(" (")[0], p.field) for p in problems] == [
        ("item 1", "kind/from/to"),
        ("item 2", "kind/from/to"),
    ]
    assert problems[1].rule == "must be a non-empty string"


# -- checks against the store ------------------------------------------------------------------


def test_kind_clash() -> None:
    inputs = validate_nodes(P, [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c", "name": "C"}])
    problems = check_kind_clash(inputs, {"a": P, "b": C})
    assert problems == [Problem("item 1 (id 'b')", "id", "already names a COMPANY, not a PERSON")]
    assert check_kind_clash(inputs, {}) == []


def test_endpoints_must_exist_and_be_of_the_right_kinds() -> None:
    rels = validate_relationships(
        [
            {"kind": "WORKS_AT", "from": "p", "to": "c"},
            {"kind": "WORKS_AT", "from": "c", "to": "p"},
            {"kind": "OFFERS", "from": "c", "to": "ghost"},
        ]
    )
    problems = check_endpoints(rels, {"p": P, "c": C})
    assert problems == [
        Problem("item 1 (WORKS_AT 'c' -> 'p')", "from", "'c' is a COMPANY; WORKS_AT needs a PERSON"),
        Problem("item 1 (WORKS_AT 'c' -> 'p')", "to", "'p' is a PERSON; WORKS_AT needs a COMPANY"),
        Problem("item 2 (OFFERS 'c' -> 'ghost')", "to", "no node has id 'ghost'"),
    ]


def test_merge_props() -> None:
    assert merge_props(None, {"title": "X"}, {"current": True}) == {"current": True, "title": "X"}
    assert merge_props(None, {"current": False}, {"current": True}) == {"current": False}
    current = {"current": False, "title": "Old", "since": "2020-01-01"}
    merged = merge_props(current, {"title": "New", "since": None, "until": None}, {"current": True})
    assert merged == {"current": False, "title": "New"}
    assert current["title"] == "Old"  # the input is not changed


# -- the error itself ---------------------------------------------------------------------------


def test_validation_error_message_and_code() -> None:
    many = [Problem(f"item {i}", "f", "r") for i in range(12)]
    err = ValidationError(many)
    assert str(err).startswith("item 0: f: r; item 1: f: r")
    assert str(err).endswith("(and 2 more)")
    assert err.code == "BAD_USER_INPUT"
    assert str(ValidationError.one("item 0", "name", "is required")) == "item 0: name: is required"
    with pytest.raises(ValueError):
        ValidationError([])


def test_a_name_is_at_most_1000_characters() -> None:
    # names are indexed for search; Neo4j's index refuses terms over 32 KB
    validate_nodes(NodeKind.COMPANY, [{"id": "c", "name": "x" * 1000}])
    with pytest.raises(ValidationError) as err:
        validate_nodes(NodeKind.COMPANY, [{"id": "c", "name": "x" * 1001}])
    assert str(err.value) == "item 0 (id 'c'): name: must be at most 1000 characters"


@pytest.mark.parametrize("bad", ["a\x00b", "tab\there", "line\n", "del\x7f"])
def test_ids_refuse_control_characters(bad: str) -> None:
    with pytest.raises(ValidationError) as err:
        validate_nodes(NodeKind.PERSON, [{"id": bad, "name": "P"}])
    assert err.value.problems[0].field == "id"
    assert err.value.problems[0].rule == "must not contain control characters"
    with pytest.raises(ValidationError) as err:
        validate_relationships([{"kind": "KNOWS", "from": "p", "to": bad}])
    assert err.value.problems[0].field == "to"
