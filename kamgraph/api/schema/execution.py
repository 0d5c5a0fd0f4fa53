"""GraphQL execution with a short path for the fields of a read that need no general work.

graphql-core completes every field of every object the same general way: a
resolve info, a path, argument parsing, the resolver behind strawberry's wrapper,
then ``complete_value``'s dispatch on the field's type. A page of 500 people, each
with a manager, is thousands of such steps, about 40% of the CPU of such a read
(docs/performance.md). :class:`FastExecution` plans each selection set once per
request and then, for each object, short-cuts two kinds of field:

- a **scalar or enum** read straight off the object (``id``, ``name``, ``title``):
  a ``str``, ``bool`` or enum member is output as it is, anything else coerced;
- an **object or list of objects** read straight off the object (``edges``,
  ``node``) or given by a resolver whose field's metadata carries
  :data:`CONTEXT_ONLY` (``manager``, ``company``: they read ``info.context`` only, so
  one ``info`` per field and selection serves every object), when its value is an
  object of the type's class or a list of such: completed by the same planned path.

Everything else takes graphql-core's general path, field by field, and completes
as it always does: fields with arguments or directives, interfaces, unions,
``__typename``, deferred fragments, resolver middleware, and any value the short
path does not expect (an awaitable, a null where the schema says non-null, an
object of another class, an error). So the answers, errors and error paths are
those of graphql-core (``tests/unit/test_fast_execution.py`` compares them).

It overrides ``execute_fields`` of graphql-core's ``ExecutionContext``, which
graphql-core does not promise to keep: graphql-core is pinned in pyproject.toml,
and ``build_schema(fast_execution=False)`` runs without it.
"""

from __future__ import annotations

import asyncio
import enum
import inspect
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLField,
    GraphQLID,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLString,
)
from graphql.pyutils import AwaitableOrValue, Path, Undefined, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.field import StrawberryField

#: field metadata: the field's resolver is synchronous, takes ``(root, info)`` and reads
#: nothing of ``info`` but its ``context`` (see :mod:`kamgraph.api.schema.relations`)
CONTEXT_ONLY = "kamgraph.context-only"

#: the key under which strawberry keeps a GraphQL type's or field's definition in its extensions
DEFINITION_BACKREF = "strawberry-definition"

_GENERAL, _LEAF, _OBJECT = 0, 1, 2


@dataclass(slots=True, eq=False)
class _Step:
    """How to complete one field of a planned selection set."""

    name: str
    details: Any  # graphql-core's field details list
    kind: int = _GENERAL
    field_def: GraphQLField | None = None
    non_null: bool = False
    attr: str | None = None  # the attribute a field without resolver reads
    info: Any = None  # graphql-core's resolve info of a resolver, made on first use
    leaf: GraphQLLeafType | None = None
    plain: type | None = None  # the class a leaf outputs as it is (str for String and ID)
    names: dict[Any, Any] | None = None  # an enum's output by member
    is_list: bool = False
    object_type: GraphQLObjectType | None = None
    origin: type | None = None  # the class of the objects the short path completes
    sub: list[_Step] | None = None  # the plan of their selection (made on first use)


def _plain_output(leaf: GraphQLLeafType) -> tuple[type | None, dict[Any, Any] | None]:
    if leaf is GraphQLString or leaf is GraphQLID:
        return str, None
    if leaf is GraphQLBoolean:
        return bool, None
    wrapped = getattr(leaf, "wrapped_cls", None)
    if isinstance(leaf, GraphQLEnumType) and isinstance(wrapped, type) and issubclass(wrapped, enum.Enum):
        return None, {member: leaf.serialize(member) for member in wrapped}
    return None, None


class FastExecution(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's execution with the short path of the module docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fast = not (self.middleware_manager and self.middleware_manager.middlewares)
        self._plans: dict[int, tuple[Any, list[_Step]]] = {}  # by id of the grouped field set

    def _plan(self, parent_type: GraphQLObjectType, fields: Any) -> list[_Step]:
        hit = self._plans.get(id(fields))
        if hit is None or hit[0] is not fields:
            hit = self._plans[id(fields)] = (
                fields,
                [self._step(parent_type, n, d) for n, d in fields.items()],
            )
        return hit[1]

    def _step(self, parent_type: GraphQLObjectType, name: str, details: Any) -> _Step:
        general = _Step(name, details)
        if any(d.node.arguments or d.node.directives or d.defer_usage is not None for d in details):
            return general
        field_def = self.schema.get_field(parent_type, details[0].node.name.value)
        sfield = field_def and (field_def.extensions or {}).get(DEFINITION_BACKREF)
        if field_def is None or field_def.args or not isinstance(sfield, StrawberryField):
            return general
        step = _Step(name, details, field_def=field_def)
        if sfield.is_basic_field and sfield.default_resolver is getattr:
            step.attr = sfield.python_name
        elif not sfield.metadata.get(CONTEXT_ONLY):
            return general
        inner = field_def.type
        if isinstance(inner, GraphQLNonNull):
            step.non_null, inner = True, inner.of_type
        if isinstance(inner, (GraphQLScalarType, GraphQLEnumType)):
            if step.attr is None:
                return general
            step.kind, step.leaf = _LEAF, inner
            step.plain, step.names = _plain_output(inner)
            return step
        if isinstance(inner, GraphQLList):
            step.is_list, inner = True, inner.of_type
            inner = inner.of_type if isinstance(inner, GraphQLNonNull) else inner
        if not isinstance(inner, GraphQLObjectType):
            return general  # interfaces, unions, lists of scalars or of lists
        origin = getattr((inner.extensions or {}).get(DEFINITION_BACKREF), "origin", None)
        if not isinstance(origin, type):
            return general
        step.kind, step.object_type, step.origin = _OBJECT, inner, origin
        return step

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: Any,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        if not self._fast or position_context is not None:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        return self._run(parent_type, source_value, path, self._plan(parent_type, grouped_field_set))

    def _run(
        self, parent_type: GraphQLObjectType, source: Any, path: Path | None, plan: list[_Step]
    ) -> AwaitableOrValue[dict[str, Any]]:
        """graphql-core's ``execute_fields`` over a planned selection."""
        results: dict[str, Any] = {}
        pending: list[str] = []
        try:
            for step in plan:
                result: Any = Undefined
                if step.kind == _LEAF:
                    result = self._leaf(step, source)
                elif step.kind == _OBJECT:
                    result = self._object(parent_type, source, path, step)
                if result is Undefined:
                    result = self._general(parent_type, source, path, step)
                    if result is Undefined:
                        continue
                results[step.name] = result
                if result is not None and type(result) not in (dict, list) and self.is_awaitable(result):
                    pending.append(step.name)
        except BaseException as stop:
            if pending:
                self._abandon([results[name] for name in pending], stop)
            raise
        if not pending:
            return results
        return self._gather(results, pending)

    @staticmethod
    async def _gather(results: Any, pending: list[Any]) -> Any:
        done = await gather_with_cancel(*(results[key] for key in pending))
        for key, value in zip(pending, done, strict=True):
            results[key] = value
        return results

    def _general(self, parent_type: GraphQLObjectType, source: Any, path: Path | None, step: _Step) -> Any:
        return self.execute_field(
            parent_type, source, step.details, Path(path, step.name, parent_type.name), None
        )

    @staticmethod
    def _leaf(step: _Step, source: Any) -> Any:
        """The output of a leaf field; ``Undefined``: let the general path decide."""
        value = getattr(source, step.attr or "", Undefined)
        if type(value) is step.plain:
            return value
        if step.names is not None and value in step.names:
            return step.names[value]
        if value is None or value is Undefined:
            return None if value is None and not step.non_null else Undefined
        try:
            coerced = step.leaf.serialize(value) if step.leaf is not None else None
        except Exception:  # the general path raises it again, as a field error
            return Undefined
        return Undefined if coerced is None else coerced

    def _object(self, parent_type: GraphQLObjectType, source: Any, path: Path | None, step: _Step) -> Any:
        """An object-valued field: resolved, then completed by the short path when its value is
        as expected; otherwise (and on any error) as graphql-core's ``execute_field`` would."""
        field_def = step.field_def
        assert field_def is not None and step.object_type is not None
        field_path = Path(path, step.name, parent_type.name)
        try:
            if step.attr is not None:
                value = getattr(source, step.attr)
            else:
                assert field_def.resolve is not None
                if step.info is None:
                    nodes = [d.node for d in step.details]
                    step.info = self.build_resolve_info(field_def, nodes, parent_type, field_path)
                value = field_def.resolve(source, step.info)
            if value is None and not step.non_null:
                return None
            items = (value if type(value) is list else None) if step.is_list else [value]
            if items is None or any(type(item) is not step.origin for item in items):
                return self._complete(parent_type, field_path, step, value)
            if step.sub is None:
                grouped, defers, *_ = self.collect_subfields(step.object_type, step.details)
                if defers:
                    step.kind = _GENERAL
                    return self._complete(parent_type, field_path, step, value)
                step.sub = self._plan(step.object_type, grouped)
            if not step.is_list:
                return self._guard(self._run(step.object_type, value, field_path, step.sub), step, field_path)
            return self._list(step, items, field_path)
        except Exception as error:
            self.handle_field_error(error, field_def.type, step.details, field_path)
            return None

    def _list(self, step: _Step, items: list[Any], field_path: Path) -> Any:
        """A list of objects of the step's class, as graphql-core completes it."""
        assert step.object_type is not None and step.sub is not None
        out: list[Any] = []
        pending: list[int] = []
        try:
            for index, item in enumerate(items):
                item_path = Path(field_path, index, None)
                try:
                    completed: Any = self._run(step.object_type, item, item_path, step.sub)
                except Exception as error:
                    self.handle_field_error(error, self._item_type(step), step.details, item_path)
                    completed = None
                if type(completed) is not dict and completed is not None:
                    completed = self._guard(completed, step, item_path, self._item_type(step))
                    pending.append(index)
                out.append(completed)
        except BaseException as stop:
            if pending:
                self._abandon([out[i] for i in pending], stop)
            raise
        return self._gather(out, pending) if pending else out

    def _abandon(self, awaitables: list[Any], stop: BaseException) -> None:
        """Started completions left behind by ``stop``: settled in the background after a
        field error (graphql-core's way); closed unrun when the whole request stops (a
        ``BaseException`` such as the request budget's), so none is left never awaited."""
        if isinstance(stop, Exception):
            self.settle_in_background(awaitables)
            return
        for pending in awaitables:
            if inspect.iscoroutine(pending):
                pending.close()
            elif isinstance(pending, asyncio.Future):
                pending.cancel()

    @staticmethod
    def _item_type(step: _Step) -> GraphQLOutputType:
        assert step.field_def is not None
        list_type = step.field_def.type
        list_type = list_type.of_type if isinstance(list_type, GraphQLNonNull) else list_type
        assert isinstance(list_type, GraphQLList)
        return list_type.of_type  # type: ignore[no-any-return]

    def _guard(
        self, completed: Any, step: _Step, path: Path, return_type: GraphQLOutputType | None = None
    ) -> Any:
        """An awaited completion whose error is reported at ``path`` as graphql-core would."""
        if type(completed) is dict:
            return completed
        assert step.field_def is not None
        field_type = return_type or step.field_def.type

        async def awaited(completed: Awaitable[Any]) -> Any:
            try:
                return await completed
            except Exception as error:
                self.handle_field_error(error, field_type, step.details, path)
                return None

        return awaited(completed)

    def _complete(self, parent_type: GraphQLObjectType, field_path: Path, step: _Step, value: Any) -> Any:
        """What graphql-core's ``execute_field`` does with a resolved ``value``."""
        assert step.field_def is not None
        nodes = [d.node for d in step.details]
        info = self.build_resolve_info(step.field_def, nodes, parent_type, field_path)
        field_type = step.field_def.type
        try:
            if self.is_awaitable(value):
                return self.complete_awaitable_value(field_type, step.details, info, field_path, value, None)
            completed = self.complete_value(field_type, step.details, info, field_path, value, None)
        except Exception as error:
            self.handle_field_error(error, field_type, step.details, field_path)
            return None
        return self._guard(completed, step, field_path) if self.is_awaitable(completed) else completed
