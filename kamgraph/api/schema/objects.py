"""What every graph object type is made of: the ``Node`` interface over a domain node, the
base of the relationship types over a domain relationship, and how their fields are filled.

A node type holds the domain :class:`~kamgraph.domain.model.Node` it shows, with its
scalar properties copied into plain fields (strawberry reads them as attributes, with
no resolver call); a relationship type holds the domain
:class:`~kamgraph.domain.model.Relationship`. Each concrete node type names its
``node_kind``, which is how any domain node finds its type (:func:`wrap`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, TypeAlias, TypeVar, cast

import strawberry

from kamgraph.api.loaders import Info
from kamgraph.api.schema.enums import GRAPHQL_ENUMS, NodeKind
from kamgraph.domain import model as domain
from kamgraph.domain.errors import KamgraphError
from kamgraph.domain.model import NODE_PROPS, REL_SPECS, PropSpec, PropType


class DanglingReferenceError(KamgraphError):
    """A relationship or an analysis names a node that is not there (deleted meanwhile)."""

    code = "NOT_FOUND"


# --------------------------------------------------------------------------
# From stored values to field values
# --------------------------------------------------------------------------


def _converter(spec: PropSpec) -> Callable[[Any], Any] | None:
    """How a stored value of ``spec`` becomes its field's value (``None``: as it is)."""
    if spec.type is PropType.ENUM and spec.enum is not None and spec.enum in GRAPHQL_ENUMS:
        return spec.enum.__getitem__
    if spec.type is PropType.DATE:
        return dt.date.fromisoformat
    if spec.type is PropType.STRINGS:
        return list
    return None


_Plan: TypeAlias = tuple[tuple[str, Callable[[Any], Any] | None], ...]
#: fields a node type fills from the node itself, not from its properties
_FROM_NODE = frozenset({"node", "id", "kind", "name"})


_PLANS: dict[tuple[type, object], _Plan] = {}
_DEFAULTS: dict[type, tuple[dict[str, Any], tuple[tuple[str, Callable[[], Any]], ...]]] = {}


def _plan(cls: type, specs_of: domain.NodeKind | domain.RelationshipKind) -> _Plan:
    """The properties of ``specs_of``'s specs that ``cls`` has fields for, with their converters."""
    plan = _PLANS.get((cls, specs_of))
    if plan is None:
        specs: Mapping[str, PropSpec] = (
            NODE_PROPS[specs_of] if isinstance(specs_of, domain.NodeKind) else REL_SPECS[specs_of].props
        )
        names = frozenset(f.name for f in dataclasses.fields(cls) if f.init) - _FROM_NODE
        plan = _PLANS[(cls, specs_of)] = tuple(
            (key, _converter(spec)) for key, spec in specs.items() if key in names
        )
    return plan


def _defaults(cls: type) -> tuple[dict[str, Any], tuple[tuple[str, Callable[[], Any]], ...]]:
    """The plain defaults of ``cls``'s dataclass fields, and the fields made by a factory."""
    found = _DEFAULTS.get(cls)
    if found is None:
        defaults: dict[str, Any] = {}
        factories: list[tuple[str, Callable[[], Any]]] = []
        for f in dataclasses.fields(cls):
            if not f.init:
                continue
            if f.default is not dataclasses.MISSING:
                defaults[f.name] = f.default
            elif f.default_factory is not dataclasses.MISSING:
                factories.append((f.name, f.default_factory))
        found = _DEFAULTS[cls] = (defaults, tuple(factories))
    return found


def field_values(
    cls: type, specs_of: domain.NodeKind | domain.RelationshipKind, props: Mapping[str, Any]
) -> dict[str, Any]:
    """The field values of ``cls`` from stored properties (absent and null ones left out).

    >>> from kamgraph.api.schema.nodes import Opportunity
    >>> props = {"stage": "WON", "closeDate": "2025-01-31", "amount": None}
    >>> field_values(Opportunity, domain.NodeKind.OPPORTUNITY, props)
    {'stage': <Stage.WON: 'WON'>, 'closeDate': datetime.date(2025, 1, 31)}
    """
    out: dict[str, Any] = {}
    for key, convert in _plan(cls, specs_of):
        value = props.get(key)
        if value is not None:
            out[key] = value if convert is None else convert(value)
    return out


# --------------------------------------------------------------------------
# Nodes
# --------------------------------------------------------------------------

N = TypeVar("N", bound="NodeType")

#: the type of each node kind (filled as the node types are defined)
NODE_TYPES: dict[domain.NodeKind, type[NodeType]] = {}


@strawberry.interface(name="Node", description="Anything in the graph: it has an id, a kind and a name.")
class NodeType:
    #: the kind of node a concrete type shows
    node_kind: ClassVar[domain.NodeKind]
    node: strawberry.Private[domain.Node]
    id: strawberry.ID = strawberry.field(description="The client-chosen id, unique across the whole graph.")
    kind: NodeKind = strawberry.field()
    name: str = strawberry.field()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "node_kind" in cls.__dict__:
            NODE_TYPES[cls.node_kind] = cls

    @classmethod
    def from_node(cls: type[N], node: domain.Node) -> N:
        """The object of ``node``: as ``cls(node=node, id=node.id, kind=node.kind,
        name=node.name, **field_values(...))``, built without the dataclass ``__init__``.

        >>> from kamgraph.api.schema.nodes import Person
        >>> n = domain.Node("p1", domain.NodeKind.PERSON, {"name": "Ann", "seniority": "VP"})
        >>> p = Person.from_node(n)
        >>> (p.id, p.name, p.seniority, p.title, p.decisionMaker)
        ('p1', 'Ann', <Seniority.VP: 'VP'>, None, False)
        """
        defaults, factories = _defaults(cls)
        values = dict(defaults)
        for key, factory in factories:
            values[key] = factory()
        props = node.props
        values["node"], values["id"], values["kind"] = node, node.id, node.kind
        values["name"] = str(props.get("name", ""))
        for key, convert in _plan(cls, node.kind):
            value = props.get(key)
            if value is not None:
                values[key] = value if convert is None else convert(value)
        obj = cls.__new__(cls)
        obj.__dict__.update(values)
        return obj


def wrap(node: domain.Node) -> NodeType:
    """The GraphQL object of a domain node, of the type of its kind."""
    return NODE_TYPES[node.kind].from_node(node)


def as_object(info: Info, node: domain.Node) -> NodeType:
    """:func:`wrap` of ``node``, made once per request for each node (see ``Loaders.objects``),
    so that a node that shows up many times (the manager of many people) is one object."""
    cls = NODE_TYPES[node.kind]
    objects = info.context.loaders.objects
    key = (cls, node.id)
    found = objects.get(key)
    if found is None or found.node is not node:
        found = objects[key] = cls.from_node(node)
    return cast(NodeType, found)


# --------------------------------------------------------------------------
# Relationships with properties
# --------------------------------------------------------------------------

R = TypeVar("R", bound="RelationshipType")


@strawberry.type
class RelationshipType:
    rel: strawberry.Private[domain.Relationship]

    @classmethod
    def from_rel(cls: type[R], rel: domain.Relationship) -> R:
        return cls(rel=rel, **field_values(cls, rel.kind, rel.props))
