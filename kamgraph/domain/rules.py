"""Validation of writes: the domain's rules, as the table states them, checked in one place.

The rules are those of :mod:`kamgraph.domain.properties` (every property of
every kind, the kinds of each relationship's ends, at most one home company)
and of :mod:`kamgraph.domain.checks` (what a value of each property type and an
id must be). Every function here collects all problems of a batch and raises one
:class:`~kamgraph.domain.errors.ValidationError` naming each bad item, field and
rule. What the rules need from the store (that ids exist, that their kinds fit
the relationship, that ids do not clash across kinds, who is home) is checked by
the store inside its transaction, and by the importer over its whole input,
with :func:`end_rule` (:func:`check_endpoints`), :func:`check_kind_clash` and
:func:`check_home` / :func:`home_rule`.

The validators run on every row of a bulk import: they take the common case
first and name an item (:func:`node_label`, :func:`rel_label`) only when it has
a problem.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from kamgraph.domain.checks import BadValue, Check, check_of, id_rule
from kamgraph.domain.errors import Problem, ValidationError
from kamgraph.domain.kinds import UNDIRECTED, NodeKind, RelationshipKind
from kamgraph.domain.model import NodeInput, RelationshipInput, RelationshipKey
from kamgraph.domain.properties import NODE_PROPS, REL_SPECS, PropSpec


def node_label(position: int, node_id: object) -> str:
    return f"item {position} (id {node_id!r})" if node_id not in (None, "") else f"item {position}"


def rel_label(position: int, kind: object, from_id: object, to_id: object) -> str:
    k = kind.value if isinstance(kind, enum.Enum) else kind
    return f"item {position} ({k} {from_id!r} -> {to_id!r})"


# -- the table, as the validators read it --------------------------------------------


def _checks(specs: Mapping[str, PropSpec]) -> dict[str, Check]:
    return {name: check_of(spec) for name, spec in specs.items()}


_NODE_CHECKS: dict[NodeKind, dict[str, Check]] = {k: _checks(NODE_PROPS[k]) for k in NodeKind}
_NODE_REQUIRED: dict[NodeKind, tuple[str, ...]] = {
    k: tuple(name for name, spec in NODE_PROPS[k].items() if spec.required) for k in NodeKind
}
#: a relationship kind's checks, whether it is undirected, the rule of a property it has not
_RelRules = tuple[RelationshipKind, dict[str, Check], bool, str]
_REL_BY_KIND: dict[RelationshipKind, _RelRules] = {
    k: (k, _checks(REL_SPECS[k].props), k in UNDIRECTED, f"does not apply to {k.value}")
    for k in RelationshipKind
}
#: by name too (a kind is usually given as its name; enum members hash slowly)
_REL_BY_NAME: dict[str, _RelRules] = {k.name: r for k, r in _REL_BY_KIND.items()}
_REL_KIND_RULE = "must be one of " + ", ".join(_REL_BY_NAME)
_SELF = "must differ from `from` (no self-relationship)"


def _rel_rules(value: Any) -> _RelRules | None:
    if isinstance(value, str):
        return _REL_BY_NAME.get(value)
    if isinstance(value, RelationshipKind):
        return _REL_BY_KIND[value]
    return None


def parse_rel_kind(value: Any) -> RelationshipKind:
    """The relationship kind ``value`` names (a kind, or its name); ``BadValue`` otherwise."""
    rules = _rel_rules(value)
    if rules is None:
        raise BadValue(_REL_KIND_RULE)
    return rules[0]


# -- validators -------------------------------------------------------------------------

_T = TypeVar("_T")
_NODE_KEYS = ("id", "kind")  # an item's keys that are not properties
_REL_KEYS = ("kind", "from", "to")


def _check_props(
    data: Mapping[str, Any],
    keys: tuple[str, ...],
    checks: Mapping[str, Check],
    unknown: str,
    required: tuple[str, ...],
    keep_none: bool,
) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
    """An item's properties in their stored form, and its problems (field, rule) if any.

    ``unknown`` is the rule a key that is no property breaks. A property given as
    ``None`` is kept (to remove it) if ``keep_none``, unless it is ``required``;
    else it is passed over.
    """
    props: dict[str, Any] = {}
    bad: list[tuple[str, str]] | None = None
    for key, value in data.items():
        if key in keys or (value is None and not keep_none):
            continue
        check = checks.get(key)
        if check is None:
            rule = unknown
        elif value is None:
            if key not in required:
                props[key] = None
                continue
            rule = "is required"
        else:
            try:
                props[key] = check(value)
                continue
            except BadValue as problem:
                rule = problem.rule
        if bad is None:
            bad = []
        bad.append((key, rule))
    return props, bad


def _checked(out: list[_T], problems: list[Problem]) -> list[_T]:
    """``out``, if there is no problem."""
    if problems:
        raise ValidationError(problems)
    return out


def validate_node(kind: NodeKind, data: Mapping[str, Any], position: int = 0) -> NodeInput:
    """Validate one node upsert; see :func:`validate_nodes`."""
    return validate_nodes(kind, [data], start=position)[0]


def validate_nodes(kind: NodeKind, items: Iterable[Mapping[str, Any]], start: int = 0) -> list[NodeInput]:
    """Validate node upserts of one kind.

    Each item maps ``id`` and property names to values; a property that is
    absent is left unchanged by the upsert, one given as ``None`` is removed
    (required properties must always be given). Raises ``ValidationError``
    listing every problem of every item: for each item its id, then its
    properties in the order given, then the required ones missing, then an id
    given twice.
    """
    checks, required = _NODE_CHECKS[kind], _NODE_REQUIRED[kind]
    unknown = f"is not a property of {kind.value}"
    problems: list[Problem] = []
    out: list[NodeInput] = []
    seen: dict[str, int] = {}
    position = start
    for data in items:
        node_id: Any = data.get("id")
        rule = id_rule(node_id)
        if rule is not None:
            problems.append(Problem(node_label(position, node_id), "id", rule))
            node_id = ""
        props, bad = _check_props(data, _NODE_KEYS, checks, unknown, required, True)
        if bad is not None:
            label = node_label(position, data.get("id"))
            problems.extend(Problem(label, key, rule) for key, rule in bad)
        for key in required:
            if key not in data:
                problems.append(Problem(node_label(position, data.get("id")), key, "is required"))
        if node_id:
            also = seen.get(node_id)
            if also is not None:
                rule = f"is given twice in one request (also item {also})"
                problems.append(Problem(node_label(position, node_id), "id", rule))
            seen[node_id] = position
        if not problems:
            out.append(NodeInput(node_id, kind, props, position))
        position += 1
    return _checked(out, problems)


def validate_relationships(items: Iterable[Mapping[str, Any]], start: int = 0) -> list[RelationshipInput]:
    """Validate relationship upserts (each with ``kind``, ``from``, ``to`` and properties).

    Properties that do not apply to the kind are errors; properties not given
    take their defaults when the relationship is created (``current`` true for
    WORKS_AT, ``strength`` 0.5 for KNOWS), and ones given as ``None`` are
    ignored. Undirected kinds are normalised so that ``from_id < to_id``.
    """
    problems: list[Problem] = []
    out: list[RelationshipInput] = []
    by_name = _REL_BY_NAME
    position = start
    for data in items:
        raw_kind: Any = data.get("kind")
        a: Any = data.get("from")
        b: Any = data.get("to")
        rules = by_name.get(raw_kind) if type(raw_kind) is str else _rel_rules(raw_kind)
        if rules is None:
            problems.append(Problem(rel_label(position, raw_kind, a, b), "kind", _REL_KIND_RULE))
        from_rule, to_rule = id_rule(a), id_rule(b)
        if from_rule is not None:
            problems.append(Problem(rel_label(position, raw_kind, a, b), "from", from_rule))
        if to_rule is not None:
            problems.append(Problem(rel_label(position, raw_kind, a, b), "to", to_rule))
        elif from_rule is None and a == b:
            problems.append(Problem(rel_label(position, raw_kind, a, b), "to", _SELF))
        if rules is not None:
            kind, checks, undirected, unknown = rules
            props, bad = _check_props(data, _REL_KEYS, checks, unknown, (), False)
            if bad is not None:
                label = rel_label(position, raw_kind, a, b)
                problems.extend(Problem(label, key, rule) for key, rule in bad)
            if not problems:
                if undirected and b < a:
                    a, b = b, a
                out.append(RelationshipInput(kind, a, b, props, position))
        position += 1
    return _checked(out, problems)


def validate_relationship_keys(items: Iterable[Mapping[str, Any]], start: int = 0) -> list[RelationshipKey]:
    """Validate ``{kind, from, to}`` keys (for unrelate): one problem an item, on ``kind/from/to``."""
    problems: list[Problem] = []
    out: list[RelationshipKey] = []
    for position, data in enumerate(items, start):
        raw_kind: Any = data.get("kind")
        a: Any = data.get("from")
        b: Any = data.get("to")
        rules = _rel_rules(raw_kind)
        rule = _REL_KIND_RULE if rules is None else id_rule(a) or id_rule(b)
        if rules is not None and rule is None:
            out.append(RelationshipKey(rules[0], a, b).normalised())
        else:
            problems.append(Problem(rel_label(position, raw_kind, a, b), "kind/from/to", str(rule)))
    return _checked(out, problems)


# -- what a write needs beyond its own items ---------------------------------------------


def check_kind_clash(
    inputs: Sequence[NodeInput], existing: Mapping[str, NodeKind]
) -> list[Problem]:
    """Problems for upserts whose id already names a node of another kind."""
    return [
        Problem(
            node_label(i.position, i.id),
            "id",
            f"already names a {existing[i.id].value}, not a {i.kind.value}",
        )
        for i in inputs
        if i.id in existing and existing[i.id] is not i.kind
    ]


def end_rule(kind: RelationshipKind, end: str, node_id: str, have: NodeKind | None) -> str | None:
    """The rule ``node_id`` breaks as the ``end`` (``from`` or ``to``) of a ``kind``
    relationship when it names a node of kind ``have`` (``None``: no node); ``None``
    when it fits.

    >>> end_rule(RelationshipKind.WORKS_AT, "to", "ann", NodeKind.PERSON)
    "'ann' is a PERSON; WORKS_AT needs a COMPANY"
    """
    spec = REL_SPECS[kind]
    want = spec.from_kind if end == "from" else spec.to_kind
    if have is None:
        return f"no node has id {node_id!r}"
    if have is not want:
        return f"{node_id!r} is a {have.value}; {kind.value} needs a {want.value}"
    return None


def check_endpoints(
    rels: Sequence[RelationshipInput], kinds: Mapping[str, NodeKind]
) -> list[Problem]:
    """Problems for relationships whose ends do not exist or are of the wrong kinds.

    ``kinds`` maps every id that exists (among the ends) to its kind.
    """
    problems: list[Problem] = []
    for r in rels:
        for end, node_id in (("from", r.from_id), ("to", r.to_id)):
            rule = end_rule(r.kind, end, node_id, kinds.get(node_id))
            if rule is not None:
                problems.append(Problem(rel_label(r.position, r.kind, r.from_id, r.to_id), end, rule))
    return problems


#: The home rule: at most one node of HOME_KIND has HOME true (the property the table marks ``only_one``).
((HOME_KIND, HOME),) = [(k, n) for k, specs in NODE_PROPS.items() for n, s in specs.items() if s.only_one]
_ONE_HOME = f"only one {HOME_KIND.value.lower()} can be {HOME}"


def sets_home(item: NodeInput) -> bool:
    """Whether the upsert makes its node home."""
    return item.kind is HOME_KIND and item.props.get(HOME) is True


def unsets_home(item: NodeInput) -> bool:
    """Whether the upsert makes its node not home."""
    return item.kind is HOME_KIND and item.props.get(HOME) is False


def check_home(setting: Sequence[NodeInput], homes: set[str]) -> list[Problem]:
    """Problems for upserts that make a company home while another one is.

    ``setting`` are the inputs that set ``home`` true; ``homes`` the ids of every
    company that would be home after the write.
    """
    if len(homes) <= 1:
        return []
    problems = []
    for item in setting:
        others = sorted(homes - {item.id})
        if others:
            rule = f"{_ONE_HOME}, and {', '.join(repr(o) for o in others)} is too"
            problems.append(Problem(node_label(item.position, item.id), HOME, rule))
    return problems


def home_rule(homes: Sequence[str], stored: str | None) -> str | None:
    """The rule broken by each row of a bulk input that makes a company home.

    ``homes`` are the ids the input makes home (sorted, each once), ``stored`` the
    company home in the store unless the input unsets it; ``None`` when at most
    one company is home after the import.

    >>> home_rule(["a", "b"], None)
    'only one company can be home (ours); the input marks 2: a, b'
    >>> home_rule(["a"], "us"), home_rule(["us"], "us")
    ("only one company can be home (ours); in the store it is 'us'", None)
    """
    if len(homes) > 1:
        return f"{_ONE_HOME} (ours); the input marks {len(homes)}: {', '.join(homes[:5])}"
    if homes and stored is not None and stored != homes[0]:
        return f"{_ONE_HOME} (ours); in the store it is {stored!r}"
    return None


def merge_props(
    current: Mapping[str, Any] | None, patch: Mapping[str, Any], defaults: Mapping[str, Any]
) -> dict[str, Any]:
    """The properties after an upsert: ``patch`` over ``current`` (or the defaults)."""
    merged = dict(defaults) if current is None else dict(current)
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged
