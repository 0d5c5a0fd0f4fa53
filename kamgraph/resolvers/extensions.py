"""Schema extensions: how errors reach clients, and per-operation metrics.

Errors kamgraph raises on purpose (:class:`~kamgraph.errors.KamgraphError`)
reach the client with their message and ``extensions.code`` (and, for a
validation error, the ``problems``: item, field, rule); anything else is logged
with the request id and becomes ``Internal server error`` with code ``INTERNAL``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Iterator, Sequence
from typing import Any, TypeAlias, cast

import strawberry
from graphql import GraphQLError, GraphQLLeafType, GraphQLNonNull, GraphQLObjectType, GraphQLSyntaxError
from graphql.execution.collect_fields import GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path, Undefined
from graphql.type import is_leaf_type
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.execution import ExecutionContext

from kamgraph.errors import InvalidArgumentError, KamgraphError, StoreUnavailableError, ValidationError
from kamgraph.loaders import RequestContext

log = logging.getLogger("kamgraph.graphql")


def _request_id(execution_context: ExecutionContext | None) -> str | None:
    ctx = getattr(execution_context, "context", None)
    return ctx.request_id if isinstance(ctx, RequestContext) else None


def is_unexpected(error: GraphQLError) -> bool:
    """Whether an error is a fault of ours (not of the request, nor a known condition)."""
    original = error.original_error
    return original is not None and not isinstance(original, (KamgraphError, GraphQLError))


def format_error(error: GraphQLError, request_id: str | None) -> GraphQLError:
    """The error as a client sees it."""
    original = error.original_error
    extensions: dict[str, Any] = dict(error.extensions or {})
    message = error.message
    if original is None or isinstance(original, GraphQLError):
        if "code" not in extensions:
            failed = "PARSE" if isinstance(error, GraphQLSyntaxError) else "VALIDATION"
            extensions["code"] = f"GRAPHQL_{failed}_FAILED"
        return GraphQLError(message, error.nodes, error.source, error.positions, error.path, None, extensions)
    if isinstance(original, KamgraphError):
        extensions["code"] = original.code
        if isinstance(original, ValidationError):
            extensions["problems"] = [
                {"item": p.item, "field": p.field, "rule": p.rule} for p in original.problems
            ]
        elif isinstance(original, InvalidArgumentError):
            extensions["argument"] = original.argument
        elif isinstance(original, StoreUnavailableError):
            message = "The graph store is unavailable; try again later"
    else:
        message = "Internal server error"
        extensions = {"code": "INTERNAL"}
    if request_id is not None:
        extensions["requestId"] = request_id
    return GraphQLError(message, error.nodes, error.source, error.positions, error.path, None, extensions)


class ErrorFormatting(SchemaExtension):
    """Rewrites the errors of each result with :func:`format_error`."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is not None and errors:
            rid = _request_id(self.execution_context)
            result.errors = [format_error(e, rid) for e in errors]


class OperationMetrics(SchemaExtension):
    """Counts each operation by type and outcome, and times it."""

    def on_operation(self) -> Iterator[None]:
        start = time.perf_counter()
        yield
        ctx = self.execution_context.context
        metrics = ctx.metrics if isinstance(ctx, RequestContext) else None
        if metrics is None:
            return
        try:
            op = self.execution_context.operation_type.value
        except RuntimeError:
            op = "unknown"
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is None or (
            getattr(result, "data", None) is None and errors and not any(e.path for e in errors)
        ):
            outcome = "rejected"
        elif errors:
            outcome = "error"
        else:
            outcome = "ok"
        metrics.observe_graphql(op, outcome, time.perf_counter() - start)


#: the name strawberry gives the resolver of a field read straight off its object
_BASIC_RESOLVER = "_get_basic_result"


class LeafFastPath(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's execution, with a shortcut for the commonest field of all: a scalar or
    enum read straight off its object (``name``, ``title``, ``level`` ...).

    Such a field needs no resolve info (strawberry's basic resolver ignores it), no
    path, no arguments and no sub-selection: its value is read and coerced at once,
    and the object's other fields go the general way. Anything else (resolvers,
    arguments, objects, lists, a null where the schema says non-null, a value that
    fails to coerce, resolver middleware) takes the general path, which reports
    errors as usual.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._leaves: dict[tuple[str, str], _Leaf | None] = {}
        manager = self.middleware_manager
        self._fast = manager is None or not manager.middlewares

    def _leaf(self, parent_type: GraphQLObjectType, field_name: str) -> _Leaf | None:
        key = (parent_type.name, field_name)
        if key in self._leaves:
            return self._leaves[key]
        leaf: _Leaf | None = None
        field_def = self.schema.get_field(parent_type, field_name)
        resolve = None if field_def is None else field_def.resolve
        if field_def is not None and getattr(resolve, "__name__", None) == _BASIC_RESOLVER:
            return_type = field_def.type
            non_null = isinstance(return_type, GraphQLNonNull)
            inner = return_type.of_type if isinstance(return_type, GraphQLNonNull) else return_type
            if is_leaf_type(inner):
                leaf = (resolve, inner, non_null)
        self._leaves[key] = leaf
        return leaf

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        if not self._fast:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        done: dict[str, Any] = {}
        rest: GroupedFieldSet = {}
        for response_name, details in grouped_field_set.items():
            node = details[0].node
            leaf = None if node.arguments else self._leaf(parent_type, node.name.value)
            if leaf is not None:
                value = _leaf_value(leaf[0], source_value, leaf[1])
                if value is not Undefined and (value is not None or not leaf[2]):
                    done[response_name] = value
                    continue
            rest[response_name] = details
        if not rest:
            return done
        others = super().execute_fields(parent_type, source_value, path, rest, position_context)
        if not done:
            return others
        order = list(grouped_field_set)

        def merged(results: dict[str, Any]) -> dict[str, Any]:
            return {k: done[k] if k in done else results[k] for k in order if k in done or k in results}

        if self.is_awaitable(others):

            async def later() -> dict[str, Any]:
                return merged(await cast("Awaitable[dict[str, Any]]", others))

            return later()
        return merged(cast("dict[str, Any]", others))


#: a basic leaf field: its resolver, its scalar or enum type, and whether it is non-null
_Leaf: TypeAlias = tuple[Any, GraphQLLeafType, bool]


def _leaf_value(resolve: Any, source: Any, leaf: GraphQLLeafType) -> Any:
    """The coerced value of a basic leaf field (``Undefined``: let the general path decide)."""
    try:
        value = resolve(source, None)
        if value is None:
            return None
        coerced = leaf.coerce_output_value(value)
    except Exception:  # the general path raises it again, as a field error
        return Undefined
    return Undefined if coerced is None else coerced


class KamgraphSchema(strawberry.Schema):
    """A schema that logs only the errors that are faults of ours (with a traceback),
    and executes with :class:`LeafFastPath`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("execution_context_class", LeafFastPath)
        super().__init__(*args, **kwargs)

    def process_errors(
        self, errors: Sequence[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        rid = _request_id(execution_context)
        for error in errors:
            if is_unexpected(error):
                original = error.original_error
                assert original is not None
                log.error(
                    "request %s: unexpected error at %s: %s",
                    rid,
                    ".".join(str(p) for p in error.path or ()),
                    original,
                    exc_info=(type(original), original, original.__traceback__),
                )
            elif isinstance(error.original_error, StoreUnavailableError):
                log.warning("request %s: store unavailable: %s", rid, error.original_error)
