"""The role table names real fields of the served schema, and the cost function counts right."""

from __future__ import annotations

from graphql import parse

from kamgraph.api.auth.roles import PERSONAL_FIELDS, REQUIREMENTS, SHOWN_AS, Role
from kamgraph.api.privacy import PERSONAL_PROPERTIES
from kamgraph.api.querywalk import cost
from kamgraph.api.resolvers import build_schema
from kamgraph.domain.model import NODE_PROPS, REL_SPECS, NodeKind, RelationshipKind


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


def test_the_personal_fields_are_what_the_domain_table_marks_personal() -> None:
    person, knows = NODE_PROPS[NodeKind.PERSON], REL_SPECS[RelationshipKind.KNOWS]
    assert {f for t, f in PERSONAL_FIELDS if t == "Person" and f in person} == {
        name for name, spec in person.items() if spec.personal
    }
    assert {f for t, f in PERSONAL_FIELDS if t == "Acquaintance"} == {
        name for name, spec in knows.props.items() if spec.personal
    }
    shown = {f for f, (kind, prop) in SHOWN_AS.items() if f in PERSONAL_FIELDS}
    assert shown == {
        ("Person", "interests"),
        ("Interest", "people"),
        ("Icebreaker", "interests"),
        ("StaleTie", "strength"),
        ("StaleTie", "lastContact"),
        ("PathStep", "strength"),
        ("PathStep", "via"),
    }
    assert REL_SPECS[RelationshipKind.INTERESTED_IN].personal
    assert all(REQUIREMENTS[f] is Role.ANALYST for f in PERSONAL_FIELDS)


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
