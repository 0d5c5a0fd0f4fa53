"""A mutation document with several fields: each committed field's answer is returned.

Each mutation field is one store call, one transaction. GraphQL runs a
document's mutation fields one after the other; when one fails, its non-null
type would make the whole ``data`` null — over the writes of the fields before
it, which *were* committed. :class:`MutationFieldsApart` runs such a document
field by field instead and puts the answers together: ``data`` holds what each
committed field returned, ``null`` at a field that failed (its error has that
path), and the errors of all. A document of one field runs as usual.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    execute,
)
from graphql.pyutils import is_awaitable
from graphql.utilities import get_operation_ast
from strawberry.extensions import SchemaExtension


class MutationFieldsApart(SchemaExtension):
    """Runs a mutation document of several fields field by field (see the module docstring)."""

    async def on_execute(self) -> AsyncIterator[None]:
        ec = self.execution_context
        document = ec.graphql_document
        if ec.result is None and document is not None:
            operation = get_operation_ast(document, ec.operation_name)
            if (
                operation is not None
                and operation.operation is OperationType.MUTATION
                and len(operation.selection_set.selections) > 1
            ):
                ec.result = await self._field_by_field(document, operation)
        yield

    async def _field_by_field(
        self, document: DocumentNode, operation: OperationDefinitionNode
    ) -> ExecutionResult:
        ec = self.execution_context
        schema = ec.schema
        others = tuple(d for d in document.definitions if not isinstance(d, OperationDefinitionNode))
        data: dict[str, Any] = {}
        errors: list[GraphQLError] = []
        for selection in operation.selection_set.selections:
            one = OperationDefinitionNode(
                operation=operation.operation,
                name=operation.name,
                variable_definitions=operation.variable_definitions,
                directives=operation.directives,
                selection_set=SelectionSetNode(selections=(selection,)),
            )
            result: Any = execute(
                schema._schema,
                DocumentNode(definitions=(one, *others)),
                root_value=ec.root_value,
                context_value=ec.context,
                variable_values=ec.variables,
                operation_name=ec.operation_name,
                executor_class=getattr(schema, "execution_context_class", None),
                operation_extensions=None,
            )
            if is_awaitable(result):
                result = await result
            if result.data is not None:
                data.update(result.data)
            elif isinstance(selection, FieldNode):
                data[(selection.alias or selection.name).value] = None
            errors.extend(result.errors or ())
        return ExecutionResult(data=data, errors=errors or None)
