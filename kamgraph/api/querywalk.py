"""Every field a GraphQL operation selects, with its parent type and fan-out.

Used before execution by the access check (:mod:`kamgraph.api.auth.access`: which
fields of which types a request reaches) and the cost limit
(:mod:`kamgraph.api.limits`: how many nodes it may return). Fragments (named and
inline) are followed; ``__typename`` and introspection fields are skipped.

The fan-out of a field is how many items it may return per parent item: the
value of its ``first`` (or ``limit``) argument when it has one, read exactly as
graphql-core coerces it for execution (a literal, a variable — ``500.0`` is the
Int 500 — or the argument's default), else ``list_factor`` for a list field
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
    NamedTypeNode,
    NonNullTypeNode,
    SelectionSetNode,
    TypeNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    get_variable_values,
    is_list_type,
)
from graphql.execution.values import VariableValues
from graphql.pyutils import Undefined
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
    outer: int = 1  # the product of the fan-outs above the field
    node: FieldNode | None = None  # where the document selects it


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def fan_out(
    field: GraphQLField,
    name: str,
    node: FieldNode,
    variables: VariableValues | None,
    list_factor: int,
) -> tuple[int, bool]:
    """(fan-out, whether the field returns many items) of one selected field."""
    for arg_name in COUNT_ARGUMENTS:
        arg = field.args.get(arg_name)
        if arg is None:
            continue
        value: Any = _default(arg)
        for given in node.arguments or ():
            if given.name.value != arg_name:
                continue
            if isinstance(given.value, IntValueNode):
                value = int(given.value.value)
            elif isinstance(given.value, VariableNode):
                # as execution coerces it (500.0 is 500; an absent variable: the argument's default)
                coerced = variables.coerced if variables is not None else {}
                value = coerced.get(given.value.name.value, _default(arg))
        count = _count(value)
        return (max(count if count is not None else list_factor, 0), True)
    if is_list_type(get_nullable_type(field.type)):
        return (1, False) if name == "edges" else (list_factor, True)
    return (1, False)


def _default(arg: GraphQLArgument) -> Any:
    """An argument's default (of a schema built from SDL too, where it is in the AST)."""
    if arg.default_value is not Undefined:
        return arg.default_value
    if arg.ast_node is not None and isinstance(arg.ast_node.default_value, IntValueNode):
        return int(arg.ast_node.default_value.value)
    return None


def _is_int(type_node: TypeNode) -> bool:
    inner = type_node.type if isinstance(type_node, NonNullTypeNode) else type_node
    return isinstance(inner, NamedTypeNode) and inner.name.value == "Int"


def coerce_variables(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    inputs: Mapping[str, Any] | None,
) -> VariableValues | None:
    """The operation's ``Int`` variables (what counts use) as graphql-core coerces them for
    execution (``None``: they do not coerce, and execution will refuse them). Other
    variables — mutation inputs of thousands of items — are left to execution."""
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return None
    ints = [d for d in operation.variable_definitions or () if _is_int(d.type)]
    found = get_variable_values(schema, ints, dict(inputs or {}))
    return found if isinstance(found, VariableValues) else None


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
    coerced = coerce_variables(schema, document, operation_name, variables)
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
                own, many = fan_out(field, name, sel, coerced, list_factor)
                total = mult * own
                yield Selected(parent.name, name, field, own, total, many, mult, sel)
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


def cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None = None,
    variables: Mapping[str, Any] | None = None,
    *,
    list_factor: int = 10,
    field_costs: Mapping[tuple[str, str], int] | None = None,
) -> int:
    """How many nodes the operation may return: for every list or connection it
    selects, the product of the fan-outs down to it, summed (GitHub's node limit);
    a field named in ``field_costs`` (``(type, field)``: an analysis, say) adds its
    own cost times the product of the fan-outs above it.

    >>> from graphql import build_schema, parse
    >>> s = build_schema('''type Q { a(first: Int = 50): [T] } type T { b(first: Int = 5): [T] c: [T] }
    ...                     schema { query: Q }''')
    >>> cost(s, parse("{ a(first: 100) { b { c { __typename } } } }"))
    5600
    >>> cost(s, parse("{ a(first: 2) { __typename } }"), field_costs={("Q", "a"): 1000})
    1002
    """
    extra = field_costs or {}
    total = 0
    for s in walk(schema, document, operation_name, variables, list_factor=list_factor):
        if s.many:
            total += s.multiplier
        own = extra.get((s.parent, s.name))
        if own:
            total += own * s.outer
    return total
