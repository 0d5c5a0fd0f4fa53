"""Schema extensions: how errors reach clients, and per-operation metrics.

Errors kamgraph raises on purpose (:class:`~kamgraph.domain.errors.KamgraphError`)
reach the client with their message and ``extensions.code`` (and, for a
validation error, the ``problems``: item, field, rule); anything else is logged
with the request id and becomes ``Internal server error`` with code ``INTERNAL``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from typing import Any

import strawberry
from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import SchemaExtension
from strawberry.types.execution import ExecutionContext

from kamgraph.api.loaders import RequestContext
from kamgraph.api.schema.execution import FastExecution
from kamgraph.domain.errors import InvalidArgumentError, KamgraphError, StoreUnavailableError, ValidationError

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


class KamgraphSchema(strawberry.Schema):
    """A schema that logs only the errors that are faults of ours (with a traceback),
    and executes with :class:`~kamgraph.api.schema.execution.FastExecution` unless
    ``fast_execution`` is false."""

    def __init__(self, *args: Any, fast_execution: bool = True, **kwargs: Any) -> None:
        if fast_execution:
            kwargs.setdefault("execution_context_class", FastExecution)
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
