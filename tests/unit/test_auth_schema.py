"""The role table names real fields of the served schema, and the cost function counts right."""

from __future__ import annotations

from graphql import parse

from kamgraph.api.auth.roles import REQUIREMENTS
from kamgraph.api.privacy import PERSONAL_PROPERTIES
from kamgraph.api.querywalk import cost
from kamgraph.api.resolvers import build_schema


def test_every_requirement_names_a_served_field() -> None:
    schema = build_schema()._schema
    for type_name, field_name in REQUIREMENTS:
        t = schema.type_map.get(type_name)
        if t is None:  # an analysis type not served yet
            continue
        assert field_name in t.fields, f"{type_name}.{field_name}"  # type: ignore[attr-defined]


def test_every_personal_property_of_a_person_is_guarded() -> None:
    assert {f for t, f in REQUIREMENTS if t == "Person"} >= PERSONAL_PROPERTIES
    assert {"email", "phone", "location", "notes"} == PERSONAL_PROPERTIES


def test_cost_of_nested_connections_and_lists() -> None:
    schema = build_schema()._schema
    doc = parse(
        "{ companies(first: 10) { edges { node { people(first: 20) "
        "{ edges { node { reports { id } } } } } } } }"
    )
    assert cost(schema, doc) == 10 + 10 * 20 + 10 * 20 * 10
    assert cost(schema, parse("{ companies { totalCount } }")) == 50  # the default first
    frag = parse('{ ...Q } fragment Q on Query { people(first: 3) { totalCount } search(text: "a") { id } }')
    assert cost(schema, frag) == 3 + 20
