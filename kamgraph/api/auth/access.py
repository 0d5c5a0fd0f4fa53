"""Role checks on the GraphQL document, before anything executes.

:class:`AccessControl` walks the operation (:func:`kamgraph.api.querywalk.walk`)
and looks up the least role of every selected field
(:func:`kamgraph.api.auth.roles.required_role`). If the request's role falls short
anywhere, the whole request is refused — nothing runs, nothing is written — with
one error per field, ``extensions.code`` ``FORBIDDEN`` and the role needed, and
HTTP 403. A viewer who asks for ``email`` gets no partial answer with holes: the
request says what to leave out.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    ExecutionResult,
    FieldNode,
    GraphQLError,
    NullValueNode,
    ObjectValueNode,
    ValueNode,
    VariableNode,
)
from strawberry.extensions import SchemaExtension

from kamgraph.api.auth.middleware import principal_of, set_status
from kamgraph.api.auth.roles import PERSONAL_ARGUMENTS, Principal, required_role
from kamgraph.api.querywalk import TooComplexError, walk


def forbidden(principal: Principal, refused: list[tuple[str, str, str]]) -> list[GraphQLError]:
    return [
        GraphQLError(
            f"{parent}.{name} needs the {needed} role (this key has {principal.role.label})",
            extensions={"code": "FORBIDDEN", "field": f"{parent}.{name}", "requiredRole": needed},
        )
        for parent, name, needed in refused
    ]


def _given(value: ValueNode | None, path: list[str], variables: Mapping[str, Any]) -> bool:
    if value is None or isinstance(value, NullValueNode):
        return False
    if isinstance(value, VariableNode):
        raw: Any = variables.get(value.name.value)
        for key in path:
            raw = raw.get(key) if isinstance(raw, dict) else None
        return raw is not None
    if not path:
        return True
    if isinstance(value, ObjectValueNode):
        for f in value.fields:
            if f.name.value == path[0]:
                return _given(f.value, path[1:], variables)
    return False


def argument_given(node: FieldNode, path: str, variables: Mapping[str, Any]) -> bool:
    """Whether the field ``node`` is given a non-null value at ``path`` (``filter.interestId``:
    the ``interestId`` of its ``filter`` argument), literally or by a variable.

    >>> from graphql import parse
    >>> f = parse('query($f: PersonFilter) { a: people(filter: $f) { totalCount } }').definitions[0]
    >>> node = f.selection_set.selections[0]
    >>> argument_given(node, "filter.interestId", {"f": {"interestId": "chess"}})
    True
    >>> argument_given(node, "filter.interestId", {"f": {"companyId": "acme"}})
    False
    """
    first, *rest = path.split(".")
    for arg in node.arguments or ():
        if arg.name.value == first:
            return _given(arg.value, rest, variables)
    return False


class AccessControl(SchemaExtension):
    """Refuses a request that selects a field its role may not see (see module doc)."""

    def on_execute(self) -> Iterator[None]:
        ec = self.execution_context
        request = getattr(ec.context, "request", None)
        principal = principal_of(request)
        errors: list[GraphQLError] = []
        if principal is None:
            errors = [GraphQLError("Not authenticated", extensions={"code": "UNAUTHENTICATED"})]
            set_status(request, 401)
        elif ec.graphql_document is not None:
            refused: dict[tuple[str, str], str] = {}
            try:
                for s in walk(ec.schema._schema, ec.graphql_document, ec.operation_name, ec.variables):
                    needed = required_role(s.parent, s.name)
                    if not principal.may(needed):
                        refused[(s.parent, s.name)] = needed.label
                    for (parent, name, path), role in PERSONAL_ARGUMENTS.items():
                        if (
                            (parent, name) == (s.parent, s.name)
                            and not principal.may(role)
                            and s.node is not None
                            and argument_given(s.node, path, ec.variables or {})
                        ):
                            refused[(s.parent, f"{s.name}({path})")] = role.label
            except TooComplexError as exc:
                errors = [
                    GraphQLError(f"The query is too complex: {exc}", extensions={"code": "QUERY_TOO_COMPLEX"})
                ]
            if refused:
                errors = forbidden(principal, [(p, n, r) for (p, n), r in refused.items()])
                set_status(request, 403)
        if errors:
            ec.result = ExecutionResult(data=None, errors=errors)
        yield
