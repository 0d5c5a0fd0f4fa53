"""GraphQL execution with a short path for the common fields of a read.

graphql-core completes every field of every object the same general way: a
resolve info, a path, argument parsing, the resolver behind strawberry's
wrapper, then ``complete_value``'s dispatch on the field's type. A list of 500
people, each with a manager, is thousands of such steps. :class:`FastExecution`
plans each selection set once per request (per object type and selection) and
then, for each object, takes a short path for the fields that allow it:

- a **scalar or enum** read straight off the object (``id``, ``name``,
  ``title`` ...): read and coerced at once;
- an **object or list of objects** read straight off the object (``edges``,
  ``node``, ``person`` ...) or given by a resolver marked
  :func:`kamgraph.api.schema.eager.resolver` (``manager``, ``company`` ...), when
  its value is already there: each object of the concrete type the schema
  names is completed by the same planned path, recursively.

Everything else takes graphql-core's general path, field by field: resolvers
with arguments or of other kinds, interfaces and unions, ``__typename``,
directives on the field, incremental delivery, resolver middleware, and every
value the short path does not expect (an awaitable, a null where the schema
says non-null, an object of another class, a value that fails to coerce, an
error). The general path then completes that value as it always does, so the
answers, errors and their paths are the same as without the short path; what
the short path saves is the per-field bookkeeping that a correct value does not
need.

A marked resolver is called with an ``info`` built once per field and
selection for the whole request (its path is that of the first object): it
may use ``info.context`` only.
"""

from __future__ import annotations

import enum
import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, cast

import strawberry
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
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path, Undefined, gather_with_cancel
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.field import StrawberryField

#: graphql-core keeps the strawberry field of a GraphQL field under this key
_BACKREF = "strawberry-definition"
#: how a resolver is marked for the short path (see :func:`kamgraph.api.schema.eager.resolver`)
EAGER_MARK = "__kamgraph_eager__"

_GENERAL, _LEAF, _OBJECT = 0, 1, 2


@dataclass(slots=True, eq=False)
class _Step:
    """How to complete one field of a planned selection set."""

    name: str
    details: FieldDetailsList
    kind: int = _GENERAL
    field_def: GraphQLField | None = None
    #: the field's type, and the type of its items when it is a list
    field_type: GraphQLOutputType | None = None
    item_type: GraphQLOutputType | None = None
    non_null: bool = False
    #: the attribute a basic field reads
    attr: str = ""
    #: a marked resolver, called as ``resolver(source, info)``
    resolver: Callable[[Any, Any], Any] | None = None
    strawberry_field: StrawberryField | None = None
    info: Any = None  # the strawberry Info handed to ``resolver`` (made on first use)
    leaf: GraphQLLeafType | None = None
    #: the class whose values a leaf type outputs as they are (``str`` for String and ID,
    #: ``bool`` for Boolean); an enum's Python class and the output of each member
    plain: type | None = None
    enum_cls: type | None = None
    names: dict[Any, str] = field(default_factory=dict)
    is_list: bool = False
    object_type: GraphQLObjectType | None = None
    #: the class of the objects the short path completes (others take the general path)
    origin: type | None = None
    #: the plan of the selection of its objects (made on first use)
    sub: list[_Step] | None = None


def _unwrap(t: GraphQLOutputType) -> tuple[bool, GraphQLOutputType]:
    if isinstance(t, GraphQLNonNull):
        return True, t.of_type
    return False, t


def _marked(sfield: StrawberryField) -> Callable[[Any, Any], Any] | None:
    """``sfield``'s resolver if it is a marked, synchronous ``(self, info)`` function."""
    resolver = sfield.base_resolver
    if resolver is None or sfield.extensions or sfield.is_async:
        return None
    fn = resolver.wrapped_func
    if not callable(fn) or not getattr(fn, EAGER_MARK, False):
        return None
    if list(inspect.signature(fn).parameters) != ["self", "info"]:
        return None
    return cast("Callable[[Any, Any], Any]", fn)


def _plain_output(leaf: GraphQLLeafType) -> tuple[type | None, type | None, dict[Any, str]]:
    """What a leaf type outputs without coercing: the class whose values it outputs as they
    are; for an enum, its Python class and the output of each member (what its
    ``coerce_output_value`` answers)."""
    if leaf is GraphQLString or leaf is GraphQLID:
        return str, None, {}
    if leaf is GraphQLBoolean:
        return bool, None, {}
    wrapped = getattr(leaf, "wrapped_cls", None)
    if isinstance(leaf, GraphQLEnumType) and isinstance(wrapped, type) and issubclass(wrapped, enum.Enum):
        return None, wrapped, {member: leaf.coerce_output_value(member) for member in wrapped}
    return None, None, {}


def _is_plain(value: Any) -> bool:
    """Whether a completed value is surely not awaitable (the common case, checked cheaply)."""
    return value is None or type(value) is dict or type(value) is list


class FastExecution(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's execution with the short path of the module docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        manager = self.middleware_manager
        self._fast = manager is None or not manager.middlewares
        # by id of the grouped field set (kept alive beside its plan)
        self._plans: dict[int, tuple[GroupedFieldSet, list[_Step]]] = {}

    # -- planning -----------------------------------------------------------------------

    def _plan(self, parent_type: GraphQLObjectType, fields: GroupedFieldSet) -> list[_Step]:
        hit = self._plans.get(id(fields))
        if hit is not None and hit[0] is fields:
            return hit[1]
        plan = [self._step(parent_type, name, details) for name, details in fields.items()]
        self._plans[id(fields)] = (fields, plan)
        return plan

    def _step(self, parent_type: GraphQLObjectType, name: str, details: FieldDetailsList) -> _Step:
        general = _Step(name, details)
        for d in details:
            if d.node.arguments or d.node.directives or d.defer_usage is not None:
                return general
        field_def = self.schema.get_field(parent_type, details[0].node.name.value)
        if field_def is None or field_def.args:
            return general
        sfield = (field_def.extensions or {}).get(_BACKREF)
        if not isinstance(sfield, StrawberryField):
            return general
        non_null, inner = _unwrap(field_def.type)
        step = _Step(name, details, field_def=field_def, field_type=field_def.type, non_null=non_null)
        basic = getattr(field_def.resolve, "__name__", None) == "_get_basic_result"
        if basic and sfield.is_basic_field and sfield.python_name and sfield.default_resolver is getattr:
            step.attr = sfield.python_name
        else:
            step.resolver = _marked(sfield)
            if step.resolver is None:
                return general
            step.strawberry_field = sfield
        if isinstance(inner, (GraphQLScalarType, GraphQLEnumType)):
            if step.resolver is not None:
                return general  # a resolver of a scalar: nothing to save
            step.kind, step.leaf = _LEAF, inner
            step.plain, step.enum_cls, step.names = _plain_output(inner)
            return step
        if isinstance(inner, GraphQLList):
            step.is_list, step.item_type = True, inner.of_type
            inner = _unwrap(inner.of_type)[1]
        if not isinstance(inner, GraphQLObjectType):
            return general  # interfaces, unions, lists of scalars or of lists
        origin = getattr((inner.extensions or {}).get(_BACKREF), "origin", None)
        if not isinstance(origin, type):
            return general
        step.kind, step.object_type, step.origin = _OBJECT, inner, origin
        return step

    def _subplan(self, step: _Step, object_type: GraphQLObjectType) -> list[_Step] | None:
        """The plan of the selection of ``step``'s objects (``None`` when it defers anything)."""
        if step.sub is None:
            grouped, defers, _ = self.collect_subfields(object_type, step.details)
            if defers:
                step.kind = _GENERAL
                return None
            step.sub = self._plan(object_type, grouped)
        return step.sub

    # -- execution -----------------------------------------------------------------------

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
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
        is_awaitable = self.is_awaitable
        try:
            for step in plan:
                kind = step.kind
                if kind == _LEAF:
                    value = getattr(source, step.attr, Undefined)
                    if type(value) is step.plain:
                        results[step.name] = value
                        continue
                    if type(value) is step.enum_cls:
                        results[step.name] = step.names[value]
                        continue
                    value = self._leaf(step, source)
                    if value is not Undefined:
                        results[step.name] = value
                        continue
                    result = self._general(parent_type, source, path, step)
                elif kind == _OBJECT:
                    result = self._object(parent_type, source, path, step)
                else:
                    result = self._general(parent_type, source, path, step)
                if result is Undefined:
                    continue
                results[step.name] = result
                if not _is_plain(result) and is_awaitable(result):
                    pending.append(step.name)
        except Exception:
            if pending:
                self.settle_in_background([results[name] for name in pending])
            raise
        if not pending:
            return results
        return self._gather_fields(results, pending)

    async def _gather_fields(self, results: dict[str, Any], pending: list[str]) -> dict[str, Any]:
        if len(pending) == 1:
            results[pending[0]] = await results[pending[0]]
        else:
            done = await gather_with_cancel(*(results[name] for name in pending))
            results.update(zip(pending, done, strict=True))
        return results

    def _general(self, parent_type: GraphQLObjectType, source: Any, path: Path | None, step: _Step) -> Any:
        field_path = Path(path, step.name, parent_type.name)
        return self.execute_field(parent_type, source, step.details, field_path, None)

    @staticmethod
    def _leaf(step: _Step, source: Any) -> Any:
        """The coerced value of a basic leaf field; ``Undefined``: let the general path decide."""
        try:
            value = getattr(source, step.attr)
            if value is None:
                return Undefined if step.non_null else None
            coerced = cast("GraphQLLeafType", step.leaf).coerce_output_value(value)
        except Exception:  # the general path raises it again, as a field error
            return Undefined
        return Undefined if coerced is None else coerced

    def _object(self, parent_type: GraphQLObjectType, source: Any, path: Path | None, step: _Step) -> Any:
        """An object-valued field: resolved, then completed by the short path when its value is
        as expected; otherwise (and on any error) as graphql-core's ``execute_field`` would."""
        field_path = Path(path, step.name, parent_type.name)
        resolver = step.resolver
        try:
            if resolver is None:
                value = getattr(source, step.attr)
            else:
                info = step.info
                if info is None:
                    info = step.info = self._strawberry_info(parent_type, field_path, step)
                value = resolver(source, info)
        except Exception as error:
            self._field_error(error, step, field_path)
            return None
        if value is None:
            return self._complete(parent_type, field_path, step, value) if step.non_null else None
        object_type = step.object_type
        if object_type is None or type(value) is not (list if step.is_list else step.origin):
            return self._complete(parent_type, field_path, step, value)  # awaitables included
        plan = self._subplan(step, object_type)
        if plan is None:
            return self._complete(parent_type, field_path, step, value)
        try:
            if step.is_list:
                items = cast("list[Any]", value)
                completed = self._list(parent_type, field_path, step, object_type, plan, items)
            else:
                completed = self._run(object_type, value, field_path, plan)
            if not _is_plain(completed) and self.is_awaitable(completed):
                return self._await_completed(completed, step, field_path)
            return completed
        except Exception as error:
            self._field_error(error, step, field_path)
            return None

    def _list(
        self,
        parent_type: GraphQLObjectType,
        field_path: Path,
        step: _Step,
        object_type: GraphQLObjectType,
        plan: list[_Step],
        items: list[Any],
    ) -> Any:
        """A list of objects, as graphql-core's ``complete_iterable_value`` completes it."""
        origin, item_type = step.origin, cast("GraphQLOutputType", step.item_type)
        is_awaitable = self.is_awaitable
        run = self._run
        out: list[Any] = []
        pending: list[int] = []
        info = None
        try:
            for index, item in enumerate(items):
                item_path = Path(field_path, index, None)
                if type(item) is origin:
                    try:
                        completed = run(object_type, item, item_path, plan)
                    except Exception as error:
                        self.handle_field_error(error, item_type, step.details, item_path)
                        completed = None
                    if not _is_plain(completed) and is_awaitable(completed):
                        completed = self._await_item(completed, item_type, step, item_path)
                        pending.append(index)
                    out.append(completed)
                    continue
                if info is None:
                    info = self._resolve_info(parent_type, field_path, step)
                if self.complete_list_item_value(item, out, item_type, step.details, info, item_path, None):
                    pending.append(index)
        except Exception:
            if pending:
                self.settle_in_background([out[i] for i in pending])
            raise
        if not pending:
            return out
        return self._gather_items(out, pending)

    async def _gather_items(self, out: list[Any], pending: list[int]) -> list[Any]:
        if len(pending) == 1:
            out[pending[0]] = await out[pending[0]]
        else:
            done = await gather_with_cancel(*(out[i] for i in pending))
            for i, value in zip(pending, done, strict=True):
                out[i] = value
        return out

    async def _await_item(
        self, completed: Awaitable[Any], item_type: GraphQLOutputType, step: _Step, item_path: Path
    ) -> Any:
        try:
            return await completed
        except Exception as error:
            self.handle_field_error(error, item_type, step.details, item_path)
            return None

    async def _await_completed(self, completed: Awaitable[Any], step: _Step, field_path: Path) -> Any:
        try:
            return await completed
        except Exception as error:
            self._field_error(error, step, field_path)
            return None

    def _field_error(self, error: Exception, step: _Step, field_path: Path) -> None:
        self.handle_field_error(error, cast("GraphQLOutputType", step.field_type), step.details, field_path)

    def _complete(self, parent_type: GraphQLObjectType, field_path: Path, step: _Step, value: Any) -> Any:
        """What graphql-core's ``execute_field`` does with a resolved ``value``."""
        field_type = cast("GraphQLOutputType", step.field_type)
        info = self._resolve_info(parent_type, field_path, step)
        try:
            if self.is_awaitable(value):
                return self.complete_awaitable_value(field_type, step.details, info, field_path, value, None)
            completed = self.complete_value(field_type, step.details, info, field_path, value, None)
            if self.is_awaitable(completed):
                return self._await_completed(completed, step, field_path)
            return completed
        except Exception as error:
            self._field_error(error, step, field_path)
            return None

    def _resolve_info(self, parent_type: GraphQLObjectType, path: Path, step: _Step) -> Any:
        nodes = [d.node for d in step.details]
        return self.build_resolve_info(cast("GraphQLField", step.field_def), nodes, parent_type, path)

    def _strawberry_info(self, parent_type: GraphQLObjectType, path: Path, step: _Step) -> Any:
        raw = self._resolve_info(parent_type, path, step)
        return strawberry.Info(_raw_info=raw, _field=cast("StrawberryField", step.strawberry_field))
