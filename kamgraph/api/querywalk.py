"""Every field a GraphQL operation selects, with its parent type and fan-out.

Used before execution by the access check (:mod:`kamgraph.api.auth.access`: which
fields of which types a request reaches) and the cost limit
(:mod:`kamgraph.api.limits`: how many nodes it may return). Fragments (named and
inline) are followed; ``__typename`` and introspection fields are skipped.

The fan-out of a field is how many items it may return per parent item: the
value of its ``first`` (or ``limit``) argument when it has one (given, from a
variable, or the argument's default), else ``list_factor`` for a list field
(``edges`` excepted: a connection's edges are already counted by its
``first``), else 1. ``Selected.multiplier`` is the product of the fan-outs from
the root down to and including the field.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLArgument,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
)
from graphql.utilities import get_operation_ast

#: arguments that bound how many items a field returns
COUNT_ARGUMENTS = ("first", "limit")


class TooComplexError(Exception):
    """The walk went past its step budget (e.g. fragments spread into each other many times)."""


@dataclass(frozen=True, slots=True)
class Selected:
    parent: str
    name: str
    field: GraphQLField
    fan_out: int
    multiplier: int
    many: bool  # returns a list or a connection


def _int_value(node: Any, variables: Mapping[str, Any], defaults: Mapping[str, Any]) -> int | None:
    if isinstance(node, IntValueNode):
        return int(node.value)
    if isinstance(node, VariableNode):
        name = node.name.value
        value = variables.get(name, defaults.get(name))
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    return None


def _default_int(arg: GraphQLArgument) -> int | None:
    if isinstance(arg.default_value, int) and not isinstance(arg.default_value, bool):
        return arg.default_value
    if arg.ast_node is not None and isinstance(arg.ast_node.default_value, IntValueNode):
        return int(arg.ast_node.default_value.value)
    return None


def fan_out(
    field: GraphQLField,
    name: str,
    node: FieldNode,
    variables: Mapping[str, Any],
    defaults: Mapping[str, Any],
    list_factor: int,
) -> tuple[int, bool]:
    """(fan-out, whether the field returns many items) of one selected field."""
    for arg_name in COUNT_ARGUMENTS:
        arg = field.args.get(arg_name)
        if arg is None:
            continue
        value: int | None = None
        for given in node.arguments or ():
            if given.name.value == arg_name:
                value = _int_value(given.value, variables, defaults)
        if value is None:
            value = _default_int(arg)
        return (max(value if value is not None else list_factor, 0), True)
    if is_list_type(get_nullable_type(field.type)):
        return (1, False) if name == "edges" else (list_factor, True)
    return (1, False)


def walk(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None = None,
    variables: Mapping[str, Any] | None = None,
    *,
    list_factor: int = 10,
    max_steps: int = 200_000,
) -> Iterator[Selected]:
    """The fields the operation selects (depth first); ``TooComplexError`` past ``max_steps``."""
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return
    root = schema.get_root_type(operation.operation)
    if root is None:
        return
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    defaults = _variable_defaults(operation)
    vars_ = dict(variables or {})
    steps = 0

    def visit(
        selection_set: SelectionSetNode, parent: GraphQLNamedType, mult: int, active: frozenset[str]
    ) -> Iterator[Selected]:
        nonlocal steps
        for sel in selection_set.selections:
            steps += 1
            if steps > max_steps:
                raise TooComplexError(f"more than {max_steps} selections")
            if isinstance(sel, FieldNode):
                name = sel.name.value
                if name.startswith("__") or not isinstance(parent, (GraphQLObjectType, GraphQLInterfaceType)):
                    continue
                field = parent.fields.get(name)
                if field is None:
                    continue
                own, many = fan_out(field, name, sel, vars_, defaults, list_factor)
                total = mult * own
                yield Selected(parent.name, name, field, own, total, many)
                if sel.selection_set is not None:
                    yield from visit(sel.selection_set, get_named_type(field.type), total, active)
            elif isinstance(sel, InlineFragmentNode):
                target = parent
                if sel.type_condition is not None:
                    target = schema.get_type(sel.type_condition.name.value) or parent
                yield from visit(sel.selection_set, target, mult, active)
            elif isinstance(sel, FragmentSpreadNode):
                frag_name = sel.name.value
                frag = fragments.get(frag_name)
                if frag is None or frag_name in active:
                    continue
                target = schema.get_type(frag.type_condition.name.value) or parent
                yield from visit(frag.selection_set, target, mult, active | {frag_name})

    yield from visit(operation.selection_set, root, 1, frozenset())


def _variable_defaults(operation: OperationDefinitionNode) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for d in operation.variable_definitions or ():
        if isinstance(d.default_value, IntValueNode):
            out[d.variable.name.value] = int(d.default_value.value)
    return out


def cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None = None,
    variables: Mapping[str, Any] | None = None,
    *,
    list_factor: int = 10,
) -> int:
    """How many nodes the operation may return: for every list or connection it
    selects, the product of the fan-outs down to it, summed (GitHub's node limit).

    >>> from graphql import build_schema, parse
    >>> s = build_schema('''type Q { a(first: Int = 50): [T] } type T { b(first: Int = 5): [T] c: [T] }
    ...                     schema { query: Q }''')
    >>> cost(s, parse("{ a(first: 100) { b { c { __typename } } } }"))
    5600
    """
    return sum(
        s.multiplier
        for s in walk(schema, document, operation_name, variables, list_factor=list_factor)
        if s.many
    )
