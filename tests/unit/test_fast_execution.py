"""The short path of GraphQL execution answers exactly as graphql-core's general one.

The same schema runs with :class:`FastExecution` and with strawberry's default
execution; data, errors and error paths must be the same for every shape the
short path takes or hands back: leaves, objects and lists read off their
object, resolvers marked CONTEXT_ONLY (with a value, null, an awaitable, an
error, an object of another class), nulls in non-null places, aliases,
fragments, directives; and the served schema answers the same with and without it.
"""

from __future__ import annotations

import asyncio
import enum
from typing import Any

import pytest
import strawberry
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext as ExecutionContext

from kamgraph.api.schema.execution import CONTEXT_ONLY, FastExecution
from kamgraph.api.schema.nodes import TYPES
from kamgraph.api.schema.objects import NODE_TYPES, field_values
from kamgraph.domain import model as domain


@strawberry.enum
class Color(enum.Enum):
    RED = "RED"
    BLUE = "blue-ish"


@strawberry.type
class Other:
    name: str = "other"


@strawberry.type
class Item:
    id: strawberry.ID
    label: str
    mode: strawberry.Private[str] = "ok"
    color: Color | None = None
    size: int | None = None
    must: str = "must"
    flag: bool = False
    ratio: float | None = None
    tags: list[str] = strawberry.field(default_factory=list)

    @strawberry.field(metadata={CONTEXT_ONLY: True})
    def child(self, info: strawberry.Info) -> Item | None:
        found: Item | None = _child(self, info, f"{self.id}.c")
        return found

    @strawberry.field(metadata={CONTEXT_ONLY: True})
    def must_child(self, info: strawberry.Info) -> Item:
        return _child(self, info, f"{self.id}.m")  # type: ignore[no-any-return]

    @strawberry.field(metadata={CONTEXT_ONLY: True})
    def children(self, info: strawberry.Info) -> list[Item]:
        kids: list[Any] = [Item(id=strawberry.ID(f"{self.id}.{i}"), label=f"kid {i}") for i in range(3)]
        if self.mode == "null-item":
            kids[1] = None
        if self.mode == "other-item":
            kids[2] = Other()
        if self.mode == "kid-none":
            kids[0].mode = "none"  # its mustChild is null: the error reaches the list
        if self.mode == "later-kid-none":  # an awaited item, then one whose error ends the list
            kids[0].mode, kids[1].mode = "later", "none"
        if self.mode == "bad-kid":
            kids[0] = Item(id=strawberry.ID("bad"), label="bad", mode="ok", size="nope")  # type: ignore[arg-type]
        return kids

    @strawberry.field
    def plain(self) -> str:  # an unmarked resolver: the general path
        return f"plain {self.id}"

    @strawberry.field
    def arg(self, times: int = 1) -> str:
        return self.label * times


def _child(item: Item, info: strawberry.Info, child_id: str) -> Any:
    assert info.context["seen"] is not None
    info.context["seen"] += 1
    mode = item.mode
    made = Item(id=strawberry.ID(child_id), label=f"child of {item.id}")
    if mode == "none":
        return None
    if mode == "raise":
        raise ValueError(f"no child for {item.id}")
    if mode == "other":
        return Other()
    if mode in ("later", "later-raise"):

        async def load() -> Item:
            await asyncio.sleep(0)
            if mode == "later-raise":
                raise ValueError(f"late failure for {item.id}")
            return made

        return load()
    return made


def _items() -> list[Item]:
    modes = ["ok", "none", "raise", "other", "later", "later-raise", "null-item", "other-item", "ok"]
    modes.append("kid-none")
    out = [Item(id=strawberry.ID(f"i{n}"), label=f"item {n}", mode=m) for n, m in enumerate(modes)]
    out[0].color, out[0].size, out[0].flag, out[0].ratio, out[0].tags = Color.BLUE, 3, True, 0.5, ["a"]
    out[1].size = "x"  # type: ignore[assignment]  # fails to coerce to Int
    out[8].must = None  # type: ignore[assignment]  # a null in a non-null leaf
    return out


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item | None]:  # an error in one item nulls that item only
        return list(_items())

    @strawberry.field
    def first(self) -> Item:
        return _items()[0]

    @strawberry.field
    def by_mode(self, mode: str) -> Item:
        return Item(id=strawberry.ID("x"), label="x", mode=mode)


FAST = strawberry.Schema(query=Query, execution_context_class=FastExecution)
GENERAL = strawberry.Schema(query=Query)


async def both(query: str, variables: dict[str, Any] | None = None) -> tuple[Any, Any]:
    answers = []
    for schema in (FAST, GENERAL):
        result = await schema.execute(query, variable_values=variables, context_value={"seen": 0})
        errors = [(e.message, e.path) for e in result.errors or []]
        answers.append((result.data, sorted(errors, key=str)))
    return answers[0], answers[1]


LEAVES = "id label color size must flag ratio tags"
QUERIES = {
    "leaves": f"{{ items {{ {LEAVES} }} }}",
    "child": f"{{ items {{ id child {{ {LEAVES} child {{ id }} }} }} }}",
    "must-child": "{ items { id mustChild { id label } } }",
    "children": "{ items { id children { id label size mustChild { id } } } }",
    "aliases and fragments": """
        { items { ...F  a: label child { ... on Item { id x: label } id } } }
        fragment F on Item { id label  __typename child { __typename id } }""",
    "general fields": "{ items { id plain arg(times: 2) child { plain arg } } }",
    "non-null root": f"{{ first {{ {LEAVES} mustChild {{ id mustChild {{ id }} }} }} }}",
}


@pytest.mark.parametrize("name", list(QUERIES))
async def test_the_short_path_answers_as_the_general_one(name: str) -> None:
    fast, general = await both(QUERIES[name])
    assert fast == general
    assert fast[0] is not None


MODES = ["none", "raise", "other", "later", "later-raise", "null-item", "other-item"]
MODES += ["kid-none", "bad-kid", "later-kid-none"]


@pytest.mark.parametrize("mode", MODES)
async def test_errors_null_the_same_fields_with_the_same_paths(mode: str) -> None:
    query = (
        f'{{ byMode(mode: "{mode}") {{ id child {{ id }} '
        "children { id size child { id } mustChild { id } } } }"
    )
    fast, general = await both(query)
    assert fast == general
    if mode not in ("later", "none"):  # a null child is no error; the rest are
        assert fast[1], "this mode makes an error"


@pytest.mark.parametrize("show", [True, False])
async def test_include_and_skip_are_honoured(show: bool) -> None:
    query = """query($show: Boolean!) { first { id child @include(if: $show) { id }
        label @skip(if: $show) children { id @skip(if: $show) label } } }"""
    fast, general = await both(query, {"show": show})
    assert fast == general
    assert ("child" in fast[0]["first"]) is show


async def test_the_common_case_builds_no_resolve_info_per_item(monkeypatch: pytest.MonkeyPatch) -> None:
    built = 0
    original = ExecutionContext.build_resolve_info

    def counting(self: Any, *args: Any) -> Any:
        nonlocal built
        built += 1
        return original(self, *args)

    monkeypatch.setattr(ExecutionContext, "build_resolve_info", counting)
    query = "{ first { id children { id label child { id label } } } }"
    result = await FAST.execute(query, context_value={"seen": 0})
    assert result.errors is None
    # the root field, and one for each marked resolver (children, child): not one per item
    assert built == 3


@pytest.mark.parametrize("kind", list(domain.NodeKind))
def test_a_node_object_is_the_one_its_dataclass_init_makes(kind: domain.NodeKind) -> None:
    assert set(NODE_TYPES.values()) == set(TYPES)  # every node type knows its kind
    cls = NODE_TYPES[kind]
    samples: dict[domain.PropType, Any] = {
        domain.PropType.STRING: "text",
        domain.PropType.FLOAT: 2.5,
        domain.PropType.INT: 3,
        domain.PropType.BOOL: True,
        domain.PropType.DATE: "2024-02-29",
        domain.PropType.STRINGS: ["a", "b"],
    }
    specs = domain.NODE_PROPS[kind]
    props: dict[str, Any] = {"name": "N"}
    for key, spec in specs.items():
        if spec.type is domain.PropType.ENUM and spec.enum is not None:
            props[key] = next(iter(spec.enum)).name
        elif spec.type in samples:
            props[key] = samples[spec.type]
    for given in (props, {"name": "bare"}):
        node = domain.Node("n1", kind, given)
        made = cls.from_node(node)
        values = field_values(cls, kind, given)
        expected = cls(node=node, id=strawberry.ID("n1"), kind=kind, name=given["name"], **values)
        assert made.__dict__ == expected.__dict__
