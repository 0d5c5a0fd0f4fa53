"""Roles, who is asking (:class:`Principal`), and what each part of the schema requires.

Four roles, each with everything of the one before:

- ``viewer``: reads, without personal data;
- ``analyst``: reads, with personal data (see :data:`PERSONAL_FIELDS`: what the
  domain's table, :mod:`kamgraph.domain.properties`, marks personal);
- ``editor``: analyst, and writes;
- ``admin``: editor, and deleteNodes, erasePerson, personalData, auditLog.

:data:`REQUIREMENTS` maps a ``(type, field)`` of the schema to the least role
that may select it; a field not listed needs ``viewer`` (on ``Query`` and the
object types) or ``editor`` (on ``Mutation``). The check is made on the
document before anything executes (:mod:`kamgraph.api.auth.access`), by the type
that owns the field, so it holds on every path that reaches the field:
``node(id)``, ``search``, connections, nested lists, analyses, fragments.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from kamgraph.domain.model import NODE_PROPS, REL_SPECS, NodeKind, RelationshipKind


class Role(enum.IntEnum):
    """A role; a higher value may do everything a lower one may.

    >>> Role.parse("Editor") >= Role.ANALYST
    True
    """

    VIEWER = 1
    ANALYST = 2
    EDITOR = 3
    ADMIN = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Role:
        """The role named ``text`` (any case); ``ValueError`` naming the roles otherwise."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = ", ".join(r.label for r in cls)
            raise ValueError(f"unknown role {text!r} (one of: {names})") from None


@dataclass(frozen=True, slots=True)
class Principal:
    """Who sends a request: the actor recorded in the audit log, and their role."""

    actor: str
    role: Role

    def may(self, needed: Role) -> bool:
        return self.role >= needed


#: the open service (no keys configured, bound to loopback)
ANONYMOUS = Principal("anonymous", Role.ADMIN)

#: The fields of the schema that show a property or a relationship of the domain
#: under a type of its own: (type, field) -> (kind, property; None: that the
#: relationship holds). A Person's own fields are its properties, an
#: Acquaintance's those of its KNOWS tie.
SHOWN_AS: Mapping[tuple[str, str], tuple[RelationshipKind, str | None]] = {
    ("Person", "interests"): (RelationshipKind.INTERESTED_IN, None),
    ("Interest", "people"): (RelationshipKind.INTERESTED_IN, None),
    # analyses: a viewer sees the people, not what they like or how well they are known
    ("Icebreaker", "interests"): (RelationshipKind.INTERESTED_IN, None),
    ("StaleTie", "strength"): (RelationshipKind.KNOWS, "strength"),
    ("StaleTie", "lastContact"): (RelationshipKind.KNOWS, "lastContact"),
    # a hop's strength is its KNOWS strength; its `via` may be the interest two people share
    ("PathStep", "strength"): (RelationshipKind.KNOWS, "strength"),
    ("PathStep", "via"): (RelationshipKind.INTERESTED_IN, None),
}


def _personal(kind: RelationshipKind, prop: str | None) -> bool:
    spec = REL_SPECS[kind]
    return spec.personal if prop is None else spec.props[prop].personal


#: fields that show personal data (what the domain's table marks personal): analyst and up
PERSONAL_FIELDS: frozenset[tuple[str, str]] = frozenset(
    {("Person", name) for name, spec in NODE_PROPS[NodeKind.PERSON].items() if spec.personal}
    | {
        ("Acquaintance", name)
        for name, spec in REL_SPECS[RelationshipKind.KNOWS].props.items()
        if spec.personal
    }
    | {field for field, (kind, prop) in SHOWN_AS.items() if _personal(kind, prop)}
)

#: analyses whose answer is made of personal data (shared interests): analyst and up
PERSONAL_ANALYSES: frozenset[tuple[str, str]] = frozenset({("Query", "icebreakers")})

#: arguments that filter by personal data, so that the answer would tell it:
#: ``(type, field, argument path)``, analyst and up (see docs/security.md)
PERSONAL_ARGUMENTS: Mapping[tuple[str, str, str], Role] = {
    ("Query", "people", "filter.interestId"): Role.ANALYST,
    ("Person", "knows", "minStrength"): Role.ANALYST,
}

#: admin-only operations
ADMIN_FIELDS: frozenset[tuple[str, str]] = frozenset(
    {
        ("Mutation", "deleteNodes"),
        ("Mutation", "erasePerson"),
        ("Query", "personalData"),
        ("Query", "auditLog"),
    }
)

REQUIREMENTS: Mapping[tuple[str, str], Role] = {
    **dict.fromkeys(PERSONAL_FIELDS, Role.ANALYST),
    **dict.fromkeys(PERSONAL_ANALYSES, Role.ANALYST),
    **dict.fromkeys(ADMIN_FIELDS, Role.ADMIN),
}


def required_role(type_name: str, field_name: str) -> Role:
    """The least role that may select ``field_name`` of ``type_name``.

    >>> required_role("Person", "name").label, required_role("Person", "email").label
    ('viewer', 'analyst')
    >>> required_role("Mutation", "upsertPeople").label, required_role("Query", "auditLog").label
    ('editor', 'admin')
    """
    needed = REQUIREMENTS.get((type_name, field_name))
    if needed is not None:
        return needed
    return Role.EDITOR if type_name == "Mutation" else Role.VIEWER
