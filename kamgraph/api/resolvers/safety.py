"""The Safety operations: ``auditLog``, ``personalData`` and ``erasePerson`` (admin only;
the role check is :mod:`kamgraph.api.auth.access`, by :data:`kamgraph.api.auth.roles.ADMIN_FIELDS`)."""

from __future__ import annotations

import datetime as dt
from typing import cast

import strawberry
from strawberry.scalars import JSON

from kamgraph.api.loaders import Info
from kamgraph.api.privacy import personal_data
from kamgraph.api.schema.connections import PageInfo
from kamgraph.api.schema.fields import field, mutation
from kamgraph.api.schema.paging import check_first, decode_cursor, encode_cursor
from kamgraph.domain import model as domain
from kamgraph.domain.errors import InvalidArgumentError
from kamgraph.domain.model import AuditInfo

#: the version tag of an audit log cursor (the sequence number of the last entry seen)
AUDIT = "a1:"


def encode_audit_cursor(seq: int) -> str:
    """The opaque cursor after the audit entry ``seq``.

    >>> decode_audit_cursor(encode_audit_cursor(42))
    42
    """
    return encode_cursor(str(seq), AUDIT)


def decode_audit_cursor(cursor: str | None) -> int | None:
    """The sequence number in a cursor of :func:`encode_audit_cursor`; ``BAD_USER_INPUT`` otherwise."""
    seq = decode_cursor(cursor, tag=AUDIT, source="auditLog")
    if seq is not None and not seq.isdigit():
        raise InvalidArgumentError("after", "is not a cursor returned by auditLog")
    return None if seq is None else int(seq)


def check_since(since: str | None) -> str | None:
    """``since`` if it is an ISO-8601 date or timestamp.

    >>> check_since("2025-01-31"), check_since("2025-01-31T10:00:00Z")
    ('2025-01-31', '2025-01-31T10:00:00Z')
    """
    if since is None:
        return None
    try:
        dt.datetime.fromisoformat(since)
    except ValueError:
        raise InvalidArgumentError("since", "must be an ISO-8601 date or timestamp") from None
    return since


@strawberry.type(description="One write: when, by whom (the API key's name), which operation, which ids.")
class AuditEntry:
    at: str
    actor: str
    operation: str
    ids: list[strawberry.ID]

    @classmethod
    def of(cls, e: domain.AuditEntry) -> AuditEntry:
        return cls(at=e.at, actor=e.actor, operation=e.operation, ids=[strawberry.ID(i) for i in e.ids])


@strawberry.type
class AuditEdge:
    cursor: str
    node: AuditEntry


@strawberry.type
class AuditConnection:
    edges: list[AuditEdge]
    pageInfo: PageInfo
    totalCount: int


@strawberry.type
class SafetyQueries:
    @field("The audit log, newest first (admin).")
    async def audit_log(
        self,
        info: Info,
        first: int | None = 50,
        after: str | None = None,
        actor: str | None = None,
        since: str | None = None,
    ) -> AuditConnection:
        ctx = info.context
        n = check_first(50 if first is None else first, ctx.settings.limits.max_first)
        entries, has_next, total = await ctx.store.audit_log(
            n, decode_audit_cursor(after), actor, check_since(since)
        )
        edges = [AuditEdge(cursor=encode_audit_cursor(e.seq), node=AuditEntry.of(e)) for e in entries]
        return AuditConnection(
            edges=edges,
            pageInfo=PageInfo.of([e.cursor for e in edges], has_next),
            totalCount=total,
        )

    @field("Everything held on a person, as JSON; null when no person has the id (admin).")
    async def personal_data(self, info: Info, id: strawberry.ID) -> JSON | None:
        data = await personal_data(info.context.store, str(id))
        return None if data is None else cast(JSON, data)


@strawberry.type
class SafetyMutations:
    @mutation(
        "Erase a person: the node, all their relationships and personal properties; the audit "
        "entry keeps only the id (admin). Returns whether the person existed."
    )
    async def erase_person(self, info: Info, id: strawberry.ID) -> bool:
        ctx = info.context
        existed = await ctx.store.erase_person(str(id), AuditInfo(actor=ctx.actor, operation="erasePerson"))
        ctx.reset_loaders()
        return existed
